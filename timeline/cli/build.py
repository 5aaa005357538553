"""`timeline build`: the site, with `mkdocs build --strict`, reproducibly dated."""

from __future__ import annotations

import os
from pathlib import Path

import click

from timeline.cli.options import mkdocs_config_option


@click.command("build", context_settings={"ignore_unknown_options": True})
@mkdocs_config_option
@click.option(
    "-d", "--site-dir", type=click.Path(file_okay=False, path_type=Path), help="Where to build."
)
@click.option("--strict/--no-strict", default=True, show_default=True, help="Fail on warnings.")
@click.argument("mkdocs_args", nargs=-1, type=click.UNPROCESSED)
def command(
    config_file: Path | None, site_dir: Path | None, strict: bool, mkdocs_args: tuple[str, ...]
) -> None:
    """Check the events and build the site (`mkdocs build --strict`).

    The build date comes from SOURCE_DATE_EPOCH, or else the last git commit, so
    the same input builds the same bytes. A failed build leaves site/ as it was.
    Other arguments go to `mkdocs build`.

    \b
    Examples:
      timeline build
      timeline build -d public
      timeline build --no-strict -- --verbose
    """
    args = ["build", *mkdocs_options(config_file)]
    if site_dir is not None:
        args += ["--site-dir", str(site_dir)]
    if strict:
        args.append("--strict")
    run_mkdocs([*args, *mkdocs_args], config_file)


def mkdocs_options(config_file: Path | None) -> list[str]:
    """``--config-file`` for mkdocs: the given file, or the one found from here upwards."""
    from timeline.config import find_config_file
    from timeline.errors import ConfigError

    found = config_file or find_config_file(Path.cwd())
    if found is None:
        raise ConfigError(
            "no mkdocs.yml here or in a folder above", hint="run `timeline` in a site"
        )
    return ["--config-file", str(found)]


def run_mkdocs(args: list[str], config_file: Path | None) -> None:
    """Run the mkdocs command line in this process, with a reproducible build date."""
    from mkdocs.__main__ import cli

    from timeline.config import find_config_file
    from timeline.errors import ConfigError
    from timeline.render.staging import last_commit_time, source_date_epoch

    try:
        given = source_date_epoch(os.environ.get("SOURCE_DATE_EPOCH"))
    except ValueError as error:
        raise ConfigError(str(error), hint="unset it, or give whole seconds") from None
    if given is None:
        # Unset, or set but empty (which MkDocs would fail on): the last commit, else unset.
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        found = config_file or find_config_file(Path.cwd())
        epoch = last_commit_time(found.resolve().parent if found else Path.cwd())
        if epoch:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
    cli.main(args, prog_name="mkdocs", standalone_mode=False)
