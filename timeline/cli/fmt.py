"""`timeline fmt`: rewrite event files into one canonical form."""

from __future__ import annotations

from pathlib import Path

import click

from timeline.cli.options import config_option


@click.command("fmt")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if a file would change.")
@config_option
def command(paths: tuple[Path, ...], check: bool, config_file: Path | None) -> None:
    """Rewrite data files in the canonical form: the project's events/, sources/, eras/
    and places/, or the given paths.

    Fields in the schema's order (unknown ones last, never dropped), two-space
    indentation, quotes only where needed, short lists of words as [a, b],
    multi-line text as | blocks. Every value's text and every comment is kept;
    a file that does not load cleanly is skipped, never guessed at. Files under
    sources/, eras/ and places/ take their own fields' order.

    Exits 1 when a file was skipped, or with --check when a file would change.

    \b
    Examples:
      timeline fmt
      timeline fmt events/1969/1969-07-20-apollo-11-lands.yaml
      timeline fmt sources/ places/
      timeline fmt --check          # in CI or a pre-commit hook
    """
    from timeline.config import load_settings
    from timeline.fmt import data_folders, format_files

    settings = load_settings(config_file)
    folders = data_folders(settings)
    # By default events/ and whichever of the registry folders the project has.
    default = [f for f, kind in folders.items() if kind == "event" or f.is_dir()]
    results = format_files(
        list(paths) or default, root=settings.root, write=not check, folders=folders
    )
    changed = [r for r in results if r.changed]
    skipped = [r for r in results if r.problems]
    for result in results:
        for problem in result.problems:
            click.echo(problem.format(), err=True)
        if result.changed:
            click.echo(f"{'would reformat' if check else 'reformatted'} {result.display}")
    verb = "would be reformatted" if check else "reformatted"
    unchanged = len(results) - len(changed) - len(skipped)
    summary = f"{_count(len(changed))} {verb}, {_count(unchanged)} unchanged"
    if skipped:
        summary += f", {_count(len(skipped))} skipped"
    click.echo(summary, err=True)
    if skipped or (check and changed):
        raise SystemExit(1)


def _count(number: int) -> str:
    return f"{number} file{'s' if number != 1 else ''}"
