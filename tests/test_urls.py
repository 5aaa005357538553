from __future__ import annotations

import html
import re

import pytest

from tests.conftest import WriteEvent
from timeline.check import check_paths
from timeline.config import Settings
from timeline.exports.published_site import Site
from timeline.render.pages import SiteOptions, build_pages
from timeline.urls import absolute_url, event_src, page_url, relative_url, site_base


@pytest.mark.parametrize(
    ("src", "directory_urls", "url"),
    [
        ("timeline/index.json", True, "timeline/index.json"),
        ("timeline/assets/axis.js", False, "timeline/assets/axis.js"),
    ],
)
def test_files_other_than_pages_keep_their_path(src: str, directory_urls: bool, url: str) -> None:
    assert page_url(src, directory_urls) == url


@pytest.mark.parametrize(
    ("site_url", "url", "expected"),
    [
        ("https://example.org", "timeline/x/", "https://example.org/timeline/x/"),
        ("https://example.org/h/", "/timeline/x/", "https://example.org/h/timeline/x/"),
        ("https://example.org/h//", "a.png", "https://example.org/h/a.png"),
        (None, "timeline/x/", None),
        ("", "timeline/x/", None),
    ],
)
def test_absolute_urls(site_url: str | None, url: str, expected: str | None) -> None:
    assert absolute_url(site_url, url) == expected


def test_the_site_base_ends_in_one_slash() -> None:
    assert site_base("https://example.org/h///") == "https://example.org/h/"
    assert site_base(None) is None


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("pages_dir", ["timeline", "history/of"])
def test_exports_link_to_the_pages_the_build_makes(
    write_event: WriteEvent,
    settings: Settings,
    directory_urls: bool,
    pages_dir: str,
) -> None:
    """The export side (Site) and the page side (build_pages) agree on every event's URL."""
    write_event("a.yaml", "title: A\ndate: 2025-04-21\n")
    write_event("b.yaml", "title: B\ndate: 2025-04-22\n")
    timeline = check_paths(settings).timeline
    assert timeline is not None
    site_url = "https://example.org/h/"
    options = SiteOptions(pages_dir=pages_dir, use_directory_urls=directory_urls, site_url=site_url)
    pages = {page.src_uri: page for page in build_pages(timeline, options).pages}
    site = Site(url=site_url, pages_dir=pages_dir, use_directory_urls=directory_urls)
    for event in timeline:
        page = pages[event_src(pages_dir, event.id)]
        found = re.search(r'<meta property="og:url" content="([^"]+)"', page.head)
        assert found is not None
        assert html.unescape(found.group(1)) == site.event_url(event.id)
    index = page_url(f"{pages_dir}/index.md", directory_urls)
    assert site.index_url() == site_url + index
    # And the pages link to each other relatively, from where each one is.
    a_url = page_url(event_src(pages_dir, "a"), directory_urls)
    b_url = page_url(event_src(pages_dir, "b"), directory_urls)
    link = relative_url(b_url, a_url)
    assert f'href="{link}"' in pages[event_src(pages_dir, "a")].html
