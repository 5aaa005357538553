"""JSON-LD, OpenGraph and Twitter card tags in the pages' <head>."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.sites import build_site, copy_fixture, read
from timeline.dates import parse_date
from timeline.model import Event, Media, Source
from timeline.render.meta import event_head, insert_head, iso_bounds, plain_text, script_json


class HeadReader(HTMLParser):
    """The <head>'s meta tags, canonical links and JSON-LD blocks, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.canonical: list[str] = []
        self.json_ld: list[Any] = []
        self._in_ld = False
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "head":
            self._in_head = True
        if tag == "meta" and self._in_head:
            key = values.get("property") or values.get("name")
            if key:
                self.meta.setdefault(key, []).append(values.get("content", ""))
        if tag == "link" and values.get("rel") == "canonical":
            self.canonical.append(values.get("href", ""))
        self._in_ld = tag == "script" and values.get("type") == "application/ld+json"

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            assert self._in_head, "JSON-LD outside <head>"
            self.json_ld.append(json.loads(data))


def head_of(html: str) -> HeadReader:
    reader = HeadReader()
    reader.feed(html)
    return reader


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2025-04-21", "2025-04-21", None),
        ("April 2025", "2025-04", None),
        ("2025", "2025", None),
        ("1990s", "1990", "1999"),
        ("spring 2025", "2025-03", "2025-05"),
        ("21–22 April 2025", "2025-04-21", "2025-04-22"),
        ("April–June 2025", "2025-04", "2025-06"),
        ("2025-01-17T14:30+03:30", "2025-01-17T14:30+03:30", None),
        ("44 BC", "-0043", None),
        ("2025-40", "2025-01", "2025-06"),
        ("Y-170000002", "-170000002", None),
        ("2022/..", "2022", None),
        ("../2006", None, "2006"),
    ],
)
def test_dates_at_their_precision(text: str, start: str | None, end: str | None) -> None:
    assert iso_bounds(parse_date(text)) == (start, end)


def test_script_json_cannot_end_its_script() -> None:
    value = {"name": "</script><script>alert(1)</script> <!-- \u2028 & done"}
    text = script_json(value)
    assert "</" not in text and "<!--" not in text and "\u2028" not in text
    assert json.loads(text) == value


def _event(**values: Any) -> Event:
    when = parse_date(values.pop("date", "April 2025"))
    return Event(id="e", path="events/e.yaml", title="T", date=when, when=when, **values)


def test_event_json_ld_has_the_required_properties() -> None:
    event = _event(
        summary="A *summary* with `</script>` in it.",
        places=("Moscow",),
        actors=("Russia",),
        media=(Media(src="images/a.jpg", alt="Two men shake hands"),),
        sources=(
            Source(
                title="Report",
                url="https://example.org/r",
                publisher="Agency",
                authors=("Jane Doe",),
                published=parse_date("March 2025"),
                archived="https://web.archive.org/web/2025/https://example.org/r",
            ),
        ),
    )
    html = event_head(
        event,
        url="https://example.org/t/e/",
        site_url="https://example.org/",
        site_name="Site",
    )
    head = head_of(f"<html><head>{html}</head><body></body></html>")
    (data,) = head.json_ld
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert (data["name"], data["startDate"], data["url"]) == (
        "T",
        "2025-04",
        head.meta["og:url"][0],
    )
    assert "endDate" not in data  # a month is a month: no invented last day
    assert data["description"] == "A summary with </script> in it."
    assert data["location"] == [{"@type": "Place", "name": "Moscow"}]
    (citation,) = data["citation"]
    assert citation["datePublished"] == "2025-03"
    assert citation["archivedAt"].startswith("https://web.archive.org/")
    assert data["image"]["url"] == "https://example.org/images/a.jpg"
    assert head.meta["og:image"] == ["https://example.org/images/a.jpg"]
    assert head.meta["og:image:alt"] == ["Two men shake hands"]
    assert head.meta["twitter:card"] == ["summary_large_image"]
    assert head.meta["og:description"] == ["A summary with </script> in it."]
    assert head.meta["og:site_name"] == ["Site"]


def test_without_a_site_url_there_is_no_url_and_no_relative_image() -> None:
    event = _event(media=(Media(src="images/a.jpg", alt="A"),))
    head = head_of(
        "<head>" + event_head(event, url=None, site_url=None, site_name=None) + "</head>"
    )
    (data,) = head.json_ld
    assert "url" not in data and "image" not in data
    assert "og:url" not in head.meta and "og:image" not in head.meta
    assert head.meta["twitter:card"] == ["summary"]
    assert head.meta["og:description"] == ["April 2025: T"]


def test_plain_text_is_cut_at_a_word() -> None:
    text = plain_text("word " * 100, limit=50)
    assert len(text) <= 50 and text.endswith("word…")


def test_insert_head_goes_before_the_first_head_end() -> None:
    assert insert_head("<head><title>x</title></head><body></head>", "<meta>") == (
        "<head><title>x</title><meta></head><body></head>"
    )
    assert insert_head("<p>no head</p>", "<meta>") == "<p>no head</p>"
    described = insert_head("<head></head>", "", "A & B")
    assert described == '<head><meta name="description" content="A &amp; B">\n</head>'
    themed = '<head><meta name="description" content="theirs"></head>'
    assert insert_head(themed, "", "ours") == themed


# -- in built sites -------------------------------------------------------------


@pytest.fixture(scope="module", params=["basic", "material"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    name = request.param
    project = copy_fixture(name, tmp_path_factory.mktemp(name) / "project")
    treaty = project / "events" / "treaty-signed.yaml"
    treaty.write_text(
        treaty.read_text(encoding="utf-8")
        + "media:\n  - src: https://example.org/signing.jpg\n"
        + '    alt: The signing, "at last" </script>\n',
        encoding="utf-8",
    )
    return build_site(project)


@pytest.mark.slow
def test_event_pages_carry_valid_json_ld_and_cards(site: Path) -> None:
    page = next(site.rglob("treaty-signed/index.html"))
    html = page.read_text(encoding="utf-8")
    head = head_of(html)
    events = [d for d in head.json_ld if d.get("@type") == "Event"]
    (data,) = events
    assert data["name"] == 'Treaty signed <script>alert("title")</script>'
    assert data["startDate"] == "2025-01"
    assert data["location"] == [{"@type": "Place", "name": "Moscow"}]
    assert data["citation"][0]["name"] == "The treaty text"
    assert data["url"].startswith("https://example.org/")
    assert data["url"].endswith("/treaty-signed/")
    # One canonical link: the theme's own, from site_url; the plugin adds none.
    assert head.canonical == [data["url"]]
    assert head.meta["og:title"] == [data["name"]]
    assert head.meta["og:image:alt"] == ['The signing, "at last" </script>']
    assert head.meta["description"] == ["Note: venue moved to Moscow at the last minute."]
    assert "<script>alert" not in html  # the hostile title is escaped everywhere
    assert 'id="cite-this-event"' in html
    assert f'<a href="{data["url"]}">' in html


@pytest.mark.slow
def test_the_timeline_page_carries_an_item_list(site: Path) -> None:
    pages = [p for p in site.rglob("index.html") if "ItemList" in p.read_text(encoding="utf-8")]
    assert pages
    lists = [d for p in pages for d in head_of(read(p, "")).json_ld if d["@type"] == "ItemList"]
    total = sum(d["numberOfItems"] for d in lists)
    published = json.loads(next(site.rglob("timeline.json")).read_text(encoding="utf-8"))
    assert total == len(published["events"]) > 1  # drafts are not published
    for data in lists:
        assert [item["position"] for item in data["itemListElement"]] == list(
            range(1, data["numberOfItems"] + 1)
        )
        assert all(
            item["url"].startswith("https://example.org/") for item in data["itemListElement"]
        )
