"""Every payload of tests/fixtures/xss/ in every field, through every file we write.

Each payload goes into every text field of one event (and into its media and
source addresses); what `check` refuses is left out and listed. The exports are
then read by what reads them: the real TimelineJS 3.9.11 in Chromium (the JSON and
the sheet), an XML parser and an HTML tokenizer (the feeds), a spreadsheet's rule
for formulas (the CSV), line rules of iCalendar; and the built site's pages are
opened in Chromium. A hook records any dialog (every payload calls alert) and a
DOM scan any event-handler attribute, javascript:/data: address, or script,
iframe, object, form or style that came from a payload.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from tests.browser import ARGS, CHROMIUM
from tests.sites import FIXTURES, build_site
from tests.test_timelinejs_browser import LIBRARY, PAGE, SHEET_URL, stub_network
from timeline.check import check_paths
from timeline.config import Settings
from timeline.exports import ExportOptions, export
from timeline.exports.published_site import Site
from timeline.exports.sheet import FORMULA_START, NUMERIC_COLUMNS
from timeline.model import Timeline

PAYLOADS: list[str] = json.loads((FIXTURES / "xss" / "payloads.json").read_text("utf-8"))
TEXT_FIELDS = ("title", "summary", "body", "display_date")
LIST_FIELDS = ("tags", "actors", "places")


def _no_spaces(payload: str) -> str:
    return re.sub(r"\s", "", payload)


def _event(index: int, payload: str, dropped: set[str], media: str) -> str:
    """The YAML of event ``index``: the payload in every field not yet refused."""
    quoted = json.dumps(payload)  # a JSON string is a YAML double-quoted scalar
    lines = [f"date: {1900 + index}"]
    lines += [f"{name}: {quoted}" for name in TEXT_FIELDS if name not in dropped]
    if "title" in dropped:
        lines.append(f"title: Payload {index}")
    lines += [f"{name}: [{quoted}]" for name in LIST_FIELDS if name not in dropped]
    if media != "none":
        src = payload if media == "path" else f"https://x.test/m{index}.pdf?q={_no_spaces(payload)}"
        lines += ["media:", f"  - src: {json.dumps(src)}"]
        lines += [f"    {name}: {quoted}" for name in ("alt", "caption", "credit")]
    url = "https://x.test/s" if "url" in dropped else f"https://x.test/s?q={_no_spaces(payload)}"
    lines += ["sources:", f"  - title: {quoted}", f"    publisher: {quoted}"]
    lines += [f"    url: {json.dumps(url)}", f"    quote: {quoted}"]
    return "\n".join(lines) + "\n"


class Corpus:
    """The payload events, written until `check` accepts them, and what it refused."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.refused: dict[int, list[str]] = {}  # payload index -> "field: code"
        dropped: dict[int, set[str]] = {i: set() for i in range(len(PAYLOADS))}
        media = dict.fromkeys(range(len(PAYLOADS)), "path")  # path, then pdf, then none
        events = project / "events"
        for _ in range(6):
            for index, payload in enumerate(PAYLOADS):
                text = _event(index, payload, dropped[index], media[index])
                (events / f"xss-{index:02d}.yaml").write_text(text, encoding="utf-8")
            result = check_paths(Settings(root=project))
            if not result.errors:
                break
            for problem in result.errors:
                index = int(re.search(r"xss-(\d+)", problem.path).group(1))  # type: ignore[union-attr]
                field = problem.field or ""
                self.refused.setdefault(index, []).append(f"{field}: {problem.code}")
                if field.startswith("media"):
                    media[index] = "pdf" if media[index] == "path" else "none"
                elif field.startswith("sources"):
                    dropped[index].add("url")
                else:
                    dropped[index].add(re.sub(r"\[.*", "", field))
        else:
            pytest.fail(f"check still refuses: {[p.format() for p in result.errors]}")
        assert result.timeline is not None
        self.timeline: Timeline = result.timeline
        self.settings = Settings(root=project)
        self.options = ExportOptions(
            settings=self.settings,
            site=Site(name=PAYLOADS[2], url="https://example.org/"),
            include_coarse=True,  # the events are years: iCalendar leaves them out otherwise
        )

    def export(self, output_format: str) -> bytes:
        return export(output_format, self.timeline, self.options).content


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    project = tmp_path_factory.mktemp("xss") / "project"
    shutil.copytree(FIXTURES / "basic", project, ignore=shutil.ignore_patterns("site", "events"))
    (project / "events").mkdir()
    return Corpus(project)


def test_the_corpus_reaches_every_field(corpus: Corpus) -> None:
    assert len(PAYLOADS) >= 45
    # check refuses addresses (javascript:, markup as a path) and nothing else: every
    # payload is in the timeline's text fields, so the exports below meet all of them.
    refused = {
        entry
        for entries in corpus.refused.values()
        for entry in entries
        if not entry.startswith(("media[0].src", "sources[0].url"))
    }
    assert refused == set()
    assert len(corpus.timeline) == len(PAYLOADS)
    titles = {event.title for event in corpus.timeline.events}
    assert titles == set(PAYLOADS)
    assert any(event.media for event in corpus.timeline.events)


# -- reading the exports as their consumers do -------------------------------------


class _Markup(HTMLParser):
    """What a browser or feed reader would act on in an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "form", "base", "meta", "style", "svg"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc"):
                self.found.append(f"<{tag} {name}>")
            if re.match(r"(?i)\s*(javascript|vbscript|data):", value or ""):
                self.found.append(f"<{tag} {name}={value}>")


def active_markup(fragment: str) -> list[str]:
    parser = _Markup()
    parser.feed(fragment)
    parser.close()
    return parser.found


def test_feeds_parse_and_carry_only_inert_html(corpus: Corpus) -> None:
    atom = ElementTree.fromstring(corpus.export("atom"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = atom.findall("a:entry", ns)
    assert entries
    for entry in entries:
        for element in entry.iter():
            if element.get("type") == "html":
                assert active_markup(element.text or "") == [], element.text
            elif element.text and element.tag.endswith(("title", "name")):
                assert element.get("type", "text") == "text"  # shown as text, never HTML
    feed = json.loads(corpus.export("jsonfeed"))
    for item in feed["items"]:
        assert active_markup(item.get("content_html", "")) == [], item["content_html"]
        assert not re.match(r"(?i)\s*javascript:", item["url"])


def test_csv_cells_are_never_formulas(corpus: Corpus) -> None:
    rows = list(csv.DictReader(io.StringIO(corpus.export("csv").decode("utf-8"))))
    assert len(rows) == len(PAYLOADS) + 1  # and the title row
    for row in rows:
        for column, cell in row.items():
            if column not in NUMERIC_COLUMNS:
                assert not cell.startswith(FORMULA_START), (column, cell)


def test_ics_payloads_stay_inside_their_property(corpus: Corpus) -> None:
    text = corpus.export("ics").decode("utf-8")
    # Unfolded, each line is NAME[;PARAMS]:VALUE; payloads cannot start a line.
    lines = re.sub(r"\r\n[ \t]", "", text).split("\r\n")
    for line in filter(None, lines):
        assert re.match(r"[A-Z-]+[;:]", line), line
    assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT") == len(PAYLOADS)


def test_json_export_keeps_the_payloads_as_data(corpus: Corpus) -> None:
    events = json.loads(corpus.export("json"))["events"]
    assert {event["title"] for event in events} == set(PAYLOADS)


# -- in the browser ------------------------------------------------------------------

# Runs in every frame before its scripts: every dialog function records its call.
HOOK = """
window.__fired = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  const record = (...args) => {
    (window.top.__fired || window.__fired).push(name + "(" + args + ")");
  };
  try { window[name] = record; } catch (e) {}
}
"""
# Everything in the DOM (and same-origin frames) that would run or load script.
SCAN = """
() => {
  const found = [];
  const docs = [document];
  for (const frame of document.querySelectorAll("iframe")) {
    try { if (frame.contentDocument) docs.push(frame.contentDocument); } catch (e) {}
  }
  // The test page's and the site's own scripts; every payload calls alert.
  const ours = (el) => el.src
    ? el.src.startsWith("file:") || el.src.startsWith(location.origin)
    : el.textContent.includes("new TL.Timeline") || !/alert/.test(el.textContent);
  const addresses = [
    "href", "src", "action", "formaction", "data", "xlink:href", "background", "poster"];
  const pdf = /^https:\\/\\/x\\.test\\/m\\d+\\.pdf/;  // TimelineJS's viewer of our PDFs
  for (const doc of docs) {
    for (const el of doc.querySelectorAll("*")) {
      const tag = el.tagName.toLowerCase();
      const cls = typeof el.className === "string" && el.className ? "." + el.className : "";
      const where = tag + cls;
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        const value = attr.value.replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
        const shown = where + " " + attr.name + "=" + attr.value;
        // TimelineJS's own links (linkify) carry onclick='void(0)'.
        const timelinejsLink = tag === "a" && el.classList.contains("tl-makelink")
          && name === "onclick" && attr.value === "void(0)";
        if (name.startsWith("on") && !timelinejsLink) found.push(shown);
        if (addresses.includes(name) && /^(javascript|vbscript|data):/.test(value)) {
          found.push(shown);
        }
        if (name === "srcdoc") found.push(where + " srcdoc");
        if (name === "style" && /expression\\(|javascript:|url\\(/.test(value)) found.push(shown);
      }
      // JSON-LD is data a browser never runs; a payload that broke out of it would
      // leave JSON that does not parse (and elements the other checks see).
      const parses = (text) => {
        try { JSON.parse(text); return true; } catch (e) { return false; }
      };
      // The embed's selections are a JSON island too (application/json), never run.
      const jsonLd = (el) => ["application/ld+json", "application/json"].includes(el.type)
        && parses(el.textContent);
      if (tag === "script" && !ours(el) && !jsonLd(el)) {
        found.push("script " + (el.src || el.textContent.slice(0, 60)));
      }
      // The embed's own <base target="_top"> (in its head, no href) only sends links to
      // the top window; any other base, or one in the body, would be a payload's.
      const ownBase = tag === "base" && el.parentElement === doc.head
        && !el.hasAttribute("href") && el.getAttribute("target") === "_top";
      if (["object", "embed", "base", "math"].includes(tag) && !ownBase) found.push(tag);
      if (tag === "meta" && /refresh/i.test(el.httpEquiv)) found.push("meta refresh");
      if (tag === "iframe" && !pdf.test(el.getAttribute("src") || "")) {
        found.push("iframe " + el.outerHTML.slice(0, 80));
      }
      const html = el.outerHTML;
      if ((tag === "style" || tag === "link") && /evil\\.test|expression|javascript/.test(html)) {
        found.push(html.slice(0, 80));
      }
    }
  }
  return found;
}
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def _open(browser: Any, url: str, route: Any) -> tuple[Any, list[str]]:
    page = browser.new_page()
    fired: list[str] = []
    page.add_init_script(HOOK)

    def on_dialog(dialog: Any) -> None:
        fired.append(f"dialog {dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.route("**/*", route)
    page.goto(url)
    return page, fired


def _findings(page: Any, fired: list[str], wait: int = 200) -> list[str]:
    page.wait_for_timeout(wait)
    found: list[str] = list(fired) + page.evaluate("window.__fired || []")
    found += page.evaluate(SCAN)
    return found


def _timelinejs(browser: Any, tmp_path: Path, data: Any, sheet: bytes, slides: int) -> list[str]:
    """Load TimelineJS, visit every slide (media load near the current one), then scan."""
    if not (LIBRARY / "js" / "timeline.js").is_file():
        pytest.fail("TimelineJS is not installed: run ./scripts/install-timelinejs")
    page_file = tmp_path / "timelinejs.html"
    page_file.write_text(
        PAGE.format(
            css=(LIBRARY / "css" / "timeline.css").as_uri(),
            js=(LIBRARY / "js" / "timeline.js").as_uri(),
            data=json.dumps(data).replace("</", "<\\/"),
        ),
        encoding="utf-8",
    )
    page, fired = _open(browser, page_file.as_uri(), lambda route: stub_network(route, sheet))
    try:
        page.wait_for_function(
            f"document.querySelectorAll('.tl-slide').length >= {slides}", timeout=15000
        )
        found = _findings(page, fired)
        for number in range(slides):
            page.evaluate(f"window.timeline.goTo({number})")
            page.wait_for_timeout(40)
            if number % 10 == 9:
                found += _findings(page, fired)
        found += _findings(page, fired)
        shown = page.evaluate("document.querySelector('.tl-timeline').textContent")
    finally:
        page.close()
    # The payloads are there, as text: escaping twice did not show '&lt;' to readers.
    assert "<img src=x onerror=alert(1)>" in shown
    assert "&lt;img" not in shown.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    return sorted(set(found))


@pytest.mark.slow
@pytest.mark.browser
def test_timelinejs_json_runs_no_payload(browser: Any, corpus: Corpus, tmp_path: Path) -> None:
    data = json.loads(corpus.export("timelinejs"))
    assert _timelinejs(browser, tmp_path, data, b"", len(PAYLOADS) + 1) == []


@pytest.mark.slow
@pytest.mark.browser
def test_timelinejs_sheet_runs_no_payload(browser: Any, corpus: Corpus, tmp_path: Path) -> None:
    sheet = corpus.export("csv")
    assert _timelinejs(browser, tmp_path, SHEET_URL, sheet, len(PAYLOADS) + 1) == []


def _local_only(route: Any) -> None:
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        route.fulfill(status=204, body="")


def _site_pages(site: Path) -> list[Path]:
    """The timeline, every event page, and the index pages with the first few of each."""
    timeline = site / "timeline"
    pages = [site / "index.html", *sorted(timeline.glob("*.html"))]
    pages += [path for path in sorted(timeline.glob("*/index.html"))]
    for index in ("tags", "actors", "places", "years"):
        pages += sorted((timeline / index).glob("*/index.html"))[:3]
    return [path for path in dict.fromkeys(pages) if path.is_file()]


@pytest.mark.slow
@pytest.mark.browser
def test_site_pages_run_no_payload(browser: Any, corpus: Corpus, tmp_path: Path) -> None:
    site = build_site(corpus.project, tmp_path / "site")
    pages = _site_pages(site)
    assert len(pages) > len(PAYLOADS)  # every event page, and the lists that show them
    found: list[str] = []
    page, fired = _open(browser, "about:blank", _local_only)
    try:
        for path in pages:
            page.goto(path.as_uri(), wait_until="domcontentloaded")
            found += [f"{path.relative_to(site)}: {f}" for f in _findings(page, fired, 50)]
            fired.clear()
    finally:
        page.close()
    assert found == []


@pytest.mark.browser
def test_the_hooks_see_what_a_payload_does(browser: Any, tmp_path: Path) -> None:
    # The scans above can fail: a page with live payloads is caught by each hook.
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!doctype html><title>t</title><img src=x onerror=alert(1)>"
        "<a href='javascript:alert(2)'>x</a><iframe srcdoc='<b>x</b>'></iframe>"
        "<svg onload=alert(3)></svg><script>alert(4)</script>",
        encoding="utf-8",
    )
    page, fired = _open(browser, bad.as_uri(), _local_only)
    try:
        found = _findings(page, fired)
    finally:
        page.close()
    assert "alert(4)" in found and "alert(1)" in found
    assert any("onerror" in f for f in found) and any("javascript:" in f for f in found)
    assert any("srcdoc" in f for f in found) and any(f.startswith("script") for f in found)
