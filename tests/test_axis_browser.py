"""The time axis as a reader sees and uses it, in headless Chromium (Debian's)."""

from __future__ import annotations

import functools
import http.server
import re
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
from timeline.dates.model import days_from_civil
from timeline.model import Timeline
from timeline.render import axis

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "axis"


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    result = check_paths(Settings(root=FIXTURE))
    assert result.timeline is not None
    return result.timeline


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The axis fixture (lanes by tag) built and served on 127.0.0.1."""
    root = tmp_path_factory.mktemp("served")
    project = copy_fixture("axis", tmp_path_factory.mktemp("axis") / "project")
    build_site(project, root / "axis")
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/axis"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def _page(browser: Any, width: int = 1280) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    return context, tab, errors


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that fails the test on any console error or uncaught exception."""
    context, tab, errors = _page(browser)
    yield tab
    context.close()
    assert errors == []


def open_axis(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("figure.tl-axis.tl-axis-ready")
    page.wait_for_function("document.querySelector('figure.tl-axis').tlAxis.drawn === true")


def view(page: Any) -> tuple[float, float]:
    v0, v1 = page.evaluate(
        "(() => { const a = document.querySelector('figure.tl-axis').tlAxis;"
        " return [a.v0, a.v1]; })()"
    )
    return v0, v1


def drawn(page: Any) -> list[dict[str, Any]]:
    marks: list[dict[str, Any]] = page.evaluate(
        "document.querySelector('figure.tl-axis').tlAxis.marks.map(m => "
        "({id: m.id, x0: m.x0, x1: m.x1, row: m.row, y0: m.y0, y1: m.y1}))"
    )
    return marks


def canvas_width(page: Any) -> float:
    width: float = page.evaluate("document.querySelector('figure.tl-axis').tlAxis.width")
    return width


def test_every_mark_is_drawn_over_its_dates_bounds(
    page: Any, server: str, timeline: Timeline
) -> None:
    open_axis(page, f"{server}/timeline/")
    v0, v1 = view(page)
    width = canvas_width(page)
    marks = drawn(page)
    assert {m["id"] for m in marks} == {e.id for e in timeline.events}
    _titles, member = axis.assign_lanes(timeline.events, "tags")
    for event, lanes in zip(timeline.events, member, strict=True):
        low, high = axis.extent(event)
        expected0 = (low - v0) * width / (v1 - v0)
        expected1 = max((high - v0) * width / (v1 - v0), expected0 + 1)
        found = [m for m in marks if m["id"] == event.id]
        assert len(found) == len(lanes), event.id  # one mark per lane it is in
        for mark in found:
            assert mark["x0"] == pytest.approx(expected0, abs=0.01), event.id
            assert mark["x1"] == pytest.approx(expected1, abs=0.01), event.id


def test_a_month_bar_spans_exactly_its_month(page: Any, server: str) -> None:
    open_axis(page, f"{server}/timeline/?view=2024-12-01~2025-03-01")
    width = canvas_width(page)
    start, end = days_from_civil(2024, 12, 1), days_from_civil(2025, 3, 1)
    (month,) = [m for m in drawn(page) if m["id"] == "month-event"]
    assert month["x0"] == pytest.approx(
        (days_from_civil(2025, 1, 1) - start) * width / (end - start), abs=0.01
    )
    assert month["x1"] == pytest.approx(
        (days_from_civil(2025, 2, 1) - start) * width / (end - start), abs=0.01
    )
    assert month["x1"] - month["x0"] == pytest.approx(31 * width / (end - start), abs=0.01)
    # And it is painted: the canvas is not empty in the middle of the bar.
    alpha = page.evaluate(
        "([x, y]) => { const a = document.querySelector('figure.tl-axis').tlAxis, r = a.ratio;"
        " const pixel = a.canvas.getContext('2d').getImageData(Math.round(x * r),"
        " Math.round(y * r), 1, 1); return pixel.data[3]; }",
        [(month["x0"] + month["x1"]) / 2, (month["y0"] + month["y1"]) / 2],
    )
    assert alpha > 0


def test_keyboard_zooms_pans_and_resets(page: Any, server: str) -> None:
    open_axis(page, f"{server}/timeline/")
    whole = view(page)
    page.locator(".tl-axis-view").focus()
    page.keyboard.press("+")
    page.wait_for_function(f"document.querySelector('figure.tl-axis').tlAxis.v0 > {whole[0]}")
    zoomed = view(page)
    assert zoomed[1] - zoomed[0] == pytest.approx((whole[1] - whole[0]) / 2)
    page.keyboard.press("ArrowLeft")
    moved = view(page)
    assert moved[0] < zoomed[0] and moved[1] - moved[0] == pytest.approx(zoomed[1] - zoomed[0])
    page.keyboard.press("-")
    page.keyboard.press("Home")
    assert view(page) == pytest.approx(whole)
    # The labelled buttons do the same.
    page.get_by_role("button", name="Zoom in (+)").click()
    assert view(page)[1] - view(page)[0] == pytest.approx((whole[1] - whole[0]) / 2)


def test_the_wheel_zooms_around_the_pointer(page: Any, server: str) -> None:
    open_axis(page, f"{server}/timeline/")
    before = view(page)
    box = page.locator(".tl-axis-view").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.9, box["y"] + 60)
    page.mouse.wheel(0, -400)
    page.wait_for_function(f"document.querySelector('figure.tl-axis').tlAxis.v0 > {before[0]}")
    after = view(page)
    assert after[1] - after[0] < (before[1] - before[0]) * 0.7
    assert after[1] < before[1]  # zoomed towards the pointer, near the right edge


def test_brushing_a_range_filters_the_list(page: Any, server: str) -> None:
    open_axis(page, f"{server}/timeline/?view=2024-01-01~2026-01-01")
    width = canvas_width(page)
    start, end = days_from_civil(2024, 1, 1), days_from_civil(2026, 1, 1)
    x_from = (days_from_civil(2024, 12, 1) - start) * width / (end - start)
    x_to = (days_from_civil(2025, 3, 1) - start) * width / (end - start)
    box = page.locator(".tl-axis-view").bounding_box()
    page.get_by_role("button", name="Select a time range by dragging on the axis").click()
    page.mouse.move(box["x"] + x_from, box["y"] + 60)
    page.mouse.down()
    page.mouse.move(box["x"] + (x_from + x_to) / 2, box["y"] + 60)
    page.mouse.move(box["x"] + x_to, box["y"] + 60)
    page.mouse.up()
    page.wait_for_function("location.search.includes('range=')")
    titles = page.locator("article.tl-event:visible .tl-title").all_inner_texts()
    assert titles == ["A month of talks"]
    assert "1 of 12 events match" in page.locator("[data-tl-status]").inner_text()
    page.get_by_role("button", name="Clear the time range").click()
    page.wait_for_function("!location.search.includes('range=')")
    assert page.locator("article.tl-event:visible").count() == 12


def test_list_filters_redraw_the_axis(page: Any, server: str) -> None:
    open_axis(page, f"{server}/timeline/")
    assert len({m["id"] for m in drawn(page)}) == 12
    page.get_by_label("Search the timeline").fill("treaty")
    page.wait_for_function("location.search.includes('text=treaty')")
    page.wait_for_function("document.querySelector('figure.tl-axis').tlAxis.shown === 1")
    page.wait_for_timeout(50)  # one animation frame
    assert {m["id"] for m in drawn(page)} == {"day-event"}


def test_the_view_and_range_round_trip_through_the_url(page: Any, server: str) -> None:
    open_axis(
        page, f"{server}/timeline/?text=a&view=1900-01-01~2000-01-01&range=1920-01-01~1950-01-01"
    )
    v0, v1 = view(page)
    assert (v0, v1) == (days_from_civil(1900, 1, 1), days_from_civil(2000, 1, 1))
    titles = page.locator("article.tl-event:visible .tl-title").all_inner_texts()
    assert titles == ["The roaring decade", "The war years"]
    page.locator(".tl-axis-view").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("!location.search.includes('view=1900-01-01')")
    shared = page.url
    assert "text=a" in shared and "range=1920-01-01~1950-01-01" in shared
    moved = view(page)
    page.goto("about:blank")
    open_axis(page, shared)
    assert view(page) == pytest.approx(moved, abs=1 / 1440)


def test_the_ticks_of_the_browser_match_the_build(page: Any, server: str) -> None:
    open_axis(page, f"{server}/timeline/")
    cases = [
        ((-2999, 1, 1), (2025, 1, 1), 1000),
        ((-60, 1, 1), (40, 1, 1), 900),
        ((2024, 11, 15), (2025, 6, 1), 700),
        ((2025, 1, 1), (2025, 3, 1), 1000),
    ]
    for lo, hi, width in cases:
        a, b = days_from_civil(*lo), days_from_civil(*hi)
        js = page.evaluate(f"window.timelineAxis.ticks({a}, {b}, {width}).ticks")
        assert [[t.at, t.label] for t in axis.ticks(a, b, width)] == js
    hours = page.evaluate(f"window.timelineAxis.ticks({a + 0.1}, {a + 1.2}, 900).ticks")
    assert [[t.at, t.label] for t in axis.ticks(a + 0.1, a + 1.2, 900)] == hours


def test_a_mark_is_a_link_to_its_event(page: Any, server: str) -> None:
    open_axis(page, f"{server}/timeline/?view=2025-04-01~2025-05-01")
    (mark,) = [m for m in drawn(page) if m["id"] == "day-event" and m["row"] >= 0][:1]
    box = page.locator(".tl-axis-view").bounding_box()
    page.mouse.click(
        box["x"] + (mark["x0"] + mark["x1"]) / 2, box["y"] + (mark["y0"] + mark["y1"]) / 2
    )
    page.wait_for_url(re.compile(r"/timeline/day-event/$"))
    assert page.locator("h1").inner_text() == "A treaty is signed"


def test_marks_in_view_are_focusable_links(page: Any, server: str) -> None:
    open_axis(page, f"{server}/timeline/?view=2025-04-01~2025-05-01")
    links = page.locator(".tl-axis-links a")
    links.first.wait_for(state="attached")
    labels = links.evaluate_all("nodes => nodes.map(n => n.getAttribute('aria-label'))")
    assert "A treaty is signed, 21 April 2025" in labels
    links.first.focus()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('data-id')") is not None


@pytest.mark.parametrize("path", ["timeline/", "timeline/tags/diplomacy/"])
def test_no_accessibility_violations_on_the_axis(page: Any, server: str, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    open_axis(page, f"{server}/{path}")
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    results = Axe().run(page, context={"include": [["figure.tl-axis"]]}, options=options)
    found = [
        f"{v['id']}: {v['help']}: {[node['target'] for node in v['nodes']]}"
        for v in results.response["violations"]
    ]
    assert found == []


def test_a_tag_page_shows_only_its_events(page: Any, server: str) -> None:
    open_axis(page, f"{server}/timeline/tags/diplomacy/")
    assert {m["id"] for m in drawn(page)} == {"month-event", "day-event", "minute-event"}


def test_usable_at_360_pixels(browser: Any, server: str) -> None:
    context, tab, errors = _page(browser, 360)
    open_axis(tab, f"{server}/timeline/")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    box = tab.locator(".tl-axis-view").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert len(drawn(tab)) >= 12
    tab.get_by_role("button", name="Zoom in (+)").click()
    assert tab.get_by_role("button", name="Zoom in (+)").is_visible()
    context.close()
    assert errors == []


def test_without_javascript_the_svg_has_a_link_per_mark(
    browser: Any, server: str, timeline: Timeline
) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{server}/timeline/")
    svg = tab.locator(".tl-axis-static svg")
    assert svg.is_visible()
    _titles, member = axis.assign_lanes(timeline.events, "tags")
    links = svg.locator("a")
    assert links.count() == sum(len(lanes) for lanes in member)
    hrefs = set(links.evaluate_all("nodes => nodes.map(n => n.getAttribute('href'))"))
    assert hrefs == {f"{event.id}/" for event in timeline.events}
    tab.locator('.tl-axis-static a[href="caesar-dies/"]').first.click()
    assert tab.locator("h1").inner_text() == "Caesar is killed"
    context.close()


def test_printing_shows_the_svg(page: Any, server: str) -> None:
    open_axis(page, f"{server}/timeline/")
    assert page.locator(".tl-axis-print svg").count() == 0  # not parsed until printing
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(".tl-axis-print svg").is_hidden()
    page.emulate_media(media="print")
    assert page.locator(".tl-axis-print svg").is_visible()
    assert page.locator(".tl-axis-print svg a").count() >= 12
    assert page.locator(".tl-axis-live").is_hidden()


@pytest.fixture(scope="module")
def open_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The axis fixture plus an ongoing event, built and served on 127.0.0.1."""
    root = tmp_path_factory.mktemp("served-open")
    project = copy_fixture("axis", tmp_path_factory.mktemp("axis-open") / "project")
    (project / "events" / "still-going.yaml").write_text(
        "title: Still going\ndate: 2022-03-01\nend: ongoing\ntags: [war]\n", encoding="utf-8"
    )
    build_site(project, root / "axis")
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/axis"
    httpd.shutdown()


def test_an_ongoing_event_runs_to_the_right_edge_when_zoomed_in(
    page: Any, open_server: str
) -> None:
    # A year after its start: its known bound (the start day) is far off to the left.
    open_axis(page, f"{open_server}/timeline/?view=2022-02-01~2022-04-01")
    width = canvas_width(page)
    (mark,) = [m for m in drawn(page) if m["id"] == "still-going"]
    start = days_from_civil(2022, 3, 1) - days_from_civil(2022, 2, 1)
    total = days_from_civil(2022, 4, 1) - days_from_civil(2022, 2, 1)
    assert mark["x0"] == pytest.approx(start * width / total, abs=0.01)
    assert mark["x1"] == pytest.approx(width, abs=0.01)
    # Panned past its start, it still crosses the whole view.
    page.locator(".tl-axis-view").focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "(() => { const a = document.querySelector('figure.tl-axis').tlAxis;"
        f" return !a.pending && a.v0 > {days_from_civil(2022, 3, 2)}; }})()"
    )
    (mark,) = [m for m in drawn(page) if m["id"] == "still-going"]
    assert mark["x0"] <= 0 and mark["x1"] == pytest.approx(width, abs=0.01)
    # And the arrowhead is painted at the right edge.
    alpha = page.evaluate(
        "([x, y]) => { const a = document.querySelector('figure.tl-axis').tlAxis, r = a.ratio;"
        " const pixel = a.canvas.getContext('2d').getImageData(Math.round(x * r),"
        " Math.round(y * r), 1, 1); return pixel.data[3]; }",
        [width - 3, (mark["y0"] + mark["y1"]) / 2],
    )
    assert alpha > 0
