"""Era bands and link arrows on the axis as a reader sees them, in headless Chromium."""

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
from timeline.check import check_paths
from timeline.config import Settings
from timeline.model import Timeline
from timeline.render import axis

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "map"


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    result = check_paths(Settings(root=FIXTURE))
    assert result.timeline is not None
    return result.timeline


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The map fixture (three eras, typed links) built and served on 127.0.0.1."""
    root = tmp_path_factory.mktemp("served")
    project = copy_fixture("map", tmp_path_factory.mktemp("map") / "project")
    build_site(project, root / "site")
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/site"
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
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    yield tab
    context.close()
    assert errors == []


AXIS = "document.querySelector('figure.tl-axis').tlAxis"


def open_axis(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_function("document.querySelector('figure.tl-axis')?.tlAxis?.drawn === true")
    page.wait_for_function(f"{AXIS}.overlay.querySelectorAll('a').length > 0")


def bands(page: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = page.evaluate(
        f"{AXIS}.bands.map(b => ({{id: b.id, x0: b.x0, x1: b.x1, y0: b.y0, y1: b.y1, row: b.row}}))"
    )
    return found


def test_each_era_band_spans_exactly_its_bounds(page: Any, server: str, timeline: Timeline) -> None:
    open_axis(page, f"{server}/timeline/?view=1940-01-01~2000-01-01")
    v0, v1, width = page.evaluate(f"[{AXIS}.v0, {AXIS}.v1, {AXIS}.width]")
    drawn = {band["id"]: band for band in bands(page)}
    assert set(drawn) == {era.id for era in timeline.eras}
    for era in timeline.eras:
        low, high = axis.era_extent(era)
        band = drawn[era.id]
        assert band["x0"] == pytest.approx((low - v0) * width / (v1 - v0), abs=0.01), era.id
        if era.when.open_end:  # ongoing: to the right edge, however far the view goes
            assert band["x1"] == pytest.approx(width)
        else:
            assert band["x1"] == pytest.approx((high - v0) * width / (v1 - v0), abs=0.01)
    # Détente overlaps both others: three rows, none hiding another.
    assert sorted(band["row"] for band in drawn.values()) == [0, 1, 2]
    assert len({band["y0"] for band in drawn.values()}) == 3


def test_an_ongoing_era_reaches_the_edge_of_a_later_view(page: Any, server: str) -> None:
    open_axis(page, f"{server}/timeline/?view=2100-01-01~2110-01-01")
    width = page.evaluate(f"{AXIS}.width")
    (band,) = bands(page)
    assert band["id"] == "space-age"
    assert band["x0"] <= 0 and band["x1"] == pytest.approx(width)


def test_clicking_a_band_opens_the_era_page(page: Any, server: str) -> None:
    open_axis(page, f"{server}/timeline/?view=1940-01-01~2000-01-01")
    (band,) = [b for b in bands(page) if b["id"] == "detente"]
    box = page.locator(".tl-axis-view").bounding_box()
    page.mouse.click(box["x"] + (band["x0"] + band["x1"]) / 2, box["y"] + band["y0"] + 4)
    page.wait_for_url("**/timeline/eras/detente/")
    assert page.locator("h1").inner_text() == "Détente"


def test_bands_are_links_reached_by_keyboard(page: Any, server: str) -> None:
    open_axis(page, f"{server}/timeline/")
    page.locator(".tl-axis-view").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('data-era')") == "cold-war"
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label.startswith("Era: The Cold War, ")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('data-era')") == "space-age"
    page.keyboard.press("Enter")
    page.wait_for_url("**/timeline/eras/space-age/")


def arrows(page: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = page.evaluate(f"{AXIS}.arrows")
    return found


def centre(page: Any, event_id: str) -> tuple[float, float]:
    x, y = page.evaluate(
        f"(() => {{ const m = {AXIS}.marks.find(m => m.id === '{event_id}');"
        " return [(m.hit0 + m.hit1) / 2, (m.y0 + m.y1) / 2]; })()"
    )
    return x, y


def focus_mark(page: Any, event_id: str) -> None:
    page.locator(f'.tl-axis-links a[data-id="{event_id}"]').focus()
    page.wait_for_function(f"{AXIS}.arrows.length > 0")


def test_focusing_an_event_draws_arrows_to_its_linked_events(page: Any, server: str) -> None:
    open_axis(page, f"{server}/timeline/")
    focus_mark(page, "1963-08-30-hotline")
    found = {(a["from"], a["to"], a["words"]) for a in arrows(page)}
    assert found == {
        ("1962-10-cuban-missile-crisis", "1963-08-30-hotline", "Followed from"),
        ("1963-08-30-hotline", "1962-10-cuban-missile-crisis", "In response to"),
        ("1972-05-26-salt-i", "1963-08-30-hotline", "Linked from"),
    }
    # Each arrow runs from the mark of the event naming the link to the other's mark.
    for arrow in arrows(page):
        assert arrow["drawn"]
        assert (arrow["x0"], arrow["y0"]) == pytest.approx(centre(page, arrow["from"]))
        assert (arrow["x1"], arrow["y1"]) == pytest.approx(centre(page, arrow["to"]))
    status = page.locator(".tl-axis-status").inner_text()
    assert "In response to: The Cuban Missile Crisis" in status


def test_pointing_at_an_event_draws_its_arrows_and_leaving_clears_them(
    page: Any, server: str
) -> None:
    open_axis(page, f"{server}/timeline/")
    x, y = centre(page, "1961-04-12-gagarin")
    box = page.locator(".tl-axis-view").bounding_box()
    page.mouse.move(box["x"] + x, box["y"] + y)
    page.wait_for_function(f"{AXIS}.arrows.length === 1")
    (arrow,) = arrows(page)
    assert (arrow["from"], arrow["to"], arrow["words"]) == (
        "1957-10-04-sputnik",
        "1961-04-12-gagarin",
        "Followed from",
    )
    assert (arrow["x1"], arrow["y1"]) == pytest.approx((x, y))
    page.mouse.move(box["x"] + 2, box["y"] + box["height"] + 200)
    page.wait_for_function(f"{AXIS}.arrows.length === 0")


def test_an_arrow_to_an_event_out_of_view_points_to_the_edge(page: Any, server: str) -> None:
    open_axis(page, f"{server}/timeline/?view=1957-01-01~1959-01-01")
    focus_mark(page, "1957-10-04-sputnik")
    (arrow,) = arrows(page)
    width = page.evaluate(f"{AXIS}.width")
    assert arrow["to"] == "1961-04-12-gagarin" and not arrow["drawn"]
    assert arrow["x1"] == pytest.approx(width - 4)  # Gagarin is later: the right edge


def test_no_accessibility_violations_with_eras(page: Any, server: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    open_axis(page, f"{server}/timeline/")
    focus_mark(page, "1963-08-30-hotline")
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    results = Axe().run(page, context={"include": [["figure.tl-axis"]]}, options=options)
    assert [v["id"] for v in results.response["violations"]] == []


def test_without_javascript_the_eras_are_links_in_the_svg(browser: Any, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{server}/timeline/")
    links = tab.locator(".tl-axis-static svg a:has(rect.tla-era)")
    hrefs = sorted(links.evaluate_all("nodes => nodes.map(n => n.getAttribute('href'))"))
    assert hrefs == ["eras/cold-war/", "eras/detente/", "eras/space-age/"]
    context.close()
