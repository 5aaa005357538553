"""Build helpers that are not pages: atomic output, reproducible dates, edit links.

No MkDocs imports: the plugin passes in what these need.
"""

from __future__ import annotations

import errno
import glob
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class StagedBuild:
    """A build written beside the site folder, swapped in only when it succeeded.

    MkDocs cleans ``site_dir`` before it writes; building into a staging folder
    means a failed build (bad event, template error, a warning in strict mode)
    leaves the previous site exactly as it was. Each build has its own staging
    folder and holds a lock beside the site from start to swap, so two builds
    of one site run one after the other instead of emptying each other's folder.

    The previous site, swapped out, is deleted in a process of its own where the
    build asks (a large site: 7 s for 20,000 pages), so the build need not wait.
    """

    target: Path
    staging: Path
    lock: int
    strict: bool = False
    counter: _WarningCounter = field(default_factory=_WarningCounter)

    @classmethod
    def start(
        cls, target: Path, *, strict: bool = False, say: Callable[[str], None] | None = None
    ) -> StagedBuild:
        target = target.resolve()
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = _take_lock(target.with_name(f".{target.name}.timeline-lock"), say)
        try:
            # With the lock held no other build is running: any staging folder left
            # is from a build that was killed.
            for stale in target.parent.glob(f".{glob.escape(target.name)}.timeline-staging*"):
                shutil.rmtree(stale, ignore_errors=True)
            # Previous sites that a process was deleting (it may still be at it; if it
            # was killed, they would stay): deleted again, without waiting.
            old = sorted(target.parent.glob(f".{glob.escape(target.name)}{_OLD}*"))
            if old:
                remove_in_background(old)
            staging = Path(
                tempfile.mkdtemp(prefix=f".{target.name}.timeline-staging-", dir=target.parent)
            )
        except BaseException:
            os.close(lock)
            raise
        staged = cls(target, staging, lock, strict)
        # MkDocs aborts a strict build after on_post_build: count warnings ourselves.
        logging.getLogger("mkdocs").addHandler(staged.counter)
        return staged

    def finish(self, *, in_background: bool = False) -> Path:
        """Swap the staged site in (unless strict mode will abort); returns the site folder.

        ``in_background``: the previous site is deleted by a process of its own, which
        may outlive this one."""
        logging.getLogger("mkdocs").removeHandler(self.counter)
        if self.strict and self.counter.count:
            self.abandon()
            return self.target
        try:
            swap_in(self.staging, self.target)
            # After the swap the staging path holds the previous site.
            if in_background and self.staging.exists():
                suffix = self.staging.name.rpartition("-")[2]
                old = self.staging.rename(
                    self.target.with_name(f".{self.target.name}{_OLD}{suffix}")
                )
                remove_in_background([old])
            else:
                shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self._unlock()
        return self.target

    def abandon(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.counter)
        shutil.rmtree(self.staging, ignore_errors=True)
        self._unlock()

    def _unlock(self) -> None:
        if self.lock >= 0:
            os.close(self.lock)  # closing the descriptor releases the flock
            self.lock = -1


# A previous site being deleted: .<site>.timeline-old-<suffix>.
_OLD = ".timeline-old-"
_REMOVE = (
    "import shutil, sys\nfor path in sys.argv[1:]:\n    shutil.rmtree(path, ignore_errors=True)"
)


def remove_in_background(folders: list[Path]) -> None:
    """Delete ``folders`` in a process of its own that outlives this one (here, if none starts)."""
    import subprocess

    try:
        subprocess.Popen(
            [sys.executable, "-I", "-c", _REMOVE, *map(str, folders)],  # -I: no ./shutil.py
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C in the terminal does not stop it
        )
    except OSError:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


def _take_lock(path: Path, say: Callable[[str], None] | None) -> int:
    """An exclusive flock on ``path`` (kept, never deleted: deleting lock files races)."""
    import fcntl

    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if say is not None:
                say(f"another build is writing {path.parent}; waiting for it to finish")
            fcntl.flock(descriptor, fcntl.LOCK_EX)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


_RENAME_EXCHANGE = 2  # from <linux/fs.h>
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step with Linux's renameat2(RENAME_EXCHANGE); False if unsupported."""
    if sys.platform != "linux":
        return False
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # no libc, or a glibc older than 2.28
        return False
    path = ctypes.c_char_p
    renameat2.argtypes = [ctypes.c_int, path, ctypes.c_int, path, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    done = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if done == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # a file system without it
        return False
    raise OSError(number, os.strerror(number), str(second))


def swap_in(new: Path, target: Path) -> None:
    """Put folder ``new`` at ``target``; the previous ``target`` (if any) ends up at ``new``.

    There is no moment at which ``target`` is missing or half-written: a first site is
    one rename; a replacement is one exchange where the kernel has it, else two
    renames, undone when the second fails.
    """
    if not target.exists():
        new.rename(target)
        return
    if _exchange(new, target):
        return
    old = new.with_name(new.name + "-old")
    target.rename(old)
    try:
        new.rename(target)
    except BaseException:
        old.rename(target)
        raise
    old.rename(new)


def source_date_epoch(value: str | None) -> str | None:
    """SOURCE_DATE_EPOCH as given (None when unset or empty), or ValueError when not seconds."""
    if value is None or not value.strip():
        # Set but empty (`SOURCE_DATE_EPOCH= mkdocs build`, a CI variable left blank) means
        # unset, as the reproducible-builds specification says.
        return None
    if not value.strip().isdigit():
        raise ValueError(
            f"SOURCE_DATE_EPOCH: expected whole seconds since 1970 such as '1745280000', "
            f"got {value!r}"
        )
    return value.strip()


def last_commit_time(root: Path) -> str | None:
    """Seconds since the epoch of the last commit (for SOURCE_DATE_EPOCH); None outside git."""
    from timeline.git import GitError, git

    try:
        value = git(root, "log", "-1", "--format=%ct").decode("ascii", "replace").strip()
    except GitError:
        return None
    return value if value.isdigit() else None


def edit_base_url(
    repo_url: str | None, edit_uri: str | None, docs_dir: Path, root: Path
) -> str | None:
    """The URL that an event's path is appended to, derived from repo_url and edit_uri.

    MkDocs' edit_uri points into docs/ ('edit/main/docs/'); events live beside docs/,
    so the project's own edit base is edit_uri without its docs folder.
    """
    if not repo_url or not edit_uri:
        return None
    try:
        docs = PurePosixPath(docs_dir.resolve().relative_to(root.resolve()).as_posix())
    except ValueError:
        return None
    path = edit_uri.rstrip("/")
    suffix = "/" + str(docs)
    if not path.endswith(suffix):
        return None
    base = path[: -len(suffix)] + "/"
    return urljoin(repo_url.rstrip("/") + "/", base)
