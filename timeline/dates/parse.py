"""From a date text to an EventDate: normalise, qualifiers, then readers from fast to slow."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Callable, Sequence

from timeline.dates import calendars, forms, iso
from timeline.dates.forms import DateReading
from timeline.dates.model import CALENDARS, EventDate, Moment, Precision, make_date
from timeline.dates.refusals import EXAMPLES, NotUnderstood, not_understood, refuse
from timeline.dates.spans import join, qualify
from timeline.errors import DateError

MAX_LENGTH = 100
_MOST_SPLITS = 3
DATE_ORDERS = ("DMY", "MDY", "YMD")
_CALENDAR_ALIASES = {"persian": "jalali", "solar hijri": "jalali", "islamic": "hijri"}

_DASHES = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2212": "-",  # minus sign, as in '−0043'
        "\u2012": "–",
        "\u2014": "–",
        "\u2015": "–",
    }
)
_ERA_DOTS = (
    (re.compile(r"\bB\.\s?C\.\s?E\.", re.I), "BCE"),
    (re.compile(r"\bB\.\s?C\.", re.I), "BC"),
    (re.compile(r"\bA\.\s?D\.", re.I), "AD"),
    (re.compile(r"\bC\.\s?E\.", re.I), "CE"),
)
_CIRCA_WORDS = re.compile(r"(?:circa|approximately|approx\.?|about|around)\s+", re.I)
_CIRCA_MARKS = re.compile(r"(?:ca?\.\s*|ca?\s+(?=\d)|~\s*)", re.I)
_BETWEEN = re.compile(
    r"(?:between\s+(?P<a>.+?)\s+and|from\s+(?P<c>.+?)\s+(?:to|until|till))\s+(?P<b>.+)", re.I
)
_ERA = re.compile(r"\b(?:BCE|BC|AD|CE)\b", re.I)
_TO = re.compile(r"\s+(?:to|until|till)\s+", re.I)
_TAIL_YEAR = re.compile(r"\b(?:AD\s*)?\d{1,5}(?:\s*(?:BCE|BC|AD|CE))?\s*(?:AH|SH)?$", re.I)
_RELATIVE = re.compile(
    r"\b(?:ago|yesterday|today|tomorrow|tonight|now|last|next|this|previous|past|coming)\b", re.I
)
_VAGUE = re.compile(
    r"\b(?:recently|lately|earlier|later|soon|a while|some time|the other day|few|several"
    r"|couple|(?<!\d )(?<![a-z] )(?:days|weeks|months|years) ago)\b",
    re.I,
)


def normalise(text: str) -> str:
    """One spelling for what looks alike: NFKC, ASCII digits, dashes, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        text = "".join(
            str(unicodedata.decimal(char)) if char.isdecimal() else char for char in text
        ).translate(_DASHES)
    text = " ".join(text.split())
    if "." in text:
        for pattern, replacement in _ERA_DOTS:
            text = pattern.sub(replacement, text)
    return text


def settings_for(
    languages: Sequence[str],
    date_order: str | None,
    as_of: EventDate | str | None,
    calendar: str,
) -> DateReading:
    """Checked, hashable settings from parse_date's arguments."""
    chosen = (languages,) if isinstance(languages, str) else tuple(languages)
    return _checked_settings(chosen, date_order, as_of, calendar)


@functools.lru_cache(maxsize=256)
def _checked_settings(
    chosen: tuple[str, ...], date_order: str | None, as_of: EventDate | str | None, calendar: str
) -> DateReading:
    if not chosen:
        refuse("no language is configured for reading dates", "configure at least 'en'")
    order = date_order.upper() if date_order else None
    if order is not None and order not in DATE_ORDERS:
        refuse(f"unknown date order {date_order!r}", "use DMY, MDY or YMD")
    name = _CALENDAR_ALIASES.get(calendar.lower(), calendar.lower())
    if name not in CALENDARS:
        refuse(f"unknown calendar {calendar!r}", "use gregorian, jalali or hijri")
    anchor = None
    if as_of is not None:
        from timeline.dates import parse_date

        day = as_of if isinstance(as_of, EventDate) else parse_date(as_of, languages=chosen)
        if day.is_span or day.precision not in (Precision.DAY, Precision.MINUTE) or day.year < 1:
            refuse(
                f"as_of must be a single day, got {day.text!r}",
                "give the date of the source, e.g. '2025-04-22'",
            )
        anchor = (day.lower.year, day.lower.month, day.lower.day)
    return DateReading(chosen, order, anchor, name)


Outcome = EventDate | tuple[type[DateError], str, str | None]


@functools.lru_cache(maxsize=16384)
def parse_cached(text: str, settings: DateReading) -> Outcome:
    """parse_text, with refusals kept as (class, message, hint) so they are cached too."""
    try:
        return parse_text(text, settings)
    except DateError as error:
        return (type(error), error.message, error.hint)


def parse_text(text: str, settings: DateReading) -> EventDate:
    """The EventDate of a text, or a DateError saying why not."""
    if not text or not text.strip():
        refuse(f"{EXAMPLES}, got an empty text", "write a date such as '2025-04-21'")
    if len(text) > MAX_LENGTH:
        refuse(
            f"the date text is {len(text)} characters long; the limit is {MAX_LENGTH}",
            "write the date alone; put the rest in the summary or body",
        )
    core = normalise(text)
    approximate = uncertain = False
    circa = (_CIRCA_WORDS.match(core) if settings.english else None) or _CIRCA_MARKS.match(core)
    if circa and circa.end() < len(core):
        approximate, core = True, core[circa.end() :]
    if core.endswith("?") and len(core) > 1:
        uncertain, core = True, core[:-1].rstrip()
    try:
        date = _expression(core, settings)
    except NotUnderstood as error:  # name the whole text, qualifiers and all
        message = error.message.replace(f"got {core!r}", f"got {text!r}")
        raise NotUnderstood(message, hint=error.hint) from None
    except ValueError as error:  # a bound past the years a Moment holds (winter 9999)
        refuse(f"{text!r} is outside the years timeline keeps: {error}", "years run to 9999")
    return qualify(date, approximate, uncertain, text)


def _expression(text: str, settings: DateReading) -> EventDate:
    if settings.calendar != "gregorian":
        return _calendar_expression(text, settings)
    date = iso.parse_iso(text) or _quick(text, settings)
    if date is not None:
        return date
    date, span_error = _span(text, settings, _single, _gregorian_day)
    if date is not None:
        return date
    if "–" in text:  # dateparser would drop or guess around the dash ('12–2025' as December)
        from timeline.dates.natural import hint_for

        hint = hint_for(text, settings) or "for a span, write both ends, e.g. '21–22 April 2025'"
        raise span_error or not_understood(text, hint)
    try:
        return _slow(text, settings)
    except NotUnderstood:
        if span_error is not None:
            raise span_error from None
        raise


def _quick(text: str, settings: DateReading) -> EventDate | None:
    """Readers that need no dateparser; they refuse what dateparser would misread."""
    date = forms.read_notation(text, settings)
    if date is not None or not settings.english:
        return date
    if _VAGUE.search(text):
        refuse(
            f"{text!r} is too vague to date",
            "give the date the source means, e.g. '2025-04-20', or 'c. April 2025'",
        )
    if _RELATIVE.search(text):
        if settings.as_of is None:
            refuse(
                f"{text!r} is relative to the day it was written",
                "give as_of (the date of the source), or write the date itself",
            )
        from timeline.dates.natural import read_relative

        date = read_relative(text, settings)
        if date is None:
            refuse(f"{text!r} cannot be dated exactly", "write the date itself, e.g. '2025-04-20'")
        return date
    return forms.read_english(text)


def _slow(text: str, settings: DateReading) -> EventDate:
    """dateparser, in the configured languages only."""
    from timeline.dates import natural

    if forms.NUMBERS_ONLY.fullmatch(text):  # dateparser would pick an order for '2025 5 3'
        raise not_understood(text, "write numeric dates as '2025-04-21'")
    date = natural.read_natural(text, settings)
    if date is not None:
        return date
    if settings.as_of is not None:
        date = natural.read_relative(text, settings)
        if date is not None:
            return date
    elif natural.looks_relative(text, settings):
        refuse(
            f"{text!r} is relative to the day it was written",
            "give as_of (the date of the source), or write the date itself",
        )
    raise not_understood(text, natural.hint_for(text, settings))


def _single(text: str, settings: DateReading) -> EventDate:
    date = iso.parse_iso(text) or _quick(text, settings)
    return date if date is not None else _slow(text, settings)


def _gregorian_day(other: EventDate, day: int, text: str) -> EventDate:
    lower = other.lower
    return forms.day_date(text, lower.year, lower.month, day)


Reader = Callable[[str, DateReading], EventDate]
DayMaker = Callable[[EventDate, int, str], EventDate]


def _splits(text: str, settings: DateReading) -> list[tuple[str, str]]:
    """Where the text may divide into a start and an end, most likely first."""
    match = _BETWEEN.fullmatch(text) if settings.english else None
    if match:
        return [(match["a"] or match["c"], match["b"])]
    for separator in (r"\s+–\s+", "–", " - "):  # spaced dashes divide more than unspaced
        pairs = [(text[: m.start()], text[m.end() :]) for m in re.finditer(separator, text)]
        if pairs:  # more than a few dashes is no span, and each try may cost a dateparser call
            return pairs if len(pairs) <= _MOST_SPLITS else []
    if text.count("-") == 1 and not text.startswith("-"):
        first, _, last = text.partition("-")
        return [(first, last)]
    if settings.english:
        pairs = [(text[: m.start()], text[m.end() :]) for m in _TO.finditer(text)]
        return pairs if len(pairs) <= _MOST_SPLITS else []
    return []


def _span(
    text: str, settings: DateReading, single: Reader, day_of: DayMaker
) -> tuple[EventDate | None, DateError | None]:
    """A span, or None with the most telling error met while trying."""
    telling: DateError | None = None
    for first, last in _splits(text, settings):
        first, last = first.strip(), last.strip()
        if not first or not last:
            continue
        try:
            start, end = _ends(first, last, settings, single, day_of)
        except NotUnderstood:
            continue
        except DateError as error:
            telling = telling or error
            continue
        return join(start, end, text), None
    return None, telling


def _ends(
    first: str, last: str, settings: DateReading, single: Reader, day_of: DayMaker
) -> tuple[EventDate, EventDate]:
    """The start and the end, each completed from the other as people abbreviate."""
    try:
        end = single(last, settings)
    except DateError:
        if not last.isdigit():
            raise
        start = single(first, settings)
        if start.precision is Precision.DAY and len(last) <= 2:  # '2025-04-21–23'
            return start, day_of(start, int(last), last)
        return start, _year_after(start, last)
    try:
        return single(first, settings), end
    except DateError:
        if first.isdigit() and end.precision is Precision.DAY and len(first) <= 2:
            return day_of(end, int(first), first), end
        if first.isdigit() and end.precision is Precision.YEAR and _ERA.search(last):
            # '300–200 BC', '79–80 AD': the era written once covers both years
            year = 1 - int(first) if end.year <= 0 else int(first)
            return make_date(first, Precision.YEAR, year), end
        tail = _TAIL_YEAR.search(last)
        if tail is None or first.isdigit():
            raise
        return single(f"{first} {tail.group()}", settings), end


def _year_after(start: EventDate, digits: str) -> EventDate:
    """The end year of '1950–55' or '1995–05' (or '1950–1955')."""
    if start.precision is not Precision.YEAR or start.is_span or start.year < 1:
        raise not_understood(digits)
    year = int(digits)
    if len(digits) == 1:
        raise not_understood(digits)
    if len(digits) == 2:
        year += start.year // 100 * 100
        if year < start.year and start.year % 100 >= 90:  # '1995–05' crosses into 2005
            year += 100
    return make_date(digits, Precision.YEAR, year)


# Other calendars ----------------------------------------------------------------------


def _calendar_expression(text: str, settings: DateReading) -> EventDate:
    try:
        return _calendar_single(text, settings)
    except NotUnderstood as error:
        date, span_error = _span(text, settings, _calendar_single, _calendar_day)
        if date is not None:
            return date
        raise (span_error or error) from None


def _calendar_single(text: str, settings: DateReading) -> EventDate:
    calendar = settings.calendar
    name = calendars.CALENDAR_NAMES[calendar]
    example = (
        "'1404-01-15' or '15 Farvardin 1404'"
        if calendar == "jalali"
        else "'1446-10-23' or '23 Shawwal 1446'"
    )
    written = calendars.read(calendar, text)
    if written is None:
        raise NotUnderstood(f"expected a {name} date such as {example}, got {text!r}")
    if isinstance(written, str):
        unknown = written
        matches = difflib.get_close_matches(
            unknown, calendars.month_names(calendar), n=1, cutoff=0.6
        )
        hint = (
            f"did you mean {matches[0]!r}?"
            if matches
            else f"write the month by number, e.g. {example}"
        )
        raise NotUnderstood(f"{text!r}: {unknown!r} is not a {name} month", hint)
    return _calendar_date(text, calendar, *written)


def _calendar_date(text: str, calendar: str, year: int, month: int, day: int) -> EventDate:
    name = calendars.CALENDAR_NAMES[calendar]
    try:
        first, last = calendars.bounds(calendar, year, month, day)
    except ValueError as error:
        refuse(f"{text!r} is not a {name} date: {error}", "check the year, month and day")
    precision = Precision.DAY if day else Precision.MONTH if month else Precision.YEAR
    return EventDate(
        text,
        Moment.from_days(first),
        Moment.from_days(last),
        precision,
        calendar=calendar,
        calendar_date=(year, month, day),
    )


def _calendar_day(other: EventDate, day: int, text: str) -> EventDate:
    assert other.calendar_date is not None
    year, month, _ = other.calendar_date
    return _calendar_date(text, other.calendar, year, month, day)
