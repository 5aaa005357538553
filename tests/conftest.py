from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from timeline.config import Settings

EXAMPLE_ROOT = Path(__file__).resolve().parent.parent

WriteEvent = Callable[[str, str], Path]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project: a folder with events/ (and no mkdocs.yml)."""
    (tmp_path / "events").mkdir()
    return tmp_path


@pytest.fixture
def settings(project: Path) -> Settings:
    return Settings(root=project)


@pytest.fixture
def write_event(project: Path) -> WriteEvent:
    """Write ``events/<name>`` with dedented text; returns its path."""

    def write(name: str, text: str) -> Path:
        path = project / "events" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files under tests/golden/ from the code (then review the diff)",
    )
