"""`mkdocs serve`'s quick rebuild after an edit writes the bytes a full rebuild writes.

Each test builds a generated timeline of a few hundred events the way `serve` does,
edits the data files, brings the live site up to date with the plugin's quick
rebuild (LiveSite.update), and compares every file with a full serve build of the
same files made from scratch in another folder.
"""

from __future__ import annotations

import gc
import os
import re
import shutil
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.config_options import Plugins
from mkdocs.config.defaults import MkDocsConfig

from benchmarks.generate import write_eras_and_places, write_varied_events
from timeline.plugin import TimelinePlugin
from timeline.serve import FullRebuild, LiveSite

EVENTS = 120
SERVE_URL = "http://127.0.0.1:8000/"
pytestmark = pytest.mark.slow  # each test builds a site twice (~2 s each)
MKDOCS_YML = """\
site_name: Incremental
theme: {name: mkdocs}
plugins:
  - search
  - timeline:
      split: year
"""


def _plugin_cache() -> dict[str, Any]:
    """MkDocs keeps one instance of each plugin per process (serve reuses it)."""
    option = dict(MkDocsConfig._schema)["plugins"]
    assert isinstance(option, Plugins)
    return option.plugin_cache


class Served:
    """A project built as `mkdocs serve` builds it, with its plugin's live state."""

    def __init__(self, project: Path, site: Path) -> None:
        self.project, self.site = project, site
        self.config = self.full_build(site)
        plugin = self.config.plugins["timeline"]
        assert isinstance(plugin, TimelinePlugin) and plugin.live is not None
        self.plugin: TimelinePlugin = plugin
        self.live: LiveSite = plugin.live

    def full_build(self, site: Path) -> MkDocsConfig:
        config = load_config(config_file=str(self.project / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=False)
        config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL)
        return config

    def update(self) -> int:
        """The quick rebuild, as `serve` runs it: the edited events' pages first (the
        browsers reload), then the other pages, then the exports and the indexes."""
        self.shown = 0
        written = self.live.update(self.plugin, show=self._show)
        self.live.finish_update(self.plugin)
        return written

    def _show(self) -> None:
        self.shown += 1

    def reference(self, folder: Path) -> Path:
        """A full serve build of the files as they are now, by a fresh plugin."""
        cache = _plugin_cache()
        saved = dict(cache)
        cache.clear()
        try:
            self.full_build(folder)
        finally:
            cache.clear()
            cache.update(saved)
        return folder

    def event(self, stem: str) -> Path:
        return next((self.project / "events").rglob(f"{stem}.yaml"))


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under ``folder``."""
    found: dict[str, bytes | None] = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        found[key] = None if path.is_dir() else path.read_bytes()
    return found


def assert_same_site(served: Served, tmp_path: Path, name: str) -> None:
    expected = tree(served.reference(tmp_path / f"reference-{name}"))
    actual = tree(served.site)
    assert sorted(actual) == sorted(expected), "the sites have different files"
    differ = [path for path in expected if actual[path] != expected[path]]
    assert differ == [], f"{len(differ)} file(s) differ, e.g. {differ[:5]}"


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Served]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1745280000")
    project = tmp_path / "project"
    write_varied_events(project, EVENTS, seed=14)
    (project / "docs").mkdir()
    (project / "docs/index.md").write_text("# Home\n\n<!-- timeline:home -->\n")
    (project / "docs/about.md").write_text("# About\n\nA hand-written page.\n")
    (project / "mkdocs.yml").write_text(MKDOCS_YML)
    write_eras_and_places(project)
    (project / "sources").mkdir()
    (project / "sources/wire-report.yaml").write_text(
        "title: A wire report\npublisher: Wire Service\npublished: 2001-05-04\n"
    )
    cited = next((project / "events").rglob("event-00007.yaml"))
    cited.write_text(cited.read_text() + "  - id: wire-report\n    locator: p. 4\n")
    yield Served(project, tmp_path / "site")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert re.search(old, text, flags=re.M), f"{old!r} not in {path}"
    path.write_text(re.sub(old, new, text, count=1, flags=re.M))


def _set_date(path: Path, date: str) -> None:
    text = re.sub(r"^end: .*\n", "", path.read_text(), flags=re.M)
    path.write_text(re.sub(r"^date: .*$", f"date: {date}", text, count=1, flags=re.M))


def _tags(path: Path, tags: str) -> None:
    _edit(path, r"^tags: .*$", f"tags: [{tags}]")


EDITS: dict[str, Callable[[Served], None]] = {
    "text": lambda s: _edit(s.event("event-00100"), r"^title: ", "title: Retitled "),
    "summary": lambda s: _edit(s.event("event-00101"), r"^summary: \|\n  ", "summary: |\n  New. "),
    "date across years": lambda s: _set_date(s.event("event-00102"), "1951-03-04"),
    "date into a new year page": lambda s: _set_date(s.event("event-00103"), "1890-06-01"),
    "tag added": lambda s: _tags(s.event("event-00104"), "court, economy, science, war"),
    "new tag": lambda s: _tags(s.event("event-00105"), "a-brand-new-tag"),
    "tag removed": lambda s: _tags(s.event("event-00106"), "war"),
    "renamed": lambda s: s.event("event-00107").rename(
        s.event("event-00107").with_name("event-renamed.yaml")
    ),
    "deleted": lambda s: s.event("event-00108").unlink(),
    "added": lambda s: (s.project / "events/d03/event-new.yaml").write_text(
        "title: A new event\ndate: 1977-07-07\nsummary: Added while serving.\n"
        "tags: [science]\nsources:\n  - title: A\n    url: https://example.org/a\n"
    ),
    "era edited": lambda s: _edit(s.project / "eras/cold-war.yaml", r"^end: 1991", "end: 1989"),
    "place edited": lambda s: _edit(s.project / "places/moscow.yaml", r"^lat: .*", "lat: 56.0"),
    "source edited": lambda s: _edit(
        s.project / "sources/wire-report.yaml", r"^title: .*", "title: A longer wire report"
    ),
}


@pytest.mark.parametrize("kind", list(EDITS))
def test_quick_rebuild_equals_a_full_build(served: Served, tmp_path: Path, kind: str) -> None:
    EDITS[kind](served)
    written = served.update()
    assert written > 0
    assert_same_site(served, tmp_path, "after")


def test_an_edit_rerenders_only_what_shows_the_event(served: Served) -> None:
    before = {path: data for path, data in tree(served.site).items() if data is not None}
    _edit(served.event("event-00100"), r"^title: ", "title: Retitled ")
    written = served.update()
    after = tree(served.site)
    changed = sorted(path for path, data in before.items() if after.get(path) != data)
    # The event, its neighbours, its lists (year, tags, actors, places), the indexes.
    assert 3 <= written < 30, changed
    assert any("event-00100" in path for path in changed)
    assert "search/search_index.json" in changed and "timeline/index.json" in changed
    assert written < len(before) / 10


def test_the_edited_events_page_shows_before_the_lists(served: Served) -> None:
    page = served.site / "timeline/event-00100/index.html"
    year = served.site / "timeline/years"
    lists = {path: path.read_bytes() for path in year.rglob("*.html")}
    seen: dict[str, Any] = {}

    def show() -> None:
        seen["page"] = page.read_text()
        seen["lists"] = {path: path.read_bytes() for path in lists}

    _edit(served.event("event-00100"), r"^title: ", "title: Retitled ")
    served.live.update(served.plugin, show=show)
    assert "Retitled" in seen["page"]
    assert seen["lists"] == lists  # not yet: they follow
    assert any(b"Retitled" in path.read_bytes() for path in lists)  # and now they have


def test_successive_edits_stay_equal_to_a_full_build(served: Served, tmp_path: Path) -> None:
    for kind in ("text", "date across years", "renamed", "added", "deleted", "tag removed"):
        EDITS[kind](served)
        served.update()
    assert_same_site(served, tmp_path, "successive")


def test_a_broken_file_then_fixed(served: Served, tmp_path: Path) -> None:
    broken = served.project / "events/d01/broken.yaml"
    broken.write_text("title: [Broken\ndate: 2024\n")
    served.update()
    page = (served.site / "timeline/event-00100/index.html").read_text()
    assert "timeline-serve-problems" in page and "events/d01/broken.yaml" in page
    assert "timeline-serve-problems" in (served.site / "about/index.html").read_text()
    assert "timeline-serve-problems" in (served.site / "404.html").read_text()
    broken.write_text("title: Fixed\ndate: 2024-01-02\n")
    served.update()
    assert "timeline-serve-problems" not in (served.site / "about/index.html").read_text()
    assert_same_site(served, tmp_path, "fixed")


def test_a_duplicate_id_is_still_caught(served: Served) -> None:
    # Whole-timeline checks run on every event, not only on the file that changed.
    copy = served.project / "events/d02/event-00100.yaml"
    shutil.copy(served.event("event-00100"), copy)
    served.update()
    page = (served.site / "timeline/index.html").read_text()
    assert "timeline-serve-problems" in page and "E202" in page


def test_an_edit_that_changes_the_nav_asks_for_a_full_rebuild(served: Served) -> None:
    (served.project / "mkdocs.yml").write_text(
        MKDOCS_YML.replace("split: year", "split: year\n      title: Chronology")
    )
    served.config = served.full_build(served.site)
    # An era index joins the nav only when the first era is added; removing them all:
    for era in (served.project / "eras").iterdir():
        era.unlink()
    with pytest.raises(FullRebuild):
        served.update()


def _saved_by_rename(served: Served) -> None:
    """As editors save: a temporary file beside the event, renamed over it."""
    path = served.event("event-00100")
    temporary = path.with_name(".event-00100.yaml.swp~")
    temporary.write_text(path.read_text().replace("title: ", "title: Saved ", 1))
    os.replace(temporary, path)


WATCHED_EDITS: dict[str, Callable[[Served], None]] = {
    **{kind: EDITS[kind] for kind in ("text", "date across years", "renamed", "deleted")},
    "added": EDITS["added"],
    "saved by rename": _saved_by_rename,
    "folder moved away": lambda s: shutil.move(s.project / "events/d03", s.project / "d03"),
    "folder added": lambda s: shutil.copytree(
        s.project / "events/d04", s.project / "events/d04/copied-in"
    ),
    "era edited": EDITS["era edited"],
}


@pytest.mark.parametrize("kind", list(WATCHED_EDITS))
def test_the_watchers_paths_give_a_full_builds_bytes(
    served: Served, tmp_path: Path, kind: str
) -> None:
    """With the native watcher's paths, files it saw no change in are not even stat()ed:
    whatever the edit, the site is still the one a full build makes."""
    import time

    import watchdog.observers

    from timeline.plugin import watch_events
    from timeline.serve import ChangeRecorder

    recorder = ChangeRecorder([served.project / "events", served.project / "eras"])
    observer = watchdog.observers.Observer()
    for folder in ("events", "eras"):
        watch_events(_NoServer(), served.project / folder, observer, recorder.record_data)
    observer.start()
    try:
        time.sleep(0.3)
        recorder.take()
        WATCHED_EDITS[kind](served)
        if kind == "folder added":  # the copies' ids would clash with their originals
            for copy in (served.project / "events/d04/copied-in").rglob("*.yaml"):
                copy.rename(copy.with_name(copy.stem + "-copy.yaml"))
        time.sleep(1.0)  # inotify reports within milliseconds; a loaded machine is slower
        changes = recorder.take()
    finally:
        observer.stop()
        observer.join()
    assert changes.data, "the watcher saw nothing"
    served.live.update(served.plugin, changes.data)
    served.live.finish_update(served.plugin)
    assert_same_site(served, tmp_path, "watched")


class _NoServer:
    """watch_events without a LiveReloadServer: only the native observer's watches."""

    observer = None


def test_only_changed_files_are_read_again(served: Served) -> None:
    _edit(served.event("event-00100"), r"^title: ", "title: Retitled ")
    served.update()
    assert served.live.reader.parsed == 1
    assert served.live.memo.made < 40


def test_memory_stays_flat_across_edits(served: Served) -> None:
    path = served.event("event-00100")
    original = path.read_text()
    tracemalloc.start()
    try:
        sizes = []
        for number in range(30):
            path.write_text(original.replace("title: ", f"title: Edit {number} ", 1))
            served.update()
            if number in (9, 19, 29):  # after the first edits have filled the bounded caches
                gc.collect()  # what is kept, not garbage waiting for the cycle collector
                sizes.append(tracemalloc.get_traced_memory()[0])
    finally:
        tracemalloc.stop()
    # A leak keeps something per edit, so it grows in both runs of ten edits; a one-off
    # growth (the interpreter's table of interned strings doubling) shows in one only.
    growth = min(sizes[1] - sizes[0], sizes[2] - sizes[1])
    assert growth < sizes[0] * 0.1, sizes


@pytest.fixture(autouse=True)
def _no_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # The generated project is no git work tree: keep git from finding a parent one.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    os.environ.pop("GIT_DIR", None)


def test_serve_puts_the_banner_into_pages_as_it_sends_them() -> None:
    """No page file is rewritten when a file breaks or is fixed: the server adds it."""
    from types import SimpleNamespace

    from timeline.serve import show_problems_when_served

    class Server:
        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            return content.replace(b"</body>", b"<script>reload</script></body>")

    server, plugin = Server(), SimpleNamespace(serve_problems=None)
    assert show_problems_when_served(server, plugin)  # type: ignore[arg-type]
    page = "<html><body><p>Café</p></body></html>".encode()
    assert server._inject_js_into_html(page, 1) == page.replace(
        b"</body>", b"<script>reload</script></body>"
    )
    plugin.serve_problems = "1 problem\nevents/a.yaml:1:1: E101 <title> missing"
    sent = server._inject_js_into_html(page, 2).decode()
    assert sent.index("timeline-serve-problems") < sent.index("Café")
    assert "&lt;title&gt; missing" in sent and "<script>reload</script>" in sent
    assert not show_problems_when_served(object(), plugin)  # type: ignore[arg-type]


def test_a_tags_later_pages_share_one_axis_and_stay_right(served: Served, tmp_path: Path) -> None:
    """Long tag lists are paged (tags/war/2/…); pages 2, 3… draw one axis between them."""
    (served.project / "mkdocs.yml").write_text(
        MKDOCS_YML.replace("split: year", "split: year\n      split_threshold: 5")
    )
    served.config = served.full_build(served.site)
    assert (served.site / "timeline/tags/war/3/index.html").is_file()
    _edit(served.event("event-00100"), r"^title: ", "title: Retitled ")
    served.update()
    assert_same_site(served, tmp_path, "paged")
    # Shared or not, each page's axis links lead to pages that exist.
    for page in ("tags/war/index.html", "tags/war/2/index.html", "tags/war/3/index.html"):
        path = served.site / "timeline" / page
        svg = path.read_text().split('class="tl-axis-static"', 1)[1].split("</svg>", 1)[0]
        links = re.findall(r'<a href="([^"#]+)', svg)
        assert links, page
        for link in links:
            target = (path.parent / link).resolve()
            assert (target / "index.html").is_file() or target.is_file(), (page, link)


def test_a_newer_edit_cuts_the_rebuild_short_and_the_next_goes_on(
    served: Served, tmp_path: Path
) -> None:
    """Saved again while the lists were being made: the event page shows, the rest of
    the work is left to the next rebuild, which ends with a full build's bytes."""
    from timeline.serve import Superseded

    _edit(served.event("event-00100"), r"^title: ", "title: Retitled ")
    shown: list[bool] = []
    served.live.newer = lambda: True
    with pytest.raises(Superseded):
        served.live.update(served.plugin, show=lambda: shown.append(True))
    assert shown
    assert "Retitled" in (served.site / "timeline/event-00100/index.html").read_text()
    served.live.newer = None
    _edit(served.event("event-00101"), r"^title: ", "title: Then ")
    served.update()
    assert_same_site(served, tmp_path, "superseded")


def test_reading_a_watched_file_is_no_change(served: Served) -> None:
    """inotify reports opens and reads too: the rebuild reads eras and places every
    time, and a read taken for a change started rebuilds that never ended."""
    import time

    import watchdog.observers

    from timeline.plugin import watch_events

    seen: list[Any] = []
    observer = watchdog.observers.Observer()
    watch_events(_NoServer(), served.project / "eras", observer, seen.append)
    observer.start()
    try:
        time.sleep(0.3)
        seen.clear()
        for path in (served.project / "eras").iterdir():
            path.read_bytes()
        time.sleep(1.0)
        read = list(seen)
        _edit(served.project / "eras/cold-war.yaml", r"^end: 1991", "end: 1989")
        time.sleep(1.0)
    finally:
        observer.stop()
        observer.join()
    assert read == []
    assert any(event.src_path.endswith("cold-war.yaml") for event in seen)


def test_a_new_file_is_seen_in_a_project_under_a_hidden_folder(tmp_path: Path) -> None:
    """Only names below the events folder count as hidden (the walk skips those):
    a project kept in ~/.local/… still sees the files added to it."""
    from timeline.config import Settings
    from timeline.render.incremental import EventReader

    root = tmp_path / ".hidden" / "project"
    (root / "events").mkdir(parents=True)
    (root / "events/one.yaml").write_text("title: One\ndate: 2001\n")
    settings = Settings(root=root)
    reader = EventReader()
    assert len(reader(settings, [settings.events_path])[1]) == 1
    added = root / "events/two.yaml"
    added.write_text("title: Two\ndate: 2002\n")
    reader.changed = {str(added)}
    assert len(reader(settings, [settings.events_path])[1]) == 2
