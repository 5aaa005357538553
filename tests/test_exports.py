"""Each export format, read back by a real parser where one exists."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import feedparser
import icalendar
import pytest

from timeline.check import check_paths
from timeline.config import Settings
from timeline.dates import parse_date
from timeline.errors import ConfigError
from timeline.exports import ExportOptions, build_stamp, export, publish_all
from timeline.exports.ics import escape_text, fold
from timeline.exports.published_site import Site
from timeline.exports.timelinejs import date_object, tljs_year
from timeline.model import Timeline

EVENTS = {
    "day.yaml": "title: Treaty signed, at last; in Moscow\ndate: 2025-04-21\n"
    "summary: |\n  Putin *signs*.\n\n  Second line, with a comma.\ntags: [treaty, russia]\n"
    "places: [Moscow]\n",
    "span.yaml": "title: Talks\ndate: 2025-04-01\nend: 2025-04-03\n",
    "minute.yaml": "title: Speech\ndate: 2025-01-17T14:30+03:30\n",
    "floating.yaml": "title: Local meeting\ndate: 2025-01-18T09:05\n",
    "month.yaml": "title: Month event\ndate: Jan 2025\n",
    "decade.yaml": "title: The nineties\ndate: 1990s\n",
    "circa.yaml": "title: Approximate\ndate: circa 1990\n",
    "season.yaml": "title: Spring thing\ndate: spring 2024\n",
    "bc.yaml": "title: Caesar dies\ndate: 15 March 44 BC\n",
    "bc-year.yaml": "title: Old year\ndate: 500 BC\n",
    "media.yaml": "title: With a picture\ndate: 2024-06-01\nmedia:\n"
    "  - src: images/p.jpg\n    alt: A picture\n    caption: The *caption*\n    credit: Me & co\n",
    "xss.yaml": "title: <script>alert(1)</script>\ndate: 2024-07-01\n"
    "summary: '[x](javascript:alert(1)) <img src=x onerror=alert(1)> <b onclick=\"y\">b</b>'\n",
}


@pytest.fixture
def timeline(project: Path) -> Timeline:
    for name, text in EVENTS.items():
        (project / "events" / name).write_text(text, encoding="utf-8")
    result = check_paths(Settings(root=project))
    assert result.timeline is not None, [p.format() for p in result.problems]
    return result.timeline


SITE = Site(name="History, etc.", url="https://example.org/hist/", description="What happened")


def run(fmt: str, timeline: Timeline, **options: object) -> tuple[bytes, tuple[str, ...]]:
    result = export(fmt, timeline, ExportOptions(**options))  # type: ignore[arg-type]
    return result.content, result.notes


# -- TimelineJS ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-04-21", {"year": "2025", "month": "4", "day": "21"}),
        ("Jan 2025", {"year": "2025", "month": "1"}),
        ("2025", {"year": "2025"}),
        ("1990s", {"year": "1990"}),
        ("spring 2024", {"year": "2024"}),
        ("Q2 2025", {"year": "2025"}),
        (
            "2025-01-17T14:30",
            {"year": "2025", "month": "1", "day": "17", "hour": "14", "minute": "30"},
        ),
        ("500 BC", {"year": "-500"}),
        ("1 BC", {"year": "-1"}),
        ("15 March 44 BC", {"year": "-44", "month": "3", "day": "15"}),
    ],
)
def test_timelinejs_date_fields_follow_precision(text: str, expected: dict[str, str]) -> None:
    assert date_object(parse_date(text)) == expected


def test_timelinejs_year_numbering() -> None:
    assert [tljs_year(y) for y in (2025, 1, 0, -499)] == [2025, 1, -1, -500]


def test_timelinejs_export(timeline: Timeline) -> None:
    content, _ = run("timelinejs", timeline, site=SITE)
    data = json.loads(content)
    assert data["title"]["text"]["headline"] == "History, etc."
    slides = {slide["unique_id"]: slide for slide in data["events"]}
    assert len(slides) == len(EVENTS)
    day = slides["day"]
    assert day["text"]["headline"] == "Treaty signed, at last; in Moscow"
    assert day["text"]["text"] == "<p>Putin <em>signs</em>.</p>\n<p>Second line, with a comma.</p>"
    assert day["group"] == "treaty"
    assert "display_date" not in day
    assert slides["span"]["end_date"] == {"year": "2025", "month": "4", "day": "3"}
    assert slides["decade"]["display_date"] == "1990s"
    assert slides["circa"]["display_date"] == "c. 1990"
    assert slides["season"]["display_date"] == "spring 2024"
    assert slides["month"]["start_date"] == {"year": "2025", "month": "1"}
    assert "display_date" not in slides["month"]
    media = slides["media"]["media"]
    assert media == {
        "url": "https://example.org/hist/images/p.jpg",
        "caption": "The <em>caption</em>",
        "credit": "Me &amp; co",
        "alt": "A picture",
    }
    xss = slides["xss"]
    assert xss["text"]["headline"] == "&lt;script&gt;alert(1)&lt;/script&gt;"
    body = xss["text"]["text"]
    assert "javascript" not in body and "onerror" not in body and "onclick" not in body


def test_timelinejs_escapes_display_date_and_group(project: Path) -> None:
    # TimelineJS 3.9.11 decodes display_date and group (textContent of the value parsed
    # as HTML), then inserts the result with innerHTML: they must be escaped twice.
    (project / "events" / "x.yaml").write_text(
        "title: T\ndate: 2024-07-01\ndisplay_date: '<img src=x onerror=alert(1)> & co'\n"
        "tags: ['<b>tag</b>']\n",
        encoding="utf-8",
    )
    result = check_paths(Settings(root=project))
    assert result.timeline is not None, [p.format() for p in result.problems]
    content, _ = run("timelinejs", result.timeline)
    slide = json.loads(content)["events"][0]
    assert slide["display_date"] == "&amp;lt;img src=x onerror=alert(1)&amp;gt; &amp;amp; co"
    assert slide["group"] == "&amp;lt;b&amp;gt;tag&amp;lt;/b&amp;gt;"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("summary", "see www.x'onmouseover='alert(1)' now"),
        ("summary", "[a](www.x'onmouseover='alert(1)')"),
        ("title", "WWW.x'onmouseover='alert(1)'"),
    ],
)
def test_timelinejs_text_has_no_run_linkify_can_turn_into_markup(
    project: Path, field: str, value: str
) -> None:
    # linkify (pseudoUrlPattern) makes 'www.' + the non-space run after it a link by string
    # concatenation, wherever it is not right after '/' or '>'.
    other = "summary: x" if field == "title" else "title: T"
    (project / "events" / "x.yaml").write_text(
        f"{other}\ndate: 2024\n{field}: {json.dumps(value)}\n", encoding="utf-8"
    )
    result = check_paths(Settings(root=project))
    assert result.timeline is not None, [p.format() for p in result.problems]
    slide = json.loads(run("timelinejs", result.timeline)[0])["events"][0]
    for html_text in slide["text"].values():
        assert re.search(r"(^|[^/>])www\.", html_text, re.IGNORECASE | re.MULTILINE) is None


def test_timelinejs_media_url_has_no_quote() -> None:
    from timeline.exports.timelinejs import tljs_url

    url = tljs_url("https://x.test/a.pdf?q='onload='alert(1)\"<x>`")
    assert re.search(r"['\"<>` ]", url) is None
    assert url.startswith("https://x.test/a.pdf?q=%27onload=%27alert(1)")


def test_inline_html_keeps_several_paragraphs_balanced() -> None:
    from timeline.markdown_html import markdown_to_inline_html

    assert markdown_to_inline_html("The *caption*") == "The <em>caption</em>"
    assert markdown_to_inline_html("one\n\ntwo") == "<p>one</p>\n<p>two</p>"


def test_exports_are_deterministic(timeline: Timeline) -> None:
    for fmt in ("json", "timelinejs", "csv", "ics", "atom", "jsonfeed"):
        first = run(fmt, timeline, site=SITE, include_coarse=True)
        assert run(fmt, timeline, site=SITE, include_coarse=True) == first, fmt


# -- CSV -------------------------------------------------------------------------


def test_csv_has_the_sheet_columns(timeline: Timeline) -> None:
    import csv
    import io

    content, _ = run("csv", timeline, site=SITE)
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    header = content.decode().split("\r\n")[0].split(",")
    fixture = (Path(__file__).parent / "fixtures/timelinejs/women_in_computing.csv").read_text()
    assert header[: len(fixture.splitlines()[0].split(","))] == fixture.splitlines()[0].split(",")
    assert header[-1] == "Alt Text"
    assert rows[0]["Type"] == "title" and rows[0]["Headline"] == "History, etc."
    minute = next(r for r in rows if r["Headline"] == "Speech")
    assert (minute["Year"], minute["Month"], minute["Day"], minute["Time"]) == (
        "2025",
        "1",
        "17",
        "14:30",
    )
    assert minute["Display Date"]  # the offset is not expressible


# -- iCalendar -------------------------------------------------------------------


def test_ics_parses_back(timeline: Timeline) -> None:
    content, notes = run("ics", timeline, site=SITE)
    assert b"\r\n" in content and all(len(line) <= 75 for line in content.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(content)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        f"{name}@example.org" for name in ("day", "span", "minute", "floating", "media", "xss")
    }
    day = events["day@example.org"]
    assert day.decoded("DTSTART") == date(2025, 4, 21)
    assert day.decoded("DTEND") == date(2025, 4, 22)
    assert str(day["SUMMARY"]) == "Treaty signed, at last; in Moscow"
    assert str(day["DESCRIPTION"]) == "Putin *signs*.\n\nSecond line, with a comma."
    assert str(day["URL"]) == "https://example.org/hist/timeline/day/"
    assert day.decoded("DTSTAMP") == datetime(2000, 1, 1, tzinfo=UTC)
    assert events["span@example.org"].decoded("DTEND") == date(2025, 4, 4)
    minute = events["minute@example.org"].decoded("DTSTART")
    assert minute == datetime(2025, 1, 17, 14, 30, tzinfo=timezone(timedelta(hours=3.5)))
    assert events["floating@example.org"].decoded("DTSTART") == datetime(2025, 1, 18, 9, 5)
    assert any("bc: left out" in note for note in notes)
    assert any("--include-coarse" in note for note in notes)


def test_ics_leaves_out_events_needing_year_10000(project: Path) -> None:
    events = project / "events"
    (events / "last-day.yaml").write_text("title: Last\ndate: 9999-12-31\n", encoding="utf-8")
    (events / "last-minute.yaml").write_text(
        "title: Late\ndate: 9999-12-31T23:30-02:00\n", encoding="utf-8"
    )
    (events / "last-decade.yaml").write_text("title: Dec\ndate: 9990s\n", encoding="utf-8")
    (events / "fine.yaml").write_text("title: Fine\ndate: 2000-01-01\n", encoding="utf-8")
    result = check_paths(Settings(root=project))
    assert result.timeline is not None, [p.format() for p in result.problems]
    content, notes = run("ics", result.timeline, include_coarse=True)
    calendar = icalendar.Calendar.from_ical(content)
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == ["fine@timeline.invalid"]
    for name in ("last-day", "last-minute", "last-decade"):
        assert any(note.startswith(f"{name}: left out") for note in notes), (name, notes)


def test_ics_coarse_events_when_asked(timeline: Timeline) -> None:
    content, _ = run("ics", timeline, include_coarse=True)
    calendar = icalendar.Calendar.from_ical(content)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    decade = events["decade@timeline.invalid"]
    assert decade.decoded("DTSTART") == date(1990, 1, 1)
    assert decade.decoded("DTEND") == date(2000, 1, 1)
    assert str(decade["SUMMARY"]) == "The nineties (1990s)"
    assert "bc@timeline.invalid" not in events


def test_ics_stamp_from_source_date_epoch(timeline: Timeline) -> None:
    stamp = build_stamp({"SOURCE_DATE_EPOCH": "1700000000"})
    content, _ = run("ics", timeline, stamp=stamp)
    assert b"DTSTAMP:20231114T221320Z" in content
    with pytest.raises(ConfigError):
        build_stamp({"SOURCE_DATE_EPOCH": "soon"})


def test_ics_folding_and_escaping() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "SUMMARY:" + "é" * 60
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


# -- feeds -----------------------------------------------------------------------


def test_atom_feed_parses(timeline: Timeline) -> None:
    content, _ = run("atom", timeline, site=SITE, limit=3)
    feed = feedparser.parse(content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "History, etc."
    assert [entry.link for entry in feed.entries] == [
        "https://example.org/hist/timeline/day/",
        "https://example.org/hist/timeline/span/",
        "https://example.org/hist/timeline/floating/",
    ]
    assert feed.entries[0].title == "Treaty signed, at last; in Moscow"
    assert feed.entries[0].tags[0].term == "treaty"
    assert "<em>signs</em>" in feed.entries[0].content[0].value
    assert feed.entries[0].published_parsed[:3] == (2025, 4, 21)
    everything = feedparser.parse(run("atom", timeline, site=SITE)[0])
    xss = next(e for e in everything.entries if e.link.endswith("/xss/"))
    assert xss.title == "<script>alert(1)</script>"
    assert "onerror" not in xss.content[0].value


def test_json_feed_keys(timeline: Timeline) -> None:
    content, _ = run("jsonfeed", timeline, site=SITE)
    feed = json.loads(content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == "https://example.org/hist/timeline/feed.json"
    assert feed["home_page_url"] == "https://example.org/hist/timeline/"
    items = feed["items"]
    assert len(items) == len(EVENTS) - 2  # years before AD 1 cannot be feed times
    assert items[0]["id"] == items[0]["url"] == "https://example.org/hist/timeline/day/"
    for item in items:
        assert {"id", "url", "title", "content_html", "date_published"} <= set(item)
        assert set(item) <= {
            "id",
            "url",
            "title",
            "content_html",
            "date_published",
            "tags",
            "image",
        }
        datetime.fromisoformat(item["date_published"])


def test_feeds_need_a_site_url(timeline: Timeline) -> None:
    with pytest.raises(ConfigError, match="site_url"):
        run("atom", timeline)


def test_publish_all(timeline: Timeline, project: Path) -> None:
    settings = Settings(root=project)
    files = publish_all(timeline, settings, "https://example.org/", site_name="X")
    assert sorted(files) == [
        "timeline/atom.xml",
        "timeline/feed.json",
        "timeline/timeline.csv",
        "timeline/timeline.ics",
        "timeline/timeline.json",
        "timeline/timelinejs.json",
    ]
    assert all(isinstance(content, bytes) for content in files.values())
    assert "timeline/atom.xml" not in publish_all(timeline, settings, None)


def test_site_from_mkdocs_yml(project: Path) -> None:
    from timeline.exports.published_site import load_site

    (project / "mkdocs.yml").write_text(
        "site_name: My history\nsite_url: https://example.org/h\nsite_author: Me\n"
        "plugins:\n  - timeline\n"
    )
    site = load_site(Settings(root=project))
    assert (site.name, site.author, site.host) == ("My history", "Me", "example.org")
    assert site.event_url("x") == "https://example.org/h/timeline/x/"
    (project / "mkdocs.yml").write_text("site_name: S\nsite_url: example.org\n")
    with pytest.raises(ConfigError, match="site_url"):
        load_site(Settings(root=project))


def test_site_reads_pages_dir_from_the_plugin_entry(project: Path) -> None:
    from timeline.exports.published_site import load_site

    (project / "mkdocs.yml").write_text(
        "site_name: S\nsite_url: https://example.org/\n"
        "plugins:\n  - search\n  - timeline:\n      pages_dir: /history/\n"
    )
    site = load_site(Settings(root=project))
    assert site.pages_dir == "history"
    assert site.event_url("x") == "https://example.org/history/x/"


def test_links_follow_use_directory_urls(timeline: Timeline, project: Path) -> None:
    from timeline.exports.published_site import load_site

    (project / "mkdocs.yml").write_text(
        "site_name: S\nsite_url: https://example.org/\nuse_directory_urls: false\n"
        "plugins:\n  - timeline\n"
    )
    site = load_site(Settings(root=project))
    assert site.event_url("x") == "https://example.org/timeline/x.html"
    assert site.index_url() == "https://example.org/timeline/index.html"
    (project / "mkdocs.yml").write_text("site_url: https://example.org/\n")
    assert load_site(Settings(root=project)).event_url("x") == "https://example.org/timeline/x/"

    settings = Settings(root=project)
    files = publish_all(
        timeline, settings, "https://example.org/", pages_dir="h", use_directory_urls=False
    )
    calendar = icalendar.Calendar.from_ical(files["h/timeline.ics"])
    urls = {str(e["URL"]) for e in calendar.walk("VEVENT")}
    assert "https://example.org/h/day.html" in urls
    feed = json.loads(files["h/feed.json"])
    assert feed["home_page_url"] == "https://example.org/h/index.html"
    assert {item["url"] for item in feed["items"]} >= {"https://example.org/h/day.html"}
    default = publish_all(timeline, settings, "https://example.org/")
    assert b"https://example.org/timeline/day/" in default["timeline/timeline.ics"]


@pytest.mark.parametrize("output_format", ["json", "timelinejs"])
def test_a_build_writes_the_json_exports_piece_by_piece(
    timeline: Timeline, output_format: str
) -> None:
    """A build writes timeline.json as it is made (200 MB at 100,000 events), never whole."""
    import importlib

    from timeline.exports import FORMATS, export_makers

    module = importlib.import_module(f"timeline.exports.{FORMATS[output_format][0]}")
    options = ExportOptions()
    pieces = list(module.chunks(timeline, options))
    assert len(pieces) > len(timeline)  # at least a piece per event
    assert b"".join(pieces) == export(output_format, timeline, options).content
    # The published files come so too, and are the bytes publish_all gives.
    settings = Settings()
    makers = export_makers(timeline, settings, "https://example.org/")
    published = publish_all(timeline, settings, "https://example.org/")
    assert {name: b"".join(make()) for name, make in makers.items()} == published


def test_the_slides_are_kept_for_the_sheet_and_let_go_after_it(timeline: Timeline) -> None:
    # The site writes timelinejs.json, then the sheet from the same slides; at 100,000
    # events those slides are 90 MB, so the sheet (their last use) lets them go.
    from timeline.exports import timelinejs

    alone, _ = run("csv", timeline, site=SITE)
    assert timelinejs._last == []
    run("timelinejs", timeline, site=SITE)
    assert len(timelinejs._last) == 1
    after, _ = run("csv", timeline, site=SITE)
    assert after == alone
    assert timelinejs._last == []
