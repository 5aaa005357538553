"""Reading event files from git revisions, a few processes per revision (never one per file).

``git ls-tree`` lists a folder at a revision and one ``git cat-file --batch`` reads
every blob; the working tree is read from disk. Nothing here writes to the
repository or the working tree.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Final

from timeline.errors import TimelineError

WORKING_TREE: Final = "working tree"
EMPTY_TREE: Final = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
"""Git's empty tree: the base side of a repository's first commit."""

_EVENT_SUFFIXES: Final = (".yaml", ".yml")


class GitError(TimelineError):
    """Git is missing, the folder is not a repository, or a revision does not exist."""


class GitMissing(GitError):
    """Git is not installed (callers for which git is optional say so in their own words)."""


# Long enough for `git log` over a large history on a slow CI disk; short enough that a
# git waiting on a lock or a credential prompt does not hang a build for ever.
GIT_TIMEOUT: Final = 300


def git(repo: Path, *args: str, stdin: bytes | None = None, config: tuple[str, ...] = ()) -> bytes:
    """Run one git command in ``repo`` and return its output: the one git runner.

    ``config`` are `-c name=value` settings for this command only. Every failure is a
    GitError; callers for which git is optional (history, build dates) catch it.

    Raises:
        GitError: git is not installed, cannot run, takes over GIT_TIMEOUT seconds, or the
            command fails (its last line of error is kept).
    """
    if shutil.which("git") is None:
        raise GitMissing("git is not installed", hint="install git, or run this in a git checkout")
    options = [item for name in config for item in ("-c", name)]
    try:
        completed = subprocess.run(
            ["git", "-C", str(repo), *options, *args],
            input=stdin,
            capture_output=True,
            check=False,
            timeout=GIT_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]}: no answer after {GIT_TIMEOUT} seconds") from None
    except FileNotFoundError:  # removed since the check above
        raise GitMissing("git is not installed") from None
    except OSError as error:
        raise GitError(f"git {args[0]}: could not run ({error})") from None
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return completed.stdout


def top_level(start: Path) -> Path:
    """The root of the git work tree that contains ``start``."""
    try:
        return Path(git(start, "rev-parse", "--show-toplevel").decode().strip())
    except GitError as error:
        if shutil.which("git") is None:
            raise
        raise GitError(
            f"{start} is not inside a git repository ({error.message})",
            hint="run it in a clone of the timeline's repository",
        ) from None


@dataclass(frozen=True)
class Revision:
    """A side of a comparison: a commit, or the working tree (``commit`` None)."""

    name: str
    commit: str | None

    @property
    def label(self) -> str:
        if self.commit is None:
            return WORKING_TREE
        short = self.commit[:7]
        return short if self.name in (self.commit, short) else f"{self.name} ({short})"


def resolve(repo: Path, name: str) -> Revision:
    """A revision name (branch, tag, HEAD~1, hash) as the commit it names."""
    try:
        commit = git(repo, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
    except GitError:
        raise GitError(
            f"no such revision: {name!r}", hint="use a branch, a tag or a commit hash"
        ) from None
    return Revision(name, commit.decode().strip())


def default_branch(repo: Path) -> str | None:
    """The default branch: origin's HEAD, else main, else master, else None."""
    try:
        ref = git(repo, "symbolic-ref", "--quiet", "refs/remotes/origin/HEAD").decode().strip()
        return ref.removeprefix("refs/remotes/")
    except GitError:
        pass
    for name in ("main", "master", "origin/main", "origin/master"):
        try:
            git(repo, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
        except GitError:
            continue
        return name
    return None


def files_at(repo: Path, revision: Revision, folder: str) -> dict[str, bytes]:
    """Event files under ``folder`` (relative to the repository root) at a revision.

    Returns:
        repository-relative POSIX path → content. The working tree is read from disk
        (hidden names skipped, like the loader); a revision in two git processes.
    """
    if revision.commit is None:
        return _files_on_disk(repo, folder)
    listing = git(repo, "ls-tree", "-r", "-z", "--full-tree", revision.commit, "--", folder)
    blobs: list[tuple[str, str]] = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _tab, raw_path = entry.partition(b"\t")
        mode, kind, oid = meta.decode().split()
        path = raw_path.decode("utf-8", "surrogateescape")
        if kind == "blob" and mode != "120000" and _is_event_path(path):
            blobs.append((path, oid))
    contents = _read_blobs(repo, [oid for _, oid in blobs])
    return {path: content for (path, _oid), content in zip(blobs, contents, strict=True)}


def _read_blobs(repo: Path, oids: Sequence[str]) -> list[bytes]:
    """The contents of many blobs, through one ``git cat-file --batch``."""
    if not oids:
        return []
    output = git(repo, "cat-file", "--batch", stdin="".join(f"{o}\n" for o in oids).encode())
    contents: list[bytes] = []
    at = 0
    for _oid in oids:
        header_end = output.index(b"\n", at)
        header = output[at:header_end].split()
        size = int(header[2])
        start = header_end + 1
        contents.append(output[start : start + size])
        at = start + size + 1  # the newline after each blob
    return contents


def _is_event_path(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return path.lower().endswith(_EVENT_SUFFIXES) and not any(p.startswith(".") for p in parts)


def _files_on_disk(repo: Path, folder: str) -> dict[str, bytes]:
    from timeline.loader import MAX_FILE_SIZE, find_event_files

    base = repo / folder
    if not base.is_dir():
        return {}
    found, _problems = find_event_files([base], root=repo)
    files: dict[str, bytes] = {}
    for path in found:
        try:
            with open(path, "rb") as stream:
                files[path.relative_to(repo).as_posix()] = stream.read(MAX_FILE_SIZE + 1)
        except OSError:
            continue  # reported as missing on this side; `timeline check` says why
    return files


def renames(repo: Path, base: Revision, head: Revision, folder: str) -> dict[str, str]:
    """Old path → new path for files git's rename detection (-M, 50%) pairs up."""
    if base.commit is None or head.commit is None:
        return {}
    output = git(
        repo,
        "diff",
        "-M",
        "--name-status",
        "-z",
        base.commit,
        head.commit,
        "--",
        folder,
    )
    fields = output.split(b"\0")
    pairs: dict[str, str] = {}
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index].decode()
        if status.startswith(("R", "C")):
            old, new = (fields[index + 1].decode(), fields[index + 2].decode())
            if status.startswith("R") and _is_event_path(old) and _is_event_path(new):
                pairs[old] = new
            index += 3
        else:
            index += 2
    return pairs
