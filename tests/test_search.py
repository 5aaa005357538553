"""Search: Pagefind over the event pages, Lunr's index without them, the `search` setting,
and the filters' compact index.json (decoded as timeline.js decodes it)."""

from __future__ import annotations

import json
import logging
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from tests.sites import build_site, copy_fixture, read, tree
from timeline.config import Settings
from timeline.errors import ConfigError
from timeline.render import axis
from timeline.render.pages import SiteOptions, build_pages, date_parts, upper_year
from timeline.render.search import drop_from_lunr, search_script

pytestmark = pytest.mark.slow


def _with_search(project: Path, value: str) -> Path:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - timeline\n" in text
    config.write_text(
        text.replace("  - timeline\n", f"  - timeline:\n      search: {value}\n"), encoding="utf-8"
    )
    return project


def _lunr(site: Path) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = json.loads(read(site, "search/search_index.json"))["docs"]
    return docs


def _build_not_strict(project: Path) -> Path:
    """As tests.sites.build_site, but a warning does not abort (MkDocs' default)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return project / "site"


@pytest.fixture(scope="module")
def basic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default-theme fixture with the default `search: pagefind`, built in strict mode."""
    project = copy_fixture("basic", tmp_path_factory.mktemp("basic") / "project")
    return build_site(project)


def test_lunr_leaves_out_the_event_pages(basic: Path) -> None:
    docs = _lunr(basic)
    locations = [doc["location"] for doc in docs]
    assert not [where for where in locations if where.startswith("timeline/treaty-signed/")]
    assert "venue moved to Moscow" not in " ".join(doc["text"] for doc in docs)
    # The hand-written pages and the lists (by title) stay in the theme's search.
    assert "" in locations and "timeline/tags/treaty/" in locations
    assert {"Fixture", "Tag: treaty"} <= {doc["title"] for doc in docs}


def test_pagefind_indexes_the_event_bodies_only(basic: Path) -> None:
    assert (basic / "pagefind/pagefind.js").is_file()
    assert (basic / "pagefind/pagefind-entry.json").is_file()
    entry = json.loads(read(basic, "pagefind/pagefind-entry.json"))
    # The 5 published events (the draft is not), not the lists nor the home page.
    assert [language["page_count"] for language in entry["languages"].values()] == [5]
    event = read(basic, "timeline/treaty-signed/index.html")
    body = event.index("<div data-pagefind-body>")
    # The theme's chrome (navbar before, search dialog and footer after) is outside it.
    assert event.index('class="navbar') < body < event.index('id="mkdocs_search_modal"')
    assert "venue moved to Moscow" in event[body:]
    assert "data-pagefind-body" not in read(basic, "timeline/tags/treaty/index.html")
    assert "data-pagefind-body" not in read(basic, "index.html")
    assert "assets/search.js" in event


def test_the_search_script_knows_the_site_root(basic: Path) -> None:
    script = read(basic, "timeline/assets/search.js")
    assert 'new URL("../../", script.src)' in script
    assert "__TIMELINE" not in script
    assert b'new URL("../../../", ' in search_script("history/pages")


def test_search_mkdocs_keeps_the_event_text_in_lunr(tmp_path: Path) -> None:
    project = _with_search(copy_fixture("basic", tmp_path / "project"), "mkdocs")
    site = build_site(project)
    docs = _lunr(site)
    assert "venue moved to Moscow" in " ".join(doc["text"] for doc in docs)
    assert any(doc["location"].startswith("timeline/treaty-signed/") for doc in docs)
    assert not (site / "pagefind").exists()
    assert not (site / "timeline/assets/search.js").exists()
    assert "data-pagefind-body" not in read(site, "timeline/treaty-signed/index.html")


def test_search_none_indexes_no_event_page(tmp_path: Path) -> None:
    project = _with_search(copy_fixture("basic", tmp_path / "project"), "none")
    site = build_site(project)
    assert not [doc for doc in _lunr(site) if doc["location"].startswith("timeline/treaty-")]
    assert not (site / "pagefind").exists()


def test_a_bad_search_value_is_a_clear_error(tmp_path: Path) -> None:
    from timeline.config import load_settings

    project = _with_search(copy_fixture("basic", tmp_path / "project"), "lunr")
    with pytest.raises(ConfigError) as caught:
        load_settings(start=project)
    assert "search: expected one of pagefind, mkdocs, none, got 'lunr'" in caught.value.message
    with pytest.raises(Abort):
        build_site(project)


class _Messages(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.texts.append(record.getMessage())


def test_without_pagefind_the_theme_search_takes_the_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    project = copy_fixture("basic", tmp_path / "project")
    # On MkDocs' own logger: other tests may stop it propagating to pytest's capture.
    messages = _Messages()
    logging.getLogger("mkdocs").addHandler(messages)
    try:
        site = _build_not_strict(project)
    finally:
        logging.getLogger("mkdocs").removeHandler(messages)
    assert any("the Pagefind program was not found" in text for text in messages.texts)
    assert "venue moved to Moscow" in " ".join(doc["text"] for doc in _lunr(site))
    assert not (site / "pagefind").exists()


def test_a_failing_pagefind_stops_the_build_and_keeps_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_fixture("basic", tmp_path / "project")
    site = build_site(project)
    before = tree(site)
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'Error: disk full' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(broken.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    (project / "events/new-one.yaml").write_text("title: New\ndate: 2025-05-01\n")
    with pytest.raises(Abort):
        build_site(project)
    assert tree(site) == before
    assert not [p for p in site.parent.iterdir() if "staging" in p.name]


def test_a_failing_pagefind_message(tmp_path: Path) -> None:
    from timeline.render.search import SearchError, run_pagefind

    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'Error: disk full' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(broken.stat().st_mode | stat.S_IXUSR)
    with pytest.raises(SearchError) as caught:
        run_pagefind(broken, tmp_path, "timeline")
    message = caught.value.format_message()
    assert "Pagefind failed on the built site (exit code 3)" in message
    assert "Error: disk full" in message
    assert "hint: set `search: mkdocs`" in message


def test_drop_from_lunr_removes_pages_and_their_sections(tmp_path: Path) -> None:
    index = tmp_path / "search/search_index.json"
    index.parent.mkdir()
    docs = [
        {"location": "", "title": "Home", "text": "hi"},
        {"location": "timeline/a/", "title": "A", "text": ""},
        {"location": "timeline/a/#sources", "title": "Sources", "text": ""},
        {"location": "timeline/ab/", "title": "AB", "text": ""},
    ]
    index.write_text(json.dumps({"config": {"lang": ["en"]}, "docs": docs}))
    assert drop_from_lunr(tmp_path, {"timeline/a/"}) == 2
    kept = json.loads(index.read_text())
    assert kept["config"] == {"lang": ["en"]}
    assert [doc["title"] for doc in kept["docs"]] == ["Home", "AB"]
    assert drop_from_lunr(tmp_path, {"timeline/zzz/"}) == 0
    assert [p.name for p in index.parent.iterdir()] == ["search_index.json"]  # no temp left
    assert stat.S_IMODE(os.stat(index).st_mode) == 0o644


# -- index.json: compact columns, decoded to what the filters used before -----------


def decode(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of index.json as timeline.js's jsonItems makes them (url before resolving)."""

    def names(facet: str, i: int) -> list[str]:
        table = document[facet]["names"]
        return [table[number] for number in document[facet]["of"][i]]

    return [
        {
            "id": event_id,
            "title": document["title"][i],
            "date": document["date"][i],
            "datetime": document["datetime"][i],
            "years": [document["year"][i], document["year"][i] + document["years"][i]],
            "days": [document["day"][i], document["day"][i] + document["days"][i]],
            "tags": names("tags", i),
            "actors": names("actors", i),
            "url": document["href"].replace("{id}", event_id),
        }
        for i, event_id in enumerate(document["id"])
    ]


def test_index_json_rows_for_the_filters(basic: Path) -> None:
    rows = decode(json.loads(read(basic, "timeline/index.json")))
    row = next(r for r in rows if r["id"] == "treaty-signed")
    assert row["url"] == "treaty-signed/"
    assert row["datetime"] == "2025-01"
    assert row["tags"] == ["treaty", "russia-iran"]
    assert row["years"] == [2025, 2025]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_the_compact_index_decodes_to_the_same_filter_data(
    tmp_path: Path, directory_urls: bool
) -> None:
    """Every field the filters match on, for varied generated events, as the old rows had it."""
    from benchmarks.generate import write_varied_events
    from timeline.check import check_paths

    write_varied_events(tmp_path, 300)
    settings = Settings(root=tmp_path)
    timeline = check_paths(settings).timeline
    assert timeline is not None
    options = SiteOptions(use_directory_urls=directory_urls, axis=False, exports=False)
    built = build_pages(timeline, options)
    document = json.loads(built.data["timeline/index.json"])
    assert set(document) <= {"version", "href", "id", "title", "date", "datetime"} | {
        "year",
        "years",
        "day",
        "days",
        "tags",
        "actors",
    }
    rows = decode(document)
    page = "index.md" if directory_urls else "index.html"
    expected = []
    for event in timeline.events:
        parts = date_parts(event, "en")
        low, high = axis.extent(event)
        url = f"{event.id}/" if directory_urls else f"{event.id}.html"
        expected.append(
            {
                "id": event.id,
                "title": event.title,
                "date": " – ".join(part.label for part in parts),
                "datetime": parts[0].datetime,
                "years": [event.year, upper_year(event)],
                "days": [pytest.approx(axis._number(low)), pytest.approx(axis._number(high))],
                "tags": list(event.tags),
                "actors": list(event.actors),
                "url": url,
            }
        )
    assert page and rows == expected
    assert len({tuple(r["tags"]) for r in rows}) > 3  # the sample has variety to lose


def test_the_compact_index_is_smaller(tmp_path: Path) -> None:
    """Against one object per event with its keys (version 1), gzip-compressed as served."""
    import gzip

    from benchmarks.generate import write_varied_events
    from timeline.check import check_paths

    write_varied_events(tmp_path, 500)
    timeline = check_paths(Settings(root=tmp_path)).timeline
    assert timeline is not None
    built = build_pages(timeline, SiteOptions(axis=False, exports=False))
    compact = built.data["timeline/index.json"].encode()
    rows = decode(json.loads(compact))
    one_object_each = json.dumps({"version": 1, "events": rows}, separators=(",", ":")).encode()
    assert len(compact) < 0.7 * len(one_object_each)
    assert len(gzip.compress(compact)) < len(gzip.compress(one_object_each))
