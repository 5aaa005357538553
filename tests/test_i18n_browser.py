"""A right-to-left site (Persian) as a reader sees it, in both themes, in headless Chromium."""

from __future__ import annotations

import functools
import http.server
import importlib.util
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.browser import ARGS, CHROMIUM
from tests.browser import QuietHandler as _Quiet
from tests.sites import build_site, copy_fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]
THEMES = ["mkdocs", "material"]
HAS_MATERIAL = importlib.util.find_spec("material") is not None


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The axis fixture built in Persian, once per theme, the language set by the theme."""
    root = tmp_path_factory.mktemp("served")
    for theme in THEMES:
        if theme == "material" and not HAS_MATERIAL:
            continue
        project = copy_fixture("axis", tmp_path_factory.mktemp(theme) / "project")
        config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
        # Material names the language `language`, MkDocs' own themes `locale`.
        key = "language" if theme == "material" else "locale"
        config["theme"] = {"name": theme, key: "fa"} | (
            {"font": False} if theme == "material" else {"highlightjs": False}
        )
        (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
        build_site(project, root / theme)
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(params=THEMES)
def theme(request: pytest.FixtureRequest) -> str:
    if request.param == "material" and not HAS_MATERIAL:
        pytest.skip("Material for MkDocs is not installed")
    return str(request.param)


def _open(browser: Any, url: str, width: int = 1280) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(url)
    tab.wait_for_selector("figure.tl-axis.tl-axis-ready")
    tab.wait_for_function("document.querySelector('figure.tl-axis').tlAxis.drawn === true")
    return context, tab, errors


def _marks(tab: Any) -> dict[str, dict[str, float]]:
    marks: list[dict[str, Any]] = tab.evaluate(
        "document.querySelector('figure.tl-axis').tlAxis.marks.map(m => "
        "({id: m.id, x0: m.hit0, x1: m.hit1, y0: m.y0, y1: m.y1, row: m.row}))"
    )
    return {m["id"]: m for m in marks}


def _boxes_overlap(boxes: list[dict[str, float]]) -> list[tuple[int, int]]:
    found = []
    for i, a in enumerate(boxes):
        for j, b in enumerate(boxes[i + 1 :], i + 1):
            apart = (
                a["x"] + a["width"] <= b["x"] + 0.5
                or b["x"] + b["width"] <= a["x"] + 0.5
                or a["y"] + a["height"] <= b["y"] + 0.5
                or b["y"] + b["height"] <= a["y"] + 0.5
            )
            if not apart:
                found.append((i, j))
    return found


def test_the_page_is_right_to_left_in_persian(browser: Any, server: str, theme: str) -> None:
    context, tab, errors = _open(browser, f"{server}/{theme}/timeline/")
    root = tab.locator(".tl-root").first
    assert (root.get_attribute("dir"), root.get_attribute("lang")) == ("rtl", "fa")
    # The theme's own direction, from its own language setting.
    assert tab.evaluate("getComputedStyle(document.querySelector('.tl-root')).direction") == "rtl"
    assert tab.get_by_role("button", name="بزرگ‌نمایی (+)").is_visible()
    assert tab.locator("h2#y2025").inner_text() == "۲۰۲۵"
    # The list mirrors: the events' line is on their right.
    events = tab.locator("ol.tl-events").first
    assert events.evaluate("e => getComputedStyle(e).borderRightWidth") == "2px"
    assert events.evaluate("e => getComputedStyle(e).borderLeftWidth") == "0px"
    context.close()
    assert errors == []


def test_time_runs_right_to_left_on_the_axis(browser: Any, server: str, theme: str) -> None:
    context, tab, errors = _open(browser, f"{server}/{theme}/timeline/")
    marks = _marks(tab)
    # 44 BC is right of AD 2025: the later event is left of the earlier one.
    assert marks["day-event"]["x1"] < marks["caesar-dies"]["x0"]
    tab.wait_for_function(
        # The label names the view once drawn (before, it is the translated "Time axis").
        "/[۰-۹]/.test(document.querySelector('.tl-axis canvas').getAttribute('aria-label'))"
    )
    label = tab.locator(".tl-axis canvas").get_attribute("aria-label")
    assert re.search("[۰-۹]", label) and not re.search("[0-9]", label)
    # The "earlier" button moves the view towards the right, where the past is.
    before = tab.evaluate("document.querySelector('figure.tl-axis').tlAxis.v0")
    tab.get_by_role("button", name="بزرگ‌نمایی (+)").click()
    tab.get_by_role("button", name="پیش‌تر (→)").click()
    after = tab.evaluate("document.querySelector('figure.tl-axis').tlAxis.v0")
    assert after > before  # negated days: a bigger v0 is further in the past
    context.close()
    assert errors == []


def test_marks_and_buttons_do_not_overlap(browser: Any, server: str, theme: str) -> None:
    for width in (1280, 360):
        context, tab, errors = _open(browser, f"{server}/{theme}/timeline/", width)
        rows: dict[tuple[float, int], list[dict[str, float]]] = {}
        for mark in _marks(tab).values():
            if mark["row"] >= 0:
                box = {"x": mark["x0"], "width": mark["x1"] - mark["x0"], "y": mark["y0"]}
                rows.setdefault((mark["y0"], mark["row"]), []).append(box | {"height": 1})
        assert all(_boxes_overlap(boxes) == [] for boxes in rows.values())
        buttons = tab.locator(".tl-axis-controls button:visible")
        boxes = [buttons.nth(i).bounding_box() for i in range(buttons.count())]
        assert len(boxes) >= 5 and _boxes_overlap(boxes) == []
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
        context.close()
        assert errors == []


def test_no_serious_accessibility_violations_right_to_left(
    browser: Any, server: str, theme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context, tab, errors = _open(browser, f"{server}/{theme}/timeline/")
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if theme == "mkdocs":
        # MkDocs' default theme colours its links below 4.5:1; that is the theme's palette
        # (as in test_browser.py): every other rule runs.
        options["rules"] = {"color-contrast": {"enabled": False}}
    results = Axe().run(tab, context={"include": [[".tl-root"]]}, options=options)
    # Serious and critical ones, as test_browser.py: the lists' h2 → h4 (an event with no
    # month heading) is a moderate "heading-order" finding in every language alike.
    found = [
        f"{v['id']}: {v['help']}: {[node['target'] for node in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    context.close()
    assert found == []
    assert errors == []
