"""Golden snapshot: the HTML of the basic fixture site's pages, checked in under tests/golden/.

A change to any generated page shows here as a diff to review. After an intended change:

    .venv/bin/python -m pytest tests/test_golden.py --update-golden
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sites import FIXTURES
from timeline.check import check_paths
from timeline.config import load_settings
from timeline.render.pages import SiteOptions, build_pages

GOLDEN = Path(__file__).resolve().parent / "golden" / "basic"


def _pages() -> dict[str, str]:
    settings = load_settings(FIXTURES / "basic" / "mkdocs.yml")
    timeline = check_paths(settings).timeline
    assert timeline is not None
    built = build_pages(timeline, SiteOptions(locale=settings.locale))
    pages = {page.src_uri.replace("/", "__") + ".html": page.html for page in built.pages}
    pages.update({uri.replace("/", "__"): text for uri, text in built.data.items()})
    return pages


def test_pages_match_the_golden_files(request: pytest.FixtureRequest) -> None:
    pages = _pages()
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for old in GOLDEN.iterdir():
            old.unlink()
        for name, text in pages.items():
            (GOLDEN / name).write_text(text, encoding="utf-8")
    golden = {path.name: path.read_text(encoding="utf-8") for path in GOLDEN.iterdir()}
    assert sorted(pages) == sorted(golden), "run with --update-golden after a wanted change"
    changed = [name for name in pages if pages[name] != golden[name]]
    assert changed == [], "run with --update-golden after a wanted change, and review the diff"
