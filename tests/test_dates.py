from __future__ import annotations

import contextlib
import dataclasses
import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from timeline.dates import (
    MAX_LENGTH,
    DateError,
    EventDate,
    Moment,
    Precision,
    clear_cache,
    parse_date,
    span,
)
from timeline.dates.model import days_in_month, make_date

EXPECTED = "expected a date such as '2025-04-21', 'April 2025' or '2025'"
RU = {"languages": ("en", "ru")}
AS_OF = {"as_of": "2025-04-22"}
JALALI = {"calendar": "jalali"}
HIJRI = {"calendar": "hijri"}

# fmt: off
# text, settings, lower, upper, precision, edtf, display
ACCEPTED: list[tuple[str, dict[str, Any], str, str, str, str, str]] = [
    # ISO 8601 and EDTF
    ("2025", {}, "2025-01-01", "2025-12-31", "year", "2025", "2025"),
    ("2025-01", {}, "2025-01-01", "2025-01-31", "month", "2025-01", "January 2025"),
    ("2024-02", {}, "2024-02-01", "2024-02-29", "month", "2024-02", "February 2024"),
    ("2025-01-17", {}, "2025-01-17", "2025-01-17", "day", "2025-01-17", "17 January 2025"),
    ("2025-01-17T14:30+03:30", {}, "2025-01-17T14:30+03:30", "2025-01-17T14:30+03:30", "minute",
     "2025-01-17T14:30:00+03:30", "17 January 2025, 14:30 (UTC+03:30)"),
    ("2025-01-17T14:30Z", {}, "2025-01-17T14:30Z", "2025-01-17T14:30Z", "minute",
     "2025-01-17T14:30:00Z", "17 January 2025, 14:30 (UTC)"),
    ("2025-01-17T14:30", {}, "2025-01-17T14:30", "2025-01-17T14:30", "minute",
     "2025-01-17T14:30:00", "17 January 2025, 14:30"),
    ("2025-01-17 14:30:59-05:00", {}, "2025-01-17T14:30-05:00", "2025-01-17T14:30-05:00", "minute",
     "2025-01-17T14:30:00-05:00", "17 January 2025, 14:30 (UTC-05:00)"),
    ("2025-01~", {}, "2025-01-01", "2025-01-31", "month", "2025-01~", "c. January 2025"),
    ("1990?", {}, "1990-01-01", "1990-12-31", "year", "1990?", "1990?"),
    ("2025%", {}, "2025-01-01", "2025-12-31", "year", "2025%", "c. 2025?"),
    ("-0043", {}, "-0043-01-01", "-0043-12-31", "year", "-0043", "44 BC"),
    ("0000", {}, "0000-01-01", "0000-12-31", "year", "0000", "1 BC"),
    ("199X", {}, "1990-01-01", "1999-12-31", "decade", "199X", "1990s"),
    ("19XX", {}, "1900-01-01", "1999-12-31", "century", "19XX", "20th century"),
    ("-04XX", {}, "-0499-01-01", "-0400-12-31", "century", "-04XX", "5th century BC"),
    ("2025-21", {}, "2025-03-01", "2025-05-31", "season", "2025-21", "spring 2025"),
    ("2025-26", {}, "2025-06-01", "2025-08-31", "season", "2025-22", "summer 2025"),
    ("2025-34", {}, "2025-04-01", "2025-06-30", "quarter", "2025-34", "Q2 2025"),
    ("1990-01/1990-06", {}, "1990-01-01", "1990-06-30", "month", "1990-01/1990-06",
     "January–June 1990"),
    ("1990~/1995", {}, "1990-01-01", "1995-12-31", "year", "1990~/1995", "c. 1990 – 1995"),
    # natural language
    ("Jan 2025", {}, "2025-01-01", "2025-01-31", "month", "2025-01", "January 2025"),
    ("Sept 2025", {}, "2025-09-01", "2025-09-30", "month", "2025-09", "September 2025"),
    ("January 17, 2025", {}, "2025-01-17", "2025-01-17", "day", "2025-01-17", "17 January 2025"),
    ("17 January 2025", {}, "2025-01-17", "2025-01-17", "day", "2025-01-17", "17 January 2025"),
    ("Apr 21 2025", {}, "2025-04-21", "2025-04-21", "day", "2025-04-21", "21 April 2025"),
    ("april 21, 2025", {}, "2025-04-21", "2025-04-21", "day", "2025-04-21", "21 April 2025"),
    ("4th of July 1776", {}, "1776-07-04", "1776-07-04", "day", "1776-07-04", "4 July 1776"),
    ("the 5th of May 2025", {}, "2025-05-05", "2025-05-05", "day", "2025-05-05", "5 May 2025"),
    ("Tuesday, 22 April 2025", {}, "2025-04-22", "2025-04-22", "day", "2025-04-22",
     "22 April 2025"),
    ("21 апреля 2025", RU, "2025-04-21", "2025-04-21", "day", "2025-04-21", "21 April 2025"),
    ("21 апреля 2025 г.", RU, "2025-04-21", "2025-04-21", "day", "2025-04-21", "21 April 2025"),
    ("апрель 2025", RU, "2025-04-01", "2025-04-30", "month", "2025-04", "April 2025"),
    ("21. März 2025", {"languages": ["de"]}, "2025-03-21", "2025-03-21", "day", "2025-03-21",
     "21 March 2025"),
    ("1er avril 2025", {"languages": ["fr"]}, "2025-04-01", "2025-04-01", "day", "2025-04-01",
     "1 April 2025"),
    ("17 January 2025, 14:30 (UTC+03:30)", {}, "2025-01-17T14:30+03:30", "2025-01-17T14:30+03:30",
     "minute", "2025-01-17T14:30:00+03:30", "17 January 2025, 14:30 (UTC+03:30)"),
    ("April 21, 2025 at 2:30 pm", {}, "2025-04-21T14:30", "2025-04-21T14:30", "minute",
     "2025-04-21T14:30:00", "21 April 2025, 14:30"),
    ("17 January 2025 2:30pm EST", {}, "2025-01-17T14:30-05:00", "2025-01-17T14:30-05:00", "minute",
     "2025-01-17T14:30:00-05:00", "17 January 2025, 14:30 (UTC-05:00)"),
    # numeric
    ("13/04/2025", {}, "2025-04-13", "2025-04-13", "day", "2025-04-13", "13 April 2025"),
    ("04/13/2025", {}, "2025-04-13", "2025-04-13", "day", "2025-04-13", "13 April 2025"),
    ("03/04/2025", {"date_order": "DMY"}, "2025-04-03", "2025-04-03", "day", "2025-04-03",
     "3 April 2025"),
    ("03/04/2025", {"date_order": "MDY"}, "2025-03-04", "2025-03-04", "day", "2025-03-04",
     "4 March 2025"),
    ("04.04.2025", {}, "2025-04-04", "2025-04-04", "day", "2025-04-04", "4 April 2025"),
    ("2025/04/13", {}, "2025-04-13", "2025-04-13", "day", "2025-04-13", "13 April 2025"),
    ("04/2025", {}, "2025-04-01", "2025-04-30", "month", "2025-04", "April 2025"),
    ("2025 4 13", {}, "2025-04-13", "2025-04-13", "day", "2025-04-13", "13 April 2025"),
    # spans
    ("21–22 April 2025", {}, "2025-04-21", "2025-04-22", "day", "2025-04-21/2025-04-22",
     "21–22 April 2025"),
    ("21-22 April 2025", {}, "2025-04-21", "2025-04-22", "day", "2025-04-21/2025-04-22",
     "21–22 April 2025"),
    ("April 21–22, 2025", {}, "2025-04-21", "2025-04-22", "day", "2025-04-21/2025-04-22",
     "21–22 April 2025"),
    ("April–June 2025", {}, "2025-04-01", "2025-06-30", "month", "2025-04/2025-06",
     "April–June 2025"),
    ("April to June 2025", {}, "2025-04-01", "2025-06-30", "month", "2025-04/2025-06",
     "April–June 2025"),
    ("1950–1955", {}, "1950-01-01", "1955-12-31", "year", "1950/1955", "1950–1955"),
    ("1950–55", {}, "1950-01-01", "1955-12-31", "year", "1950/1955", "1950–1955"),
    ("1995–05", {}, "1995-01-01", "2005-12-31", "year", "1995/2005", "1995–2005"),
    ("between 1990 and 1995", {}, "1990-01-01", "1995-12-31", "year", "1990/1995", "1990–1995"),
    ("from 1990 to 1995", {}, "1990-01-01", "1995-12-31", "year", "1990/1995", "1990–1995"),
    ("21 April – 3 May 2025", {}, "2025-04-21", "2025-05-03", "day", "2025-04-21/2025-05-03",
     "21 April – 3 May 2025"),
    ("21 April 2024 – 3 May 2025", {}, "2024-04-21", "2025-05-03", "day", "2024-04-21/2025-05-03",
     "21 April 2024 – 3 May 2025"),
    ("April 2025 – 3 May 2025", {}, "2025-04-01", "2025-05-03", "month", "2025-04/2025-05-03",
     "April 2025 – 3 May 2025"),
    ("21–22 апреля 2025", RU, "2025-04-21", "2025-04-22", "day", "2025-04-21/2025-04-22",
     "21–22 April 2025"),
    ("300–200 BC", {}, "-0299-01-01", "-0199-12-31", "year", "-0299/-0199", "300 BC – 200 BC"),
    ("79–80 AD", {}, "0079-01-01", "0080-12-31", "year", "0079/0080", "AD 79 – AD 80"),
    ("200 BC – AD 14", {}, "-0199-01-01", "0014-12-31", "year", "-0199/0014", "200 BC – AD 14"),
    ("c. 1990–1995", {}, "1990-01-01", "1995-12-31", "year", "1990~/1995~", "c. 1990–1995"),
    # qualifiers, decades, centuries, seasons, quarters, eras
    ("circa 1990", {}, "1990-01-01", "1990-12-31", "year", "1990~", "c. 1990"),
    ("c. 1990", {}, "1990-01-01", "1990-12-31", "year", "1990~", "c. 1990"),
    ("c.1990", {}, "1990-01-01", "1990-12-31", "year", "1990~", "c. 1990"),
    ("ca. 1990", {}, "1990-01-01", "1990-12-31", "year", "1990~", "c. 1990"),
    ("about April 1990", {}, "1990-04-01", "1990-04-30", "month", "1990-04~", "c. April 1990"),
    ("around 1990", {}, "1990-01-01", "1990-12-31", "year", "1990~", "c. 1990"),
    ("2025?", {}, "2025-01-01", "2025-12-31", "year", "2025?", "2025?"),
    ("Jan 2025?", {}, "2025-01-01", "2025-01-31", "month", "2025-01?", "January 2025?"),
    ("circa 1990?", {}, "1990-01-01", "1990-12-31", "year", "1990%", "c. 1990?"),
    ("1990s", {}, "1990-01-01", "1999-12-31", "decade", "199X", "1990s"),
    ("the 1870s", {}, "1870-01-01", "1879-12-31", "decade", "187X", "1870s"),
    ("19th century", {}, "1800-01-01", "1899-12-31", "century", "18XX", "19th century"),
    ("21st century", {}, "2000-01-01", "2099-12-31", "century", "20XX", "21st century"),
    ("5th century BC", {}, "-0499-01-01", "-0400-12-31", "century", "-04XX", "5th century BC"),
    ("spring 2025", {}, "2025-03-01", "2025-05-31", "season", "2025-21", "spring 2025"),
    ("summer 2025", {}, "2025-06-01", "2025-08-31", "season", "2025-22", "summer 2025"),
    ("fall 2025", {}, "2025-09-01", "2025-11-30", "season", "2025-23", "autumn 2025"),
    ("winter 2025", {}, "2025-12-01", "2026-02-28", "season", "2025-24", "winter 2025–26"),
    ("winter 2023–24", {}, "2023-12-01", "2024-02-29", "season", "2023-24", "winter 2023–24"),
    ("Q2 2025", {}, "2025-04-01", "2025-06-30", "quarter", "2025-34", "Q2 2025"),
    ("2025 Q4", {}, "2025-10-01", "2025-12-31", "quarter", "2025-36", "Q4 2025"),
    ("44 BC", {}, "-0043-01-01", "-0043-12-31", "year", "-0043", "44 BC"),
    ("44 BCE", {}, "-0043-01-01", "-0043-12-31", "year", "-0043", "44 BC"),
    ("44 B.C.", {}, "-0043-01-01", "-0043-12-31", "year", "-0043", "44 BC"),
    ("AD 79", {}, "0079-01-01", "0079-12-31", "year", "0079", "AD 79"),
    ("79 CE", {}, "0079-01-01", "0079-12-31", "year", "0079", "AD 79"),
    ("15 March 44 BC", {}, "-0043-03-15", "-0043-03-15", "day", "-0043-03-15", "15 March 44 BC"),
    ("24 August AD 79", {}, "0079-08-24", "0079-08-24", "day", "0079-08-24", "24 August AD 79"),
    # relative, with the date of the source
    ("last month", AS_OF, "2025-03-01", "2025-03-31", "month", "2025-03", "March 2025"),
    ("yesterday", AS_OF, "2025-04-21", "2025-04-21", "day", "2025-04-21", "21 April 2025"),
    ("two days ago", AS_OF, "2025-04-20", "2025-04-20", "day", "2025-04-20", "20 April 2025"),
    ("last year", AS_OF, "2024-01-01", "2024-12-31", "year", "2024", "2024"),
    ("вчера", {**RU, **AS_OF}, "2025-04-21", "2025-04-21", "day", "2025-04-21", "21 April 2025"),
    # other calendars
    ("1404-01-01", JALALI, "2025-03-21", "2025-03-21", "day", "2025-03-21",
     "1 Farvardin 1404 (21 March 2025)"),
    ("15 Farvardin 1404", JALALI, "2025-04-04", "2025-04-04", "day", "2025-04-04",
     "15 Farvardin 1404 (4 April 2025)"),
    ("۱۵ فروردین ۱۴۰۴", JALALI, "2025-04-04", "2025-04-04", "day", "2025-04-04",
     "15 Farvardin 1404 (4 April 2025)"),
    ("1403/12/30", JALALI, "2025-03-20", "2025-03-20", "day", "2025-03-20",
     "30 Esfand 1403 (20 March 2025)"),
    ("Farvardin 1404", JALALI, "2025-03-21", "2025-04-20", "month", "2025-03-21/2025-04-20",
     "Farvardin 1404 (21 March – 20 April 2025)"),
    ("1404", JALALI, "2025-03-21", "2026-03-20", "year", "2025-03-21/2026-03-20",
     "1404 (21 March 2025 – 20 March 2026)"),
    ("c. 1357-11-22", JALALI, "1979-02-11", "1979-02-11", "day", "1979-02-11~",
     "c. 22 Bahman 1357 (11 February 1979)"),
    ("1446-10-01", HIJRI, "2025-03-30", "2025-03-30", "day", "2025-03-30",
     "1 Shawwal 1446 (30 March 2025)"),
    ("23 Shawwal 1446", HIJRI, "2025-04-21", "2025-04-21", "day", "2025-04-21",
     "23 Shawwal 1446 (21 April 2025)"),
    ("Ramadan 1446", HIJRI, "2025-03-01", "2025-03-29", "month", "2025-03-01/2025-03-29",
     "Ramadan 1446 (1–29 March 2025)"),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "options", "lower", "upper", "precision", "edtf", "display"), ACCEPTED
)
def test_accepted(
    text: str,
    options: dict[str, Any],
    lower: str,
    upper: str,
    precision: str,
    edtf: str,
    display: str,
) -> None:
    date = parse_date(text, **options)
    assert (date.lower.iso(), date.upper.iso(), date.precision.value) == (lower, upper, precision)
    assert (date.edtf, date.display) == (edtf, display)
    assert date.text == text


# fmt: off
# text, settings, a fragment of the message, a fragment of the hint (or None)
REFUSED: list[tuple[str, dict[str, Any], str, str | None]] = [
    ("", {}, "got an empty text", None),
    ("   ", {}, "got an empty text", None),
    ("x" * (MAX_LENGTH + 1), {}, f"the limit is {MAX_LENGTH}", None),
    ("yesterday", {}, "'yesterday' is relative to the day it was written", "as_of"),
    ("last month", {}, "is relative to the day it was written", "as_of"),
    ("two days ago", {}, "is relative to the day it was written", "as_of"),
    ("вчера", RU, "is relative to the day it was written", "as_of"),
    ("days ago", AS_OF, "'days ago' is too vague to date", None),
    ("recently", AS_OF, "'recently' is too vague to date", None),
    ("2 hours ago", AS_OF, "finer than a day", None),
    ("last week", AS_OF, "names a week", "14–20 April 2025"),
    ("Tuesday", {}, "'Tuesday' names a weekday, not a date", "21 April 2025"),
    ("Tuesday 2025", {}, "names a weekday without a day", None),
    ("Monday, 22 April 2025", {}, "22 April 2025 is a Tuesday", None),
    ("12", {}, "'12' is a number, not a date", "four digits"),
    ("1700000000", {}, "'1700000000' is a number, not a date", None),
    ("2359 hours", {}, "got '2359 hours'", None),
    ("Mar 5", {}, "'Mar 5' has no year", "Mar 5 2025"),
    ("5 March", {}, "'5 March' has no year", "5 March 2025"),
    ("March", {}, "'March' has no year", None),
    ("5 марта", RU, "has no year", None),
    ("03/04/2025", {}, "'03/04/2025' is ambiguous: 3 April 2025 or 4 March 2025?", "date_order"),
    ("03/04/2025", {"date_order": "YMD"}, "does not follow the configured date order", None),
    ("Jan 25", {}, "two-digit one", "Jan 2025"),
    ("Jan 85", {}, "two-digit", "Jan 2085"),
    ("03/04/25", {}, "'03/04/25' has a two-digit year", None),
    ("21 April 25", {}, "two-digit year", None),
    ("'90s", {}, "which century's decade", "1990s"),
    ("2025-02-30", {}, "'2025-02-30' is not a date: February 2025 has 28 days", None),
    ("2025-13-01", {}, "'2025-13-01' is not a date: there is no month 13", None),
    ("30 February 2024", {}, "February 2024 has 29 days", None),
    ("2025-01-17T25:00", {}, "impossible time of day", None),
    ("1950-55", {}, "there is no month 55", "1950–55"),
    ("2025-30", {}, "southern-hemisphere season", None),
    ("2025-XX", {}, "unspecified month", None),
    ("-004X", {}, "decades before year 0", None),
    ("2025/..", {}, "open-ended interval", None),
    ("Aprl 2025", {}, EXPECTED + ", got 'Aprl 2025'", "did you mean 'Apr'"),
    # dateparser translates the article "a" to 1: no month may come from a word.
    ("2025 a", {}, EXPECTED + ", got '2025 a'", None),
    ("a Jan 2025", {}, EXPECTED + ", got 'a Jan 2025'", None),
    ("circa 1990 #1", {}, EXPECTED + ", got 'circa 1990 #1'", "write the date alone"),
    # Bounds read as dates would be wrong meanings: dateparser skips these words.
    ("after March 2025", {}, "'after March 2025' is open-ended ('after')", "`end`"),
    ("by 2020", {}, "'by 2020' is open-ended ('by')", "`end`"),
    ("from 1990", {}, "'from 1990' is open-ended ('from')", "`end`"),
    ("21 Mai 2025", {}, "got '21 Mai 2025'", "which is not configured: add it"),
    ("de", {}, "got 'de'", None),
    ("c. de", {}, "got 'c. de'", None),
    ("21 апреля 2025", {}, "got '21 апреля 2025'", "not configured"),
    ("21. März 2025", {}, "got '21. März 2025'", "this looks like German"),
    ("21 avril 2025", {}, "got '21 avril 2025'", "languages: [en, fr]"),
    ("end of 2024", {}, "got 'end of 2024'", None),
    ("early 2025", {}, "vaguer than timeline records", None),
    ("2025–2020", {}, "the end '2020' is before the start '2025'", None),
    ("12–2025", {}, "'12' is a number, not a date", None),
    ("2025-1", {}, "got '2025-1'", None),
    ("2025–20", {}, "the end '20' is before the start '2025'", None),
    ("5 3 2025", {}, "is ambiguous: 5 March 2025 or 3 May 2025?", None),
    ("2025 1", {}, "got '2025 1'", "write numeric dates as '2025-04-21'"),
    ("21–22 апреля 2025", {}, "got '21–22 апреля 2025'", "not configured"),
    ("April–Jnue 2025", {}, "got 'April–Jnue 2025'", "did you mean 'June'?"),
    ("22–21 April 2025", {}, "is before the start", None),
    ("Q5 2025", {}, "there is no quarter 5", None),
    ("AD 0", {}, "there is no year 0", None),
    ("10001 BC", {}, "outside the years timeline keeps", None),
    ("winter 9999", {}, "outside the years timeline keeps", None),
    ("1404-12-31", JALALI, "Esfand 1404 has 29 days", None),
    ("15 Farvadin 1404", JALALI, "'Farvadin' is not a Jalali (Solar Hijri) month",
     "did you mean 'Farvardin'"),
    ("1200-01-01", HIJRI, "supported from 1343 to 1500 AH", None),
    ("blah", JALALI, "expected a Jalali (Solar Hijri) date", None),
    ("2025", {"calendar": "julian"}, "unknown calendar 'julian'", None),
    ("2025", {"date_order": "DYM"}, "unknown date order 'DYM'", None),
    ("2025", {"languages": []}, "no language is configured", None),
    ("yesterday", {"as_of": "April 2025"}, "as_of must be a single day", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "options", "message", "hint"), REFUSED)
def test_refused(text: str, options: dict[str, Any], message: str, hint: str | None) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text, **options)
    assert message in caught.value.message
    if hint is not None:
        assert caught.value.hint is not None and hint in caught.value.hint


def test_refusals_are_cached_and_raised_fresh() -> None:
    errors = []
    for _ in range(2):
        with pytest.raises(DateError) as caught:
            parse_date("Aprl 2025")
        errors.append(caught.value)
    assert errors[0] is not errors[1]
    assert errors[0].message == errors[1].message


def test_results_are_cached() -> None:
    clear_cache()
    assert parse_date("Apr 21 2025") is parse_date("Apr 21 2025")


def test_same_result_in_any_time_zone() -> None:
    texts = ["Apr 21 2025", "17 January 2025 14:30", "April 2025", "21 апреля 2025"]
    code = (
        "import json, sys; from timeline.dates import parse_date;"
        "print(json.dumps([parse_date(t, languages=['en', 'ru']).to_json() for t in sys.argv[1:]]))"
    )
    env = {**os.environ, "TZ": "Pacific/Kiritimati"}
    result = subprocess.run(
        [sys.executable, "-c", code, *texts], capture_output=True, text=True, check=True, env=env
    )
    assert json.loads(result.stdout) == [
        parse_date(t, languages=["en", "ru"]).to_json() for t in texts
    ]


def test_iso_never_imports_dateparser() -> None:
    code = (
        "import sys, timeline.dates as d;"
        "[d.parse_date(t) for t in ('2025-01-17', 'Jan 2025', 'circa 1990', '21–22 April 2025')];"
        "print('dateparser' in sys.modules, 'babel' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]


@pytest.mark.parametrize(
    "text",
    [
        "Jan 2025",
        "January 17, 2025",
        "17 January 2025",
        "Apr 21 2025",
        "Sept 5 2025",
        "4th of July 1776",
        "Tuesday, 22 April 2025",
        "17 January 2025 14:30",
    ],
)
def test_fast_paths_agree_with_dateparser(text: str) -> None:
    from timeline.dates.forms import DateReading, read_english
    from timeline.dates.natural import read_natural

    fast, slow = read_english(text), read_natural(text, DateReading())
    assert fast is not None and slow is not None
    assert (fast.lower, fast.upper, fast.precision) == (slow.lower, slow.upper, slow.precision)


# the model --------------------------------------------------------------------------------


def test_moment_iso_and_order() -> None:
    assert Moment(-43).iso() == "-0043-01-01"
    assert Moment(2025, 1, 17, 14, 30, 210).iso() == "2025-01-17T14:30+03:30"
    # the same instant written in two zones: ordered by instant, then by offset
    tehran, utc = Moment(2025, 1, 17, 14, 30, 210), Moment(2025, 1, 17, 11, 0, 0)
    assert tehran != utc and (tehran < utc) != (utc < tehran)
    assert Moment(2025, 1, 17, 11, 1, 0) > tehran
    assert Moment(-43) < Moment(0) < Moment(1)
    with pytest.raises(ValueError):
        Moment(2025, 2, 29)


def test_precision_coarseness() -> None:
    order = [
        Precision.MINUTE,
        Precision.DAY,
        Precision.MONTH,
        Precision.SEASON,
        Precision.QUARTER,
        Precision.YEAR,
        Precision.DECADE,
        Precision.CENTURY,
    ]
    assert sorted(Precision, key=lambda p: p.coarseness) == order
    assert Precision.SEASON.value == "season"


def test_sort_key_puts_coarser_first() -> None:
    texts = ["1 Jan 2025", "Jan 2025", "2025", "2025-01-01T00:00", "2024", "2020s"]
    ordered = sorted((parse_date(t) for t in texts), key=lambda d: d.sort_key)
    assert [d.text for d in ordered] == [
        "2020s",
        "2024",
        "2025",
        "Jan 2025",
        "1 Jan 2025",
        "2025-01-01T00:00",
    ]


@pytest.mark.parametrize(
    ("text", "options", "attr"),
    [
        ("2025", {}, "2025"),
        ("Jan 2025", {}, "2025-01"),
        ("2025-01-17", {}, "2025-01-17"),
        ("2025-01-17T14:30+03:30", {}, "2025-01-17T14:30+03:30"),
        ("AD 79", {}, "0079"),
        ("44 BC", {}, None),
        ("spring 2025", {}, None),
        ("Q2 2025", {}, None),
        ("1990s", {}, None),
        ("21–22 April 2025", {}, "2025-04-21"),
        ("15 Farvardin 1404", JALALI, "2025-04-04"),
        ("Farvardin 1404", JALALI, None),
    ],
)
def test_datetime_attr(text: str, options: dict[str, Any], attr: str | None) -> None:
    assert parse_date(text, **options).datetime_attr == attr


def test_year_and_month() -> None:
    assert (parse_date("Jan 2025").year, parse_date("Jan 2025").month) == (2025, 1)
    assert parse_date("2025").month is None
    assert parse_date("Farvardin 1404", calendar="jalali").month is None
    assert parse_date("44 BC").year == -43


def test_to_json_keys() -> None:
    assert parse_date("44 BC").to_json() == {
        "text": "44 BC",
        "edtf": "-0043",
        "lower": "-0043-01-01",
        "upper": "-0043-12-31",
        "precision": "year",
        "approximate": False,
        "uncertain": False,
        "display": "44 BC",
    }


def test_span_joins_date_and_end() -> None:
    joined = span(parse_date("Apr 21 2025"), parse_date("May 2025"))
    assert joined.is_span and joined.start is not None and joined.end is not None
    assert (joined.lower.iso(), joined.upper.iso()) == ("2025-04-21", "2025-05-31")
    assert (joined.start.precision, joined.end.precision) == (Precision.DAY, Precision.MONTH)
    assert joined.precision is Precision.MONTH
    assert joined.edtf == "2025-04-21/2025-05"
    assert not parse_date("2025").is_span
    same_day = span(parse_date("2025-04-21T14:30"), parse_date("2025-04-21"))
    assert same_day.upper.iso() == "2025-04-21"
    with pytest.raises(DateError, match="is before the start"):
        span(parse_date("2025"), parse_date("2024"))
    with pytest.raises(DateError, match="cannot start or end with a span"):
        span(parse_date("1990–1995"), parse_date("2000"))


def test_labels_in_other_languages() -> None:
    russian = parse_date("21 апреля 2025", languages=["ru"]).label("ru")
    assert russian.replace("\u202f", " ") == "21 апреля 2025 г."  # CLDR's narrow space
    assert parse_date("April 2025").label("fr") == "avril 2025"
    assert parse_date("c. 1990").label("de") == "~1990"
    assert parse_date("1990s").label("fr") == "1990–1999"
    assert parse_date("44 BC").label("fr") == "44 av. J.-C."
    assert parse_date("21–22 April 2025").label("en") == "21–22 April 2025"
    assert "2025" in parse_date("Q2 2025").label("ru")
    assert parse_date("1404-01-15", calendar="jalali").label("fa").startswith("15 فروردین 1404")


# properties -----------------------------------------------------------------------------

SEASON_MONTHS = {21: 3, 22: 6, 23: 9, 24: 12}


@st.composite
def event_dates(draw: st.DrawFn) -> EventDate:
    """Any single EventDate the engine can produce, at any precision and qualifier."""
    precision = draw(st.sampled_from(list(Precision)))
    approximate, uncertain = draw(st.booleans()), draw(st.booleans())
    flags = {"approximate": approximate, "uncertain": uncertain}
    if precision is Precision.DECADE:
        return make_date("", precision, draw(st.integers(10, 999)) * 10, **flags)
    if precision is Precision.CENTURY:
        number = draw(st.integers(-99, 99))
        first = number * 100 if number >= 0 else number * 100 + 1
        return make_date("", precision, first, **flags)
    low = 1000 if precision is Precision.MINUTE else -9999
    year = draw(st.integers(low, 9998))
    if precision is Precision.SEASON:
        return make_date("", precision, year, draw(st.sampled_from([21, 22, 23, 24])), **flags)
    if precision is Precision.QUARTER:
        return make_date("", precision, year, draw(st.integers(1, 4)), **flags)
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, days_in_month(year, month)))
    if precision is Precision.MINUTE:
        offset = draw(st.none() | st.integers(-14 * 4, 14 * 4).map(lambda q: q * 15))
        hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
        return make_date(
            "", precision, year, month, day, hour=hour, minute=minute, offset=offset, **flags
        )
    return make_date("", precision, year, month, day, **flags)


def _meaning(date: EventDate) -> tuple[object, ...]:
    return (date.lower, date.upper, date.precision, date.approximate, date.uncertain)


@settings(max_examples=200, deadline=None)
@given(event_dates())
def test_edtf_and_display_read_back(date: EventDate) -> None:
    assert _meaning(parse_date(date.edtf)) == _meaning(date), date.edtf
    assert _meaning(parse_date(date.display)) == _meaning(date), date.display


@settings(max_examples=100, deadline=None)
@given(event_dates(), event_dates())
def test_spans_read_back(first: EventDate, second: EventDate) -> None:
    start, end = sorted((first, second), key=lambda d: d.sort_key)
    # A span needs its end after its start; minutes carry no qualifiers to share.
    assume(end.upper >= start.lower and start.precision is not Precision.MINUTE)
    end = dataclasses.replace(end, approximate=start.approximate, uncertain=start.uncertain)
    joined = span(start, end)
    for text in (joined.edtf, joined.display):
        again = parse_date(text)
        assert (again.lower, again.upper) == (joined.lower, joined.upper), text
        # a span within one day reads back as that day
        if again.start is not None:
            assert again.start.precision is start.precision, text


@settings(max_examples=200, deadline=None)
@given(st.lists(event_dates(), min_size=2, max_size=8))
def test_sort_keys_follow_lower_bounds(dates: list[EventDate]) -> None:
    ordered = sorted(dates, key=lambda d: d.sort_key)
    for before, after in itertools.pairwise(ordered):
        assert before.lower <= after.lower
        if before.lower == after.lower:
            assert before.precision.coarseness >= after.precision.coarseness


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_gives_a_date_or_a_date_error(text: str) -> None:
    with contextlib.suppress(DateError):
        parse_date(text)


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"[0-9A-Za-z /.,\-–?~%]{1,30}", fullmatch=True))
def test_date_like_text_gives_a_date_or_a_date_error(text: str) -> None:
    with contextlib.suppress(DateError):
        parse_date(text, languages=["en", "ru"])


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=MAX_LENGTH + 1, max_size=5000))
def test_long_text_is_refused_by_length(text: str) -> None:
    with pytest.raises(DateError, match=f"the limit is {MAX_LENGTH}"):
        parse_date(text)


# the guide ------------------------------------------------------------------------------

GUIDE = Path(__file__).parent.parent / "docs" / "guide" / "dates.md"
_ROW = re.compile(r"\| `(?P<text>[^`]+)`(?: \((?P<options>[^)]*)\))? \| (?P<rest>.*) \|")


def _guide_rows() -> list[tuple[str, dict[str, Any], list[str]]]:
    rows = []
    as_of: dict[str, Any] = {}
    for line in GUIDE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            as_of = {"as_of": "2025-04-22"} if "as_of: 2025-04-22" in line else {}
        match = _ROW.fullmatch(line)
        if match is None:
            continue
        options: dict[str, Any] = dict(as_of)
        for option in filter(None, (match["options"] or "").split("; ")):
            key, _, value = option.partition(": ")
            options[key] = value.split(", ") if key == "languages" else value
        cells = [cell.strip().strip("`") for cell in match["rest"].split(" | ")]
        rows.append((match["text"], options, cells))
    return rows


def test_the_guide_tells_the_truth() -> None:
    rows = _guide_rows()
    assert len(rows) > 80
    for text, options, cells in rows:
        if len(cells) == 3 and cells[1] in {p.value for p in Precision}:
            date = parse_date(text, **options)
            assert [date.display, date.precision.value, date.edtf] == cells, text
        else:
            with pytest.raises(DateError) as caught:
                parse_date(text, **options)
            assert [caught.value.message, caught.value.hint or ""] == cells[:2], text


def test_unknown_locale_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown locale 'xx_YY'"):
        parse_date("2025").label("xx_YY")


def test_moments_do_not_compare_with_other_types() -> None:
    with pytest.raises(TypeError):
        assert Moment(2025) < "2025"  # type: ignore[operator]
