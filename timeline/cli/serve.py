"""`timeline serve`: the site on a local server, rebuilt when an event file changes."""

from __future__ import annotations

from pathlib import Path

import click

from timeline.cli.options import mkdocs_config_option


@click.command("serve", context_settings={"ignore_unknown_options": True})
@mkdocs_config_option
@click.option(
    "-a", "--dev-addr", metavar="IP:PORT", help="Address to serve on (default 127.0.0.1:8000)."
)
@click.argument("mkdocs_args", nargs=-1, type=click.UNPROCESSED)
def command(config_file: Path | None, dev_addr: str | None, mkdocs_args: tuple[str, ...]) -> None:
    """Serve the site locally (`mkdocs serve`), watching events/ as well as docs/.

    An invalid event file is reported in the terminal and in a banner on every
    page, and the last good timeline stays up; fix the file and the site
    rebuilds. Removing and remaking events/ is fine. Other arguments go to
    `mkdocs serve`.

    \b
    Examples:
      timeline serve
      timeline serve -a 127.0.0.1:8001
    """
    from timeline.cli.build import mkdocs_options, run_mkdocs

    args = ["serve", *mkdocs_options(config_file)]
    if dev_addr:
        args += ["--dev-addr", dev_addr]
    run_mkdocs([*args, *mkdocs_args], config_file)
