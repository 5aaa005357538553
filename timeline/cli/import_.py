"""`timeline import`: other tools' timelines → one event file per slide."""

from __future__ import annotations

from pathlib import Path

import click

from timeline.cli.options import config_option

FORMATS = ("timelinejs", "csv")


@click.command("import")
@click.argument("source_format", metavar="FORMAT", type=click.Choice(FORMATS))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--into",
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write event files in (default: the events folder).",
)
@click.option("--dry-run", is_flag=True, help="Write nothing; show what would be imported.")
@config_option
def command(
    source_format: str, file: Path, into: Path | None, dry_run: bool, config_file: Path | None
) -> None:
    """Import a TimelineJS timeline: its JSON file, or its spreadsheet saved as CSV.

    Writes one event file per slide, named from its date and headline
    (1815/1815-12-10-ada-lovelace.yaml, in year folders as `timeline new` files
    them, already in `timeline fmt`'s form), and prints a report of every slide
    and of everything that could not be kept. Eras become era files in eras/
    beside the events folder; the title slide goes to a note file
    (_timelinejs-<name>.md) beside the events. Writes every file or
    none, and never overwrites one. Exits 1 when a slide could not be imported.

    \b
    Examples:
      timeline import timelinejs timeline.json --dry-run
      timeline import csv "My timeline - Sheet1.csv" --into events/history/
    """
    from timeline.config import load_settings
    from timeline.ids import existing_ids
    from timeline.imports.timelinejs import (
        format_report,
        plan_import,
        read_document,
        write_plan,
    )

    settings = load_settings(config_file)
    folder = into if into is not None else settings.events_path
    document = read_document(file, source_format)
    taken = existing_ids(settings.events_path) | existing_ids(folder)
    eras = _shown(settings.events_path.parent / "eras")
    plan = plan_import(document, _shown(folder), settings, taken=taken, eras_into=eras)
    if not dry_run:
        write_plan(plan)
    click.echo(format_report(plan, dry_run=dry_run), nl=False)
    if plan.skipped:
        raise SystemExit(1)  # the report's last line says which slides, and why above


def _shown(folder: Path) -> Path:
    """The folder relative to the working directory when inside it (for the report)."""
    try:
        return folder.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return folder
