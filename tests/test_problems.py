from __future__ import annotations

from timeline.problems import Problem, Severity


def test_format_names_place_code_field_and_hint() -> None:
    problem = Problem("events/x.yaml", 4, 7, "E201", "expected a date", "write 2025-04-21", "date")
    assert problem.format() == (
        "events/x.yaml:4:7: E201 date: expected a date\n    hint: write 2025-04-21"
    )


def test_warnings_say_so_and_whole_file_problems_have_no_position() -> None:
    problem = Problem("events/x.yaml", 0, 0, "W001", "odd", severity=Severity.WARNING)
    assert problem.format() == "events/x.yaml: W001 warning: odd"
    assert not problem.is_error
