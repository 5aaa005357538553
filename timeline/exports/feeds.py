"""What the Atom and JSON feeds share: the latest events, their links and times."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC

from timeline.dates import Moment, Precision
from timeline.dates.model import format_offset
from timeline.exports import ExportOptions
from timeline.markdown_html import markdown_to_html, text_to_html
from timeline.model import Event, Timeline

FEED_FILES = {"atom": "atom.xml", "jsonfeed": "feed.json"}


@dataclass(frozen=True)
class FeedEntry:
    event: Event
    url: str
    time: str  # RFC 3339
    content_html: str


def rfc3339(moment: Moment, precision: Precision) -> str:
    """The lower bound as an RFC 3339 time: midnight UTC unless a time was written."""
    day = f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
    if precision is Precision.MINUTE and moment.hour is not None:
        offset = format_offset(moment.offset) if moment.offset is not None else "Z"
        return f"{day}T{moment.hour:02d}:{moment.minute:02d}:00{offset}"
    return f"{day}T00:00:00Z"


def content_html(event: Event, options: ExportOptions) -> str:
    """The date label, then the summary, as sanitised HTML."""
    label = text_to_html(
        event.label if event.display_date else event.when.label(options.settings.locale)
    )
    return (f"<p>{label}</p>\n" + markdown_to_html(event.summary)).strip()


def latest(timeline: Timeline, options: ExportOptions) -> tuple[list[FeedEntry], list[str]]:
    """The ``options.limit`` latest events by lower bound, newest first; notes on skips."""
    base_events = sorted(timeline.events, key=lambda e: e.sort_key, reverse=True)
    entries: list[FeedEntry] = []
    notes: list[str] = []
    for event in base_events:
        if len(entries) == options.limit:
            break
        if event.when.lower.year < 1:
            notes.append(f"{event.id}: left out: feed times have no years before AD 1")
            continue
        url = options.site.event_url(event.id)
        assert url is not None  # the CLI and publish_all require a site URL for feeds
        time = rfc3339(event.when.lower, event.when.precision)
        entries.append(FeedEntry(event, url, time, content_html(event, options)))
    return entries, notes


def feed_updated(entries: list[FeedEntry], options: ExportOptions) -> str:
    """The newest entry's time; the build stamp for an empty feed (never the clock)."""
    if entries:
        return entries[0].time
    return options.stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def feed_title(options: ExportOptions) -> str:
    return options.site.name or "Timeline"


def home_url(options: ExportOptions) -> str:
    url = options.site.index_url()
    return url or options.site.require_url("a feed")


def feed_url(options: ExportOptions, output_format: str) -> str:
    url = options.site.page_url(f"{options.site.pages_dir}/{FEED_FILES[output_format]}")
    return url or options.site.require_url("a feed")
