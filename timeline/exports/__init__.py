"""Exports (one module per format) and importers of other tools' timelines.

Each export module defines ``export(timeline, options) -> Export``: pure, and
deterministic (the same timeline gives the same bytes; no clock, no randomness).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from json import dumps
from typing import Any

from timeline.config import Settings, pages_folder
from timeline.errors import ConfigError
from timeline.exports.published_site import Site
from timeline.model import Timeline

# format name -> (module under timeline.exports, file suffix, what it is)
FORMATS: dict[str, tuple[str, str, str]] = {
    "json": (
        "timeline_json",
        ".json",
        "the validated timeline, every field (timeline's own format)",
    ),
    "timelinejs": ("timelinejs", ".json", "TimelineJS3 JSON"),
    "csv": ("sheet", ".csv", "the TimelineJS spreadsheet columns"),
    "ics": ("ics", ".ics", "iCalendar (RFC 5545)"),
    "atom": ("atom", ".xml", "Atom feed of the latest events"),
    "jsonfeed": ("jsonfeed", ".json", "JSON Feed 1.1 of the latest events"),
    "csl-json": ("csl", ".json", "CSL-JSON: every source, for reference managers"),
    "bibtex": ("bibtex", ".bib", "biblatex: every source"),
    "geojson": ("geojson", ".geojson", "GeoJSON (RFC 7946) of the places and located events"),
}

# The files the site build publishes next to the timeline pages (see publish_all).
PUBLISHED = {
    "timeline.json": "json",
    "timelinejs.json": "timelinejs",
    "timeline.csv": "csv",
    "timeline.ics": "ics",
    "atom.xml": "atom",
    "feed.json": "jsonfeed",
}
FEEDS = ("atom", "jsonfeed")
# How the timeline page names each published file in its download links.
LINK_LABELS = {
    "json": "JSON",
    "timelinejs": "TimelineJS",
    "csv": "CSV",
    "ics": "iCalendar",
    "atom": "Atom feed",
    "jsonfeed": "JSON Feed",
}
DEFAULT_FEED_LIMIT = 50
FIXED_STAMP = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class ExportOptions:
    """What an export may need besides the timeline."""

    settings: Settings = field(default_factory=Settings)
    site: Site = field(default_factory=Site)
    include_coarse: bool = False
    limit: int = DEFAULT_FEED_LIMIT
    stamp: datetime = FIXED_STAMP


@dataclass(frozen=True)
class Export:
    """An export's bytes, and notes on what the format could not hold."""

    content: bytes
    notes: tuple[str, ...] = ()
    count: int = 0


class Dumped(str):
    """A list item already written as JSON (json_text puts it in as it is)."""

    __slots__ = ()


def json_text(data: dict[str, Any]) -> str:
    """JSON with one line per item of each top-level list: readable in a diff, and fast.

    ``json.dumps(indent=...)`` falls back to the pure-Python encoder (2.5 s for 10,000
    events); each item here goes through the C encoder on its own line. Items may come
    already written (``Dumped``: `serve` keeps each unchanged event's, exports/memo.py).
    """
    return "".join(_json_pieces(data))


def json_bytes(data: dict[str, Any]) -> bytes:
    """``json_text(data)`` in UTF-8, without the whole text as a str first."""
    return b"".join(json_chunks(data))


def json_chunks(data: dict[str, Any]) -> Iterator[bytes]:
    """``json_bytes(data)`` piece by piece, for a build to write as they come."""
    return (piece.encode("utf-8") for piece in _json_pieces(data))


def _json_pieces(data: dict[str, Any]) -> Iterator[str]:
    """json_text's pieces, in order: joined once, so the text is never copied whole.

    A list may be an iterator (Timeline.to_json(lazy=True)): its items are made one at
    a time, so 100,000 events never exist as dicts all at once.
    """

    def dump(value: Any) -> str:
        return value if isinstance(value, Dumped) else dumps(value, ensure_ascii=False)

    yield "{\n"
    for number, (key, value) in enumerate(data.items()):
        if number:
            yield ",\n"
        if isinstance(value, Iterator | list):
            yield f"  {dump(key)}: ["
            empty = True
            for item in value:
                yield "\n    " if empty else ",\n    "
                yield dump(item)
                empty = False
            yield "]" if empty else "\n  ]"
        else:
            yield f"  {dump(key)}: {dump(value)}"
    yield "\n}\n"


def build_stamp(environ: dict[str, str] | None = None) -> datetime:
    """The build time: SOURCE_DATE_EPOCH when set (reproducible builds), else a fixed one."""
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return FIXED_STAMP
    try:
        return datetime.fromtimestamp(int(value), tz=UTC)
    except (ValueError, OverflowError, OSError):
        raise ConfigError(
            f"SOURCE_DATE_EPOCH: expected seconds since 1970, got {value!r}"
        ) from None


def export(output_format: str, timeline: Timeline, options: ExportOptions) -> Export:
    """Run one export format.

    Args:
        output_format: a key of ``FORMATS``.
        timeline: the checked timeline.
        options: settings, site and format options.

    Returns:
        The exported bytes with notes on anything left out.
    """
    module: Any = importlib.import_module(f"timeline.exports.{FORMATS[output_format][0]}")
    result: Export = module.export(timeline, options)
    return result


def publish_all(
    timeline: Timeline,
    settings: Settings,
    site_url: str | None,
    *,
    site_name: str | None = None,
    pages_dir: str | None = None,
    use_directory_urls: bool = True,
) -> dict[str, bytes]:
    """Every export the site publishes, as file name (relative to the site root) → bytes.

    The files go in the timeline pages' folder (``pages_dir``, default the setting's):
    ``timeline.json``, ``timelinejs.json``, ``timeline.csv``, ``timeline.ics``, and,
    when ``site_url`` is known (feeds need absolute links), ``atom.xml`` and ``feed.json``.
    DTSTAMP and feed times come from SOURCE_DATE_EPOCH, never the clock. Event links
    end in ``<id>/``, or ``<id>.html`` when ``use_directory_urls`` is false (as in MkDocs).
    """
    makers = export_makers(
        timeline,
        settings,
        site_url,
        site_name=site_name,
        pages_dir=pages_dir,
        use_directory_urls=use_directory_urls,
    )
    return {name: b"".join(make()) for name, make in makers.items()}


def export_makers(
    timeline: Timeline,
    settings: Settings,
    site_url: str | None,
    *,
    site_name: str | None = None,
    pages_dir: str | None = None,
    use_directory_urls: bool = True,
) -> dict[str, Callable[[], Iterator[bytes]]]:
    """``publish_all``'s files, each made when called: a build writes them one at a
    time and keeps none (they are 300 MB at 100,000 events). The JSON exports come as
    an iterator of pieces, written as they come."""
    site = Site(
        name=site_name,
        url=site_url,
        pages_dir=pages_folder(pages_dir) if pages_dir else settings.pages_dir,
        use_directory_urls=use_directory_urls,
    )
    options = ExportOptions(settings=settings, site=site, stamp=build_stamp())
    return {
        f"{site.pages_dir}/{name}": partial(_chunks, output_format, timeline, options)
        for name, output_format in PUBLISHED.items()
        if output_format not in FEEDS or site.url is not None
    }


def _content(output_format: str, timeline: Timeline, options: ExportOptions) -> bytes:
    return export(output_format, timeline, options).content


def _chunks(output_format: str, timeline: Timeline, options: ExportOptions) -> Iterator[bytes]:
    """The export's bytes in pieces, where its module makes them so (``chunks``)."""
    module: Any = importlib.import_module(f"timeline.exports.{FORMATS[output_format][0]}")
    if hasattr(module, "chunks"):
        return iter(module.chunks(timeline, options))
    return iter((export(output_format, timeline, options).content,))
