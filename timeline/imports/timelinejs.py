"""TimelineJS slides (from its JSON or its spreadsheet) → one event file per slide.

Nothing is dropped silently: every slide is imported or listed with the reason,
every key our events cannot hold is reported. Eras become era files (``eras/``
beside the events) when the caller names that folder; the title slide, and eras
that cannot be read as eras, are kept in a note file (``_timelinejs-<source>.md``)
beside the events, which `timeline check` does not read.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from timeline.config import Settings
from timeline.dates import EventDate, Precision, parse_date, span
from timeline.errors import DateError
from timeline.exports.timelinejs import EXPRESSIBLE, astronomical_year
from timeline.ids import id_slug
from timeline.imports.document import Document, ImportFileError, Skip
from timeline.loader import FORBIDDEN_CHARACTERS, EventFile, parse_event_text
from timeline.markdown_html import html_to_markdown, html_to_text, html_to_text_with_links
from timeline.new import file_year
from timeline.schema import ID_PATTERN, read_event, url_problem
from timeline.yaml_writer import Value, dump_event

MAX_TITLE = 300
MAX_DISPLAY_DATE = 100
MAX_SLUG = 60
MAX_IMPORT_SIZE: Final = 64 * 1024 * 1024
"""Largest file `timeline import` reads, in bytes (Knight Lab's examples are under 100 KB)."""
MAX_JSON_DEPTH: Final = 32
"""Most nested objects and lists in a TimelineJS JSON file (its own use four or five)."""

SLIDE_KEYS = {
    "start_date",
    "end_date",
    "text",
    "media",
    "group",
    "display_date",
    "unique_id",
    "background",
    "autolink",
    "type",
}
DATE_KEYS = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date"}
DATE_KEYS_KNOWN = DATE_KEYS | {"format"}
MEDIA_KEYS = {"url", "caption", "credit", "alt", "thumbnail", "title", "link", "link_target"}
TEXT_KEYS = {"headline", "text"}
TOP_KEYS = {"title", "events", "eras", "scale"}
# Keys TimelineJS knows that an event file has no place for, and why.
NOT_KEPT = {
    "background": "events have no background image or colour",
    "autolink": "links in text are kept as written",
    "media.thumbnail": "the site makes its own thumbnails",
    "media.title": "media have no title (caption and alt are kept)",
    "media.link": "media have no link",
    "media.link_target": "media have no link",
    "start_date.format": "dates are shown at their precision",
    "end_date.format": "dates are shown at their precision",
    "end_date.display_date": "one display_date per event (the start's or the slide's is kept)",
}


@dataclass
class Imported:
    """One event file to write."""

    number: int
    id: str
    date: str
    title: str
    yaml: str
    notes: list[str] = field(default_factory=list)
    folder: str = ""  # the year folder, as `timeline new` files events
    already: bool = False  # the same file is there already (a rerun after an interruption)

    @property
    def name(self) -> str:
        """The file's path under the import folder."""
        return f"{self.folder}/{self.id}.yaml" if self.folder else f"{self.id}.yaml"


@dataclass
class Skipped:
    number: int
    headline: str
    reason: str


@dataclass
class Plan:
    """What an import will write, and everything it could not keep."""

    document: Document
    into: Path
    imported: list[Imported] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    not_kept: dict[str, list[int]] = field(default_factory=dict)
    unknown: dict[str, list[int]] = field(default_factory=dict)
    note_file: tuple[str, str] | None = None  # (file name, Markdown)
    note_already: bool = False
    eras_into: Path | None = None
    era_files: list[tuple[str, str, bool]] = field(default_factory=list)  # name, YAML, there

    def files(self) -> dict[Path, str]:
        """Every file the import writes (not those already there, identical): path → text."""
        written = {self.into / item.name: item.yaml for item in self.imported if not item.already}
        if self.eras_into is not None:
            for name, text, already in self.era_files:
                if not already:
                    written[self.eras_into / name] = text
        if self.note_file is not None and not self.note_already:
            written[self.into / self.note_file[0]] = self.note_file[1]
        return written


# -- reading dates ------------------------------------------------------------


def _number(value: Any, name: str) -> int | None:
    """A TimelineJS date part: a number, or text of digits (zero-padded or not); '' is none."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    if not text:
        return None
    if not re.fullmatch(r"[+-]?\d+", text):
        raise Skip(f"{name} {value!r} is not a whole number")
    return int(text)


@dataclass(frozen=True)
class _Parts:
    text: str  # our date text
    id_part: str  # how the id starts
    notes: tuple[str, ...] = ()


def date_text(obj: Mapping[str, Any], where: str) -> _Parts:
    """Our date text for a TimelineJS date object, at the precision its fields carry."""
    year = _number(obj.get("year"), f"{where}.year")
    if year is None:
        raise Skip(f"{where} has no year")
    if year == 0:
        raise Skip(f"{where}.year is 0, which TimelineJS does not define (-1 is 1 BCE)")
    parts = [_number(obj.get(name), f"{where}.{name}") for name in ("month", "day", "hour")]
    month, day, hour = parts
    minute = _number(obj.get("minute"), f"{where}.minute")
    second = _number(obj.get("second"), f"{where}.second")
    notes: list[str] = []
    if day is not None and month is None:
        notes.append(f"{where}: a day without a month was left out")
        day = None
    if hour is not None and day is None:
        notes.append(f"{where}: a time without a day was left out")
        hour = minute = second = None
    if second:
        notes.append(f"{where}: seconds were left out (dates go to the minute)")
    astronomical = astronomical_year(year)
    if astronomical > 0:
        text = f"{astronomical:04d}"
        id_part = text
    elif month is None:
        text = f"{1 - astronomical} BC"
        id_part = file_year(astronomical)  # '44bc', as `timeline new` names it
    else:
        text = f"-{-astronomical:04d}"
        id_part = file_year(astronomical)
    if month is not None:
        text += f"-{month:02d}"
        id_part += f"-{month:02d}"
        if day is not None:
            text += f"-{day:02d}"
            id_part += f"-{day:02d}"
            if hour is not None:
                text += f"T{hour:02d}:{minute or 0:02d}"
                id_part += f"-{hour:02d}{minute or 0:02d}"
    return _Parts(text, id_part, tuple(notes))


# -- ids ----------------------------------------------------------------------


def slug(text: str) -> str:
    """A lowercase ASCII slug of at most MAX_SLUG characters ('' when nothing is left)."""
    return id_slug(text, max_length=MAX_SLUG, empty="")


# -- one slide ----------------------------------------------------------------


def _clean(text: str) -> str:
    """Text without the control characters event files refuse."""
    return FORBIDDEN_CHARACTERS.sub("", text)


def _string(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return _clean(value)
    return _clean(str(value))


class _SlideReader:
    def __init__(self, plan: Plan, settings: Settings, number: int) -> None:
        self.plan = plan
        self.settings = settings
        self.number = number
        self.notes: list[str] = []

    def keys(self, data: Mapping[str, Any], known: set[str], prefix: str) -> None:
        for key, value in data.items():
            name = f"{prefix}{key}"
            if key not in known:
                if _present(value):
                    self.plan.unknown.setdefault(name, []).append(self.number)
            elif name in NOT_KEPT and _present(value):
                self.plan.not_kept.setdefault(name, []).append(self.number)

    def mapping(self, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        value = data.get(key)
        if value is None or value == "":
            return {}
        if not isinstance(value, Mapping):
            raise Skip(f"{key} is {type(value).__name__}, expected an object")
        return value

    def dates(self, data: Mapping[str, Any]) -> tuple[EventDate, str, str | None, str | None]:
        """(when, id part, date text, end text) of a slide."""
        start = self.mapping(data, "start_date")
        end = self.mapping(data, "end_date")
        self.keys(start, DATE_KEYS_KNOWN, "start_date.")
        self.keys(end, DATE_KEYS_KNOWN, "end_date.")
        first = date_text(start, "start_date")
        self.notes.extend(first.notes)
        date = self.parse(first.text, "start_date")
        end_text: str | None = None
        when = date
        if any(_present(end.get(k)) for k in ("year", "month", "day", "hour", "minute")):
            last = date_text(end, "end_date")
            if last.text != first.text:
                end_date = self.parse(last.text, "end_date")
                try:
                    when = span(date, end_date)
                    end_text = last.text
                    self.notes.extend(last.notes)
                except DateError as error:
                    self.notes.append(f"end_date left out: {error.message}")
        return when, first.id_part, first.text, end_text

    def parse(self, text: str, where: str) -> EventDate:
        try:
            return parse_date(
                text, languages=self.settings.languages, date_order=self.settings.date_order
            )
        except DateError as error:
            raise Skip(f"{where}: {error.message}") from None

    def display(self, data: Mapping[str, Any], when: EventDate) -> tuple[str | None, str | None]:
        """(display_date to keep, date text to use instead) from the slide's display_date.

        When the display date is itself a date TimelineJS could not hold ('1990s',
        'c. 1990', 'spring 2025', as our TimelineJS export writes them) and agrees
        with the slide's fields, it becomes the event's date at its true precision.
        """
        start = self.mapping(data, "start_date")
        raw = _string(data.get("display_date")) or _string(start.get("display_date"))
        text = shown_text(raw)
        if not text:
            return None, None
        adopted = self.adopt(text, when)
        if adopted is not None:
            return None, adopted
        if len(text) > MAX_DISPLAY_DATE:
            self.notes.append(f"display_date cut to {MAX_DISPLAY_DATE} characters")
            text = text[: MAX_DISPLAY_DATE - 1].rstrip() + "…"
        return text, None

    def adopt(self, text: str, when: EventDate) -> str | None:
        try:
            shown = parse_date(
                text, languages=self.settings.languages, date_order=self.settings.date_order
            )
        except DateError:
            return None
        pairs = (
            [(shown.start, when.start), (shown.end, when.end)]
            if shown.start and shown.end and when.start and when.end
            else [(shown, when)]
        )
        for written, fields in pairs:
            if written is None or fields is None or written.is_span or fields.is_span:
                return None
            richer = (
                written.approximate or written.uncertain or written.precision not in EXPRESSIBLE
            )
            same_year = written.lower.year == fields.lower.year
            coarse_fields = fields.precision is Precision.YEAR
            same = (written.lower, written.upper) == (fields.lower, fields.upper)
            if not (richer and same_year and (coarse_fields or same)):
                return None
        return text

    def read(self, data: Mapping[str, Any], used: set[str], taken: set[str]) -> Imported:
        if "_error" in data:
            raise Skip(str(data["_error"]))
        self.keys(data, SLIDE_KEYS, "")
        text = self.mapping(data, "text")
        media = self.mapping(data, "media")
        self.keys(text, TEXT_KEYS, "text.")
        self.keys(media, MEDIA_KEYS, "media.")
        when, id_part, date_text_, end_text = self.dates(data)
        display_date, adopted = self.display(data, when)
        if adopted is not None:
            date_text_, end_text = adopted, None
            self.notes.append(f"date taken from display_date {adopted!r}")

        headline_html = _string(text.get("headline"))
        title = html_to_text(headline_html)
        if re.search(r"<(?!br)[a-z]", headline_html, re.IGNORECASE):
            self.notes.append("markup in the headline dropped (titles are plain text)")
        conversion = html_to_markdown(_string(text.get("text")))
        summary = conversion.markdown
        self.notes.extend(f"text: {note}" for note in conversion.notes)

        if not title:
            title = html_to_text(_string(text.get("text")))[:80].rstrip() or "Untitled"
            self.notes.append("no headline: the title was made from the text")
        if len(title) > MAX_TITLE:
            title = title[: MAX_TITLE - 1].rstrip() + "…"
            self.notes.append(f"headline cut to {MAX_TITLE} characters")
        media_items: list[dict[str, str]] = []
        if media:
            item, extra = self.media(media, title)
            if item is not None:
                media_items.append(item)
            if extra:
                summary = f"{summary}\n\n{extra}" if summary else extra

        group = " ".join(shown_text(_string(data.get("group"))).split())
        event_id = self.make_id(data, id_part, title, used, taken)

        fields: list[tuple[str, Value]] = [("title", title), ("date", date_text_ or "")]
        if end_text:
            fields.append(("end", end_text))
        if display_date:
            fields.append(("display_date", display_date))
        if summary:
            fields.append(("summary", summary))
        if group:
            fields.append(("tags", [group]))
        if media_items:
            fields.append(("media", media_items))
        label = when.display if adopted is None else adopted
        folder = file_year((when.start or when).lower.year)
        return Imported(self.number, event_id, label, title, dump_event(fields), self.notes, folder)

    def media(self, media: Mapping[str, Any], title: str) -> tuple[dict[str, str] | None, str]:
        """(media item, Markdown to add to the summary) of a slide's media."""
        url = _string(media.get("url")).strip()
        caption = html_to_markdown(_string(media.get("caption")))
        credit = html_to_text_with_links(_string(media.get("credit")))
        self.notes.extend(f"caption: {note}" for note in caption.notes)
        if not url:
            if caption.markdown or credit:
                self.notes.append("media caption or credit without a media url left out")
            return None, ""
        if url.startswith("<"):
            # TimelineJS shows HTML given as the media url (a blockquote, an embed).
            quoted = html_to_markdown(url)
            self.notes.append("media given as HTML kept in the summary")
            self.notes.extend(f"media: {note}" for note in quoted.notes)
            return None, self.with_caption(quoted.markdown, caption.markdown, credit)
        if url.startswith("//"):
            url = "https:" + url
            self.notes.append("protocol-relative media url given https:")
        problem = url_problem(url, relative_ok=True)
        if problem is not None:
            self.notes.append(f"media left out: {problem[0]}")
            return None, self.with_caption("", caption.markdown, credit)
        if "://" not in url:
            self.notes.append(
                f"media path {url!r} kept: the site shows it only if it is under docs/"
            )
        alt = " ".join(_string(media.get("alt")).split())
        if not alt:
            alt = html_to_text(_string(media.get("caption"))) or title
            self.notes.append(
                "alt text made from the " + ("caption" if alt != title else "headline")
            )
        item = {"src": url, "alt": alt}
        if caption.markdown:
            item["caption"] = caption.markdown
        if credit:
            item["credit"] = credit
        return item, ""

    def with_caption(self, markdown: str, caption: str, credit: str) -> str:
        """Summary text for media that is not kept as a media item, caption and credit included.

        They would otherwise be lost without a word (an embed has no place to hold them).
        """
        kept = [part for part in (markdown, caption) if part]
        if credit:
            kept.append(f"Credit: {credit}")
        if caption or credit:
            named = " and ".join(n for n, v in (("caption", caption), ("credit", credit)) if v)
            self.notes.append(f"media {named} kept in the summary")
        return "\n\n".join(kept)

    def make_id(
        self, data: Mapping[str, Any], id_part: str, title: str, used: set[str], taken: set[str]
    ) -> str:
        given = _string(data.get("unique_id")).strip()
        if given and ID_PATTERN.match(given) and given not in used:
            candidate = given
        else:
            words = slug(title)
            candidate = f"{id_part}-{words}" if words else id_part
            base, count = candidate, 2
            while candidate in used:
                candidate = f"{base}-{count}"
                count += 1
        used.add(candidate)
        return candidate


def _present(value: Any) -> bool:
    """Whether a value says something (empty strings and objects do not)."""
    if isinstance(value, Mapping):
        return any(_present(v) for v in value.values())
    if isinstance(value, list):
        return bool(value)
    return value is not None and str(value).strip() != ""


# -- the whole document -------------------------------------------------------


def plan_import(
    document: Document,
    into: Path,
    settings: Settings,
    *,
    taken: Iterable[str] = (),
    eras_into: Path | None = None,
) -> Plan:
    """What importing ``document`` into ``into`` writes, and what it cannot keep.

    With ``eras_into`` (the project's ``eras/``), eras become era files there.
    """
    plan = Plan(document, into, eras_into=eras_into)
    used: set[str] = set()
    taken_ids = set(taken)
    for index, data in enumerate(document.events):
        number = document.row_numbers[index] if document.row_numbers else index + 1
        headline = ""
        if isinstance(data, Mapping) and isinstance(data.get("text"), Mapping):
            headline = html_to_text(_string(data["text"].get("headline")))
        if not isinstance(data, Mapping):
            plan.skipped.append(Skipped(number, headline, "not an object"))
            continue
        reader = _SlideReader(plan, settings, number)
        try:
            item = reader.read(data, used, taken_ids)
            item.yaml = _finish(item, into, settings)
        except Skip as reason:
            plan.skipped.append(Skipped(number, headline, str(reason)))
            continue
        if item.id in taken_ids:
            # Only the very file this import would write (from a run that was killed
            # while moving files in) is not a conflict: the rerun completes it.
            item.already = _same_file(into / item.name, item.yaml)
            if not item.already:
                raise ImportFileError(
                    f"an event with the id {item.id!r} already exists",
                    hint="this timeline may have been imported already; "
                    "import into an empty folder",
                )
        plan.imported.append(item)
    kept_eras = document.eras
    if eras_into is not None:
        kept_eras = _plan_eras(plan, settings)
    if document.title or kept_eras:
        name = f"_timelinejs-{slug(document.source.stem) or 'import'}.md"
        plan.note_file = (name, note_markdown(document, kept_eras))
        plan.note_already = _same_file(into / name, plan.note_file[1])
    return plan


def _same_file(path: Path, text: str) -> bool:
    """Whether ``path`` is a regular file holding exactly ``text``."""
    try:
        return path.is_file() and not path.is_symlink() and path.read_bytes() == text.encode()
    except OSError:
        return False


def _finish(item: Imported, into: Path, settings: Settings) -> str:
    """The file's text in fmt's canonical form, read as `timeline check` will read it.

    A slide whose file check would refuse is skipped, with check's reasons.
    """
    from timeline.fmt import format_text

    path = into / item.name
    formatted = format_text(item.yaml, path.name)
    text = formatted.text if formatted.text is not None else item.yaml
    root, problems = parse_event_text(text.encode("utf-8"), path.name)
    if root is not None:
        _event, problems = read_event(EventFile(path, path.name, root), settings)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise Skip("; ".join(f"{p.code} {p.field or ''}: {p.message}" for p in errors))
    return text


def _plan_eras(plan: Plan, settings: Settings) -> list[dict[str, Any]]:
    """Each era as an era file, read back as `timeline check` reads it; the rest for the note."""
    from timeline.eras import read_era

    assert plan.eras_into is not None
    left: list[dict[str, Any]] = []
    used: set[str] = set()
    for era in plan.document.eras:
        if not isinstance(era, Mapping):
            continue
        text = _object(era, "text")
        title = html_to_text(_string(text.get("headline"))).strip()
        try:
            start = date_text(_object(era, "start_date"), "start_date").text
            end = date_text(_object(era, "end_date"), "end_date").text
        except Skip:
            left.append(dict(era))
            continue
        fields: list[tuple[str, Value]] = [("title", title), ("date", start), ("end", end)]
        summary = html_to_markdown(_string(text.get("text"))).markdown
        if summary:
            fields.append(("summary", summary))
        yaml_text = dump_event(fields)
        root, problems = parse_event_text(yaml_text.encode("utf-8"), "era.yaml")
        if root is not None:
            _era, problems = read_era(EventFile(Path("era.yaml"), "era.yaml", root), settings)
        if not title or any(p.is_error for p in problems):
            left.append(dict(era))
            continue
        base = slug(title)[:80].strip("-") or "era"
        name, number = base, 1
        while True:
            path = plan.eras_into / f"{name}.yaml"
            already = _same_file(path, yaml_text)
            if name not in used and (already or not os.path.lexists(path)):
                break
            number += 1
            name = f"{base}-{number}"
        used.add(name)
        plan.era_files.append((f"{name}.yaml", yaml_text, already))
    return left


def note_markdown(document: Document, eras: list[dict[str, Any]] | None = None) -> str:
    """The title slide and eras, which events cannot hold, as a Markdown note."""
    eras = document.eras if eras is None else eras
    lines = [
        f"# From {document.source.name}",
        "",
        "Kept by `timeline import`: a TimelineJS title slide and eras have no place in",
        "event files. `timeline check` does not read this file.",
        "",
    ]
    title = document.title
    if title:
        text = _object(title, "text")
        media = _object(title, "media")
        lines += ["## Title slide", ""]
        lines.append(f"**{html_to_text(_string(text.get('headline')))}**")
        body = html_to_markdown(_string(text.get("text"))).markdown
        if body:
            lines += ["", body]
        if media and _string(media.get("url")):
            lines += ["", f"Media: <{_string(media['url'])}>"]
        background = title.get("background")
        if isinstance(background, Mapping) and _present(background):
            lines += ["", "Background: " + json.dumps(background, ensure_ascii=False)]
        lines.append("")
    if eras:
        lines += ["## Eras", "", "| start | end | headline |", "| --- | --- | --- |"]
        for era in eras:
            headline = html_to_text(_string(_object(era, "text").get("headline")))
            start, end = _object(era, "start_date"), _object(era, "end_date")
            cells = [_era_date(start), _era_date(end), headline]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def _object(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    return value if isinstance(value, Mapping) else {}


def _era_date(obj: Mapping[str, Any]) -> str:
    try:
        return date_text(obj, "date").text
    except Skip:
        return json.dumps(dict(obj), ensure_ascii=False)


def write_plan(plan: Plan) -> list[Path]:
    """Write the planned files, all or none; refuses (writing nothing) if any of them exists.

    Every file is first written into a staging folder inside the import folder (so on
    the same file system), read back, then hard-linked into place, which never
    replaces a file: a file that appeared meanwhile (another import at the same time)
    undoes the files this run moved in. A write error (a full disk) leaves nothing.
    A run killed while staging leaves only its hidden staging folder, which event
    searches skip and the next run removes; killed while moving in, the rerun finds
    the files it already moved identical and writes the rest.
    """
    files = plan.files()
    existing = [path for path in files if os.path.lexists(path)]
    if existing:
        raise _exists_error(existing)
    if not files:
        return []
    # Era files go beside the events folder: staging then sits in the folder that holds
    # both, so every file still moves in from the same file system, all or none.
    root = plan.into
    if plan.eras_into is not None and any(p.is_relative_to(plan.eras_into) for p in files):
        root = Path(os.path.commonpath([plan.into.absolute(), plan.eras_into.absolute()]))
        files = {path.absolute(): text for path, text in files.items()}
    # The folders this run makes (--into a new folder): removed again on failure.
    created = [f for f in (plan.into, *plan.into.parents) if not f.exists()]
    try:
        plan.into.mkdir(parents=True, exist_ok=True)
        _remove_dead_staging(root)
        staging = Path(tempfile.mkdtemp(prefix=f"{_STAGING}{os.getpid()}-", dir=root))
    except OSError as error:
        raise _write_error(plan.into, error) from None
    try:
        staged: list[tuple[Path, Path, bytes]] = []
        for path, text in files.items():
            data = text.encode("utf-8")
            place = staging / path.relative_to(root)
            try:
                place.parent.mkdir(parents=True, exist_ok=True)
                _write_file(place, data)
                if place.read_bytes() != data:  # checked before anything is moved in
                    raise OSError(errno.EIO, "the file read back differs from what was written")
            except OSError as error:
                raise _write_error(path, error) from None
            staged.append((place, path, data))
        _move_in(staged, root)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        for folder in created:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if still empty
        raise
    shutil.rmtree(staging, ignore_errors=True)
    return list(files)


_STAGING: Final = ".timeline-import-"  # hidden: event searches never read it


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "xb") as stream:
        stream.write(data)


def _move_in(staged: list[tuple[Path, Path, bytes]], into: Path) -> None:
    """Link every staged file into place, or none: undo this run's links on any failure."""
    moved: list[tuple[Path, Path]] = []
    made: list[Path] = []
    try:
        for place, path, data in staged:
            folder = path.parent
            if not folder.is_dir():
                folder.mkdir(parents=True, exist_ok=True)
                made.append(folder)
            try:
                os.link(place, path)  # unlike a rename, a link never replaces a file
            except FileExistsError:
                if _same_file(path, data.decode("utf-8")):
                    continue  # the same import ran at the same time: the file is right
                raise _exists_error([path]) from None
            except OSError as error:
                raise _write_error(path, error) from None
            moved.append((place, path))
    except BaseException:
        for place, path in reversed(moved):
            with contextlib.suppress(OSError):
                if os.path.samefile(place, path):
                    path.unlink()
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if still empty
        raise


def _remove_dead_staging(into: Path) -> None:
    """Remove staging folders that imports killed earlier left (their process is gone)."""
    for entry in into.iterdir():
        match = re.fullmatch(re.escape(_STAGING) + r"(\d+)-\w+", entry.name)
        if match is None or not entry.is_dir() or entry.is_symlink():
            continue
        pid = int(match.group(1))
        if pid != os.getpid() and not _alive(pid):
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or no way to tell: leave its folder alone
    return True


def _exists_error(existing: list[Path]) -> ImportFileError:
    shown = ", ".join(str(p) for p in existing[:5])
    more = f" and {len(existing) - 5} more" if len(existing) > 5 else ""
    return ImportFileError(
        f"not imported: {shown}{more} already exist(s); nothing was written",
        hint="import into an empty folder with --into, or move the existing files away",
    )


def _write_error(path: Path, error: OSError) -> ImportFileError:
    return ImportFileError(
        f"not imported: cannot write {path}: {error.strerror or error}; nothing was written",
        hint="free some disk space, or import into a folder you can write to with --into",
    )


def format_report(plan: Plan, *, dry_run: bool) -> str:
    """The import report: a table of slides, then what could not be kept."""
    document = plan.document
    label = document.row_label
    total = len(document.events)
    where = plan.into
    verb = "would write" if dry_run else "wrote"
    already = sum(item.already for item in plan.imported)
    there = f", {already} already there" if already else ""
    lines = [
        f"{document.source.name}: {len(plan.imported)} of {total} {label}s imported, "
        f"{len(plan.skipped)} not imported "
        f"({verb} {len(plan.imported) - already} files in {where}{there})"
        + (" — dry run, nothing written" if dry_run else ""),
        "",
    ]
    rows = [
        (
            str(item.number),
            "there" if item.already else "ok",
            item.name,
            item.date,
            "; ".join(["already there, identical", *item.notes] if item.already else item.notes),
        )
        for item in plan.imported
    ]
    rows += [
        (str(s.number), "SKIPPED", "", "", f"{s.headline!r}: {s.reason}") for s in plan.skipped
    ]
    rows.sort(key=lambda row: int(row[0]))
    header = (label, "result", "file", "date", "notes")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        cells = [row[i].ljust(widths[i]) for i in range(4)]
        lines.append("  ".join(cells) + "  " + row[4])
    lines.append("")
    if document.title:
        headline = html_to_text(_string((document.title.get("text") or {}).get("headline")))
        lines.append(
            f"title slide {headline!r}: kept in {plan.note_file[0] if plan.note_file else '-'}"
        )
    if plan.era_files:
        assert plan.eras_into is not None
        names = ", ".join(str(plan.eras_into / name) for name, _text, _there in plan.era_files)
        lines.append(f"{len(plan.era_files)} era(s): {verb} {names}")
    left = len(document.eras) - len(plan.era_files)
    if left:
        lines.append(f"{left} era(s): kept in {plan.note_file[0] if plan.note_file else '-'}")
    if document.scale:
        lines.append(f"scale {document.scale!r}: not kept (dates are calendar dates)")
    for key, numbers in sorted(plan.not_kept.items()):
        lines.append(f"not kept: {key} ({NOT_KEPT[key]}) in {label}s {_numbers(numbers)}")
    for key, numbers in sorted(plan.unknown.items()):
        lines.append(f"unknown key, not kept: {key} in {label}s {_numbers(numbers)}")
    for name in document.unknown:
        lines.append(f"unknown {'column' if label == 'row' else 'key'}, not kept: {name}")
    if plan.skipped:
        which = _numbers([s.number for s in plan.skipped])
        count = len(plan.skipped)
        lines += ["", f"{count} {label}(s) not imported ({label}s {which}): see SKIPPED above"]
    return "\n".join(lines).rstrip() + "\n"


def _numbers(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")


def read_document(path: Path, source_format: str) -> Document:
    """Read a TimelineJS JSON file or spreadsheet (CSV) into slides."""
    raw = _read_limited(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"{path}: not UTF-8 text (byte {error.start})", hint="save the file as UTF-8"
        ) from None
    if source_format == "csv":
        from timeline.imports.sheet import read_rows

        return read_rows(path, text)
    return read_json(path, text)


def _read_limited(path: Path) -> bytes:
    """The file's bytes: a regular file (never a pipe or a device, which could block or
    never end) of at most MAX_IMPORT_SIZE bytes."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise ImportFileError(f"cannot read {path}: {error.strerror or error}") from None
    with open(descriptor, "rb") as stream:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise ImportFileError(
                f"cannot import {path}: not a regular file (a pipe, a device or a socket)",
                hint="save the timeline to a file and import that file",
            )
        if info.st_size > MAX_IMPORT_SIZE:
            raise _too_large(path, info.st_size)
        try:
            raw = stream.read(MAX_IMPORT_SIZE + 1)  # one byte more: it may have grown
        except OSError as error:
            raise ImportFileError(f"cannot read {path}: {error.strerror or error}") from None
    if len(raw) > MAX_IMPORT_SIZE:
        raise _too_large(path, len(raw))
    return raw


def _too_large(path: Path, size: int) -> ImportFileError:
    return ImportFileError(
        f"cannot import {path}: the file is {size:,} bytes; the limit is {MAX_IMPORT_SIZE:,}",
        hint="split the timeline into several files and import each",
    )


def _too_deep(data: Any) -> bool:
    """Whether JSON data nests deeper than MAX_JSON_DEPTH (walked without recursion)."""
    pending: list[tuple[Any, int]] = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict | list):
            if depth > MAX_JSON_DEPTH:
                return True
            items = value.values() if isinstance(value, dict) else value
            pending.extend((item, depth + 1) for item in items)
    return False


def read_json(path: Path, text: str) -> Document:
    """A TimelineJS3 JSON file."""
    deep = ImportFileError(
        f"{path}: not imported: nesting deeper than {MAX_JSON_DEPTH} levels",
        hint="a TimelineJS file nests objects only a few levels deep",
    )
    try:
        data = json.loads(text)
    except RecursionError:
        raise deep from None
    except json.JSONDecodeError as error:
        hint = (
            "for a spreadsheet, use `timeline import csv`"
            if str(path).lower().endswith((".csv", ".tsv", ".txt"))
            else "a TimelineJS file is one JSON object with an `events` list"
        )
        raise ImportFileError(
            f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}", hint
        ) from None
    if _too_deep(data):
        raise deep
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise ImportFileError(
            f"{path}: not a TimelineJS file: expected an object with an 'events' list",
            hint='TimelineJS3 JSON looks like {"title": {...}, "events": [...]}',
        )
    title = data.get("title") if isinstance(data.get("title"), dict) else None
    eras = [era for era in data.get("eras") or [] if isinstance(era, dict)]
    scale = data.get("scale") if data.get("scale") not in (None, "", "human") else None
    unknown = sorted(key for key in data if key not in TOP_KEYS)
    return Document(path, list(data["events"]), title, eras, unknown, str(scale) if scale else None)


def shown_text(value: str) -> str:
    """The text TimelineJS shows for display_date and group.

    It takes their text content (one decoding) and inserts that as HTML (a second), so
    what a reader sees, and what our own export writes escaped twice, is decoded twice.
    """
    return html_to_text(html_to_text(value))
