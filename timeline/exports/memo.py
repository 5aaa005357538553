"""Each event's part of an export, kept between the rebuilds of one `mkdocs serve`.

An event file that did not change gives the next rebuild the very same Event object
(timeline.render.incremental), so its exported part can be reused when the object is
the same one and the export's options too. Only inside ``remembering()``
(timeline/serve.py, after an edit): a build or `timeline export` keeps nothing. Each
rebuild keeps only what it used, so memory stays flat across edits.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Hashable, Iterator
from typing import Any, TypeVar

from timeline.model import Event

T = TypeVar("T")


class Parts:
    """One export's parts (one kind, one options), by event."""

    def __init__(self, before: dict[int, tuple[Event, Any]] | None, active: bool) -> None:
        self.before = before or {}
        self.now: dict[int, tuple[Event, Any]] = {}
        self.active = active

    def __call__(self, event: Event, make: Callable[[], T]) -> T:
        """``make()``, or what it made for this very event object the last time."""
        if not self.active:
            return make()
        found = self.now.get(id(event)) or self.before.get(id(event))
        if found is None or found[0] is not event:
            found = (event, make())
        self.now[id(event)] = found
        value: T = found[1]
        return value


class _Memo:
    def __init__(self) -> None:
        self.previous: dict[tuple[str, Hashable], Parts] = {}
        self.current: dict[tuple[str, Hashable], Parts] = {}
        self.active = False


_MEMO = _Memo()


def parts(kind: str, options: Hashable) -> Parts:
    """The table of one export's event parts (does nothing outside ``remembering()``)."""
    if not _MEMO.active:
        return Parts(None, False)
    key = (kind, options)
    table = _MEMO.current.get(key)
    if table is None:
        before = _MEMO.previous.get(key)
        table = _MEMO.current[key] = Parts(before.now if before else None, True)
    return table


@contextlib.contextmanager
def remembering() -> Iterator[None]:
    """Reuse the parts the previous call made; keep those this one makes or reuses."""
    _MEMO.active = True
    try:
        yield
    finally:
        _MEMO.active = False
        _MEMO.previous, _MEMO.current = _MEMO.current, {}
