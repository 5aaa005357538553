"""`timeline export json`: the validated timeline with every field, authors' text kept."""

from __future__ import annotations

from timeline.exports import Export, ExportOptions, json_text
from timeline.model import Timeline


def export(timeline: Timeline, options: ExportOptions) -> Export:
    """The timeline as JSON (``Timeline.to_json``), one event per line, UTF-8."""
    text = json_text(timeline.to_json())
    return Export(text.encode("utf-8"), count=len(timeline))
