"""python-edtf as an oracle: every EDTF example it parses, we read with the same bounds.

The examples (tests/fixtures/edtf/examples.json) come from python-edtf's own test
suite and the Library of Congress specification. Where timeline's bounds differ
from python-edtf's strict bounds, they differ by one of the conventions listed in
the date guide ("EDTF: where timeline differs from python-edtf"), and the test says
which one applies.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import DateError, EventDate, parse_date

FIXTURE = Path(__file__).parent / "fixtures" / "edtf" / "examples.json"
DATA = json.loads(FIXTURE.read_text(encoding="utf-8"))
EXAMPLES: list[dict[str, Any]] = DATA["examples"]

Day = tuple[int, int, int]
Bounds = tuple[Day | float, Day | float]


def _theirs(text: str) -> tuple[Bounds, Bounds] | None:
    """python-edtf's (strict, fuzzy) bounds as (year, month, day) or ±inf; None if refused."""
    from edtf import parse_edtf
    from edtf.parser.edtf_exceptions import EDTFParseException

    try:
        parsed = parse_edtf(text)
    except EDTFParseException:
        return None
    except Exception:  # python-edtf 5.0 crashes on a few valid texts ('1984-1X')
        return None

    def day(value: Any) -> Day | float:
        if isinstance(value, float):
            return value
        return (value.tm_year, value.tm_mon, value.tm_mday)

    strict = (day(parsed.lower_strict()), day(parsed.upper_strict()))
    fuzzy = (day(parsed.lower_fuzzy()), day(parsed.upper_fuzzy()))
    return strict, fuzzy


def _ours(date: EventDate) -> tuple[Day, Day]:
    lower, upper = date.lower, date.upper
    return (lower.year, lower.month, lower.day), (upper.year, upper.month, upper.day)


# The conventions: each says whether it applies, and what our bounds are under it.
def _open_ends(text: str, date: EventDate, theirs: tuple[Bounds, Bounds]) -> bool:
    """Open ('..') and unknown ('') ends: python-edtf gives ±infinity or ten years
    from the known end; timeline keeps the known end's bounds and marks the end open."""
    if not date.is_open:
        return False
    (low, high), _ = theirs
    ours = _ours(date)
    return (date.open_start is not None or ours[0] == low) and (
        date.open_end is not None or ours[1] == high
    )


def _winter(text: str, date: EventDate, theirs: tuple[Bounds, Bounds]) -> bool:
    """Winter (24, 28, southern summer 30) runs December to February; python-edtf stops
    at 31 December."""
    (low, high), _ = theirs
    codes = ("-24", "-28", "-30")
    if not text.rstrip("~?%").endswith(codes):
        return False
    ours = _ours(date)
    year = ours[0][0]
    return ours[0] == low and high == (year, 12, 31) and ours[1][:2] == (year + 1, 2)


def _significant(text: str, date: EventDate, theirs: tuple[Bounds, Bounds]) -> bool:
    """Significant digits ('1950S2'): timeline's bounds are the whole range the digits
    allow (1900–1999), python-edtf's fuzzy bounds; its strict bounds are the estimate."""
    _, fuzzy = theirs
    return "S" in text and _ours(date) == fuzzy


CONVENTIONS: list[Callable[[str, EventDate, tuple[Bounds, Bounds]], bool]] = [
    _open_ends,
    _winter,
    _significant,
]


def judge(example: dict[str, Any]) -> str:
    """'same', a convention's name, 'both refuse', or what is wrong."""
    text = example["text"]
    theirs = _theirs(text)
    try:
        date = parse_date(text)
    except DateError as error:
        return "both refuse" if theirs is None else f"we refuse: {error.message}"
    if theirs is None:
        return "only we read it"
    (low, high), _ = theirs
    if isinstance(low, float) or isinstance(high, float) or _ours(date) != (low, high):
        for convention in CONVENTIONS:
            if convention(text, date, theirs):
                return convention.__name__.strip("_")
        return f"bounds {_ours(date)} != {(low, high)}"
    return "same"


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"] for e in EXAMPLES])
def test_bounds_agree_with_python_edtf(example: dict[str, Any]) -> None:
    verdict = judge(example)
    assert verdict in {
        "same",
        "both refuse",
        "only we read it",
        *(c.__name__.strip("_") for c in CONVENTIONS),
    }, verdict


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"] for e in EXAMPLES])
def test_edtf_out_reads_back_the_same(example: dict[str, Any]) -> None:
    try:
        date = parse_date(example["text"])
    except DateError:
        return
    again = parse_date(date.edtf)
    assert (again.lower, again.upper, again.precision, again.edtf, again.display) == (
        date.lower,
        date.upper,
        date.precision,
        date.edtf,
        date.display,
    )
    assert (again.open_start, again.open_end) == (date.open_start, date.open_end)


@pytest.mark.parametrize("text", [e["text"] for e in DATA["invalid"]])
def test_invalid_edtf_is_refused(text: str) -> None:
    with pytest.raises(DateError):
        parse_date(text)


def test_python_edtf_is_the_oracle_it_claims_to_be() -> None:
    # A wrong reading must fail the comparison: the oracle is not asserting nothing.
    assert _theirs("2004?-06") == (((2004, 6, 1), (2004, 6, 30)), ((2003, 6, 1), (2005, 6, 30)))
    assert _theirs("not a date") is None
    assert math.isinf(_theirs("2004/..")[0][1])  # type: ignore[index,arg-type]


def counts() -> dict[int, tuple[int, int]]:
    """(read as python-edtf reads it or by a documented convention, examples) per level."""
    result: dict[int, tuple[int, int]] = {}
    for example in EXAMPLES:
        good, total = result.get(example["level"], (0, 0))
        verdict = judge(example)
        ok = not verdict.startswith(("we refuse", "bounds"))
        result[example["level"]] = (good + ok, total + 1)
    return result


if __name__ == "__main__":  # python -m tests.test_dates_edtf: the counts per level
    for level, (good, total) in sorted(counts().items()):
        print(f"level {level}: {good}/{total}")
    for example in EXAMPLES:
        verdict = judge(example)
        if verdict != "same":
            print(f"  {example['text']!r}: {verdict}")


# Hypothesis: any EDTF level 2 date with unspecified digits and qualifiers on any part --


@st.composite
def edtf_texts(draw: st.DrawFn) -> str:
    marks = st.sampled_from(["", "", "", "~", "?", "%"])
    year = f"{draw(st.integers(0, 9999)):04d}"
    year = "".join(draw(st.sampled_from([c, c, "X"])) if i >= 2 else c for i, c in enumerate(year))
    month = f"{draw(st.integers(1, 12)):02d}"
    month = draw(st.sampled_from([month, month, "XX", month[0] + "X"]))
    day = f"{draw(st.integers(1, 28)):02d}"
    day = draw(st.sampled_from([day, day, "XX"]))
    parts = [year, month, day][: draw(st.integers(1, 3))]
    text = "-".join(draw(marks) + part + draw(marks) for part in parts)
    if draw(st.booleans()):
        other = draw(st.sampled_from(["..", "", "2100", "2100-01-01"]))
        text = f"{text}/{other}" if draw(st.booleans()) else f"{other}/{text}"
    return text


@settings(max_examples=300, deadline=None)
@given(edtf_texts())
def test_any_level_2_edtf_reads_back_the_same(text: str) -> None:
    try:
        date = parse_date(text)
    except DateError:
        return
    again = parse_date(date.edtf)
    assert (again.lower, again.upper, again.precision, again.display, again.edtf) == (
        date.lower,
        date.upper,
        date.precision,
        date.display,
        date.edtf,
    ), text
    assert date.lower <= date.upper
