"""The map page as a reader sees and uses it, in headless Chromium (Debian's)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser import ARGS, CHROMIUM
from tests.browser import QuietHandler as _Quiet
from tests.sites import build_site, copy_fixture
from timeline.check import check_paths
from timeline.config import Settings
from timeline.dates.model import days_from_civil
from timeline.model import Timeline
from timeline.render import maps

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "map"
TILES = "{z}/{x}/{y}.png"


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    result = check_paths(Settings(root=FIXTURE))
    assert result.timeline is not None
    return result.timeline


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The map fixture built and served on 127.0.0.1; a second build has a tile layer."""
    root = tmp_path_factory.mktemp("served")
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root))
    )
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    project = copy_fixture("map", tmp_path_factory.mktemp("map") / "project")
    build_site(project, root / "site")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + f"      map:\n        tiles: '{base}/tiles/{TILES}'\n"
        + "        attribution: '© Test Tiles'\n",
        encoding="utf-8",
    )
    build_site(project, root / "tiled")
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield base
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def _page(browser: Any, width: int = 1280, **options: Any) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
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


MAP = "document.querySelector('figure[data-tl-map]').tlMap"
AXIS = "document.querySelector('figure.tl-axis').tlAxis"


def open_map(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_function(f"{MAP} && {MAP}.ready === true")
    page.wait_for_function(f"{AXIS} && {AXIS}.drawn === true")


def dots(page: Any) -> dict[str, dict[str, Any]]:
    found: list[dict[str, Any]] = page.evaluate(
        f"{MAP}.dots.map(d => ({{name: d.name, x: d.x, y: d.y, count: d.count,"
        " shown: d.node.style.display !== 'none', pressed: d.node.getAttribute('aria-pressed'),"
        " cx: +d.circle.getAttribute('cx'), cy: +d.circle.getAttribute('cy')}))"
    )
    return {dot["name"]: dot for dot in found}


def listed(page: Any) -> list[str]:
    found: list[str] = page.evaluate(
        "Array.from(document.querySelectorAll("
        "'[data-tl-list] li[data-tl-id]:not([data-tl-hidden])'))"
        ".map(li => li.getAttribute('data-tl-id'))"
    )
    return found


def test_each_place_is_drawn_where_the_projection_puts_it(
    page: Any, server: str, timeline: Timeline
) -> None:
    open_map(page, f"{server}/site/timeline/map/")
    places = maps.map_places(timeline)
    window = maps.map_window(places)
    drawn = dots(page)
    assert set(drawn) == {item.place.name for item in places}
    for item in places:
        # d3-geo in the page and the build's Python projection agree to a tenth of a pixel.
        x, y = window.project(*item.point)
        dot = drawn[item.place.name]
        assert (dot["x"], dot["y"]) == pytest.approx((x, y), abs=0.06), item.name
        assert (dot["cx"], dot["cy"]) == pytest.approx((x, y), abs=0.06)
        assert dot["count"] == len(item.events) and dot["shown"]
    # The static map is replaced, and the land is drawn from the shipped basemap.
    assert page.locator(".tl-map-static").is_hidden()
    assert len(page.locator(".tl-mapjs path.tl-map-land").get_attribute("d") or "") > 1000


def brush(page: Any, start: tuple[int, int, int], end: tuple[int, int, int]) -> None:
    """Drag a range on the axis with the Select range tool, as a reader does."""
    page.get_by_role("button", name="Select a time range by dragging on the axis").click()
    box = page.locator(".tl-axis-view").bounding_box()
    x0, x1, y = page.evaluate(
        f"[{AXIS}.x({days_from_civil(*start)}), {AXIS}.x({days_from_civil(*end)}),"
        f" {AXIS}.overviewTop - 10]"
    )
    page.mouse.move(box["x"] + x0, box["y"] + y)
    page.mouse.down()
    page.mouse.move(box["x"] + (x0 + x1) / 2, box["y"] + y, steps=4)
    page.mouse.move(box["x"] + x1, box["y"] + y, steps=4)
    page.mouse.up()


def test_brushing_time_filters_the_map_and_the_list(page: Any, server: str) -> None:
    open_map(page, f"{server}/site/timeline/map/")
    brush(page, (1960, 1, 1), (1965, 1, 1))
    page.wait_for_function(f"{MAP}.range !== null")
    drawn = dots(page)
    # 1960–64: Gagarin (Moscow), the Cuban crisis (Havana, Washington), the hotline.
    assert {name for name, dot in drawn.items() if dot["shown"]} == {
        "Moscow",
        "Havana",
        "Washington",
    }
    assert drawn["Moscow"]["count"] == 2 and drawn["Berlin"]["count"] == 0
    assert listed(page) == [
        "1961-04-12-gagarin",
        "1962-10-cuban-missile-crisis",
        "1963-08-30-hotline",
    ]
    page.wait_for_function("location.search.includes('range=')")


def test_zooming_the_axis_shows_only_the_places_in_view(page: Any, server: str) -> None:
    open_map(page, f"{server}/site/timeline/map/?view=1985-01-01~1995-01-01")
    drawn = dots(page)
    assert [name for name, dot in drawn.items() if dot["shown"]] == ["Berlin"]
    assert len(listed(page)) == 7  # the view filters the map, not the list


def test_selecting_a_place_filters_the_list_and_the_axis(page: Any, server: str) -> None:
    open_map(page, f"{server}/site/timeline/map/")
    page.get_by_role("button", name="Berlin: 2 events in view").click()
    assert listed(page) == ["1948-06-24-berlin-blockade", "1989-11-09-berlin-wall-falls"]
    page.wait_for_function(f"{AXIS}.marks.length === 2")
    assert sorted(page.evaluate(f"{AXIS}.marks.map(m => m.id)")) == [
        "1948-06-24-berlin-blockade",
        "1989-11-09-berlin-wall-falls",
    ]
    assert dots(page)["Berlin"]["pressed"] == "true"
    page.wait_for_function("new URLSearchParams(location.search).get('place') === 'Berlin'")
    assert "Selected: Berlin" in page.locator(".tl-map-status").inner_text()
    # Selecting it again shows every event again.
    page.get_by_role("button", name="Berlin: 2 events in view, selected").click()
    assert len(listed(page)) == 7
    page.wait_for_function("!location.search.includes('place=')")


def test_a_place_is_selected_by_keyboard(page: Any, server: str) -> None:
    open_map(page, f"{server}/site/timeline/map/")
    page.locator('[data-place="Havana"]').focus()
    page.keyboard.press("Enter")
    assert listed(page) == ["1962-10-cuban-missile-crisis"]
    page.keyboard.press(" ")
    assert len(listed(page)) == 7


def test_the_place_range_and_view_round_trip_through_the_url(page: Any, server: str) -> None:
    query = "place=Moscow&range=1960-01-01~1965-01-01&view=1955-01-01~1975-01-01"
    open_map(page, f"{server}/site/timeline/map/?{query}")
    page.wait_for_function(f"{MAP}.range !== null")
    assert listed(page) == ["1961-04-12-gagarin", "1963-08-30-hotline"]
    assert dots(page)["Moscow"]["pressed"] == "true"
    v0, v1 = page.evaluate(f"[{AXIS}.v0, {AXIS}.v1]")
    assert (v0, v1) == (days_from_civil(1955, 1, 1), days_from_civil(1975, 1, 1))
    # Sharing the address after a change keeps all three.
    page.get_by_role("button", name="Havana: 1 event in view").click()
    page.wait_for_function("location.search.includes('place=Havana')")
    shared = page.url
    assert "range=1960-01-01~1965-01-01" in shared and "view=1955-01-01~1975-01-01" in shared
    open_map(page, shared)
    page.wait_for_function(f"{MAP}.range !== null")
    assert listed(page) == ["1962-10-cuban-missile-crisis"]


def test_no_accessibility_violations_on_the_map_page(page: Any, server: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    open_map(page, f"{server}/site/timeline/map/?place=Moscow")
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    # The map, the axis and the status; the list's links are the theme's own colour
    # (MkDocs' default theme's light blue fails colour contrast on every page).
    include = [["figure.tl-map-figure"], ["figure.tl-axis"], [".tl-map-status"]]
    results = Axe().run(page, context={"include": include}, options=options)
    found = [
        f"{v['id']}: {v['help']}: {[node['target'] for node in v['nodes']]}"
        for v in results.response["violations"]
    ]
    assert found == []


def test_works_with_the_network_blocked(browser: Any, server: str) -> None:
    context, tab, errors = _page(browser)
    outside: list[str] = []

    def only_this_host(route: Any) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_this_host)
    open_map(tab, f"{server}/site/timeline/map/")
    assert len(dots(tab)) == 4
    context.close()
    assert outside == [] and errors == []


def test_without_javascript_the_static_map_links_every_place(
    browser: Any, server: str, timeline: Timeline
) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{server}/site/timeline/map/")
    svg = tab.locator(".tl-map-static svg")
    assert svg.is_visible()
    hrefs = sorted(svg.locator("a").evaluate_all("ns => ns.map(n => n.getAttribute('href'))"))
    names = ["berlin", "havana", "moscow", "washington"]
    assert hrefs == [f"../places/{name}/" for name in names]
    tab.locator('.tl-map-static a[href="../places/havana/"]').click()
    assert tab.locator("h1").inner_text() == "Place: Havana"
    context.close()


def test_a_tile_layer_draws_tiles_and_shows_its_attribution(browser: Any, server: str) -> None:
    context, tab, _errors = _page(browser)  # the tiles themselves are not served: 404s
    requested: list[str] = []
    tab.on("request", lambda r: requested.append(r.url) if "/tiles/" in r.url else None)
    open_map(tab, f"{server}/tiled/timeline/map/")
    credit = tab.locator(".tl-map-credit")
    assert credit.is_visible() and "© Test Tiles" in credit.inner_text()
    images = tab.locator(".tl-map-tiles image")
    assert images.count() >= 2
    hrefs = images.evaluate_all("ns => ns.map(n => n.getAttribute('href'))")
    assert all(h.startswith(f"{server}/tiles/") and h.endswith(".png") for h in hrefs)
    tab.wait_for_timeout(200)
    assert requested  # the browser asked the configured server, and only it
    # Under Web Mercator the places are still inside the map, west to east in order.
    drawn = dots(tab)
    assert drawn["Havana"]["x"] < drawn["Washington"]["x"] < drawn["Berlin"]["x"]
    assert drawn["Berlin"]["x"] < drawn["Moscow"]["x"] < 960
    assert drawn["Havana"]["y"] > drawn["Washington"]["y"] > drawn["Moscow"]["y"] > 0
    context.close()


def test_the_map_fits_at_360_pixels(browser: Any, server: str) -> None:
    context, tab, errors = _page(browser, 360)
    open_map(tab, f"{server}/site/timeline/map/")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    box = tab.locator(".tl-mapjs svg").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    context.close()
    assert errors == []
