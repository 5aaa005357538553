"""Whole-timeline rules, and the pipeline that turns files into a checked Timeline."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath

from timeline.config import Settings
from timeline.eras import check_eras, load_eras
from timeline.folders import DATA_FOLDERS, folder_path
from timeline.ids import existing_ids, id_slug
from timeline.loader import find_event_files, load_found
from timeline.model import Event, Timeline
from timeline.places import check_places, load_places
from timeline.problems import Problem, Severity
from timeline.relations import check_relations
from timeline.schema import ID_PATTERN, RESERVED_IDS, read_event
from timeline.workers import in_two

CODES = {
    "E201": "file name is not a valid event id",
    "E202": "two event files have the same id",
    "E203": "`related` names an event that does not exist",
    "E204": "policy: the event has no source",
    "E205": "policy: tag not in the allowed list",
    "E206": "the id is the name of one of the site's own pages",
    "E207": "the id is too long to be a page's file name everywhere",
    "W201": "two events have the same title and date",
}

# An id is a page's file name (`<id>.html`, `<id>/index.html`). Names are limited to
# 255 bytes on most file systems and 143 on eCryptfs; tag, actor and place slugs are
# cut to fit (timeline.urls.slugify), but an id is a permalink and cannot be.
MAX_ID_LENGTH = 120


@dataclass(frozen=True)
class CheckResult:
    """A checked timeline (None when there are errors) and every problem found."""

    timeline: Timeline | None
    problems: tuple[Problem, ...]
    files: int

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)


# (path, display) of each event file loaded, the events read from them, and the problems.
ReadFiles = tuple[list[tuple[Path, str]], list[Event], list[Problem]]


def read_event_files(settings: Settings, paths: Sequence[Path]) -> ReadFiles:
    """Load every event file under ``paths`` and read it against the schema.

    With ``parallel`` set, a second process reads the later files where it helps
    (timeline/workers.py); the result is the same, in the same order.
    """
    found, problems = find_event_files(paths, root=settings.root)
    files: list[tuple[Path, str]] = []
    events: list[Event] = []
    read = partial(_read_found, settings)
    parts = in_two(read, found) if settings.parallel else [read(found)]
    for part_files, part_events, part_problems in parts:
        files += part_files
        events += part_events
        problems += part_problems
    return files, events, problems


def _read_found(settings: Settings, paths: Sequence[Path]) -> ReadFiles:
    """Load and read files that find_event_files found (so each is read as it is)."""
    files: list[tuple[Path, str]] = []
    events: list[Event] = []
    problems: list[Problem] = []
    # One file's tree at a time: each is read and let go (see load_found).
    for file, found in load_found(paths, root=settings.root):
        problems.extend(found)
        if file is None:
            continue
        files.append((file.path, file.display))
        event, found = read_event(file, settings)
        problems.extend(found)
        if event is not None:
            events.append(event)
    return files, events, problems


def check_paths(
    settings: Settings,
    paths: Sequence[Path] | None = None,
    *,
    read: Callable[[Settings, Sequence[Path]], ReadFiles] = read_event_files,
) -> CheckResult:
    """Load, read and check event files (the project's ``events/`` by default).

    ``read`` reads the files one by one; `mkdocs serve` passes one that reuses what it
    read before from files whose bytes have not changed (timeline.render.incremental).
    The whole-timeline checks below always run on every event.
    """
    from timeline.sources import load_registry, resolve

    if paths:
        # Era, place and source files named on the command line (a pre-commit hook passes every
        # changed .yaml) are not events: their folders are read below in any case.
        data = [folder_path(settings, folder.name).resolve() for folder in DATA_FOLDERS]
        paths = [p for p in paths if not any(p.resolve().is_relative_to(d) for d in data)]
        if not paths:
            paths = [settings.events_path]
    files, events, problems = read(settings, paths or [settings.events_path])
    registry, found = load_registry(settings)
    problems.extend(found)
    events, found = resolve(events, registry)
    problems.extend(found)
    # Every file that exists is an id, even one with errors: a typo in one file must
    # not make the `related` links of others look broken.
    # Files refused before they could be read (bad YAML, bad encoding, too large, a link…)
    # are ids too: their one problem must not turn into one per `related` link to them.
    file_ids = {os.path.splitext(os.path.basename(path))[0] for path, _ in files} | {
        PurePosixPath(p.path).stem for p in problems if p.path.lower().endswith((".yaml", ".yml"))
    }
    problems.extend(check_events(events, settings, checked_paths=paths, file_ids=file_ids))
    problems.extend(check_relations(events))
    eras, era_ids, found = load_eras(settings)
    problems.extend(found)
    problems.extend(check_eras(eras, era_ids, events))
    places, place_ids, found = load_places(settings)
    problems.extend(found)
    problems.extend(check_places(places, place_ids, events))
    problems.sort(key=Problem.sort_key)
    ok = not any(p.is_error for p in problems)
    published = [e for e in events if settings.drafts or not e.draft]
    timeline = (
        Timeline.build(published, descending=settings.descending, eras=eras, places=places)
        if ok
        else None
    )
    return CheckResult(timeline, tuple(problems), len(files) + _unreadable(problems, files))


def _unreadable(problems: Iterable[Problem], files: Sequence[tuple[Path, str]]) -> int:
    """Files that failed before they could be loaded count as checked too."""
    loaded = {display for _, display in files}
    return len({p.path for p in problems if p.code.startswith("Y") and p.path not in loaded})


def check_events(
    events: Sequence[Event],
    settings: Settings,
    *,
    checked_paths: Sequence[Path] | None = None,
    file_ids: set[str] | None = None,
) -> list[Problem]:
    """Rules that need more than one file: ids, references, policies, likely mistakes."""
    problems: list[Problem] = []
    by_id: dict[str, Event] = {}
    for event in events:
        if not ID_PATTERN.match(event.id):
            problems.append(
                Problem(
                    event.path,
                    0,
                    0,
                    "E201",
                    f"the file name {event.id!r} is not a valid event id",
                    f"rename the file to {id_slug(event.id) + '.yaml'!r}: lowercase letters, "
                    "digits and hyphens",
                )
            )
        if len(event.id.encode("utf-8")) > MAX_ID_LENGTH:
            problems.append(
                Problem(
                    event.path,
                    0,
                    0,
                    "E207",
                    f"the id is {len(event.id.encode('utf-8'))} characters long; page file "
                    f"names made from it may not fit every file system",
                    f"shorten the file name to at most {MAX_ID_LENGTH} characters",
                )
            )
        if event.id in RESERVED_IDS:
            problems.append(
                Problem(
                    event.path,
                    0,
                    0,
                    "E206",
                    f"the id {event.id!r} is the name of a page of the timeline site",
                    f"rename the file, e.g. to {f'{event.id}-{event.year}.yaml'!r}; reserved: "
                    + ", ".join(sorted(RESERVED_IDS)),
                )
            )
        first = by_id.setdefault(event.id, event)
        if first is not event:
            problems.append(
                Problem(
                    event.path,
                    0,
                    0,
                    "E202",
                    f"the id {event.id!r} is also used by {first.path}",
                    "ids are file names and must be unique across all folders: rename one",
                )
            )
    # With only some files checked, `related` may point at files not loaded.
    known_ids = set(by_id) | (file_ids or set())
    if checked_paths is not None:
        known_ids |= existing_ids(settings.events_path)
    seen: dict[tuple[str, str], Event] = {}
    for event in events:
        for index, related in enumerate(event.related):
            if related == event.id or related not in known_ids:
                line, column = (
                    event.related_marks[index]
                    if index < len(event.related_marks)
                    else event.mark("related")
                )
                message = (
                    "an event cannot be related to itself"
                    if related == event.id
                    else f"no event has the id {related!r}"
                )
                problems.append(
                    Problem(
                        event.path,
                        line,
                        column,
                        "E203",
                        message,
                        _closest_id(related, known_ids - {event.id}),
                        f"related[{index}]",
                    )
                )
        if settings.require_sources and not event.sources:
            problems.append(
                Problem(
                    event.path,
                    *event.mark("title"),
                    "E204",
                    "this timeline requires every event to have a source",
                    "add `sources:` with at least a title or url",
                    "sources",
                )
            )
        if settings.allowed_tags is not None:
            for tag in event.tags:
                if tag not in settings.allowed_tags:
                    problems.append(
                        Problem(
                            event.path,
                            *event.mark("tags"),
                            "E205",
                            f"the tag {tag!r} is not in the allowed list",
                            f"allowed tags: {', '.join(settings.allowed_tags)}",
                            "tags",
                        )
                    )
        key = (event.title.casefold(), event.when.edtf)
        twin = seen.setdefault(key, event)
        if twin is not event:
            problems.append(
                Problem(
                    event.path,
                    *event.mark("title"),
                    "W201",
                    f"{twin.path} has the same title and date",
                    "if both describe one event, keep one and delete the other",
                    "title",
                    Severity.WARNING,
                )
            )
    return problems


def _closest_id(wanted: str, ids: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(wanted, list(ids), n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return "related ids are the file names of other events, without .yaml"
