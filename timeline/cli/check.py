"""`timeline check`: every problem in the event files, in one run."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click

from timeline.cli.options import config_option, problem_format_option
from timeline.problems import printable

_RAW_IN_JSON = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@problem_format_option
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@config_option
def command(
    paths: tuple[Path, ...], output_format: str, strict: bool, config_file: Path | None
) -> None:
    """Check event files: the project's events/, or the given files and folders.

    Exits 0 when clean, 1 when there are errors (or warnings with --strict).

    \b
    Examples:
      timeline check
      timeline check events/2025 events/extra.yaml
      timeline check --format github     # annotations in a GitHub Actions run
    """
    from timeline.check import check_paths
    from timeline.config import load_settings

    settings = load_settings(config_file)
    if not paths and not settings.events_path.is_dir():
        from timeline.errors import TimelineError

        raise TimelineError(
            f"no events folder: {settings.events_path} does not exist",
            'create it and add event files (timeline new "<date> <title>"), '
            "or set events_dir in the timeline entry of mkdocs.yml",
        )
    result = check_paths(settings, list(paths) or None)
    errors, warnings = len(result.errors), len(result.warnings)
    if output_format == "json":
        # JSON escapes C0 controls itself (and its own newlines are layout); DEL, C1
        # controls and bidi overrides it leaves raw, so they get \u escapes here.
        text = json.dumps(_as_json(result), indent=2, ensure_ascii=False)
        click.echo(_RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
    else:
        for problem in result.problems:
            if output_format == "github":
                click.echo(annotation(problem))
            else:
                click.echo(problem.format())
        click.echo(_summary(result.files, errors, warnings), err=output_format == "github")
    if errors or (strict and warnings):
        raise SystemExit(1)


def _summary(files: int, errors: int, warnings: int) -> str:
    checked = f"checked {files} event file{'s' if files != 1 else ''}"
    if not errors and not warnings:
        return f"{checked}: no problems"
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return f"{checked}: {', '.join(parts)}"


def _as_json(result: object) -> dict[str, object]:
    from timeline.check import CheckResult

    assert isinstance(result, CheckResult)
    return {
        "files": result.files,
        "errors": len(result.errors),
        "warnings": len(result.warnings),
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "column": p.column,
                "code": p.code,
                "severity": p.severity.value,
                "field": p.field,
                "message": p.message,
                "hint": p.hint,
            }
            for p in result.problems
        ],
    }


def _escape(text: str, *, property_value: bool = False) -> str:
    """Text as GitHub Actions' workflow-command parser reads it back (its escapeData).

    Control characters are shown as escapes first (a newline in a file name must not
    end the command); the hint's own line break is added by the caller after this.
    """
    text = printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def annotation(problem: object) -> str:
    """A GitHub Actions workflow command that annotates the line in the pull request."""
    from timeline.problems import Problem

    assert isinstance(problem, Problem)
    level = "error" if problem.is_error else "warning"
    where = [f"file={_escape(problem.path, property_value=True)}"]
    if problem.line:
        where += [f"line={problem.line}", f"col={problem.column}"]
    where.append(f"title={_escape(problem.code, property_value=True)}")
    message = _escape((f"{problem.field}: " if problem.field else "") + problem.message)
    if problem.hint:
        message += f"%0Ahint: {_escape(problem.hint)}"
    return f"::{level} {','.join(where)}::{message}"
