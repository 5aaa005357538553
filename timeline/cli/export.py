"""`timeline export`: the validated timeline in other formats."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

FORMATS = ("json",)


@click.command("export")
@click.argument("output_format", metavar="FORMAT", type=click.Choice(FORMATS))
@click.option(
    "--events",
    "events_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The events folder (default: from mkdocs.yml, else ./events).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of to standard output.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The mkdocs.yml with the timeline settings (default: found from here upwards).",
)
def command(
    output_format: str, events_dir: Path | None, output: Path | None, config_file: Path | None
) -> None:
    """Export the whole validated timeline, in timeline order.

    Exits 1 and lists the problems when the timeline is invalid.

    \b
    Examples:
      timeline export json > timeline.json
      timeline export json --events events/ -o public/timeline.json
    """
    from timeline.check import check_paths
    from timeline.config import load_settings

    settings = load_settings(config_file)
    result = check_paths(settings, [events_dir] if events_dir else None)
    if result.timeline is None:
        for problem in result.errors:
            click.echo(problem.format(), err=True)
        raise click.ClickException(
            f"not exported: {len(result.errors)} error(s) in the event files (see above)"
        )
    text = json.dumps(result.timeline.to_json(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {len(result.timeline)} events to {output}", err=True)
