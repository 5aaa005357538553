"""Axis ticks in the display calendar: on the first days of its years, months and days
(checked against jdatetime and hijridate), Gregorian where the calendar cannot reach."""

from __future__ import annotations

import datetime
import itertools

import jdatetime
import pytest
from hijridate import Gregorian, Hijri

from timeline.dates.model import civil_from_days, days_from_civil
from timeline.render import axis
from timeline.render.calendar_ticks import axis_entry, for_display

EPOCH = datetime.date(1970, 1, 1)
JALALI = for_display("jalali", "en")
HIJRI = for_display("hijri", "en")
JULIAN = for_display("julian", "en")
# Ranges whose ticks fall on years, months, days and hours.
RANGES = [
    ((1990, 1, 1), (2025, 1, 1), 900),
    ((2000, 1, 1), (2025, 1, 1), 400),
    ((2024, 11, 15), (2025, 6, 1), 900),
    ((2024, 1, 1), (2026, 1, 1), 600),
    ((2025, 3, 10), (2025, 4, 10), 900),
    ((2025, 3, 18), (2025, 3, 25), 900),
]


def day_of(at: float) -> datetime.date:
    return EPOCH + datetime.timedelta(days=int(at))


def jalali_of(at: float) -> tuple[int, int, int]:
    j = jdatetime.date.fromgregorian(date=day_of(at))
    return j.year, j.month, j.day


def hijri_of(at: float) -> tuple[int, int, int]:
    d = day_of(at)
    h = Gregorian(d.year, d.month, d.day).to_hijri()
    return h.year, h.month, h.day


def unit_of(lo: float, hi: float, width: float) -> str:
    return axis.choose_unit(lo, hi, width)[0]


@pytest.mark.parametrize(("lo", "hi", "width"), RANGES)
@pytest.mark.parametrize("name", ["jalali", "hijri"])
def test_ticks_fall_on_the_first_days_the_oracles_give(
    name: str, lo: tuple[int, int, int], hi: tuple[int, int, int], width: int
) -> None:
    calendar = JALALI if name == "jalali" else HIJRI
    assert calendar is not None
    a, b = days_from_civil(*lo), days_from_civil(*hi)
    found = axis.ticks(a, b, width, calendar=calendar)
    assert found
    unit = unit_of(a, b, width)
    oracle = jalali_of if name == "jalali" else hijri_of
    names = jdatetime.date.j_months_en if name == "jalali" else calendar.months
    for tick in found:
        year, month, day = oracle(tick.at)
        if unit == "year":
            assert (month, day, tick.label) == (1, 1, str(year))
        elif unit == "month":
            assert day == 1 and tick.label.split()[0] == names[month - 1].split()[0]
            assert (str(year) in tick.label) == (month == 1 or tick is found[0])
        elif unit == "day":
            assert tick.label.startswith(f"{day} {names[month - 1]}")
        else:
            assert tick.label.endswith(":00") or tick.label.startswith(f"{day} ")


def test_hijri_month_names_on_ticks_are_hijridate_months() -> None:
    a, b = days_from_civil(2024, 11, 15), days_from_civil(2025, 6, 1)
    calendar = for_display("hijri", "ar")
    assert calendar is not None
    for tick in axis.ticks(a, b, 900, calendar=calendar):
        year, month, _day = hijri_of(tick.at)
        assert tick.label.startswith(Hijri(year, month, 1).month_name("ar").split()[0])


def test_persian_ticks_have_persian_digits() -> None:
    calendar = for_display("jalali", "fa")
    assert calendar is not None
    a, b = days_from_civil(2000, 1, 1), days_from_civil(2025, 1, 1)
    labels = [t.label for t in axis.ticks(a, b, 900, calendar=calendar)]
    assert labels == ["۱۳۸۰", "۱۳۸۵", "۱۳۹۰", "۱۳۹۵", "۱۴۰۰"]


def test_julian_ticks_before_the_reform_and_gregorian_after() -> None:
    assert JULIAN is not None
    a, b = days_from_civil(1500, 1, 1), days_from_civil(1502, 1, 1)
    found = axis.ticks(a, b, 900, calendar=JULIAN)
    # Julian 1 January 1501 is Gregorian 11 January 1501 (1500 was a Julian leap year).
    assert [t.label for t in found][:5] == ["Jan 1500", "Apr", "Jul", "Oct", "Jan 1501"]
    assert civil_from_days(int(found[4].at)) == (1501, 1, 11)
    a, b = days_from_civil(1580, 1, 1), days_from_civil(1590, 1, 1)
    assert axis.ticks(a, b, 900, calendar=JULIAN) == axis.ticks(a, b, 900)


@pytest.mark.parametrize(
    ("name", "lo", "hi"),
    [
        ("jalali", (-60, 1, 1), (40, 1, 1)),  # before 1 Farvardin 1 (AD 622)
        ("hijri", (1800, 1, 1), (1900, 1, 1)),  # before the Umm al-Qura tables
        ("hijri", (2070, 1, 1), (2090, 1, 1)),  # after them
    ],
)
def test_views_the_calendar_cannot_cover_get_gregorian_ticks(
    name: str, lo: tuple[int, int, int], hi: tuple[int, int, int]
) -> None:
    a, b = days_from_civil(*lo), days_from_civil(*hi)
    assert axis.ticks(a, b, 900, calendar=for_display(name, "en")) == axis.ticks(a, b, 900)


def test_the_data_file_entry_carries_the_umm_al_qura_month_lengths() -> None:
    assert HIJRI is not None
    entry = axis_entry(HIJRI)
    first, start = entry["first"]
    assert (first, civil_from_days(start)) == (1343, (1924, 8, 1))
    assert len(entry["lengths"]) == (1500 - 1343 + 1) * 12
    # hijridate's records have a few 28- and 31-day months (1343-1364 AH).
    assert set(entry["lengths"]) == {"8", "9", "0", "1"}
    day = start
    for index, code in enumerate(entry["lengths"]):
        year, month = 1343 + index // 12, index % 12 + 1
        if index % 7 == 0 or code in "81":
            assert hijri_of(day) == (year, month, 1)
        day += {"8": 28, "9": 29, "0": 30, "1": 31}[code]
    persian = for_display("jalali", "fa")
    assert persian is not None
    assert axis_entry(persian) == {"name": "jalali", "months": list(persian.months), "zero": "۰"}
    assert "lengths" not in axis_entry(persian)


def test_the_build_time_svg_draws_the_calendar_ticks() -> None:
    from timeline.dates import parse_date
    from timeline.model import Event

    date = parse_date("2025-03-21")
    events = [Event("nowruz", "events/nowruz.yaml", "Nowruz", date, date)]
    svg = axis.axis_svg(
        events,
        href=lambda e: None,
        dates=lambda e: "1 Farvardin 1404",
        lo=days_from_civil(2025, 1, 1),
        hi=days_from_civil(2025, 7, 1),
        calendar=JALALI,
    )
    assert "Farvardin 1404" in svg and ">Jan 2025<" not in svg


def test_long_month_names_never_cover_each_other_in_the_svg() -> None:
    import re

    from timeline.dates import parse_date
    from timeline.model import Event

    date = parse_date("2025-03-21")
    events = [Event("nowruz", "events/nowruz.yaml", "Nowruz", date, date)]
    # 'Farvardin 1404' (21 March 2025) by the right edge goes left of its line.
    lo, hi = days_from_civil(2022, 1, 1), days_from_civil(2025, 3, 24)
    layout = axis.SvgLayout(width=800)
    svg = axis.axis_svg(
        events,
        href=lambda e: None,
        dates=lambda e: "",
        lo=lo,
        hi=hi,
        layout=layout,
        calendar=JALALI,
    )
    scale = re.findall(r'<text class="tla-text" x="([\d.]+)" y="16">([^<]+)</text>', svg)
    assert len(scale) >= 3
    char = layout.font_px * 0.58
    for (x0, text0), (x1, _text1) in itertools.pairwise(scale):
        assert float(x1) >= float(x0) + len(text0) * char, (text0, x0, x1)
    every = [t.label for t in axis.ticks(lo, hi, 800, calendar=JALALI)]
    assert len(every) > len(scale)  # some were left out rather than drawn over
