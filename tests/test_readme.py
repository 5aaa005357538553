"""The README's promises: its date table is what the engine does."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import EXAMPLE_ROOT
from timeline.dates import parse_date

README = (EXAMPLE_ROOT / "README.md").read_text(encoding="utf-8")
ROW = re.compile(r"\| `(?P<text>[^`]+)`(?: \((?P<options>[^)]*)\))? \| (?P<rest>.*) \|")


def date_rows() -> list[tuple[str, dict[str, Any], list[str]]]:
    rows = []
    for line in README.split("## Dates", 1)[1].split("\n## ", 1)[0].splitlines():
        match = ROW.fullmatch(line)
        if match is None:
            continue
        options: dict[str, Any] = {}
        for option in filter(None, (match["options"] or "").split("; ")):
            key, _, value = option.partition(": ")
            options[key] = value.split(", ") if key == "languages" else value
        cells = [cell.strip().strip("`") for cell in match["rest"].split(" | ")]
        rows.append((match["text"], options, cells))
    return rows


def test_readme_has_a_date_table() -> None:
    assert len(date_rows()) >= 15


@pytest.mark.parametrize(("text", "options", "cells"), date_rows())
def test_readme_date_table_is_true(text: str, options: dict[str, Any], cells: list[str]) -> None:
    date = parse_date(text, **options)
    assert [date.display, date.precision.value, date.edtf] == cells


def test_readme_starts_with_the_two_commands() -> None:
    setup = README.split("## Set up", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("  #")[0].strip() for line in setup.strip().splitlines()]
    assert commands[0].endswith("mkdocs build")
    assert commands[1] == "./scripts/test"
    ci = (EXAMPLE_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "exec ./scripts/test" in ci
