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

    def __call__(self, settings: Settings, paths: Sequence[Path]) -> ReadFiles:
        from timeline.loader import _base, _display

        if settings != self.settings:
            # Another mkdocs.yml (date_order, languages…): the same bytes may read otherwise.
            self.settings, self.previous, self.stats = settings, {}, {}
        base = _base(settings.root)
        found, problems = find_event_files(paths, root=Path(base))
        current: dict[tuple[str, str, bytes], _Read] = {}
        stats: dict[tuple[str, int, int, int, int], tuple[str, str, bytes]] = {}
        loaded: list[tuple[Path, str]] = []
        events: list[Event] = []
        self.parsed = 0
        for path in found:
            display = _display(path, base)
            try:
                info = os.lstat(path)
                stat = (str(path), info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
            except OSError:
                stat = None
            known = self.stats.get(stat) if stat is not None else None
            if known is not None and known[1] == display and known in self.previous:
                key = known
            else:
                data, refused = read_event_bytes(path, display)
                if data is None:
                    problems.extend(refused)
                    continue
                key = (str(path), display, data)
            if stat is not None:
                stats[stat] = key
            read = self.previous.get(key) or current.get(key)
            if read is None:
                read = self._read(path, display, key[2], settings)
                self.parsed += 1
            current[key] = read
            event, found_problems, is_loaded = read
            problems.extend(found_problems)
            if is_loaded:
                loaded.append((path, display))
            if event is not None:
                events.append(event)
        self.previous, self.stats = current, stats
        return loaded, events, problems

    @staticmethod
    def _read(path: Path, display: str, data: bytes, settings: Settings) -> _Read:
        root, problems = parse_event_text(data, display)
        if root is None or problems:
            return None, tuple(problems), False
        event, found = read_event(EventFile(path, display, root), settings)
        return event, tuple(found), True


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
