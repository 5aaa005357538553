"""Hand-written readers for forms that need no dateparser, and refusals that must not reach it.

Each reader returns an EventDate, None when the text is not in its form, or
raises DateError when the text is in its form but wrong. English words (month
names, seasons, 'century') are read only when English is configured; notation
(1990s, Q2 2025, 44 BC, 03/04/2025) in any language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.dates.iso import parse_iso, parse_offset
from timeline.dates.labels import MONTH_NAMES, ordinal, year_label
from timeline.dates.model import (
    DEEP_YEARS,
    MAX_YEAR,
    EventDate,
    Precision,
    days_from_civil,
    days_in_month,
    make_date,
)
from timeline.dates.refusals import refuse
from timeline.dates.spans import join
from timeline.errors import DateError


@dataclass(frozen=True, slots=True)
class DateReading:
    """How to read a date text; hashable, so parse results can be cached by it."""

    languages: tuple[str, ...] = ("en",)
    date_order: str | None = None
    as_of: tuple[int, int, int] | None = None
    calendar: str = "gregorian"

    @property
    def english(self) -> bool:
        """Whether English words (month names, 'circa', 'spring') may be read."""
        return "en" in self.languages


MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MON = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = (
    r"(?:(?P<weekday>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?"
    r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?,?\s+)?"
)
_YEAR = r"(?P<year>AD\s*\d{1,4}|\d{1,3}(?:,\d{3})+\s*(?:BCE|BC)|\d{1,12}(?:\s*(?:BCE|BC|AD|CE))?)"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_DAY_MONTH_YEAR = _compile(rf"{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}")
_MONTH_DAY_YEAR = _compile(rf"{_WEEKDAY}{_MON}\s+{_DAY},?\s+{_YEAR}")
_MONTH_YEAR = _compile(rf"{_MON},?\s+(?:of\s+)?{_YEAR}")
_MONTH_DAYS_YEAR = _compile(rf"{_MON}\s+(?P<first>\d{{1,2}})\s*–\s*(?P<last>\d{{1,2}}),?\s+{_YEAR}")
_NO_YEAR = _compile(
    rf"{_WEEKDAY}(?:{_MON}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
    rf"|{_DAY}\s+(?:of\s+)?{_MON.replace('month', 'm')})"
)
_WEEKDAY_ALONE = _compile(r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?")
_NOON = _compile(r"(?P<date>.+?)(?:,\s*|\s+)(?:at\s+)?(?P<word>noon|midday|midnight)")
_TIME = _compile(
    r"(?P<date>.+?)(?:,\s*|\s+)(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?"
    r"\s*(?P<zone>\(\s*(?:UTC|GMT)\s*(?:[+-]\d{1,2}(?::?\d{2})?)?\s*\)"
    r"|(?:UTC|GMT)\s*(?:[+-]\d{1,2}(?::?\d{2})?)?|Z|[+-]\d{2}:?\d{2})?"
)
_ERA_YEAR = _compile(r"AD\s*\d{1,4}|(?:\d{1,3}(?:,\d{3})+|\d{1,12})\s*(?:BCE|BC|AD|CE)")
_DECADE = _compile(r"(?:the\s+)?(?P<ad>AD\s*)?(?P<apostrophe>['’])?(?P<decade>\d{1,3}0)['’]?s")
_CENTURY = _compile(
    r"(?:the\s+)?(?P<number>\d{1,3})(?:(?:st|nd|rd|th)[\s-]+(?:century|c\.)|c\.?|th\s*c\.?)"
    r"(?:\s+(?P<era>BCE|BC|AD|CE))?"
)
_SEASON = _compile(rf"(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR}")
_WINTER_PAIR = _compile(r"winter\s+(?:of\s+)?(?P<first>\d{4})\s*[–/-]\s*(?P<second>\d{2}|\d{4})")
_QUARTER = _compile(rf"Q(?P<quarter>\d)\s*{_YEAR}|(?P<year2>\d{{4}})\s*-?\s*Q(?P<quarter2>\d)")
_HALF = _compile(rf"H(?P<half>\d)\s*{_YEAR}|(?P<year2>\d{{4}})\s*-?\s*H(?P<half2>\d)")
_FOUR_MONTHS = _compile(rf"(?P<third>first|second|third)\s+four\s+months\s+of\s+{_YEAR}")
_MILLENNIUM = _compile(
    r"(?:the\s+)?(?P<number>\d{1,2})(?:st|nd|rd|th)[\s-]+millennium(?:\s+(?P<era>BCE|BC|AD|CE))?"
)
_NUMERIC = re.compile(r"(?P<a>\d{1,4})(?P<sep>[/. \-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})")
NUMBERS_ONLY = re.compile(r"[\d\s/.,:\-+]+")
_MONTH_SLASH_YEAR = re.compile(r"(?P<month>\d{1,2})[/.](?P<year>\d{4})")
_NUMBER = re.compile(r"[+-]?\d+")
_VAGUE_PART = _compile(r"(?:early|mid|late|the\s+(?:early|mid|late))[\s-]+(?P<rest>.+)")

SEASON_CODES = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}


def read_year(text: str, context: str) -> int:
    """The astronomical year of '2025', 'AD 79', '79 CE', '44 BC'; refuses short years."""
    match = re.fullmatch(
        r"(AD)?\s*(\d{1,3}(?:,\d{3})+|\d{1,12})\s*(BCE|BC|AD|CE)?", text.strip(), re.IGNORECASE
    )
    if match is None:  # the callers' patterns only pass years through
        raise ValueError(text)
    prefix, digits, era = match.groups()
    digits = digits.replace(",", "")
    number = int(digits)
    if prefix or era:
        if number == 0:
            refuse(f"{context!r}: there is no year 0 in BC/AD counting", "1 BC is followed by AD 1")
        before = bool(era and era.upper().startswith("B"))
        year = 1 - number if before else number
        if year > MAX_YEAR:
            refuse(f"{context!r} is outside the years timeline keeps", "years run up to AD 9999")
        if year < -DEEP_YEARS:
            refuse(
                f"{context!r} is outside the years timeline keeps",
                f"years run from {DEEP_YEARS + 1:,} BC (write older dates as '13.8 Ga')",
            )
        return year
    if len(digits) > 4:
        refuse(f"{context!r} is outside the years timeline keeps", "years run up to 9999")
    if len(digits) <= 2:
        refuse(
            f"{context!r} has a two-digit year",
            f"write the year in full, e.g. '{context.replace(digits, '20' + digits.zfill(2))}',"
            f" or 'AD {number}' for the year {number}",
        )
    return number


def day_date(text: str, year: int, month: int, day: int, weekday: str | None = None) -> EventDate:
    length = days_in_month(year, month)
    if not 1 <= day <= length:
        refuse(
            f"{text!r} is not a date: {MONTH_NAMES[month - 1]} {year_label(year)}"
            f" has {length} days",
            "check the day and month",
        )
    if weekday:
        actual = WEEKDAYS[(days_from_civil(year, month, day) + 3) % 7]
        if not actual.startswith(weekday.lower()[:2]):
            refuse(
                f"{text!r}: {day} {MONTH_NAMES[month - 1]} {year_label(year)} is a"
                f" {actual.capitalize()}",
                "check the day, or leave the weekday out",
            )
    return make_date(text, Precision.DAY, year, month, day)


def read_english_day(text: str) -> EventDate | None:
    """'17 January 2025', 'January 17, 2025', 'Apr 21 2025', 'Tuesday, 21 April 2025'."""
    match = _DAY_MONTH_YEAR.fullmatch(text) or _MONTH_DAY_YEAR.fullmatch(text)
    if match is None:
        return None
    year = read_year(match["year"], text)
    return day_date(text, year, MONTHS[match["month"].lower()], int(match["day"]), match["weekday"])


def _read_english(text: str) -> EventDate | None:
    date = read_english_day(text)
    if date is not None:
        return date
    match = _MONTH_YEAR.fullmatch(text)
    if match:
        digits = match["year"].strip()
        if digits.isdigit() and len(digits) <= 2:
            refuse(
                f"{text!r} has no year, or a two-digit one: is {digits!r} a day or a year?",
                f"write the year in full, e.g. '{match['month']} {digits} 2025'"
                f" or '{match['month']} 20{digits.zfill(2)}'",
            )
        year = read_year(match["year"], text)
        return make_date(text, Precision.MONTH, year, MONTHS[match["month"].lower()])
    match = _MONTH_DAYS_YEAR.fullmatch(text)
    if match:
        year = read_year(match["year"], text)
        month = MONTHS[match["month"].lower()]
        name = MONTH_NAMES[month - 1]
        first = day_date(f"{name} {match['first']}", year, month, int(match["first"]))
        last = day_date(f"{name} {match['last']}", year, month, int(match["last"]))
        return join(first, last, text)
    match = _FOUR_MONTHS.fullmatch(text)
    if match:
        third = ("first", "second", "third").index(match["third"].lower()) + 1
        return make_date(text, Precision.QUADRIMESTER, read_year(match["year"], text), third)
    return _read_time(text) or _read_season(text) or _read_century(text) or _read_millennium(text)


def _read_time(text: str) -> EventDate | None:
    """'17 January 2025, 14:30 (UTC+03:30)', 'April 21, 2025 at 2:30 pm UTC', '… at noon'."""
    noon = _NOON.fullmatch(text)
    if noon:
        day = read_english_day(noon["date"])
        if day is None:
            return None
        hour = 0 if noon["word"].lower() == "midnight" else 12
        lower = day.lower
        return make_date(
            text, Precision.MINUTE, lower.year, lower.month, lower.day, hour=hour, minute=0
        )
    match = _TIME.fullmatch(text)
    if match is None:
        return None
    day = read_english_day(match["date"])
    if day is None:
        return None
    hour, minute = int(match["hour"]), int(match["minute"])
    if match["ampm"]:
        if not 1 <= hour <= 12:
            refuse(f"{text!r} has an impossible time of day", "write '2:30 pm' or '14:30'")
        hour = hour % 12 + (12 if match["ampm"].lower().startswith("p") else 0)
    if hour > 23 or minute > 59 or int(match["second"] or 0) > 59:
        refuse(f"{text!r} has an impossible time of day", "write times from 00:00 to 23:59")
    offset = None
    if match["zone"]:
        zone = re.sub(r"[()\s]|UTC|GMT", "", match["zone"], flags=re.IGNORECASE)
        if zone in ("", "Z"):
            offset = 0
        else:
            digits = zone[1:].replace(":", "")
            if len(digits) <= 2:
                digits = digits.zfill(2) + "00"
            elif len(digits) == 3:
                digits = "0" + digits
            offset = parse_offset(zone[0] + digits)
    lower = day.lower
    return make_date(
        text,
        Precision.MINUTE,
        lower.year,
        lower.month,
        lower.day,
        hour=hour,
        minute=minute,
        offset=offset,
        second=int(match["second"]) if match["second"] else None,
    )


def _read_season(text: str) -> EventDate | None:
    """'spring 2025' (March–May), 'winter 2025' and 'winter 2025–26' (Dec 2025–Feb 2026)."""
    match = _WINTER_PAIR.fullmatch(text)
    if match:
        first, second = int(match["first"]), match["second"]
        following = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if len(second) == 2 and following < first:
            following += 100
        if following != first + 1:
            refuse(
                f"{text!r}: a winter runs into the next year only",
                f"write 'winter {first}–{(first + 1) % 100:02d}'",
            )
        return make_date(text, Precision.SEASON, first, 24)
    match = _SEASON.fullmatch(text)
    if match is None:
        return None
    year = read_year(match["year"], text)
    return make_date(text, Precision.SEASON, year, SEASON_CODES[match["season"].lower()])


def _read_century(text: str) -> EventDate | None:
    """'19th century' is 1800–1899 (as EDTF '18XX'); '5th century BC' is 500–401 BC."""
    match = _CENTURY.fullmatch(text)
    if match is None:
        return None
    number = int(match["number"])
    if not 1 <= number <= (MAX_YEAR + 1) // 100:
        refuse(f"{text!r} is outside the years timeline keeps", "centuries run from 1st to 100th")
    if (match["era"] or "").upper().startswith("B"):
        return make_date(text, Precision.CENTURY, -(number * 100 - 1))
    return make_date(text, Precision.CENTURY, (number - 1) * 100)


def _read_millennium(text: str) -> EventDate | None:
    """'2nd millennium' is 1000–1999 (as EDTF '1XXX'); '2nd millennium BC' 2000–1001 BC."""
    match = _MILLENNIUM.fullmatch(text)
    if match is None:
        return None
    number = int(match["number"])
    if not 1 <= number <= (MAX_YEAR + 1) // 1000:
        refuse(f"{text!r} is outside the years timeline keeps", "millennia run from 1st to 10th")
    if (match["era"] or "").upper().startswith("B"):
        return make_date(text, Precision.MILLENNIUM, -(number * 1000 - 1))
    return make_date(text, Precision.MILLENNIUM, (number - 1) * 1000)


def read_notation(text: str, settings: DateReading) -> EventDate | None:
    """Forms read in any language: numbers, decades, quarters, years with an era."""
    if _NUMBER.fullmatch(text):
        refuse(
            f"{text!r} is a number, not a date",
            "write a year with four digits ('2025') or a full date ('2025-04-21')",
        )
    if _ERA_YEAR.fullmatch(text):
        return make_date(text, Precision.YEAR, read_year(text, text))
    match = _DECADE.fullmatch(text)
    if match:
        decade = int(match["decade"])
        if (decade < 100 and not match["ad"]) or match["apostrophe"]:
            refuse(
                f"{text!r}: which century's decade?",
                f"write the decade in full, e.g. '19{decade % 100:02d}s'",
            )
        if decade % 100 == 0:  # 'the 1800s' is the century to most writers, and 1800–1809 to EDTF
            century, years = ordinal(decade // 100 + 1), f"{decade}–{decade + 9}"
            refuse(
                f"{text!r} is ambiguous: the {century} century, or the decade {years}?",
                f"write '{century} century' or '{years}'",
            )
        return make_date(text, Precision.DECADE, decade)
    match = _QUARTER.fullmatch(text)
    if match:
        quarter = int(match["quarter"] or match["quarter2"])
        if not 1 <= quarter <= 4:
            refuse(f"{text!r}: there is no quarter {quarter}", "quarters run from Q1 to Q4")
        year = read_year(match["year"] or match["year2"], text)
        return make_date(text, Precision.QUARTER, year, quarter)
    match = _HALF.fullmatch(text)
    if match:
        half = int(match["half"] or match["half2"])
        if not 1 <= half <= 2:
            refuse(f"{text!r}: there is no half {half}", "halves are H1 and H2")
        year = read_year(match["year"] or match["year2"], text)
        return make_date(text, Precision.SEMESTER, year, half)
    return _read_numeric(text, settings)


def _read_numeric(text: str, settings: DateReading) -> EventDate | None:
    """'13/04/2025', '2025/04/13', '04/2025'; '03/04/2025' only with a date order."""
    match = _MONTH_SLASH_YEAR.fullmatch(text)
    if match:
        month = int(match["month"])
        if not 1 <= month <= 12:
            refuse(f"{text!r} is not a date: there is no month {month}", "write 'April 2025'")
        return make_date(text, Precision.MONTH, int(match["year"]), month)
    match = _NUMERIC.fullmatch(text)
    if match is None:
        return None
    a, b, c = match["a"], match["b"], match["c"]
    if len(a) >= 3:
        if len(c) > 2:
            return None
        return _numeric_day(text, int(a), int(b), int(c))
    if len(c) <= 2:
        refuse(
            f"{text!r} has a two-digit year",
            "write the year in full, e.g. '2025-04-03' or '3 April 2025'",
        )
    first, second, year = int(a), int(b), int(c)
    order = settings.date_order
    if order == "YMD":
        refuse(
            f"{text!r} does not follow the configured date order YMD",
            "write the year first, e.g. '2025-04-03'",
        )
    if order is None:
        if first == second or (first > 12 and second <= 12):
            order = "DMY"
        elif second > 12 and first <= 12:
            order = "MDY"
        elif first > 12 and second > 12:
            refuse(f"{text!r} is not a date: neither number is a month", "write '2025-04-13'")
        else:
            as_dmy = f"{first} {MONTH_NAMES[second - 1]} {year}"
            as_mdy = f"{second} {MONTH_NAMES[first - 1]} {year}"
            refuse(
                f"{text!r} is ambiguous: {as_dmy} or {as_mdy}?",
                f"write '{year}-{second:02d}-{first:02d}' or '{year}-{first:02d}-{second:02d}',"
                " or set date_order (DMY, MDY or YMD)",
            )
    day, month = (first, second) if order == "DMY" else (second, first)
    return _numeric_day(text, year, month, day)


def _numeric_day(text: str, year: int, month: int, day: int) -> EventDate:
    if not 1 <= month <= 12:
        refuse(f"{text!r} is not a date: there is no month {month}", "check the day and month")
    return day_date(text, year, month, day)


def read_english(text: str) -> EventDate | None:
    """English forms with words; refuses month-days without a year and bare weekdays."""
    date = _read_english(text)
    if date is not None:
        return date
    if _NO_YEAR.fullmatch(text):
        refuse(f"{text!r} has no year", f"write the year, e.g. '{text} 2025'")
    if _WEEKDAY_ALONE.fullmatch(text):
        refuse(
            f"{text!r} names a weekday, not a date",
            "write the date, e.g. '21 April 2025'",
        )
    match = _VAGUE_PART.fullmatch(text)
    if match:
        refuse(f"{text!r} is vaguer than timeline records", _thirds_hint(text, match))
    return None


def _thirds_hint(text: str, match: re.Match[str]) -> str:
    """'early', 'mid' and 'late' are not bounds: offer the third of what they qualify."""
    rest = match["rest"]
    third = 0 if "early" in text.lower() else 1 if "mid" in text.lower() else 2
    try:
        whole = parse_iso(rest) or _read_english(rest) or read_notation(rest, DateReading())
    except DateError:
        whole = None
    if whole is None or whole.is_span or whole.precision not in _THIRDS:
        return f"write 'c. {rest}', or the span you mean"
    lower, upper = whole.lower, whole.upper
    if whole.precision is Precision.YEAR:
        months = ((1, 4), (5, 8), (9, 12))[third]
        span = f"{MONTH_NAMES[months[0] - 1]}–{MONTH_NAMES[months[1] - 1]} {year_label(lower.year)}"
    else:
        length = upper.year - lower.year + 1
        first = lower.year + (0, length // 3, length - length // 3)[third]
        last = lower.year + (length // 3, length - length // 3, length)[third] - 1
        span = f"{year_label(first)}–{last}"
    return f"write the span you mean, e.g. '{span}', or 'c. {rest}'"


_THIRDS = (Precision.YEAR, Precision.DECADE, Precision.CENTURY)
