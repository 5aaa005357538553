"""Date expressions → EventDate: honest precision, bounds, EDTF and labels.

    >>> from timeline.dates import parse_date
    >>> parse_date("Jan 2025").edtf
    '2025-01'

The package reads ISO 8601/EDTF by regex, common English and numeric forms by
hand, and other natural-language dates through dateparser (imported only when
needed, with explicit languages). Everything a build must not guess is refused
with a DateError that says what was understood and what to write instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from timeline.dates.model import EventDate, Moment, Precision
from timeline.dates.parse import MAX_LENGTH, ONGOING, ongoing, parse_cached, settings_for
from timeline.dates.spans import join
from timeline.errors import DateError

__all__ = [
    "MAX_LENGTH",
    "ONGOING",
    "DateError",
    "EventDate",
    "Moment",
    "Precision",
    "clear_cache",
    "ongoing",
    "parse_date",
    "span",
]


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


def span(start: EventDate, end: EventDate) -> EventDate:
    """Join an event's `date` and `end` fields into one span.

    Args:
        start: the event's date.
        end: the event's end date.

    Returns:
        A span from start's lower bound to end's upper bound.

    Raises:
        DateError: when the end is before the start, or either is a span already.
    """
    return join(start, end, f"{start.text} – {end.text}")


def clear_cache() -> None:
    """Forget cached results (for benchmarks and tests)."""
    parse_cached.cache_clear()
