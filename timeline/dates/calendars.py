"""Solar Hijri (Jalali) and Islamic (Hijri) dates, converted to Gregorian days.

Jalali uses the exact arithmetic of the jalaali-js library (Borkowski's 33-year
breaks, valid for years 1–3177), small enough to keep here. Hijri uses the
hijridate package: the Umm al-Qura calendar, which follows the sighted months
for 1343–1500 AH (1924–2077); an arithmetic Hijri calendar can be a day or two
off, which would misplace events.
"""

from __future__ import annotations

import re
import unicodedata

from timeline.dates.moment import civil_from_days, days_from_civil

JALALI_MONTHS = (
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
)
JALALI_MONTHS_FA = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
HIJRI_MONTHS = (
    "Muharram",
    "Safar",
    "Rabi' al-Awwal",
    "Rabi' al-Thani",
    "Jumada al-Awwal",
    "Jumada al-Thani",
    "Rajab",
    "Sha'ban",
    "Ramadan",
    "Shawwal",
    "Dhu al-Qi'dah",
    "Dhu al-Hijjah",
)
HIJRI_MONTHS_AR = (
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
)
# The names dates are shown with (dates/display.py), which the reader reads too.
# CLDR 48, calendar "persian" and "islamic-umalqura", format context, wide names.
# fmt: off
MONTHS: dict[str, dict[str, tuple[str, ...]]] = {
    "jalali": {
        "en": (
            "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar", "Mehr", "Aban",
            "Azar", "Dey", "Bahman", "Esfand",
        ),
        "fa": (
            "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر",
            "دی", "بهمن", "اسفند",
        ),
        "ar": (
            "فرفردن", "أذربيهشت", "خرداد", "تار", "مرداد", "شهرفار", "مهر", "آيان", "آذر", "دي",
            "بهمن", "اسفندار",
        ),
        "fr": (
            "farvardin", "ordibehešt", "khordâd", "tir", "mordâd", "šahrivar", "mehr", "âbân",
            "âzar", "dey", "bahman", "esfand",
        ),
        "de": (
            "Farwardin", "Ordibehescht", "Chordād", "Tir", "Mordād", "Schahriwar", "Mehr",
            "Ābān", "Āsar", "Déi", "Bahman", "Essfand",
        ),
        "ru": (
            "фарвардин", "ордибехешт", "хордад", "тир", "мордад", "шахривер", "мехр", "абан",
            "азер", "дей", "бахман", "эсфанд",
        ),
        "es": (
            "farvardin", "ordibehesht", "khordad", "tir", "mordad", "shahrivar", "mehr", "aban",
            "azar", "dey", "bahman", "esfand",
        ),
        "zh": tuple(f"{number}月" for number in range(1, 13)),
    },
    "hijri": {
        "en": (
            "Muharram", "Safar", "Rabiʻ I", "Rabiʻ II", "Jumada I", "Jumada II", "Rajab",
            "Shaʻban", "Ramadan", "Shawwal", "Dhuʻl-Qiʻdah", "Dhuʻl-Hijjah",
        ),
        "fa": (
            "محرم", "صفر", "ربیع‌الاول", "ربیع‌الثانی", "جمادی‌الاول", "جمادی‌الثانی", "رجب",
            "شعبان", "رمضان", "شوال", "ذیقعده", "ذیحجه",
        ),
        "ar": (
            "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب",
            "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة",
        ),
        "fr": (
            "mouharram", "safar", "rabia al awal", "rabia ath-thani", "joumada al oula",
            "joumada ath-thania", "rajab", "chaabane", "ramadan", "chawwal", "dhou al qi`da",
            "dhou al-hijja",
        ),
        "de": (
            "Muharram", "Safar", "Rabiʻ I", "Rabiʻ II", "Dschumada I", "Dschumada II",
            "Radschab", "Shaʻban", "Ramadan", "Shawwal", "Dhu l-qaʿda", "Dhu l-Hiddscha",
        ),
        "ru": (
            "мухаррам", "сафар", "раби-уль-авваль", "раби-уль-ахир", "джумад-уль-авваль",
            "джумад-уль-ахир", "раджаб", "шаабан", "рамадан", "шавваль", "зуль-каада",
            "зуль-хиджжа",
        ),
        "es": (
            "muharram", "safar", "rabiʻ I", "rabiʻ II", "jumada I", "jumada II", "rajab",
            "shaʻban", "ramadán", "shawwal", "dhuʻl-qiʻdah", "dhuʻl-hijjah",
        ),
        "zh": tuple(f"{number}月" for number in range(1, 13)),
    },
}
# fmt: on
# Other spellings met in sources, by month number.
_VARIANTS = {
    "jalali": {
        1: ("farvardeen",),
        2: ("ordibehesht", "ordibahesht"),
        3: ("khordaad",),
        5: ("amordad", "mordaad", "امرداد"),
        6: ("shahrivar", "shahrewar"),
        8: ("abaan",),
        9: ("aazar", "adhar"),
        10: ("dei", "day"),
        12: ("esfand", "esfend", "espand"),
    },
    "hijri": {
        1: ("muharam", "moharram"),
        3: ("rabiulawwal", "rabialawal", "rabiulawal", "rabii"),
        4: ("rabialakhir", "rabiulakhir", "rabiuthani", "rabiulthani", "ربيع الثاني", "rabiiii"),
        5: ("jumadaalula", "jumadalawwal", "jumadiulawwal", "jumadalula"),
        6: ("jumadaalakhirah", "jumadalthani", "jumadiulakhir", "جمادى الثانية"),
        8: ("shaaban",),
        9: ("ramazan", "ramadhan"),
        10: ("shawal",),
        11: ("dhulqadah", "dhulqidah", "dhualqadah", "zulqadah", "zulqida"),
        12: ("dhulhijjah", "dhualhija", "zulhijjah", "zulhijja"),
    },
}

_BREAKS = (
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210,
    1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178,
)  # fmt: skip

CALENDAR_NAMES = {"julian": "Julian", "jalali": "Jalali (Solar Hijri)", "hijri": "Hijri"}
JULIAN_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


def julian_to_days(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 (Gregorian) of a Julian calendar date (astronomical years)."""
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    return day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083 - 2440588


def _julian_length(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _div(a: int, b: int) -> int:
    """Integer division truncating toward zero, as the JavaScript original does."""
    quotient = abs(a) // abs(b)
    return quotient if (a >= 0) == (b > 0) else -quotient


def _mod(a: int, b: int) -> int:
    return a - _div(a, b) * b


def _jalali_year(year: int) -> tuple[bool, int]:
    """Whether a Jalali year is leap, and the Gregorian day (of March) of its Nowruz."""
    if not 1 <= year < _BREAKS[-1]:
        raise ValueError(f"Jalali year {year} is outside 1..{_BREAKS[-1] - 1}")
    gregorian_year = year + 621
    leap_jalali = -14
    previous = _BREAKS[0]
    jump = 0
    for brk in _BREAKS[1:]:
        jump = brk - previous
        if year < brk:
            break
        leap_jalali += _div(jump, 33) * 8 + _div(_mod(jump, 33), 4)
        previous = brk
    n = year - previous
    leap_jalali += _div(n, 33) * 8 + _div(_mod(n, 33) + 3, 4)
    if _mod(jump, 33) == 4 and jump - n == 4:
        leap_jalali += 1
    leap_gregorian = _div(gregorian_year, 4) - _div((_div(gregorian_year, 100) + 1) * 3, 4) - 150
    march = 20 + leap_jalali - leap_gregorian
    if jump - n < 6:
        n = n - jump + _div(jump + 4, 33) * 33
    leap = _mod(_mod(n + 1, 33) - 1, 4)
    return leap == 0, march


def month_length(calendar: str, year: int, month: int) -> int:
    """Days in a month of the Jalali or Hijri calendar; ValueError when out of range."""
    if not 1 <= month <= 12:
        raise ValueError(f"there is no month {month}")
    if calendar == "julian":
        return _julian_length(year, month)
    if calendar == "jalali":
        leap, _ = _jalali_year(year)
        return 31 if month <= 6 else 30 if month <= 11 or leap else 29
    from hijridate import Hijri

    try:
        return Hijri(year, month, 1).month_length()
    except OverflowError as error:
        raise ValueError("Hijri dates are supported from 1343 to 1500 AH (1924–2077)") from error


def to_days(calendar: str, year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a Jalali or Hijri date; ValueError when invalid."""
    length = month_length(calendar, year, month)
    if not 1 <= day <= length:
        raise ValueError(f"{month_name(calendar, month)} {year} has {length} days")
    if calendar == "julian":
        return julian_to_days(year, month, day)
    if calendar == "jalali":
        _, march = _jalali_year(year)
        nowruz = days_from_civil(year + 621, 3, march)
        return nowruz + (month - 1) * 31 - _div(month, 7) * (month - 7) + day - 1
    from hijridate import Hijri

    gregorian = Hijri(year, month, day).to_gregorian()
    return days_from_civil(gregorian.year, gregorian.month, gregorian.day)


def from_days(calendar: str, days: int) -> tuple[int, int, int]:
    """The (year, month, day) in a calendar of a day since 1970-01-01; ValueError outside it."""
    if calendar == "julian":
        c = days + 2440588 + 32082  # the Julian day number, shifted as Richards' algorithm asks
        d = (4 * c + 3) // 1461
        e = c - 1461 * d // 4
        m = (5 * e + 2) // 153
        return d - 4800 + m // 10, m + 3 - 12 * (m // 10), e - (153 * m + 2) // 5 + 1
    year, month, day = civil_from_days(days)
    if calendar == "jalali":
        jalali = year - 621
        nowruz = days_from_civil(year, 3, _jalali_year(jalali)[1])
        if days < nowruz:
            jalali -= 1
            nowruz = days_from_civil(year - 1, 3, _jalali_year(jalali)[1])
        offset = days - nowruz  # Farvardin to Shahrivar have 31 days, the rest 30 (29)
        if offset < 186:
            return jalali, offset // 31 + 1, offset % 31 + 1
        return jalali, (offset - 186) // 30 + 7, (offset - 186) % 30 + 1
    from hijridate import Gregorian

    try:
        hijri = Gregorian(year, month, day).to_hijri()
    except (OverflowError, ValueError) as error:
        raise ValueError("Hijri dates are supported from 1343 to 1500 AH (1924–2077)") from error
    return hijri.year, hijri.month, hijri.day


def bounds(calendar: str, year: int, month: int, day: int) -> tuple[int, int]:
    """First and last Gregorian day (since 1970-01-01) of a date; 0 = not written."""
    if day:
        first = last = to_days(calendar, year, month, day)
    elif month:
        first = to_days(calendar, year, month, 1)
        last = first + month_length(calendar, year, month) - 1
    else:
        first = to_days(calendar, year, 1, 1)
        last = to_days(calendar, year, 12, 1) + month_length(calendar, year, 12) - 1
    return first, last


def month_name(calendar: str, month: int, language: str = "en") -> str:
    """A month's name: Persian for Jalali in 'fa', Arabic for Hijri in 'ar', else Latin."""
    if calendar == "julian":
        return JULIAN_MONTHS[month - 1]
    if calendar == "jalali":
        return (JALALI_MONTHS_FA if language == "fa" else JALALI_MONTHS)[month - 1]
    return (HIJRI_MONTHS_AR if language in ("ar", "fa") else HIJRI_MONTHS)[month - 1]


def calendar_label(calendar: str, date: tuple[int, int, int], language: str = "en") -> str:
    """'15 Farvardin 1404', 'Shawwal 1446', '1404'."""
    year, month, day = date
    era = " O.S." if calendar == "julian" else ""  # Old Style, as historians mark it
    if not month:
        return f"{year}{era}"
    name = month_name(calendar, month, language)
    return (f"{day} {name} {year}" if day else f"{name} {year}") + era


def _fold(word: str) -> str:
    """A month name reduced for matching: no case, marks, spaces or letter variants."""
    word = unicodedata.normalize("NFKD", word.casefold())
    word = "".join(c for c in word if c.isalnum())
    return word.translate(_LETTERS)


_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك"})


def _month_table(calendar: str) -> dict[str, int]:
    table: dict[str, int] = {}
    names = (
        (JALALI_MONTHS, JALALI_MONTHS_FA)
        if calendar == "jalali"
        else (HIJRI_MONTHS, HIJRI_MONTHS_AR)
        if calendar == "hijri"
        else (JULIAN_MONTHS, tuple(name[:3] for name in JULIAN_MONTHS))
    )
    for series in names:
        for number, name in enumerate(series, 1):
            table[_fold(name)] = number
    for language, cldr in MONTHS.get(calendar, {}).items():
        for number, name in enumerate(cldr, 1):
            if language != "zh":  # '1月' is a number, not a name
                table.setdefault(_fold(name), number)
    for number, variants in _VARIANTS.get(calendar, {}).items():
        for name in variants:
            table.setdefault(_fold(name), number)
    return table


_TABLES = {calendar: _month_table(calendar) for calendar in ("julian", "jalali", "hijri")}

# Years take three or four digits, so that '15' in '15–20 Farvardin 1404' is a day.
_NUMERIC = re.compile(r"(\d{3,4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?")
_NAMED = re.compile(r"(?:(\d{1,2})\s+)?(\D+?)\s*(\d{3,4})\s*(?:AH|A\.H\.|SH|S\.H\.|هـ|ه\.ش\.?|ش)?")


def find_month(calendar: str, name: str) -> int | None:
    """The number of a month written by name, or None."""
    return _TABLES[calendar].get(_fold(name))


def month_names(calendar: str) -> list[str]:
    """Every month name the parser knows for a calendar, for did-you-mean hints."""
    if calendar == "julian":
        return list(JULIAN_MONTHS)
    if calendar == "jalali":
        return [*JALALI_MONTHS, *JALALI_MONTHS_FA]
    return [*HIJRI_MONTHS, *HIJRI_MONTHS_AR]


# As the Persian and Arabic press write dates: a weekday first, the day as an ordinal
# word ('سوم', 'بیست و سوم'), the Arabic comma, an era mark, a time after 'ساعت'.
# Weekdays are numbered as Python's: Monday is 0.
_WEEKDAYS = {
    "دوشنبه": 0, "سهشنبه": 1, "چهارشنبه": 2, "پنجشنبه": 3, "جمعه": 4, "شنبه": 5, "یکشنبه": 6,
    "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4,
    "السبت": 5, "الأحد": 6,
}  # fmt: skip
_UNITS = {
    "یک": 1, "یکم": 1, "اول": 1, "دو": 2, "دوم": 2, "سه": 3, "سوم": 3, "چهار": 4, "چهارم": 4,
    "پنج": 5, "پنجم": 5, "شش": 6, "ششم": 6, "هفت": 7, "هفتم": 7, "هشت": 8, "هشتم": 8,
    "نه": 9, "نهم": 9,
}  # fmt: skip
_TEENS = {
    "ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14, "پانزده": 15,
    "شانزده": 16, "هفده": 17, "هجده": 18, "نوزده": 19, "بیست": 20, "سی": 30,
}  # fmt: skip
_PRESS_TIME = re.compile(
    r"\s*(?:ساعت\s*)+(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*$"
    r"|[\s,،]+(?P<hour2>\d{1,2}):(?P<minute2>\d{2})\s*(?P<half>صباحا|صباحاً|مساء|مساءً)?\s*$"
)
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[-/](\d{1,2})[-/](\d{3,4})")
_ERA_MARK = re.compile(r"\s*(?:(?<!\w)(?:AH|A\.H\.|SH|S\.H\.)(?!\w)|هـ|ه\.ش\.?)\s*", re.I)


def _ordinal_word(words: list[str]) -> tuple[int, int] | None:
    """The day written as a Persian number word, and how many words it took."""
    folded = [word.replace("\u200c", "") for word in words]
    if not folded:
        return None
    first = folded[0]
    for suffix in ("مین", "م", ""):
        stem = first[: -len(suffix)] if suffix and first.endswith(suffix) else first
        if stem in _TEENS or first in _TEENS:
            value = _TEENS.get(first, _TEENS.get(stem, 0))
            used = 1
            if len(folded) > 1 and folded[1] == "ام":  # 'سی ام', the 30th
                used = 2
            if value >= 20 and len(folded) > 2 and folded[1] == "و":
                unit = folded[2]
                unit = unit[:-3] if unit.endswith("مین") else unit
                if unit in _UNITS:
                    return value + _UNITS[unit], 3
            return value, used
        if stem in _UNITS or first in _UNITS:
            return _UNITS.get(first, _UNITS.get(stem, 0)), 1
    return None


class Written(tuple[int, int, int]):
    """(year, month, day) as written, with the weekday and time of day when written."""

    weekday: int | None = None
    time: tuple[int, int] | None = None


def read_press(calendar: str, text: str) -> Written | str | None:
    """A date as the press writes it (see _WEEKDAYS); else as `read` reads it."""
    text = text.replace("،", ",").strip()
    time = None
    match = _PRESS_TIME.search(text)
    if match:
        hour = int(match["hour"] or match["hour2"])
        minute = int(match["minute"] or match["minute2"])
        if match["half"]:
            hour = hour % 12 + (12 if match["half"].startswith("م") else 0)
        time = (hour, minute)
        text = text[: match.start()].strip(" ,")
    text = _ERA_MARK.sub(" ", text).strip(" ,")
    words = text.replace("\u200c", "").split()
    weekday = None
    if words and words[0] == "روز":  # 'روز شنبه', the day Saturday
        words = words[1:]
    for size in (2, 1):  # 'سه شنبه' is also written in two words
        if len(words) > size and "".join(words[:size]) in _WEEKDAYS:
            weekday = _WEEKDAYS["".join(words[:size])]
            words = words[size:]
            break
    ordinal = _ordinal_word(words) if calendar == "jalali" else None
    if ordinal is not None and len(words) > ordinal[1]:
        words = [str(ordinal[0]), *words[ordinal[1] :]]
    rest = " ".join(words).strip(" ,")
    numeric = _DAY_MONTH_YEAR.fullmatch(rest)
    if numeric:  # '14-09-1432': the day first, as the Arabic press writes it
        day, month, year = (int(part) for part in numeric.groups())
        found: tuple[int, int, int] | str | None = (year, month, day)
    else:
        found = read(calendar, rest)
    if not isinstance(found, tuple):
        return found
    written = Written(found)
    written.weekday, written.time = weekday, time
    return written


def read(calendar: str, text: str) -> tuple[int, int, int] | str | None:
    """(year, month, day) written in a calendar, 0 for unwritten parts.

    Returns the month name for a text shaped like a date whose month name is
    unknown, and None when the text is not shaped like a date at all.
    """
    match = _NUMERIC.fullmatch(text)
    if match:
        year, month, day = (int(part) if part else 0 for part in match.groups())
        return year, month, day
    match = _NAMED.fullmatch(text)
    if match:
        day_text, name, year_text = match.groups()
        number = find_month(calendar, name)
        if number is None:
            return name.strip()
        return int(year_text), number, int(day_text or 0)
    return None
