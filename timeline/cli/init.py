"""`timeline init`: start a project (site settings, a home page, a first event, CI)."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("init")
@click.argument(
    "directory",
    required=False,
    default=".",
    type=click.Path(file_okay=False, path_type=Path),
)
@click.option("--title", help="What the timeline is about (default: from the folder's name).")
@click.option(
    "--theme",
    type=click.Choice(["material", "mkdocs"]),
    help="The site's theme (default: material when Material for MkDocs is installed, else mkdocs).",
)
def command(directory: Path, title: str | None, theme: str | None) -> None:
    """Start a timeline project in DIRECTORY (default: here), ready to build.

    Writes mkdocs.yml (with the timeline plugin), docs/index.md (the home page),
    one example event under events/, .pre-commit-config.yaml, the CI workflow
    .github/workflows/timeline.yml and .gitignore. Nothing is asked, and nothing
    that exists is overwritten: if any of these files is already there, each one
    is named and nothing at all is written.

    \b
    Examples:
      timeline init lisbon-trams
      timeline init . --title "Lisbon's trams, 1873 to today"
      timeline init my-timeline --theme mkdocs
    """
    from datetime import date

    from timeline.scaffold import default_theme, default_title, project_files, write_project

    chosen = theme or default_theme()
    files = project_files(title or default_title(directory), chosen, date.today())
    write_project(directory, files)
    for file in files:
        click.echo(f"wrote {(directory / file.path).as_posix()}")
    if theme is None and chosen == "mkdocs":
        click.echo(
            "note: Material for MkDocs is not installed, so the site uses MkDocs' own theme "
            "(for Material: pip install mkdocs-material, then set `theme: name: material`)",
            err=True,
        )
    elif chosen == "material" and default_theme() != "material":
        click.echo(
            "note: Material for MkDocs is not installed; install it before building: "
            "pip install mkdocs-material",
            err=True,
        )
    steps = []
    if directory.resolve() != Path.cwd().resolve():
        steps.append((f"cd {directory}", ""))
    steps += [
        ("mkdocs serve", "the site at http://127.0.0.1:8000/, rebuilt as you edit"),
        ('timeline new "Apr 21 2025 What happened"', "a new event file"),
        ("timeline check", "every problem in every event file"),
        ("mkdocs build --strict", "the site in site/ (it also opens from disk: site/index.html)"),
    ]
    width = max(len(command) for command, _ in steps) + 2
    click.echo("\nNext:")
    for command, what in steps:
        click.echo(f"  {command.ljust(width)}{what}".rstrip())
