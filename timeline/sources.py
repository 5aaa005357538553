"""The sources registry: one YAML file per source under ``sources/``, cited by id.

A source that many events cite (a report, a long article, a book) is described
once in ``sources/<id>.yaml`` beside ``events/``, with the same fields an inline
source has, and cited from events as ``- id: <id>`` with a per-event ``quote``
and ``locator``. One file per source, id = file stem, for the same reasons as
events: a pull request that adds a source touches one small file, the id is a
permalink that cannot collide silently, and the loader's safety limits and
file:line errors apply unchanged.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from timeline.config import Settings
from timeline.folders import SOURCES, folder_path, load_folder
from timeline.model import Event, Source
from timeline.problems import Problem
from timeline.schema import read_source_file

CODES = {
    "E301": "the file name of a source in sources/ is not a valid source id",
    "E302": "two files in sources/ have the same id",
    "E303": "an event cites a source id that no file in sources/ declares",
}


@dataclass(frozen=True)
class Registry:
    """The declared sources, by id."""

    sources: Mapping[str, Source]
    # Every file's id, including files with errors: citing one of those is not a
    # second problem.
    ids: frozenset[str] = frozenset()

    def __len__(self) -> int:
        return len(self.sources)


EMPTY = Registry(MappingProxyType({}))


def sources_path(settings: Settings) -> Path:
    """The registry folder: ``sources/`` beside the events folder."""
    return folder_path(settings, SOURCES.name)


def load_registry(settings: Settings) -> tuple[Registry, list[Problem]]:
    """Load and read every file under ``sources/`` (none is fine: the registry is optional)."""
    found, ids, problems = load_folder(settings, SOURCES, read_source_file)
    if not ids and not problems:
        return EMPTY, []
    return Registry(MappingProxyType(found), frozenset(ids)), problems


def resolve(events: Iterable[Event], registry: Registry) -> tuple[list[Event], list[Problem]]:
    """Events with each cited source filled in from the registry, and unknown ids."""
    ids = set(registry.sources) | registry.ids
    resolved: list[Event] = []
    problems: list[Problem] = []
    for event in events:
        if not any(source.id for source in event.sources):
            resolved.append(event)
            continue
        sources: list[Source] = []
        for index, cited in enumerate(event.sources):
            if cited.id is None:
                sources.append(cited)
                continue
            declared = registry.sources.get(cited.id)
            if declared is None:
                if cited.id not in ids:
                    problems.append(_unknown(event, index, cited, ids))
                continue
            sources.append(replace(declared, quote=cited.quote, locator=cited.locator))
        resolved.append(replace(event, sources=tuple(sources)))
    return resolved, problems


def _unknown(event: Event, index: int, cited: Source, ids: set[str]) -> Problem:
    close = difflib.get_close_matches(cited.id or "", sorted(ids), n=1, cutoff=0.6)
    hint = (
        f"did you mean {close[0]!r}?"
        if close
        else f"add sources/{cited.id}.yaml with at least a title or url"
    )
    return Problem(
        event.path,
        *cited.mark("id"),
        "E303",
        f"no source in sources/ has the id {cited.id!r}",
        hint,
        f"sources[{index}].id",
    )
