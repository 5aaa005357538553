"""`timeline schema`: the event file JSON Schema, for editors."""

from __future__ import annotations

import json
from pathlib import Path

import click

from timeline.cli.options import write_output


@click.command("schema")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of to standard output.",
)
def command(output: Path | None) -> None:
    """Print the JSON Schema of event files (for YAML editors).

    \b
    Examples:
      timeline schema -o event.schema.json
    """
    from timeline.schema import json_schema

    text = json.dumps(json_schema(), indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        write_output(output, text.encode("utf-8"))
        click.echo(f"wrote {output}", err=True)
