"""iCalendar (RFC 5545), written by hand: the format is small and the bytes stay ours.

A day is an all-day event (DTSTART;VALUE=DATE, DTEND the next day, exclusive); a
span runs to its end; a minute keeps its time (in UTC when an offset was written,
else floating). Dates known only to the month or coarser are left out unless
asked for, then as all-day events across their bounds with the date's label in
the summary. iCalendar years have four digits from 0000, but the Gregorian
calendar it assumes starts at AD 1: earlier events are left out and reported.
"""

from __future__ import annotations

from datetime import UTC

from timeline import __version__
from timeline.dates import EventDate, Moment, Precision
from timeline.dates.model import MAX_YEAR
from timeline.exports import Export, ExportOptions
from timeline.model import Event, Timeline

FALLBACK_DOMAIN = "timeline.invalid"
FINE = (Precision.MINUTE, Precision.DAY)
# The last day iCalendar (and timeline) can write: an all-day event ending on it,
# or a time there moved to UTC, would need a day of year 10000.
LAST_DAY = Moment(MAX_YEAR, 12, 31).days()


class _TooLate(Exception):
    """An event whose iCalendar form needs a day after 31 December 9999."""


def escape_text(text: str) -> str:
    """A TEXT value escaped (RFC 5545 3.3.11): backslash, semicolon, comma, newline."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """A content line folded at 75 octets, never inside a UTF-8 character (RFC 5545 3.1)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    pieces: list[str] = []
    start, limit = 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1  # back off to the start of a character
        pieces.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines begin with one space
    return "\r\n ".join(pieces)


def _date(moment: Moment) -> str:
    return f"{moment.year:04d}{moment.month:02d}{moment.day:02d}"


def _from_days(days: int) -> Moment:
    if days > LAST_DAY:
        raise _TooLate
    return Moment.from_days(days)


def _next_day(moment: Moment) -> Moment:
    return _from_days(moment.days() + 1)


def _date_time(moment: Moment) -> str:
    """A DATE-TIME: UTC ('Z') when the offset is known, floating local time otherwise."""
    if moment.offset is None:
        return f"{_date(moment)}T{moment.hour:02d}{moment.minute:02d}00"
    minutes = moment.days() * 1440 + (moment.hour or 0) * 60 + (moment.minute or 0)
    days, minute_of_day = divmod(minutes - moment.offset, 1440)
    hour, minute = divmod(minute_of_day, 60)
    return f"{_date(_from_days(days))}T{hour:02d}{minute:02d}00Z"


def _is_fine(date: EventDate) -> bool:
    parts = (date.start, date.end) if date.start and date.end else (date,)
    return all(part.precision in FINE for part in parts)


def _times(when: EventDate) -> list[str]:
    """DTSTART and DTEND lines for a date (all-day unless both ends have a time)."""
    lower, upper = when.lower, when.upper
    if when.precision is Precision.MINUTE and lower.has_time and upper.has_time:
        lines = [_timed("DTSTART", lower)]
        if upper != lower:
            lines.append(_timed("DTEND", upper))
        return lines
    return [
        f"DTSTART;VALUE=DATE:{_date(lower)}",
        f"DTEND;VALUE=DATE:{_date(_next_day(upper.date_only()))}",
    ]


def _timed(name: str, moment: Moment) -> str:
    return f"{name}:{_date_time(moment)}"


def vevent(event: Event, options: ExportOptions, stamp: str, domain: str) -> list[str]:
    """The lines of one VEVENT."""
    when = event.when
    summary = event.title
    label = event.display_date or when.label(options.settings.locale)
    if not _is_fine(when) or when.approximate or when.uncertain or event.display_date:
        summary = event.title if label == event.title else f"{event.title} ({label})"
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.id}@{domain}",
        f"DTSTAMP:{stamp}",
        *_times(when),
        f"SUMMARY:{escape_text(summary)}",
    ]
    description = event.summary.strip()
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    if event.places:
        lines.append(f"LOCATION:{escape_text(', '.join(event.places))}")
    if event.tags:
        lines.append("CATEGORIES:" + ",".join(escape_text(tag) for tag in event.tags))
    url = options.site.event_url(event.id)
    if url:
        lines.append(f"URL:{url}")
    if when.approximate or when.uncertain:
        lines.append("STATUS:TENTATIVE")
    lines.append("END:VEVENT")
    return lines


def export(timeline: Timeline, options: ExportOptions) -> Export:
    """The timeline as an iCalendar file; reports the events it leaves out."""
    stamp = options.stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    domain = options.site.host or FALLBACK_DOMAIN
    name = options.site.name or "Timeline"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//timeline//timeline {__version__}//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    notes: list[str] = []
    coarse: list[str] = []
    count = 0
    for event in timeline.events:
        if event.when.lower.year < 1:
            notes.append(f"{event.id}: left out: iCalendar has no years before AD 1")
            continue
        if not _is_fine(event.when) and not options.include_coarse:
            coarse.append(event.id)
            continue
        try:
            lines.extend(vevent(event, options, stamp, domain))
        except _TooLate:
            notes.append(f"{event.id}: left out: iCalendar has no dates after AD {MAX_YEAR}")
            continue
        count += 1
    lines.append("END:VCALENDAR")
    if coarse:
        notes.append(
            f"{len(coarse)} event(s) known only to the month or coarser left out "
            f"(use --include-coarse): {', '.join(coarse[:5])}{' …' if len(coarse) > 5 else ''}"
        )
    text = "".join(fold(line) + "\r\n" for line in lines)
    return Export(text.encode("utf-8"), tuple(notes), count)
