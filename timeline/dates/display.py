"""Dates shown in a reader's calendar: Jalali (Solar Hijri), Hijri or Julian, honestly.

A date keeps its Gregorian bounds; here they are shown in another calendar at the
precision they really have. A day is a day ('1 Farvardin 1404'). Anything coarser
is shown as the months (or years) of that calendar it touches: January 2025 runs
from 12 Dey to 12 Bahman 1403, so it is 'Dey–Bahman 1403', and the year 2025 is
'1403–1404'; nothing is narrowed to a month or year it does not fill. Dates the
calendar cannot hold (before its epoch, beyond the Umm al-Qura tables, deep time)
and dates worded by their reader (sets, unspecified digits) keep the Gregorian label.

Babel's CLDR data has only Gregorian month names, so the Jalali and Hijri names are
CLDR 48's (as ICU 78.2 ships them), for the locales the site is translated into;
Julian months are Babel's Gregorian names. Digits follow the locale's default
numbering system in CLDR (Persian digits for 'fa', Arabic-Indic for 'ar_EG').
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from timeline.dates.calendars import MONTHS, from_days
from timeline.dates.moment import OPEN, Moment, Precision, days_from_civil, format_offset

if TYPE_CHECKING:
    from timeline.dates.model import EventDate

DISPLAY_CALENDARS = ("gregorian", "jalali", "hijri", "julian")
# With `julian`, days before the Gregorian reform (15 October 1582) are shown Old Style.
GREGORIAN_REFORM = days_from_civil(1582, 10, 15)

# (day, month, year) patterns by language; the rest write '1 Farvardin 1404', 'Farvardin 1404'.
_PATTERNS = {
    "de": ("{d}. {m} {y}", "{m} {y}", "{y}"),
    "es": ("{d} de {m} de {y}", "{m} de {y}", "{y}"),
    "zh": ("{y}年{m}{d}日", "{y}年{m}", "{y}年"),
}
_DEFAULT_PATTERNS = ("{d} {m} {y}", "{m} {y}", "{y}")
# The zero of each CLDR numbering system a locale in Babel may default to.
_ZEROS = {"arab": "٠", "arabext": "۰", "beng": "০", "deva": "०", "mymr": "၀", "thai": "๐"}


@dataclasses.dataclass(frozen=True)
class DisplayCalendar:
    """Which calendar dates are shown in, and whether the Gregorian date goes beside it."""

    calendar: str = "gregorian"
    gregorian_too: bool = False


GREGORIAN = DisplayCalendar()


def calendar_for(setting: str, locale: str) -> str:
    """The `display_calendar` setting made definite: `auto` is Jalali for Persian.

    Persian readers date by the Solar Hijri calendar; most Arabic-speaking countries
    print Gregorian dates, so `auto` leaves them Gregorian.
    """
    if setting != "auto":
        return setting
    return "jalali" if locale.replace("-", "_").split("_")[0] == "fa" else "gregorian"


def month_name(calendar: str, month: int, locale: str = "en") -> str:
    """A month's name in a locale: CLDR's for Jalali and Hijri, Babel's for Julian."""
    language = locale.replace("-", "_").split("_")[0]
    if calendar == "julian":
        from babel import Locale

        return str(Locale.parse(locale.replace("-", "_")).months["format"]["wide"][month])
    names = MONTHS[calendar]
    return names.get(language, names["en"])[month - 1]


def digits(text: str, locale: str) -> str:
    """Text with its ASCII digits in the locale's own digits, where CLDR says it has them."""
    from babel import Locale

    zero = _ZEROS.get(Locale.parse(locale.replace("-", "_")).default_numbering_system)
    if zero is None:
        return text
    return text.translate({ord("0") + n: chr(ord(zero) + n) for n in range(10)})


def shown(date: EventDate, locale: str = "en", display: DisplayCalendar = GREGORIAN) -> str:
    """The label of a date in the display calendar (the Gregorian label when it cannot be).

    Args:
        date: the date, at its true precision.
        locale: a Babel locale name such as 'en', 'fa' or 'ar_EG'.
        display: the calendar to show it in, and whether the Gregorian date goes beside it.

    Returns:
        '1 Farvardin 1404', 'Dey–Bahman 1403', '1403–1404', with the locale's digits.
    """
    if display.calendar == "gregorian":
        return date.label(locale)
    own = _label(date, locale, display.calendar)
    if own is None:
        return date.label(locale)
    if display.gregorian_too:
        own = f"{own} ({_gregorian(date).label(locale)})"
    return digits(own, locale)


def _gregorian(date: EventDate) -> EventDate:
    """The date as Gregorian days, without its qualifiers and open ends (said once, before)."""
    from timeline.dates.model import EventDate

    if date.start is not None and date.end is not None:
        start, end = _gregorian(date.start), _gregorian(date.end)
        return dataclasses.replace(date, start=start, end=end, **_PLAIN)
    if date.calendar == "gregorian":
        return dataclasses.replace(date, **_PLAIN)
    # A month or year of another calendar is a run of Gregorian days: say which.
    lower, upper = date.lower, date.upper
    first = EventDate(date.text, lower, lower, Precision.DAY)
    if lower.days() == upper.days():
        return (
            first
            if date.precision is Precision.DAY
            else dataclasses.replace(first, precision=date.precision)
        )
    last = EventDate(date.text, upper, upper, Precision.DAY)
    return EventDate(date.text, lower, upper, Precision.DAY, start=first, end=last)


_PLAIN: dict[str, Any] = {
    "approximate": False,
    "uncertain": False,
    "open_start": None,
    "open_end": None,
}


def _label(date: EventDate, locale: str, calendar: str) -> str | None:
    if date.wording is not None or (date.notation is not None and date.notation[:1] in "[{"):
        return None
    start, end = date.start, date.end
    if start is not None and end is not None:
        first, last = _label(start, locale, calendar), _label(end, locale, calendar)
        if first is None or last is None:
            return None
        text = _days(start, end, locale, calendar) or f"{first} – {last}"
    else:
        core = _single(date, locale, calendar)
        if core is None:
            return None
        text = ("c. " if _english(locale) else "~") * date.approximate + core
        text += "?" * date.uncertain
    # As english() says them; other languages get marks that need no words.
    ends = _OPEN_WORDS if _english(locale) else _OPEN_MARKS
    if date.open_end is not None:
        return ends[date.open_end == OPEN].format(text)
    if date.open_start is not None:
        return ends[2 + (date.open_start == OPEN)].format(text)
    return text


def _english(locale: str) -> bool:
    return _language(locale) == "en"


def _language(locale: str) -> str:
    return locale.replace("-", "_").split("_")[0]


# Open or unknown end, then open or unknown start: [unknown end, open end, unknown start, ...].
_OPEN_WORDS = ("{} – unknown", "since {}", "unknown – {}", "until {}")
_OPEN_MARKS = ("{} – ?", "{} – …", "? – {}", "… – {}")


def _single(date: EventDate, locale: str, calendar: str) -> str | None:
    if date.precision is Precision.DEEP_TIME:
        return None
    if calendar == "julian" and date.lower.days() >= GREGORIAN_REFORM:
        return None  # New Style already: the Gregorian label says it
    if date.calendar == calendar and date.calendar_date is not None:
        year, month, day = date.calendar_date  # as written: its own precision exactly
        first = last = (year, month or 1, day or 1)
        precision = Precision.DAY if day else Precision.MONTH if month else Precision.YEAR
        if not month:
            last = (year, 12, 1)
        elif not day:
            last = first
    else:
        try:
            first = from_days(calendar, date.lower.days())
            last = from_days(calendar, date.upper.days())
        except ValueError:
            return None  # before the calendar's epoch, or beyond its tables
        precision = date.precision
    text = _text(first, last, precision, locale, calendar)
    if precision is Precision.MINUTE:
        text += _time(date.lower)
    return text + (" O.S." if calendar == "julian" else "")


def _days(start: EventDate, end: EventDate, locale: str, calendar: str) -> str | None:
    """'21–22 Farvardin 1404': two days of one month, when both ends are plain days."""
    plain = (start.approximate, start.uncertain, end.approximate, end.uncertain) == (0, 0, 0, 0)
    if not plain or not start.precision is end.precision is Precision.DAY:
        return None
    if calendar == "julian" and end.lower.days() >= GREGORIAN_REFORM:
        return None
    try:
        first = from_days(calendar, start.lower.days())
        last = from_days(calendar, end.lower.days())
    except ValueError:
        return None
    if first[:2] != last[:2] or first[2] >= last[2]:
        return None
    day_pattern = _PATTERNS.get(_language(locale), _DEFAULT_PATTERNS)[0]
    days = f"{first[2]}–{last[2]}" if "{d}." not in day_pattern else f"{first[2]}.–{last[2]}"
    text = day_pattern.format(
        d=days, m=month_name(calendar, first[1], locale), y=_year(first[0], locale, calendar)
    )
    return text + (" O.S." if calendar == "julian" else "")


def _year(year: int, locale: str, calendar: str) -> str:
    """A year of the calendar; Julian years before AD 1 with the locale's BC."""
    if year > 0:
        return str(year)
    from babel import Locale

    era = Locale.parse(locale.replace("-", "_")).eras["abbreviated"][0]
    return f"{1 - year} {era}"


def _text(
    first: tuple[int, int, int],
    last: tuple[int, int, int],
    precision: Precision,
    locale: str,
    calendar: str,
) -> str:
    """A day, the months from first to last, or the years from first to last."""
    day_pattern, month_pattern, year_pattern = _PATTERNS.get(_language(locale), _DEFAULT_PATTERNS)
    low, high = _year(first[0], locale, calendar), _year(last[0], locale, calendar)

    def month(ymd: tuple[int, int, int]) -> str:
        return month_name(calendar, ymd[1], locale)

    if precision in (Precision.MINUTE, Precision.DAY):
        return day_pattern.format(d=first[2], m=month(first), y=low)
    if precision.coarseness < Precision.YEAR.coarseness:
        if first[:2] == last[:2]:
            return month_pattern.format(m=month(first), y=low)
        if first[0] == last[0]:
            return month_pattern.format(m=f"{month(first)}–{month(last)}", y=low)
        start = month_pattern.format(m=month(first), y=low)
        return f"{start} – {month_pattern.format(m=month(last), y=high)}"
    return year_pattern.format(y=low if low == high else f"{low}–{high}")


def _time(moment: Moment) -> str:
    text = f", {moment.hour:02d}:{moment.minute:02d}"
    if moment.offset is not None:
        text += " (UTC)" if moment.offset == 0 else f" (UTC{format_offset(moment.offset)})"
    return text
