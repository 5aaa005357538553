"""The interface in the reader's language: gettext catalogues, plural rules, digits, direction.

The catalogues are ``timeline/locale/<language>/LC_MESSAGES/timeline.po``, extracted
from the templates, the page builders and the browser strings by
``scripts/catalogue`` (Babel's extractor) and compiled by Babel when a build first
asks for a language. Compiling in memory (a few milliseconds, once per process)
rather than shipping ``.mo`` files means a catalogue can never be older than its
``.po``: there is nothing to forget to recompile, and the wheel needs only the
``.po`` files (package data).

English is the source language: its strings are the msgids, so an English build
renders the templates' own text byte for byte.
"""

from __future__ import annotations

import gettext as gettext_module
import io
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Final

from babel import Locale, UnknownLocaleError

LOCALE_DIR: Final = Path(__file__).parent.parent / "locale"
DOMAIN: Final = "timeline"
ASCII_DIGITS: Final = "0123456789"
# The zero of each decimal numbering system CLDR names as a locale's default (those
# not listed, such as "hanidec", write Latin digits here).
DIGIT_ZEROS: Final = {
    "arab": 0x0660, "arabext": 0x06F0, "beng": 0x09E6, "deva": 0x0966, "gujr": 0x0AE6,
    "guru": 0x0A66, "knda": 0x0CE6, "mlym": 0x0D66, "mymr": 0x1040, "orya": 0x0B66,
    "tamldec": 0x0BE6, "telu": 0x0C66, "thai": 0x0E50, "tibt": 0x0F20, "khmr": 0x17E0,
    "laoo": 0x0ED0, "olck": 0x1C50, "mtei": 0xABF0, "nkoo": 0x07C0, "adlm": 0x1E950,
}  # fmt: skip


def languages() -> tuple[str, ...]:
    """The languages that have a catalogue, English (the source language) included."""
    found = {path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return tuple(sorted(found | {"en"}))


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_catalogue(language: str) -> gettext_module.GNUTranslations:
    """The language's .po, checked and compiled by Babel into gettext's translations."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with catalogue_path(language).open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN, abort_invalid=True)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext_module.GNUTranslations(buffer)


@lru_cache(maxsize=32)
def _translations(language: str) -> gettext_module.NullTranslations:
    if language == "en" or not catalogue_path(language).exists():
        return gettext_module.NullTranslations()
    return compile_catalogue(language)


def catalogue_language(locale: str) -> str | None:
    """The catalogue a Babel locale reads: 'fr_CA' → 'fr', 'zh_Hans_CN' → 'zh'; None if none."""
    try:
        parsed = Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None
    known = languages()
    for candidate in (str(parsed), parsed.language):
        if candidate in known:
            return candidate
    return None


@dataclass(frozen=True)
class Interface:
    """The words, numbers and direction of the site's interface in one locale."""

    locale: str  # the Babel locale of dates and numbers: 'fa', 'fr_CA'
    language: str  # the catalogue of the words: 'fa', 'fr' ('en' for the source text)

    @cached_property
    def babel(self) -> Locale:
        return Locale.parse(self.locale.replace("-", "_"))

    @cached_property
    def translations(self) -> gettext_module.NullTranslations:
        return _translations(self.language)

    @property
    def lang(self) -> str:
        """The BCP 47 tag for ``lang`` attributes and JSON-LD: 'fa', 'fr-CA'."""
        return self.locale.replace("_", "-")

    @cached_property
    def direction(self) -> str:
        """'rtl' or 'ltr', as CLDR says for the locale (Persian, Arabic, Hebrew, Urdu: rtl)."""
        return "rtl" if self.babel.text_direction == "rtl" else "ltr"

    @cached_property
    def digits(self) -> str:
        """The ten digits of the locale's default numbering system: '۰۱۲…۹' for Persian.

        Babel knows which system a locale uses (CLDR: arabext for fa, arab for ar_EG,
        latn for ar, he, ur) but formats every number in Latin digits, so the digits
        themselves come from Unicode, where each system's ten are consecutive.
        """
        zero = DIGIT_ZEROS.get(self.babel.default_numbering_system or "latn")
        if zero is None:
            return ASCII_DIGITS
        return "".join(chr(zero + n) for n in range(10))

    @cached_property
    def _digit_table(self) -> dict[int, int] | None:
        if self.digits == ASCII_DIGITS:
            return None
        return str.maketrans(ASCII_DIGITS, self.digits)

    def number(self, text: object) -> str:
        """Western digits in ``text`` written in the locale's digits ('2025' → '۲۰۲۵')."""
        table = self._digit_table
        return str(text) if table is None else str(text).translate(table)

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The form for ``count`` by the language's plural rule (Russian has 3, Arabic 6)."""
        return self.translations.ngettext(singular, plural, count)

    def count(self, number: int, noun: str) -> str:
        """'13 events', '1 page': the plural form the language wants, in its digits."""
        template = self._count_template(number, noun)
        return template % {"num": self.number(number)}

    def _count_template(self, number: int, noun: str) -> str:
        # Each noun spelled out so the extractor finds singular and plural.
        ngettext = self.ngettext
        if noun == "event":
            return ngettext("%(num)s event", "%(num)s events", number)
        if noun == "page":
            return ngettext("%(num)s page", "%(num)s pages", number)
        if noun == "place":
            return ngettext("%(num)s place", "%(num)s places", number)
        if noun == "revision":
            return ngettext("%(num)s revision", "%(num)s revisions", number)
        if noun == "match":
            return ngettext("%(num)s match", "%(num)s matches", number)
        raise ValueError(f"no plural message for {noun!r}")

    def plural_forms(self, noun: str) -> dict[str, str]:
        """The count's templates by CLDR plural category, for the browser's Intl.PluralRules."""
        forms: dict[str, str] = {}
        for number in range(0, 1001):
            category = self.babel.plural_form(number)
            if category not in forms:
                forms[category] = self._count_template(number, noun)
        # Intl.PluralRules may answer "other" where CLDR's integers never do (Russian 1.5).
        forms.setdefault("other", self._count_template(1000, noun))
        return forms

    def join(self, items: Sequence[str]) -> str:
        """'the title and the summary', 'le titre et le résumé': CLDR's list pattern."""
        from babel.lists import format_list

        return format_list(list(items), locale=self.babel) if items else ""

    @cached_property
    def months(self) -> tuple[str, ...]:
        """Month names as headings use them (CLDR's stand-alone forms: 'январь', not 'января')."""
        names = self.babel.months["stand-alone"]["wide"]
        return tuple(str(names[m]) for m in range(1, 13))

    @cached_property
    def months_short(self) -> tuple[str, ...]:
        """Abbreviated stand-alone month names, for axis ticks ('Jan', 'janv.', 'ژانویه')."""
        names = self.babel.months["stand-alone"]["abbreviated"]
        return tuple(str(names[m]) for m in range(1, 13))

    def month_heading(self, month: int, year_text: str) -> str:
        """A month heading of the list: 'January 2025', 'janvier 2025', '2025年一月'."""
        # Translators: a month heading of the list, the month's stand-alone name and a year.
        return self.gettext("%(month)s %(year)s") % {
            "month": self.months[month - 1],
            "year": year_text,
        }

    def year(self, year: int, *, with_era: bool = False) -> str:
        """An astronomical year as readers write it, in the locale's digits: '2025', '44 BC'."""
        if year <= 0:
            return self.gettext("%(year)s BC") % {"year": self.number(1 - year)}
        if with_era or year < 1000:
            return self.gettext("AD %(year)s") % {"year": self.number(year)}
        return self.number(year)

    def decade(self, year: int) -> str:
        """'1990s', 'années 1990', '1990-е'."""
        # Translators: a decade, from its first year: "1990s" (années 1990, 1990er, 1990-е).
        return self.gettext("%(year)ss") % {"year": self.number(year)}

    def century(self, number: int, *, bc: bool = False) -> str:
        """'19th century', '19e siècle' (``number`` counts from 1)."""
        if bc:
            # Translators: a century before AD 1, by its number: "5th century BC".
            return self.gettext("century %(number)s BC") % {"number": self.number(number)}
        # Translators: a century by its number, 19 for 1801–1900: "19th century", "XIXe siècle".
        return self.gettext("century %(number)s") % {"number": self.number(number)}

    def browser_strings(self) -> dict[str, Any]:
        """What the page's scripts say, in this language (the page's tl-i18n JSON)."""
        from timeline.relations import WORDS

        _ = self.gettext
        return {
            "lang": self.lang,
            "dir": self.direction,
            "digits": self.digits,
            "months": list(self.months_short),
            "bc": _("%(year)s BC"),
            "ad": _("AD %(year)s"),
            "axisControls": _("Time axis controls"),
            "zoomIn": _("Zoom in (+)"),
            "zoomOut": _("Zoom out (−)"),
            "earlier": _("Earlier (←)"),
            "later": _("Later (→)"),
            "whole": _("Whole timeline (Home)"),
            "wholeShort": _("Whole"),
            "brush": _("Select a time range by dragging on the axis"),
            "brushShort": _("Select range"),
            "listView": _("Show in the list only the events in view"),
            "listViewShort": _("List this view"),
            "clearRange": _("Clear the time range"),
            "clearRangeShort": _("Clear range"),
            "axisKeys": _(
                "Time axis. Plus and minus zoom, arrow keys move earlier or later, Home shows "
                "the whole timeline, End the latest events"
            ),
            "axisKeysEscape": _(", Escape clears the time range"),
            "axis": _("Time axis"),
            "loadingAxis": _("Loading the time axis…"),
            "axisFailed": _(
                "The time axis could not be loaded (%(error)s); the list below has every event."
            ),
            "rangeShown": _("The list shows the events of %(range)s."),
            "rangeCleared": _("The time range is cleared."),
            "axisShowing": _(
                "Time axis showing %(range)s: %(visible)s of %(total)s events in view."
            ),
            "other": _("Other"),
            "inView": _("%(count)s in view"),
            "bucket": _("%(events)s, %(range)s (click to zoom in)"),
            "events": self.plural_forms("event"),
            "searchPlaceholder": _("words in the title or text"),
            "clearFilters": _("Clear filters"),
            "tags": _("Tags"),
            "actors": _("Actors"),
            "tagsLegend": _("Show events with any of these tags"),
            "actorsLegend": _("Show events with any of these actors"),
            "filterEvents": _("Filter events"),
            "searchTimeline": _("Search the timeline"),
            "fromYear": _("From year"),
            "toYear": _("To year"),
            "loadingIndex": _("Loading the index of events…"),
            "indexFailed": _("The index of events could not be loaded."),
            "showingFirst": _("Showing the first %(limit)s; narrow the filters to see the rest."),
            "matching": _("%(shown)s of %(total)s events match"),
            # axis.js: era bands and typed-link arrows
            "axisRole": _("time axis"),
            "era": _("Era: %(title)s, %(date)s"),
            # axis.json names each link type in English (one file for every language).
            "relations": {
                words: relation_words(self, words) for pair in WORDS.values() for words in pair
            },
            # map.js (the map page)
            "places": self.plural_forms("place"),
            "mapFailed": _(
                "The interactive map could not be loaded (%(error)s); the map below links every "
                "place."
            ),
            "mapLabel": _("Map of the places of the events in view"),
            "mapDot": _("%(place)s: %(events)s in view"),
            "mapDotSelected": _(
                "%(place)s: %(events)s in view, selected: the list shows only its events"
            ),
            "mapSelected": _("Selected: %(place)s."),
            "mapStatus": _("%(places)s on the map; %(events)s listed."),
            # embed.js (the embed and the snippet on timeline pages)
            "embedNoSuchName": _("(no place or era by that name)"),
            "embedOfPlace": _("%(events)s of the place %(title)s"),
            "embedOfEra": _("%(events)s of the era %(title)s"),
            "copied": _("Copied."),
            "copyByHand": _("Selected: press Ctrl+C (⌘C) to copy."),
            **self.search_strings(),
        }

    def search_strings(self) -> dict[str, Any]:
        """What search.js says under the theme's search box (on every page of the site)."""
        _ = self.gettext
        return {
            "lang": self.lang,
            "digits": self.digits,
            "searchEvents": _("Events"),
            "searchFound": _("Events: %(matches)s"),
            "matches": self.plural_forms("match"),
            "searchNone": _("Events: no match for %(query)s"),
            "searchMore": _("Showing the first %(count)s; add words to narrow the search."),
            "searchFile": _(
                "Searching the event pages needs the site served over http(s); open it through a "
                "web server."
            ),
            "searchFailed": _(
                "The search of the event pages could not be loaded; the results above cover the "
                "other pages."
            ),
        }

    def browser_json(self, axis_direction: str) -> str:
        """``browser_strings`` and the axis's direction as JSON safe inside <script>."""
        strings = self.browser_strings() | {"axisDir": axis_direction}
        text = json.dumps(strings, ensure_ascii=False, separators=(",", ":"))
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@lru_cache(maxsize=32)
def interface(locale: str, language: str | None = None) -> Interface:
    """The interface for a Babel locale; its words from ``language`` (default: the locale's)."""
    if language is None:
        language = catalogue_language(locale) or "en"
    return Interface(locale, language)


ENGLISH: Final = interface("en")


def resolve_language(
    plugin_locale: str | None, theme: Mapping[str, Any], warn: Callable[[str], None]
) -> str:
    """The site's locale: the plugin's ``locale`` when set, else the theme's language.

    Material names it ``theme.language``, MkDocs' own themes ``theme.locale``. A
    language with no catalogue is read in English, with a warning naming the setting
    (dates still follow Babel's locale when it knows it).
    """
    if plugin_locale:
        chosen, where = plugin_locale, "the timeline plugin's `locale`"
    else:
        theme_value = theme.get("language") or theme.get("locale")
        chosen = str(theme_value) if theme_value else "en"
        where = "`theme.language`" if theme.get("language") else "`theme.locale`"
    try:
        Locale.parse(chosen.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        warn(f"{where} is {chosen!r}, a language Babel does not know: the timeline is in English")
        return "en"
    if catalogue_language(chosen) is None:
        warn(
            f"{where} is {chosen!r}, which the timeline has no translation for: its interface "
            f"is in English (dates follow {chosen!r}); see docs/guide/translating.md"
        )
    return chosen


def relation_words(ui: Interface, words: str) -> str:
    """A relation's words (timeline/relations.py) in the interface's language."""
    _ = ui.gettext
    table = {
        "Caused": _("Caused"),
        "Caused by": _("Caused by"),
        "Led to": _("Led to"),
        "Followed from": _("Followed from"),
        "Part of": _("Part of"),
        "Includes": _("Includes"),
        "In response to": _("In response to"),
        "Prompted": _("Prompted"),
        "Follows": _("Follows"),
        "Followed by": _("Followed by"),
        "Contradicts": _("Contradicts"),
        "Contradicted by": _("Contradicted by"),
        "Related": _("Related"),
        "Linked from": _("Linked from"),
    }
    return table.get(words, words)
