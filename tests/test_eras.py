from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.conftest import WriteEvent
from timeline.check import check_paths
from timeline.config import Settings
from timeline.problems import Severity


def write_era(project: Path, name: str, text: str) -> None:
    path = project / "eras" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def found(settings: Settings) -> list[tuple[str, str, str | None, int, int]]:
    return [(p.path, p.code, p.field, p.line, p.column) for p in check_paths(settings).problems]


GOOD = [
    "title: The Cold War\ndate: 1947\nend: 1991\n",
    "title: War in Ukraine\ndate: Feb 2022\nend: ongoing\nsummary: Russia's full-scale war.\n",
    "title: Late Middle Ages\ndate: circa 1300\nend: c. 1500\ncolour: '#c0d8f0'\nlanes: [europe]\n",
    "title: Ice age\ndate: 115000 BC\nend: 9700 BC\ncolour: '#abc'\n",
]


@pytest.mark.parametrize("text", GOOD)
def test_good_eras(project: Path, settings: Settings, text: str) -> None:
    write_era(project, "era.yaml", text)
    result = check_paths(settings)
    assert [p.format() for p in result.problems] == []
    assert result.timeline is not None
    (era,) = result.timeline.eras
    assert era.id == "era"
    assert era.label.startswith(era.title + ", ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("date: 1947\n", [("E102", "title", 1, 1)]),
        ("title: X\n", [("E102", "date", 1, 1)]),
        ("title: X\ndate: 1991\nend: 1947\n", [("E108", "end", 3, 6)]),
        ("title: X\ndate: 1947\nend: Dec 1991 ish\n", [("E105", "end", 3, 6)]),
        ("title: X\ndate: 1947\ncolor: red\n", [("E101", "color", 3, 1)]),
        ("title: X\ndate: 1947\ncolour: 'red;}'\n", [("E504", "colour", 3, 9)]),
        ("title: X\ndate: 1947\nlanes: europe\n", [("E103", "lanes", 3, 8)]),
        ("title: [X]\ndate: 1947\n", [("E103", "title", 1, 8)]),
    ],
)
def test_bad_eras(project: Path, settings: Settings, text: str, expected: list[object]) -> None:
    write_era(project, "era.yaml", text)
    assert [(c, f, line, col) for _p, c, f, line, col in found(settings)] == expected
    assert check_paths(settings).timeline is None


def test_era_ids_are_file_names(project: Path, settings: Settings) -> None:
    write_era(project, "Cold War.yaml", "title: X\ndate: 1947\n")
    write_era(project, "a/cold-war.yaml", "title: X\ndate: 1947\n")
    write_era(project, "b/cold-war.yaml", "title: Y\ndate: 1950\n")
    assert [(p, c) for p, c, *_ in found(settings)] == [
        ("eras/Cold War.yaml", "E501"),
        ("eras/b/cold-war.yaml", "E502"),
    ]


def test_an_events_era_must_exist_and_hold_it(
    project: Path, write_event: WriteEvent, settings: Settings
) -> None:
    write_era(project, "cold-war.yaml", "title: The Cold War\ndate: 1947\nend: 1991\n")
    write_era(project, "ukraine-war.yaml", "title: War in Ukraine\ndate: Feb 2022\nend: ongoing\n")
    write_event("in.yaml", "title: In\ndate: 1962-10\nera: cold-war\n")
    write_event("ongoing.yaml", "title: Late\ndate: 2031\nera: ukraine-war\n")
    write_event("out.yaml", "title: Out\ndate: 1946\nera: cold-war\n")
    write_event("edge.yaml", "title: Edge\ndate: 1990s\nera: cold-war\n")
    write_event("typo.yaml", "title: Typo\ndate: 1950\nera: cold-wars\n")
    result = check_paths(settings)
    assert [(p.path, p.code, p.line, p.column) for p in result.problems] == [
        ("events/edge.yaml", "W501", 3, 6),
        ("events/out.yaml", "W501", 3, 6),
        ("events/typo.yaml", "E503", 3, 6),
    ]
    assert [p.severity for p in result.problems][:2] == [Severity.WARNING] * 2
    assert result.problems[2].hint == "did you mean 'cold-war'?"


def test_eras_overlap_nest_and_list_their_events(
    project: Path, write_event: WriteEvent, settings: Settings
) -> None:
    write_era(project, "cold-war.yaml", "title: The Cold War\ndate: 1947\nend: 1991\n")
    write_era(project, "detente.yaml", "title: Détente\ndate: 1969\nend: 1979\n")
    write_era(project, "space-race.yaml", "title: Space Race\ndate: 1955\nend: 1975\n")
    write_event("apollo.yaml", "title: Apollo 11\ndate: 1969-07-20\n")
    write_event("sputnik.yaml", "title: Sputnik\ndate: 1957-10-04\n")
    write_event("named.yaml", "title: Named\ndate: 1946\nera: detente\n")
    result = check_paths(settings)
    assert [p.code for p in result.problems] == ["W501"]
    timeline = result.timeline
    assert timeline is not None
    assert [e.id for e in timeline.eras] == ["cold-war", "space-race", "detente"]
    events_of = {era.id: [e.id for e in timeline.events_of(era)] for era in timeline.eras}
    assert events_of == {
        "cold-war": ["sputnik", "apollo"],
        "space-race": ["sputnik", "apollo"],
        "detente": ["named", "apollo"],
    }
    assert timeline.eras[0].label == "The Cold War, 1947–1991"
    assert [e["id"] for e in timeline.to_json()["eras"]] == ["cold-war", "space-race", "detente"]


# -- TimelineJS both ways --------------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures" / "timelinejs"


def test_timelinejs_eras_import_as_era_files_and_export_back(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from click.testing import CliRunner

    from timeline.cli import main

    monkeypatch.chdir(project)
    source = FIXTURES / "eras.json"
    run = CliRunner()
    result = run.invoke(main, ["import", "timelinejs", str(source)])
    assert result.exit_code == 0, result.output
    assert "3 era(s): wrote eras/era-test-650-700.yaml" in result.output
    assert sorted(p.name for p in (project / "eras").iterdir()) == [
        "era-test-600-650.yaml",
        "era-test-650-700.yaml",
        "era-test-700-720.yaml",
    ]
    # The note keeps the title slide only: the eras are data now.
    note = (project / "events" / "_timelinejs-eras.md").read_text(encoding="utf-8")
    assert "## Title slide" in note and "## Eras" not in note
    assert run.invoke(main, ["check"]).exit_code == 0
    exported = run.invoke(main, ["export", "timelinejs"])
    assert exported.exit_code == 0, exported.output
    eras = json.loads(exported.stdout)["eras"]
    original = json.loads(source.read_text(encoding="utf-8"))["eras"]

    def key(era: dict[str, object]) -> tuple[object, ...]:
        text = era["text"]
        assert isinstance(text, dict)
        return (era["start_date"], era["end_date"], text["headline"])

    assert sorted(map(key, eras), key=repr) == sorted(map(key, original), key=repr)
    # A second import of the same file finds its era files there and writes nothing new.
    again = run.invoke(main, ["import", "timelinejs", str(source), "--into", "events/again"])
    assert "already exists" in again.output
    assert sorted(p.name for p in (project / "eras").iterdir())[-1] == "era-test-700-720.yaml"


def test_an_era_timelinejs_cannot_date_stays_in_the_note(tmp_path: Path) -> None:
    import json

    from timeline.imports.timelinejs import plan_import, read_document

    source = tmp_path / "t.json"
    source.write_text(
        json.dumps(
            {
                "events": [{"start_date": {"year": "2020"}, "text": {"headline": "A"}}],
                "eras": [
                    {
                        "start_date": {"year": "2020"},
                        "end_date": {"year": "2010"},
                        "text": {"headline": "Backwards"},
                    },
                    {
                        "start_date": {"year": "2020"},
                        "end_date": {"year": "2021"},
                        "text": {"headline": "Fine", "text": "<p>It <b>was</b>.</p>"},
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    settings = Settings(root=tmp_path)
    plan = plan_import(
        read_document(source, "timelinejs"),
        tmp_path / "events",
        settings,
        eras_into=tmp_path / "eras",
    )
    assert [(name, there) for name, _text, there in plan.era_files] == [("fine.yaml", False)]
    assert "summary: It **was**." in plan.era_files[0][1]
    assert plan.note_file is not None and "Backwards" in plan.note_file[1]


def test_timelinejs_export_of_an_ongoing_era(
    project: Path, write_event: WriteEvent, settings: Settings
) -> None:
    from timeline.exports import ExportOptions, export

    write_era(project, "war.yaml", "title: War\ndate: Feb 2022\nend: ongoing\ncolour: '#abc'\n")
    write_event("a.yaml", "title: A\ndate: 2025-04-21\n")
    timeline = check_paths(settings).timeline
    assert timeline is not None
    result = export("timelinejs", timeline, ExportOptions(settings=settings))
    import json

    (era,) = json.loads(result.content)["eras"]
    assert era["start_date"] == {"year": "2022", "month": "2"}
    assert era["end_date"] == {"year": "2025", "month": "4", "day": "21"}
    assert any("ongoing" in note for note in result.notes)


def test_era_files_named_on_the_command_line_are_not_read_as_events(
    project: Path, write_event: WriteEvent, settings: Settings
) -> None:
    write_era(project, "war.yaml", "title: War\ndate: 2022\ncolour: '#abc'\n")
    write_event("a.yaml", "title: A\ndate: 2024\n")
    result = check_paths(settings, [project / "eras" / "war.yaml", project / "events" / "a.yaml"])
    assert result.problems == ()
    assert result.timeline is not None and [e.id for e in result.timeline.eras] == ["war"]
    (project / "eras" / "war.yaml").write_text("title: War\ndate: 2022\ncolour: red\n")
    assert [p.code for p in check_paths(settings, [project / "eras" / "war.yaml"]).problems] == [
        "E504"
    ]


def test_a_badly_named_era_file_still_has_its_fields_checked(
    project: Path, settings: Settings
) -> None:
    write_era(project, "Cold War.yaml", "title: X\ndate: 1947\ncolour: red\n")
    assert sorted(c for _p, c, *_ in found(settings)) == ["E501", "E504"]
