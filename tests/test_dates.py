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
JULIAN = {"calendar": "julian"}

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
    ("2025-01-17 14:30:59-05:00", {}, "2025-01-17T14:30:59-05:00", "2025-01-17T14:30:59-05:00",
     "minute", "2025-01-17T14:30:59-05:00", "17 January 2025, 14:30:59 (UTC-05:00)"),
    ("2025-01~", {}, "2025-01-01", "2025-01-31", "month", "2025-01~", "c. January 2025"),
    ("1990?", {}, "1990-01-01", "1990-12-31", "year", "1990?", "1990?"),
    ("2025%", {}, "2025-01-01", "2025-12-31", "year", "2025%", "c. 2025?"),
    ("-0043", {}, "-0043-01-01", "-0043-12-31", "year", "-0043", "44 BC"),
    ("0000", {}, "0000-01-01", "0000-12-31", "year", "0000", "1 BC"),
    ("199X", {}, "1990-01-01", "1999-12-31", "decade", "199X", "1990s"),
    ("19XX", {}, "1900-01-01", "1999-12-31", "century", "19XX", "20th century"),
    ("-04XX", {}, "-0499-01-01", "-0400-12-31", "century", "-04XX", "5th century BC"),
    ("2025-21", {}, "2025-03-01", "2025-05-31", "season", "2025-21", "spring 2025"),
    ("2025-27", {}, "2025-09-01", "2025-11-30", "season", "2025-23", "autumn 2025"),
    ("2025-34", {}, "2025-04-01", "2025-06-30", "quarter", "2025-34", "Q2 2025"),
    ("1990-01/1990-06", {}, "1990-01-01", "1990-06-30", "month", "1990-01/1990-06",
     "January–June 1990"),
    ("1990~/1995", {}, "1990-01-01", "1995-12-31", "year", "1990~/1995", "c. 1990 – 1995"),
    # EDTF levels 1 and 2, open ends, long years, deep time
    ('2004?-06', {}, '2004-06-01', '2004-06-30', 'month', '2004?-06',
     'June 2004 (year uncertain)'),
    ('2004?-06-11', {}, '2004-06-11', '2004-06-11', 'day', '2004?-06-11',
     '11 June 2004 (year uncertain)'),
    ('2004-06~-11', {}, '2004-06-11', '2004-06-11', 'day', '2004-06~-11',
     '11 June 2004 (year and month approximate)'),
    ('2004-06-~11', {}, '2004-06-11', '2004-06-11', 'day', '2004-06-~11',
     '11 June 2004 (day approximate)'),
    ('?2004-06-11', {}, '2004-06-11', '2004-06-11', 'day', '2004?-06-11',
     '11 June 2004 (year uncertain)'),
    ('%2001', {}, '2001-01-01', '2001-12-31', 'year', '2001%',
     'c. 2001?'),
    ('~1945/1959', {}, '1945-01-01', '1959-12-31', 'year', '1945~/1959',
     'c. 1945 – 1959'),
    ('1999-XX', {}, '1999-01-01', '1999-12-31', 'year', '1999-XX',
     'a month in 1999'),
    ('1999-01-XX', {}, '1999-01-01', '1999-01-31', 'month', '1999-01-XX',
     'a day in January 1999'),
    ('1999-XX-XX', {}, '1999-01-01', '1999-12-31', 'year', '1999-XX-XX',
     'a day in 1999'),
    ('156X-12-25', {}, '1560-12-25', '1569-12-25', 'decade', '156X-12-25',
     '25 December, the 1560s'),
    ('15XX-12-XX', {}, '1500-12-01', '1599-12-31', 'century', '15XX-12-XX',
     'a day in December, the 16th century'),
    ('XXXX-XX-23', {}, '0000-01-23', '9999-12-23', 'millennium', 'XXXX-XX-23',
     'the 23rd of a month in an unknown year'),
    ('1XXX', {}, '1000-01-01', '1999-12-31', 'millennium', '1XXX',
     '2nd millennium'),
    ('-004X', {}, '-0049-01-01', '-0040-12-31', 'decade', '-004X',
     '50–41 BC'),
    ('-1XXX', {}, '-1999-01-01', '-1000-12-31', 'millennium', '-1XXX',
     '2nd millennium BC'),
    ('1984-1X', {}, '1984-10-01', '1984-12-31', 'year', '1984-1X',
     'a month of October–December 1984'),
    ('../2006', {}, '2006-01-01', '2006-12-31', 'year', '../2006',
     'until 2006'),
    ('2004/..', {}, '2004-01-01', '2004-12-31', 'year', '2004/..',
     'since 2004'),
    ('2004/', {}, '2004-01-01', '2004-12-31', 'year', '2004/',
     '2004 – unknown'),
    ('/2006', {}, '2006-01-01', '2006-12-31', 'year', '/2006',
     'unknown – 2006'),
    ('1984-06-02?/', {}, '1984-06-02', '1984-06-02', 'day', '1984-06-02?/',
     '2 June 1984? – unknown'),
    ('[1667, 1668, 1670..1672]', {}, '1667-01-01', '1672-12-31', 'year', '[1667, 1668, 1670..1672]',
     '1667, 1668 or 1670–1672'),
    ('[..1760-12-03]', {}, '1760-12-03', '1760-12-03', 'day', '[..1760-12-03]',
     '3 December 1760 or earlier'),
    ('[1760-12..]', {}, '1760-12-01', '1760-12-31', 'month', '[1760-12..]',
     'December 1760 or later'),
    ('{1960, 1961-12}', {}, '1960-01-01', '1961-12-31', 'year', '{1960, 1961-12}',
     'all of 1960 and December 1961'),
    ('Y170000002', {}, '170000002-01-01', '170000002-12-31', 'year', 'Y170000002',
     '170000002'),
    ('Y-17E7', {}, '-170000000-01-01', '-170000000-12-31', 'year', 'Y-170000000',
     '170,000,001 BC'),
    ('Y17E7', {}, '170000000-01-01', '170000000-12-31', 'year', 'Y170000000',
     '170000000'),
    ('1950S2', {}, '1900-01-01', '1999-12-31', 'century', '1950S2',
     '1900–1999, estimated 1950'),
    ('Y3388E2S3', {}, '338000-01-01', '338999-12-31', 'millennium', 'Y338800S3',
     '338000–338999, estimated 338800'),
    ('2001-29', {}, '2001-09-01', '2001-11-30', 'season', '2001-29',
     'spring 2001 (southern hemisphere)'),
    ('2001-30', {}, '2001-12-01', '2002-02-28', 'season', '2001-30',
     'summer 2001 (southern hemisphere)'),
    ('2001-37', {}, '2001-01-01', '2001-04-30', 'quadrimester', '2001-37',
     'first four months of 2001'),
    ('2001-41', {}, '2001-07-01', '2001-12-31', 'semester', '2001-41',
     'H2 2001'),
    ('2001-21', {}, '2001-03-01', '2001-05-31', 'season', '2001-21',
     'spring 2001'),
    ('2025-40', {}, '2025-01-01', '2025-06-30', 'semester', '2025-40',
     'H1 2025'),
    ('H2 2025', {}, '2025-07-01', '2025-12-31', 'semester', '2025-41',
     'H2 2025'),
    ('first four months of 2025', {}, '2025-01-01', '2025-04-30', 'quadrimester', '2025-37',
     'first four months of 2025'),
    ('2nd millennium', {}, '1000-01-01', '1999-12-31', 'millennium', '1XXX',
     '2nd millennium'),
    ('2nd millennium BC', {}, '-1999-01-01', '-1000-12-31', 'millennium', '-1XXX',
     '2nd millennium BC'),
    ('since March 2022', {}, '2022-03-01', '2022-03-31', 'month', '2022-03/..',
     'since March 2022'),
    ('2022–present', {}, '2022-01-01', '2022-12-31', 'year', '2022/..',
     'since 2022'),
    ('until 2006', {}, '2006-01-01', '2006-12-31', 'year', '../2006',
     'until 2006'),
    ('2004 – unknown', {}, '2004-01-01', '2004-12-31', 'year', '2004/',
     '2004 – unknown'),
    ('4.5 billion years ago', {}, '-4549998050-01-01', '-4449998051-12-31', 'deep time',
     'Y-4549998050/Y-4449998051', '4.5 billion years ago'),
    ('65 million years ago', {}, '-65498050-01-01', '-64498051-12-31', 'deep time',
     'Y-65498050/Y-64498051', '65 million years ago'),
    ('65 Ma', {}, '-65498050-01-01', '-64498051-12-31', 'deep time',
     'Y-65498050/Y-64498051', '65 million years ago'),
    ('13.8 Ga', {}, '-13849998050-01-01', '-13749998051-12-31', 'deep time',
     'Y-13849998050/Y-13749998051', '13.8 billion years ago'),
    ('c. 65 Ma', {}, '-65498050-01-01', '-64498051-12-31', 'deep time',
     'Y-65498050~/Y-64498051~', 'c. 65 million years ago'),
    ('12,000 years ago', {}, '-10550-01-01', '-9551-12-31', 'deep time', 'Y-10550/-9551',
     '12,000 years ago'),
    ('10,000 BC', {}, '-9999-01-01', '-9999-12-31', 'year', '-9999',
     '10,000 BC'),
    ('10000 BCE', {}, '-9999-01-01', '-9999-12-31', 'year', '-9999',
     '10,000 BC'),
    ('12000 BC', {}, '-11999-01-01', '-11999-12-31', 'year', 'Y-11999',
     '12,000 BC'),
    # phrases real sources use
    ("c. 1450 – c. 1500", {}, "1450-01-01", "1500-12-31", "year", "1450~/1500~", "c. 1450–1500"),
    ("winter of 1941–42", {}, "1941-12-01", "1942-02-28", "season", "1941-24", "winter 1941–42"),
    ("November 19, 2014 at noon", {}, "2014-11-19T12:00", "2014-11-19T12:00", "minute",
     "2014-11-19T12:00:00", "19 November 2014, 12:00"),
    ("1999-12-31 19:00:00 -0500", {}, "1999-12-31T19:00:00-05:00", "1999-12-31T19:00:00-05:00",
     "minute", "1999-12-31T19:00:00-05:00", "31 December 1999, 19:00:00 (UTC-05:00)"),
    ("c1860", {}, "1860-01-01", "1860-12-31", "year", "1860~", "c. 1860"),
    ("19c", {}, "1800-01-01", "1899-12-31", "century", "18XX", "19th century"),
    ("19th c.", {}, "1800-01-01", "1899-12-31", "century", "18XX", "19th century"),
    ("2000 г.", RU, "2000-01-01", "2000-12-31", "year", "2000", "2000"),
    ("AH 1446", HIJRI, "2024-07-07", "2025-06-25", "year", "2024-07-07/2025-06-25",
     "1446 (7 July 2024 – 25 June 2025)"),
    ("سه شنبه سوم شهریور ۱۳۹۴", JALALI, "2015-08-25", "2015-08-25", "day", "2015-08-25",
     "3 Shahrivar 1394 (25 August 2015)"),
    ("پنجشنبه بیست و سوم اردیبهشت ۱۳۸۹", JALALI, "2010-05-13", "2010-05-13", "day", "2010-05-13",
     "23 Ordibehesht 1389 (13 May 2010)"),
    ("14-09-1432 هـ، 09:40 صباحاً", HIJRI, "2011-08-14T09:40", "2011-08-14T09:40", "minute",
     "2011-08-14T09:40:00", "14 Ramadan 1432 (14 August 2011, 09:40)"),
    # the Julian calendar, and dual dates checked for consistency
    ("23 February 1917", JULIAN, "1917-03-08", "1917-03-08", "day", "1917-03-08",
     "23 February 1917 O.S. (8 March 1917)"),
    ("1582-10-05", JULIAN, "1582-10-15", "1582-10-15", "day", "1582-10-15",
     "5 October 1582 O.S. (15 October 1582)"),
    ("29 February 1700", JULIAN, "1700-03-11", "1700-03-11", "day", "1700-03-11",
     "29 February 1700 O.S. (11 March 1700)"),
    ("February 1917", JULIAN, "1917-02-14", "1917-03-13", "month", "1917-02-14/1917-03-13",
     "February 1917 O.S. (14 February – 13 March 1917)"),
    ("8 March 1917 [O.S. 23 February]", {}, "1917-03-08", "1917-03-08", "day", "1917-03-08",
     "8 March 1917 (23 February 1917 O.S.)"),
    ("11/22 March 1712", {}, "1712-03-22", "1712-03-22", "day", "1712-03-22",
     "22 March 1712 (11 March 1712 O.S.)"),
    ("13 Ago 2014", {"languages": ["en", "es"]}, "2014-08-13", "2014-08-13", "day", "2014-08-13",
     "13 August 2014"),
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
    ("AD 12000", {}, "got 'AD 12000'", None),
    # ambiguity refused, with both readings in the hint
    ("2020-21", {}, "'2020-21' is ambiguous: EDTF's spring 2020, or the years 2020–2021?",
     "write 'spring 2020' or '2020–2021'"),
    ("2023-24", {}, "EDTF's winter 2023, or the years 2023–2024?", "'winter 2023' or '2023–2024'"),
    ("2032-33", {}, "EDTF's Q1 2032, or the years 2032–2033?", "'Q1 2032' or '2032–2033'"),
    ("1800s", {}, "'1800s' is ambiguous: the 19th century, or the decade 1800–1809?",
     "write '19th century' or '1800–1809'"),
    ("the 1900s", {}, "the 20th century, or the decade 1900–1909?", "'20th century'"),
    ("2000s", {}, "the 21st century, or the decade 2000–2009?", "'2000–2009'"),
    # stray characters
    ("1985-04-1", {}, "months and days take two digits", "'1985-04-01'"),
    ("-0000-01-01", {}, "there is no year -0", "'0000'"),
    ("2004-(06-11)?", {}, "parentheses are not used for qualifiers", "'2004-06?-11'"),
    ("Y1700", {}, "'Y' is for years of more than four digits", "'1700'"),
    ("Y-1700", {}, "'Y' is for years of more than four digits", "'-1700'"),
    ("Y17E7-12-26", {}, "got 'Y17E7-12-26'", None),
    ("2016-02-39", {}, "there is no day 39", None),
    ("../..", {}, "has neither end", None),
    ("[1667, , 1668]", {}, "has an empty member", None),
    ("[1667..]x", {}, "'[1667..]x' is not an EDTF set", None),
    # phrases: vague ones refused with the span they may mean
    ("mid-1990s", {}, "'mid-1990s' is vaguer than timeline records", "e.g. '1993–1996'"),
    ("early 2025", {}, "'early 2025' is vaguer than timeline records", "'January–April 2025'"),
    ("late 19th century", {}, "'late 19th century' is vaguer", "'1867–1899'"),
    ("سه‌شنبه ۱ فروردین ۱۴۰۴", JALALI, "(2025-03-21) is a Friday", "leave the weekday out"),
    ("12/22 March 1712", {}, "12 March 1712 O.S. is 23 March 1712 in the Gregorian calendar",
     "10 to 13 days behind"),
    ("9 March 1917 [O.S. 23 February]", {}, "not 9 March 1917", None),
    ("29 February 1701", JULIAN, "February 1701 has 28 days", None),
    # refusal messages that say the right thing
    ("year in the 1860s", {}, EXPECTED + ", got 'year in the 1860s'", None),
    ("13 Ago 2014", {}, "got '13 Ago 2014'", "this looks like Spanish"),
    ("maybe 2025", {}, "got 'maybe 2025'", None),
    ("200 billion years ago", {}, "outside the years timeline keeps", "100 billion years ago"),
    ("Y-200000000000", {}, "outside the years timeline keeps", "100,000,000,000"),
    ("300 years ago", {}, "'300 years ago' is relative to the day it was written", "as_of"),
    ("1404-12-31", JALALI, "Esfand 1404 has 29 days", None),
    ("15 Farvadin 1404", JALALI, "'Farvadin' is not a Jalali (Solar Hijri) month",
     "did you mean 'Farvardin'"),
    ("1200-01-01", HIJRI, "supported from 1343 to 1500 AH", None),
    ("blah", JALALI, "expected a Jalali (Solar Hijri) date", None),
    ("2025", {"calendar": "coptic"}, "unknown calendar 'coptic'", "julian"),
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
        Precision.QUADRIMESTER,
        Precision.SEMESTER,
        Precision.YEAR,
        Precision.DECADE,
        Precision.CENTURY,
        Precision.MILLENNIUM,
        Precision.DEEP_TIME,
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
PARTS_OF_A_YEAR = {Precision.QUARTER: 4, Precision.QUADRIMESTER: 3, Precision.SEMESTER: 2}


@st.composite
def event_dates(draw: st.DrawFn) -> EventDate:
    """Any single EventDate the engine can produce, at any precision and qualifier."""
    precision = draw(st.sampled_from([p for p in Precision if p is not Precision.DEEP_TIME]))
    approximate, uncertain = draw(st.booleans()), draw(st.booleans())
    flags = {"approximate": approximate, "uncertain": uncertain}
    if precision is Precision.DECADE:
        return make_date("", precision, draw(st.integers(10, 999)) * 10, **flags)
    if precision is Precision.CENTURY:
        number = draw(st.integers(-99, 99))
        first = number * 100 if number >= 0 else number * 100 + 1
        return make_date("", precision, first, **flags)
    if precision is Precision.MILLENNIUM:
        number = draw(st.integers(-9, 9))
        first = number * 1000 if number >= 0 else number * 1000 + 1
        return make_date("", precision, first, **flags)
    low = 1000 if precision is Precision.MINUTE else -9999
    year = draw(st.integers(low, 9998))
    if precision is Precision.SEASON:
        return make_date("", precision, year, draw(st.sampled_from([21, 22, 23, 24])), **flags)
    if precision in PARTS_OF_A_YEAR:
        number = draw(st.integers(1, PARTS_OF_A_YEAR[precision]))
        return make_date("", precision, year, number, **flags)
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
    # By instant: EDTF writes a minute as '14:30:00', which reads back with its seconds.
    lower, upper = date.lower.instant, date.upper.instant
    return (lower, upper, date.precision, date.approximate, date.uncertain)


@settings(max_examples=200, deadline=None)
@given(event_dates())
def test_edtf_and_display_read_back(date: EventDate) -> None:
    # '2020-21' (spring 2020) is refused as ambiguous: it reads as 2020–2021 too.
    assume(not _year_pair(date.edtf))
    assert _meaning(parse_date(date.edtf)) == _meaning(date), date.edtf
    again = parse_date(date.display)
    if date.precision is Precision.DECADE and date.year % 100 == 0:  # shown as '1800–1809'
        assert (again.lower.instant, again.upper.instant) == _meaning(date)[:2], date.display
    else:
        assert _meaning(again) == _meaning(date), date.display


def _year_pair(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}[~?%]?", text):
        return False
    year, code = int(text[:4]), int(text[5:7])
    return code > 12 and code == (year + 1) % 100 and year >= 1000


@settings(max_examples=100, deadline=None)
@given(event_dates(), event_dates())
def test_spans_read_back(first: EventDate, second: EventDate) -> None:
    start, end = sorted((first, second), key=lambda d: d.sort_key)
    # A span needs its end after its start; minutes carry no qualifiers to share.
    assume(end.upper >= start.lower and start.precision is not Precision.MINUTE)
    end = dataclasses.replace(end, approximate=start.approximate, uncertain=start.uncertain)
    joined = span(start, end)
    assume(not any(_year_pair(part.edtf) for part in (start, end)))
    texts = [joined.edtf]
    if not any(p.precision is Precision.DECADE and p.year % 100 == 0 for p in (start, end)):
        texts.append(joined.display)  # '1800–1809 – 1900–1909' is shown, not read
    for text in texts:
        again = parse_date(text)
        assert (again.lower.instant, again.upper.instant) == (
            joined.lower.instant,
            joined.upper.instant,
        ), text
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


# deep time ------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.decimals(min_value="1.0", max_value="99.9", places=1),
            st.sampled_from(["thousand", "million", "billion"]),
        ),
        min_size=2,
        max_size=6,
    )
)
def test_deep_time_reads_back_and_sorts_by_age(counts: list[tuple[object, str]]) -> None:
    scale = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
    dates = []
    for number, unit in counts:
        date = parse_date(f"{number} {unit} years ago")
        again = parse_date(date.display)
        assert (again.lower, again.upper, again.precision) == (
            date.lower,
            date.upper,
            date.precision,
        )
        edtf = parse_date(date.edtf)
        assert (edtf.lower, edtf.upper) == (date.lower, date.upper), date.edtf
        assert date.lower.year <= 1950 - float(number) * scale[unit] <= date.upper.year  # type: ignore[arg-type]
        dates.append((float(number) * scale[unit], date))  # type: ignore[arg-type]
    ordered = sorted(dates, key=lambda pair: pair[1].sort_key)
    ages = [age for age, _ in ordered]
    assert ages == sorted(ages, reverse=True)  # the oldest first


def test_deep_time_is_counted_from_1950_not_from_the_build() -> None:
    date = parse_date("65 Ma")
    assert date.precision is Precision.DEEP_TIME
    assert (date.lower.year, date.upper.year) == (1950 - 65_500_000, 1950 - 64_500_001)
    assert parse_date("65 million years ago").edtf == date.edtf
    assert parse_date("13.8 Ga").lower < parse_date("4.5 billion years ago").lower < date.lower
    assert parse_date("10,000 BC").lower < parse_date("9999 BC").lower


# dateparser's own Jalali and Hijri test cases (github.com/scrapinghub/dateparser,
# tests/test_jalali.py and tests/test_hijri.py at commit 315e396b), as the press writes them.
# Left out: two-digit years (refused here), times written in words ('ساعت 11 و 01 دقیقه'),
# and '30-02-1433': Safar 1433 has 29 days in the Umm al-Qura calendar used here.
DATEPARSER_CASES = [
    ("jalali", "سه شنبه سوم شهریور ۱۳۹۴", (2015, 8, 25, 0, 0)),
    ("jalali", "پنجشنبه چهارم تیر ۱۳۹۴", (2015, 6, 25, 0, 0)),
    ("jalali", "شنبه یکم فروردین ۱۳۹۴", (2015, 3, 21, 0, 0)),
    ("jalali", "یکشنبه شانزدهم آذر ۱۳۹۳", (2014, 12, 7, 0, 0)),
    ("jalali", "دوشنبه دوازدهم آبان ۱۳۹۳", (2014, 11, 3, 0, 0)),
    ("jalali", "یکشنبه سیزدهم مهر ۱۳۹۳", (2014, 10, 5, 0, 0)),
    ("jalali", "دوشنبه دوم تیر ۱۳۹۳", (2014, 6, 23, 0, 0)),
    ("jalali", "یکشنبه سوم فروردین ۱۳۹۳", (2014, 3, 23, 0, 0)),
    ("jalali", "پنجشنبه دهم بهمن ۱۳۹۲", (2014, 1, 30, 0, 0)),
    ("jalali", "شنبه چهاردهم دی ۱۳۹۲", (2014, 1, 4, 0, 0)),
    ("jalali", "جمعه بیستم خرداد ۱۳۹۰", (2011, 6, 10, 0, 0)),
    ("jalali", "شنبه نهم مرداد ۱۳۸۹", (2010, 7, 31, 0, 0)),
    ("jalali", "پنجشنبه بیست و سوم اردیبهشت ۱۳۸۹", (2010, 5, 13, 0, 0)),
    ("jalali", "جمعه سی ام اسفند ۱۳۸۷", (2009, 3, 20, 0, 0)),
    ("jalali", "پنجشنبه ۲۶ شهريور ۱۳۹۴ ساعت ۹:۳۲", (2015, 9, 17, 9, 32)),
    ("jalali", "دوشنبه ۲۳ شهريور ۱۳۹۴ ساعت ۱۹:۱۱", (2015, 9, 14, 19, 11)),
    ("jalali", "جمعه سی ام اسفند ۱۳۸۷ساعت 19:47", (2009, 3, 20, 19, 47)),
    ("jalali", "پنجشنبه 11 تیر 1394", (2015, 7, 2, 0, 0)),
    ("hijri", "14-09-1432 هـ, 09:40 صباحاً", (2011, 8, 14, 9, 40)),
    ("hijri", "20-02-1430 هـ, 07:21 صباحاً", (2009, 2, 15, 7, 21)),
    ("hijri", "11-08-1434 هـ, 09:38 صباحاً", (2013, 6, 20, 9, 38)),
    ("hijri", " 17-01-1437 هـ 08:30 مساءً", (2015, 10, 30, 20, 30)),
    ("hijri", "29-02-1433 هـ, 06:22 صباحاً", (2012, 1, 23, 6, 22)),
    ("hijri", "04-03-1433 هـ, 10:08 مساءً", (2012, 1, 27, 22, 8)),
]


@pytest.mark.parametrize(("calendar", "text", "expected"), DATEPARSER_CASES)
def test_dateparser_jalali_and_hijri_cases(
    calendar: str, text: str, expected: tuple[int, int, int, int, int]
) -> None:
    lower = parse_date(text, calendar=calendar).lower
    assert (lower.year, lower.month, lower.day, lower.hour or 0, lower.minute or 0) == expected


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("January–January 10,000 BC", "-9999-01/-9999-01"),  # found by test_spans_read_back
        ("March–May 12,500 BC", "Y-12499-03/Y-12499-05"),
        ("March–May 44 BC", "-0043-03/-0043-05"),
    ],
)
def test_a_month_span_shares_a_year_written_with_separators(text: str, edtf: str) -> None:
    assert parse_date(text).edtf == edtf
