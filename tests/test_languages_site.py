"""A site in two languages: both sections built, event pages linking their versions."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_ROOT
from tests.sites import build_site, copy_fixture, read
from timeline.check import check_paths
from timeline.config import Settings, SiteLanguage, load_settings
from timeline.model import Timeline
from timeline.render.languages import (
    language_settings,
    translated_timeline,
    versions,
    with_versions,
)
from timeline.render.pages import SiteOptions, build_pages

LINK = re.compile(r'<a href="([^"]+)" hreflang="([^"]+)" lang="([^"]+)" dir="(ltr|rtl)">')
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_fixture("languages", tmp_path_factory.mktemp("languages") / "project")
    return build_site(project)


def _language_links(site: Path, page: str) -> list[tuple[str, str]]:
    """(hreflang, the file the link leads to) of each visible language link of a page."""
    html = read(site, page)
    nav = re.search(r'<nav class="tl-languages".*?</nav>', html, re.S)
    if nav is None:
        return []
    here = posixpath.dirname(page)
    return [
        (language, posixpath.normpath(posixpath.join(here, href, "index.html")))
        for href, language, lang, _dir in LINK.findall(nav.group(0))
        if language == lang
    ]


@pytest.mark.slow
def test_both_sections_are_built(site: Path) -> None:
    english = read(site, "timeline/index.html")
    persian = read(site, "fa/timeline/index.html")
    assert "Russia and Iran sign a partnership treaty" in english
    assert "روسیه و ایران پیمان مشارکت امضا کردند" not in english
    assert "روسیه و ایران پیمان مشارکت امضا کردند" in persian
    assert "<h1>گاه‌شمار</h1>" in persian  # the section's own title
    # Untranslated events are in the Persian section too, in English.
    assert "Putin ratifies the treaty" in persian
    assert (site / "fa/timeline/treaty-ratified/index.html").is_file()
    assert (site / "fa/timeline/axis.json").is_file()


@pytest.mark.slow
def test_event_pages_link_each_other_both_ways(site: Path) -> None:
    english_page = "timeline/treaty-signed/index.html"
    persian_page = "fa/timeline/treaty-signed/index.html"
    assert _language_links(site, english_page) == [("fa", persian_page)]
    assert _language_links(site, persian_page) == [("en", english_page)]
    for page in (english_page, persian_page):
        assert ALTERNATE.findall(read(site, page)) == [
            ("en", "https://example.org/two/timeline/treaty-signed/"),
            ("fa", "https://example.org/two/fa/timeline/treaty-signed/"),
            ("x-default", "https://example.org/two/timeline/treaty-signed/"),
        ]


@pytest.mark.slow
def test_an_untranslated_event_says_so_and_links_only_to_its_text(site: Path) -> None:
    persian = read(site, "fa/timeline/treaty-ratified/index.html")
    assert 'class="tl-untranslated"' in persian
    assert "Putin ratifies the treaty" in persian
    assert _language_links(site, "fa/timeline/treaty-ratified/index.html") == [
        ("en", "timeline/treaty-ratified/index.html")
    ]
    assert ALTERNATE.findall(persian) == []  # no Persian version to announce
    english = read(site, "timeline/treaty-ratified/index.html")
    assert "tl-languages" not in english and "tl-untranslated" not in english


@pytest.mark.slow
def test_exports_stay_in_the_default_language_and_nav_names_the_language(site: Path) -> None:
    assert (site / "timeline/timeline.json").is_file()
    assert not (site / "fa/timeline/timeline.json").exists()
    assert "Download the timeline" not in read(site, "fa/timeline/index.html")
    home = read(site, "index.html")
    # The automatic nav: the Persian section under its own name, after the timeline.
    assert 0 < home.index(">Timeline<") < home.index(">فارسی<")


def test_section_pages_carry_their_language(settings: Settings) -> None:
    """GeneratedPage.language: what the theme reads for `lang` and `dir`."""
    fa = SiteLanguage("fa", "فارسی", "fa", "rtl", title="گاه‌شمار")
    two = Settings(root=settings.root, translations=(fa,), history=False)
    timeline = Timeline.build([])
    options = SiteOptions(versions=versions(two))
    section = language_settings(two, fa)
    assert (section.pages_dir, section.locale, section.title) == ("fa/timeline", "fa", "گاه‌شمار")
    persian = SiteOptions(pages_dir=section.pages_dir, versions=options.versions)
    built = with_versions(
        build_pages(translated_timeline(timeline, "fa"), persian), timeline, persian, "fa"
    )
    assert built.pages and {page.language for page in built.pages} == {"fa"}
    assert all(page.src_uri.startswith("fa/timeline/") for page in built.pages)
    assert [v.language for v in options.versions] == ["en", "fa"]
    assert options.versions[1].direction == "rtl"
    assert versions(Settings(root=settings.root)) == ()  # one language: nothing changes


def test_the_example_has_a_persian_section() -> None:
    example = load_settings(EXAMPLE_ROOT / "mkdocs.yml")
    assert [language.code for language in example.translations] == ["fa"]
    assert example.translations[0].display_calendar == "jalali"
    result = check_paths(example)
    assert result.errors == () and result.timeline is not None
    persian = [e for e in result.timeline.events if "fa" in e.languages]
    assert 5 <= len(persian) <= 8
    for event in persian:
        translated = event.in_language("fa")
        assert "title" not in translated.untranslated
        assert "summary" not in translated.untranslated
        # Persian letters, not Arabic look-alikes (ي U+064A, ك U+0643).
        assert not re.search("[\u064a\u0643]", translated.title + translated.summary)
