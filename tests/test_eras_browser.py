"""TimelineJS eras: imported as era files, exported back, drawn by the real TimelineJS."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.test_timelinejs_browser import LIBRARY, PAGE, browser, stub_network
from timeline.check import check_paths
from timeline.config import Settings
from timeline.exports import ExportOptions, export
from timeline.imports.timelinejs import plan_import, read_document, write_plan

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["browser"]  # the module-scoped Chromium fixture, shared

FIXTURE = Path(__file__).parent / "fixtures" / "timelinejs" / "eras.json"


def test_imported_eras_round_trip_through_timelinejs(browser: Any, tmp_path: Path) -> None:
    settings = Settings(root=tmp_path / "project")
    document = read_document(FIXTURE, "timelinejs")
    eras_into = settings.events_path.parent / "eras"
    write_plan(plan_import(document, settings.events_path, settings, eras_into=eras_into))
    timeline = check_paths(settings).timeline
    assert timeline is not None and len(timeline.eras) == 3
    data = json.loads(export("timelinejs", timeline, ExportOptions(settings=settings)).content)
    page_file = tmp_path / "page.html"
    page_file.write_text(
        PAGE.format(
            css=(LIBRARY / "css" / "timeline.css").as_uri(),
            js=(LIBRARY / "js" / "timeline.js").as_uri(),
            data=json.dumps(data).replace("</", "<\\/"),
        ),
        encoding="utf-8",
    )
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    page.route("**/*", stub_network)
    try:
        page.goto(page_file.as_uri())
        page.wait_for_function("document.querySelectorAll('.tl-timeera').length >= 3")
        headlines = page.evaluate(
            "Array.from(document.querySelectorAll('.tl-timeera .tl-timeera-text'))"
            ".map(e => e.textContent.trim())"
        )
        # TimelineJS reads each era back into its own model: the dates it parsed.
        parsed = page.evaluate(
            "window.timeline.config.eras.map(e => [e.start_date.data.year, e.end_date.data.year])"
        )
    finally:
        page.close()
    assert errors == []
    original = json.loads(FIXTURE.read_text(encoding="utf-8"))["eras"]
    assert sorted(headlines) == sorted(era["text"]["headline"] for era in original)
    assert sorted(map(tuple, parsed)) == sorted(
        (era["start_date"]["year"], era["end_date"]["year"]) for era in original
    )
