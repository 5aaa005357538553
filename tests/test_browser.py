"""What a reader sees and clicks, in headless Chromium (Debian's, never a downloaded one)."""

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
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Two built fixture sites served on 127.0.0.1: /whole/ (one page) and /split/ (by year)."""
    root = tmp_path_factory.mktemp("served")
    whole = copy_fixture("material", tmp_path_factory.mktemp("whole") / "project")
    build_site(whole, root / "whole")
    split = copy_fixture("basic", tmp_path_factory.mktemp("split") / "project")
    config = split / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - timeline\n", "  - timeline:\n      split_threshold: 2\n")
    )
    build_site(split, root / "split")
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
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that fails the test on any console error or uncaught exception."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on(
        "console",
        lambda m: errors.append(f"{m.text} {m.location}") if m.type == "error" else None,
    )
    tab.on("pageerror", lambda e: errors.append(str(e)))
    yield tab
    context.close()
    assert errors == []


def visible_titles(page: Any) -> list[str]:
    titles: list[str] = page.locator("article.tl-event:visible .tl-title").all_inner_texts()
    return titles


def test_the_timeline_works_without_javascript(browser: Any, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/whole/chronology/")
    assert len(visible_titles(page)) == 5
    assert page.locator("form[role=search]").count() == 0
    page.get_by_role("link", name="Two days of talks", exact=True).click()
    assert page.locator("h1").inner_text() == "Two days of talks"
    context.close()


def test_filters_by_tags_actors_and_text_and_keep_state_in_the_url(page: Any, server: str) -> None:
    page.goto(f"{server}/whole/chronology/")
    page.get_by_role("button", name="Tags").click()
    page.get_by_label("treaty (2)").check()
    page.wait_for_function("location.search.includes('tag=treaty')")
    assert sorted(visible_titles(page)) == [
        "Treaty ratified",
        'Treaty signed <script>alert("title")</script>',
    ]
    page.get_by_label("russia-iran (1)").check()  # any of the chosen tags
    page.get_by_role("button", name="Actors").click()
    page.get_by_label("Russia (3)").check()
    page.wait_for_function("location.search.includes('actor=Russia')")
    assert len(visible_titles(page)) == 2
    page.get_by_label("Search the timeline").fill("ratified")
    page.wait_for_function("location.search.includes('text=ratified')")
    assert visible_titles(page) == ["Treaty ratified"]
    assert "1 of 5 events match" in page.locator("[data-tl-status]").inner_text()
    # The URL alone restores the view.
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    assert visible_titles(page) == ["Treaty ratified"]
    assert page.get_by_label("treaty (2)").is_checked()
    assert page.get_by_label("Search the timeline").input_value() == "ratified"
    page.get_by_role("button", name="Clear filters").click()
    assert len(visible_titles(page)) == 5
    assert "?" not in page.url


def test_filters_by_date_range(page: Any, server: str) -> None:
    page.goto(f"{server}/whole/chronology/?from=2023&to=2024")
    assert visible_titles(page) == ["Two days of talks"]
    assert page.locator("#y2025").is_hidden()
    page.get_by_label("From year").fill("2000")
    page.get_by_label("From year").press("Enter")
    page.get_by_label("To year").fill("2022")
    page.get_by_label("To year").press("Tab")
    page.wait_for_function("location.search.includes('to=2022')")
    assert visible_titles(page) == ["Drones supplied"]  # the 1990s (1990-1999) are out


def test_split_timeline_filters_across_pages_with_the_json_index(page: Any, server: str) -> None:
    page.goto(f"{server}/split/timeline/")
    assert page.locator("ol.tl-periods li").count() >= 3
    with page.expect_response(lambda r: r.url.endswith("/index.json")):
        page.get_by_label("Search the timeline").fill("treaty")
    results = page.locator("[data-tl-results] a")
    results.first.wait_for()
    assert sorted(results.all_inner_texts()) == [
        "Treaty ratified",
        'Treaty signed <script>alert("title")</script>',
    ]
    results.filter(has_text="Treaty ratified").click()
    assert page.locator("h1").inner_text() == "Treaty ratified"
    page.go_back()
    page.wait_for_function("location.search.includes('text=treaty')")


def test_the_year_bar_jumps(page: Any, server: str) -> None:
    page.goto(f"{server}/whole/chronology/")
    # "1990s" is a decade: its heading says so (not "1990").
    page.locator("nav.tl-jump").get_by_role("link", name="1990s").click()
    assert page.url.endswith("#y1990s")


def test_keyboard_reaches_every_control(page: Any, server: str) -> None:
    page.goto(f"{server}/whole/chronology/")
    page.get_by_role("button", name="Tags").click()
    page.get_by_role("button", name="Actors").click()
    page.locator("body").focus()
    wanted = {
        "input[name=q]",
        "input[name=from]",
        "input[name=to]",
        "button[aria-controls$=-tags]",
        "button[aria-controls$=-actors]",
        "input[value=treaty]",
        "input[value=Iran]",
    }
    reached: set[str] = set()
    for _ in range(150):
        page.keyboard.press("Tab")
        for selector in wanted - reached:
            if page.evaluate(f"document.activeElement.matches({selector!r})"):
                reached.add(selector)
        if reached == wanted:
            break
    assert reached == wanted
    # A checkbox reached by keyboard toggles with Space, and the filter applies.
    page.locator("input[value=treaty]").focus()
    page.keyboard.press("Space")
    page.wait_for_function("location.search.includes('tag=treaty')")
    assert len(visible_titles(page)) == 2


@pytest.mark.parametrize(
    "path",
    [
        "whole/chronology/",
        "whole/chronology/treaty-signed/",
        "whole/chronology/tags/",
        "split/timeline/",
    ],
)
def test_no_serious_accessibility_violations(page: Any, server: str, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{server}/{path}")
    if page.get_by_role("button", name="Tags").count():
        page.get_by_role("button", name="Tags").click()
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if path.startswith("split/"):
        # MkDocs' default theme colours its links below 4.5:1; that is the theme's palette.
        options["rules"] = {"color-contrast": {"enabled": False}}
    results = Axe().run(page, context={"include": [[".tl-root"]]}, options=options)
    serious = [
        f"{v['id']}: {v['help']}: {[node['target'] for node in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_phone_width_screenshot(browser: Any, server: str, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1)
    page = context.new_page()
    page.goto(f"{server}/whole/chronology/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360  # nothing forces sideways scrolling
    # What a broken page would fail: our stylesheet applied (the list's own line, no
    # bullets), and every event's title on screen, inside the 360 px, readable.
    events = page.locator("ol.tl-events").first
    style = events.evaluate(
        "e => [getComputedStyle(e).listStyleType, getComputedStyle(e).borderLeftStyle]"
    )
    assert style == ["none", "solid"]
    titles = page.locator("ol.tl-events article .tl-title")
    assert titles.count() >= 3
    for index in range(titles.count()):
        box = titles.nth(index).bounding_box()
        assert box is not None and box["width"] > 100 and box["x"] + box["width"] <= 360, box
    shot = tmp_path / "timeline-360.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 1000
    page.goto(f"{server}/whole/chronology/treaty-ratified/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(tmp_path / "event-360.png"), full_page=True)
    context.close()
