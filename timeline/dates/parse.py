"""From a date text to an EventDate: normalise, qualifiers, then readers from fast to slow."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import replace

from timeline.dates import calendars, deep, forms, iso
from timeline.dates.forms import DateReading
from timeline.dates.model import (
    CALENDARS,
    DEEP_YEARS,
    OPEN,
    UNKNOWN,
    EventDate,
    Moment,
    Precision,
    make_date,
)
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
_CIRCA_MARKS = re.compile(r"(?:ca?\.\s*|ca?\s+(?=\d)|c(?=\d{3,4}\b)|~\s*)", re.I)
_BETWEEN = re.compile(
    r"(?:between\s+(?P<a>.+?)\s+and|from\s+(?P<c>.+?)\s+(?:to|until|till))\s+(?P<b>.+)", re.I
)
_ERA = re.compile(r"\b(?:BCE|BC|AD|CE)\b", re.I)
_TO = re.compile(r"\s+(?:to|until|till)\s+", re.I)
# A year written with thousands separators ('10,000 BC', as labels write them) is one year.
_TAIL_YEAR = re.compile(
    r"\b(?:AD\s*)?(?:\d{1,3}(?:,\d{3})+|\d{1,5})(?:\s*(?:BCE|BC|AD|CE))?\s*(?:AH|SH)?$", re.I
)
_RELATIVE = re.compile(
    r"\b(?:ago|yesterday|today|tomorrow|tonight|now|last|next|this|previous|past|coming)\b", re.I
)
# A text that names a year (or a deep-time count) is not relative to the day it was written.
_YEARISH = re.compile(r"\d{4,}|\d,\d{3}|\b(?:thousand|million|billion|ka|ma|ga)\b", re.I)
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
        refuse(f"unknown calendar {calendar!r}", "use gregorian, julian, jalali or hijri")
    anchor = None
    if as_of is not None:
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


def parse_date(
    text: str,
    *,
    languages: Sequence[str] = ("en",),
    date_order: str | None = None,
    as_of: EventDate | str | None = None,
    calendar: str = "gregorian",
) -> EventDate:
    """Read a date as people write it, at its true precision.

    Args:
        text: the date as written, e.g. 'Apr 21 2025', 'circa 1990', '2025-01~'.
        languages: the languages natural-language dates may be in (never guessed).
        date_order: 'DMY', 'MDY' or 'YMD', to read numeric dates like '03/04/2025'.
        as_of: the date of the source, needed for phrases like 'last month'.
        calendar: 'gregorian', 'jalali' (Solar Hijri) or 'hijri' (Umm al-Qura).

    Returns:
        The EventDate; results (and refusals) are cached by text and settings.

    Raises:
        DateError: when the text is not a date, or not one timeline can keep honestly.
    """
    settings = settings_for(languages, date_order, as_of, calendar)
    outcome = parse_cached(text, settings)
    if isinstance(outcome, EventDate):
        return outcome
    error_class, message, hint = outcome
    raise error_class(message, hint=hint)


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
    if settings.calendar == "gregorian":
        try:  # EDTF places its own qualifiers ('~1945/1959', '2004?-06'): read it whole
            date = iso.parse_iso(core)
        except ValueError as error:
            refuse(
                f"{text!r} is outside the years timeline keeps: {error}",
                f"years run from -{DEEP_YEARS:,} to {DEEP_YEARS:,}",
            )
        if date is not None:
            return date if date.text == text else replace(date, text=text)
    if settings.english:
        date = _open_ended(core, settings)
        if date is not None:
            return date if date.text == text else replace(date, text=text)
    if settings.english and ("O.S" in core or "/" in core):
        date = _dual_dated(core, settings)
        if date is not None:
            return date if date.text == text else replace(date, text=text)
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
        refuse(
            f"{text!r} is outside the years timeline keeps: {error}",
            f"years run from -{DEEP_YEARS:,} to {DEEP_YEARS:,}",
        )
    return qualify(date, approximate, uncertain, text)


_SINCE = re.compile(r"(?:ongoing\s+)?since\s+(?P<known>.+)", re.I)
_UNTIL = re.compile(r"(?:until|till)\s+(?P<known>.+)", re.I)
_TO_PRESENT = re.compile(
    r"(?P<known>.+?)(?:\s*[–-]\s*|\s+to\s+)(?P<end>present|ongoing|unknown)", re.I
)
_UNKNOWN_TO = re.compile(r"unknown(?:\s*[–-]\s*|\s+to\s+)(?P<known>.+)", re.I)
ONGOING = ("ongoing", "present")


def _open_ended(text: str, settings: DateReading) -> EventDate | None:
    """'since March 2022', '2022–present', 'until 2006', '2004 – unknown': an open end.

    The open end is never resolved against the day of the build: 'since 2022'
    stays open, so the site built next year says the same thing.
    """
    for pattern, side in (
        (_SINCE, "end"),
        (_TO_PRESENT, "end"),
        (_UNTIL, "start"),
        (_UNKNOWN_TO, "start"),
    ):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        known = parse_text(match["known"], settings)
        kind = OPEN
        if pattern is _UNKNOWN_TO or (pattern is _TO_PRESENT and match["end"].lower() == "unknown"):
            kind = UNKNOWN
        if side == "end":
            return iso.opened(known, text, end=kind)
        return iso.opened(known, text, start=kind)
    return None


_OLD_STYLE = re.compile(r"(?P<new>.+?)\s*[\[(]\s*O\.?\s?S\.?\s*(?P<old>[^\])]+?)\s*[\])]")
_DUAL_DAY = re.compile(r"(?P<old>\d{1,2})\s*/\s*(?P<new>\d{1,2})\s+(?P<rest>[^\d\s].*\d{3,4})")


def _dual_dated(text: str, settings: DateReading) -> EventDate | None:
    """'8 March 1917 [O.S. 23 February]', '11/22 March 1712': both calendars, checked.

    The date is the Gregorian one (it sorts and exports as such); the Julian date
    written beside it must be the same day, and is kept in the label.
    """
    match = _OLD_STYLE.fullmatch(text)
    if match:
        new = parse_text(match["new"], settings)
        old_text = match["old"]
        if not re.search(r"\d{3,4}$", old_text):  # '[O.S. 23 February]': the same year
            old_text = f"{old_text} {new.lower.year}"
    else:
        match = _DUAL_DAY.fullmatch(text)
        if match is None:
            return None
        new = parse_text(f"{match['new']} {match['rest']}", settings)
        old_text = f"{match['old']} {match['rest']}"
    julian = DateReading(settings.languages, settings.date_order, settings.as_of, "julian")
    old = _calendar_single(old_text, julian)
    if new.precision is not Precision.DAY or new.is_span:
        refuse(f"{text!r}: a dual date names one day", "write '8 March 1917 [O.S. 23 February]'")
    assert old.calendar_date is not None
    label = calendars.calendar_label("julian", old.calendar_date)
    if old.lower != new.lower:
        refuse(
            f"{text!r}: {label} is {old.lower.day} {_month(old.lower.month)} {old.lower.year}"
            f" in the Gregorian calendar, not {new.display}",
            "check the two dates; the Julian calendar runs 10 to 13 days behind after 1582",
        )
    return replace(new, text=text, wording=f"{new.display} ({label})")


def _month(number: int) -> str:
    return calendars.JULIAN_MONTHS[number - 1]


def ongoing(start: EventDate) -> EventDate:
    """An event's `date` with `end: ongoing` (or `present`): open at the end, as '2022/..'."""
    return iso.opened(start, f"{start.text} – ongoing", end=OPEN)


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
    date = deep.read_deep(text) or forms.read_notation(text, settings)
    if date is not None or not settings.english:
        return date
    if _VAGUE.search(text) and not _YEARISH.search(text):
        refuse(
            f"{text!r} is too vague to date",
            "give the date the source means, e.g. '2025-04-20', or 'c. April 2025'",
        )
    if _RELATIVE.search(text) and not _YEARISH.search(text):  # '13 Ago 2014' names its year
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


_RUSSIAN_YEAR = re.compile(r"(?P<date>.*\d)\s*(?:г\.?|года?|гг\.?)", re.I)


def _slow(text: str, settings: DateReading) -> EventDate:
    """dateparser, in the configured languages only."""
    from timeline.dates import natural

    russian = _RUSSIAN_YEAR.fullmatch(text) if "ru" in settings.languages else None
    if russian and re.fullmatch(r"\d{3,4}", russian["date"]):  # '2000 г.': the year 2000
        return make_date(text, Precision.YEAR, int(russian["date"]))

    if forms.NUMBERS_ONLY.fullmatch(text):  # dateparser would pick an order for '2025 5 3'
        raise not_understood(text, "write numeric dates as '2025-04-21'")
    date = natural.read_natural(text, settings)
    if date is not None:
        return date
    if settings.as_of is not None:
        date = natural.read_relative(text, settings)
        if date is not None:
            return date
    elif not _YEARISH.search(text) and natural.looks_relative(text, settings):
        refuse(
            f"{text!r} is relative to the day it was written",
            "give as_of (the date of the source), or write the date itself",
        )
    raise not_understood(text, natural.hint_for(text, settings))


def _single(text: str, settings: DateReading) -> EventDate:
    approximate = uncertain = False
    circa = (_CIRCA_WORDS.match(text) if settings.english else None) or _CIRCA_MARKS.match(text)
    if circa and circa.end() < len(text) and "–" not in text:  # each end its own: 'c. 1450'
        approximate, text = True, text[circa.end() :]
    if text.endswith("?") and len(text) > 1 and not iso.parse_iso(text):
        uncertain, text = True, text[:-1].rstrip()
    date = iso.parse_iso(text) or _quick(text, settings)
    if date is None:
        date = _slow(text, settings)
    return qualify(date, approximate, uncertain, date.text) if approximate or uncertain else date


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
    example = {
        "jalali": "'1404-01-15' or '15 Farvardin 1404'",
        "hijri": "'1446-10-23' or '23 Shawwal 1446'",
        "julian": "'1917-02-23' or '23 February 1917'",
    }[calendar]
    written = calendars.read_press(calendar, text)
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
    date = _calendar_date(text, calendar, *written)
    if isinstance(written, calendars.Written):
        if written.weekday is not None:
            actual = (date.lower.days() + 3) % 7  # 1970-01-01 was a Thursday
            if date.precision is not Precision.DAY or actual != written.weekday:
                from timeline.dates.forms import WEEKDAYS

                refuse(
                    f"{text!r}: that day ({date.lower.iso()}) is a {WEEKDAYS[actual].capitalize()}",
                    "check the day, or leave the weekday out",
                )
        if written.time is not None:
            hour, minute = written.time
            if date.precision is not Precision.DAY or hour > 23 or minute > 59:
                refuse(f"{text!r} has an impossible time of day", "write times from 00:00 to 23:59")
            lower = date.lower
            moment = Moment(lower.year, lower.month, lower.day, hour, minute)
            date = replace(date, lower=moment, upper=moment, precision=Precision.MINUTE)
    return date


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
