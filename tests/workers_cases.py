"""`mkdocs build` on two cores (timeline/workers.py): run by tests/test_workers.py."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from benchmarks.generate import write_eras_and_places, write_varied_events
from tests.sites import build_site, tree
from timeline import workers

EVENTS = 240


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1745280000")
    monkeypatch.setattr(workers, "LEAST_PAGES", 1)
    monkeypatch.setattr(workers, "LEAST_ITEMS", 1)  # the event files are read in two too
    monkeypatch.setattr(workers, "cores", lambda: 2)  # a one-core machine runs it too
    # Earlier tests leave threads (servers, watchers) that `mkdocs build` never has.
    monkeypatch.setattr(workers.threading, "active_count", lambda: 1)
    project = tmp_path / "project"
    write_varied_events(project, EVENTS, seed=21)
    (project / "docs").mkdir()
    (project / "docs/index.md").write_text("# Home\n\n<!-- timeline:home -->\n")
    write_eras_and_places(project)
    return project


def _configure(project: Path, *, parallel: bool, search: str = "pagefind") -> None:
    (project / "mkdocs.yml").write_text(
        "site_name: Workers\nsite_url: https://example.org/w/\ntheme: {name: mkdocs}\n"
        "plugins:\n  - search\n  - timeline:\n      history: false\n"
        f"      search: {search}\n      parallel: {'true' if parallel else 'false'}\n"
    )


class _Claims:
    """Counts, in the build's process, the pages it wrote and those the helper wrote."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.here = self.helper = 0
        claim = workers.PageHelper.claim

        def counted(helper: workers.PageHelper, key: str) -> bool:
            mine = claim(helper, key)
            if key in helper.index:
                if mine:
                    self.here += 1
                else:
                    self.helper += 1
            return mine

        monkeypatch.setattr(workers.PageHelper, "claim", counted)


class _Reads:
    """How many parts each read of the event files came back in, and how many of them
    came from a second process (a part redone here after it failed does not count)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from timeline import check

        self.parts: list[int] = []
        self.received = 0
        in_two, unpickle = check.in_two, workers._unpickle

        def counted(*args: Any, **kwargs: Any) -> Any:
            found = in_two(*args, **kwargs)
            self.parts.append(len(found))
            return found

        def received(data: bytes) -> Any:
            result = unpickle(data)
            self.received += 1
            return result

        monkeypatch.setattr(check, "in_two", counted)
        monkeypatch.setattr(workers, "_unpickle", received)


class _ExportsHere:
    """The files made as written (exports, data) this process made, and those it left."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from timeline.plugin import MadeFile

        self.made: list[str] = []
        self.skipped: list[str] = []
        copy_file = MadeFile.copy_file

        def counted(file: MadeFile, dirty: bool = False) -> None:
            if os.getpid() == parent:
                (self.skipped if file.elsewhere else self.made).append(file.src_uri)
            copy_file(file, dirty)

        parent = os.getpid()
        monkeypatch.setattr(MadeFile, "copy_file", counted)


@pytest.mark.parametrize("search", ["pagefind", "none"])
def test_two_processes_write_the_same_site_as_one(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, search: str
) -> None:
    _configure(project, parallel=False, search=search)
    one = tree(build_site(project, tmp_path / "one"))
    _configure(project, parallel=True, search=search)
    claims = _Claims(monkeypatch)
    reads = _Reads(monkeypatch)
    exports = _ExportsHere(monkeypatch)
    two = tree(build_site(project, tmp_path / "two"))
    # Both wrote a share: the test sees the helper at work, not a build in one process.
    assert claims.helper > 20 and claims.here > 20, (claims.here, claims.helper)
    assert reads.parts == [2] and reads.received == 1  # read by two processes
    # The helper wrote the exports and data files: this process made none of them.
    assert exports.made == []
    assert {"timeline/timeline.json", "timeline/axis.json", "timeline/index.json"} <= set(
        exports.skipped
    ), exports.skipped
    assert sorted(two) == sorted(one)
    differ = [path for path in one if two[path] != one[path]]
    assert differ == [], f"{len(differ)} file(s) differ, e.g. {differ[:5]}"


def test_search_mkdocs_and_other_plugins_write_in_one_process(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    claims = _Claims(monkeypatch)
    _configure(project, parallel=True, search="mkdocs")  # Lunr needs every page's text here
    build_site(project, tmp_path / "lunr")
    yml = project / "mkdocs.yml"
    _configure(project, parallel=True)
    yml.write_text(yml.read_text().replace("  - search\n", "  - search\n  - material/tags\n"))
    build_site(project, tmp_path / "tags")
    assert (claims.here, claims.helper) == (0, 0)


def _in_helper(monkeypatch: pytest.MonkeyPatch, act: object) -> None:
    """Run ``act(page)`` before each page the helper process writes (not in the build's)."""
    import mkdocs.commands.build as mkdocs_build

    build_page = mkdocs_build._build_page
    parent = os.getpid()

    def wrapped(page: object, *args: object, **kwargs: object) -> None:
        if os.getpid() != parent:
            act(page)  # type: ignore[operator]
        build_page(page, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(mkdocs_build, "_build_page", wrapped)


def test_a_failing_helper_fails_the_build_and_keeps_the_old_site(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _configure(project, parallel=True)
    site = build_site(project, tmp_path / "site")
    before = tree(site)

    def fail(page: object) -> None:
        raise RuntimeError("the disk is full")

    _in_helper(monkeypatch, fail)
    (project / "docs/about.md").write_text("# About\n")
    with pytest.raises(Abort, match="BuildError"):
        build_site(project, site)
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert errors == ["the second process writing pages failed: RuntimeError: the disk is full"]
    assert tree(site) == before  # the staged build was dropped, nothing half-written


def test_the_helpers_warnings_are_logged_once_and_count_in_strict_mode(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _configure(project, parallel=True)
    warned = logging.getLogger("mkdocs.plugins.other")

    def warn(page: object) -> None:
        warned.warning("a warning about %s", page.file.src_uri)  # type: ignore[attr-defined]

    _in_helper(monkeypatch, warn)
    claims = _Claims(monkeypatch)
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match="strict"):
        build_site(project, tmp_path / "site")
    messages = [r.getMessage() for r in caplog.records if r.name == warned.name]
    assert claims.helper > 0
    assert len(messages) == len(set(messages)) == claims.helper


def _pids(items: Sequence[int]) -> list[int]:
    return [os.getpid() for _ in items]


def test_in_two_shares_the_work_and_gives_it_back_in_order() -> None:
    items = list(range(workers.LEAST_ITEMS * 2 + 1))
    parts = workers.in_two(_pids, items)
    assert [len(part) for part in parts] == [len(items) // 2 + 1, len(items) // 2]
    front, back = parts
    assert set(front) == {os.getpid()} and len(set(back)) == 1 and back[0] != os.getpid()
    assert workers.in_two(_pids, items[: workers.LEAST_ITEMS - 1]) == [
        [os.getpid()] * (workers.LEAST_ITEMS - 1)
    ]


def test_in_two_does_the_share_of_a_failed_process_itself() -> None:
    parent = os.getpid()

    def fails_elsewhere(items: Sequence[int]) -> list[int]:
        if os.getpid() != parent:
            raise MemoryError
        return [item * 2 for item in items]

    items = list(range(workers.LEAST_ITEMS * 2))
    parts = workers.in_two(fails_elsewhere, items)
    assert [item for part in parts for item in part] == [item * 2 for item in items]


def test_reading_in_two_finds_what_one_process_finds_in_the_same_order(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline.check import check_paths
    from timeline.config import load_settings

    _configure(project, parallel=True)
    settings = load_settings(project / "mkdocs.yml")
    reads = _Reads(monkeypatch)
    clean_two = check_paths(settings)
    clean_one = check_paths(replace(settings, parallel=False))
    assert clean_two.timeline is not None and clean_two.timeline == clean_one.timeline
    assert reads.received == 1
    events = sorted((project / "events").rglob("*.yaml"))
    # Broken files in both halves: bad YAML, a bad date, an unknown field, a duplicate id.
    events[3].write_text("title: [unclosed\n")
    events[-5].write_text(events[-5].read_text().replace("date: ", "date: Smarch 13 ", 1))
    events[-2].write_text(events[-2].read_text() + "colour: red\n")
    (events[-1].parent / "z-copy").mkdir()
    (events[-1].parent / "z-copy" / events[1].name).write_text(events[1].read_text())
    two = check_paths(settings)
    one = check_paths(replace(settings, parallel=False))
    assert reads.parts == [2, 2] and reads.received == 2  # none with parallel: false
    assert [p.format() for p in two.problems] == [p.format() for p in one.problems]
    assert sorted(p.code for p in one.problems) == ["E101", "E105", "E202", "W201", "Y020"]
    assert two.files == one.files == len(events) + 1


def test_in_two_without_a_process_to_be_had_does_it_all_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    descriptors = len(os.listdir("/proc/self/fd"))
    monkeypatch.setattr(workers.os, "fork", refuse)
    items = list(range(workers.LEAST_ITEMS * 2))
    assert workers.in_two(_pids, items) == [[os.getpid()] * len(items)]
    assert len(os.listdir("/proc/self/fd")) == descriptors  # the pipe closed
