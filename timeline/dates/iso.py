"""ISO 8601 and EDTF (ISO 8601-2) levels 0, 1 and 2, by regex.

A date shaped like ISO is decided here, so '2025-13-01' is refused, not guessed
at by the slower readers. Qualifiers follow ISO 8601-2: a mark to the right of a
part applies to it and to every part on its left ('2004-06~-11': year and month
approximate), a mark to the left to that part alone ('2004-06-~11': the day).
"""

from __future__ import annotations

import re
from dataclasses import replace

from timeline.dates.labels import MONTH_NAMES, ordinal, year_label
from timeline.dates.model import (
    OPEN,
    UNKNOWN,
    EventDate,
    Moment,
    Precision,
    days_in_month,
    format_year,
    make_date,
)
from timeline.dates.refusals import EXAMPLES, refuse
from timeline.dates.spans import join

_DATE = re.compile(
    r"(?P<yl>[~?%])?(?P<year>-?[\dX]{4})(?P<yr>[~?%])?"
    r"(?:-(?P<ml>[~?%])?(?P<month>[\dX]{2})(?P<mr>[~?%])?"
    r"(?:-(?P<dl>[~?%])?(?P<day>[\dX]{2})(?P<dr>[~?%])?)?)?"
)
_TIME = re.compile(
    r"(?P<year>-?\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"\s?(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?(?P<mark>[~?%])?"
)
# 'Y170000002', 'Y-17E7', 'Y3388E2S3', and four-digit years with significant digits: '1950S2'.
_LONG_YEAR = re.compile(
    r"Y(?P<sign>-)?(?P<digits>\d+)(?:E(?P<exponent>\d+))?(?:S(?P<significant>\d+))?"
    r"(?P<mark>[~?%])?"
)
_SIGNIFICANT = re.compile(r"(?P<year>-?\d{4})S(?P<significant>\d+)(?P<mark>[~?%])?")
# Text made only of what EDTF is written with: when no form reads it, it is refused
# here with what is wrong, rather than handed to readers that would skip characters.
_EDTF_LIKE = re.compile(r"\(?[-~?%]?[\dXY][\dXYES~?%\-/.:T+Z()]*")
_NUMBER = re.compile(r"[+-]?\d+")
_NATURAL_TAIL = re.compile(r"\d{4}(?:\s*[-–]\s*\d{1,4})?\s*(?:BC|BCE|AD|CE)?", re.I)

_YEAR_FIRST = re.compile(r"[~?%]?(?:-?[\dX]{4}|Y)")
_MARKS = {"~": (True, False), "?": (False, True), "%": (True, True)}
_GROUPS = {
    # EDTF's sub-year groupings (ISO 8601-2 21–41): precision, and its number in the year.
    **{code: (Precision.SEASON, code) for code in (21, 22, 23, 24)},
    **{code: (Precision.SEASON, code - 4) for code in (25, 26, 27, 28)},  # northern = 21–24
    **{code: (Precision.QUARTER, code - 32) for code in (33, 34, 35, 36)},
    **{code: (Precision.QUADRIMESTER, code - 36) for code in (37, 38, 39)},
    **{code: (Precision.SEMESTER, code - 39) for code in (40, 41)},
}
# Southern-hemisphere seasons, as months: spring is September–November.
_SOUTHERN = {29: ("spring", 9), 30: ("summer", 12), 31: ("autumn", 3), 32: ("winter", 6)}
_PARTS = ("year", "month", "day")

Flags = tuple[bool, bool]  # (approximate, uncertain)


def parse_iso(text: str) -> EventDate | None:
    """An ISO 8601 / EDTF date, interval or set; None when the text is not shaped so."""
    if not text or text[0] not in "0123456789-~?%XY[{/.":
        return None
    if text[0] in "[{":
        return _set(text)
    if "/" in text:
        return _interval(text)
    date = _single(text)
    if date is None and _looks_edtf(text):
        _stray(text)
    return date


def _looks_edtf(text: str) -> bool:
    """Whether the text is EDTF's characters only, and not a plain number or year pair."""
    return (
        bool(_EDTF_LIKE.fullmatch(text))
        and bool(_YEAR_FIRST.match(text) or text.startswith("("))
        and not _NUMBER.fullmatch(text)
        and not _NATURAL_TAIL.fullmatch(text)
    )


def _stray(text: str) -> None:
    """Refuse a text written with EDTF's characters that no EDTF form reads."""
    if re.search(r"[()]", text):
        refuse(
            f"{text!r} is not EDTF: parentheses are not used for qualifiers since EDTF 2019",
            "put the mark beside the part: '2004-06?-11' (year and month) or '2004-?06-11' (month)",
        )
    if text.startswith("-0000") or text.startswith("-00XX") or text == "-0XXX":
        refuse(f"{text!r} is not a date: there is no year -0", "year 0 is written '0000'")
    if re.fullmatch(r"-?\d{4}(?:-\d{1,2}){1,2}", text):
        refuse(
            f"{text!r} is not a date: months and days take two digits",
            "write '1985-04-01', or the month alone, '1985-04'",
        )
    refuse(
        f"{EXAMPLES}, got {text!r}",
        "write ISO dates as '2025-04-21' or '2025-04-21T14:30+03:30', EDTF as '2025-04~'",
    )


# Intervals and sets -------------------------------------------------------------------


def _end(text: str, whole: str) -> EventDate:
    date = _single(text)
    if date is None:
        _stray(whole)
        raise AssertionError  # _stray always raises
    return date


def _interval(text: str) -> EventDate | None:
    if text.count("/") != 1:  # '2025/04/13' is for the numeric reader
        return None
    first, _, last = text.partition("/")
    if not all(side in ("", "..") or _YEAR_FIRST.match(side) for side in (first, last)):
        return None  # as '04/2025', for the numeric reader
    if first in ("", "..") and last in ("", ".."):
        refuse(f"{text!r} has neither end", "give at least one end, e.g. '2004/..'")
    if first in ("", ".."):
        known = _end(last, text)
        return _opened(known, text, start=OPEN if first == ".." else UNKNOWN)
    if last in ("", ".."):
        known = _end(first, text)
        return _opened(known, text, end=OPEN if last == ".." else UNKNOWN)
    if not (_EDTF_LIKE.fullmatch(first) and _EDTF_LIKE.fullmatch(last)):
        return None
    return join(_end(first, text), _end(last, text), text)


def _opened(
    known: EventDate, text: str, *, start: str | None = None, end: str | None = None
) -> EventDate:
    if known.is_span or known.is_open:
        refuse(f"{text!r}: an open end belongs to a single date", "write '2004/..' or '../2006'")
    return replace(known, text=text, open_start=start, open_end=end)


def opened(
    known: EventDate, text: str, *, start: str | None = None, end: str | None = None
) -> EventDate:
    """The date `known` with an open or unknown start or end ('since 2022', '../2006')."""
    return _opened(known, text, start=start, end=end)


def _set(text: str) -> EventDate:
    closing = "]" if text[0] == "[" else "}"
    if not text.endswith(closing) or len(text) < 3:
        refuse(
            f"{text!r} is not an EDTF set",
            "write '[1667, 1668]' (one of) or '{1667, 1668}' (all of)",
        )
    items = [item.strip() for item in text[1:-1].split(",")]
    if any(not item for item in items):
        refuse(f"{text!r} has an empty member", "separate the dates with single commas")
    members: list[EventDate] = []
    open_start = open_end = None
    for index, item in enumerate(items):
        if item.startswith(".."):
            if index != 0:
                refuse(f"{text!r}: only the first member may be '..{item[2:]}'", "put it first")
            open_start = OPEN
            members.append(_end(item[2:], text))
        elif item.endswith(".."):
            if index != len(items) - 1:
                refuse(f"{text!r}: only the last member may be '{item[:-2]}..'", "put it last")
            open_end = OPEN
            members.append(_end(item[:-2], text))
        elif ".." in item:
            first, _, last = item.partition("..")
            members.append(join(_end(first, text), _end(last, text), item))
        else:
            members.append(_end(item, text))
    lower = min(member.lower for member in members)
    upper = max(member.upper for member in members)
    precision = max((m.precision for m in members), key=lambda p: p.coarseness)
    words = []
    for index, member in enumerate(members):
        words.append(_member_label(member))
        if index == 0 and open_start:
            words[-1] += " or earlier"
        if index == len(items) - 1 and open_end:
            words[-1] += " or later"
    joiner = " or " if closing == "]" else " and "
    wording = words[0] if len(words) == 1 else ", ".join(words[:-1]) + joiner + words[-1]
    if closing == "}":
        wording = ("all of " if len(words) > 1 else "") + wording
    notation = (
        text[0]
        + ", ".join(_member_edtf(item, m) for item, m in zip(items, members, strict=True))
        + closing
    )
    return EventDate(
        text,
        lower,
        upper,
        precision,
        any(m.approximate for m in members),
        any(m.uncertain for m in members),
        open_start=open_start,
        open_end=open_end,
        notation=notation,
        wording=wording,
    )


def _member_label(member: EventDate) -> str:
    from timeline.dates.labels import english

    return english(member)


def _member_edtf(item: str, member: EventDate) -> str:
    from timeline.dates.labels import edtf

    if member.start is not None and member.end is not None:
        return f"{edtf(member.start)}..{edtf(member.end)}"
    text = edtf(member)
    if item.startswith(".."):
        return ".." + text
    return text + ".." if item.endswith("..") else text


# Single dates -------------------------------------------------------------------------


def _single(text: str) -> EventDate | None:
    match = _DATE.fullmatch(text)
    if match is not None:
        return _date(text, match)
    match = _TIME.fullmatch(text)
    if match is not None:
        return _time(text, match)
    match = _LONG_YEAR.fullmatch(text)
    if match is not None:
        return _long_year(text, match)
    match = _SIGNIFICANT.fullmatch(text)
    if match is not None:
        return _significant(text, int(match["year"]), int(match["significant"]), match["mark"])
    return None


def _date(text: str, match: re.Match[str]) -> EventDate:
    year_text, month_text, day_text = match["year"], match["month"], match["day"]
    if not _MARKED.search(text):
        plain = _plain(text, year_text, month_text, day_text)  # the common case, kept fast
        if plain is not None:
            return plain
    if year_text.startswith("-") and set(year_text[1:]) <= {"0"}:
        refuse(f"{text!r} is not a date: there is no year -0", "year 0 is written '0000'")
    written = [part for part in (year_text, month_text, day_text) if part is not None]
    # Per part (approximate, uncertain): left marks for the part, right marks leftwards.
    flags = [[False, False] for _ in written]
    for index, (left, right) in enumerate(
        (("yl", "yr"), ("ml", "mr"), ("dl", "dr"))[: len(written)]
    ):
        if match[left]:
            _mark(flags[index], match[left])
        if match[right]:
            for part in flags[: index + 1]:
                _mark(part, match[right])
    part_flags = [(a, u) for a, u in flags]
    if (
        month_text is not None
        and day_text is None
        and "X" not in month_text
        and int(month_text) > 12
    ):
        return _group(text, year_text, int(month_text), part_flags)
    lower, upper, precision = _bounds(text, year_text, month_text, day_text)
    approximate = any(a for a, _ in part_flags)
    uncertain = any(u for _, u in part_flags)
    masked = "X" in text
    same = len(set(part_flags)) == 1
    if not masked and same:
        return make_date(
            text, precision, lower.year, lower.month, lower.day,
            approximate=approximate, uncertain=uncertain,
        )  # fmt: skip
    if masked and same and _standard_mask(year_text, month_text, day_text):
        if precision is Precision.DECADE and lower.year < 0:
            wording = f"{1 - lower.year}–{1 - upper.year} BC"
            return EventDate(text, lower, upper, precision, approximate, uncertain, wording=wording)
        return EventDate(text, lower, upper, precision, approximate, uncertain)
    notation = _canonical(written, part_flags)
    base = _masked_label(year_text, month_text, day_text, lower, upper) if masked else None
    if base is None:
        base = _core_label(make_date(text, precision, lower.year, lower.month, lower.day))
    if same:
        wording = ("c. " if approximate else "") + base + ("?" if uncertain else "")
    else:
        wording = f"{base} ({_qualifier_words(written, part_flags)})"
    return EventDate(
        text, lower, upper, precision, approximate, uncertain, notation=notation, wording=wording
    )


_MARKED = re.compile(r"[X~?%]")


def _plain(
    text: str, year_text: str, month_text: str | None, day_text: str | None
) -> EventDate | None:
    """A date without qualifiers or unspecified digits; None for what needs the full reading."""
    year = int(year_text)
    if year_text[0] == "-" and year == 0:
        return None
    if month_text is None:
        return make_date(text, Precision.YEAR, year)
    month = int(month_text)
    if not 1 <= month <= 12:
        return None
    if day_text is None:
        return make_date(text, Precision.MONTH, year, month)
    day = int(day_text)
    if not 1 <= day <= days_in_month(year, month):
        return None
    return make_date(text, Precision.DAY, year, month, day)


def _mark(flags: list[bool], mark: str) -> None:
    approximate, uncertain = _MARKS[mark]
    flags[0] = flags[0] or approximate
    flags[1] = flags[1] or uncertain


def _standard_mask(year: str, month: str | None, day: str | None) -> bool:
    """'199X', '19XX', '1XXX' (and their negatives): a decade, century or millennium."""
    digits = year.lstrip("-")
    return month is None and day is None and bool(re.fullmatch(r"\d{1,3}X{1,3}", digits))


def _bounds(
    text: str, year_text: str, month_text: str | None, day_text: str | None
) -> tuple[Moment, Moment, Precision]:
    """The earliest and latest day the (possibly partly unspecified) date can be."""
    negative = year_text.startswith("-")
    digits = year_text.lstrip("-")
    low_year, high_year = int(digits.replace("X", "0")), int(digits.replace("X", "9"))
    if negative:
        low_year, high_year = -high_year, -low_year
    months = _candidates(month_text, 12) if month_text is not None else [1]
    if not months:
        refuse(
            f"{text!r} is not a date: there is no month {month_text}", "months run from 01 to 12"
        )
    if day_text is None:
        first_day, last_day = 1, days_in_month(high_year, months[-1])
    else:
        days = _candidates(day_text, 31)
        if not days:
            refuse(f"{text!r} is not a date: there is no day {day_text}", "days run from 01 to 31")
        if "X" not in day_text and "X" not in (month_text or "") + digits:
            length = days_in_month(low_year, months[0])
            if days[0] > length:
                refuse(
                    f"{text!r} is not a date: {MONTH_NAMES[months[0] - 1]} {low_year} has"
                    f" {length} days",
                    "check the day and month",
                )
        first_day = days[0]
        fitting = [day for day in days if day <= days_in_month(high_year, months[-1])]
        if not fitting or first_day > days_in_month(low_year, months[0]):
            refuse(f"{text!r} is not a date: no month has such a day", "check the day and month")
        last_day = fitting[-1]
    if month_text is None:
        last_month = 12
        last_day = 31
    else:
        last_month = months[-1]
    lower = Moment(low_year, months[0], first_day)
    upper = Moment(high_year, last_month, last_day)
    width = high_year - low_year
    if "X" in digits:
        precision = (
            Precision.DECADE
            if width < 10
            else Precision.CENTURY
            if width < 100
            else Precision.MILLENNIUM
        )
    elif month_text is None or "X" in month_text:
        precision = Precision.YEAR
    elif day_text is None or "X" in day_text:
        precision = Precision.MONTH
    else:
        precision = Precision.DAY
    return lower, upper, precision


def _candidates(mask: str, largest: int) -> list[int]:
    pattern = re.compile(mask.replace("X", r"\d"))
    return [n for n in range(1, largest + 1) if pattern.fullmatch(f"{n:02d}")]


def _canonical(parts: list[str], flags: list[Flags]) -> str:
    """EDTF with the marks placed as briefly as they can say the same thing."""
    count = len(parts)
    marked = [index for index, flag in enumerate(flags) if flag != (False, False)]
    if not marked:
        return "-".join(parts)
    # A group mark: the first k parts share one qualifier, the rest have none.
    last = marked[-1]
    if all(flags[i] == flags[0] for i in range(last + 1)) and marked == list(range(last + 1)):
        pieces = list(parts)
        pieces[last] += _mark_text(flags[0])
        return "-".join(pieces)
    pieces = [_mark_text(flags[i]) + parts[i] for i in range(count)]
    return "-".join(pieces)


def _mark_text(flags: Flags) -> str:
    approximate, uncertain = flags
    return "%" if approximate and uncertain else "~" if approximate else "?" if uncertain else ""


def _qualifier_words(parts: list[str], flags: list[Flags]) -> str:
    groups: dict[Flags, list[str]] = {}
    for name, flag in zip(_PARTS, flags, strict=False):
        if flag != (False, False):
            groups.setdefault(flag, []).append(name)
    phrases = []
    for flag, names in groups.items():
        approximate, uncertain = flag
        word = (
            "approximate and uncertain" if approximate and uncertain
            else "approximate" if approximate else "uncertain"
        )  # fmt: skip
        phrases.append(f"{' and '.join(names)} {word}")
    return "; ".join(phrases)


def _core_label(date: EventDate) -> str:
    from timeline.dates.labels import english

    return english(date)


def _year_words(year_text: str, low: int, high: int) -> str:
    digits = year_text.lstrip("-")
    if "X" not in digits:
        return year_label(low)
    trailing = len(digits) - len(digits.rstrip("X"))
    if "X" in digits.rstrip("X") or year_text.startswith("-") or trailing == 4:
        return (
            "an unknown year"
            if trailing == 4
            else f"a year in {year_label(low)}–{year_label(high)}"
        )
    if trailing == 1:
        return f"the {low}s" if low % 100 else f"{year_label(low)}–{high}"
    if trailing == 2:
        return f"the {ordinal(low // 100 + 1)} century"
    return f"the {ordinal(low // 1000 + 1)} millennium"


def _masked_label(
    year_text: str, month_text: str | None, day_text: str | None, lower: Moment, upper: Moment
) -> str:
    """What a partly unspecified date says: 'a day in January 1999', 'the 1560s, 25 December'."""
    year = _year_words(year_text, lower.year, upper.year)
    year_known = "X" not in year_text
    month_known = month_text is not None and "X" not in month_text
    day_known = day_text is not None and "X" not in day_text
    month_name = MONTH_NAMES[int(month_text) - 1] if month_known and month_text else ""
    if month_text is None:
        return year
    if day_text is None:
        if month_known:
            return f"{month_name}, {year}" if not year_known else f"{month_name} {year}"
        if month_text != "XX":  # '1984-1X': October to December
            return (
                f"a month of {MONTH_NAMES[lower.month - 1]}–{MONTH_NAMES[upper.month - 1]} {year}"
            )
        return f"a month in {year}"
    if month_known and day_known:
        return f"{int(day_text)} {month_name}, {year}"
    if month_known:
        return f"a day in {month_name} {year}" if year_known else f"a day in {month_name}, {year}"
    if day_known:
        return f"the {ordinal(int(day_text))} of a month in {year}"
    return f"a day in {year}"


def _group(text: str, year_text: str, code: int, flags: list[Flags]) -> EventDate:
    """YYYY-NN: an ISO 8601-2 sub-year grouping (21–41), else no month at all."""
    if "X" in year_text:
        refuse(f"{text!r}: a season or quarter needs its year", "write the year, e.g. '2025-21'")
    year = int(year_text)
    approximate = any(a for a, _ in flags)
    uncertain = any(u for _, u in flags)
    if len(set(flags)) != 1:
        refuse(f"{text!r}: qualify a season or quarter as a whole", f"write '{year_text}-{code}~'")
    if (code in _SOUTHERN or code in _GROUPS) and code == (year + 1) % 100 and year >= 1000:
        _refuse_year_pair(text, year, code)
    if code in _SOUTHERN:
        season, month = _SOUTHERN[code]
        end_year, end_month = (year + 1, 2) if month == 12 else (year, month + 2)
        mark = _mark_text(flags[0])
        label = f"{season} {year_label(year)} (southern hemisphere)"
        return EventDate(
            text,
            Moment(year, month, 1),
            Moment(end_year, end_month, days_in_month(end_year, end_month)),
            Precision.SEASON,
            approximate,
            uncertain,
            notation=f"{format_year(year)}-{code}{mark}",
            wording=("c. " if approximate else "") + label + ("?" if uncertain else ""),
        )
    if code not in _GROUPS:
        hint = "months run from 01 to 12; EDTF seasons, quarters and halves are 21–41"
        if code > year % 100:
            hint = f"for the years {year} to {year // 100 * 100 + code}, write '{year}–{code}'"
        refuse(f"{text!r} is not a date: there is no month {code}", hint)
    precision, value = _GROUPS[code]
    return make_date(text, precision, year, value, approximate=approximate, uncertain=uncertain)


_GROUP_WORDS = {
    Precision.SEASON: lambda n, y: f"{('spring', 'summer', 'autumn', 'winter')[n - 21]} {y}",
    Precision.QUARTER: lambda n, y: f"Q{n} {y}",
    Precision.QUADRIMESTER: lambda n, y: (
        f"{('first', 'second', 'third')[n - 1]} four months of {y}"
    ),
    Precision.SEMESTER: lambda n, y: f"H{n} {y}",
}


def _refuse_year_pair(text: str, year: int, code: int) -> None:
    """'2020-21' is spring 2020 in EDTF, and 2020–2021 as people write it: refuse both."""
    following = year + 1
    if code in _SOUTHERN:
        season, month = _SOUTHERN[code]
        words = f"{season} {year} in the southern hemisphere"
        last = MONTH_NAMES[(month + 1) % 12]
        end_year = year + 1 if month == 12 else year
        hint = (
            f"write '{MONTH_NAMES[month - 1]} {year} – {last} {end_year}' or '{year}–{following}'"
        )
    else:
        precision, value = _GROUPS[code]
        words = _GROUP_WORDS[precision](value, year)
        hint = f"write '{words}' or '{year}–{following}'"
    refuse(f"{text!r} is ambiguous: EDTF's {words}, or the years {year}–{following}?", hint)


def _time(text: str, match: re.Match[str]) -> EventDate:
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    if not 1 <= month <= 12:
        refuse(f"{text!r} is not a date: there is no month {month}", "months run from 01 to 12")
    length = days_in_month(year, month)
    if not 1 <= day <= length:
        refuse(
            f"{text!r} is not a date: {MONTH_NAMES[month - 1]} {year} has {length} days",
            "check the day and month",
        )
    hour, minute = int(match["hour"]), int(match["minute"])
    if hour > 23 or minute > 59 or int(match["second"] or 0) > 59:
        refuse(f"{text!r} has an impossible time of day", "write times from 00:00 to 23:59")
    approximate, uncertain = _MARKS.get(match["mark"] or "", (False, False))
    return make_date(
        text,
        Precision.MINUTE,
        year,
        month,
        day,
        hour=hour,
        minute=minute,
        offset=parse_offset(match["tz"]),
        second=int(match["second"]) if match["second"] else None,
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


# Long years and significant digits ----------------------------------------------------


def _long_year(text: str, match: re.Match[str]) -> EventDate:
    digits, exponent = match["digits"], match["exponent"]
    if exponent is None and len(digits.lstrip("0")) <= 4:
        written = ("-" if match["sign"] else "") + digits.zfill(4)
        refuse(
            f"{text!r} is not EDTF: 'Y' is for years of more than four digits",
            f"write the year as '{written}'",
        )
    year = int(digits) * 10 ** int(exponent or 0)
    if match["sign"]:
        year = -year
    from timeline.dates.model import DEEP_YEARS

    if abs(year) > DEEP_YEARS:
        refuse(
            f"{text!r} is outside the years timeline keeps",
            f"years run from -{DEEP_YEARS:,} to {DEEP_YEARS:,}",
        )
    significant = match["significant"]
    if significant is not None:
        return _significant(text, year, int(significant), match["mark"])
    approximate, uncertain = _MARKS.get(match["mark"] or "", (False, False))
    return make_date(text, Precision.YEAR, year, approximate=approximate, uncertain=uncertain)


def _significant(text: str, year: int, significant: int, mark: str | None) -> EventDate:
    """'1950S2': some year of 1900–1999, estimated 1950; the bounds are the whole range."""
    digits = len(str(abs(year)))
    if not 1 <= significant <= digits:
        refuse(
            f"{text!r}: {year} has {digits} digits, not {significant}", "write 'S1' to 'S{digits}'"
        )
    step = 10 ** (digits - significant)
    first = abs(year) // step * step
    low, high = (first, first + step - 1) if year >= 0 else (-(first + step - 1), -first)
    approximate, uncertain = _MARKS.get(mark or "", (False, False))
    precision = (
        Precision.YEAR if step == 1 else Precision.DECADE if step == 10
        else Precision.CENTURY if step == 100 else Precision.MILLENNIUM
    )  # fmt: skip
    estimate = year_label(year)
    wording = estimate
    if step > 1:
        wording = f"{year_label(low)}–{year_label(high)}, estimated {estimate}"
    return EventDate(
        text,
        Moment(low),
        Moment(high, 12, 31),
        precision,
        approximate,
        uncertain,
        notation=(f"Y{year}" if abs(year) > 9999 else format_year(year))
        + f"S{significant}"
        + (mark or ""),
        wording=("c. " if approximate else "") + wording + ("?" if uncertain else ""),
    )
