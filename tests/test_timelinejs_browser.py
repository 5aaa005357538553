"""Our TimelineJS export, loaded into the real TimelineJS library in headless Chromium."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import ARGS, CHROMIUM
from timeline.check import check_paths
from timeline.config import Settings
from timeline.exports import ExportOptions, export
from timeline.exports.published_site import Site
from timeline.imports.timelinejs import plan_import, read_document, write_plan

pytestmark = pytest.mark.browser

TESTS = Path(__file__).parent
LIBRARY = TESTS / ".npm" / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
# A 1×1 transparent PNG stands in for every remote image: the test runs offline.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>t</title>
<link rel="stylesheet" href="{css}"></head>
<body><div id="timeline-embed" style="width: 900px; height: 600px"></div>
<script src="{js}"></script>
<script>
  window.timeline = new TL.Timeline("timeline-embed", {data});
</script></body></html>
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (LIBRARY / "js" / "timeline.js").is_file():
        pytest.fail("TimelineJS is not installed: run ./scripts/install-timelinejs")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


SHEET_URL = "https://sheets.test/timeline.csv"


def stub_network(route: Any, sheet: bytes = b"") -> None:
    """Serve local files; answer every remote request with a stub, never the network."""
    url: str = route.request.url
    if url == SHEET_URL:
        route.fulfill(status=200, content_type="text/csv", body=sheet)
    elif route.request.resource_type == "image":
        # Before file: too: a site path ('/static/x.jpg') resolves against the test page's
        # file: URL, and whether the slide loads it before the check was a race.
        route.fulfill(status=200, content_type="image/png", body=PIXEL)
    elif url.startswith("file:"):
        route.continue_()
    else:
        route.fulfill(status=200, content_type="text/plain", body="")


def render(
    browser: Any, tmp_path: Path, data: dict[str, Any], *, sheet: bytes = b"", expected: int = 0
) -> tuple[int, list[str]]:
    """Load TimelineJS with ``data`` (or a sheet): the number of slides, and every error seen."""
    page_file = tmp_path / "page.html"
    page_file.write_text(
        PAGE.format(
            css=(LIBRARY / "css" / "timeline.css").as_uri(),
            js=(LIBRARY / "js" / "timeline.js").as_uri(),
            data=json.dumps(SHEET_URL if sheet else data).replace("</", "<\\/"),
        ),
        encoding="utf-8",
    )
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    page.route("**/*", lambda route: stub_network(route, sheet))
    try:
        page.goto(page_file.as_uri())
        expected = expected or len(data["events"]) + ("title" in data)
        try:
            page.wait_for_function(
                f"document.querySelectorAll('.tl-slide').length >= {expected}", timeout=10000
            )
        except PlaywrightTimeout:
            errors.append(f"fewer than {expected} slides after 10 s")
        page.wait_for_timeout(300)  # let the first slides' media load
        slides: int = page.evaluate("document.querySelectorAll('.tl-slide').length")
        messages = page.evaluate(
            "Array.from(document.querySelectorAll('.tl-message-full'))"
            ".filter(e => e.offsetParent !== null).map(e => e.textContent)"
        )
        errors.extend(f"TimelineJS message: {text}" for text in messages)
    finally:
        page.close()
    return slides, errors


EVENTS = {
    "day.yaml": "title: Treaty signed\ndate: 2025-04-21\nsummary: Putin *signs*.\ntags: [treaty]\n",
    "span.yaml": "title: Talks\ndate: 2025-04-01\nend: 2025-04-03\n",
    "minute.yaml": "title: Speech\ndate: 2025-01-17T14:30+03:30\n",
    "month.yaml": "title: A month\ndate: Jan 2025\n",
    "decade.yaml": "title: The nineties\ndate: 1990s\n",
    "circa.yaml": "title: Approximate\ndate: circa 1990\n",
    "season.yaml": "title: Spring thing\ndate: spring 2024\ntags: [weather]\n",
    "century.yaml": "title: A century\ndate: 19th century\n",
    "bc.yaml": "title: Caesar dies\ndate: 15 March 44 BC\n",
    "bc-year.yaml": "title: Old year\ndate: 500 BC\n",
    "media.yaml": "title: With a picture\ndate: 2024-06-01\nmedia:\n"
    "  - src: https://example.org/p.jpg\n    alt: A picture\n    caption: The *caption*\n",
}


def test_our_export_renders_every_slide(browser: Any, project: Path, tmp_path: Path) -> None:
    for name, text in EVENTS.items():
        (project / "events" / name).write_text(text, encoding="utf-8")
    settings = Settings(root=project)
    timeline = check_paths(settings).timeline
    assert timeline is not None
    options = ExportOptions(settings=settings, site=Site(name="Test timeline"))
    data = json.loads(export("timelinejs", timeline, options).content)
    slides, errors = render(browser, tmp_path, data)
    assert errors == []
    assert slides == len(EVENTS) + 1  # and the title slide


@pytest.mark.parametrize(
    "name", ["eras.json", "houston.json", "women_in_computing.json", "edge_cases.json"]
)
def test_fixtures_after_import_render(browser: Any, tmp_path: Path, name: str) -> None:
    settings = Settings(root=tmp_path / "project")
    document = read_document(TESTS / "fixtures" / "timelinejs" / name, "timelinejs")
    write_plan(plan_import(document, settings.events_path, settings))
    timeline = check_paths(settings).timeline
    assert timeline is not None
    data = json.loads(export("timelinejs", timeline, ExportOptions(settings=settings)).content)
    slides, errors = render(browser, tmp_path, data)
    assert errors == []
    assert slides == len(timeline)


def test_csv_export_loads_as_a_sheet(browser: Any, project: Path, tmp_path: Path) -> None:
    for name, text in EVENTS.items():
        (project / "events" / name).write_text(text, encoding="utf-8")
    settings = Settings(root=project)
    timeline = check_paths(settings).timeline
    assert timeline is not None
    options = ExportOptions(settings=settings, site=Site(name="Test timeline"))
    sheet = export("csv", timeline, options).content
    slides, errors = render(browser, tmp_path, {}, sheet=sheet, expected=len(EVENTS) + 1)
    assert errors == []
    assert slides == len(EVENTS) + 1
