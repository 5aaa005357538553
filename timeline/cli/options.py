"""Options that several commands share."""

from __future__ import annotations

from pathlib import Path

import click

config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The mkdocs.yml with the timeline settings (default: found from here upwards).",
)

# `build` and `serve` pass it on to MkDocs, so it is spelt as MkDocs spells it.
mkdocs_config_option = click.option(
    "-f",
    "--config-file",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The site's mkdocs.yml (default: found from here upwards).",
)


def write_output(path: Path, content: bytes) -> None:
    """Write a command's output file (creating its folder), or fail with a clear message."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    except OSError as error:
        raise click.FileError(str(path), hint=error.strerror or str(error)) from None
