"""`timeline new`: start an event file from a phrase such as "Apr 21 2025 ratification"."""

from __future__ import annotations

from pathlib import Path

import click

from timeline.cli.options import config_option


@click.command("new")
@click.argument("phrase", required=False)
@click.option("--title", help="The title (instead of the words after the date).")
@click.option("--date", "date_text", help="The date (instead of the phrase's first words).")
@click.option("--tag", "tags", multiple=True, help="A tag; repeat for several.")
@click.option("--id", "event_id", help="The id (file name) instead of one made from the title.")
@config_option
def command(
    phrase: str | None,
    title: str | None,
    date_text: str | None,
    tags: tuple[str, ...],
    event_id: str | None,
    config_file: Path | None,
) -> None:
    """Write a new event file from a date and a title, and print its path.

    The phrase starts with a date (as `timeline date` reads it) and goes on with
    the title. The file is events/<year>/<date>-<title-slug>.yaml at the date's
    precision (2025-04-21-…, 2025-04-…, 2025-…, 44bc-…), with the optional fields
    commented out and a modeline that lets editors check it against
    event.schema.json (written at the project root when missing). An existing
    file is never overwritten.

    \b
    Examples:
      timeline new "Apr 21 2025 ratification"
      timeline new "Jan 2025: partnership treaty signed" --tag treaty --tag trade
      timeline new --date "circa 1990" --title "The archive is founded"
    """
    from timeline.config import load_settings
    from timeline.new import SCHEMA_FILE, plan_event, schema_text, write_event

    settings = load_settings(config_file)
    new = plan_event(settings, phrase, title=title, date=date_text, tags=tags, event_id=event_id)
    write_event(new)
    schema_file = settings.root / SCHEMA_FILE
    try:
        # "x" creates the file and refuses anything already there, a link included.
        with open(schema_file, "x", encoding="utf-8") as stream:
            stream.write(schema_text())
        click.echo(f"wrote {_shown(schema_file, settings.root)} (for editors)", err=True)
    except FileExistsError:
        if schema_file.is_symlink() or not schema_file.is_file():
            click.echo(f"note: {SCHEMA_FILE} is not a regular file; left alone", err=True)
        elif schema_file.read_bytes() != schema_text().encode("utf-8"):
            click.echo(
                f"note: {SCHEMA_FILE} is out of date; refresh it: timeline schema -o {SCHEMA_FILE}",
                err=True,
            )
    except OSError as error:
        click.echo(f"note: could not write {SCHEMA_FILE}: {error.strerror or error}", err=True)
    click.echo(_shown(new.path, settings.root))


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
