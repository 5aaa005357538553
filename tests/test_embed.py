"""The embeddable view (timeline/embed.html) and the Embed snippet, as built HTML."""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_ROOT, WriteEvent
from tests.sites import build_site, copy_fixture
from timeline.check import check_paths
from timeline.config import Settings, load_settings
from timeline.model import Timeline
from timeline.render.embed import HEIGHT_SCRIPT, _json_island, iframe_code
from timeline.render.pages import ASSET_NAMES, SiteOptions, build_pages


@pytest.fixture(scope="module")
def example() -> Timeline:
    timeline = check_paths(load_settings(start=EXAMPLE_ROOT)).timeline
    assert timeline is not None
    return timeline


OPTIONS = SiteOptions(use_directory_urls=False, title="Example & co")


def built(timeline: Timeline, options: SiteOptions = OPTIONS) -> tuple[dict[str, str], str | None]:
    """(the pages' HTML by src_uri, the embed page's HTML or None)."""
    site = build_pages(timeline, options)
    return {p.src_uri: p.html for p in site.pages}, site.data.get("timeline/embed.html")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(text: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(text)
    return parser.tags


def test_the_embed_loads_only_the_packages_own_files_by_relative_url(example: Timeline) -> None:
    _pages, embed = built(example)
    assert embed is not None
    loaded = [
        attrs.get("src") or attrs.get("href") or ""
        for tag, attrs in tags(embed)
        if tag in ("script", "link", "img", "iframe", "source")
        and (attrs.get("src") or attrs.get("rel") in ("stylesheet", "preload", "icon"))
    ]
    assert "assets/timeline.css" in loaded and "assets/embed.js" in loaded
    assert all(not re.match(r"^([a-z]+:|//)", url) for url in loaded), loaded
    shipped = {f"assets/{name}" for name in ASSET_NAMES} | {"axis.json"}
    assert set(loaded) <= shipped


def test_the_embed_has_no_site_chrome_and_links_open_the_top_window(example: Timeline) -> None:
    _pages, embed = built(example)
    assert embed is not None
    found = tags(embed)
    assert ("base", {"target": "_top"}) in found
    # No theme: no nav bar, no search box, no other page's scripts or fonts.
    assert not [t for t, _a in found if t in ("nav", "header", "footer", "iframe")]
    assert "search" not in {a.get("type") for _t, a in found if _t == "input"}
    # Any link that names its own target would escape the base: none does.
    assert all("target" not in a for t, a in found if t == "a")
    # Nothing that would keep it out of a frame (a host's headers decide that).
    assert "x-frame-options" not in embed.lower() and "frame-ancestors" not in embed


def test_the_embed_lists_every_event_with_the_axis(example: Timeline) -> None:
    _pages, embed = built(example)
    assert embed is not None
    ids = re.findall(r'<article class="tl-event" id="([^"]+)"', embed)
    assert ids == [event.id for event in example.events]
    assert 'data-tl-axis="axis.json"' in embed and "data-tl-complete" in embed
    # Events link to their pages on the full site, beside the embed.
    first = example.events[0]
    assert f'href="{first.id}.html"' in embed


def test_the_embeds_selections_name_places_by_name_and_slug_and_eras_by_id(
    example: Timeline,
) -> None:
    _pages, embed = built(example)
    assert embed is not None
    island = re.search(r'id="tl-embed-selections">(.*?)</script>', embed, re.S)
    assert island is not None
    chosen = json.loads(island.group(1))
    for name, events in example.by_place.items():
        assert chosen["place"][name]["ids"] == [e.id for e in events]
    assert chosen["place"]["new-york"] is not None
    assert chosen["place"]["new-york"]["facet"] == "New York"
    assert set(chosen["era"]) == {era.id for era in example.eras}
    for era in example.eras:
        assert chosen["era"][era.id]["ids"] == [e.id for e in example.events_of(era)]
        lo, hi = map(float, chosen["era"][era.id]["view"].split(","))
        assert lo < hi


def test_the_json_island_cannot_end_its_script_early() -> None:
    text = _json_island({"place": {"</script><script>alert(1)</script>": {"<!--": 1}}})
    assert "<" not in text
    assert json.loads(text) == {"place": {"</script><script>alert(1)</script>": {"<!--": 1}}}


def test_a_split_timeline_embeds_its_first_period_and_searches_all(example: Timeline) -> None:
    _pages, embed = built(example, replace(OPTIONS, split="year"))
    assert embed is not None
    ids = re.findall(r'<article class="tl-event" id="([^"]+)"', embed)
    first_year = example.events[0].year
    assert ids and all(e.year == first_year for e in example.events if e.id in ids)
    assert len(ids) < len(example.events)
    assert "data-tl-complete" not in embed and 'data-tl-index="index.json"' in embed


def test_embed_false_publishes_no_embed_and_no_snippet(example: Timeline) -> None:
    pages, embed = built(example, replace(OPTIONS, embed=False))
    assert embed is None
    assert "tl-embed-snippet" not in pages["timeline/index.md"]


def _snippet(page: str) -> tuple[dict[str, str | None], str]:
    box = next(a for t, a in tags(page) if t == "details" and "data-tl-embed-snippet" in a)
    code = re.search(r"<textarea[^>]*data-tl-embed-code>(.*?)</textarea>", page, re.S)
    assert code is not None
    return box, html.unescape(code.group(1))


def test_the_snippet_is_relative_without_site_url_and_says_so(example: Timeline) -> None:
    pages, _embed = built(example)
    page = pages["timeline/index.md"]
    box, code = _snippet(page)
    assert box["data-tl-embed-src"] == "embed.html"
    assert 'src="embed.html"' in code and "replace it with the full address" in page
    # The code is shown as text (escaped once), and is itself valid, escaped HTML.
    found = tags(code)
    assert found[0][0] == "iframe"
    attrs = found[0][1]
    assert attrs["title"] == "Example & co (embedded)"
    assert attrs["height"] == "600" and "data-timeline-embed" in attrs
    assert "allow-top-navigation-by-user-activation" in (attrs["sandbox"] or "")


def test_the_snippet_is_absolute_with_site_url(example: Timeline) -> None:
    options = replace(OPTIONS, site_url="https://example.org/history/")
    pages, embed = built(example, options)
    page = pages["timeline/index.md"]
    box, code = _snippet(page)
    assert box["data-tl-embed-src"] == "https://example.org/history/timeline/embed.html"
    assert 'src="https://example.org/history/timeline/embed.html"' in code
    assert "replace it with the full address" not in page
    assert embed is not None
    assert '<link rel="canonical" href="https://example.org/history/timeline/index.html">' in embed


def test_the_snippet_comes_with_the_optional_height_script(example: Timeline) -> None:
    pages, _embed = built(example)
    page = pages["timeline/index.md"]
    assert html.escape(HEIGHT_SCRIPT, quote=False) in page.replace("&#39;", "'").replace(
        "&#34;", '"'
    )
    assert "timeline:height" in HEIGHT_SCRIPT and "e.source" in HEIGHT_SCRIPT


def test_the_iframe_code_escapes_its_attributes() -> None:
    code = iframe_code('https://x.org/a?b=1&c="2"', "<T>")
    attrs = tags(code)[0][1]
    assert attrs["src"] == 'https://x.org/a?b=1&c="2"' and attrs["title"] == "<T>"


def test_the_embed_setting_is_declared_once_and_checked(tmp_path: Path) -> None:
    assert Settings(root=tmp_path).embed is True
    assert Settings.from_mapping({"embed": False}, root=tmp_path).embed is False
    from timeline.errors import ConfigError

    with pytest.raises(ConfigError, match="embed"):
        Settings.from_mapping({"embed": "sometimes"}, root=tmp_path)


@pytest.mark.slow
def test_a_built_site_has_the_embed_unless_disabled(tmp_path: Path) -> None:
    project = copy_fixture("basic", tmp_path / "project")
    site = build_site(project)
    embed = (site / "timeline" / "embed.html").read_text(encoding="utf-8")
    assert embed.startswith("<!doctype html>") and "tl-embed-snippet" not in embed
    assert (site / "timeline" / "assets" / "embed.js").is_file()
    assert "tl-embed-snippet" in (site / "timeline" / "index.html").read_text(encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - timeline\n", "  - timeline:\n      embed: false\n")
    )
    site = build_site(project, tmp_path / "off")
    assert not (site / "timeline" / "embed.html").exists()
    assert "tl-embed-snippet" not in (site / "timeline" / "index.html").read_text(encoding="utf-8")


def test_an_event_cannot_take_the_embeds_name(write_event: WriteEvent, settings: Settings) -> None:
    # With use_directory_urls: false its page would be timeline/embed.html.
    write_event("embed.yaml", "title: A clash\ndate: 2025\n")
    problems = check_paths(settings).problems
    assert [p.code for p in problems] == ["E206"]
    assert "'embed'" in problems[0].message


GUIDE = EXAMPLE_ROOT / "docs" / "guide" / "embed.md"


def test_the_guide_shows_the_height_script_as_the_snippet_gives_it() -> None:
    assert HEIGHT_SCRIPT in GUIDE.read_text(encoding="utf-8")


def test_the_guide_lists_every_parameter_the_embed_passes_on() -> None:
    script = (EXAMPLE_ROOT / "timeline" / "render" / "assets" / "embed.js").read_text()
    shared = re.search(r"var SHARED = \[([^\]]*)\]", script)
    assert shared is not None
    names = re.findall(r'"([a-z]+)"', shared.group(1))
    documented = set(re.findall(r"^\| `([a-z]+)`(?:, `([a-z]+)`)? \|", GUIDE.read_text(), re.M))
    listed = {name for pair in documented for name in pair if name}
    assert set(names) == listed
