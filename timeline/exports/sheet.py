"""The TimelineJS spreadsheet (Google Sheets template) as CSV: out, and back in.

Columns are those of the TimelineJS template, read by name as TimelineJS does
(``ConfigFactory.extractEventFromCSVObject``); ``Alt Text`` comes last, so sheets
made from the older template keep their column positions.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from timeline.exports import Export, ExportOptions
from timeline.exports.timelinejs import timeline_json
from timeline.loader import MAX_FILE_SIZE
from timeline.model import Timeline

COLUMNS = (
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
    "Alt Text",
)
KNOWN_COLUMNS = {*COLUMNS, "Tag", "Start Date", "End Date"}
# Columns of numbers: '-500' is a year (500 BCE) there, never a formula to defuse.
NUMERIC_COLUMNS = {"Year", "Month", "Day", "End Year", "End Month", "End Day"}
# A cell starting with one of these is a formula to Google Sheets and Excel.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL = MAX_FILE_SIZE
"""Longest cell read from a sheet, in characters (Python's csv default is 131,072)."""


def defuse(text: str) -> str:
    """Text a spreadsheet shows as text: a leading formula character gets a ``'``."""
    return "'" + text if text.startswith(FORMULA_START) else text


def undefuse(text: str) -> str:
    """A cell's text with the ``'`` that ``defuse`` added removed."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


def _time(date: dict[str, str]) -> str:
    if "hour" not in date:
        return ""
    return f"{int(date['hour']):02d}:{int(date.get('minute', '0')):02d}"


def _row(slide: dict[str, Any], kind: str = "") -> list[str]:
    start = slide.get("start_date", {})
    end = slide.get("end_date", {})
    text = slide.get("text", {})
    media = slide.get("media", {})
    values = {
        "Year": start.get("year", ""),
        "Month": start.get("month", ""),
        "Day": start.get("day", ""),
        "Time": _time(start),
        "End Year": end.get("year", ""),
        "End Month": end.get("month", ""),
        "End Day": end.get("day", ""),
        "End Time": _time(end),
        "Display Date": slide.get("display_date", ""),
        "Headline": text.get("headline", ""),
        "Text": text.get("text", ""),
        "Media": media.get("url", ""),
        "Media Credit": media.get("credit", ""),
        "Media Caption": media.get("caption", ""),
        "Media Thumbnail": "",
        "Type": kind,
        "Group": slide.get("group", ""),
        "Background": "",
        "Alt Text": media.get("alt", ""),
    }
    return [
        values[column] if column in NUMERIC_COLUMNS else defuse(values[column])
        for column in COLUMNS
    ]


def export(timeline: Timeline, options: ExportOptions) -> Export:
    """The timeline as rows of the TimelineJS spreadsheet (title row first, if any)."""
    # The last to use the slides: the site writes timelinejs.json before the sheet.
    data = timeline_json(timeline, options, keep=False)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    if "title" in data:
        writer.writerow(_row(data["title"], "title"))
    for slide in data["events"]:
        writer.writerow(_row(slide))
    return Export(buffer.getvalue().encode("utf-8"), count=len(timeline))
