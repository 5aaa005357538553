from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.sites import build_site, copy_fixture, read
from timeline.config import Settings, load_settings
from timeline.dates import parse_date
from timeline.model import Event, Timeline
from timeline.render.home import HOME_MARKER, home_events


def _event(event_id: str, text: str) -> Event:
    when = parse_date(text)
    return Event(id=event_id, path=f"events/{event_id}.yaml", title=event_id, date=when, when=when)


EVENTS = [_event("b", "2001"), _event("a", "1999"), _event("d", "2003"), _event("c", "2002")]


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize(
    ("mode", "count", "expected"),
    [
        ("latest", 2, ["d", "c"]),
        ("first", 2, ["a", "b"]),
        ("latest", 10, ["d", "c", "b", "a"]),
        ("none", 2, []),
        ("latest", 0, []),
    ],
)
def test_home_events(descending: bool, mode: str, count: int, expected: list[str]) -> None:
    timeline = Timeline.build(EVENTS, descending=descending)
    assert [e.id for e in home_events(timeline, mode, count)] == expected


def _titles(html: str) -> list[str]:
    block = html.split('class="tl tl-root tl-home"', 1)[1]
    return re.findall(r'<h4 class="tl-title"><a href="[^"]+">([^<]+)</a>', block)


def _project(tmp_path: Path, options: str = "", index: str | None = None) -> Path:
    project = copy_fixture("basic", tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - timeline\n", f"  - timeline:{options}\n"))
    if index is None:
        (project / "docs" / "index.md").unlink()
    else:
        (project / "docs" / "index.md").write_text(index, encoding="utf-8")
    return project


@pytest.mark.slow
def test_without_an_index_md_the_home_is_the_latest_events(tmp_path: Path) -> None:
    site = build_site(_project(tmp_path, "\n      home_events: 2"))
    home = read(site, "index.html")
    assert "<h1>Timeline</h1>" in home
    # Newest first; titles stay escaped (event text is untrusted).
    assert _titles(home) == [
        "Treaty ratified",
        "Treaty signed &lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;",
    ]
    assert '<a href="timeline/">All 5 events</a>' in home
    # The whole timeline's axis above the events, its data relative to the page.
    assert '<figure class="tl-axis" data-tl-axis="timeline/axis.json"' in home
    assert home.index('class="tl-axis"') < home.index("tl-home-heading")
    assert "<title>Fixture timeline</title>" in home  # the theme titles a home by the site


@pytest.mark.slow
def test_home_first_and_none(tmp_path: Path) -> None:
    site = build_site(_project(tmp_path / "first", "\n      home: first\n      home_events: 2"))
    assert _titles(read(site, "index.html")) == ["A decade of change", "Drones supplied"]
    site = build_site(_project(tmp_path / "none", "\n      home: none"))
    assert not (site / "index.html").exists()  # as MkDocs does without an index.md


@pytest.mark.slow
def test_a_hand_written_home_shows_the_block_at_its_marker(tmp_path: Path) -> None:
    index = f"# About\n\nWhat this is.\n\n{HOME_MARKER}\n\nThe end.\n"
    project = _project(tmp_path, "\n      home_events: 1", index=index)
    home = read(build_site(project), "index.html")
    assert HOME_MARKER not in home
    assert home.index("What this is.") < home.index("tl-home") < home.index("The end.")
    assert _titles(home) == ["Treaty ratified"]
    assert '<a href="timeline/treaty-ratified/">' in home  # relative to the page
    assert "<h1>Timeline</h1>" not in home  # the page has its own title


def test_home_options_are_site_options_the_cli_accepts(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - timeline:\n      home: first\n      home_events: 3\n"
    )
    # One table of settings: the CLI reads (and checks) the site's options too.
    expected = Settings(root=tmp_path, home="first", home_events=3)
    assert load_settings(tmp_path / "mkdocs.yml") == expected


def test_a_negative_home_events_is_a_clear_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        build_site(_project(tmp_path, "\n      home_events: -1"))
    assert "home_events': expected a whole number of 0 or more, got -1" in caplog.text


def test_the_home_page_links_as_the_build_does() -> None:
    from timeline.render.home import Home
    from timeline.render.pages import SiteOptions, build_pages

    timeline = Timeline.build(EVENTS)
    built = build_pages(timeline, SiteOptions(use_directory_urls=False))
    html = Home(built.site, "latest", 2).page().html
    # The links the home page shares with the build's pages: the same URLs.
    assert 'href="timeline/d.html"' in html
    assert 'href="timeline/d.html"' in html.replace(
        built.site.url("timeline/d.md"), "timeline/d.html"
    )
    assert 'href="timeline/index.html"' in html
