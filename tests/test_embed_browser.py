"""The embed inside an <iframe> on another origin, in headless Chromium.

The built site is served on 127.0.0.1:P1 and a host page on localhost:P2 (another
origin); every request that goes anywhere else is blocked and fails the test.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser import ARGS, CHROMIUM
from tests.browser import QuietHandler as _Quiet
from tests.conftest import EXAMPLE_ROOT
from tests.sites import build_site
from timeline.check import check_paths
from timeline.config import load_settings
from timeline.model import Timeline
from timeline.render.embed import HEIGHT_SCRIPT

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]

CONFIG = """\
site_name: Embed fixture
site_url: {site_url}
use_directory_urls: false
theme:
  name: mkdocs
  highlightjs: false
plugins:
  - search
  - timeline:
      title: Russia, Iran and Israel
      history: false
      translations: [fa]  # the example's events carry Persian text
"""

HOST = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A host page</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="margin:0;padding:1rem;font-family:serif;background:#f4efe6">
<main><h1>A newsroom's story page</h1><p>Text of the article, then the timeline:</p>
{iframe}
<p>More of the article.</p></main>
{script}
</body></html>
"""


def _serve(directory: Path, sock_port: int) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(_Quiet, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", sock_port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def example() -> Timeline:
    timeline = check_paths(load_settings(start=EXAMPLE_ROOT)).timeline
    assert timeline is not None
    return timeline


@pytest.fixture(scope="module")
def origins(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    """(the site's origin, the host's origin, the host's folder): the example's events."""
    project = tmp_path_factory.mktemp("embed") / "project"
    for folder in ("events", "eras", "places", "sources"):
        shutil.copytree(EXAMPLE_ROOT / folder, project / folder)
    (project / "docs").mkdir()
    site_port = _free_port()
    site_origin = f"http://127.0.0.1:{site_port}"
    (project / "mkdocs.yml").write_text(CONFIG.format(site_url=site_origin + "/"))
    site = build_site(project)
    host = tmp_path_factory.mktemp("host")
    servers = [_serve(site, site_port), _serve(host, 0)]
    yield site_origin, f"http://localhost:{servers[1].server_address[1]}", host
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Host:
    """A host page with the embed in an iframe; records requests, blocks foreign ones."""

    def __init__(self, browser: Any, origins: tuple[str, str, Path], width: int) -> None:
        self.site, self.host, self.folder = origins
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.context.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        parts = urlsplit(route.request.url)
        if f"{parts.scheme}://{parts.netloc}" in (self.site, self.host):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def open(self, query: str = "", *, script: bool = False, name: str = "host.html") -> Any:
        src = f"{self.site}/timeline/embed.html{query}"
        iframe = (
            f'<iframe src="{src}" title="The timeline" width="100%" height="600" '
            'style="border:0;max-width:100%" sandbox="allow-scripts allow-same-origin '
            'allow-popups allow-top-navigation-by-user-activation" data-timeline-embed>'
            "</iframe>"
        )
        text = HOST.format(iframe=iframe, script=HEIGHT_SCRIPT if script else "")
        (self.folder / name).write_text(text, encoding="utf-8")
        self.page.goto(f"{self.host}/{name}")
        frame = self.page.frame_locator("iframe[data-timeline-embed]")
        frame.locator("figure.tl-axis.tl-axis-ready").wait_for()
        found = self.page.frame(url=lambda url: "/timeline/embed.html" in url)
        assert found is not None
        return found

    def close(self) -> None:
        self.context.close()
        assert self.errors == []
        assert self.blocked == []
        assert self.requests and all(
            url.startswith((self.site + "/", self.host + "/")) for url in self.requests
        )


@pytest.fixture
def host(browser: Any, origins: tuple[str, str, Path]) -> Iterator[Host]:
    opened = Host(browser, origins, 1280)
    yield opened
    opened.close()


def visible_ids(frame: Any) -> list[str]:
    ids: list[str] = frame.evaluate(
        "Array.from(document.querySelectorAll('article.tl-event'))"
        ".filter(a => a.offsetParent !== null).map(a => a.id)"
    )
    return ids


def test_the_embed_shows_every_event_in_a_frame_on_another_origin(
    host: Host, example: Timeline
) -> None:
    frame = host.open()
    assert frame.evaluate("location.origin") == host.site
    assert host.page.evaluate("location.origin") == host.host
    assert visible_ids(frame) == [event.id for event in example.events]
    assert frame.evaluate("document.querySelector('canvas').width") > 0
    # No theme: nothing but the timeline's own files was loaded.
    loaded = {urlsplit(url).path for url in host.requests if url.startswith(host.site)}
    assert loaded == {
        "/timeline/embed.html",
        "/timeline/assets/timeline.css",
        "/timeline/assets/embed.js",
        "/timeline/assets/timeline.js",
        "/timeline/assets/axis.js",
        "/timeline/axis.json",
    }


def test_the_filters_in_its_url_apply(host: Host, example: Timeline) -> None:
    tag = "russia-iran"
    frame = host.open(f"?tag={tag}")
    frame.wait_for_function("document.querySelector('[data-tl-status]').textContent !== ''")
    expected = [event.id for event in example.by_tag[tag]]
    assert visible_ids(frame) == expected
    assert len(expected) < len(example.events)


def test_a_place_in_its_url_keeps_that_places_events(host: Host, example: Timeline) -> None:
    frame = host.open("?place=moscow")
    assert visible_ids(frame) == [event.id for event in example.by_place["Moscow"]]
    assert "3 events of the place Moscow" in frame.inner_text(".tl-embed-head")


def test_an_era_in_its_url_keeps_that_eras_events(host: Host, example: Timeline) -> None:
    era = next(era for era in example.eras if era.id == "war-in-ukraine")
    frame = host.open(f"?era={era.id}")
    assert visible_ids(frame) == [event.id for event in example.events_of(era)]


def test_links_open_the_full_site_in_the_top_window(host: Host, example: Timeline) -> None:
    frame = host.open()
    targets = frame.evaluate(
        "Array.from(document.links).map(a => a.target || document.querySelector('base').target)"
    )
    assert targets and set(targets) == {"_top"}
    event = example.events[0]
    frame.locator(f"[id='{event.id}'] .tl-title a").click()
    host.page.wait_for_url(f"{host.site}/timeline/{event.id}.html")
    assert event.title in host.page.inner_text("h1")


def test_the_host_page_script_fits_the_frame_to_its_content(host: Host) -> None:
    frame = host.open("?place=gaza", script=True)
    content = frame.evaluate("document.documentElement.getBoundingClientRect().height")
    host.page.wait_for_function(
        "Math.abs(document.querySelector('iframe').getBoundingClientRect().height"
        f" - {round(content)}) < 2"
    )
    assert abs(content - 600) > 10  # the frame was resized, not left at its default


def test_no_accessibility_violations_inside_the_frame(host: Host) -> None:
    from axe_playwright_python.sync_playwright import Axe

    frame = host.open("?tag=treaty")
    frame.locator("summary", has_text="Filter the events").click()
    results = Axe().run(frame, options={"resultTypes": ["violations"]})
    found = [
        f"{v['id']}: {v['help']}: {[node['target'] for node in v['nodes']]}"
        for v in results.response["violations"]
    ]
    assert found == []


def test_readable_at_360_pixels(browser: Any, origins: tuple[str, str, Path]) -> None:
    host = Host(browser, origins, 360)
    frame = host.open(name="host-360.html")
    assert frame.evaluate("document.documentElement.scrollWidth") <= frame.evaluate(
        "window.innerWidth"
    )
    assert frame.get_by_role("button", name="Zoom in (+)").is_visible()
    host.close()


@pytest.mark.parametrize("clipboard", [True, False])
def test_the_snippet_copies_the_current_view(
    browser: Any, origins: tuple[str, str, Path], clipboard: bool
) -> None:
    site, _host, _folder = origins
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    if clipboard:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    else:
        # A browser that gives a page no clipboard at all.
        context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{site}/timeline/index.html?tag=treaty&view=2024-01-01~2025-06-01")
    page.locator("summary", has_text="Embed this timeline").click()
    page.get_by_role("button", name="Copy the code").click()
    code = page.locator("[data-tl-embed-code]").input_value()
    assert f'src="{site}/timeline/embed.html?tag=treaty&amp;view=2024-01-01~2025-06-01"' in code
    # Selected in every case: without clipboard access the reader copies it by hand.
    selected = page.evaluate(
        "(() => { const t = document.activeElement; return t.value.slice(t.selectionStart, "
        "t.selectionEnd); })()"
    )
    assert selected == code
    said = page.locator("[data-tl-embed-said]")
    if clipboard:
        page.wait_for_function("document.querySelector('[data-tl-embed-said]').textContent")
        assert said.inner_text() == "Copied."
        assert page.evaluate("navigator.clipboard.readText()") == code
    else:
        assert "Ctrl+C" in said.inner_text()
    context.close()
    assert errors == []
