"""Axis ticks in the display calendar: at the starts of Jalali, Hijri or Julian years,
months and days, with that calendar's month names.

The rules are axis.py's `ticks()` (the same units and steps, the same labels) with
the calendar's own boundaries. assets/calendar-ticks.js does the same in the
browser: Jalali and Julian by the same arithmetic as dates/calendars.py, Hijri from
the table of Umm al-Qura month lengths that `axis_entry()` puts in the axis data
file, since the browser's own Umm al-Qura calendar (ICU's) disagrees with
hijridate's on many months. A view the calendar cannot cover (before its epoch,
beyond the Hijri table, Julian views that reach past the Gregorian reform) gets
Gregorian ticks, so the axis and the date labels agree on which calendar is used.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

from timeline.dates import calendars
from timeline.dates.display import GREGORIAN_REFORM, digits, month_name
from timeline.dates.labels import year_label

# The calendar years ticks can be drawn for: Jalali's arithmetic holds for 1–3177,
# hijridate's Umm al-Qura tables for 1343–1500 AH; Julian as far as the axis goes.
YEARS = {"jalali": (1, 3177), "hijri": (1343, 1500), "julian": (-9999, 9999)}


@dataclass(frozen=True)
class TickCalendar:
    """The calendar of the ticks, with its month names and digits in the site's locale."""

    name: str
    months: tuple[str, ...]
    locale: str = "en"


@functools.lru_cache(maxsize=16)
def for_display(calendar: str, locale: str) -> TickCalendar | None:
    """The tick calendar of a display calendar, or None for Gregorian."""
    if calendar not in YEARS:
        return None
    if calendar == "julian":  # the Gregorian month names, abbreviated as Gregorian ticks are
        from babel import Locale

        short = Locale.parse(locale.replace("-", "_")).months["format"]["abbreviated"]
        return TickCalendar(calendar, tuple(str(short[month]) for month in range(1, 13)), locale)
    names = tuple(month_name(calendar, month, locale) for month in range(1, 13))
    return TickCalendar(calendar, names, locale)


def axis_entry(calendar: TickCalendar) -> dict[str, Any]:
    """The `cal` entry of axis.json: what calendar-ticks.js needs to draw the same ticks."""
    entry: dict[str, Any] = {"name": calendar.name, "months": list(calendar.months)}
    zero = digits("0", calendar.locale)
    if zero != "0":
        entry["zero"] = zero
    if calendar.name == "hijri":
        first, last = YEARS["hijri"]
        entry["first"] = [first, calendars.to_days("hijri", first, 1, 1)]
        # One character a month, the last digit of its length: '9' or '0' (29 or 30
        # days), and '8' or '1' for the few 28- and 31-day months of the 1920s-40s records.
        entry["lengths"] = "".join(
            str(calendars.month_length("hijri", year, month))[-1]
            for year in range(first, last + 1)
            for month in range(1, 13)
        )
    return entry


def _covers(calendar: str, lo: float, hi: float) -> bool:
    if calendar == "julian" and hi >= GREGORIAN_REFORM:
        return False
    first, last = YEARS[calendar]
    try:
        low = calendars.from_days(calendar, math.floor(lo))[0]
        high = calendars.from_days(calendar, math.ceil(hi))[0]
    except ValueError:
        return False
    return first <= low and high <= last


def ticks(
    lo: float, hi: float, unit: str, step: int, calendar: TickCalendar
) -> list[tuple[float, str]] | None:
    """(day, label) of each tick at ``unit``/``step``, or None to use Gregorian ticks."""
    name = calendar.name
    if not _covers(name, lo, hi):
        return None
    found: list[tuple[float, str]] = []
    first_year, last_year = YEARS[name]
    low_year = max(first_year, calendars.from_days(name, math.floor(lo))[0] - 1)
    high_year = min(last_year, calendars.from_days(name, math.ceil(hi))[0] + 1)

    def start(year: int, month: int) -> int:
        return calendars.to_days(name, year, month, 1)

    def year_text(year: int, with_era: bool = False) -> str:
        return year_label(year, with_era) if name == "julian" else str(year)

    if unit == "year":
        bc = low_year <= 0
        h = math.floor(_historical(low_year) / step) * step
        while True:
            # As axis.py counts Gregorian years: no year 0, "AD 1" for round steps.
            year = (1 if step >= 10 else None) if h == 0 else h if h > 0 else h + 1
            h += step
            if year is None or year < first_year:
                continue
            if year > high_year:
                break
            at = start(year, 1)
            if lo <= at <= hi:
                found.append((at, year_text(year, bc and year < 1000)))
    elif unit == "month":
        year, month, _day = calendars.from_days(name, math.floor(lo))
        month = month - (month - 1) % step
        while year <= high_year:
            at = start(year, month)
            if at > hi:
                break
            if at >= lo:
                text = calendar.months[month - 1]
                if month == 1 or not found:
                    text += " " + year_text(year)
                found.append((at, text))
            month += step
            if month > 12:
                year, month = year + 1, month - 12
    else:
        day = math.floor(lo)
        while day <= hi:
            year, month, dom = calendars.from_days(name, day)
            names = calendar.months[month - 1]
            if unit == "day":
                length = calendars.month_length(name, year, month)
                keep = dom == 1 or ((dom - 1) % step == 0 and length - dom + 1 > step / 2)
                if keep and day >= lo:
                    text = f"{dom} {names}"
                    if not found or (dom == 1 and month == 1):
                        text += " " + year_text(year)
                    found.append((day, text))
            else:
                for hour in range(0, 24, step):
                    moment = day + hour / 24
                    if lo <= moment <= hi:
                        if hour == 0 or not found:
                            text = f"{dom} {names} {year_text(year)}"
                            text = text if hour == 0 else f"{hour:02d}:00 {text}"
                        else:
                            text = f"{hour:02d}:00"
                        found.append((moment, text))
            day += 1
    return [(at, digits(text, calendar.locale)) for at, text in found]


def _historical(year: int) -> int:
    return year if year > 0 else year - 1
