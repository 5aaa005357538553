"""The new date kinds (open ends, sets, long years, unspecified digits) in what uses dates:
the event schema, the sort key, check, the site's labels and every export."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest

from timeline.check import check_paths
from timeline.config import Settings
from timeline.dates import DateError, ongoing, parse_date
from timeline.exports import ExportOptions, export
from timeline.exports.published_site import Site
from timeline.model import Timeline
from timeline.render.pages import when_html

EVENTS = {
    "war.yaml": "title: A war that goes on\ndate: 2022-02-24\nend: ongoing\n",
    "since.yaml": "title: Since March\ndate: since March 2022\n",
    "present.yaml": "title: Up to now\ndate: 2019–present\n",
    "until.yaml": "title: Until 2006\ndate: ../2006\n",
    "set.yaml": "title: One of these years\ndate: '[1667, 1668, 1670..1672]'\n",
    "masked.yaml": "title: A day in January\ndate: 1999-01-XX\n",
    "part.yaml": "title: Year uncertain\ndate: 2004?-06-11\n",
    "long.yaml": "title: Far future\ndate: Y170000002\n",
    "deep.yaml": "title: Far past\ndate: Y-17E7\n",
    "plain.yaml": "title: A plain day\ndate: 2022-03-01\n",
}
SITE = Site(name="Dates", url="https://example.org/", description="Open ends")


@pytest.fixture
def timeline(project: Path) -> Timeline:
    for name, text in EVENTS.items():
        (project / "events" / name).write_text(text, encoding="utf-8")
    result = check_paths(Settings(root=project))
    assert result.timeline is not None, [p.format() for p in result.problems]
    assert not [p for p in result.problems if p.is_error], [p.format() for p in result.problems]
    return result.timeline


def _event(timeline: Timeline, event_id: str):  # type: ignore[no-untyped-def]
    return next(event for event in timeline.events if event.id == event_id)


def test_end_ongoing_is_an_open_end(timeline: Timeline) -> None:
    war = _event(timeline, "war")
    assert war.end is None
    assert (war.when.edtf, war.when.display, war.when.open_end) == (
        "2022-02-24/..",
        "since 24 February 2022",
        "open",
    )
    assert war.when.lower.iso() == war.when.upper.iso() == "2022-02-24"


def test_end_present_and_a_span_refused(project: Path) -> None:
    (project / "events" / "a.yaml").write_text(
        "title: A\ndate: 2022\nend: Present\n", encoding="utf-8"
    )
    (project / "events" / "b.yaml").write_text(
        "title: B\ndate: 2020–2021\nend: ongoing\n", encoding="utf-8"
    )
    result = check_paths(Settings(root=project))
    problems = [p.format() for p in result.problems if p.is_error]
    assert len(problems) == 1 and "b.yaml" in problems[0] and "end" in problems[0], problems
    assert result.timeline is None or all(e.id != "b" for e in result.timeline.events)


def test_sort_order_uses_the_known_bound(timeline: Timeline) -> None:
    ids = [event.id for event in timeline.events]
    assert ids.index("deep") == 0 and ids[-1] == "long"
    # 'since March 2022' (a month) sorts before the day 1 March 2022, as coarser
    assert ids.index("since") < ids.index("plain")


def test_site_labels_say_since_and_until(timeline: Timeline) -> None:
    assert "since 24 February 2022" in str(when_html(_event(timeline, "war"), "en"))
    assert '<time datetime="2019">since 2019</time>' in str(
        when_html(_event(timeline, "present"), "en")
    )
    assert "until 2006" in str(when_html(_event(timeline, "until"), "en"))
    set_html = str(when_html(_event(timeline, "set"), "en"))
    assert "1667, 1668 or 1670–1672" in set_html and "datetime" not in set_html
    assert "datetime" not in str(when_html(_event(timeline, "long"), "en"))
    # What CLDR cannot say (open ends), the interface's catalogue says (render/i18n.py)
    assert "depuis 24 février 2022" in str(when_html(_event(timeline, "war"), "fr"))


def _slides(timeline: Timeline) -> dict[str, dict[str, object]]:
    content = export("timelinejs", timeline, ExportOptions(site=SITE)).content
    return {slide["unique_id"]: slide for slide in json.loads(content)["events"]}


def test_timelinejs_gets_the_start_and_a_display_date(timeline: Timeline) -> None:
    slides = _slides(timeline)
    assert slides["war"]["start_date"] == {"year": "2022", "month": "2", "day": "24"}
    assert "end_date" not in slides["war"]
    assert slides["until"]["start_date"] == {"year": "2006"}
    assert slides["deep"]["start_date"] == {"year": "-170000001"}


def test_ics_leaves_out_what_it_cannot_say(timeline: Timeline) -> None:
    result = export("ics", timeline, ExportOptions(site=SITE, include_coarse=True))
    calendar = icalendar.Calendar.from_ical(result.content)
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert "A war that goes on" in summaries  # its start, with no end it cannot know
    assert "Far future" not in summaries and "Far past" not in summaries
    war = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "A war that goes on")
    assert str(war["DTSTART"].to_ical().decode()) == "20220224"


@pytest.mark.parametrize("fmt", ["json", "csv", "atom", "jsonfeed"])
def test_other_exports_do_not_crash(timeline: Timeline, fmt: str) -> None:
    result = export(fmt, timeline, ExportOptions(site=SITE))
    assert result.content
    if fmt == "json":
        assert b"2022-02-24/.." in result.content


def test_ongoing_needs_a_single_closed_start() -> None:
    with pytest.raises(DateError, match="open end belongs to a single date"):
        ongoing(parse_date("2020–2021"))
    with pytest.raises(DateError, match="open end belongs to a single date"):
        ongoing(parse_date("since 2020"))


def test_timelinejs_cosmological_slides_are_imported(tmp_path: Path) -> None:
    from timeline.imports.document import Document
    from timeline.imports.timelinejs import plan_import

    slides = [
        {"start_date": {"year": "-13800000000"}, "text": {"headline": "Big Bang"}},
        {
            "start_date": {"year": -65000000},
            "display_date": "65 million years ago",
            "text": {"headline": "Dinosaurs die out"},
        },
        {"start_date": {"year": -10000}, "text": {"headline": "Ten thousand BCE"}},
    ]
    (tmp_path / "events").mkdir()
    settings = Settings(root=tmp_path)
    plan = plan_import(Document(tmp_path / "cosmos.json", slides), settings.events_path, settings)
    assert not plan.skipped, plan.skipped
    assert len(plan.imported) == 3


def test_timelinejs_export_of_deep_time(project: Path) -> None:
    (project / "events" / "bang.yaml").write_text(
        "title: Big Bang\ndate: 13.8 Ga\n", encoding="utf-8"
    )
    (project / "events" / "k.yaml").write_text("title: Ice\ndate: 12000 BC\n", encoding="utf-8")
    result = check_paths(Settings(root=project))
    assert result.timeline is not None
    slides = _slides(result.timeline)
    assert slides["bang"]["start_date"] == {"year": str(1950 - 13_850_000_000 - 1)}
    assert slides["bang"]["display_date"] == "13.8 billion years ago"
    assert slides["k"]["start_date"] == {"year": "-12000"}  # 12,000 BC; TimelineJS has no year 0
