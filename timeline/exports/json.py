"""`timeline export json`: the validated timeline with every field, authors' text kept."""

from __future__ import annotations

import json

from timeline.exports import Export, ExportOptions
from timeline.model import Timeline


def export(timeline: Timeline, options: ExportOptions) -> Export:
    """The timeline as JSON (``Timeline.to_json``), indented, UTF-8."""
    text = json.dumps(timeline.to_json(), indent=2, ensure_ascii=False) + "\n"
    return Export(text.encode("utf-8"), count=len(timeline))
