"""A TimelineJS spreadsheet saved as CSV → the slides of a Document (as TimelineJS reads it)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from timeline.exports.sheet import COLUMNS, KNOWN_COLUMNS, MAX_CELL, NUMERIC_COLUMNS, undefuse
from timeline.imports.document import Document, ImportFileError, Skip


def parse_time(text: str) -> dict[str, str]:
    """TimelineJS's ``parseTime``: '14:30', '2:30 pm', '1430', '14.30.05'."""
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
        raise Skip(f"time {text!r} not understood") from None
    hour = numbers[0]
    if period == "p" and hour != 12:
        hour += 12
    elif period == "a" and hour == 12:
        hour = 0
    if not 0 <= hour <= 23 or (len(numbers) > 1 and not 0 <= numbers[1] <= 59):
        raise Skip(f"time {text!r} is not a time of day")
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
        except Skip as reason:
            slide = {"text": {"headline": row.get("Headline", "")}, "_error": str(reason)}
        if kind == "title" and document.title is None:
            document.title = slide
        elif kind == "era":
            document.eras.append(slide)
        else:
            document.events.append(slide)
            document.row_numbers.append(number)
    return document
