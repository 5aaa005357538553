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

from timeline.dates.model import EventDate, Moment, Precision
from timeline.dates.parse import MAX_LENGTH, ONGOING, ongoing, parse_cached, parse_date
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
