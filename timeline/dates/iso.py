"""ISO 8601 and EDTF (levels 0 and 1, plus level 2 seasons and quarters), by regex."""

from __future__ import annotations

import re

from timeline.dates.labels import MONTH_NAMES
from timeline.dates.model import EventDate, Precision, days_in_month, make_date
from timeline.dates.refusals import EXAMPLES, refuse
from timeline.dates.spans import join

_SINGLE = re.compile(
    r"(?P<year>-?(?:\d{4}|\d{3}X|\d{2}XX))"
    r"(?:-(?P<month>\d{2}|XX)"
    r"(?:-(?P<day>\d{2}|XX)"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?"
    r"(?P<mark>[~?%])?"
)
# A date shaped like ISO is decided here, so '2025-13-01' is refused, not guessed at.
_LOOKS_ISO = re.compile(r"-?\d{4}-\d{2}(?:-\d{2})?(?:[T ][\d:.Z+-]*)?[~?%]?")


def parse_iso(text: str) -> EventDate | None:
    """An ISO 8601 / EDTF date or interval, None when the text is not shaped so."""
    if "/" in text:
        first, _, last = text.partition("/")
        if first in ("", "..") or last in ("", ".."):
            known = last if first in ("", "..") else first
            if known in ("", "..") or _SINGLE.fullmatch(known):
                refuse(
                    f"{text!r} is an open-ended interval; an event needs both ends",
                    "give the end date, or write the start alone",
                )
            return None
        start, end = _single(first), _single(last)
        if start is None or end is None:
            return None
        return join(start, end, text)
    return _single(text)


def _single(text: str) -> EventDate | None:
    match = _SINGLE.fullmatch(text)
    if match is None:
        if _LOOKS_ISO.fullmatch(text):
            refuse(
                f"{EXAMPLES}, got {text!r}",
                "write ISO dates as '2025-04-21' or '2025-04-21T14:30+03:30'",
            )
        return None
    year_text, month_text, day_text = match["year"], match["month"], match["day"]
    mark = match["mark"] or ""
    approximate, uncertain = mark in ("~", "%"), mark in ("?", "%")
    if "X" in year_text:
        if month_text:
            refuse(f"{text!r}: a decade or century cannot have a month", "write '199X' or '19XX'")
        return _unspecified_year(text, year_text, approximate, uncertain)
    year = int(year_text)
    if month_text is None:
        return make_date(text, Precision.YEAR, year, approximate=approximate, uncertain=uncertain)
    if month_text == "XX" or day_text == "XX":
        known = year_text if month_text == "XX" else f"{year_text}-{month_text}"
        refuse(
            f"{text!r} has an unspecified month or day",
            f"write only what is known, e.g. '{known}'",
        )
    month = int(month_text)
    if day_text is None:
        return _month_or_group(text, year, month, approximate, uncertain)
    if not 1 <= month <= 12:
        refuse(f"{text!r} is not a date: there is no month {month}", "months run from 01 to 12")
    day = int(day_text)
    length = days_in_month(year, month)
    if not 1 <= day <= length:
        refuse(
            f"{text!r} is not a date: {MONTH_NAMES[month - 1]} {year} has {length} days",
            "check the day and month",
        )
    if match["hour"] is None:
        return make_date(
            text, Precision.DAY, year, month, day, approximate=approximate, uncertain=uncertain
        )
    hour, minute = int(match["hour"]), int(match["minute"])
    if hour > 23 or minute > 59 or int(match["second"] or 0) > 59:
        refuse(f"{text!r} has an impossible time of day", "write times from 00:00 to 23:59")
    return make_date(
        text,
        Precision.MINUTE,
        year,
        month,
        day,
        hour=hour,
        minute=minute,
        offset=parse_offset(match["tz"]),
        approximate=approximate,
        uncertain=uncertain,
    )


def parse_offset(text: str | None) -> int | None:
    """Minutes east of UTC from 'Z', '+03:30', '+0330', '-05' (None stays None)."""
    if text is None:
        return None
    if text == "Z":
        return 0
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:] or 0)
    if int(digits[2:] or 0) > 59 or minutes >= 24 * 60:
        refuse(f"{text!r} is not a UTC offset", "write offsets as '+03:30' or 'Z'")
    return -minutes if text[0] == "-" else minutes


def _month_or_group(
    text: str, year: int, month: int, approximate: bool, uncertain: bool
) -> EventDate:
    """YYYY-MM: a month, an EDTF season (21–24, 25–28) or a quarter (33–36)."""
    if 1 <= month <= 12:
        precision, value = Precision.MONTH, month
    elif 21 <= month <= 28:  # 25–28 are the northern-hemisphere seasons, as 21–24 here
        precision, value = Precision.SEASON, 21 + (month - 21) % 4
    elif 33 <= month <= 36:
        precision, value = Precision.QUARTER, month - 32
    elif 29 <= month <= 32:
        refuse(
            f"{text!r} is a southern-hemisphere season, which timeline does not keep",
            "write the months, e.g. 'September–November 2025'",
        )
    else:
        hint = "months run from 01 to 12; EDTF seasons are 21–24 and quarters 33–36"
        if month > year % 100:
            hint = f"for the years {year} to {year // 100 * 100 + month}, write '{year}–{month}'"
        refuse(f"{text!r} is not a date: there is no month {month}", hint)
    return make_date(text, precision, year, value, approximate=approximate, uncertain=uncertain)


def _unspecified_year(text: str, year_text: str, approximate: bool, uncertain: bool) -> EventDate:
    """'199X' is the 1990s; '19XX' is 1900–1999; '-04XX' is 500–401 BC."""
    digits = year_text.lstrip("-")
    negative = year_text.startswith("-")
    if digits.endswith("XX"):
        hundreds = int(digits[:2])
        first = -(hundreds * 100 + 99) if negative else hundreds * 100
        return make_date(
            text, Precision.CENTURY, first, approximate=approximate, uncertain=uncertain
        )
    if negative:
        refuse(
            f"{text!r}: decades before year 0 are not supported",
            "write the years, e.g. '-0049/-0040', or the century",
        )
    return make_date(
        text,
        Precision.DECADE,
        int(digits[:3]) * 10,
        approximate=approximate,
        uncertain=uncertain,
    )
