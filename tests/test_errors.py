"""The library's errors are its own: only timeline/cli/ knows click, only plugin.py MkDocs."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from timeline.cli import main
from timeline.errors import ConfigError, TimelineError

CORE = (
    "timeline.check",
    "timeline.config",
    "timeline.dates",
    "timeline.exports",
    "timeline.loader",
    "timeline.model",
    "timeline.schema",
)


def test_the_core_imports_neither_click_nor_mkdocs() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in CORE)
        + "print(sorted(m for m in sys.modules if m.split('.')[0] in ('click', 'mkdocs')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_errors_are_plain_exceptions() -> None:
    import click

    assert not issubclass(TimelineError, click.ClickException)
    assert str(ConfigError("bad", hint="fix it")) == "bad"


def test_the_cli_prints_the_message_and_hint_and_exits_1(tmp_path: object) -> None:
    result = CliRunner().invoke(main, ["date", "2025-02-30"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "Traceback" not in result.output
