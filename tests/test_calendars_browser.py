"""Display calendars in headless Chromium: calendar-ticks.js draws the ticks Python
computes, for each calendar, and a Persian site with Jalali dates builds and draws."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import ARGS, CHROMIUM
from tests.browser import QuietHandler as _Quiet
from tests.sites import build_site, copy_fixture, read
from timeline.dates.model import days_from_civil
from timeline.render import axis
from timeline.render.calendar_ticks import axis_entry, for_display
from timeline.render.i18n import interface
from timeline.render.pages import ASSETS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]
CALENDARS = [("jalali", "en"), ("jalali", "fa"), ("hijri", "ar"), ("hijri", "en"), ("julian", "en")]
RANGES = [
    ((1990, 1, 1), (2025, 1, 1), 900),
    ((2000, 1, 1), (2025, 1, 1), 400),
    ((2024, 11, 15), (2025, 6, 1), 900),
    ((2025, 3, 10), (2025, 4, 10), 900),
    ((2025, 3, 18), (2025, 3, 25), 900),
    ((1500, 1, 1), (1502, 1, 1), 900),
    ((1200, 1, 1), (1400, 1, 1), 700),
    ((-60, 1, 1), (40, 1, 1), 900),
    ((1924, 8, 1), (1926, 1, 1), 900),
    ((2076, 1, 1), (2077, 11, 1), 900),
]


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


@pytest.mark.parametrize(("name", "locale"), CALENDARS)
def test_the_browser_ticks_equal_the_python_ticks(page: Any, name: str, locale: str) -> None:
    scripts = "".join(
        f"<script>{(ASSETS / asset).read_text('utf-8')}</script>"
        for asset in ("calendar-ticks.js", "axis.js")
    )
    page.set_content(f"<!doctype html><html><body>{scripts}</body></html>")
    calendar = for_display(name, locale)
    assert calendar is not None
    cal = json.dumps(axis_entry(calendar), ensure_ascii=False)
    own = 0
    for lo, hi, width in RANGES:
        a, b = days_from_civil(*lo), days_from_civil(*hi)
        for start, end in ((a, b), (a + 0.1, a + 1.2)):
            js = page.evaluate(f"window.timelineAxis.ticks({start}, {end}, {width}, 90, {cal})")
            python = axis.ticks(start, end, width, calendar=calendar)
            assert [[t.at, t.label] for t in python] == js["ticks"], (name, lo, hi, width)
            own += bool(js.get("calendar"))
            assert js.get("calendar", False) == (python != axis.ticks(start, end, width))
    assert own >= 4  # most views are the calendar's own, the rest Gregorian


@pytest.fixture(scope="module")
def persian_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The axis fixture in Persian with Jalali dates (and the Gregorian beside), served."""
    root = tmp_path_factory.mktemp("served")
    project = copy_fixture("axis", tmp_path_factory.mktemp("axis") / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "      history: false",
            "      history: false\n      locale: fa\n      display_calendar: jalali\n"
            "      display_calendar_gregorian: true",
        ),
        "utf-8",
    )
    site = build_site(project, root / "axis")
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{httpd.server_address[1]}/axis"
    httpd.shutdown()


def test_a_persian_jalali_site_shows_jalali_dates_and_keeps_machines_gregorian(
    persian_site: tuple[Path, str],
) -> None:
    site, _url = persian_site
    event = read(site, "timeline/day-event/index.html")
    # 2025-04-21 is 1 Ordibehesht 1404; <time> and JSON-LD stay ISO Gregorian.
    assert '<time datetime="2025-04-21">۱ اردیبهشت ۱۴۰۴ (۲۱ آوریل ۲۰۲۵)</time>' in event
    assert '"startDate": "2025-04-21"' in event or '"startDate":"2025-04-21"' in event
    listing = read(site, "timeline/index.html")
    assert "۱ اردیبهشت ۱۴۰۴" in listing and "calendar-ticks.js" in listing
    data = json.loads(read(site, "timeline/axis.json"))
    assert data["cal"]["name"] == "jalali" and data["cal"]["zero"] == "۰"
    assert data["cal"]["months"][1] == "اردیبهشت"
    exported = read(site, "timeline/timeline.json")
    assert "2025-04-21" in exported and "اردیبهشت" not in exported  # exports stay Gregorian


def test_the_persian_axis_draws_jalali_ticks(page: Any, persian_site: tuple[Path, str]) -> None:
    _site, url = persian_site
    page.goto(f"{url}/timeline/")
    page.wait_for_selector("figure.tl-axis.tl-axis-ready")
    page.wait_for_function("document.querySelector('figure.tl-axis').tlAxis.drawn === true")
    shown = page.evaluate(
        "(() => { const a = document.querySelector('figure.tl-axis').tlAxis;"
        " return [a.v0, a.v1, a.width, a.calendar.name]; })()"
    )
    v0, v1, width, name = shown
    assert name == "jalali"
    calendar = for_display("jalali", "fa")
    ticks = page.evaluate(
        f"window.timelineAxis.ticks({v0}, {v1}, {width}, 90, "
        "document.querySelector('figure.tl-axis').tlAxis.calendar).ticks"
    )
    # The page writes Persian digits (the i18n work): the build's ticks in the same words.
    words = interface("fa")
    expected = axis.ticks(v0, v1, width, calendar=calendar, words=words)
    assert ticks == [[t.at, t.label] for t in expected]
