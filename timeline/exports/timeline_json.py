"""`timeline export json`: the validated timeline with every field, authors' text kept."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from json import dumps

from timeline.exports import Dumped, Export, ExportOptions, json_chunks
from timeline.exports.memo import parts
from timeline.model import Event, Timeline


def export(timeline: Timeline, options: ExportOptions) -> Export:
    """The timeline as JSON (``Timeline.to_json``), one event per line, UTF-8."""
    return Export(b"".join(chunks(timeline, options)), count=len(timeline))


def chunks(timeline: Timeline, options: ExportOptions) -> Iterator[bytes]:
    """``export``'s bytes in pieces, made as they are written (a build's)."""
    data = timeline.to_json(lazy=True)
    # One event's line at a time (a build holds no 100,000 dicts); `serve` reuses
    # each unchanged event's line (exports/memo.py).
    line = parts("json", None)
    data["events"] = (line(event, partial(_line, event)) for event in timeline)
    return json_chunks(data)


def _line(event: Event) -> Dumped:
    return Dumped(dumps(event.to_json(), ensure_ascii=False))
