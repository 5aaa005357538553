"""Helpers for tests that build whole fixture sites with MkDocs."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def copy_fixture(name: str, target: Path) -> Path:
    """A copy of ``tests/fixtures/<name>`` (so builds never write into the repository)."""
    shutil.copytree(FIXTURES / name, target, ignore=shutil.ignore_patterns("site"))
    return target


def build_site(project: Path, site_dir: Path | None = None, **overrides: Any) -> Path:
    """Build ``project`` with MkDocs in strict mode, as `mkdocs build --strict` does."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = site_dir or project / "site"
    config = load_config(
        config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True, **overrides
    )
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def tree(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by relative path."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }
