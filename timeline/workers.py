"""Work on two cores: a forked process reads half the event files, or writes some pages.

``in_two`` splits a list between this process and a forked one (reading the event
files: timeline/check.py). ``PageHelper`` shares `mkdocs build`'s pages with a forked
process, as below.

MkDocs writes the pages one after another on one core. A build's timeline pages
(events, period lists, tag, actor and place pages) are made as they are written
(GeneratedPage.make), from the checked timeline both processes hold after the fork,
so either process can write any of them. They share the pages in MkDocs' order: this
process takes them from the front as MkDocs' loop reaches them, the helper from the
back, and each page goes to whichever reaches it first. A page the helper wrote is
rendered here with an empty template and written to the null device, so MkDocs' loop
and every plugin's hooks still see every page in order.

Nothing here knows about timeline pages or MkDocs' internals: the plugin passes the
pages and the function that writes one (timeline/plugin.py, on_env).
"""

from __future__ import annotations

import gc
import json
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

log = logging.getLogger("mkdocs.plugins.timeline")

# Below this many pages a second process costs more than it saves.
LEAST_PAGES = 400
# Below this many items (event files) forking and pickling cost more than they save.
LEAST_ITEMS = 1000

Item = TypeVar("Item")
Result = TypeVar("Result")


def can_fork() -> bool:
    """Whether a forked process can share this one's work: POSIX, two cores, one thread."""
    # A forked copy of a threaded process can deadlock on the other threads' locks.
    return hasattr(os, "fork") and cores() >= 2 and threading.active_count() == 1


def cores() -> int:
    """The cores this process may run on (a container's share, where Linux says)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def in_two(
    work: Callable[[Sequence[Item]], Result], items: Sequence[Item], *, share: float = 0.5
) -> list[Result]:
    """``work`` over ``items`` in order, the last ``share`` of them in a forked process.

    Returns the results of consecutive slices that together are ``items``: two where a
    second process helped, one where it could not (see ``can_fork``; fewer than
    LEAST_ITEMS items). The forked process's result comes back pickled, so ``work``
    must return what pickle can carry; it must not write files or log. If that process
    fails, this one does its slice too: the result is the same, only slower.
    """
    if len(items) < LEAST_ITEMS or not can_fork():
        return [work(items)]
    cut = len(items) - int(len(items) * share)
    front, back = items[:cut], items[cut:]
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # else both processes would print what is buffered
    try:
        read, written = os.pipe()
    except OSError:
        return [work(items)]
    try:
        pid = os.fork()
    except OSError as error:  # no process to be had (EAGAIN, ENOMEM): all of it here
        os.close(read)
        os.close(written)
        log.debug(f"no second process ({error}); reading in one")
        return [work(items)]
    if pid == 0:  # pragma: no cover - the forked process; its work shows in the result
        os.close(read)
        _work_and_exit(work, back, written)
    os.close(written)
    status = -1
    try:
        first = work(front)
        data = _read_all(read)
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:  # reaped already (SIGCHLD ignored): trust no result
            data = b""
        pid = 0
    finally:
        os.close(read)
        if pid:  # this process failed or was interrupted: the other is not needed
            _kill(pid)
    if status == 0 and data:
        try:
            return [first, _unpickle(data)]
        except Exception as error:  # whatever went wrong, redo it here
            log.debug(f"the second process's result could not be read ({error}); redoing it")
    else:
        log.debug(f"the second process failed (status {status}); doing its share here")
    return [first, work(back)]


def _work_and_exit(  # pragma: no cover - runs in the forked process
    work: Callable[[Sequence[Any]], Any], items: Sequence[Any], channel: int
) -> None:
    """The forked process's whole life: do the work, send the result, exit."""
    status = 1
    try:
        # Objects that exist now are never collected here: the collector walking them
        # would copy every memory page this process still shares with the other.
        gc.freeze()
        data = pickle.dumps(work(items), protocol=pickle.HIGHEST_PROTOCOL)
        while data:
            data = data[os.write(channel, data) :]
        status = 0
    except BaseException:  # the other process does the work instead
        pass
    finally:
        os._exit(status)  # no cleanup: the build's own (staging folder, locks) is not ours


def _unpickle(data: bytes) -> Any:
    """pickle.loads without the collector, which would walk the heap again and again as
    the new objects pile up (half the time, measured on 10,000 events)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if collecting:
            gc.enable()


def _read_all(descriptor: int) -> bytes:
    chunks = []
    while chunk := os.read(descriptor, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:  # gone already, or reaped (SIGCHLD ignored)
        pass


class HelperFailed(Exception):
    """The helper process stopped before it wrote its pages (its message)."""


class PageHelper:
    """A forked process that writes pages from the back of ``pages`` until the two meet."""

    def __init__(self, pages: Sequence[Any], key: Callable[[Any], str]) -> None:
        self.pages = pages
        self.index = {key(page): number for number, page in enumerate(pages)}
        # [front, back): the pages nobody has taken yet. The lock is a semaphore both
        # processes share; each claim holds it for two integer operations.
        self._bounds = multiprocessing.RawArray("q", [0, len(pages)])
        self._lock = multiprocessing.Lock()
        self.pid = 0
        self._read = -1

    @classmethod
    def start(
        cls,
        pages: Sequence[Any],
        key: Callable[[Any], str],
        write: Callable[[Any], None],
        first: Sequence[Callable[[], None]] = (),
    ) -> PageHelper | None:
        """The helper started, or None where it cannot help (one core, few pages, threads).

        The helper does ``first`` (other files to write) before it takes pages."""
        if len(pages) < LEAST_PAGES or not can_fork():
            return None
        helper = cls(pages, key)
        read, written = os.pipe()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # else both processes would print what is buffered
        # Objects that exist now are never collected in either process: the collector
        # walking them would copy every memory page the two still share.
        gc.freeze()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the helper; its work shows in the pages written
            os.close(read)
            helper._run(write, first, written)
        os.close(written)
        helper.pid, helper._read = pid, read
        return helper

    def claim(self, key: str) -> bool:
        """This process writes the page (True), or the helper has or will (False).

        Pages not given to the helper are always this process's."""
        number = self.index.get(key)
        if number is None:
            return True
        with self._lock:
            front, back = self._bounds
            if number >= back:
                return False
            self._bounds[0] = max(front, number + 1)
            return True

    def _take_last(self) -> int | None:
        with self._lock:
            front, back = self._bounds
            if back <= front:
                return None
            self._bounds[1] = back - 1
            return int(back) - 1

    def _run(  # pragma: no cover - the helper
        self, write: Callable[[Any], None], first: Sequence[Callable[[], None]], channel: int
    ) -> None:
        """The helper's whole life: write files and pages, report what it logged, exit."""
        records: list[tuple[str, int, str]] = []
        status = 0
        try:
            _forward_warnings(records)  # Ctrl-C reaches both: each stops with it
            for work in first:
                work()
            while (number := self._take_last()) is not None:
                write(self.pages[number])
        except BaseException as error:  # reported to the build, which fails with it
            records.append(("mkdocs.plugins.timeline", logging.ERROR, _describe(error)))
            status = 1
        try:
            data = json.dumps(records).encode()
            while data:
                data = data[os.write(channel, data) :]
            for stream in (sys.stdout, sys.stderr):
                stream.flush()
        finally:
            os._exit(status)  # no cleanup: the build's own (staging folder, locks) is not ours

    def wait(self) -> None:
        """Wait for the helper; log what it logged. Raises HelperFailed if it failed."""
        if not self.pid:
            return
        chunks = []
        while chunk := os.read(self._read, 65536):
            chunks.append(chunk)
        os.close(self._read)
        self._read = -1
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        gc.unfreeze()  # nothing shares this process's memory any more
        try:
            records = json.loads(b"".join(chunks) or b"[]")
        except ValueError:
            records = []
        failure = None
        for name, level, message in records:
            if level >= logging.ERROR and name == log.name and status:
                failure = message
            else:
                logging.getLogger(name).log(level, message)
        if status:
            code = os.waitstatus_to_exitcode(status)
            reason = f"signal {-code}" if code < 0 else f"exit status {code}"
            raise HelperFailed(failure or f"it stopped ({reason}) before writing its pages")

    def stop(self) -> None:
        """The build failed: stop the helper at once."""
        if self.pid:
            _kill(self.pid)
            self.pid = 0
            gc.unfreeze()
        if self._read >= 0:
            os.close(self._read)
            self._read = -1


class _Forward(logging.Handler):
    """Keeps the helper's warnings and errors for the build to log (and count, for strict)."""

    def __init__(self, records: list[tuple[str, int, str]]) -> None:
        super().__init__(logging.WARNING)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _below_warning(record: logging.LogRecord) -> bool:
    return record.levelno < logging.WARNING


def _forward_warnings(records: list[tuple[str, int, str]]) -> None:  # pragma: no cover
    """In the helper: warnings go to the build, which logs them once, in its own order;
    the rest (info, debug) print as they happen."""
    logger = logging.getLogger("mkdocs")
    for handler in [*logger.handlers, *logging.getLogger().handlers]:
        handler.addFilter(_below_warning)
    logger.addHandler(_Forward(records))


def _describe(error: BaseException) -> str:
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
