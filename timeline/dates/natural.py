"""Natural-language dates through dateparser, kept from guessing.

dateparser is imported here only, and this module only when a text is in no
hand-written form. It gets explicit languages (never detection), only its
absolute-time parser (relative phrases only with an `as_of`), and a fixed,
arbitrary base date: whatever it fills in from that base instead of from the
text is found by checking the text's own words and numbers, and refused.

dateparser's STRICT_PARSING would refuse 'Jan 2025' (it wants a day, month and
year), and REQUIRE_PARTS refuses without saying which part is missing; the
checks here do their work and can name the missing part in the message.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import re
import unicodedata
from typing import Any

from timeline.dates.forms import MONTHS, WEEKDAYS, DateReading
from timeline.dates.labels import MONTH_NAMES, year_label
from timeline.dates.model import EventDate, Precision, make_date
from timeline.dates.refusals import NotUnderstood, not_understood, refuse

_BASE = datetime.datetime(2000, 1, 1)
_FULL_MONTHS = {name.lower() for name in MONTH_NAMES}
# Words dateparser's translation may leave in a date that it read in full.
_ALLOWED_WORDS = _FULL_MONTHS | set(WEEKDAYS) | {"year", "am", "pm"}
_PRECISIONS = {
    "day": Precision.DAY,
    "month": Precision.MONTH,
    "year": Precision.YEAR,
    "time": Precision.MINUTE,
}
_ENGLISH_WORDS = ("spring", "summer", "autumn", "fall", "winter", "century", "circa", "about")


@functools.lru_cache(maxsize=64)
def _parser(
    languages: tuple[str, ...], date_order: str | None, as_of: tuple[int, ...] | None
) -> Any:
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {
        "PREFER_DAY_OF_MONTH": "first",
        "RELATIVE_BASE": datetime.datetime(as_of[0], as_of[1], as_of[2]) if as_of else _BASE,
        "PARSERS": ["relative-time"] if as_of else ["absolute-time"],
        "RETURN_TIME_AS_PERIOD": True,
    }
    if date_order:
        settings["DATE_ORDER"] = date_order
    try:
        return DateDataParser(languages=list(languages), settings=settings)
    except ValueError as error:
        refuse(
            f"unknown language in {list(languages)}: {error}", "use codes such as 'en', 'ru', 'fr'"
        )


def _read(parser: Any, text: str) -> Any:
    """dateparser's reading; its odd failures on odd text (it raises assorted errors) are a no."""
    try:
        return parser.get_date_data(text)
    except Exception as error:
        raise not_understood(text) from error


def read_natural(text: str, settings: DateReading) -> EventDate | None:
    """A date in the configured languages, or None when dateparser finds none."""
    data = _read(_parser(settings.languages, settings.date_order, None), text)
    moment: datetime.datetime | None = data.date_obj
    if moment is None or data.locale is None:
        return None
    precision = _PRECISIONS.get(data.period or "")
    if precision is None:
        return None
    if _STRAY.search(text):
        raise not_understood(text, "write the date alone, e.g. '21 April 2025'")
    bound = _OPEN_ENDED.search(text)
    if bound:
        # dateparser skips these words, so 'after March 2025' would read as March 2025.
        refuse(
            f"{text!r} is open-ended ({bound.group(0).lower()!r}): a date says when, not a bound",
            "write the date you know (e.g. 'March 2025') and say 'after' in the summary, "
            "or give a span with `date` and `end`",
        )
    words, numbers = _tokens(text, data.locale)
    if any(word not in _ALLOWED_WORDS for word in words):
        raise not_understood(text, "write the date alone, e.g. '21 April 2025'")
    _check_year(text, moment, numbers)
    if precision is not Precision.YEAR and not (_FULL_MONTHS & set(words)):
        _take(text, moment.month, numbers)
    if precision in (Precision.DAY, Precision.MINUTE):
        _take(text, moment.day, numbers)
        _check_weekday(text, moment, words)
    elif set(WEEKDAYS) & set(words):
        refuse(f"{text!r} names a weekday without a day", "write the date, e.g. '21 April 2025'")
    offset = second = None
    if precision is Precision.MINUTE:
        twelve = moment.hour % 12 or 12
        hour = moment.hour if moment.hour in numbers else twelve
        if not ({"am", "pm"} & set(words)) and moment.hour not in numbers:
            raise not_understood(text)
        _take(text, hour, numbers)
        if moment.minute or numbers:
            _take(text, moment.minute, numbers)
        seconds = re.search(r"\d:\d{2}:(\d{2})\b", text)
        if seconds:  # kept, as written
            second = int(seconds.group(1))
            _take(text, second, numbers)
        if moment.tzinfo is not None:
            delta = moment.utcoffset()
            offset = int(delta.total_seconds() // 60) if delta is not None else None
    if numbers:
        raise not_understood(text)
    return make_date(
        text,
        precision,
        moment.year,
        moment.month,
        moment.day,
        hour=moment.hour if precision is Precision.MINUTE else None,
        minute=moment.minute if precision is Precision.MINUTE else None,
        offset=offset,
        second=second,
    )


# Words that make a date a bound or a choice, which dateparser would silently skip.
_OPEN_ENDED = re.compile(
    r"\b(?:after|before|by|from|since|until|till|to|prior|pre|post|not|or|and|later|earlier"
    r"|sometime|some time|first half|second half|end of|start of|beginning of)\b",
    re.IGNORECASE,
)

# Characters no date is written with ('#1', '@', '!'): refused rather than skipped.
_STRAY = re.compile(r"[^\w\s.,/\-–—:+'’()]")


def _tokens(text: str, locale_name: str) -> tuple[list[str], list[int]]:
    """The words and numbers of the text as dateparser translated it to English."""
    from dateparser.conf import Settings as ParserSettings
    from dateparser.languages.loader import default_loader
    from dateparser.timezone_parser import pop_tz_offset_from_string

    locale = default_loader.get_locale(locale_name)
    translated = locale.translate(text, keep_formatting=False, settings=ParserSettings())
    translated, _ = pop_tz_offset_from_string(translated)
    words = re.findall(r"[^\W\d_]+", translated)
    # Numbers as written, not as translated: the translation turns words into
    # numbers ("a" -> 1), and a date must not take its month from an article.
    written, _ = pop_tz_offset_from_string(text)
    numbers = [int(number) for number in re.findall(r"\d+", written)]
    return words, numbers


def _check_year(text: str, moment: datetime.datetime, numbers: list[int]) -> None:
    year_digits = re.findall(r"\d{3,}", text)
    if any(int(digits) == moment.year for digits in year_digits):
        numbers.remove(moment.year)
        return
    if moment.year % 100 in numbers and moment.year != _BASE.year:
        refuse(
            f"{text!r} has a two-digit year",
            f"write the year in full, e.g. '{moment.year}'",
        )
    understood = f"{moment.day} {MONTH_NAMES[moment.month - 1]}"
    refuse(
        f"{text!r} has no year (understood: {understood} of an unknown year)",
        "write the year, e.g. '21 April 2025'",
    )


def _take(text: str, number: int, numbers: list[int]) -> None:
    """Remove a number the reading used; refuse when the text never wrote it."""
    if number not in numbers:
        raise not_understood(text)
    numbers.remove(number)


def _check_weekday(text: str, moment: datetime.datetime, words: list[str]) -> None:
    actual = WEEKDAYS[moment.weekday()]
    written = [word for word in words if word in WEEKDAYS]
    if written and written[0] != actual:
        refuse(
            f"{text!r}: {moment.day} {MONTH_NAMES[moment.month - 1]} {year_label(moment.year)}"
            f" is a {actual.capitalize()}",
            "check the day, or leave the weekday out",
        )


def read_relative(text: str, settings: DateReading) -> EventDate | None:
    """A relative phrase ('last month', 'two days ago') as of the source's date."""
    if settings.as_of is None:
        return None
    data = _read(_parser(settings.languages, settings.date_order, settings.as_of), text)
    moment: datetime.datetime | None = data.date_obj
    if moment is None:
        return None
    precision = _PRECISIONS.get(data.period or "")
    if precision is Precision.MINUTE:
        refuse(
            f"{text!r} is finer than a day, and as_of gives only the day",
            "write the time, e.g. '2025-04-21T14:30+03:00'",
        )
    if precision is None:
        refuse(
            f"{text!r} names a {data.period}, which timeline does not keep as a precision",
            "write the days, e.g. '14–20 April 2025'",
        )
    return make_date(text, precision, moment.year, moment.month, moment.day)


def looks_relative(text: str, settings: DateReading) -> bool:
    """Whether dateparser would read the text as a relative phrase."""
    probe = DateReading(settings.languages, settings.date_order, (2000, 1, 1), settings.calendar)
    data = _read(_parser(probe.languages, probe.date_order, probe.as_of), text)
    return data.date_obj is not None


def _foreign_language(words: list[str], languages: tuple[str, ...]) -> str | None:
    """'add it to languages' when a word is a month name of a language not configured."""
    for language in _OTHER_LANGUAGES:
        if language in languages:
            continue
        theirs = _vocabulary((language,))[0]
        if any(_fold(word) in theirs for word in words):
            from babel import Locale

            name = Locale.parse(language).get_display_name("en")
            wanted = ", ".join((*languages, language))
            return (
                f"this looks like {name}, which is not configured: "
                f"add it to the timeline settings, languages: [{wanted}]"
            )
    return None


# Languages whose month names a refusal recognises, to say "add it" rather than "did you mean".
_OTHER_LANGUAGES = ("fr", "de", "es", "it", "pt", "nl", "ru", "uk", "tr", "pl", "ar", "fa")


def hint_for(text: str, settings: DateReading) -> str | None:
    """A did-you-mean for a misspelt month, or a word about an unconfigured language."""
    known, candidates, scripts = _vocabulary(settings.languages)
    words = [
        word
        for word in re.findall(r"[^\W\d_]{3,}", text)
        if _fold(word) not in known and _fold(word) not in _ORDINARY
    ]
    foreign = _foreign_language(words, settings.languages)
    for word in words:
        # Short words need a closer match: 'end' is not a misspelt 'wed'.
        cutoff = 0.75 if len(word) <= 4 else 0.65
        folded = _fold(word)
        matches = [
            match
            for match in difflib.get_close_matches(folded, candidates, n=2, cutoff=cutoff)
            # 'maybe' is no misspelt 'may', nor 'sundae' a 'sun': a word that only
            # runs on past a name is an ordinary word.
            if not (folded.startswith(match) and len(folded) - len(match) >= 2)
        ]
        if matches:
            names = sorted((known[match] for match in matches), key=lambda name: (len(name), name))
            if word[0].isupper():
                names = [name[0].upper() + name[1:] for name in names]
            guess = "did you mean " + " or ".join(repr(name) for name in names) + "?"
            return f"{foreign}; or {guess}" if foreign else guess
    if foreign:
        return foreign
    if {_script(char) for char in text if char.isalpha()} - scripts:
        configured = ", ".join(settings.languages)
        return (
            f"this text seems to be in a language that is not configured ({configured});"
            " add its language, e.g. languages: [en, ru]"
        )
    return None


# Words around dates that are near some month or weekday abbreviation ('the' ~ 'th').
_ORDINARY = frozenset(
    "the and year years month months day days week weeks was from about some".split()
)


@functools.lru_cache(maxsize=16)
def _vocabulary(languages: tuple[str, ...]) -> tuple[dict[str, str], list[str], frozenset[str]]:
    """Month and weekday names of the languages (folded → as written), and their scripts."""
    from dateparser.languages.loader import default_loader

    vocabulary: list[str] = []
    for language in languages:
        info = default_loader.get_locale(language).info
        for key in (*(name.lower() for name in MONTH_NAMES), *WEEKDAYS):
            vocabulary.extend(str(name) for name in info.get(key, ()))
    if "en" in languages:
        vocabulary.extend(MONTHS)
        vocabulary.extend(_ENGLISH_WORDS)
    known = {_fold(word): word.casefold() for word in vocabulary}
    scripts = frozenset(_script(char) for word in vocabulary for char in word if char.isalpha())
    return known, sorted(known), scripts


def _fold(word: str) -> str:
    """A word without case or accents, so 'März' is near 'March'."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _script(char: str) -> str:
    return unicodedata.name(char, "UNKNOWN").split()[0]


__all__ = ["NotUnderstood", "hint_for", "looks_relative", "read_natural", "read_relative"]
