"""The date model: EventDate, a date as written with its bounds and true precision."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from timeline.dates.labels import datetime_attr, edtf, english, localised
from timeline.dates.moment import (
    CALENDARS,
    DEEP_YEARS,
    MAX_YEAR,
    MIN_YEAR,
    OPEN,
    SEASON_FIRST_MONTH,
    SEASONS,
    UNKNOWN,
    Moment,
    Precision,
    civil_from_days,
    days_from_civil,
    days_in_month,
    format_offset,
    format_year,
    is_leap,
)

# The low-level names are re-exported: the rest of the package reads them from here.
__all__ = [
    "CALENDARS",
    "DEEP_YEARS",
    "MAX_YEAR",
    "MIN_YEAR",
    "OPEN",
    "SEASONS",
    "SEASON_FIRST_MONTH",
    "UNKNOWN",
    "EventDate",
    "Moment",
    "Precision",
    "civil_from_days",
    "days_from_civil",
    "days_in_month",
    "format_offset",
    "format_year",
    "is_leap",
    "make_date",
]


@dataclass(frozen=True, slots=True)
class EventDate:
    """A date as its author wrote it, with inclusive bounds and its true precision.

    An open-ended date ("since 2022", EDTF "2022/..") is the single date it is known
    by, with `open_end` (or `open_start`) set: its bounds are the known end's, so
    everything that sorts or draws by bounds still works, and nothing depends on
    the day of the build.

    A span ("21–22 April 2025") has `start` and `end`, each a single EventDate
    with its own precision; the span's precision is the coarser of the two, and
    it is approximate (uncertain) when either end is. A date written in another
    calendar keeps that calendar's (year, month, day) in `calendar_date`, with
    0 for a month or day the author did not write; its bounds are Gregorian.
    """

    text: str
    lower: Moment
    upper: Moment
    precision: Precision
    approximate: bool = False
    uncertain: bool = False
    start: EventDate | None = None
    end: EventDate | None = None
    calendar: str = "gregorian"
    calendar_date: tuple[int, int, int] | None = None
    open_start: str | None = None  # OPEN or UNKNOWN: the bounds are those of the end
    open_end: str | None = None  # OPEN or UNKNOWN: the bounds are those of the start
    # For what the fields above cannot say whole (a qualified part, unspecified
    # digits, a set, a southern season), the EDTF and the English label, decided
    # by the reader; the bounds and precision still say where the date lies.
    notation: str | None = None
    wording: str | None = None

    @property
    def is_open(self) -> bool:
        """Whether either end is open or unknown ('2022/..', '../2006', 'since 2022')."""
        return self.open_start is not None or self.open_end is not None

    @property
    def is_span(self) -> bool:
        """Whether this date runs from a start to an end ("21–22 April 2025")."""
        return self.start is not None

    @property
    def year(self) -> int:
        """The (astronomical) year of the lower bound."""
        return self.lower.year

    @property
    def month(self) -> int | None:
        """The Gregorian month of the lower bound, or None when not known to the month.

        A month of another calendar straddles two Gregorian months, so it gives None.
        """
        if self.precision.coarseness > Precision.MONTH.coarseness:
            return None
        if self.calendar != "gregorian" and self.precision is Precision.MONTH:
            return None
        return self.lower.month

    @property
    def sort_key(self) -> tuple[tuple[int, bool, int], int, tuple[int, bool, int]]:
        """Lower bound, then coarser precision first, then upper bound: total and stable.

        Plain ints, so sorting 10,000 events compares tuples in C, not Moments in Python.
        """
        return (self.lower.instant, -self.precision.coarseness, self.upper.instant)

    @property
    def edtf(self) -> str:
        """The Extended Date/Time Format (ISO 8601-2) text of this date."""
        return edtf(self)

    @property
    def display(self) -> str:
        """The English label at the true precision: '21 April 2025', 'c. 1990', '44 BC'."""
        return english(self)

    def label(self, locale: str = "en") -> str:
        """The label at the true precision in a language, through Babel.

        Args:
            locale: a Babel locale name such as 'en', 'ru' or 'fr_CA'.

        Returns:
            The same text as `display` for English, else a localised label.

        Raises:
            ValueError: for a locale Babel does not know.
        """
        return localised(self, locale)

    @property
    def datetime_attr(self) -> str | None:
        """The value for HTML's `<time datetime>` at the true precision, or None.

        None when HTML cannot say it: years before AD 1, seasons, quarters,
        decades, centuries, and months or years of another calendar. A span
        gives its start's value.
        """
        return datetime_attr(self)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: text, edtf, lower, upper, precision, qualifiers, display."""
        return {
            "text": self.text,
            "edtf": self.edtf,
            "lower": self.lower.iso(),
            "upper": self.upper.iso(),
            "precision": self.precision.value,
            "approximate": self.approximate,
            "uncertain": self.uncertain,
            "display": self.display,
            **({"open_start": self.open_start} if self.open_start else {}),
            **({"open_end": self.open_end} if self.open_end else {}),
        }


def make_date(
    text: str,
    precision: Precision,
    year: int,
    month: int = 1,
    day: int = 1,
    *,
    hour: int | None = None,
    minute: int | None = None,
    offset: int | None = None,
    second: int | None = None,
    approximate: bool = False,
    uncertain: bool = False,
) -> EventDate:
    """An EventDate from its first (year, month, day[, time]) at a precision.

    For a season, `month` is the EDTF season code (21–24); for a quarter, 1–4
    (a quadrimester 1–3, a semester 1–2); for a decade, century or millennium,
    `year` is its first year. Raises ValueError for
    values outside the calendar.
    """
    if precision is Precision.MINUTE:
        if hour is None or minute is None:
            raise ValueError("a date to the minute needs its hour and minute")
        lower = upper = Moment(year, month, day, hour, minute, offset, second)
    elif precision is Precision.DAY:
        lower = upper = Moment(year, month, day)
    elif precision is Precision.MONTH:
        lower = Moment(year, month, 1)
        upper = Moment(year, month, days_in_month(year, month))
    elif precision is Precision.SEASON:
        first = SEASON_FIRST_MONTH[month]
        lower = Moment(year, first, 1)
        end_year, end_month = (year + 1, 2) if first == 12 else (year, first + 2)
        upper = Moment(end_year, end_month, days_in_month(end_year, end_month))
    elif precision in _PART_MONTHS:
        months, count = _PART_MONTHS[precision]
        if not 1 <= month <= count:
            raise ValueError(f"{precision.value} {month} is outside 1..{count}")
        lower = Moment(year, months * month - months + 1, 1)
        upper = Moment(year, months * month, days_in_month(year, months * month))
    else:
        length = _YEARS[precision]
        lower = Moment(year, 1, 1)
        upper = Moment(year + length - 1, 12, 31)
    return EventDate(text, lower, upper, precision, approximate, uncertain)


# Parts of a year: (months in each, how many in a year).
_PART_MONTHS = {
    Precision.QUARTER: (3, 4),
    Precision.QUADRIMESTER: (4, 3),
    Precision.SEMESTER: (6, 2),
}
_YEARS = {
    Precision.YEAR: 1,
    Precision.DECADE: 10,
    Precision.CENTURY: 100,
    Precision.MILLENNIUM: 1000,
}
