"""New event files from a phrase such as "Apr 21 2025 ratification".

The date comes first: the longest leading run of words (at most ``MAX_DATE_WORDS``)
that the date engine accepts; the rest is the title. The file is named
``<year>/<date>-<slug>.yaml`` at the date's own precision, so a month-precise
event is never given a day it does not have.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from timeline.config import Settings
from timeline.dates import EventDate, Precision, parse_date
from timeline.errors import DateError, TimelineError
from timeline.ids import existing_ids, id_slug, unique_id
from timeline.loader import parse_event_text
from timeline.schema import FIELDS_BY_NAME, ID_PATTERN
from timeline.yaml_writer import flow_list, yaml_text

MAX_DATE_WORDS: Final = 6
SCHEMA_FILE: Final = "event.schema.json"

# Punctuation people put between the date and the title: "Apr 21 2025: ratification".
_SEPARATORS: Final = ":,;–—-|"
# How the date engine starts the message for text that is no date at all.
_NOT_A_DATE: Final = "expected a date"
_SEASON_NAMES: Final = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}


class NewEventError(TimelineError):
    """The phrase or options do not make a new event, or its file exists."""


@dataclass(frozen=True)
class NewEvent:
    """What `timeline new` writes: where, and the file's text."""

    path: Path
    event_id: str
    text: str


def split_phrase(
    phrase: str, *, languages: Sequence[str] = ("en",), date_order: str | None = None
) -> tuple[EventDate, str, str]:
    """The leading date of a phrase, the date's text as written, and the rest (the title)."""
    words = phrase.split()
    refusals: dict[int, DateError] = {}

    def leading(count: int) -> tuple[str, EventDate | None]:
        candidate = " ".join(words[:count]).rstrip(_SEPARATORS).strip()
        if not candidate:
            return candidate, None
        try:
            return candidate, parse_date(candidate, languages=languages, date_order=date_order)
        except DateError as error:
            refusals[count] = error
            return candidate, None

    for count in range(min(MAX_DATE_WORDS, len(words)), 0, -1):
        candidate, date = leading(count)
        if date is None:
            continue
        # dateparser skips filler words ("Apr 21 2025 at the summit"): give the title
        # back every trailing word that does not change what the date means.
        while count > 1:
            shorter, shorter_date = leading(count - 1)
            if shorter_date is None or _meaning(shorter_date) != _meaning(date):
                break
            count, candidate = count - 1, shorter
        title = " ".join(words[count:]).lstrip(_SEPARATORS).strip()
        return date, candidate, title
    # A date the engine refuses on purpose (ambiguous, two-digit year, relative) is
    # reported as `timeline date` reports it, not as "no date".
    for count in sorted(refusals):
        error = refusals[count]
        if not error.message.startswith(_NOT_A_DATE):
            raise NewEventError(error.message, hint=error.hint)
    raise NewEventError(
        f"no date at the start of {phrase!r}",
        hint='start with a date, as in `timeline new "Apr 21 2025 ratification"`, or give --date',
    )


def _meaning(date: EventDate) -> tuple[object, ...]:
    return (date.lower, date.upper, date.precision, date.approximate, date.uncertain)


def file_year(year: int) -> str:
    """A year as it starts a file name: '2025', or '44bc' for astronomical year -43."""
    return f"{1 - year}bc" if year <= 0 else f"{year:04d}"


def date_prefix(date: EventDate) -> str:
    """The start of a file name at the date's precision: '2025-04-21', '2025-04', '2025'.

    Seasons and quarters are '2025-spring' and '2025-q2', decades '1990s', centuries
    '20th-century'; years before AD 1 are written '44bc'. A span is named by its start.
    """
    if date.start is not None:
        date = date.start
    lower, precision = date.lower, date.precision
    year = file_year(lower.year)
    gregorian = date.calendar == "gregorian"
    if precision in (Precision.DAY, Precision.MINUTE):
        return f"{year}-{lower.month:02d}-{lower.day:02d}"
    if precision is Precision.MONTH and gregorian:
        return f"{year}-{lower.month:02d}"
    if precision is Precision.SEASON and gregorian:
        return f"{year}-{_SEASON_NAMES.get(lower.month, 'season')}"
    if precision is Precision.QUARTER:
        return f"{year}-q{(lower.month - 1) // 3 + 1}"
    if precision is Precision.DECADE and lower.year > 0:
        return f"{lower.year}s"
    if precision is Precision.CENTURY and lower.year > 0:
        century = lower.year // 100 + 1  # the date engine reads "20th century" as 1900-1999
        return f"{century}{_ordinal_suffix(century)}-century"
    return year


def _ordinal_suffix(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


# Optional fields offered (commented out) in a new file, with a sample value each.
_OPTIONAL_FIELDS: Final = (
    ("summary", "|\n#   A short paragraph shown on the timeline: who did what, where."),
    ("tags", "[topic]"),
    ("actors", "[A person, An organisation]"),
    ("places", "[A city]"),
    (
        "sources",
        "\n#   - title: Headline of the article\n#     publisher: Who published it\n"
        "#     published: 2025-04-21\n#     url: https://example.org/...",
    ),
    ("related", "[id-of-another-event]"),
    ("body", "|\n#   Longer Markdown for the event's own page."),
    ("end", "Apr 22 2025"),
    ("importance", "3"),
)


def event_text(
    title: str, date_text: str, tags: Sequence[str] = (), *, schema_path: str | None = None
) -> str:
    """The text of a new event file: required fields, then optional ones commented out."""
    lines = []
    if schema_path is not None:
        lines.append(f"# yaml-language-server: $schema={schema_path}")
    lines += [f"title: {yaml_text(title)}", f"date: {yaml_text(date_text, typed=True)}"]
    if tags:
        lines.append(f"tags: {flow_list(tags)}")
    lines.append("# Optional fields: uncomment what you need (the guide's field reference).")
    for name, sample in _OPTIONAL_FIELDS:
        if name == "tags" and tags:
            continue
        lines.append(f"# {FIELDS_BY_NAME[name].description}")
        lines.append(f"# {name}: {sample}".replace(": \n", ":\n"))
    return "\n".join(lines) + "\n"


def plan_event(
    settings: Settings,
    phrase: str | None = None,
    *,
    title: str | None = None,
    date: str | None = None,
    tags: Sequence[str] = (),
    event_id: str | None = None,
) -> NewEvent:
    """Decide the path and text of a new event file, without writing anything.

    Args:
        settings: the project's settings (events folder, date languages and order).
        phrase: "<date> <title>"; --date and --title override its parts.
        title: the title, when not in the phrase.
        date: the date text, when not in the phrase.
        tags: tags to fill in.
        event_id: an explicit id; refused when already taken.

    Raises:
        NewEventError: no date or no title, a bad date, an invalid or taken id.
    """
    languages, date_order = settings.languages, settings.date_order
    phrase_title = ""
    when: EventDate | None = None
    date_text = ""
    if date is not None:
        date_text = date.strip()
        try:
            when = parse_date(date_text, languages=languages, date_order=date_order)
        except DateError as error:
            raise NewEventError(f"--date: {error.message}", hint=error.hint) from None
        phrase_title = (phrase or "").strip()
    elif phrase:
        when, date_text, phrase_title = split_phrase(
            phrase, languages=languages, date_order=date_order
        )
    if when is None:
        raise NewEventError(
            "no date given", hint='write `timeline new "Apr 21 2025 ratification"` or use --date'
        )
    title = (title if title is not None else phrase_title).strip()
    if not title:
        raise NewEventError(
            f"no title after the date {date_text!r}",
            hint="write the title after the date, or give --title",
        )
    if "\n" in title:
        raise NewEventError("the title must be one line")
    for tag in tags:
        if not tag.strip():
            raise NewEventError("--tag: empty tag")

    events_dir = settings.events_path
    taken = existing_ids(events_dir)
    if event_id is not None:
        if not ID_PATTERN.match(event_id):
            raise NewEventError(
                f"--id: {event_id!r} is not a valid id",
                hint="ids are lowercase letters, digits and hyphens",
            )
        if event_id in taken:
            raise NewEventError(
                f"an event with the id {event_id!r} already exists",
                hint="ids are unique across all folders: choose another",
            )
    else:
        event_id = unique_id(f"{date_prefix(when)}-{id_slug(title)}", taken)
    lower = (when.start or when).lower
    path = events_dir / file_year(lower.year) / f"{event_id}.yaml"
    schema_path = Path(os.path.relpath(settings.root / SCHEMA_FILE, path.parent)).as_posix()
    text = event_text(title, date_text, [t.strip() for t in tags], schema_path=schema_path)
    _refuse_what_check_refuses(path, text, settings)
    return NewEvent(path, event_id, text)


def _refuse_what_check_refuses(path: Path, text: str, settings: Settings) -> None:
    """Read the planned file as `timeline check` will; any error stops `new` before writing."""
    from timeline.loader import EventFile
    from timeline.schema import read_event

    root, problems = parse_event_text(text.encode("utf-8"), path.name)
    if root is not None:
        _event, problems = read_event(EventFile(path, path.name, root), settings)
    errors = [problem for problem in problems if problem.is_error]
    if errors:
        said = "; ".join(f"{p.field or 'the file'}: {p.message}" for p in errors)
        raise NewEventError(
            f"not written: {said}", hint=errors[0].hint or "timeline check would refuse it"
        )


def write_event(new: NewEvent) -> None:
    """Write the planned file; never overwrites.

    Raises:
        NewEventError: the file exists already (or appeared since it was planned).
    """
    try:
        new.path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # e.g. a file where the year folder should be
        raise NewEventError(
            f"cannot write {new.path}: {new.path.parent} is not a folder ({error.strerror})",
            hint="move the file that is in the way",
        ) from None
    try:
        with open(new.path, "x", encoding="utf-8", newline="\n") as stream:
            stream.write(new.text)
    except FileExistsError:
        raise NewEventError(
            f"{new.path} already exists; not overwriting it", hint="choose another --id or title"
        ) from None
    except OSError as error:
        raise NewEventError(
            f"cannot write {new.path}: {error.strerror or error}",
            hint="check that the events folder is a folder you can write to",
        ) from None


def schema_text() -> str:
    """The JSON Schema file's text, as `timeline schema` writes it."""
    from timeline.schema import json_schema

    return json.dumps(json_schema(), indent=2) + "\n"
