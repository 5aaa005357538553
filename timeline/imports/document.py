"""What every importer reads into, and how it says no: the document and its errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from timeline.errors import TimelineError


class ImportFileError(TimelineError):
    """The file to import cannot be read, or the import would overwrite files."""


@dataclass
class Document:
    """A TimelineJS timeline as slides (dicts shaped like its JSON), whatever the source."""

    source: Path
    events: list[dict[str, Any]]
    title: dict[str, Any] | None = None
    eras: list[dict[str, Any]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # top-level keys or columns
    scale: str | None = None
    row_label: str = "slide"  # 'slide' for JSON, 'row' for the spreadsheet
    row_numbers: list[int] = field(default_factory=list)  # per event, as the user sees it


class Skip(Exception):
    """A slide that cannot become an event; the message says why."""
