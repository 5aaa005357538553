from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLE_ROOT
from timeline.check import check_paths
from timeline.config import load_settings
from timeline.dates import parse_date
from timeline.model import Event, Timeline
from timeline.render.pages import SiteOptions, build_pages, choose_split, date_parts
from timeline.render.text import render_markdown, sanitise
from timeline.urls import SLUG_BYTES, page_url, relative_url, slugify, unique_slugs


@pytest.fixture(scope="module")
def example() -> Timeline:
    timeline = check_paths(load_settings(start=EXAMPLE_ROOT)).timeline
    assert timeline is not None
    return timeline


@pytest.mark.parametrize(
    ("src", "directory_urls", "url"),
    [
        ("timeline/index.md", True, "timeline/"),
        ("timeline/index.md", False, "timeline/index.html"),
        ("timeline/a-b.md", True, "timeline/a-b/"),
        ("timeline/a-b.md", False, "timeline/a-b.html"),
        ("timeline/tags/x.md", True, "timeline/tags/x/"),
    ],
)
def test_page_urls_follow_mkdocs(src: str, directory_urls: bool, url: str) -> None:
    assert page_url(src, directory_urls) == url


@pytest.mark.parametrize(
    ("to", "frm", "expected"),
    [
        ("timeline/a/", "timeline/", "a/"),
        ("timeline/", "timeline/a/", "../"),
        ("timeline/tags/x/", "timeline/a/", "../tags/x/"),
        ("timeline/a/", "timeline/a/", "./"),
        ("timeline/a.html", "timeline/b.html", "a.html"),
        ("timeline/index.json", "timeline/years/1990s/", "../../index.json"),
        (
            "timeline/actors/владимир/",
            "timeline/",
            "actors/%D0%B2%D0%BB%D0%B0%D0%B4%D0%B8%D0%BC%D0%B8%D1%80/",
        ),
    ],
)
def test_relative_urls(to: str, frm: str, expected: str) -> None:
    assert relative_url(to, frm) == expected


def test_slugs_keep_scripts_and_stay_unique() -> None:
    assert slugify("Vladimir Putin") == "vladimir-putin"
    assert slugify("Владимир Путин") == "владимир-путин"
    assert slugify("!!!") == "x"
    assert unique_slugs(["C++", "C", "c"]) == {"C": "c", "C++": "c-2", "c": "c-3"}


@given(st.text(min_size=1, max_size=300))
@settings(max_examples=200, deadline=None)
def test_slugs_fit_a_file_name_in_bytes(name: str) -> None:
    slug = slugify(name)
    assert 0 < len(slug.encode("utf-8")) <= SLUG_BYTES
    assert slug == slugify(name)


def test_long_slugs_are_cut_on_a_character_and_stay_apart() -> None:
    tag = "中华人民共和国" * 15  # 105 characters, 315 bytes
    slug = slugify(tag)
    assert len(slug.encode("utf-8")) <= SLUG_BYTES
    assert slug.startswith("中华人民共和国" * 4)
    # Same first 100 bytes, different ends: still two pages.
    slugs = unique_slugs([tag, tag + "国"])
    assert len(set(slugs.values())) == 2
    assert all(len(s.encode("utf-8")) <= SLUG_BYTES + 3 for s in slugs.values())


@pytest.mark.parametrize(
    ("markdown", "kept", "gone"),
    [
        ("<script>alert(1)</script>hi", "hi", "<script"),
        ('<a href="javascript:alert(1)">x</a>', ">x</a>", "javascript:"),
        ("[x](data:text/html,hi)", ">x</a>", "data:"),
        ('<img src="a.png" onerror="alert(1)" alt="a">', 'alt="a"', "onerror"),
        ('<iframe src="https://e.org"></iframe>ok', "ok", "iframe"),
        ('<p style="color:red" class="x">t</p>', "<p>t</p>", "style"),
        ("*em* and **strong** and `code`", "<em>em</em>", "<script"),
        ("| a | b |\n| - | - |\n| 1 | 2 |", "<table>", "<script"),
        ("- one\n- two", "<li>one</li>", "<script"),
        ("[ok](https://example.org)", 'href="https://example.org"', "javascript"),
        ("[mail](mailto:a@example.org)", 'href="mailto:a@example.org"', "javascript"),
    ],
)
def test_markdown_is_sanitised(markdown: str, kept: str, gone: str) -> None:
    html = str(render_markdown(markdown))
    assert kept in html
    assert gone not in html


def test_note_prefix_is_not_metadata() -> None:
    assert "Note: venue moved" in render_markdown("Note: venue moved\n\nMore.")


def test_empty_text_renders_nothing() -> None:
    assert render_markdown("") == ""
    assert render_markdown(None) == ""
    assert sanitise("<b>x</b>") == "<b>x</b>"


def test_date_parts_keep_precision(example: Timeline) -> None:
    by_id = example.by_id
    (month,) = date_parts(by_id["2025-01-russia-iran-partnership-signed"], "en")
    assert month.datetime == "2025-01"
    (day,) = date_parts(by_id["2025-04-21-putin-ratifies-partnership"], "en")
    assert day.datetime == "2025-04-21"
    start, end = date_parts(by_id["2024-02-29-moscow-meets-palestinian-factions"], "en")
    assert (start.datetime, end.datetime) == ("2024-02-29", "2024-03-01")


def test_split_is_chosen_by_threshold(example: Timeline) -> None:
    assert choose_split(example, "auto", 13) == "none"
    assert choose_split(example, "auto", 12) == "year"  # all 13 are in the 2020s
    assert choose_split(example, "auto", 4) == "month"  # 2024 has 5
    assert choose_split(example, "year", 500) == "year"


def test_builds_every_page_once(example: Timeline) -> None:
    built = build_pages(example, SiteOptions())
    uris = [page.src_uri for page in built.pages]
    assert len(uris) == len(set(uris))
    for event in example.events:
        assert f"timeline/{event.id}.md" in uris
    assert "timeline/index.md" in uris
    assert {"timeline/tags/index.md", "timeline/actors/index.md", "timeline/years/index.md"} <= set(
        uris
    )
    # The example has a gazetteer with coordinates: the map page's data and scripts too.
    assert set(built.data) == {
        "timeline/index.json", "timeline/axis.json", "timeline/embed.html", "timeline/map.json"
    } | {
        f"timeline/assets/{name}"
        for name in (
            "land-110m.json", "d3-array.min.js", "d3-geo.min.js", "topojson-client.min.js", "map.js"
        )
    }  # fmt: skip


def test_split_timeline_has_an_overview_and_period_pages(example: Timeline) -> None:
    built = build_pages(example, SiteOptions(split="year"))
    pages = {page.src_uri: page for page in built.pages}
    overview = pages["timeline/index.md"].html
    assert 'href="years/2025/"' in overview
    period = pages["timeline/years/2025.md"].html
    assert "2025-04-21-putin-ratifies-partnership" in period
    assert "2022-02-24-russia-invades-ukraine" not in period
    assert 'rel="prev" href="../2024/"' in period


def test_builds_are_deterministic(example: Timeline) -> None:
    first = build_pages(example, SiteOptions(split="year"))
    second = build_pages(example, SiteOptions(split="year"))
    assert first == second


def test_templates_and_assets_ship_in_the_wheel() -> None:
    import fnmatch
    import tomllib

    from timeline.render import pages

    config = tomllib.loads((EXAMPLE_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["timeline"]
    package = EXAMPLE_ROOT / "timeline"
    shipped = [*pages.TEMPLATES.iterdir(), *pages.ASSETS.iterdir()]
    for path in shipped:
        relative = path.relative_to(package).as_posix()
        assert any(fnmatch.fnmatch(relative, glob) for glob in globs), relative
    assert {p.name for p in pages.ASSETS.iterdir()} >= set(pages.ASSET_NAMES)


def _event(event_id: str, date: str, **fields: object) -> Event:
    when = parse_date(date)
    values: dict[str, Any] = {"title": event_id.title(), **fields}
    return Event(id=event_id, path=f"events/{event_id}.yaml", date=when, when=when, **values)


def test_hand_made_events_render_with_true_precision() -> None:
    timeline = Timeline.build(
        [
            _event("caesar", "44 BC", tags=("rome",)),
            _event("talks", "21–22 April 2025"),
            _event("minute", "2025-01-17T14:30+03:30", summary="Note: venue moved"),
            _event("season", "spring 2024", actors=("Владимир Путин",)),
        ]
    )
    pages = {p.src_uri: p for p in build_pages(timeline, SiteOptions()).pages}
    html = pages["timeline/index.md"].html
    assert '<h2 id="y-43">44 BC</h2>' in html
    # A one-text span gets a <time> for each end: HTML has no range in one datetime.
    assert (
        '<time datetime="2025-04-21">21 April 2025</time> – '
        '<time datetime="2025-04-22">22 April 2025</time>'
    ) in html
    assert '<time datetime="2025-01-17T14:30+03:30">' in html
    assert "<span>spring 2024</span>" in html  # HTML has no season: no datetime invented
    assert "<p>Note: venue moved</p>" in html
    assert 'href="actors/%D0%B2' in html
    assert html.index("y-43") < html.index("y2024") < html.index("y2025")


def test_long_tag_pages_are_paged() -> None:
    events = [_event(f"e{n}", f"{2000 + n}", tags=("war",)) for n in range(7)]
    built = build_pages(Timeline.build(events), SiteOptions(split_threshold=2))
    pages = {p.src_uri: p for p in built.pages}
    assert {"timeline/tags/war.md", "timeline/tags/war/2.md"} <= set(pages)
    assert "timeline/tags/war/3.md" not in pages  # pages of split_threshold * 2 = 4 events
    first = pages["timeline/tags/war.md"].html
    assert first.count('<li><span class="tl-date">') == 4 and 'rel="next" href="2/"' in first
    assert 'rel="prev" href="../"' in pages["timeline/tags/war/2.md"].html


@given(
    st.text(alphabet=st.sampled_from(list("abcXYZ 019.,;:'\"()?-+\n\u00e9\u0416")), max_size=120)
)
@settings(max_examples=400, deadline=None)
def test_plain_prose_fast_path_matches_markdown(text: str) -> None:
    from timeline.render.text import _markdown, plain_paragraphs

    fast = plain_paragraphs(text)
    if fast is not None and text.strip():
        slow = sanitise(_markdown().reset().convert(text))
        assert fast == slow


def test_markdown_nested_too_deep_is_shown_as_text_not_a_crash() -> None:
    from timeline.render.text import render_markdown

    text = "- " * 700 + "x <script>"
    html = str(render_markdown(text))
    assert html.startswith("<p>- - ")
    assert "&lt;script&gt;" in html
