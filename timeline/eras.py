"""Eras: named periods, one YAML file per era under ``eras/`` beside ``events/``.

An era has a title and dates read by the same date engine as events (precision,
circa, open ends: ``end: ongoing``), a summary, and optionally a colour and the
lanes of the axis it belongs to. Eras may overlap and nest. An event may name its
era (``era: cold-war``); `timeline check` warns when its dates fall outside it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from timeline.config import Settings
from timeline.folders import ERAS, load_items
from timeline.loader import EventFile
from timeline.model import Era, Event
from timeline.problems import Problem, Severity
from timeline.schema import Field, Kind, _Reader, field_marks, read_when

CODES = {
    "E501": "the file name of an era is not a valid era id",
    "E502": "two files in eras/ have the same id",
    "E503": "an event names an era that no file in eras/ declares",
    "E504": "invalid colour",
    "W501": "an event's dates fall outside the era it names",
}

ERA_FIELDS = (
    Field("title", Kind.TEXT, "The era's name.", "The Cold War", required=True, max_length=200),
    Field("date", Kind.DATE, "When it began.", "1947", required=True),
    Field("end", Kind.DATE, "When it ended; `ongoing` while it runs on.", "1991"),
    Field("summary", Kind.MARKDOWN, "A short paragraph shown on the era's page.", "..."),
    Field("colour", Kind.TEXT, "Band colour on the axis: #rgb or #rrggbb.", "#c0d8f0"),
    Field("lanes", Kind.TEXT_LIST, "Axis lanes the band covers (all when absent).", "[europe]"),
)
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


def read_era(file: EventFile, settings: Settings) -> tuple[Era | None, list[Problem]]:
    """Read one era file against ERA_FIELDS: the Era, or None, and the problems."""
    reader = _Reader(file, settings)
    root = file.root
    reader.check_fields(root, ERA_FIELDS, "")
    values = reader.values(root, ERA_FIELDS, "")
    dates, when = read_when(reader, root)
    colour = values.get("colour")
    if colour is not None and not _COLOUR.match(colour):
        # The colour goes into the site's CSS: only a plain hex colour may.
        reader.problem(
            root.entries["colour"][1],
            "E504",
            "colour",
            f"expected a colour such as '#c0d8f0', got {colour!r}",
            "write # and three or six hexadecimal digits",
        )
    if any(p.is_error for p in reader.problems) or when is None or "title" not in values:
        return None, reader.problems
    return (
        Era(
            id=file.path.stem,
            path=file.display,
            title=values["title"],
            date=dates["date"],
            end=dates.get("end"),
            when=when,
            summary=values.get("summary", ""),
            colour=colour,
            lanes=values.get("lanes", ()),
            marks=field_marks(root),
        ),
        reader.problems,
    )


def load_eras(settings: Settings) -> tuple[list[Era], set[str], list[Problem]]:
    """Every era under ``eras/`` (none is fine), every era file's id, and the problems."""
    return load_items(settings, ERAS, read_era)


def check_eras(eras: Sequence[Era], ids: set[str], events: Sequence[Event]) -> list[Problem]:
    """Events' ``era`` fields: a known era, and dates inside it."""
    import difflib

    by_id = {era.id: era for era in eras}
    problems: list[Problem] = []
    for event in events:
        if event.era is None:
            continue
        era = by_id.get(event.era)
        if era is None:
            if event.era not in ids:
                close = difflib.get_close_matches(event.era, sorted(ids), n=1, cutoff=0.6)
                problems.append(
                    Problem(
                        event.path,
                        *event.mark("era"),
                        "E503",
                        f"no era in eras/ has the id {event.era!r}",
                        f"did you mean {close[0]!r}?"
                        if close
                        else f"add eras/{event.era}.yaml with a title and a date",
                        "era",
                    )
                )
            continue
        if not era.contains(event.when):
            problems.append(
                Problem(
                    event.path,
                    *event.mark("era"),
                    "W501",
                    f"the event ({event.when.display}) falls outside the era {era.id!r} "
                    f"({era.when.display})",
                    "check the event's date, or the era's dates in " + era.path,
                    "era",
                    Severity.WARNING,
                )
            )
    return problems
