"""Data folders beside ``events/``: one YAML file per item, the id its file name.

Eras (``eras/``), places (``places/``) and the sources registry (``sources/``) are
read by the one loader here, with the loader and the limits that events use (size,
depth, links refused, file:line errors), so a problem in any of them looks the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Protocol, TypeVar

from timeline.config import Settings
from timeline.loader import EventFile, load_event_files
from timeline.problems import Problem
from timeline.schema import ID_PATTERN


class _Item(Protocol):
    @property
    def path(self) -> str | None: ...  # the file it was read from


Item = TypeVar("Item", bound=_Item)


@dataclass(frozen=True)
class DataFolder:
    """One kind of data folder: its name, what an item is called, its problem codes."""

    name: str  # the folder beside events/: 'eras'
    noun: str  # one item, in messages: 'era'
    example_id: str  # a good id, for the hint: 'cold-war'
    bad_name_code: str  # a file name that is not an id
    same_id_code: str  # two files with one id


ERAS: Final = DataFolder("eras", "era", "cold-war", "E501", "E502")
PLACES: Final = DataFolder("places", "place", "lisbon", "E601", "E602")
SOURCES: Final = DataFolder("sources", "source", "nasa-apollo-11-press-kit", "E301", "E302")
DATA_FOLDERS: Final = (ERAS, PLACES, SOURCES)
"""Every data folder: their files are not events, whatever paths `check` is given."""


def folder_path(settings: Settings, name: str) -> Path:
    """A data folder beside the events folder (``eras``, ``places``, ``sources``)."""
    return settings.events_path.parent / name


def load_folder(
    settings: Settings,
    folder: DataFolder,
    read: Callable[[EventFile, Settings], tuple[Item | None, list[Problem]]],
) -> tuple[dict[str, Item], set[str], list[Problem]]:
    """Read every file of a data folder: the items by id, every file's id, and the problems.

    A missing folder is no problem (every data folder is optional). Every file is
    read, so a file with a bad name still has its other problems reported. The ids
    include files with errors, so a reference to one is not a second problem.
    """
    path = folder_path(settings, folder.name)
    if not path.is_dir():
        return {}, set(), []
    files, problems = load_event_files([path], root=settings.root)
    found: dict[str, Item] = {}
    for file in files:
        item, read_problems = read(file, settings)
        problems.extend(read_problems)
        stem = file.path.stem
        if not ID_PATTERN.match(stem):
            problems.append(
                Problem(
                    file.display,
                    0,
                    0,
                    folder.bad_name_code,
                    f"the file name {stem!r} is not a valid {folder.noun} id",
                    f"{folder.noun} ids are lowercase letters, digits and hyphens, "
                    f"such as {folder.example_id!r}",
                )
            )
            continue
        if stem in found:
            problems.append(
                Problem(
                    file.display,
                    0,
                    0,
                    folder.same_id_code,
                    f"the {folder.noun} id {stem!r} is also used by {found[stem].path}",
                    f"ids are file names and must be unique across {folder.name}/ "
                    "and its sub-folders: rename one",
                )
            )
            continue
        if item is not None:
            found[stem] = item
    ids = {file.path.stem for file in files}
    return found, ids, problems


def load_items(
    settings: Settings,
    folder: DataFolder,
    read: Callable[[EventFile, Settings], tuple[Item | None, list[Problem]]],
) -> tuple[list[Item], set[str], list[Problem]]:
    """As load_folder, with the items as a list in file order (eras, places)."""
    found, ids, problems = load_folder(settings, folder, read)
    return list(found.values()), ids, problems
