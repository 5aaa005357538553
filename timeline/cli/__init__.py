"""The `timeline` command: one click group; each command lives in its own module.

Commands are imported only when used, so `timeline check` never pays for
MkDocs and `timeline --help` pays for nothing.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from timeline import __version__
from timeline.errors import TimelineError

# name -> module under timeline.cli that defines `command`
COMMANDS: dict[str, str] = {
    "build": "build",
    "check": "check",
    "date": "date",
    "diff": "diff",
    "export": "export",
    "fmt": "fmt",
    "import": "import_",
    "init": "init",
    "links": "links",
    "new": "new",
    "schema": "schema",
    "serve": "serve",
}


class LazyGroup(click.Group):
    """A group that imports a command's module only when the command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        loaded: Any = importlib.import_module(f"timeline.cli.{module}")
        command: click.Command = loaded.command
        return command

    def invoke(self, ctx: click.Context) -> Any:
        # The library raises its own errors; here they become click's (message, hint,
        # exit code 1, no traceback).
        try:
            return super().invoke(ctx)
        except TimelineError as error:
            raise click.ClickException(error.format_message()) from None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="timeline")
def main() -> None:
    """Keep a curated chronology in git: check it, understand its dates, publish it.

    \b
    Examples:
      timeline init my-timeline       start a project: site settings, a first event, CI
      timeline check                  check every file under events/
      timeline date "circa 1990"      show how a date text is understood
      timeline export json -o t.json  the validated timeline as JSON
      timeline import timelinejs t.json  one event file per TimelineJS slide
    """
