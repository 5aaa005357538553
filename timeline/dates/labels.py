"""EventDate out: EDTF, the English display label, Babel labels, HTML datetime values."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from timeline.dates.calendars import calendar_label
from timeline.dates.moment import (
    MAX_YEAR,
    OPEN,
    SEASONS,
    Moment,
    Precision,
    format_offset,
    format_year,
)

if TYPE_CHECKING:  # model.py imports this module: at run time, dates are only read here
    from timeline.dates.model import EventDate

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_SEASON_CODES = {3: 21, 6: 22, 9: 23, 12: 24}


# EDTF ---------------------------------------------------------------------------------


def _qualifier_mark(date: EventDate) -> str:
    if date.approximate and date.uncertain:
        return "%"
    return "~" if date.approximate else "?" if date.uncertain else ""


def edtf(date: EventDate) -> str:
    """The EDTF text: '2025-01', '1990~', '199X', '19XX', '2025-21', '-0043', 'a/b', '2022/..'."""
    notation = date.notation
    if notation is not None and notation[0] in "[{":  # a set says its own open ends
        return notation
    text = notation if notation is not None else _edtf_core(date)
    if date.open_start is not None:
        text = (".." if date.open_start == OPEN else "") + "/" + text
    if date.open_end is not None:
        text += "/" + (".." if date.open_end == OPEN else "")
    return text


def edtf_year(year: int) -> str:
    """A year as EDTF writes it: '2025', '-0043', and 'Y170000002' beyond four digits."""
    return format_year(year) if -9999 <= year <= 9999 else f"Y{year}"


def _edtf_core(date: EventDate) -> str:
    if date.start is not None and date.end is not None:
        start, end = edtf(date.start), edtf(date.end)
        if "/" in start or "/" in end:  # months and years of another calendar
            return f"{date.lower.iso()}/{date.upper.iso()}"
        return f"{start}/{end}"
    mark = _qualifier_mark(date)
    lower = date.lower
    if date.calendar != "gregorian" and date.precision.coarseness > Precision.DAY.coarseness:
        # A Jalali or Hijri month or year is a run of Gregorian days.
        return f"{lower.iso()}{mark}/{date.upper.iso()}{mark}"
    year = edtf_year(lower.year)
    precision = date.precision
    if precision is Precision.MINUTE:
        offset = "" if lower.offset is None else format_offset(lower.offset)
        seconds = "" if lower.second is not None else ":00"
        text = f"{lower.iso()[: -len(offset) or None]}{seconds}{offset}"
    elif precision is Precision.DAY:
        text = lower.iso()
    elif precision is Precision.MONTH:
        text = f"{year}-{lower.month:02d}"
    elif precision is Precision.SEASON:
        text = f"{year}-{_SEASON_CODES[lower.month]}"
    elif precision is Precision.QUARTER:
        text = f"{year}-{33 + (lower.month - 1) // 3}"
    elif precision is Precision.QUADRIMESTER:
        text = f"{year}-{37 + (lower.month - 1) // 4}"
    elif precision is Precision.SEMESTER:
        text = f"{year}-{40 + (lower.month - 1) // 6}"
    elif precision is Precision.YEAR:
        text = year
    elif precision is Precision.DECADE:
        text = year[:-1] + "X"
    elif precision is Precision.CENTURY:
        # -04XX is the years -400 to -499: 500 to 401 BC
        text = year[:-2] + "XX" if lower.year >= 0 else f"-{(1 - lower.year) // 100 - 1:02d}XX"
    elif precision is Precision.DEEP_TIME:
        text = f"{year}/{edtf_year(date.upper.year)}"
    elif lower.year >= 0:
        text = year[:-3] + "XXX"
    else:
        text = f"-{(1 - lower.year) // 1000 - 1}XXX"
    return text + mark


# English ------------------------------------------------------------------------------


def year_label(year: int, with_era: bool = False) -> str:
    """An astronomical year as readers write it: '2025', '44 BC' (0 is 1 BC), '10,000 BC'.

    'AD 79' below 1000, so it cannot pass for a day, and always with `with_era`
    (the axis says 'AD 1000' when BC years are in view).
    """
    if year <= 0:
        return f"{1 - year} BC" if year > -9999 else f"{1 - year:,} BC"
    return f"AD {year}" if with_era or year < 1000 else str(year)


def ordinal(number: int) -> str:
    """'1st', '2nd', '3rd', '4th', '11th', '21st'."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def _day(moment: Moment) -> str:
    return f"{moment.day} {MONTH_NAMES[moment.month - 1]} {year_label(moment.year)}"


def day_range(lower: Moment, upper: Moment) -> str:
    """'21–22 April 2025', '21 April – 3 May 2025', '21 April 2024 – 3 May 2025'."""
    if lower.year != upper.year:
        return f"{_day(lower)} – {_day(upper)}"
    if lower.month != upper.month:
        return f"{lower.day} {MONTH_NAMES[lower.month - 1]} – {_day(upper)}"
    if lower.day != upper.day:
        return f"{lower.day}–{_day(upper)}"
    return _day(lower)


def _core(date: EventDate) -> str:
    """The English label of a single Gregorian date, without qualifiers."""
    lower, precision = date.lower, date.precision
    year = lower.year
    if precision is Precision.MINUTE:
        text = f"{_day(lower)}, {lower.hour:02d}:{lower.minute:02d}"
        if lower.second is not None:
            text += f":{lower.second:02d}"
        if lower.offset is not None:
            text += " (UTC)" if lower.offset == 0 else f" (UTC{format_offset(lower.offset)})"
        return text
    if precision is Precision.DAY:
        return _day(lower)
    if precision is Precision.MONTH:
        return f"{MONTH_NAMES[lower.month - 1]} {year_label(year)}"
    if precision is Precision.SEASON:
        season = SEASONS[_SEASON_CODES[lower.month]]
        if season == "winter" and year >= 1000:  # it runs into the next year: say so
            following = year + 1
            tail = f"{following % 100:02d}" if following // 100 == year // 100 else str(following)
            return f"winter {year}–{tail}"
        return f"{season} {year_label(year)}"
    if precision is Precision.QUARTER:
        return f"Q{(lower.month + 2) // 3} {year_label(year)}"
    if precision is Precision.QUADRIMESTER:
        third = ("first", "second", "third")[(lower.month - 1) // 4]
        return f"{third} four months of {year_label(year)}"
    if precision is Precision.SEMESTER:
        return f"H{(lower.month + 5) // 6} {year_label(year)}"
    if precision is Precision.YEAR:
        return year_label(year)
    if precision is Precision.DECADE:
        if year < 0:
            return f"{1 - year}–{1 - date.upper.year} BC"
        if year % 100 == 0:  # '1800s' would read as the century
            return f"{year_label(year)}–{date.upper.year}"
        return f"{year}s" if year >= 100 else f"AD {year}s"
    if precision is Precision.CENTURY:
        if year >= 0:
            return f"{ordinal(year // 100 + 1)} century"
        return f"{ordinal((1 - year) // 100)} century BC"
    if precision is Precision.DEEP_TIME:
        return f"{year_label(year)} – {year_label(date.upper.year)}"
    if year >= 0:
        return f"{ordinal(year // 1000 + 1)} millennium"
    return f"{ordinal((1 - year) // 1000)} millennium BC"


def _qualified(text: str, date: EventDate, approximate_mark: str = "c. ") -> str:
    return (approximate_mark if date.approximate else "") + text + ("?" if date.uncertain else "")


def _single(date: EventDate) -> str:
    if date.wording is not None:
        return date.wording
    if date.calendar != "gregorian" and date.calendar_date is not None:
        if date.precision is Precision.DAY:
            gregorian = _day(date.lower)
        elif date.precision is Precision.MINUTE:
            gregorian = f"{_day(date.lower)}, {date.lower.hour:02d}:{date.lower.minute:02d}"
        else:
            gregorian = day_range(date.lower, date.upper)
        return f"{calendar_label(date.calendar, date.calendar_date)} ({gregorian})"
    return _core(date)


def english(date: EventDate) -> str:
    """The English label at the true precision (see the date guide for every form)."""
    if date.notation is not None and date.notation[0] in "[{" and date.wording:
        return date.wording  # a set says its own open ends
    text = _english(date)
    if date.open_end is not None:
        return f"since {text}" if date.open_end == OPEN else f"{text} – unknown"
    if date.open_start is not None:
        return f"until {text}" if date.open_start == OPEN else f"unknown – {text}"
    return text


def _english(date: EventDate) -> str:
    if date.wording is not None:
        return date.wording
    start, end = date.start, date.end
    if start is None or end is None:
        return _qualified(_single(date), date)
    same_qualifiers = (start.approximate, start.uncertain) == (end.approximate, end.uncertain)
    if not same_qualifiers:
        return f"{english(start)} – {english(end)}"
    return _qualified(_span_core(start, end), start)


def _span_core(start: EventDate, end: EventDate) -> str:
    gregorian = start.calendar == end.calendar == "gregorian"
    lower, upper = start.lower, end.upper
    if gregorian and start.precision is end.precision is Precision.DAY:
        return day_range(lower, upper)
    if (
        gregorian
        and start.precision is end.precision is Precision.MONTH
        and lower.year == upper.year
    ):
        months = f"{MONTH_NAMES[lower.month - 1]}–{MONTH_NAMES[upper.month - 1]}"
        return f"{months} {year_label(upper.year)}"
    first, last = _single(start), _single(end)
    joiner = "–" if " " not in first + last else " – "
    return first + joiner + last


# HTML ---------------------------------------------------------------------------------


def datetime_attr(date: EventDate) -> str | None:
    """The `<time datetime>` value at the true precision, or None when HTML has none."""
    if date.start is not None:
        return datetime_attr(date.start)
    lower, precision = date.lower, date.precision
    if lower.year < 1 or lower.year > MAX_YEAR:
        return None
    if date.notation is not None and date.notation[0] in "[{":
        return None
    if date.calendar != "gregorian" and precision.coarseness > Precision.DAY.coarseness:
        return None
    if precision in (Precision.MINUTE, Precision.DAY):
        return lower.iso()
    if precision is Precision.MONTH:
        return f"{lower.year:04d}-{lower.month:02d}"
    if precision is Precision.YEAR:
        return f"{lower.year:04d}"
    return None


# Babel --------------------------------------------------------------------------------


def localised(date: EventDate, locale: str) -> str:
    """The label in a Babel locale; English ('en') is `english()` exactly."""
    if locale == "en" or date.wording is not None or date.is_open:
        return english(date)  # what CLDR has no pattern for is said in English
    if date.lower.year > MAX_YEAR or date.upper.year > MAX_YEAR:
        return english(date)
    from babel import Locale, UnknownLocaleError

    try:
        babel_locale = Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as error:
        raise ValueError(f"unknown locale {locale!r}") from error
    return _babel(date, babel_locale)


def _babel(date: EventDate, locale: Any) -> str:
    start, end = date.start, date.end
    if start is None or end is None:
        return _qualified(_babel_single(date, locale), date, "~")
    if (start.approximate, start.uncertain) != (end.approximate, end.uncertain):
        return f"{_babel(start, locale)} – {_babel(end, locale)}"
    skeleton = _SKELETONS.get(start.precision)
    if (
        skeleton
        and start.precision is end.precision
        and start.calendar == end.calendar == "gregorian"
        and start.lower.year >= 1
        and start.precision is not Precision.MINUTE
    ):
        from babel.dates import format_interval

        text = str(
            format_interval(
                _as_date(start.lower), _as_date(end.upper), skeleton=skeleton, locale=locale
            )
        )
    else:
        text = f"{_babel_single(start, locale)} – {_babel_single(end, locale)}"
    return _qualified(text, start, "~")


_SKELETONS = {Precision.DAY: "yMMMMd", Precision.MONTH: "yMMMM", Precision.YEAR: "y"}


def _as_date(moment: Moment) -> datetime.date:
    return datetime.date(moment.year, moment.month, moment.day)


def _babel_single(date: EventDate, locale: Any) -> str:
    from babel.dates import format_interval, format_skeleton

    lower, upper, precision = date.lower, date.upper, date.precision
    if date.calendar != "gregorian" and date.calendar_date is not None:
        if precision is Precision.DAY:
            inner = _babel_day(lower, locale)
        else:
            inner = str(format_interval(_as_date(lower), _as_date(upper), "yMMMMd", locale=locale))
        own = calendar_label(date.calendar, date.calendar_date, locale.language)
        return f"{own} ({inner})"
    if lower.year < 1:
        return _babel_before_ad(date, locale)
    if precision is Precision.MINUTE:
        from babel.dates import format_time

        day = str(format_skeleton("yMMMMd", _as_date(lower), locale=locale))
        time = datetime.time(lower.hour or 0, lower.minute or 0)
        text = f"{day}, {format_time(time, 'short', locale=locale)}"
        if lower.offset is not None:
            text += " (UTC)" if lower.offset == 0 else f" (UTC{format_offset(lower.offset)})"
        return text
    skeleton = _SKELETONS.get(precision)
    if skeleton:
        return str(format_skeleton(skeleton, _as_date(lower), locale=locale))
    if precision is Precision.QUARTER:
        return str(format_skeleton("yQQQ", _as_date(lower), locale=locale))
    if precision in (Precision.SEASON, Precision.QUADRIMESTER, Precision.SEMESTER):
        return str(format_interval(_as_date(lower), _as_date(upper), "yMMMM", locale=locale))
    # Decades and centuries have no CLDR pattern: the years say it in any language.
    return f"{lower.year}–{upper.year}"


def _babel_day(moment: Moment, locale: Any) -> str:
    """A Gregorian day in a locale, also before AD 1."""
    if moment.year < 1:
        month = locale.months["format"]["wide"][moment.month]
        return f"{moment.day} {month} {1 - moment.year} {locale.eras['abbreviated'][0]}"
    from babel.dates import format_skeleton

    return str(format_skeleton("yMMMMd", _as_date(moment), locale=locale))


def _babel_before_ad(date: EventDate, locale: Any) -> str:
    """Years before AD 1, which Babel's datetime-based formatting cannot hold."""
    era = locale.eras["abbreviated"][0]
    lower, upper = date.lower, date.upper
    year = f"{1 - lower.year} {era}"
    if date.precision in (Precision.DAY, Precision.MINUTE):
        return f"{lower.day} {locale.months['format']['wide'][lower.month]} {year}"
    if date.precision is Precision.MONTH:
        return f"{locale.months['stand-alone']['wide'][lower.month]} {year}"
    if date.precision is Precision.YEAR:
        return year
    return f"{1 - lower.year}–{1 - upper.year} {era}"
