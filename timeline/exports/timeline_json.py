"""`timeline export json`: the validated timeline with every field, authors' text kept."""

from __future__ import annotations

from timeline.exports import Export, ExportOptions, json_bytes
from timeline.model import Timeline


def export(timeline: Timeline, options: ExportOptions) -> Export:
    """The timeline as JSON (``Timeline.to_json``), one event per line, UTF-8."""
    return Export(json_bytes(timeline.to_json(lazy=True)), count=len(timeline))
