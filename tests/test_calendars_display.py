"""Dates shown in the Jalali, Hijri and Julian calendars, checked against jdatetime and
hijridate as oracles: day, month, year and decade dates, with honest ranges."""

from __future__ import annotations

import datetime

import jdatetime
import pytest
from hijridate import Gregorian, Hijri

from timeline.config import Settings
from timeline.dates import calendars, parse_date
from timeline.dates.display import MONTHS, DisplayCalendar, month_name, shown
from timeline.errors import ConfigError

JALALI = DisplayCalendar("jalali")
HIJRI = DisplayCalendar("hijri")
JULIAN = DisplayCalendar("julian")
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def jalali(day: datetime.date) -> jdatetime.date:
    return jdatetime.date.fromgregorian(date=day)


def hijri(day: datetime.date) -> Hijri:
    return Gregorian(day.year, day.month, day.day).to_hijri()


# Every 11th day from 1925 to 2076, and the days around each Nowruz: both calendars'
# month and year boundaries, leap years of all three.
DAYS = sorted(
    {datetime.date(1925, 1, 1) + datetime.timedelta(days=n) for n in range(0, 55_500, 11)}
    | {datetime.date(year, 3, day) for year in range(1925, 2077) for day in (19, 20, 21, 22)}
)


def test_the_oracle_days_cross_every_kind_of_boundary() -> None:
    assert len(DAYS) > 5000
    assert any(jalali(day).day == 1 and jalali(day).month == 1 for day in DAYS)
    assert any(
        jalali(day).isleap() and jalali(day).month == 12 and jalali(day).day == 30 for day in DAYS
    )


def test_days_in_jalali_match_jdatetime_in_english_and_persian() -> None:
    wrong = []
    for day in DAYS:
        date = parse_date(day.isoformat())
        j = jalali(day)
        english = f"{j.day} {jdatetime.date.j_months_en[j.month - 1]} {j.year}"
        persian = f"{j.day} {jdatetime.date.j_months_fa[j.month - 1]} {j.year}".translate(
            PERSIAN_DIGITS
        )
        if (shown(date, "en", JALALI), shown(date, "fa", JALALI)) != (english, persian):
            wrong.append((day, shown(date, "en", JALALI), english))
    assert wrong == []


def test_days_in_hijri_match_hijridate_and_read_back_as_the_same_month() -> None:
    wrong = []
    for day in DAYS:
        h = hijri(day)
        label = shown(parse_date(day.isoformat()), "ar", HIJRI)
        number, name, year = label.split(" ", 1)[0], label.split(" ", 1)[1][:-5], label[-4:]
        # CLDR and hijridate name Rabi' al-Thani differently; both are the same month.
        same_name = name == h.month_name("ar") or (h.month == 4 and name == "ربيع الآخر")
        if (int(number), calendars.find_month("hijri", name), int(year)) != (
            h.day,
            h.month,
            h.year,
        ) or not same_name:
            wrong.append((day, label, h))
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "locale", "display", "expected"),
    [
        ("2025-03-21", "en", JALALI, "1 Farvardin 1404"),
        ("2025-03-21", "fa", JALALI, "۱ فروردین ۱۴۰۴"),
        ("2025-03-21", "de", JALALI, "1. Farwardin 1404"),
        ("2025-03-21", "es", JALALI, "1 de farvardin de 1404"),
        ("2025-03-21", "zh", JALALI, "1404年1月1日"),
        ("2025-03-21", "ar_EG", HIJRI, "٢١ رمضان ١٤٤٦"),
        ("2025-03-21", "en", HIJRI, "21 Ramadan 1446"),
        ("2025-03-21", "ru", HIJRI, "21 рамадан 1446"),
        # A Gregorian month touches two months of the other calendar: both are said.
        ("Jan 2025", "en", JALALI, "Dey–Bahman 1403"),
        ("Jan 2025", "fa", JALALI, "دی–بهمن ۱۴۰۳"),
        ("Mar 2025", "en", JALALI, "Esfand 1403 – Farvardin 1404"),
        ("Mar 2025", "en", HIJRI, "Ramadan–Shawwal 1446"),  # Eid al-Fitr on 31 March
        ("Jan 2025", "fr", HIJRI, "rajab–chaabane 1446"),
        ("Q1 2025", "en", JALALI, "Dey 1403 – Farvardin 1404"),
        # A Gregorian year touches two years; a decade eleven.
        ("2025", "en", JALALI, "1403–1404"),
        ("2025", "zh", JALALI, "1403–1404年"),
        ("2025", "ar", HIJRI, "1446–1447"),
        ("1990s", "en", JALALI, "1368–1378"),
        ("1990s", "en", HIJRI, "1410–1420"),
        # Qualifiers, spans and open ends keep their marks.
        ("circa 2025", "en", JALALI, "c. 1403–1404"),
        ("circa 2025", "fa", JALALI, "~۱۴۰۳–۱۴۰۴"),
        ("2025?", "en", JALALI, "1403–1404?"),
        ("2025-01~", "en", JALALI, "c. Dey–Bahman 1403"),
        ("21–22 April 2025", "en", JALALI, "1–2 Ordibehesht 1404"),
        ("21 April – 30 May 2025", "en", JALALI, "1 Ordibehesht 1404 – 9 Khordad 1404"),
        ("since 2022", "en", JALALI, "since 1400–1401"),
        ("2022/..", "fa", JALALI, "۱۴۰۰–۱۴۰۱ – …"),
        ("../2006", "en", HIJRI, "until 1426–1427"),
        ("2025-04-21T14:30+03:30", "en", JALALI, "1 Ordibehesht 1404, 14:30 (UTC+03:30)"),
        # Julian: Old Style before the reform of 15 October 1582, Gregorian after it.
        ("1582-10-15", "en", JULIAN, "15 October 1582"),
        ("1582-10-14", "en", JULIAN, "4 October 1582 O.S."),
        ("1500-03-01", "en", JULIAN, "20 February 1500 O.S."),
        ("1500-03-01", "de", JULIAN, "20. Februar 1500 O.S."),
        # What the calendar cannot hold keeps its Gregorian label.
        ("44 BC", "en", JALALI, "44 BC"),
        ("1850", "en", HIJRI, "1850"),
        ("20th century", "en", HIJRI, "20th century"),
        ("65 Ma", "en", JALALI, parse_date("65 Ma").display),
        ("2025", "en", DisplayCalendar(), "2025"),
    ],
)
def test_labels_in_the_display_calendar(
    text: str, locale: str, display: DisplayCalendar, expected: str
) -> None:
    assert shown(parse_date(text), locale, display) == expected


@pytest.mark.parametrize("month", range(1, 13))
def test_every_gregorian_month_of_2025_spans_the_jalali_months_jdatetime_says(month: int) -> None:
    first = datetime.date(2025, month, 1)
    last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    a, b = jalali(first), jalali(last)
    names = jdatetime.date.j_months_en
    if a.year == b.year:
        expected = f"{names[a.month - 1]}–{names[b.month - 1]} {a.year}"
    else:
        expected = f"{names[a.month - 1]} {a.year} – {names[b.month - 1]} {b.year}"
    assert shown(parse_date(first.strftime("%Y-%m")), "en", JALALI) == expected


@pytest.mark.parametrize("year", [1925, 1979, 2000, 2024, 2025, 2076])
def test_years_and_decades_span_the_years_the_oracles_say(year: int) -> None:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    assert shown(parse_date(str(year)), "en", JALALI) == f"{jalali(first).year}–{jalali(last).year}"
    assert shown(parse_date(str(year)), "en", HIJRI) == f"{hijri(first).year}–{hijri(last).year}"
    decade = year - year % 10
    if 1930 <= decade <= 2060:
        end = datetime.date(decade + 9, 12, 31)
        text = f"{decade // 10}X"  # '2000s' would be ambiguous
        start = datetime.date(decade, 1, 1)
        assert shown(parse_date(text), "en", HIJRI) == f"{hijri(start).year}–{hijri(end).year}"


def test_a_date_written_in_the_display_calendar_keeps_its_own_precision() -> None:
    dey = parse_date("Dey 1403", calendar="jalali")
    assert shown(dey, "en", JALALI) == "Dey 1403"
    assert shown(dey, "en", HIJRI) == "Jumada II–Rajab 1446"
    both = DisplayCalendar("jalali", gregorian_too=True)
    assert shown(dey, "en", both) == "Dey 1403 (21 December 2024 – 19 January 2025)"
    day = parse_date("15 Farvardin 1404", calendar="jalali")
    assert shown(day, "fa", both) == "۱۵ فروردین ۱۴۰۴ (۴ آوریل ۲۰۲۵)"


def test_the_gregorian_date_beside_says_the_qualifiers_once() -> None:
    both = DisplayCalendar("jalali", gregorian_too=True)
    assert shown(parse_date("circa 2025"), "en", both) == "c. 1403–1404 (2025)"
    assert shown(parse_date("2025-03-21"), "en", both) == "1 Farvardin 1404 (21 March 2025)"


def test_month_names_cover_the_site_languages_and_fall_back_to_english() -> None:
    for calendar in ("jalali", "hijri"):
        assert set(MONTHS[calendar]) == {"en", "fa", "ar", "fr", "de", "ru", "es", "zh"}
        assert all(len(names) == 12 for names in MONTHS[calendar].values())
    assert month_name("jalali", 1, "it") == "Farvardin"
    assert month_name("jalali", 10, "fa_IR") == "دی"
    assert month_name("julian", 2, "ru") == "февраля"


def test_every_name_shown_is_read_back_as_its_month() -> None:
    for calendar in ("jalali", "hijri"):
        for language in ("en", "fa", "ar", "fr", "de", "ru", "es"):
            for number, name in enumerate(MONTHS[calendar][language], 1):
                assert calendars.find_month(calendar, name) == number, (calendar, name)


def test_the_settings_accept_the_display_calendars_and_refuse_others(tmp_path: object) -> None:
    from pathlib import Path

    settings = Settings.from_mapping(
        {"display_calendar": "jalali", "display_calendar_gregorian": True}, root=Path(".")
    )
    assert (settings.display_calendar, settings.display_calendar_gregorian) == ("jalali", True)
    refused = "display_calendar: expected one of auto, gregorian, jalali"
    with pytest.raises(ConfigError, match=refused):
        Settings.from_mapping({"display_calendar": "persian"}, root=Path("."))
    with pytest.raises(ConfigError, match="display_calendar_gregorian: expected true or false"):
        Settings.from_mapping({"display_calendar_gregorian": "yes"}, root=Path("."))


def _guide_rows() -> list[list[str]]:
    from pathlib import Path

    guide = (Path(__file__).parent.parent / "docs" / "guide" / "dates.md").read_text("utf-8")
    section = guide.split("## Display calendars", 1)[1].split("\n## ", 1)[0]
    rows = [line.strip("| ").split(" | ") for line in section.splitlines() if line[:2] == "| "]
    return [row for row in rows[1:] if not row[0].startswith("---")]


def test_the_guide_tells_the_truth_about_display_calendars() -> None:
    rows = _guide_rows()
    assert len(rows) >= 15
    for written, locale, display, expected in rows:
        text, _, calendar = written.partition(" (calendar: ")
        date = parse_date(text, calendar=calendar.rstrip(")") or "gregorian")
        name, _, beside = display.partition(" + ")
        label = shown(date, locale, DisplayCalendar(name, beside == "gregorian"))
        assert label == expected, written


@pytest.mark.parametrize(
    ("setting", "locale", "shown"),
    [
        ("auto", "fa", "jalali"),
        ("auto", "fa_IR", "jalali"),
        ("auto", "en", "gregorian"),
        ("auto", "ar", "gregorian"),
        ("gregorian", "fa", "gregorian"),
        ("hijri", "en", "hijri"),
    ],
)
def test_auto_shows_a_persian_site_in_the_jalali_calendar(
    setting: str, locale: str, shown: str
) -> None:
    from timeline.dates.display import calendar_for

    assert calendar_for(setting, locale) == shown
