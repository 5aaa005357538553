"""The interface in the reader's language: catalogues, plural rules, digits, direction."""

from __future__ import annotations

import importlib.util
import re
import textwrap
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from timeline.api import load_timeline
from timeline.config import Settings
from timeline.history import FileHistory
from timeline.model import Timeline
from timeline.render.home import Home
from timeline.render.i18n import (
    catalogue_path,
    compile_catalogue,
    interface,
    languages,
    resolve_language,
)
from timeline.render.languages import LanguageVersion, translated_timeline
from timeline.render.pages import SiteOptions, build_pages

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ("ar", "de", "en", "es", "fa", "fr", "ru", "zh")


def _catalogue_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogue", ROOT / "scripts" / "catalogue.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read(language: str) -> Catalog:
    with catalogue_path(language).open("rb") as file:
        return read_po(file, locale=language)


# -- the catalogues -------------------------------------------------------------------


def test_the_languages_shipped() -> None:
    assert languages() == SHIPPED


def test_the_template_and_catalogues_hold_every_string_of_the_code() -> None:
    """scripts/catalogue.py --check: the .pot is what the templates and code say today."""
    assert _catalogue_script().main(["--check"]) == 0


def test_the_check_fails_on_a_string_missing_from_the_template(tmp_path: Path) -> None:
    script = _catalogue_script()
    template = script.TEMPLATE.read_bytes()
    try:
        script.TEMPLATE.write_bytes(template.replace(b'msgid "Sources"', b'msgid "Sourcez"'))
        assert script.main(["--check"]) == 1
    finally:
        script.TEMPLATE.write_bytes(template)


@pytest.mark.parametrize("language", [name for name in SHIPPED if name != "en"])
def test_every_string_is_translated_and_compiles(language: str) -> None:
    catalog = _read(language)
    template = _catalogue_script().extract()
    wanted = {message.id for message in template if message.id}
    assert {message.id for message in catalog if message.id} == wanted
    forms = Catalog(locale=language).num_plurals
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{language}: {message.id!r} is not translated"
        if message.pluralizable:
            assert len(strings) == forms, message.id
    assert [(message.id, errors) for message, errors in catalog.check()] == []
    assert compile_catalogue(language).gettext("Sources") == catalog["Sources"].string


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 событие"),
        (2, "2 события"),
        (4, "4 события"),
        (5, "5 событий"),
        (11, "11 событий"),
        (12, "12 событий"),
        (21, "21 событие"),
        (22, "22 события"),
        (25, "25 событий"),
        (101, "101 событие"),
        (111, "111 событий"),
    ],
)
def test_russian_counts_take_three_forms(count: int, expected: str) -> None:
    assert interface("ru").count(count, "event") == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "لا أحداث"),
        (1, "حدث واحد"),
        (2, "حدثان"),
        (3, "3 أحداث"),
        (10, "10 أحداث"),
        (11, "11 حدثًا"),
        (99, "99 حدثًا"),
        (100, "100 حدث"),
        (102, "102 حدث"),
        (103, "103 أحداث"),
    ],
)
def test_arabic_counts_take_six_forms(count: int, expected: str) -> None:
    assert interface("ar").count(count, "event") == expected


def test_the_browser_gets_a_form_for_each_plural_category() -> None:
    assert set(interface("ar").plural_forms("event")) == {
        "zero",
        "one",
        "two",
        "few",
        "many",
        "other",
    }
    assert interface("ru").plural_forms("event")["few"] == "%(num)s события"


# -- digits and direction ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "direction", "digits"),
    [
        ("en", "ltr", "2025"),
        ("fa", "rtl", "۲۰۲۵"),
        ("ar", "rtl", "2025"),  # CLDR: Arabic writes Latin digits, except in some countries
        ("ar_EG", "rtl", "٢٠٢٥"),
        ("he", "rtl", "2025"),
        ("ur", "rtl", "2025"),
        ("ru", "ltr", "2025"),
    ],
)
def test_direction_and_digits_follow_cldr(locale: str, direction: str, digits: str) -> None:
    ui = interface(locale)
    assert (ui.direction, ui.number(2025)) == (direction, digits)


def test_a_regional_locale_reads_its_languages_catalogue() -> None:
    assert interface("fr_CA").language == "fr"
    assert interface("fr_CA").gettext("Sources") == "Sources"
    assert interface("pt").language == "en"


# -- which language a site is in ---------------------------------------------------------


def test_the_plugins_locale_wins_over_the_themes() -> None:
    warnings: list[str] = []
    assert resolve_language("ru", {"language": "fa"}, warnings.append) == "ru"
    assert resolve_language(None, {"language": "fa"}, warnings.append) == "fa"
    assert resolve_language(None, {"locale": "de"}, warnings.append) == "de"
    assert resolve_language(None, {}, warnings.append) == "en"
    assert warnings == []


def test_a_language_without_a_catalogue_is_english_with_a_warning_naming_the_setting() -> None:
    warnings: list[str] = []
    assert resolve_language(None, {"language": "pt"}, warnings.append) == "pt"
    assert warnings and "`theme.language` is 'pt'" in warnings[0]
    warnings.clear()
    assert resolve_language("xx-nope", {}, warnings.append) == "en"
    assert "the timeline plugin's `locale`" in warnings[0]


# -- no English on a page of another language ---------------------------------------------

EVENTS = {
    "alpha.yaml": """
        title: Ωμέγα πρώτο
        date: 2024
        summary: Κείμενο.
        tags: [λέξη]
        actors: [Πρόσωπο]
        places: [Τόπος]
        sources:
          - title: Πηγή
            publisher: Εκδότης
            url: https://example.org/a
            published: 2024-03-02
            accessed: 2024-04-01
            archived: https://web.archive.org/a
            archived_date: 2024-04-02
        related:
          - {id: beta, type: led-to}
    """,
    "beta.yaml": """
        title: Βήτα δεύτερο
        date: 21 March 2025
        summary: Κείμενο.
        tags: [λέξη]
    """,
    "gamma.yaml": """
        title: Γάμμα
        date: circa 1990?
    """,
    "delta.yaml": """
        title: Δέλτα
        date: 1930s
    """,
    "epsilon.yaml": """
        title: Έψιλον
        date: 19th century
    """,
    "zeta.yaml": """
        title: Ζήτα
        date: 2022/..
    """,
    "eta.yaml": """
        title: Ήτα
        date: 44 BC
    """,
    "theta.yaml": """
        title: Θήτα
        date: 1939
        end: 1945
    """,
    "iota.yaml": """
        title: Ιώτα
        date: May 2024
    """,
}
ERA = """
title: Εποχή
date: 2020
end: 2025
"""
PLACE = """
name: Τόπος
lat: 33.5
lon: 36.3
"""


@pytest.fixture(scope="module")
def timeline(tmp_path_factory: pytest.TempPathFactory) -> Timeline:
    root = tmp_path_factory.mktemp("greek")
    (root / "events").mkdir()
    for name, text in EVENTS.items():
        (root / "events" / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    (root / "eras").mkdir()
    (root / "eras" / "epoch.yaml").write_text(ERA.lstrip(), encoding="utf-8")
    (root / "places").mkdir()
    # A gazetteer place: its page has a map, whose text alternative is words too.
    (root / "places" / "topos.yaml").write_text(PLACE.lstrip(), encoding="utf-8")
    return load_timeline(root, Settings(root=root))


class _Text(HTMLParser):
    """The text a reader sees or hears: text nodes and the attributes read aloud."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        for name, value in attrs:
            if name in ("aria-label", "title", "placeholder", "alt") and value:
                self.found.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden and data.strip():
            self.found.append(data)


def _english_words(language: str) -> set[str]:
    """The English interface's phrases, as words a translation would not keep."""
    translated = _read(language)
    kept = " ".join(
        " ".join(m.string) if isinstance(m.string, tuple) else m.string for m in translated
    )
    phrases: set[str] = set()
    for message in _read("fr"):  # any catalogue lists every msgid
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in ids:
            for piece in re.split(r"%\(\w+\)s|[^A-Za-z' ]+", text):
                piece = piece.strip(" '")
                if len(piece) >= 4 and piece not in kept:
                    phrases.add(piece)
    # English month names, unless the language writes them the same way (German "April").
    babel = interface(language).babel
    own = {
        str(name)
        for kind in babel.months.values()
        for names in kind.values()
        for name in names.values()
    }
    months = ("January", "February", "March", "April", "June", "July", "August", "October")
    return phrases | {name for name in months if name not in own} | {"since", "until"}


@pytest.mark.parametrize("language", ["fr", "ru", "fa", "ar", "de", "es", "zh"])
def test_no_english_reaches_a_page_in_another_language(timeline: Timeline, language: str) -> None:
    moment = datetime(2025, 3, 1, tzinfo=UTC)
    history = {
        event.path: FileHistory(event.path, moment, moment, 3, "abc123", "Ανώνυμος", "Αλλαγή")
        for event in timeline.events
    }
    options = SiteOptions(locale=language, versions=_versions(language))
    built = build_pages(timeline, options, history)
    home = Home(built.site, "latest", 5).page()
    # The language section of a two-language site: its event pages note the texts that
    # are not translated (the fixture's events have none) and link the other version.
    section = build_pages(translated_timeline(timeline, language), options, history)
    english = _english_words(language)
    assert len(english) > 100  # the scan has something to find
    pages = {page.src_uri: page.html for page in (*built.pages, home)}
    pages |= {f"section/{page.src_uri}": page.html for page in section.pages}
    pages["timeline/embed.html"] = built.data["timeline/embed.html"]
    # Every kind of page is scanned: the map page, the embed, a language note, the snippet.
    assert "tl-map-page" in pages["timeline/map.md"]
    assert "data-tl-embed-snippet" in pages["timeline/index.md"]
    assert 'class="tl-untranslated"' in pages["section/timeline/alpha.md"]
    assert 'class="tl-languages"' in pages["section/timeline/alpha.md"]
    leaks = []
    for src_uri, html in pages.items():
        parser = _Text()
        parser.feed(html)
        text = "\n".join(parser.found)
        for phrase in english:
            if re.search(rf"(?<![A-Za-z]){re.escape(phrase)}(?![A-Za-z])", text):
                leaks.append((src_uri, phrase))
    assert leaks == []


def _versions(language: str) -> tuple[LanguageVersion, ...]:
    """A site written in English with a section in ``language``."""
    return (
        LanguageVersion("en", "timeline", "English"),
        LanguageVersion(language, f"{language}/timeline", language, interface(language).direction),
    )


def test_the_scan_finds_english_in_an_english_build(timeline: Timeline) -> None:
    """The check above can fail: the same scan on the English pages finds the phrases."""
    built = build_pages(timeline, SiteOptions(locale="en"), {})
    parser = _Text()
    for page in built.pages:
        parser.feed(page.html)
    text = "\n".join(parser.found)
    found = {p for p in _english_words("ru") if p in text}
    assert {"Back to the timeline", "Sources", "month not known", "Cite this event"} <= found


def test_a_persian_page_is_right_to_left_in_persian_digits(timeline: Timeline) -> None:
    built = build_pages(timeline, SiteOptions(locale="fa"), {})
    index = next(page for page in built.pages if page.src_uri == "timeline/index.md")
    assert ' lang="fa" dir="rtl"' in index.html
    assert '<h2 id="y2025">۲۰۲۵</h2>' in index.html
    assert "۹ رویداد" in index.html
    assert '<script type="application/json" id="tl-i18n">' in index.html
    assert "مه ۲۰۲۴" in index.html  # the month heading: Babel's stand-alone name


def test_month_headings_use_the_stand_alone_month_name(timeline: Timeline) -> None:
    built = build_pages(timeline, SiteOptions(locale="ru"), {})
    index = next(page for page in built.pages if page.src_uri == "timeline/index.md")
    assert ">май 2024</h3>" in index.html  # not "мая" (the form inside a full date)
    assert ">1930-е</h2>" in index.html
    assert ">19 век</h2>" in index.html
    assert ">44 до н. э.</h2>" in index.html
    assert "с 2022" in index.html  # an open end in words


def test_english_pages_say_nothing_of_language(timeline: Timeline) -> None:
    built = build_pages(timeline, SiteOptions(locale="en"), {})
    for page in built.pages:
        assert 'id="tl-i18n"' not in page.html and ' dir="' not in page.html


def test_json_ld_names_the_language() -> None:
    from timeline.render.meta import event_head

    timeline_root = ROOT / "tests" / "fixtures" / "basic"
    events = load_timeline(timeline_root, Settings(root=timeline_root)).events
    head = event_head(events[0], url=None, site_url=None, site_name=None, language="fa")
    assert '"inLanguage":"fa"' in head


# -- the browser's words ---------------------------------------------------------------

ASSETS = ROOT / "timeline" / "render" / "assets"
# t("key", "English fallback", …) in the scripts that read the page's tl-i18n words.
ASKED = re.compile(r'\bt\("(\w+)", "((?:[^"\\]|\\.)*)"')


def _asked(script: str) -> dict[str, str]:
    text = (ASSETS / script).read_text(encoding="utf-8")
    return {key: english for key, english in ASKED.findall(text)}


@pytest.mark.parametrize("script", ["axis.js", "timeline.js", "map.js", "embed.js"])
def test_every_word_a_script_asks_for_is_in_every_language(script: str) -> None:
    asked = _asked(script)
    assert len(asked) >= 5  # the pattern finds the script's calls
    english = interface("en").browser_strings()
    # The script's fallback is the English text: the two cannot drift apart.
    assert {key: english.get(key) for key in asked} == asked
    for language in SHIPPED:
        strings = interface(language).browser_strings()
        assert set(asked) <= set(strings), language
        assert all(isinstance(strings[key], str) and strings[key] for key in asked)
        if language != "en":
            translated = sum(strings[key] != english[key] for key in asked)
            assert translated >= len(asked) - 2, language  # "%(place)s: %(events)s" may stay


def test_the_counts_and_link_words_of_the_scripts_are_in_every_language() -> None:
    from timeline.relations import WORDS

    for language in SHIPPED:
        strings = interface(language).browser_strings()
        for noun in ("events", "places", "matches"):
            assert "other" in strings[noun], (language, noun)
        assert set(strings["relations"]) == {w for pair in WORDS.values() for w in pair}
    assert interface("ru").browser_strings()["places"]["few"] == "%(num)s места"
    assert interface("fa").browser_strings()["relations"]["Led to"] == "منجر شد به"


def test_the_search_script_carries_its_words_for_every_language() -> None:
    import json

    from timeline.render.search import search_script

    text = search_script("timeline").decode("utf-8")
    table = json.loads(re.search(r"var TABLE = (\{.*?\});\n", text).group(1))  # type: ignore[union-attr]
    assert sorted(table) == [name for name in SHIPPED if name != "en"]
    asked = _asked("search.js")
    assert {key: interface("en").search_strings()[key] for key in asked} == asked
    for language, words in table.items():
        assert set(asked) <= set(words)
        assert words["searchEvents"] == interface(language).gettext("Events")
    assert table["ru"]["matches"]["many"] == "%(num)s совпадений"
    assert "/*words*/" not in text and "<" not in json.dumps(table, ensure_ascii=False)


def test_the_map_page_and_the_embed_carry_the_words(timeline: Timeline) -> None:
    built = build_pages(timeline, SiteOptions(locale="fa"), {})
    map_page = next(page for page in built.pages if page.src_uri == "timeline/map.md")
    assert map_page.title == "نقشه"
    assert ' lang="fa" dir="rtl"' in map_page.html and 'id="tl-i18n"' in map_page.html
    embed = built.data["timeline/embed.html"]
    assert '<html lang="fa" dir="rtl">' in embed and 'id="tl-i18n"' in embed
    assert "(جاسازی‌شده)" in next(p.html for p in built.pages if p.src_uri == "timeline/index.md")
