"""`mkdocs build` on two cores (timeline/workers.py): run by tests/test_workers.py."""

from __future__ import annotations

import logging
import os
from pathlib import Path

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
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # a one-core machine runs it too
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


@pytest.mark.parametrize("search", ["pagefind", "none"])
def test_two_processes_write_the_same_site_as_one(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, search: str
) -> None:
    _configure(project, parallel=False, search=search)
    one = tree(build_site(project, tmp_path / "one"))
    _configure(project, parallel=True, search=search)
    claims = _Claims(monkeypatch)
    two = tree(build_site(project, tmp_path / "two"))
    # Both wrote a share: the test sees the helper at work, not a build in one process.
    assert claims.helper > 20 and claims.here > 20, (claims.here, claims.helper)
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
