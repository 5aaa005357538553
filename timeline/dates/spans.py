"""Spans: two dates joined into one ("21–22 April 2025", "1990-01/1990-06")."""

from __future__ import annotations

from timeline.dates.model import EventDate, Moment
from timeline.dates.refusals import refuse


def _before(end: Moment, start: Moment) -> bool:
    """Whether `end` lies before `start`, comparing days alone when either has no time."""
    if end.has_time and start.has_time:
        return end < start
    return end.date_only() < start.date_only()


def join(start: EventDate, end: EventDate, text: str) -> EventDate:
    """The span from `start` to `end`, written as `text`; DateError when it runs backwards."""
    if start.is_span or end.is_span:
        refuse(
            f"a span cannot start or end with a span ({start.text!r} to {end.text!r})",
            "give single dates for the start and the end",
        )
    if start.is_open or end.is_open:
        refuse(
            f"a span cannot start or end with an open-ended date ({start.text!r} to {end.text!r})",
            "give the dates the span runs between, or write 'since …' alone",
        )
    if _before(end.upper, start.lower):
        refuse(
            f"the end {end.text!r} is before the start {start.text!r}",
            "swap them, or check the years",
        )
    precision = max(start.precision, end.precision, key=lambda p: p.coarseness)
    return EventDate(
        text,
        start.lower,
        end.upper,
        precision,
        start.approximate or end.approximate,
        start.uncertain or end.uncertain,
        start=start,
        end=end,
        calendar=start.calendar if start.calendar == end.calendar else "gregorian",
    )


def qualify(date: EventDate, approximate: bool, uncertain: bool, text: str) -> EventDate:
    """The date (or both ends of a span) with qualifiers added and its text set."""
    from dataclasses import replace

    if not (approximate or uncertain) and date.text == text:
        return date
    if date.start is not None and date.end is not None:
        start = qualify(date.start, approximate, uncertain, date.start.text)
        end = qualify(date.end, approximate, uncertain, date.end.text)
        return replace(
            date,
            text=text,
            start=start,
            end=end,
            approximate=start.approximate or end.approximate,
            uncertain=start.uncertain or end.uncertain,
        )
    wording, notation = date.wording, date.notation
    added = ("~" if approximate and not date.approximate else "") + (
        "?" if uncertain and not date.uncertain else ""
    )
    if added and wording is not None:  # a reader's own label ('65 million years ago')
        wording = ("c. " if "~" in added else "") + wording + ("?" if "?" in added else "")
    if added and notation is not None:
        mark = "%" if len(added) == 2 or date.approximate or date.uncertain else added
        notation = "/".join(part.rstrip("~?%") + mark for part in notation.split("/"))
    return replace(
        date,
        text=text,
        approximate=date.approximate or approximate,
        uncertain=date.uncertain or uncertain,
        wording=wording,
        notation=notation,
    )
