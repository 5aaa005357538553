"""Moment (a calendar point that can lie before year 1), Precision, and the day
arithmetic of the proleptic Gregorian calendar: what every other dates module needs.

It imports nothing of the package, so the calendars, the labels and the model can
all build on it and imports go one way (moment → calendars → labels → model).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

MIN_YEAR = -9999
MAX_YEAR = 9999
# The years a Moment holds: EDTF's long years ('Y-17E7') and deep time ('13.8 Ga')
# lie beyond the four-digit calendar years (MIN_YEAR..MAX_YEAR) that formats such
# as iCalendar and HTML can carry; the arithmetic is the same plain ints.
DEEP_YEARS = 10**11

CALENDARS = ("gregorian", "julian", "jalali", "hijri")


def is_leap(year: int) -> bool:
    """Whether a (proleptic Gregorian, astronomical) year has 29 February."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    """The number of days of a month in the proleptic Gregorian calendar."""
    if month == 2:
        return 29 if is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm)."""
    year -= month <= 2
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


def civil_from_days(days: int) -> tuple[int, int, int]:
    """The proleptic Gregorian (year, month, day) of a day count since 1970-01-01."""
    days += 719468
    era = days // 146097
    day_of_era = days - era * 146097
    year_of_era = (
        day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096
    ) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    mp = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return year_of_era + era * 400 + (month <= 2), month, day


def format_year(year: int) -> str:
    """A year as ISO 8601 / EDTF write it: four digits, signed when negative."""
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


def format_offset(offset: int) -> str:
    """A UTC offset in minutes as ISO 8601 writes it: 'Z' or '+03:30'."""
    if offset == 0:
        return "Z"
    sign = "+" if offset > 0 else "-"
    hours, minutes = divmod(abs(offset), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


@dataclass(frozen=True, slots=True)
class Moment:
    """A calendar point: a day, or a minute of a day with an optional UTC offset.

    Years are astronomical (1 BC is year 0, 44 BC is year -43) in the proleptic
    Gregorian calendar, which `datetime.date` cannot hold. Moments order by the
    instant they name: a day without a time counts as 00:00, and a time without
    an offset as UTC, so the order is total and does not depend on the machine.
    """

    year: int
    month: int = 1
    day: int = 1
    hour: int | None = None
    minute: int | None = None
    offset: int | None = None  # minutes east of UTC; only with a time
    second: int | None = None  # kept when written ('19:00:00'); only with a time

    def __post_init__(self) -> None:
        if not -DEEP_YEARS <= self.year <= DEEP_YEARS:
            raise ValueError(f"year {self.year} is outside -{DEEP_YEARS}..{DEEP_YEARS}")
        if not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is outside 1..12")
        if not 1 <= self.day <= days_in_month(self.year, self.month):
            raise ValueError(f"day {self.day} is outside month {self.year}-{self.month}")
        if (self.hour is None) != (self.minute is None):
            raise ValueError("hour and minute go together")
        if self.hour is not None and not (0 <= self.hour <= 23 and 0 <= (self.minute or 0) <= 59):
            raise ValueError(f"time {self.hour}:{self.minute} is not a time of day")
        if self.offset is not None and (self.hour is None or abs(self.offset) >= 24 * 60):
            raise ValueError("an offset needs a time and must be under 24 hours")
        if self.second is not None and (self.hour is None or not 0 <= self.second <= 59):
            raise ValueError("a second needs a time and must be 0..59")

    @classmethod
    def from_days(cls, days: int) -> Moment:
        """The day that is `days` days after 1970-01-01."""
        return cls(*civil_from_days(days))

    @property
    def has_time(self) -> bool:
        """Whether this moment names a minute rather than a whole day."""
        return self.hour is not None

    def days(self) -> int:
        """Days since 1970-01-01 of this moment's (local) calendar day."""
        return days_from_civil(self.year, self.month, self.day)

    def date_only(self) -> Moment:
        """The calendar day of this moment, without its time."""
        return Moment(self.year, self.month, self.day)

    @property
    def instant(self) -> tuple[int, bool, int]:
        """A key of plain ints that orders moments by the instant they name."""
        minutes = self.days() * 1440 + (self.hour or 0) * 60 + (self.minute or 0)
        offset = self.offset or 0
        seconds = (minutes - offset) * 60 + (self.second or 0)
        # The offset again after the instant keeps the order consistent with ==.
        return (seconds, self.has_time, -100_000 if self.offset is None else offset)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Moment):
            return NotImplemented
        return self.instant < other.instant

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Moment):
            return NotImplemented
        return self.instant <= other.instant

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Moment):
            return NotImplemented
        return self.instant > other.instant

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Moment):
            return NotImplemented
        return self.instant >= other.instant

    def iso(self) -> str:
        """ISO 8601 text: '2025-01-17', '-0043-01-01', '2025-01-17T14:30+03:30'."""
        text = f"{format_year(self.year)}-{self.month:02d}-{self.day:02d}"
        if self.hour is not None:
            text += f"T{self.hour:02d}:{self.minute:02d}"
            if self.second is not None:
                text += f":{self.second:02d}"
            if self.offset is not None:
                text += format_offset(self.offset)
        return text


class Precision(enum.Enum):
    """How finely a date is known, from a time of day (to the minute, or the second
    when written) to a millennium, and deep time."""

    MINUTE = "minute"
    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    QUADRIMESTER = "quadrimester"
    SEMESTER = "semester"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    MILLENNIUM = "millennium"
    DEEP_TIME = "deep time"  # years before 1950, at the significant digits written

    @property
    def coarseness(self) -> int:
        """0 for the finest (minute) up to 11 for the coarsest (deep time)."""
        return _COARSENESS[self]


_COARSENESS = {precision: rank for rank, precision in enumerate(Precision)}

SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
SEASON_FIRST_MONTH = {21: 3, 22: 6, 23: 9, 24: 12}
# Which end of a date is open ('..' in EDTF: it runs on, as an ongoing event) or
# unknown (an empty EDTF end: it ended, no one knows when).
OPEN = "open"
UNKNOWN = "unknown"
