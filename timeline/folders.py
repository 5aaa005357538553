"""Data folders beside ``events/``: one YAML file per item, the id its file name.

Eras (``eras/``) and places (``places/``) are read with the loader and the schema
reader that events use, so their safety limits and file:line errors are the same.
The sources registry (branch ``sources``, ``timeline/sources.py``) does the same
for ``sources/``; this is the shared form of its ``load_registry``, for the lead to
fold the two together.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar

from timeline.config import Settings
from timeline.loader import EventFile, load_event_files
from timeline.problems import Problem
from timeline.schema import ID_PATTERN


class _Item(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def path(self) -> str: ...


Item = TypeVar("Item", bound=_Item)


def folder_path(settings: Settings, name: str) -> Path:
    """A data folder beside the events folder (``eras``, ``places``)."""
    return settings.events_path.parent / name


def load_folder(
    settings: Settings,
    name: str,
    read: Callable[[EventFile, Settings], tuple[Item | None, list[Problem]]],
    codes: tuple[str, str],
) -> tuple[list[Item], set[str], list[Problem]]:
    """Read every file of a data folder: the items, every file's id, and the problems.

    A missing folder is no problem (eras and places are optional). ``codes`` are the
    problem codes for a file name that is not an id, and for an id used twice. The
    ids include files with errors, so a reference to one is not a second problem.
    """
    folder = folder_path(settings, name)
    if not folder.is_dir():
        return [], set(), []
    files, problems = load_event_files([folder], root=settings.root)
    found: dict[str, Item] = {}
    for file in files:
        stem = file.path.stem
        if not ID_PATTERN.match(stem):
            problems.append(
                Problem(
                    file.display,
                    0,
                    0,
                    codes[0],
                    f"the file name {stem!r} is not a valid id",
                    "ids are lowercase letters, digits and hyphens, such as 'cold-war'",
                )
            )
            continue
        item, read_problems = read(file, settings)
        problems.extend(read_problems)
        if stem in found:
            problems.append(
                Problem(
                    file.display,
                    0,
                    0,
                    codes[1],
                    f"the id {stem!r} is also used by {found[stem].path}",
                    f"ids are file names and must be unique across {name}/: rename one",
                )
            )
            continue
        if item is not None:
            found[stem] = item
    ids = {file.path.stem for file in files}
    return list(found.values()), ids, problems
