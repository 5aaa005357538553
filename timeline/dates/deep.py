"""Deep time: '4.5 billion years ago', '65 Ma', '13.8 Ga', '12,000 years BP'.

"Years ago" at this scale is not counted from the day of the build (which would
make builds differ from year to year) but, as geology and radiocarbon dating do,
from a fixed present: 1950. The number is kept at the precision written: '65
million' has two significant digits, so it means 64.5 to 65.5 million years
before 1950, and those are the bounds.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from timeline.dates.labels import edtf_year
from timeline.dates.model import DEEP_YEARS, EventDate, Moment, Precision
from timeline.dates.refusals import refuse

PRESENT = 1950  # the "present" of "years ago", as in geology's Ma and radiocarbon's BP

_UNITS = {
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "ka": 10**3,
    "kya": 10**3,
    "ma": 10**6,
    "mya": 10**6,
    "ga": 10**9,
    "bya": 10**9,
}
_NAMES = {10**3: "thousand", 10**6: "million", 10**9: "billion"}
_AGO = re.compile(
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*"
    r"(?:(?P<word>thousand|million|billion)\s+years?\s+(?:ago|BP)"
    r"|years?\s+(?:ago|BP)|BP"
    r"|(?P<symbol>ka|kya|Ma|mya|Ga|bya))",
    re.IGNORECASE,
)


def read_deep(text: str) -> EventDate | None:
    """A count of years before 1950, at the precision written; None if not in this form."""
    match = _AGO.fullmatch(text)
    if match is None:
        return None
    unit_name = (match["word"] or match["symbol"] or "").lower()
    unit = _UNITS.get(unit_name, 1)
    written = match["number"].replace(",", "")
    try:
        number = Decimal(written)
    except InvalidOperation:  # the pattern only passes numbers through
        return None
    before = int(number * unit)
    if (
        match["word"] is None
        and match["symbol"] is None
        and before < 10_000
        and "bp" not in text.lower()
    ):
        return None  # '300 years ago' is relative to the day it was written, not to 1950
    if before <= 0:
        refuse(
            f"{text!r} is not a time ago", "write the number of years, e.g. '65 million years ago'"
        )
    if before > DEEP_YEARS:
        refuse(
            f"{text!r} is outside the years timeline keeps",
            f"deep time runs to {DEEP_YEARS // 10**9} billion years ago",
        )
    step = _step(written, unit)
    half = step // 2
    oldest, youngest = before + half, max(before - half + (1 if step > 1 else 0), 0)
    if step == 1:
        oldest = youngest = before
    lower, upper = Moment(PRESENT - oldest), Moment(PRESENT - youngest, 12, 31)
    precision = Precision.YEAR if step == 1 else Precision.DEEP_TIME
    return EventDate(
        text,
        lower,
        upper,
        precision,
        notation=f"{edtf_year(lower.year)}/{edtf_year(upper.year)}" if step > 1 else None,
        wording=_label(written, unit),
    )


def _step(written: str, unit: int) -> int:
    """The uncertainty the digits imply: '65' million to a million, '4.5' billion to 0.1 billion."""
    if "." in written:
        decimals = len(written.split(".")[1])
        return max(unit // int(10**decimals), 1)
    trailing = len(written) - len(written.rstrip("0"))
    return unit * 10**trailing if written.strip("0") else unit


def _label(written: str, unit: int) -> str:
    if unit == 1:
        return f"{int(written):,} years ago"
    return f"{written} {_NAMES[unit]} years ago"
