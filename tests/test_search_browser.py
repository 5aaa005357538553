"""Search in headless Chromium: the theme's box finds an event by a word of its body.

The sites are served from sub-folders (/mkdocs/, /material/), as a project site on a
static host is, and every request that is not to 127.0.0.1 is refused: search works
offline, from the files of the build.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import ARGS, CHROMIUM
from tests.browser import QuietHandler as _Quiet
from tests.sites import build_site, copy_fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]

WORD = "zanzibarite"  # in one event's body only: neither its title nor its summary


def _with_body_word(project: Path) -> None:
    event = project / "events/treaty-ratified.yaml"
    text = event.read_text(encoding="utf-8")
    assert "body: |\n" in text
    event.write_text(
        text.replace("body: |\n", f"body: |\n  The instruments lay in a {WORD} casket.\n\n", 1),
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("served")
    for theme, fixture in (("mkdocs", "basic"), ("material", "material")):
        project = copy_fixture(fixture, tmp_path_factory.mktemp(theme) / "project")
        _with_body_word(project)
        build_site(project, root / theme)
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def offline(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A page that may reach 127.0.0.1 only; the refused addresses are listed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    refused: list[str] = []

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith("http://127.0.0.1:"):
            request_route.continue_()
        else:
            refused.append(url)
            request_route.abort()

    context.route("**/*", route)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab, refused
    context.close()
    assert errors == []


def _results(page: Any) -> Any:
    return page.locator(".tl-search li a")


def test_the_mkdocs_theme_search_box_finds_an_event_by_a_body_word(
    offline: tuple[Any, list[str]], server: str
) -> None:
    page, refused = offline
    page.goto(f"{server}/mkdocs/")
    page.get_by_role("link", name="Search").first.click()
    box = page.locator("#mkdocs-search-query")
    box.wait_for()
    box.fill(WORD)
    link = _results(page).first
    link.wait_for()
    assert _results(page).all_inner_texts() == ["Treaty ratified"]
    assert WORD in page.locator(".tl-search li mark").first.inner_text().lower()
    link.click()
    page.wait_for_url(f"{server}/mkdocs/timeline/treaty-ratified/")
    assert page.locator("h1").first.inner_text() == "Treaty ratified"
    assert refused == []


def test_material_search_box_finds_an_event_by_a_body_word(
    offline: tuple[Any, list[str]], server: str
) -> None:
    page, refused = offline
    # Material's own index (Lunr) leaves the event pages to Pagefind.
    lunr = page.request.get(f"{server}/material/search/search_index.json").text()
    assert "Recently changed" in lunr and WORD not in lunr and "treaty-ratified" not in lunr
    page.goto(f"{server}/material/chronology/")
    box = page.locator("input.md-search__input")
    box.click()  # at this width the box is in the header; a click opens the results
    box.fill(WORD)
    link = _results(page).first
    link.wait_for()
    assert _results(page).all_inner_texts() == ["Treaty ratified"]
    link.click()
    page.wait_for_url(f"{server}/material/chronology/treaty-ratified/")
    assert page.locator("h1").first.inner_text() == "Treaty ratified"
    assert refused == []


def test_an_escaped_title_stays_text_and_a_miss_says_so(
    offline: tuple[Any, list[str]], server: str
) -> None:
    page, _ = offline
    page.goto(f"{server}/mkdocs/")
    page.get_by_role("link", name="Search").first.click()
    box = page.locator("#mkdocs-search-query")
    box.fill("Moscow venue")
    _results(page).first.wait_for()
    assert 'Treaty signed <script>alert("title")</script>' in _results(page).all_inner_texts()
    assert page.locator(".tl-search script").count() == 0
    box.fill("qwertyuiopasdf")
    page.get_by_text("Events: no match").wait_for()
    assert _results(page).count() == 0
