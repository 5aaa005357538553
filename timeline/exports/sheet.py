"""The TimelineJS spreadsheet (Google Sheets template) as CSV: out, and back in.

Columns are those of the TimelineJS template, read by name as TimelineJS does
(``ConfigFactory.extractEventFromCSVObject``); ``Alt Text`` comes last, so sheets
made from the older template keep their column positions.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from timeline.exports import Export, ExportOptions
from timeline.exports.timelinejs import timeline_json
from timeline.loader import MAX_FILE_SIZE
from timeline.model import Timeline

if TYPE_CHECKING:
    from timeline.exports.importer import Document

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
    data = timeline_json(timeline, options)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    if "title" in data:
        writer.writerow(_row(data["title"], "title"))
    for slide in data["events"]:
        writer.writerow(_row(slide))
    return Export(buffer.getvalue().encode("utf-8"), count=len(timeline))


# -- reading a sheet ----------------------------------------------------------


def parse_time(text: str) -> dict[str, str]:
    """TimelineJS's ``parseTime``: '14:30', '2:30 pm', '1430', '14.30.05'."""
    from timeline.exports.importer import _Skip

    period = None
    match = re.search(r"\s*([AaPp])\.?[Mm]\.?\s*$", text)
    if match:
        period = match.group(1).lower()
        text = text[: match.start()].strip()
    compact = re.fullmatch(r"\s*(\d{1,2})(\d{2})\s*", text)
    parts = list(compact.groups()) if compact else re.split(r"[:.]", text)
    try:
        numbers = [int(part) for part in parts[:3]]
    except ValueError:
        raise _Skip(f"time {text!r} not understood") from None
    hour = numbers[0]
    if period == "p" and hour != 12:
        hour += 12
    elif period == "a" and hour == 12:
        hour = 0
    if not 0 <= hour <= 23 or (len(numbers) > 1 and not 0 <= numbers[1] <= 59):
        raise _Skip(f"time {text!r} is not a time of day")
    found = {"hour": str(hour)}
    if len(numbers) > 1:
        found["minute"] = str(numbers[1])
    if len(numbers) > 2:
        found["second"] = str(numbers[2])
    return found


def _integer(text: str) -> str:
    # TimelineJS's clean_integer: spreadsheets may write 1,815 or 1 815.
    return re.sub(r"[\s,]+", "", text)


def _slide(row: dict[str, str]) -> dict[str, Any]:
    """One sheet row as a TimelineJS slide object (as TimelineJS builds it)."""
    slide: dict[str, Any] = {
        "media": {
            "url": row.get("Media", ""),
            "credit": row.get("Media Credit", ""),
            "caption": row.get("Media Caption", ""),
            "thumbnail": row.get("Media Thumbnail", ""),
            "alt": row.get("Alt Text", ""),
        },
        "text": {"headline": row.get("Headline", ""), "text": row.get("Text", "")},
        "display_date": row.get("Display Date", ""),
        "group": row.get("Group", "") or row.get("Tag", ""),
    }
    background = row.get("Background", "")
    if background:
        key = "url" if re.match(r"^(https?:)?//?", background) else "color"
        slide["background"] = {key: background}
    for prefix, key in (("", "start_date"), ("End ", "end_date")):
        year = _integer(row.get(f"{prefix}Year", ""))
        if year:
            date = {
                "year": year,
                "month": _integer(row.get(f"{prefix}Month", "")),
                "day": _integer(row.get(f"{prefix}Day", "")),
            }
            time = row.get(f"{prefix}Time" if prefix else "Time", "")
            if time:
                date.update(parse_time(time))
            slide[key] = date
    return slide


def read_rows(path: Path, text: str) -> Document:
    """A TimelineJS sheet saved as CSV: title row, era rows, event rows.

    Cells may hold up to MAX_CELL characters (an event file's size limit: a longer
    cell could not go into one); a longer cell is refused with its line number.
    """
    from timeline.exports.importer import ImportFileError

    reader = csv.DictReader(io.StringIO(text, newline=""))
    # The csv module's limit is process-wide: raised for this read only.
    previous = csv.field_size_limit(MAX_CELL)
    try:
        return _read_rows(path, reader)
    except csv.Error as error:
        reason = str(error)
        if "field larger than field limit" in reason:
            reason = f"a cell is longer than {MAX_CELL:,} characters (an event file's limit)"
        # line_num counts the lines read whole; the error is on the next one.
        raise ImportFileError(
            f"{path}:{reader.line_num + 1}: not imported: {reason}",
            hint="shorten the cell; long text belongs in a page linked from the event",
        ) from None
    finally:
        csv.field_size_limit(previous)


def _read_rows(path: Path, reader: csv.DictReader[str]) -> Document:
    from timeline.exports.importer import Document, ImportFileError, _Skip

    header = [name.strip() for name in reader.fieldnames or []]
    if "Headline" not in header or not ({"Year", "Start Date"} & set(header)):
        raise ImportFileError(
            f"{path}: not a TimelineJS sheet: expected columns such as Year and Headline",
            hint="the first row must be the template's column names: " + ", ".join(COLUMNS[:10]),
        )
    if "Start Date" in header and "Year" not in header:
        raise ImportFileError(
            f"{path}: a TimelineJS version 1 sheet (Start Date column) is not supported",
            hint="copy the rows into the current TimelineJS template first",
        )
    document = Document(path, [], row_label="row")
    document.unknown = [name for name in header if name and name not in KNOWN_COLUMNS]
    for number, raw in enumerate(reader, start=2):
        row = {}
        for key, value in raw.items():
            if isinstance(value, str):
                name = (key or "").strip()
                text = value.strip()
                row[name] = text if name in NUMERIC_COLUMNS else undefuse(text)
        if not any(row.values()):
            continue
        kind = row.get("Type", "").lower()
        try:
            slide = _slide(row)
        except _Skip as reason:
            slide = {"text": {"headline": row.get("Headline", "")}, "_error": str(reason)}
        if kind == "title" and document.title is None:
            document.title = slide
        elif kind == "era":
            document.eras.append(slide)
        else:
            document.events.append(slide)
            document.row_numbers.append(number)
    return document
