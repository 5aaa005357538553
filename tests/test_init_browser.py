"""A project made by `timeline init`, without a nav, opened from disk in headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.browser import ARGS, CHROMIUM
from tests.sites import build_site
from timeline.cli import main

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]

EVENTS = {
    "1873/1873-11-17-horse-trams.yaml": "title: Horse-drawn trams start\ndate: Nov 17 1873\n",
    "1901/1901-08-31-electric.yaml": "title: The first electric line\ndate: 1901-08-31\n",
    "1950s.yaml": "title: The network at its largest\ndate: 1950s\ntags: [network]\n",
}
GENERATED = ("Tags", "Actors", "Places", "Years", "Recently changed")


def _project(root: Path, theme: str, *, own_home: bool) -> Path:
    result = CliRunner().invoke(main, ["init", str(root), "--theme", theme, "--title", "Trams"])
    assert result.exit_code == 0, result.output
    for name, text in EVENTS.items():
        (root / "events" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "events" / name).write_text(text, encoding="utf-8")
    if not own_home:
        (root / "docs" / "index.md").unlink()
    return build_site(root)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Built init projects: each theme with init's home page, and one with none."""
    return {
        "material": _project(tmp_path_factory.mktemp("m") / "p", "material", own_home=True),
        "mkdocs": _project(tmp_path_factory.mktemp("d") / "p", "mkdocs", own_home=True),
        "generated": _project(tmp_path_factory.mktemp("g") / "p", "material", own_home=False),
    }


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def _nav_labels(page: Any, theme: str) -> list[str]:
    """The primary nav as a reader sees it: section labels and page links, in order."""
    if theme == "mkdocs":
        page.get_by_role(
            "button", name="Timeline", exact=True
        ).click()  # the navbar's dropdown, not "Whole timeline"
        items = page.locator("ul.navbar-nav").first.locator("a.nav-link, a.dropdown-item")
    else:
        items = page.locator("nav.md-nav--primary > ul > li").locator(
            ":scope > a.md-nav__link, :scope > label.md-nav__link, :scope a.md-nav__link"
        )
    labels: list[str] = [" ".join(text.split()) for text in items.all_inner_texts()]
    return [label for label in labels if label]


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_the_nav_has_one_timeline_section(page: Any, sites: dict[str, Path], theme: str) -> None:
    page.goto((sites[theme] / "index.html").as_uri())
    labels = _nav_labels(page, theme)
    assert labels.count("Timeline") == 1, labels
    start = labels.index("Timeline")
    # The section holds the timeline page, then every index page once, in this order;
    # no "Tags ▸ Tags" one-page sections.
    assert labels[start + 1 : start + 7] == ["Trams", *GENERATED], labels
    for name in GENERATED:
        assert labels.count(name) == 1, (name, labels)


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_every_link_works_from_disk(page: Any, sites: dict[str, Path], theme: str) -> None:
    site = sites[theme]
    start = (site / "timeline" / "index.html").as_uri()
    page.goto(start)
    hrefs = page.eval_on_selector_all(
        "main a[href], .tl-root a[href]", "links => links.map(a => a.href)"
    )
    targets = sorted({h.split("#")[0] for h in hrefs if h.startswith("file:")})
    assert len(targets) >= 8
    for target in targets:
        # A link to a folder would open a directory listing from disk.
        assert target.endswith((".html", ".json", ".ics", ".csv", ".xml", ".txt")), target
        assert Path(target.removeprefix("file://")).is_file(), target
    page.get_by_role("link", name="The first electric line").first.click()
    assert page.url.endswith("/timeline/1901-08-31-electric.html")
    assert page.locator("h1").first.inner_text() == "The first electric line"


def test_the_home_page_shows_the_latest_events(page: Any, sites: dict[str, Path]) -> None:
    page.goto((sites["material"] / "index.html").as_uri())
    heading = page.locator("h1").first.inner_text()
    assert heading.rstrip("¶") == "Trams"  # init's docs/index.md, with its permalink
    titles = page.locator(".tl-home article.tl-event .tl-title").all_inner_texts()
    assert titles[:2] == ["Trams: the first entry", "The network at its largest"]
    assert titles[-1] == "Horse-drawn trams start"  # latest first


def test_without_an_index_md_the_home_is_the_timeline(page: Any, sites: dict[str, Path]) -> None:
    page.goto((sites["generated"] / "index.html").as_uri())
    assert page.locator("article h1, .md-content h1").first.inner_text() == "Trams"
    titles = page.locator(".tl-home article.tl-event .tl-title").all_inner_texts()
    assert len(titles) == len(EVENTS) + 1
    page.get_by_role("link", name="the whole timeline").click()
    assert page.url.endswith("/timeline/index.html")
    assert page.locator(".tl-root h1").inner_text() == "Trams"


def test_the_filters_work_from_disk(page: Any, sites: dict[str, Path]) -> None:
    # (From disk the theme's search worker and its CDN highlight.js fail: the guide says
    # search needs a server. The filters are ours, and must not.)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
    page.goto((sites["mkdocs"] / "timeline" / "index.html").as_uri())
    titles = page.locator("article.tl-event:visible .tl-title")
    assert titles.count() == len(EVENTS) + 1
    page.get_by_label("Search the timeline").fill("electric")
    page.wait_for_function("location.search.includes('text=electric')")
    assert titles.all_inner_texts() == ["The first electric line"]
    assert [error for error in errors if "timeline.js" in error] == []
