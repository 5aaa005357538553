from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE_ROOT, WriteEvent
from timeline.cli import main


@pytest.fixture
def run(project: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(project)
    return CliRunner()


def test_check_example_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLE_ROOT)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


def test_check_reports_every_problem_then_fails(run: CliRunner, write_event: WriteEvent) -> None:
    write_event("a.yaml", "title: A\ndate: Aprl 2025\n")
    write_event("b.yaml", "titel: B\ndate: 2025\n")
    result = run.invoke(main, ["check"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("events/a.yaml:2:7: E105 date: ")
    assert "events/b.yaml:1:1: E101 titel: unknown field 'titel'" in result.output
    assert "hint: did you mean 'title'?" in result.output
    assert lines[-1] == "checked 2 event files: 3 errors"


def test_strict_fails_on_warnings(run: CliRunner, write_event: WriteEvent) -> None:
    write_event("a.yaml", "title: A\ndate: 2025\n")
    write_event("b.yaml", "title: A\ndate: 2025\n")
    assert run.invoke(main, ["check"]).exit_code == 0
    strict = run.invoke(main, ["check", "--strict"])
    assert strict.exit_code == 1
    assert "1 warning" in strict.output


def test_github_annotations(run: CliRunner, write_event: WriteEvent) -> None:
    write_event("a.yaml", "title: A\ndate: 2025\ndraft: maybe\n")
    result = run.invoke(main, ["check", "--format", "github"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=events/a.yaml,line=3,col=8,title=E107::"
        "draft: expected true or false, got 'maybe'"
    ]


def test_json_format(run: CliRunner, write_event: WriteEvent) -> None:
    write_event("a.yaml", "title: A\ndate: 2025\ndraft: maybe\n")
    result = run.invoke(main, ["check", "--format", "json"])
    report = json.loads(result.stdout)
    assert report["errors"] == 1
    assert report["problems"][0]["line"] == 3


def test_check_given_paths_only(run: CliRunner, write_event: WriteEvent) -> None:
    write_event("good.yaml", "title: A\ndate: 2025\n")
    write_event("bad.yaml", "title: A\n")
    assert run.invoke(main, ["check", "events/good.yaml"]).exit_code == 0
    assert run.invoke(main, ["check", "events/bad.yaml"]).exit_code == 1


def test_usage_errors_exit_2(run: CliRunner) -> None:
    assert run.invoke(main, ["check", "--format", "xml"]).exit_code == 2


def test_bad_settings_exit_1_without_traceback(run: CliRunner, project: Path) -> None:
    (project / "mkdocs.yml").write_text("plugins:\n  - timeline:\n      sort: up\n")
    result = run.invoke(main, ["check"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "sort: expected one of" in result.output


def test_export_json_keeps_the_authors_text(run: CliRunner, write_event: WriteEvent) -> None:
    write_event("b.yaml", "title: B\ndate: Apr 21 2025\ntags: [no]\n")
    write_event("a.yaml", "title: A\ndate: Jan 2025\n")
    result = run.invoke(main, ["export", "json"])
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)["events"]
    assert [e["id"] for e in events] == ["a", "b"]
    assert events[1]["date"]["text"] == "Apr 21 2025"
    assert events[1]["tags"] == ["no"]
    assert set(events[0]["date"]) == {
        "text",
        "edtf",
        "lower",
        "upper",
        "precision",
        "approximate",
        "uncertain",
        "display",
    }


def test_export_refuses_an_invalid_timeline(run: CliRunner, write_event: WriteEvent) -> None:
    write_event("a.yaml", "title: A\n")
    result = run.invoke(main, ["export", "json", "-o", "out.json"])
    assert result.exit_code == 1
    assert "E102" in result.output
    assert not Path("out.json").exists()


def test_schema_command(run: CliRunner) -> None:
    result = run.invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output)["required"] == ["title", "date"]


def test_no_events_folder_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert "no events folder" in result.output
    assert "Traceback" not in result.output


HOSTILE_NAME = "a\n::warning file=x.yaml::pwned\r\x1b]0;owned\x07\x9b31m\u202e.yaml"


@pytest.mark.parametrize("output_format", ["text", "github", "json"])
def test_file_names_and_messages_reach_the_output_inert(
    run: CliRunner, write_event: WriteEvent, output_format: str
) -> None:
    write_event(HOSTILE_NAME, "title: A\x1b[2J\ndate: 2025\ndraft: maybe\x07\n")
    result = run.invoke(main, ["check", "--format", output_format])
    assert result.exit_code == 1
    out = result.stdout
    assert re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]", out) is None, repr(out)
    lines = out.splitlines()
    if output_format == "github":
        assert lines and all(line.startswith("::error ") for line in lines), lines
        assert all(line.count("::") == 2 for line in lines), lines
    elif output_format == "text":
        assert not any(line.startswith("::") for line in lines), lines
        assert all(line.startswith(("events/", "    hint:", "checked ")) for line in lines), lines
    else:
        paths = {problem["path"] for problem in json.loads(out)["problems"]}
        assert f"events/{HOSTILE_NAME}" in paths  # JSON keeps the real name, escaped


def test_github_escapes_what_the_workflow_parser_reads() -> None:
    from timeline.cli.check import annotation as _annotation
    from timeline.problems import Problem

    problem = Problem("events/a,b:c%.yaml", 1, 2, "E1", "100% sure\nno", "x::y")
    assert _annotation(problem) == (
        "::error file=events/a%2Cb%3Ac%25.yaml,line=1,col=2,title=E1::100%25 sure\\nno%0Ahint: x::y"
    )
