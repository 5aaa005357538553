"""What `mkdocs serve` keeps between rebuilds: event files read, git history, pages.

A rebuild after one edited event re-reads every file's bytes (cheap) but parses and
schema-reads only files whose bytes changed; the whole-timeline checks still run on
every event (timeline.check.check_paths), so duplicate ids and broken links stay
caught. Pages are reused by what they are made of (timeline.render.pages.PageMemo).
Each cache keeps only what the last rebuild used, so memory stays flat across edits.

No MkDocs here: timeline/serve.py puts the pages into the live site.
"""

from __future__ import annotations

import os
import stat as stat_module
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from timeline.check import ReadFiles
from timeline.config import Settings
from timeline.history import FileHistory, read_history
from timeline.loader import EventFile, find_event_files, parse_event_text, read_event_bytes
from timeline.model import Event
from timeline.problems import Problem
from timeline.schema import read_event

# One file as read: the event (None when refused), its problems, and whether it loaded.
_Read = tuple[Event | None, tuple[Problem, ...], bool]


@dataclass
class EventReader:
    """``check_paths(settings, read=reader)`` that parses only files whose bytes changed."""

    settings: Settings | None = None
    previous: dict[tuple[str, str, bytes], _Read] = field(default_factory=dict)
    # A file's stat (inode, size, change times) → its key above: an untouched file is
    # not even opened again (as git does for its index).
    stats: dict[tuple[str, int, int, int, int], tuple[str, str, bytes]] = field(
        default_factory=dict
    )
    parsed = 0  # files parsed (not reused) by the last call
    # The paths the file watcher saw change since the last call (`mkdocs serve` sets it
    # before a quick rebuild): when they are only edits of files read last time, the
    # folders are not walked again and the other files not even stat()ed.
    changed: set[str] | None = None
    _walked: tuple[tuple[str, ...], str, list[Path], list[Problem]] | None = None
    _by_path: dict[str, tuple[tuple[str, int, int, int, int] | None, tuple[str, str, bytes]]] = (
        field(default_factory=dict)
    )
    _folders: set[str] = field(default_factory=set)

    def __call__(self, settings: Settings, paths: Sequence[Path]) -> ReadFiles:
        from timeline.loader import _base, _display

        changed, self.changed = self.changed, None
        if settings != self.settings:
            # Another mkdocs.yml (date_order, languages…): the same bytes may read otherwise.
            self.settings, self.previous, self.stats, self._walked = settings, {}, {}, None
        base = _base(settings.root)
        asked = tuple(os.path.abspath(path) for path in paths)
        walked = self._walked
        if (
            changed is not None
            and walked is not None
            and walked[:2] == (asked, base)
            and all(str(path) == top for path, top in zip(paths, asked, strict=True))
            and self._only_edits(changed, asked)
        ):
            found, problems = list(walked[2]), list(walked[3])
            unchanged = self._by_path
        else:
            found, problems = find_event_files(paths, root=Path(base))
            self._walked = (asked, base, list(found), list(problems))
            self._folders = _folders(found, asked)
            changed, unchanged = None, {}
        current: dict[tuple[str, str, bytes], _Read] = {}
        stats: dict[tuple[str, int, int, int, int], tuple[str, str, bytes]] = {}
        by_path: dict[str, tuple[tuple[str, int, int, int, int] | None, tuple[str, str, bytes]]]
        by_path = {}
        loaded: list[tuple[Path, str]] = []
        events: list[Event] = []
        self.parsed = 0
        for path in found:
            name = str(path)
            before = unchanged.get(name)
            if before is not None and changed is not None and name not in changed:
                stat, key = before  # the watcher saw no change: the same file
            else:
                stat, found_key = self._key(path, _display(path, base), problems)
                if found_key is None:
                    continue
                key = found_key
            if stat is not None:
                stats[stat] = key
            by_path[name] = (stat, key)
            read = self.previous.get(key) or current.get(key)
            if read is None:
                read = self._read(path, key[1], key[2], settings)
                self.parsed += 1
            current[key] = read
            event, found_problems, is_loaded = read
            problems.extend(found_problems)
            if is_loaded:
                loaded.append((path, key[1]))
            if event is not None:
                events.append(event)
        self.previous, self.stats, self._by_path = current, stats, by_path
        return loaded, events, problems

    def _only_edits(self, changed: set[str], asked: tuple[str, ...]) -> bool:
        """Whether the watcher's paths are only files read last time, changed in place
        (or saved by rename over themselves), and files that are no events (an editor's
        temporary files): then the file list is the same as last time."""
        from timeline.loader import _YAML_SUFFIXES

        known = self._by_path
        for path in changed:
            top = next((t for t in asked if path == t or path.startswith(t + os.sep)), None)
            if top is None:
                continue  # eras, places, sources: read again by their own loaders
            try:
                mode = os.lstat(path).st_mode
            except OSError:
                mode = None
            if path in known:
                if mode is None or not stat_module.S_ISREG(mode):
                    return False  # deleted, or replaced by a folder or a link
            elif path in self._folders:
                return False  # a folder made, removed or moved (the watcher leaves out
                # "modified" folders: those come with their files' own events)
            elif mode is not None:
                name = os.path.basename(path)
                # Hidden below the folder asked for (the walk skips those), not above it.
                inside = os.path.relpath(path, top).split(os.sep)
                hidden = any(part.startswith(".") for part in inside)
                if stat_module.S_ISDIR(mode) or (
                    not hidden and name.lower().endswith(_YAML_SUFFIXES)
                ):
                    return False  # a new folder or event file: walk again
        return True

    def _key(
        self, path: Path, display: str, problems: list[Problem]
    ) -> tuple[tuple[str, int, int, int, int] | None, tuple[str, str, bytes] | None]:
        """A file's stat and what identifies its contents (None when it cannot be read)."""
        try:
            info = os.lstat(path)
            stat = (str(path), info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        except OSError:
            stat = None
        known = self.stats.get(stat) if stat is not None else None
        if known is not None and known[1] == display and known in self.previous:
            return stat, known
        data, refused = read_event_bytes(path, display)
        if data is None:
            problems.extend(refused)
            return stat, None
        return stat, (str(path), display, data)

    @staticmethod
    def _read(path: Path, display: str, data: bytes, settings: Settings) -> _Read:
        root, problems = parse_event_text(data, display)
        if root is None or problems:
            return None, tuple(problems), False
        event, found = read_event(EventFile(path, display, root), settings)
        return event, tuple(found), True


def _folders(found: Sequence[Path], asked: Sequence[str]) -> set[str]:
    """The folders the files were found in, and those between them and the asked ones."""
    folders = set(asked)
    for path in found:
        folder = os.path.dirname(os.path.abspath(path))
        while folder not in folders and os.path.dirname(folder) != folder:
            folders.add(folder)
            folder = os.path.dirname(folder)
    return folders


@dataclass
class HistoryCache:
    """Each event file's git history, read again only when HEAD moves (a commit, a checkout).

    History comes from commits alone: editing a file while serving does not change it.
    """

    key: tuple[str, str, str] | None = None
    history: dict[str, FileHistory] = field(default_factory=dict)

    def read(self, root: Path, events_dir: str) -> dict[str, FileHistory]:
        head = _head(root)
        key = (str(root), events_dir, head) if head else None
        if key is None or key != self.key:
            self.history = read_history(root, events_dir)
            self.key = key
        return self.history


def _head(root: Path) -> str | None:
    """The commit HEAD names (and the branch), or None outside git."""
    from timeline.git import GitError, git

    try:
        return git(root, "rev-parse", "HEAD", "--symbolic-full-name", "HEAD").decode().strip()
    except GitError:
        return None
