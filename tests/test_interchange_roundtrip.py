"""Round trips: TimelineJS → events → TimelineJS → events gives the same events."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from timeline.check import check_paths
from timeline.config import Settings
from timeline.exports import ExportOptions, export
from timeline.imports.timelinejs import plan_import, read_document, write_plan
from timeline.model import Event

FIXTURES = Path(__file__).parent / "fixtures" / "timelinejs"
SOURCES = [
    ("timelinejs", "eras.json", 20),
    ("timelinejs", "houston.json", 18),
    ("timelinejs", "women_in_computing.json", 10),
    ("csv", "women_in_computing.csv", 10),
    ("timelinejs", "edge_cases.json", 11),
]


def import_into(root: Path, source_format: str, source: Path) -> dict[str, Event]:
    """Import ``source`` into ``root/events`` and read the events back, checked."""
    settings = Settings(root=root)
    plan = plan_import(read_document(source, source_format), settings.events_path, settings)
    write_plan(plan)
    result = check_paths(settings)
    assert result.timeline is not None, [p.format() for p in result.problems]
    assert len(result.timeline) == len(plan.imported)
    assert not result.problems, [p.format() for p in result.problems]
    return {event.id: event for event in result.timeline}


def comparable(event: Event) -> dict[str, Any]:
    """What a round trip must keep: text, dates at their precision, media."""

    def date(value: Any) -> Any:
        if value is None:
            return None
        return (value.edtf, value.precision, value.lower, value.upper)

    return {
        "title": event.title,
        "date": date(event.date),
        "end": date(event.end),
        "when": date(event.when),
        "display_date": event.display_date,
        "summary": event.summary,
        "tags": event.tags,
        "media": event.media,
    }


@pytest.mark.parametrize(("source_format", "name", "count"), SOURCES)
def test_import_export_import_keeps_every_event(
    tmp_path: Path, source_format: str, name: str, count: int
) -> None:
    first = import_into(tmp_path / "first", source_format, FIXTURES / name)
    assert len(first) == count
    settings = Settings(root=tmp_path / "first")
    timeline = check_paths(settings).timeline
    assert timeline is not None
    exported = export(source_format, timeline, ExportOptions(settings=settings))
    suffix = ".csv" if source_format == "csv" else ".json"
    again_file = tmp_path / f"again{suffix}"
    again_file.write_bytes(exported.content)
    second = import_into(tmp_path / "second", source_format, again_file)
    assert sorted(second) == sorted(first)
    for event_id, event in first.items():
        assert comparable(second[event_id]) == comparable(event), event_id


def test_json_and_csv_of_one_timeline_import_to_the_same_events(tmp_path: Path) -> None:
    from_json = import_into(tmp_path / "json", "timelinejs", FIXTURES / "women_in_computing.json")
    from_csv = import_into(tmp_path / "csv", "csv", FIXTURES / "women_in_computing.csv")
    assert sorted(from_json) == sorted(from_csv)
    for event_id, event in from_json.items():
        assert comparable(from_csv[event_id]) == comparable(event), event_id


@pytest.mark.parametrize("name", ["eras.json", "houston.json", "women_in_computing.json"])
def test_json_to_sheet_and_back(tmp_path: Path, name: str) -> None:
    first = import_into(tmp_path / "first", "timelinejs", FIXTURES / name)
    settings = Settings(root=tmp_path / "first")
    timeline = check_paths(settings).timeline
    assert timeline is not None
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(export("csv", timeline, ExportOptions(settings=settings)).content)
    second = import_into(tmp_path / "second", "csv", sheet)
    assert {k: comparable(v) for k, v in second.items()} == {
        k: comparable(v) for k, v in first.items()
    }


def test_edge_cases_report(tmp_path: Path) -> None:
    settings = Settings(root=tmp_path)
    document = read_document(FIXTURES / "edge_cases.json", "timelinejs")
    plan = plan_import(document, settings.events_path, settings)
    assert [s.headline for s in plan.skipped] == ["Impossible day", "Year zero", "No date"]
    dates = {item.title: item.yaml.split("\n")[1] for item in plan.imported}
    assert dates["Five hundred BCE"] == "date: 500 BC"
    assert dates["The Ides of March"] == "date: -0043-03-15"
    assert dates["One BCE"] == "date: 1 BC"
    assert dates["Zero-padded"] == "date: 0602"
    assert dates["Eagle has landed"] == "date: 1969-07-20T20:17"
    assert dates["A decade"] == "date: 1990s"
    assert dates["Circa"] == "date: c. 1990"
    assert "display_date: Early September 2001" in next(
        item.yaml for item in plan.imported if item.title == "Own display text"
    )
    assert [item.id for item in plan.imported if item.title.startswith("Display")] == [
        "around-2010"
    ]
    assert plan.not_kept == {"autolink": [14], "media.thumbnail": [10]}
    assert plan.unknown == {"mystery": [14], "text_extra": [14]}
    from timeline.imports.timelinejs import format_report

    report = format_report(plan, dry_run=True)
    assert "11 of 14 slides imported, 3 not imported" in report
    assert "1 era(s): kept in _timelinejs-edge-cases.md" in report
    assert "unknown key, not kept: mystery in slides 14" in report


def test_sheet_cells_are_not_formulas_and_read_back(tmp_path: Path) -> None:
    import csv
    import io

    settings = Settings(root=tmp_path / "first")
    events = settings.events_path
    events.mkdir(parents=True)
    (events / "f.yaml").write_text(
        "title: '=HYPERLINK(\"http://evil\")'\ndate: 500 BC\nsummary: '+1 and more'\n"
        "display_date: '-500 or so'\ntags: ['@group']\n",
        encoding="utf-8",
    )
    result = check_paths(settings)
    assert result.timeline is not None, [p.format() for p in result.problems]
    first = {event.id: event for event in result.timeline}
    content = export("csv", result.timeline, ExportOptions(settings=settings)).content
    (row,) = csv.DictReader(io.StringIO(content.decode("utf-8")))
    assert row["Year"] == "-500"  # a number stays a number
    assert row["Headline"] == '\'=HYPERLINK("http://evil")'
    assert row["Display Date"] == "'-500 or so"
    assert row["Group"] == "'@group"
    assert row["Text"].startswith("<p>")
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(content)
    second = import_into(tmp_path / "second", "csv", sheet)
    assert [comparable(event) for event in second.values()] == [
        comparable(event) for event in first.values()
    ]


@pytest.mark.parametrize("source_format", ["timelinejs", "csv"])
def test_markup_characters_in_display_date_and_group_round_trip(
    tmp_path: Path, source_format: str
) -> None:
    # The export escapes these twice (TimelineJS decodes them twice); the import must
    # decode twice too, or 'R&B' comes back as 'R&amp;B'.
    settings = Settings(root=tmp_path / "first")
    events = settings.events_path
    events.mkdir(parents=True)
    (events / "r.yaml").write_text(
        "title: Rhythm and blues\ndate: 1950\ndisplay_date: 'around 1950 <R&B>'\n"
        "tags: ['R&B <soul>']\n",
        encoding="utf-8",
    )
    result = check_paths(settings)
    assert result.timeline is not None, [p.format() for p in result.problems]
    first = {event.id: event for event in result.timeline}
    name = "timeline.json" if source_format == "timelinejs" else "timeline.csv"
    fmt = "timelinejs" if source_format == "timelinejs" else "csv"
    exported = tmp_path / name
    exported.write_bytes(export(fmt, result.timeline, ExportOptions(settings=settings)).content)
    second = import_into(tmp_path / "second", source_format, exported)
    (event,) = second.values()
    assert event.display_date == "around 1950 <R&B>"
    assert event.tags == ("R&B <soul>",)
    assert [comparable(e) for e in second.values()] == [comparable(e) for e in first.values()]
