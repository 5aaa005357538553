"""`timeline export json`: the validated timeline with every field, authors' text kept."""

from __future__ import annotations

from functools import partial
from json import dumps

from timeline.exports import Dumped, Export, ExportOptions, json_text
from timeline.exports.memo import parts
from timeline.model import Event, Timeline


def export(timeline: Timeline, options: ExportOptions) -> Export:
    """The timeline as JSON (``Timeline.to_json``), one event per line, UTF-8."""
    data = timeline.to_json(events=False)
    line = parts("json", None)
    data["events"] = [line(event, partial(_line, event)) for event in timeline]
    return Export(json_text(data).encode("utf-8"), count=len(timeline))


def _line(event: Event) -> Dumped:
    return Dumped(dumps(event.to_json(), ensure_ascii=False))
