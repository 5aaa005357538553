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

# `check` and `links` report problems the same three ways.
problem_format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(("text", "json", "github")),
    default="text",
    show_default=True,
    help="text for people, github for workflow annotations, json for tools.",
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
    """Write a command's output file all-or-nothing, or fail with a clear message.

    The bytes go to a temporary file beside ``path``, which is renamed over it only
    once they are all on disk: a full disk or an interrupted run keeps the old file.
    """
    import os
    import tempfile

    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o7777 if path.exists() else None
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        # mkstemp makes the file private (0600); keep the old file's mode, or the default.
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        kept = f"; {path} is unchanged" if path.exists() else ""
        raise click.ClickException(
            f"could not write {path}: {error.strerror or error}{kept}"
        ) from None
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
