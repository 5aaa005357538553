from __future__ import annotations

import json

import pytest

from tests.conftest import WriteEvent
from timeline.check import check_paths
from timeline.config import Settings
from timeline.problems import Severity
from timeline.relations import grouped, relations_of


def problems(settings: Settings) -> list[tuple[str, str | None, int, int]]:
    return [(p.code, p.field, p.line, p.column) for p in check_paths(settings).problems]


@pytest.mark.parametrize(
    ("related", "expected"),
    [
        ("[b]", []),
        ("[{id: b, type: led-to}]", []),
        ("\n  - id: b\n    type: caused\n", []),
        ("[{id: b}]", []),
        ("[{id: b, type: lead-to}]", [("E107", "related[0].type", 3, 25)]),
        ("[{type: led-to}]", [("E102", "related[0].id", 3, 11)]),
        ("[{id: b, kind: led-to}]", [("E101", "related[0].kind", 3, 19)]),
        ("[{id: B C, type: led-to}]", [("E107", "related[0]", 3, 16)]),
        ("[{id: bb, type: led-to}]", [("E203", "related[0]", 3, 16)]),
        ("[b, {id: b, type: caused}]", [("W110", "related[1]", 3, 19)]),
    ],
)
def test_typed_links_are_read_and_checked(
    write_event: WriteEvent, settings: Settings, related: str, expected: list[object]
) -> None:
    write_event("a.yaml", f"title: A\ndate: 2024\nrelated: {related}")
    write_event("b.yaml", "title: B\ndate: 2024\n")
    assert problems(settings) == expected


def test_unknown_type_gets_a_did_you_mean(write_event: WriteEvent, settings: Settings) -> None:
    write_event("a.yaml", "title: A\ndate: 2024\nrelated: [{id: b, type: lead-to}]\n")
    write_event("b.yaml", "title: B\ndate: 2024\n")
    (problem,) = check_paths(settings).problems
    assert problem.hint == "did you mean 'led-to'?"


def test_a_part_of_cycle_is_refused_once(write_event: WriteEvent, settings: Settings) -> None:
    write_event("a.yaml", "title: A\ndate: 2024\nrelated: [{id: b, type: part-of}]\n")
    write_event("b.yaml", "title: B\ndate: 2024\nrelated: [{id: c, type: part-of}]\n")
    write_event("c.yaml", "title: C\ndate: 2024\nrelated: [{id: a, type: part-of}]\n")
    (problem,) = check_paths(settings).problems
    assert (problem.code, problem.path, problem.field) == ("E401", "events/a.yaml", "related[0]")
    assert "a → b → c → a" in problem.message


def test_part_of_without_a_cycle_and_a_long_chain(
    write_event: WriteEvent, settings: Settings
) -> None:
    # 1,500 links deep: deeper than Python's recursion limit.
    for index in range(1500):
        write_event(
            f"e{index}.yaml",
            f"title: E{index}\ndate: 2024\nrelated: [{{id: e{index + 1}, type: part-of}}]\n",
        )
    write_event("e1500.yaml", "title: last\ndate: 2024\nrelated: [{id: e0, type: part-of}]\n")
    (problem,) = check_paths(settings).problems
    assert problem.code == "E401"
    (settings.root / "events" / "e1500.yaml").write_text("title: last\ndate: 2024\n")
    assert check_paths(settings).problems == ()


@pytest.mark.parametrize(
    ("later", "earlier", "expected"),
    [
        ("2024-05-01", "2024-04-01", []),  # follows a past event: right
        ("2024-03-01", "2024-04-01", ["E402"]),  # follows a later event: wrong way round
        ("2024-04", "2024-04-10", ["W401"]),  # the month may be before or after the day
        ("2024", "2024-06", ["W401"]),
        ("2024-04-01", "2024-04-01", []),
    ],
)
def test_follows_must_point_back_in_time(
    write_event: WriteEvent, settings: Settings, later: str, earlier: str, expected: list[str]
) -> None:
    write_event("a.yaml", f"title: A\ndate: {later}\nrelated: [{{id: b, type: follows}}]\n")
    write_event("b.yaml", f"title: B\ndate: {earlier}\n")
    found = check_paths(settings).problems
    assert [p.code for p in found] == expected
    for problem in found:
        assert problem.severity is (Severity.WARNING if problem.code == "W401" else Severity.ERROR)


def test_relations_in_words_both_ways(write_event: WriteEvent, settings: Settings) -> None:
    write_event(
        "sign.yaml", "title: Signed\ndate: 2025-01\nrelated: [{id: ratify, type: led-to}]\n"
    )
    write_event("ratify.yaml", "title: Ratified\ndate: 2025-04\nrelated: [other]\n")
    write_event("other.yaml", "title: Other\ndate: 2025-05\n")
    timeline = check_paths(settings).timeline
    assert timeline is not None
    by_id = timeline.by_id

    def words(event_id: str) -> list[tuple[str, list[str]]]:
        event = by_id[event_id]
        found = relations_of(event, by_id, timeline.backlinks.get(event_id, ()))
        return [(w, [e.id for e in events]) for w, events in grouped(found)]

    assert words("sign") == [("Led to", ["ratify"])]
    assert words("ratify") == [("Related", ["other"]), ("Followed from", ["sign"])]
    assert words("other") == [("Linked from", ["ratify"])]
    exported = json.loads(json.dumps(timeline.to_json()))
    sign = next(e for e in exported["events"] if e["id"] == "sign")
    assert sign["links"] == [{"id": "ratify", "type": "led-to"}]
    assert sign["related"] == ["ratify"]


def test_event_pages_show_each_relation_in_words_both_ways() -> None:
    from tests.conftest import EXAMPLE_ROOT
    from timeline.config import load_settings
    from timeline.render.pages import SiteOptions, build_pages

    timeline = check_paths(load_settings(start=EXAMPLE_ROOT)).timeline
    assert timeline is not None
    pages = {p.src_uri: p.html for p in build_pages(timeline, SiteOptions()).pages}
    signed = pages["timeline/2025-01-russia-iran-partnership-signed.md"]
    ratified = pages["timeline/2025-04-21-putin-ratifies-partnership.md"]
    assert ">Led to:</h3>" in signed
    section = signed[signed.index('id="related"') :]
    assert "2025-04-21-putin-ratifies-partnership" in section[: section.index("</section>")]
    assert ">Followed from:</h3>" in ratified
    assert "2025-01-russia-iran-partnership-signed" in ratified[ratified.index("Followed from") :]
    # The plain link from Araghchi's trip is still shown, under its own words.
    assert ">Linked from:</h3>" in ratified
