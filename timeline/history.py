"""When each event file was first added and last changed, from ONE ``git log``.

One process for the whole repository, however many events (10,000 files cost one
log, not 10,000), read newest commit first. Renames are followed (``-M``): an event
whose file was renamed keeps the history of its old name. Dates are author dates,
which survive rebases and cherry-picks. Without git (not installed, not a
repository) the history is empty and the reason is logged once; a shallow clone
(CI's default ``fetch-depth: 1``) is logged too, since its dates are wrong.

Pure: no MkDocs here. ``recent_changes`` turns the history and the events into
the rows of a "recently changed" page, and ``by_commit`` groups the rows of one
commit under it, so a commit that touched twenty events is listed once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Final

from timeline.model import Event

__all__ = [
    "CommitChanges",
    "FileHistory",
    "RecentChange",
    "by_commit",
    "read_history",
    "recent_changes",
]

log = logging.getLogger("timeline.history")
_logged: set[str] = set()
_RECORD: Final = "\x1e"
_FIELD: Final = "\x1f"
_FORMAT: Final = f"--format={_RECORD}%H{_FIELD}%aI{_FIELD}%an{_FIELD}%s"


@dataclass(frozen=True, slots=True)
class FileHistory:
    """The git history of one event file (following renames)."""

    path: str  # relative to the project root, POSIX, as it is now
    first_added: datetime
    last_changed: datetime
    revisions: int  # commits that touched the file, under any of its names
    last_commit: str
    last_author: str
    last_subject: str


@dataclass(frozen=True, slots=True)
class RecentChange:
    """One row of a "recently changed" page: an event and its latest commit."""

    event_id: str
    title: str
    when: str  # the event's date label
    path: str
    changed: datetime
    added: bool  # True when the latest commit added the event
    revisions: int
    author: str
    subject: str
    commit: str


@dataclass(frozen=True, slots=True)
class CommitChanges:
    """One commit of a "recently changed" page and the events it was the latest change of."""

    commit: str
    changed: datetime
    author: str
    subject: str
    changes: tuple[RecentChange, ...]


def _log_once(level: int, message: str) -> None:
    if message not in _logged:
        _logged.add(message)
        log.log(level, message)


def read_history(repo_root: Path, events_dir: str | Path = "events") -> dict[str, FileHistory]:
    """The history of every event file that exists at HEAD, keyed by path.

    Args:
        repo_root: the project root (where mkdocs.yml is); it may be a sub-folder
            of the git work tree. Paths in the result are relative to it.
        events_dir: the events folder, relative to ``repo_root``.

    Returns:
        path (POSIX, relative to ``repo_root``, e.g. 'events/2025/x.yaml') →
        FileHistory; empty when git or the repository is missing (logged once).
    """
    folder = Path(events_dir).as_posix()
    output = _git_log(repo_root, folder)
    if output is None:
        return {}
    return parse_log(output)


def _git_log(repo_root: Path, folder: str) -> str | None:
    from timeline.git import GitError, GitMissing, git

    try:
        output = git(
            repo_root,
            *("log", "-z", "-M", _FORMAT, "--name-status", "--relative", "--", folder),
            config=("core.quotePath=off",),
        )
    except GitMissing:
        _log_once(logging.INFO, "git is not installed: event pages show no history")
        return None
    except GitError as error:
        _log_once(
            logging.INFO,
            f"no git history for {repo_root} ({error.message}): event pages show no history",
        )
        return None
    try:
        shallow = git(repo_root, "rev-parse", "--is-shallow-repository")
    except GitError:
        shallow = b""
    if shallow.strip() == b"true":
        _log_once(
            logging.WARNING,
            "the git clone is shallow, so first-added dates are wrong: "
            "fetch the whole history (actions/checkout with fetch-depth: 0)",
        )
    return output.decode("utf-8", "surrogateescape")


def parse_log(output: str) -> dict[str, FileHistory]:
    """Histories from ``git log -z -M --name-status`` output in our format, newest first."""
    # Walking back in time, `alias` maps a path as it was then to the file it is now
    # (after later renames); before the commit that added a path, the path maps to
    # a key of its own, so a file re-added under an old name does not inherit the
    # deleted file's past.
    alias: dict[str, str] = {}
    present: set[str] = set()
    gone: set[str] = set()
    newest: dict[str, tuple[datetime, str, str, str]] = {}
    oldest: dict[str, datetime] = {}
    counts: dict[str, int] = {}
    for record in output.split(_RECORD):
        if not record:
            continue
        header, _nul, rest = record.partition("\0")
        commit, date_text, author, subject = header.split(_FIELD, 3)
        when = datetime.fromisoformat(date_text)
        fields = rest.lstrip("\n").split("\0")
        index = 0
        while index < len(fields) and fields[index]:
            status = fields[index]
            if status[0] in "RC":
                old, new = fields[index + 1], fields[index + 2]
                index += 3
            else:
                old = new = fields[index + 1]
                index += 2
            key = alias.get(new, new)
            if key not in present and key not in gone:
                # The newest commit that touches a file says whether it exists now.
                (gone if status[0] == "D" else present).add(key)
            counts[key] = counts.get(key, 0) + 1
            newest.setdefault(key, (when, commit, author, subject))
            oldest[key] = when
            if status[0] == "R":
                alias[old] = key
            elif status[0] == "A":
                # Older commits with this path touched an earlier file, deleted since.
                alias[new] = f"\0before:{commit}:{new}"
    histories = {}
    for key in present:
        when, commit, author, subject = newest[key]
        histories[key] = FileHistory(key, oldest[key], when, counts[key], commit, author, subject)
    return dict(sorted(histories.items()))


def recent_changes(
    histories: dict[str, FileHistory], events: Iterable[Event], count: int = 20
) -> list[RecentChange]:
    """The ``count`` most recently changed events, newest first (ties by id).

    Events without history (not committed yet, or no git) are left out.
    """
    rows: list[RecentChange] = []
    if not histories:
        return rows
    for event in events:
        history = histories.get(event.path) or histories.get(PurePosixPath(event.path).as_posix())
        if history is None:
            continue
        rows.append(
            RecentChange(
                event_id=event.id,
                title=event.title,
                when=event.display_date or event.when.display,
                path=event.path,
                changed=history.last_changed,
                added=history.revisions == 1,
                revisions=history.revisions,
                author=history.last_author,
                subject=history.last_subject,
                commit=history.last_commit,
            )
        )
    # The commit before the id: two commits made in the same second stay apart.
    rows.sort(key=lambda row: (-row.changed.timestamp(), row.commit, row.event_id))
    return rows[:count]


def by_commit(changes: Iterable[RecentChange]) -> list[CommitChanges]:
    """Rows grouped by their commit, newest commit first, in the rows' own order."""
    groups: dict[str, list[RecentChange]] = {}
    for change in changes:
        groups.setdefault(change.commit, []).append(change)
    return [
        CommitChanges(
            commit=commit,
            changed=rows[0].changed,
            author=rows[0].author,
            subject=rows[0].subject,
            changes=tuple(rows),
        )
        for commit, rows in groups.items()
    ]
