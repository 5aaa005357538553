"""A new timeline project (`timeline init`): the files, and writing them all or none.

The files come from templates shipped in ``templates/``: the site's mkdocs.yml (with
Material for MkDocs when it is installed, MkDocs' default theme otherwise), a home
page, one example event about the user's own subject, the pre-commit hooks, the CI
workflow of the CI guide, and a .gitignore. Nothing that exists is overwritten:
every clash is reported and then nothing at all is written.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from string import Template
from typing import Final

from timeline.errors import TimelineError

__all__ = [
    "THEMES",
    "InitError",
    "ProjectFile",
    "clashes",
    "default_theme",
    "default_title",
    "project_files",
    "write_project",
]

TEMPLATES: Final = Path(__file__).parent / "templates"
THEMES: Final = ("material", "mkdocs")
HOME_MARKER: Final = "<!-- timeline:home -->"
_THEME_BLOCKS: Final = {
    "material": (
        "  name: material\n"
        "  font: false  # no requests to Google Fonts: the system fonts\n"
        "  features:\n"
        "    - navigation.sections"
    ),
    "mkdocs": "  name: mkdocs",
}
# Where each template goes in the project.
_TARGETS: Final = {
    "mkdocs.yml": "mkdocs.yml",
    "index.md": "docs/index.md",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "timeline.yml": ".github/workflows/timeline.yml",
    "gitignore": ".gitignore",
}


class InitError(TimelineError):
    """The project cannot be written where asked (files in the way, no permission)."""


@dataclass(frozen=True)
class ProjectFile:
    """One file of a new project: its path (POSIX, relative to the project) and text."""

    path: str
    text: str


def default_theme() -> str:
    """Material for MkDocs when it is importable, else MkDocs' own theme."""
    return "material" if importlib.util.find_spec("material") is not None else "mkdocs"


def default_title(directory: Path) -> str:
    """A title from the project folder's name: 'lisbon-trams' → 'Lisbon trams'."""
    words = directory.resolve().name.replace("_", " ").replace("-", " ").split()
    if not words:
        return "My timeline"
    text = " ".join(words)
    return text[0].upper() + text[1:]


def template_text(name: str) -> str:
    """A template as shipped in the package."""
    return (TEMPLATES / name).read_text(encoding="utf-8")


def project_files(title: str, theme: str, today: date) -> tuple[ProjectFile, ...]:
    """Every file of a new project about ``title``; the example event is dated ``today``."""
    from timeline.dates import parse_date
    from timeline.ids import id_slug
    from timeline.new import date_prefix
    from timeline.yaml_writer import double_quoted, yaml_text

    if theme not in THEMES:
        raise InitError(f"unknown theme {theme!r}", hint=f"choose one of {', '.join(THEMES)}")
    title = " ".join(title.split())
    if not title:
        raise InitError("the title is empty", hint='give one: --title "Lisbon trams"')
    event_title = f"{title}: the first entry"
    day = today.isoformat()
    values = {
        "title": title,
        # Double-quoted: any title is safe in mkdocs.yml (the scaffold's test reads it so).
        "site_name_yaml": double_quoted(title),
        "theme_block": _THEME_BLOCKS[theme],
        "event_title_yaml": yaml_text(event_title),
        "date": day,
    }
    files = []
    for name, target in _TARGETS.items():
        text = template_text(name)
        # The workflow is the CI guide's, ${{ … }} and all: copied as it is.
        if name != "timeline.yml":
            text = Template(text).substitute(values)
        files.append(ProjectFile(target, text))
    event_id = f"{date_prefix(parse_date(day))}-{id_slug(event_title)}"
    event_text = Template(template_text("event.yaml")).substitute(values)
    files.append(ProjectFile(f"events/{today.year:04d}/{event_id}.yaml", event_text))
    return tuple(files)


def clashes(root: Path, files: Sequence[ProjectFile]) -> list[str]:
    """One message per file that cannot be written because something is in its place."""
    problems = []
    for file in files:
        target = root / file.path
        if target.exists() or target.is_symlink():
            kind = "a folder" if target.is_dir() else "a file"
            problems.append(f"{file.path}: already exists ({kind}); it is left as it is")
            continue
        for parent in Path(file.path).parents:
            folder = root / parent
            if parent != Path(".") and (folder.is_file() or folder.is_symlink()):
                problems.append(f"{file.path}: {parent.as_posix()} is a file, not a folder")
                break
    return problems


def write_project(root: Path, files: Sequence[ProjectFile]) -> None:
    """Write every file under ``root``, or none of them.

    Raises:
        InitError: something is in the way of a file (each one listed), or writing
            failed; in both cases nothing is left behind.
    """
    if root.exists() and not root.is_dir():
        raise InitError(f"{root} is not a folder")
    problems = clashes(root, files)
    if problems:
        raise InitError(
            "nothing was written, because:\n  " + "\n  ".join(problems),
            hint="run `timeline init` in an empty folder, or move these files away",
        )
    created_root = not root.exists()
    placed: list[Path] = []
    made: list[Path] = []
    try:
        root.mkdir(parents=True, exist_ok=True)
        # Staged inside the project, so the final moves stay on one file system.
        with tempfile.TemporaryDirectory(prefix=".timeline-init-", dir=root) as staging:
            for number, file in enumerate(files):
                with open(Path(staging) / str(number), "x", encoding="utf-8", newline="\n") as out:
                    out.write(file.text)
            for number, file in enumerate(files):
                target = root / file.path
                for parent in reversed(target.parents):
                    if not parent.exists() and parent.is_relative_to(root):
                        parent.mkdir()
                        made.append(parent)
                _place(Path(staging) / str(number), target)
                placed.append(target)
    except OSError as error:
        for path in reversed(placed):
            path.unlink(missing_ok=True)
        for folder in reversed(made):
            shutil.rmtree(folder, ignore_errors=True)
        if created_root:
            shutil.rmtree(root, ignore_errors=True)
        where = f" ({error.filename})" if error.filename else ""
        raise InitError(
            f"could not write the project: {error.strerror or error}{where}; nothing was written"
        ) from None


def _place(staged: Path, target: Path) -> None:
    """Put a staged file at ``target``, refusing to replace one that appeared since the check."""
    try:
        os.link(staged, target)  # whole or not at all, and never over an existing file
    except FileExistsError:
        raise
    except OSError:
        # File systems without hard links: copy, still refusing an existing file.
        with open(target, "xb") as out:
            out.write(staged.read_bytes())
