from __future__ import annotations

import json
import logging
import re
from dataclasses import fields
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from tests.sites import build_site, copy_fixture, read, tree
from timeline.config import Settings, options_table
from timeline.errors import ConfigError
from timeline.plugin import TimelineConfig

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def basic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default-theme fixture, built in strict mode."""
    project = copy_fixture("basic", tmp_path_factory.mktemp("basic") / "project")
    return build_site(project)


@pytest.fixture(scope="module")
def material(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_fixture("material", tmp_path_factory.mktemp("material") / "project")
    return build_site(project)


def test_plugin_options_are_the_settings_table() -> None:
    settings = {option.name for option in options_table()}
    assert settings == {f.name for f in fields(Settings)} - {"root"}
    assert [name for name, _ in TimelineConfig._schema] == [o.name for o in options_table()]


def test_plugin_defaults_agree_with_settings() -> None:
    config = TimelineConfig()
    config.load_dict({})
    errors, _warnings = config.validate()
    assert not errors
    defaults = Settings(root=Path("."))
    for option in options_table():
        assert config[option.name] == getattr(defaults, option.name), option.name


def test_plugin_and_cli_refuse_the_same_values() -> None:
    bad = {"languages": ["xx"], "split_threshold": 0, "home_events": True, "pages_dir": "/../"}
    with pytest.raises(ConfigError) as raised:
        Settings.from_mapping(bad, root=Path("."))
    for name, value in bad.items():
        config = TimelineConfig()  # MkDocs stops at a plugin's first bad option
        config.load_dict({name: value})
        errors, _warnings = config.validate()
        assert [(key, str(error)) for key, error in errors] == [(name, errors[0][1].args[0])]
        assert f"{name}: {errors[0][1]}" in str(raised.value)


def test_timeline_page_groups_and_dates(basic: Path) -> None:
    html = read(basic, "timeline/index.html")
    assert '<ol class="tl-events">' in html
    assert '<section class="tl-year" aria-labelledby="y2025">' in html
    assert '<h2 id="y2025">2025</h2>' in html
    assert '<h3 id="y2025-01" class="tl-month">January 2025</h3>' in html
    assert '<time datetime="2025-01">January 2025</time>' in html
    assert '<time datetime="2025-04-21">21 April 2025</time>' in html
    # A span: the start and the end, each in its own <time>.
    assert re.search(
        r'<time datetime="2024-02-29">[^<]+</time> – <time datetime="2024-03-01">', html
    )
    # Approximate dates are marked in words.
    assert "tl-approximate" in html and ">approximate</span>" in html
    assert 'href="treaty-ratified/"' in html
    assert 'href="tags/treaty/"' in html
    # Drafts stay out.
    assert "Not ready yet" not in html


def test_event_page(basic: Path) -> None:
    html = read(basic, "timeline/treaty-signed/index.html")
    assert "<h1>Treaty signed &lt;script&gt;" in html  # escaped, not run
    assert '<script>alert("title")' not in html
    assert "Note: venue moved to Moscow" in html
    assert 'id="source-1"' in html and "Example Wire" in html and "Archived copy" in html
    assert "<em>agree</em>" in html
    assert 'href="../treaty-ratified/"' in html  # related
    assert 'href="../drones-circa/"' in html  # linked from (backlink)
    assert 'rel="next" href="../treaty-ratified/"' in html
    assert 'rel="prev" href="../talks-span/"' in html
    assert 'href="https://github.com/example/fixture/edit/main/events/treaty-signed.yaml"' in html
    assert (
        'href="../actors/%D0%B2%D0%BB%D0%B0%D0%B4%D0%B8%D0%BC%D0%B8%D1%80-%D0%BF%D1%83%D1%82%D0%B8%D0%BD/"'
        in html
    )


def test_untrusted_markdown_is_sanitised(basic: Path) -> None:
    html = read(basic, "timeline/treaty-ratified/index.html")
    body = html[html.index('<article class="tl-page') : html.index("</article>")]
    for bad in ("<script", "<iframe", "javascript:", "data:text", "onclick"):
        assert bad not in body
    for good in ('<a href="https://example.org/law"', "<table>", "<em>finance</em>", "<pre><code>"):
        assert good in body
    assert '<img src="../../images/signing.png" alt="Two leaders at a signing table"' in body


def test_event_pages_are_not_in_the_nav(basic: Path) -> None:
    home = read(basic, "index.html")
    assert "treaty-signed" not in home
    assert "timeline/" in home  # the timeline itself is


def test_index_pages_count_and_link(basic: Path) -> None:
    tags = read(basic, "timeline/tags/index.html")
    assert re.search(r'href="treaty/">treaty</a> <span class="tl-count">2 events</span>', tags)
    tag = read(basic, "timeline/tags/treaty/index.html")
    assert 'href="../../treaty-signed/"' in tag
    years = read(basic, "timeline/years/index.html")
    assert "1990" in years and "2025" in years
    assert (basic / "timeline/places/moscow/index.html").is_file()


# Search (Lunr's index, Pagefind) and the filters' index.json: tests/test_search.py.


def test_assets_are_published(basic: Path) -> None:
    assert (basic / "timeline/assets/timeline.css").is_file()
    assert (basic / "timeline/assets/timeline.js").is_file()
    html = read(basic, "timeline/index.html")
    assert "assets/timeline.js" in html and "assets/timeline.css" in html


def test_material_theme_site(material: Path) -> None:
    html = read(material, "chronology/index.html")
    assert "<h1>The chronology</h1>" in html
    # Descending: the newest year comes first.
    assert html.index('id="y2025"') < html.index('id="y1990s"')
    page = read(material, "chronology/treaty-signed/index.html")
    assert "Note: venue moved to Moscow" in page
    assert "Treaty signed &lt;script&gt;" in page


def test_builds_are_reproducible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1745280000")
    project = copy_fixture("material", tmp_path / "project")
    first = tree(build_site(project, tmp_path / "one"))
    second = tree(build_site(project, tmp_path / "two"))
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    assert "sitemap.xml.gz" in first and "search/search_index.json" in first


def _good_site(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    project = copy_fixture("basic", tmp_path / "project")
    site = build_site(project)
    return project, site, tree(site)


def test_an_invalid_event_stops_the_build_and_keeps_the_site(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project, site, before = _good_site(tmp_path)
    (project / "events/bad.yaml").write_text("title: Bad\ndate: someday\n", encoding="utf-8")
    (project / "events/worse.yaml").write_text("title: Worse\n", encoding="utf-8")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(project)
    assert "events/bad.yaml:2:7: E105" in caplog.text
    assert "events/worse.yaml" in caplog.text and "E102" in caplog.text
    assert tree(site) == before
    assert [p.name for p in project.iterdir() if "staging" in p.name] == []


def test_a_template_error_keeps_the_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import jinja2

    from timeline.render import pages

    project, site, before = _good_site(tmp_path)
    real = pages.environment()
    broken = real.overlay(
        loader=jinja2.ChoiceLoader(
            [jinja2.DictLoader({"event.html": "{{ no_such_value.x }}"}), real.loader]
        )
    )
    monkeypatch.setitem(pages._ENVS, "en", broken)
    with pytest.raises(jinja2.UndefinedError):
        build_site(project)
    assert tree(site) == before
    assert [p.name for p in project.iterdir() if "staging" in p.name] == []


def test_a_strict_mode_warning_keeps_the_site(tmp_path: Path) -> None:
    project, site, before = _good_site(tmp_path)
    (project / "docs/broken.md").write_text("[x](missing.md)\n", encoding="utf-8")
    with pytest.raises(Abort):
        build_site(project)
    assert tree(site) == before


def test_a_good_build_replaces_the_site(tmp_path: Path) -> None:
    project, site, _before = _good_site(tmp_path)
    (project / "events/new-one.yaml").write_text("title: New\ndate: 2025-05-01\n", encoding="utf-8")
    build_site(project)
    assert (site / "timeline/new-one/index.html").is_file()


def test_large_timelines_are_split(tmp_path: Path) -> None:
    project = copy_fixture("basic", tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - timeline\n", "  - timeline:\n      split_threshold: 2\n")
    )
    site = build_site(project)
    overview = read(site, "timeline/index.html")
    assert 'href="years/2025/"' in overview and "2 events" in overview
    assert (site / "timeline/years/2025/index.html").is_file()
    assert (site / "timeline/years/1990s/index.html").is_file() or (
        site / "timeline/years/1990/index.html"
    ).is_file()


def test_reserved_ids_are_refused(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = copy_fixture("basic", tmp_path / "project")
    (project / "events/tags.yaml").write_text("title: Tags\ndate: 2020\n", encoding="utf-8")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(project)
    assert "events/tags.yaml" in caplog.text
    assert "E206" in caplog.text


def test_the_example_site_builds(tmp_path: Path) -> None:
    from tests.conftest import EXAMPLE_ROOT

    site = build_site(EXAMPLE_ROOT, tmp_path / "site")
    html = read(site, "timeline/index.html")
    assert html.count('<article class="tl-event"') == 13
    assert (site / "guide/site.html").is_file()  # use_directory_urls: false (opens from disk)
    assert (site / "timeline/2025-04-21-putin-ratifies-partnership.html").is_file()
    home = read(site, "index.html")
    assert 'href="timeline/index.html"' in home
    # The home page says what the timeline is about and shows its latest events.
    assert "Comprehensive Strategic Partnership Agreement" in home
    latest = re.findall(r'<h4 class="tl-title"><a href="([^"]+)">', home.split("tl-home", 1)[1])
    assert len(latest) == 5
    assert latest[0] == "timeline/2025-04-22-araghchi-heads-to-beijing.html"


@pytest.mark.parametrize("poll", [False, True])
def test_serve_watches_the_events_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, poll: bool
) -> None:
    from mkdocs.config import load_config

    if poll:
        monkeypatch.setenv("TIMELINE_SERVE_POLL", "1")
    else:
        monkeypatch.delenv("TIMELINE_SERVE_POLL", raising=False)

    project = copy_fixture("basic", tmp_path / "project")
    config = load_config(config_file=str(project / "mkdocs.yml"))
    plugin = config.plugins["timeline"]
    plugin.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    assert plugin.staged is None  # serve builds into its own temporary folder

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = plugin.on_serve(Server(), config=config, builder=lambda: None)
    try:
        if poll:  # MkDocs' own (polling) watch
            assert server.watched == [str(project / "events")]
        else:  # the system's watcher (inotify), which costs nothing while idle
            watches = {e.watch.path: e.watch.is_recursive for e in plugin.observer.emitters}
            # The folder, and (not recursively) its parent, to re-arm it when it is remade.
            assert watches == {str(project / "events"): True, str(project): False}
            assert server.watched == []
    finally:
        plugin.on_shutdown()


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_timeline_link_resolves(tmp_path: Path, directory_urls: bool) -> None:
    import posixpath
    from urllib.parse import unquote, urlsplit

    project = copy_fixture("basic", tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - timeline\n", "  - timeline:\n      split_threshold: 2\n")
        + f"use_directory_urls: {str(directory_urls).lower()}\n"
    )
    site = build_site(project)
    checked = 0
    for page in (site / "timeline").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        body = html[html.index('class="tl-') :]
        for href in re.findall(r'(?:href|src)="([^"#?]+)', body):
            if urlsplit(href).scheme or href.startswith("//"):
                continue
            target = posixpath.normpath(
                posixpath.join(page.parent.relative_to(site).as_posix(), unquote(href))
            )
            path = site / target
            if href.endswith("/"):
                path = path / "index.html"
            assert path.is_file(), f"{page.relative_to(site)}: {href}"
            checked += 1
    assert checked > 100


def test_exports_are_published_and_linked(basic: Path) -> None:
    html = read(basic, "timeline/index.html")
    links = re.search(r'<p class="tl-downloads">(.*?)</p>', html)
    assert links is not None
    names = re.findall(r'href="([^"]+)">([^<]+)</a>', links.group(1))
    assert [label for _, label in names] == [
        "JSON", "TimelineJS", "CSV", "iCalendar", "Atom feed", "JSON Feed"
    ]  # fmt: skip
    for href, _ in names:
        assert (basic / "timeline" / href).is_file(), href
    exported = json.loads(read(basic, "timeline/timeline.json"))
    assert len(exported["events"]) == html.count('<article class="tl-event"')
    feed = read(basic, "timeline/atom.xml")
    assert "https://example.org/fixture/timeline/" in feed


def test_exports_can_be_turned_off(tmp_path: Path) -> None:
    project = copy_fixture("basic", tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - timeline\n", "  - timeline:\n      exports: false\n")
    )
    site = build_site(project)
    assert not (site / "timeline" / "timeline.ics").exists()
    assert "tl-downloads" not in read(site, "timeline/index.html")


def test_event_pages_show_their_git_history(tmp_path: Path) -> None:
    from tests.gitrepo import GitRepo

    project = copy_fixture("basic", tmp_path / "project")
    repo = GitRepo(project)
    repo.commit("Add the fixture", date="2025-03-03T10:00:00+00:00")
    signed = project / "events" / "treaty-signed.yaml"
    signed.write_text(signed.read_text() + "order: 1\n")
    repo.commit("Order the signing", date="2025-04-21T10:00:00+00:00")
    site = build_site(project)

    page = read(site, "timeline/treaty-signed/index.html")
    history = re.search(r'<p class="tl-history">(.*?)</p>', page)
    assert history is not None
    assert '<time datetime="2025-03-03">3 March 2025</time>' in history.group(1)
    assert '<time datetime="2025-04-21">21 April 2025</time>' in history.group(1)
    assert "2 revisions" in history.group(1)
    assert (
        'href="https://github.com/example/fixture/commits/main/events/treaty-signed.yaml"'
        in history.group(1)
    )
    once = read(site, "timeline/treaty-ratified/index.html")
    assert "Added <time" in once and "revisions" not in once

    # Recently changed: each commit once, with the events it was the latest change of.
    changes = read(site, "timeline/changes/index.html")
    commits = re.findall(
        r'<li class="tl-commit"[^>]*><time[^>]*>([^<]+)</time> — '
        r'<span class="tl-subject">([^<]+)</span>.*?<ul>(.*?)</ul>',
        changes,
        re.S,
    )
    assert [(when, subject) for when, subject, _ in commits] == [
        ("21 April 2025", "Order the signing"),
        ("3 March 2025", "Add the fixture"),
    ]
    events = [
        re.findall(r"<li>(added|changed): <a href=\"([^\"]+)\"", rows) for *_, rows in commits
    ]
    assert events[0] == [("changed", "../treaty-signed/")]
    assert sorted(events[1]) == [
        ("added", f"../{name}/")
        for name in ("cold-war-decade", "drones-circa", "talks-span", "treaty-ratified")
    ]


def test_without_git_there_is_no_history_and_the_build_works(basic: Path) -> None:
    assert "tl-history" not in read(basic, "timeline/treaty-signed/index.html")
    assert "No history" in read(basic, "timeline/changes/index.html")


def test_a_tag_named_index_does_not_replace_the_tag_list(tmp_path: Path) -> None:
    project = copy_fixture("basic", tmp_path / "project")
    (project / "events/indexed.yaml").write_text(
        "title: Indexed\ndate: 2020\ntags: [Index]\n", encoding="utf-8"
    )
    site = build_site(project)
    assert "Index" in read(site, "timeline/tags/index-2/index.html")
    assert 'href="index-2/"' in read(site, "timeline/tags/index.html")
