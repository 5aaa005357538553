"""Page builders: a checked Timeline in, the site's generated pages (as HTML) out.

Pure functions of their arguments, so two builds of the same events give the same
bytes, and the MkDocs plugin stays a thin adapter. Every page is rendered here; the
theme only wraps it. Links are relative, computed from each page's own URL the way
MkDocs computes them, so the site works from any base path and from file://.
"""

from __future__ import annotations

import dataclasses
import json
import posixpath
import re
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from timeline.dates import EventDate, parse_date
from timeline.dates.display import GREGORIAN, DisplayCalendar, shown
from timeline.dates.labels import year_label
from timeline.dates.model import OPEN, Precision, make_date
from timeline.history import FileHistory, by_commit, recent_changes
from timeline.model import Event, Timeline
from timeline.relations import grouped, relations_of
from timeline.render import axis, calendar_ticks
from timeline.render.axis import LaneSetting
from timeline.render.eras import era_src, eras_opening
from timeline.render.i18n import ENGLISH, Interface, interface, relation_words
from timeline.render.page import GeneratedPage as GeneratedPage
from timeline.render.page import TocEntry as TocEntry
from timeline.render.text import render_markdown
from timeline.urls import (
    absolute_url,
    event_src,
    page_url,
    relative_url,
    unique_slugs,
)
from timeline.urls import relative_to_folder as _relative  # the name pages' markup uses

if TYPE_CHECKING:
    from timeline.render.languages import LanguageVersion

T = TypeVar("T")
TEMPLATES = Path(__file__).parent / "templates"
ASSETS = Path(__file__).parent / "assets"
ASSET_NAMES = ("timeline.css", "timeline.js", "axis.js", "embed.js", "calendar-ticks.js")
# Names of generated pages under pages_dir; an event id must not take one.
FACETS = ("tags", "actors", "places")
FACET_TITLES = {"tags": "Tags", "actors": "Actors", "places": "Places"}
FACET_SINGULAR = {"tags": "Tag", "actors": "Actor", "places": "Place"}


@lru_cache(maxsize=256)
def facet_title(ui: Interface, facet: str) -> str:
    """'Tags', 'Étiquettes': a facet's heading in the interface's language."""
    _ = ui.gettext
    return {"tags": _("Tags"), "actors": _("Actors"), "places": _("Places")}[facet]


def facet_page_title(ui: Interface, facet: str, name: str) -> str:
    """'Tag: treaty', 'Étiquette : treaty'."""
    _ = ui.gettext
    template = {"tags": _("Tag: %(name)s"), "actors": _("Actor: %(name)s")}.get(
        facet, _("Place: %(name)s")
    )
    return template % {"name": name}


@dataclass(frozen=True)
class SiteOptions:
    """What the plugin tells the page builders about the site."""

    pages_dir: str = "timeline"
    title: str = "Timeline"
    split: str = "auto"
    split_threshold: int = 500
    use_directory_urls: bool = True
    locale: str = "en"
    display_calendar: DisplayCalendar = GREGORIAN  # the calendar dates are shown in
    edit_url: str | None = None  # base URL that an event's path (events/...) is appended to
    exports: bool = True
    downloads: tuple[tuple[str, str], ...] = ()  # (label, file name in pages_dir) of exports
    axis: bool = True  # the time axis above lists (and its data file)
    axis_lanes: LaneSetting = "none"
    map_tiles: tuple[str, str] | None = None  # the map page's tile layer: URL, attribution
    axis_direction: str = "auto"  # auto (the language's), ltr or rtl: which way time runs
    site_url: str | None = None  # for absolute links in <head> tags and "cite this event"
    site_name: str | None = None
    embed: bool = True  # the frameless page for <iframe>s (render/embed.py) and its snippet
    # Every language version of the timeline, the default first (render/languages.py);
    # empty for a site in one language. Event pages link to their other versions.
    versions: tuple[LanguageVersion, ...] = ()


@dataclass(frozen=True)
class SitePages:
    """Everything the timeline adds to a site: pages and data files."""

    pages: tuple[GeneratedPage, ...]
    # The build's lookups (URLs, slugs, rendered summaries), for the home page to reuse.
    site: _Site = field(compare=False, repr=False)
    # src_uri -> text (JSON), or in a lazy build what makes it as it is written
    data: Mapping[str, str | Callable[[], str]] = field(default_factory=dict)


class PageMemo:
    """Pages of the previous build by what they are made of, for `mkdocs serve`.

    A page is reused when its key (its own inputs: the events it shows, by value)
    is the same as in the previous build and so are the site-wide inputs every
    page shares (compared once per build). The same goes for each event's item in
    the lists. Only what the last build used is kept, so memory stays flat.
    """

    def __init__(self) -> None:
        self.previous: dict[Hashable, GeneratedPage] = {}
        self.current: dict[Hashable, GeneratedPage] = {}
        self.items: dict[Hashable, Any] = {}  # an event's list item, index row…
        self.new_items: dict[Hashable, Any] = {}
        self.shared: Hashable = None
        self.made = 0  # pages rendered (not reused) by the last build
        self.partial = False  # the last pass made only some pages (start's ``partial``)
        # Each event's hash by id(): kept with the events themselves, so an id stays
        # theirs (an unchanged file gives the same Event object to the next build).
        self.hashes: dict[int, int] = {}
        self.axis_hashes: dict[int, int] = {}  # the same, of what the axis shows (axis_print)
        self.alive: tuple[Event, ...] = ()

    def start(
        self, shared: Hashable, events: tuple[Event, ...] = (), *, partial: bool = False
    ) -> dict[int, int]:
        """A build starts: the previous one's pages stay reusable if ``shared`` is unchanged.

        ``partial``: this pass makes only some pages (event_pages, `serve`'s first pass);
        the next one can reuse those and the previous build's too, whether it is the
        same rebuild's second pass or, when a newer edit cut that short, the next
        rebuild's. Returns the event hashes this build starts from (by id()).
        """
        same = shared == self.shared
        if self.partial and same:
            self.previous = {**self.previous, **self.current}
            self.items = {**self.items, **self.new_items}
        else:
            self.previous = self.current if same else {}
            self.items = self.new_items if same else {}
        self.partial = partial
        self.current, self.new_items, self.shared, self.made = {}, {}, shared, 0
        before, axis_before = self.hashes, self.axis_hashes
        self.hashes, self.axis_hashes = {}, {}
        for event in events:
            key = id(event)
            found = before.get(key)
            if found is None:
                self.hashes[key] = hash(event)
                self.axis_hashes[key] = hash(axis_print(event))
            else:
                self.hashes[key] = found
                self.axis_hashes[key] = axis_before[key]
        self.alive = events
        return self.hashes

    def item(self, key: Hashable, make: Callable[[], T]) -> T:
        found = self.items.get(key)
        if found is None:
            found = self.new_items.get(key) or make()
        self.new_items[key] = found
        return found

    def page(self, key: Hashable, make: Callable[[], GeneratedPage]) -> GeneratedPage:
        found = self.previous.get(key)
        if found is None:
            found = make()
            self.made += 1
        self.current[key] = found
        return found


def axis_print(event: Event) -> tuple[Hashable, ...]:
    """What the axis, its summary and the data files show of an event (not its texts).

    An edit to an event's summary or body leaves these the same: its pages are made
    again, the axis drawn over thousands of events and axis.json/index.json are not.
    """
    e = event
    return (
        e.id, e.title, e.date, e.end, e.when, e.display_date, e.importance,
        e.tags, e.actors, e.places, e.related, e.related_types,
    )  # fmt: skip


# -- dates ------------------------------------------------------------------------


@dataclass(frozen=True)
class DatePart:
    """One piece of a date label: text, and the machine value when HTML can express it."""

    label: str
    datetime: str | None


def date_parts(
    event: Event, locale: str, display: DisplayCalendar = GREGORIAN
) -> tuple[DatePart, ...]:
    """The event's date for <time> elements: one part, or start and end for spans."""
    if event.display_date:
        return (DatePart(event.display_date, event.date.datetime_attr),)
    if event.end is not None:
        return (_part(event.date, locale, display), _part(event.end, locale, display))
    when = event.when
    if when.start is not None and when.end is not None and when.datetime_attr:
        # A span written as one text ("21–22 April 2025"): HTML has no range in
        # one <time>, so each end gets its own, as with an `end` field.
        return (_part(when.start, locale, display), _part(when.end, locale, display))
    return (_part(when, locale, display),)


def _part(date: EventDate, locale: str, display: DisplayCalendar) -> DatePart:
    return DatePart(date_label(date, locale, display), date.datetime_attr)


def date_label(date: EventDate, locale: str, display: DisplayCalendar = GREGORIAN) -> str:
    """The date's label in the locale and display calendar, in its digits; open ends in words."""
    ui = interface(locale)
    if ui.language == "en" or not date.is_open or date.wording is not None:
        return ui.number(shown(date, locale, display))
    # Babel has no words for open ends ("since 2022"): the catalogue has.
    _ = ui.gettext
    closed = ui.number(
        shown(dataclasses.replace(date, open_start=None, open_end=None), locale, display)
    )
    if date.open_end is not None:
        template = _("since %(date)s") if date.open_end == OPEN else _("%(date)s – unknown")
    else:
        template = _("until %(date)s") if date.open_start == OPEN else _("unknown – %(date)s")
    return template % {"date": closed}


def when_html(event: Event, locale: str, display: DisplayCalendar = GREGORIAN) -> Markup:
    """The date label in <time datetime> at its true precision, and its qualifiers in words."""
    ui = interface(locale)
    words = [(word, *_qualifier_words(ui, word)) for word in qualifiers(event.when)]
    return macros(ui).when(date_parts(event, locale, display), words)  # type: ignore[no-any-return]


@lru_cache(maxsize=256)
def _qualifier_words(ui: Interface, word: str) -> tuple[str, str]:
    _ = ui.gettext
    if word == "approximate":
        return _("approximate"), _("The date is approximate")
    return _("uncertain"), _("The date is uncertain")


def _facet_words(ui: Interface, facet: str) -> tuple[str, str]:
    """'all tags' and 'No event has tags yet.' for a facet's pages."""
    _ = ui.gettext
    if facet == "tags":
        return _("all tags"), _("No event has tags yet.")
    if facet == "actors":
        return _("all actors"), _("No event has actors yet.")
    return _("all places"), _("No event has places yet.")


def upper_year(event: Event) -> int:
    """The last year an event touches (its upper bound's year)."""
    return event.when.upper.year


def qualifiers(date: EventDate) -> tuple[str, ...]:
    found = []
    if date.approximate:
        found.append("approximate")
    if date.uncertain:
        found.append("uncertain")
    return tuple(found)


# -- splitting ---------------------------------------------------------------------


def period_key(event: Event, split: str) -> str:
    """The key of the split page an event goes on: '1990s', '2025', '2025-04'."""
    year = event.year
    if split == "decade":
        return f"{year - year % 10}s"
    if split == "month" and event.when.month is not None:
        return f"{year}-{event.when.month:02d}"
    return str(year)


def choose_split(timeline: Timeline, split: str, threshold: int) -> str:
    """The page split to use: the coarsest whose biggest page stays under the threshold."""
    if split != "auto":
        return split
    if len(timeline) <= threshold:
        return "none"
    for candidate in ("decade", "year"):
        counts: dict[str, int] = {}
        for event in timeline.events:
            key = period_key(event, candidate)
            counts[key] = counts.get(key, 0) + 1
        if max(counts.values()) <= threshold:
            return candidate
    return "month"


# -- the environment -----------------------------------------------------------------


def _environment(ui: Interface) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        auto_reload=False,  # templates ship with the package; no stat() per include
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["tojson_attr"] = lambda value: json.dumps(value, ensure_ascii=False)
    from timeline.render.embed import snippet_context

    env.globals["embed_snippet"] = snippet_context  # for _embed_snippet.html
    env.globals["_"] = env.globals["gettext"] = _translator(ui)
    return env


def _translator(ui: Interface) -> Callable[..., Markup]:
    """``_("… %(name)s", name=value)`` for templates: the translation as Markup, its values
    escaped. Like jinja2.ext.i18n's "newstyle" gettext, without its per-call context
    lookups: each message is looked up once per build language (pages call it 10,000s
    of times)."""
    found: dict[str, Markup] = {}

    def translate(message: str, **values: Any) -> Markup:
        text = found.get(message)
        if text is None:
            text = found[message] = Markup(ui.gettext(message))  # our catalogue: trusted text
        return text % values if values else text

    return translate


_ENVS: dict[str, jinja2.Environment] = {}
_MACROS: dict[str, Any] = {}


def environment(ui: Interface = ENGLISH) -> jinja2.Environment:
    """The template environment of a language, compiled once per process."""
    env = _ENVS.get(ui.language)
    if env is None:
        env = _ENVS[ui.language] = _environment(ui)
    return env


def macros(ui: Interface = ENGLISH) -> Any:
    """templates/_macros.html as a module: its macros are callables returning Markup."""
    module = _MACROS.get(ui.language)
    if module is None:
        module = _MACROS[ui.language] = environment(ui).get_template("_macros.html").module
    return module


# -- the site ------------------------------------------------------------------------


class _Site:
    """Shared lookups for one build: URLs, slugs, and each event's rendered text."""

    def __init__(
        self,
        timeline: Timeline,
        options: SiteOptions,
        history: Mapping[str, FileHistory] | None = None,
        memo: PageMemo | None = None,
        *,
        partial: bool = False,
    ) -> None:
        """``memo`` (`serve`): pages and items reused from the previous build; ``partial``:
        this one makes only some pages (PageMemo.start)."""
        self.timeline = timeline
        self.options = options
        self.history = history or {}
        self.has_history = history is not None
        self.root = options.pages_dir.strip("/")
        self.ui = interface(options.locale)
        self.env = environment(self.ui)
        self.macros = macros(self.ui)
        self.split = choose_split(timeline, options.split, options.split_threshold)
        self.slugs = {
            facet: unique_slugs(getattr(timeline, f"by_{facet[:-1]}"), reserved={"index"})
            for facet in FACETS
        }
        self._summaries: dict[str, Markup] = {}
        self._when: dict[str, Markup] = {}
        self._event_urls: dict[str, str] = {}
        self._facet_urls = {
            facet: {name: self.url(self.src(facet, f"{slug}.md")) for name, slug in slugs.items()}
            for facet, slugs in self.slugs.items()
        }
        # Hashes by id(): the timeline's events (PageMemo.start), others of this build.
        self._extra_prints: dict[int, int] = {}
        self._axis_prints: dict[int, tuple[Sequence[Event], tuple[int, ...]]] = {}
        self._per_list: dict[tuple[Any, ...], tuple[Sequence[Event], Any]] = {}
        self.memo = memo
        # A build's lists, tag and event pages are made as they are written (build_pages).
        self.lazy = False
        self._prints = (
            {} if memo is None else memo.start(self.shared_key, timeline.events, partial=partial)
        )

    def reused(self, key: tuple[Any, ...], make: Callable[[], GeneratedPage]) -> GeneratedPage:
        """``make()``, or the same page from the previous build when ``key`` is unchanged."""
        if self.memo is None:
            return make()
        return self.memo.page(key, make)

    def prints(self, events: Iterable[Event]) -> tuple[int, ...]:
        """Events by value, hashed once per `serve` session (hashing walks all the fields)."""
        found, extra = self._prints, self._extra_prints
        return tuple(
            found.get(id(e)) or extra.get(id(e)) or extra.setdefault(id(e), hash(e)) for e in events
        )

    def axis_prints(self, events: Sequence[Event]) -> tuple[int, ...]:
        """``prints`` of what the axis shows of each event (axis_print), once per list
        per build (a facet's pages ask for the same list's, three times each)."""
        cached = self._axis_prints.get(id(events))
        if cached is not None and cached[0] is events:
            return cached[1]
        found = self.memo.axis_hashes if self.memo is not None else {}
        prints = tuple(found.get(id(e)) or hash(axis_print(e)) for e in events)
        self._axis_prints[id(events)] = (events, prints)  # the list kept: its id stays its
        return prints

    def reused_item(self, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        """``make()``, or the same value from the previous build when ``key`` is unchanged."""
        if self.memo is None:
            return make()
        return self.memo.item(key, make)

    @cached_property
    def shared_key(self) -> Hashable:
        """What every page may show besides its own events: options, slugs, eras, places."""
        places = tuple(
            (place, json.dumps(place.geometry, sort_keys=True)) for place in self.timeline.places
        )
        first: tuple[tuple[str, str], ...] = ()
        if self.timeline.eras:
            from timeline.render.eras import _first_events

            first = tuple(sorted(_first_events(self.timeline).items()))
        urls = tuple(
            (facet, tuple(sorted(urls.items()))) for facet, urls in self._facet_urls.items()
        )
        return (
            self.options, self.split, self.timeline.descending, self.has_history,
            urls, self.timeline.eras, first, places,
        )  # fmt: skip

    def src(self, *parts: str) -> str:
        return posixpath.join(self.root, *parts)

    def event_url(self, event: Event) -> str:
        cached = self._event_urls.get(event.id)
        if cached is None:
            cached = self._event_urls[event.id] = self.url(self.event_src(event))
        return cached

    def url(self, src_uri: str) -> str:
        return page_url(src_uri, self.options.use_directory_urls)

    def event_src(self, event: Event) -> str:
        return event_src(self.root, event.id)

    def facet_src(self, facet: str, name: str, number: int = 1) -> str:
        slug = self.slugs[facet][name]
        return self.src(facet, f"{slug}.md" if number == 1 else f"{slug}/{number}.md")

    def period_src(self, key: str) -> str:
        return self.src("index.md") if self.split == "none" else self.src("years", f"{key}.md")

    def when(self, event: Event) -> Markup:
        """The date as <time> elements with its qualifiers; the same on every page."""
        cached = self._when.get(event.id)
        if cached is None:
            cached = self._when[event.id] = when_html(
                event, self.options.locale, self.options.display_calendar
            )
        return cached

    def facet_links(self, event: Event, facet: str, from_dir: str) -> Markup:
        """An event's tags (actors, places) as a list of links from pages in ``from_dir``."""
        names: tuple[str, ...] = getattr(event, facet)
        if not names:
            return Markup("")
        urls = self._facet_urls[facet]
        links = [(name, _relative(urls[name], from_dir)) for name in names]
        return self.macros.facet_links(facet, facet_title(self.ui, facet), links)  # type: ignore[no-any-return]

    def event_item(self, event: Event, from_dir: str) -> Markup:
        """An event in a timeline list: date, linked title, summary, tags and actors."""
        return self._reused_item("item", event, from_dir, self._event_item)

    def _event_item(self, event: Event, from_dir: str) -> Markup:
        return self.macros.event_item(  # type: ignore[no-any-return]
            event,
            self.when(event),
            _relative(self.event_url(event), from_dir),
            self.summary(event),
            self.facet_links(event, "tags", from_dir),
            self.facet_links(event, "actors", from_dir),
            f"{event.year},{upper_year(event)}",
            ",".join(str(axis._number(v)) for v in axis.extent(event)),
        )

    def compact_item(self, event: Event, from_dir: str) -> Markup:
        """An event as one line: date and linked title."""
        return self._reused_item("compact", event, from_dir, self._compact_item)

    def _reused_item(
        self, kind: str, event: Event, from_dir: str, make: Callable[[Event, str], Markup]
    ) -> Markup:
        """An event's markup for a list, from the serve memo when it is unchanged."""
        if self.memo is None:
            return make(event, from_dir)
        key = (kind, *self.prints((event,)), from_dir)
        return self.memo.item(key, lambda: make(event, from_dir))

    def _compact_item(self, event: Event, from_dir: str) -> Markup:
        return self.macros.compact_item(  # type: ignore[no-any-return]
            self.when(event), _relative(self.event_url(event), from_dir), event.title
        )

    def summary(self, event: Event) -> Markup:
        cached = self._summaries.get(event.id)
        if cached is None:
            cached = self._summaries[event.id] = render_markdown(event.summary)
        return cached

    def absolute_url(self, src_uri: str) -> str | None:
        """The page's address on the published site, when site_url is known."""
        return absolute_url(self.options.site_url, self.url(src_uri))

    def event_head(self, event: Event) -> str:
        from timeline.render.meta import event_head

        return event_head(
            event,
            url=self.absolute_url(self.event_src(event)),
            site_url=self.options.site_url,
            site_name=self.options.site_name,
            summary_html=self.summary(event),
            language=self.ui.lang,
        )

    def description(self, event: Event) -> str:
        from timeline.render.meta import plain_text

        return plain_text(event.summary, html=self.summary(event)) if event.summary else ""

    def item_list_head(self, src: str, title: str, events: Sequence[Event]) -> str:
        from timeline.render.meta import item_list_head

        href = self.linker(src)
        urls = [self.absolute_url(self.event_src(e)) or href(self.event_src(e)) for e in events]
        return item_list_head(
            title, events, urls, descending=self.timeline.descending, language=self.ui.lang
        )

    def linker(self, from_src: str) -> Callable[[str], str]:
        """``href(src_uri)`` for links on the page at ``from_src``."""
        here = self.url(from_src)
        return lambda target: relative_url(self.url(target), here)

    def edit_url(self, event: Event) -> str | None:
        base = self.options.edit_url
        return base.rstrip("/") + "/" + quote(event.path) if base else None

    def history_url(self, event: Event) -> str | None:
        """The file's commit list, where the edit link is GitHub's or GitLab's (…/edit/…)."""
        edit = self.edit_url(event)
        if edit is None or "/edit/" not in edit:
            return None
        return edit.replace("/edit/", "/commits/", 1)

    def day_label(self, moment: datetime) -> str:
        """A commit date, labelled like event dates ('3 March 2025')."""
        day = parse_date(moment.date().isoformat())
        return shown(day, self.options.locale, self.options.display_calendar)

    @cached_property
    def periods(self) -> dict[str, tuple[Event, ...]]:
        grouped: dict[str, list[Event]] = {}
        for event in self.timeline.events:
            grouped.setdefault(period_key(event, self.split), []).append(event)
        return {key: tuple(events) for key, events in grouped.items()}

    def period_of(self, event: Event) -> str:
        return period_key(event, self.split)

    @cached_property
    def sections(self) -> list[tuple[Section, Event, int]]:
        """Every heading of the whole timeline, its first event and its number of events."""
        found: dict[Section, list[Any]] = {}
        for event in self.timeline.events:
            section = section_of(event, self.ui)
            entry = found.setdefault(section, [event, 0])
            entry[1] += 1
        return [(section, first, count) for section, (first, count) in found.items()]

    def date_text(self, event: Event) -> str:
        """The date label as plain text ('21–22 April 2025')."""
        parts = date_parts(event, self.options.locale, self.options.display_calendar)
        return " – ".join(part.label for part in parts)

    def event_label(self, event: Event) -> str:
        """The event's date as one text: ``display_date`` or its label in the site's language."""
        return event.display_date or self.date_label(event.when)

    def date_label(self, date: EventDate) -> str:
        """Any date of the page (a source's, an era's) in the site's language and digits."""
        return date_label(date, self.options.locale)

    @property
    def direction(self) -> str:
        """Which way the axis runs: the language's, unless ``axis_direction`` says."""
        setting = self.options.axis_direction
        return self.ui.direction if setting == "auto" else setting

    def root_attributes(self) -> Markup:
        """``lang`` and ``dir`` for a page's root element; none in English (the theme's)."""
        if self.ui.lang == "en":
            return Markup("")
        return Markup(' lang="{}" dir="{}"').format(self.ui.lang, self.ui.direction)

    @cached_property
    def _i18n_script(self) -> Markup:
        if self.ui.lang == "en" and self.options.axis_direction == "auto":
            return Markup("")
        text = self.ui.browser_json(self.direction)
        return Markup(f'<script type="application/json" id="tl-i18n">{text}</script>')

    def i18n_script(self) -> Markup:
        """The browser strings of a non-English page, read by axis.js and timeline.js."""
        return self._i18n_script

    def section_href(self, event: Event, from_src: str) -> str:
        """A link to the list heading an event is under, from the page at ``from_src``."""
        target = self.period_src(self.period_of(event))
        return (
            relative_url(self.url(target), self.url(from_src))
            + "#"
            + section_of(event, self.ui).key
        )

    def axis_svg(self, from_src: str, events: Sequence[Event], title: str) -> Markup:
        """The build-time axis of ``events``: what shows without JavaScript and in print."""
        here = self.url(from_src)
        if self.memo is None:  # a build: no key to compute
            return self._once_per_list(
                events,
                ("axis", self._links_from(here), title),
                lambda: self._axis_svg(here, from_src, events, title),
            )
        key = ("axis", self._links_from(here), title, self.axis_prints(events))
        return self.memo.item(key, lambda: self._axis_svg(here, from_src, events, title))

    def _once_per_list(
        self, events: Sequence[Event], key: tuple[Any, ...], make: Callable[[], T]
    ) -> T:
        """``make()`` once for the list ``events`` and ``key``, in a build: every page of a
        tag (actor, place) draws the axis of all its events, which made the pages of a
        100,000-event timeline cost as the square of its size. The last few are kept:
        a facet's pages are made one after another."""
        found = (id(events), *key)
        cached = self._per_list.get(found)
        if cached is not None and cached[0] is events:
            return cast(T, cached[1])
        value = make()
        if len(self._per_list) >= 16:
            del self._per_list[next(iter(self._per_list))]
        self._per_list[found] = (events, value)  # the list kept: its id stays its
        return value

    def _links_from(self, url: str) -> str:
        """Where an axis' links are relative to: pages of one folder share it, and so do
        a tag's (actor's, place's) pages 2, 3… ('tags/war/2/'): the axis links only
        to event, period and era pages, none inside those folders."""
        folder = url.rpartition("/")[0]
        parent, _, last = folder.rpartition("/")
        facet = parent.rpartition("/")[0].rpartition("/")[2]
        if last.isdigit() and facet in FACETS and parent.startswith(self.url(self.src(facet))):
            return parent + "/#"
        return folder

    def axis_summary(self, events: Sequence[Event]) -> str:
        """The axis in one sentence ('120 events from 1947 to 1991.')."""
        if self.memo is None:
            return self._once_per_list(
                events, ("summary",), lambda: axis.summary(events, words=self.ui)
            )
        key = ("summary", self.axis_prints(events))
        return self.memo.item(key, lambda: axis.summary(events, words=self.ui))

    def _axis_svg(self, here: str, from_src: str, events: Sequence[Event], title: str) -> Markup:
        return Markup(
            axis.axis_svg(
                events,
                href=lambda e: relative_url(self.event_url(e), here),
                bucket_href=lambda e: self.section_href(e, from_src),
                dates=self.date_text,
                setting=self.options.axis_lanes,
                title=title,
                calendar=self.tick_calendar,
                eras=self.timeline.eras,
                era_href=lambda era: relative_url(self.url(era_src(self, era)), here),
                words=self.ui,
                mirror=self.direction == "rtl",
            )
        )

    @property
    def tick_calendar(self) -> calendar_ticks.TickCalendar | None:
        """The axis ticks' calendar: the display calendar, None for Gregorian."""
        options = self.options
        return calendar_ticks.for_display(options.display_calendar.calendar, options.locale)

    def axis_range(self, events: Sequence[Event]) -> str:
        """The days an axis opens on: its events' extent ('lo,hi'), for a page of a period."""
        if not events:
            return ""
        lows, highs = zip(*(axis.extent(event) for event in events), strict=True)
        return f"{axis._number(min(lows))},{axis._number(max(highs))}"

    def year_groups(
        self, events: Sequence[Event]
    ) -> list[tuple[Section, list[tuple[int | None, list[Event]]]]]:
        """``year_groups`` in the site's language (for render/embed.py, which pages.py calls)."""
        return year_groups(events, self.ui)

    def context(self, from_src: str, **values: Any) -> dict[str, Any]:
        from_dir = self.url(from_src).rpartition("/")[0]
        return {
            "site": self,
            "options": self.options,
            "href": self.linker(from_src),
            "here": from_src,
            "when": self.when,
            "facet_links": lambda event, facet: self.facet_links(event, facet, from_dir),
            "event_item": lambda event: self.event_item(event, from_dir),
            "compact_item": lambda event: self.compact_item(event, from_dir),
            "summary": self.summary,
            "markdown": render_markdown,
            "month_heading": self.ui.month_heading,
            "digits": self.ui.number,
            "period_label": lambda key: period_label(key, self.ui),
            "event_label": self.event_label,
            "relation_words": lambda words: relation_words(self.ui, words),
            "all_facet": lambda facet: _facet_words(self.ui, facet)[0],
            "no_facet": lambda facet: _facet_words(self.ui, facet)[1],
            "markup_code": lambda text: Markup("<code>{}</code>").format(text),
            "plural": self.ui.count,
            "date_label": self.date_label,
            "facet_title": lambda facet: facet_title(self.ui, facet),
            "root_attributes": self.root_attributes(),
            "i18n_script": self.i18n_script,
            "eras_opening": lambda months: eras_opening(self, months, self.linker(from_src)),
            "axis_svg": lambda events, title: self.axis_svg(from_src, events, title),
            "axis_summary": self.axis_summary,
            **values,
        }


@dataclass(frozen=True)
class Section:
    """A heading of the list: a year, or the decade, century or years an event is known to."""

    key: str  # the heading's id: 'y2025', 'y1930s', 'y1201c', 'y1939-1945'
    label: str  # '2025', '1930s', '13th century', '1939–1945'
    year: int | None  # a plain year's number, for month headings


def section_of(event: Event, ui: Interface = ENGLISH) -> Section:
    """The heading an event is listed under: what its date says, never a year it does not.

    "1930s" goes under "1930s", not 1930; a span from 1939 to 1945 under "1939–1945".
    """
    when = event.when
    first, last = when.lower.year, when.upper.year
    if not when.is_span and when.precision in (Precision.DECADE, Precision.CENTURY):
        suffix = "s" if when.precision is Precision.DECADE else "c"
        return Section(f"y{first}{suffix}", _coarse_label(ui, when.precision, first), None)
    if last > first:
        return Section(f"y{first}-{last}", f"{ui.year(first)}–{ui.year(last)}", None)
    return Section(f"y{first}", ui.year(first), first)


def _coarse_label(ui: Interface, precision: Precision, first: int) -> str:
    """'1990s', '19th century' in English (the date labels' words), else the catalogue's."""
    if ui.language == "en":
        return make_date("", precision, first).display
    if precision is Precision.DECADE:
        if first > 0 and first % 100:
            return ui.decade(first)
        return f"{ui.year(first)}–{ui.year(first + 9)}"
    if first >= 0:
        return ui.century(first // 100 + 1)
    return ui.century((1 - first) // 100, bc=True)


def year_groups(
    events: Sequence[Event], ui: Interface = ENGLISH
) -> list[tuple[Section, list[tuple[int | None, list[Event]]]]]:
    """Consecutive events grouped by section, then by month (None: month not known)."""
    groups: list[tuple[Section, list[tuple[int | None, list[Event]]]]] = []
    for event in events:
        section = section_of(event, ui)
        month = event.when.month if section.year is not None else None
        if not groups or groups[-1][0] != section:
            groups.append((section, []))
        months = groups[-1][1]
        if not months or months[-1][0] != month:
            months.append((month, []))
        months[-1][1].append(event)
    return groups


def event_pages(
    timeline: Timeline,
    options: SiteOptions,
    history: Mapping[str, FileHistory] | None,
    memo: PageMemo,
) -> dict[str, GeneratedPage]:
    """The event pages alone, first pass of a `serve` rebuild (build_pages reuses them).

    An edited event's page and its neighbours' show before the lists and data files
    that also show it are made again (timeline/serve.py).
    """
    site = _Site(timeline, options, history, memo, partial=True)
    return {page.src_uri: page for page in map(partial(_event_page, site), timeline.events)}


def build_pages(
    timeline: Timeline,
    options: SiteOptions,
    history: Mapping[str, FileHistory] | None = None,
    *,
    memo: PageMemo | None = None,
    lazy: bool = False,
) -> SitePages:
    """Every page and data file the timeline adds to the site.

    ``history`` (event path → its git history, see timeline.history) adds "added /
    last changed" to event pages and a page of recent changes (which says so when
    the history is empty: a nav may link it, so it always exists when asked for).
    ``memo`` (under `mkdocs serve`) reuses the previous build's unchanged pages, and
    those event_pages just made. ``lazy`` (without a memo): the event
    pages come without their HTML, made by their ``make()`` when the plugin writes
    each one (GeneratedPage.make).
    """
    site = _Site(timeline, options, history, memo)
    site.lazy = lazy and memo is None
    pages: list[GeneratedPage] = []
    pages.extend(_timeline_pages(site))
    event_page = _lazy_event_page if site.lazy else _event_page
    pages.extend(event_page(site, event) for event in timeline.events)
    for facet in FACETS:
        pages.extend(_facet_pages(site, facet))
    if timeline.eras:
        from timeline.render.eras import era_pages

        pages.extend(era_pages(site))
    pages.append(_years_page(site))
    data: dict[str, str | Callable[[], str]] = {}
    for page, files in _map_page(site):
        pages.append(page)
        data.update(files)
    if site.has_history:
        pages.append(_changes_page(site))
    # The data files show no texts but titles and dates (axis_print): a summary's edit
    # keeps them.
    every = site.axis_prints(timeline.events) if memo is not None else ()
    made: dict[str, Callable[[], str]] = {}
    made[site.src("index.json")] = partial(
        site.reused_item, ("index.json", every), partial(search_index, site)
    )
    if options.axis:
        made[site.src("axis.json")] = partial(
            site.reused_item, ("axis.json", every), partial(axis_index, site)
        )
    if options.embed:
        from timeline.render.embed import EMBED_NAME, embed_page

        made[site.src(EMBED_NAME)] = partial(embed_page, site)
    # A lazy build makes them as it writes them (the helper process, where there is one):
    # at 100,000 events they cost 10 s before the first page.
    for src, make in made.items():
        data[src] = make if site.lazy else make()
    return SitePages(tuple(pages), site, data)


def _timeline_pages(site: _Site) -> Iterator[GeneratedPage]:
    env = site.env
    title = site.options.title
    index_src = site.src("index.md")
    if site.split == "none":
        yield _list_page(site, index_src, title, site.timeline.events, complete=True, in_nav=True)
        return
    periods = site.periods
    html = env.get_template("overview.html").render(
        site.context(
            index_src, title=title, periods=periods, listing=period_listing(periods, site.ui)
        )
    )
    yield GeneratedPage(index_src, title, html, in_nav=True, searchable=False)
    keys = list(periods)
    for position, key in enumerate(keys):
        earlier = keys[position - 1] if position > 0 else None
        later = keys[position + 1] if position + 1 < len(keys) else None
        yield _list_page(
            site,
            site.period_src(key),
            f"{title}: {period_label(key, site.ui)}",
            periods[key],
            complete=False,
            pager=(earlier, later),
        )


LISTED_PERIODS = 600


def period_listing(
    periods: Mapping[str, Sequence[Event]], ui: Interface = ENGLISH
) -> list[tuple[str, str, int]]:
    """(label, first period's key, events) for the overview: the periods, or their decades.

    15,000 month pages (100,000 events) listed one by one made the overview a 1.4 MB
    page that took seconds to lay out; past LISTED_PERIODS each decade is one entry
    that links to its first period, whose pager leads on through the rest.
    """
    if len(periods) <= LISTED_PERIODS:
        return [(period_label(key, ui), key, len(events)) for key, events in periods.items()]
    decades: dict[int, list[Any]] = {}
    for key, events in periods.items():
        decade = events[0].year - events[0].year % 10
        entry = decades.setdefault(decade, [key, 0])
        entry[1] += len(events)
    return [(decade_label(decade, ui), first, count) for decade, (first, count) in decades.items()]


def decade_label(decade: int, ui: Interface = ENGLISH) -> str:
    """'1990s'; before AD 10 the ten years it covers ('51 BC–42 BC'): BC has no 's'."""
    if ui.language == "en":
        if decade > 0:
            return f"{year_label(decade)}s"
        return f"{year_label(decade)}–{year_label(decade + 9)}"
    if decade > 0:
        return ui.decade(decade)
    return f"{ui.year(decade)}–{ui.year(decade + 9)}"


def period_label(key: str, ui: Interface = ENGLISH) -> str:
    """A split page's key as readers write it: '2025', '1990s', '2025-04' (digits localised)."""
    if ui.language == "en":
        return key
    if key.endswith("s"):
        return ui.decade(int(key[:-1]))
    match = re.fullmatch(r"(-?\d+)(?:-(\d\d))?", key)
    if match is None:
        return key
    year = ui.year(int(match[1]))
    return ui.month_heading(int(match[2]), year) if match[2] else year


def _list_page(
    site: _Site,
    src: str,
    title: str,
    events: Sequence[Event],
    *,
    complete: bool,
    in_nav: bool = False,
    pager: tuple[str | None, str | None] = (None, None),
) -> GeneratedPage:
    make = partial(_make_list_page, site, src, title, events, complete, in_nav, pager)
    if site.lazy:
        return GeneratedPage(src, title, "", in_nav=in_nav, searchable=False, make=make)
    return site.reused(("list", src, title, site.prints(events), complete, in_nav, pager), make)


def _make_list_page(
    site: _Site,
    src: str,
    title: str,
    events: Sequence[Event],
    complete: bool,
    in_nav: bool,
    pager: tuple[str | None, str | None],
) -> GeneratedPage:
    groups = year_groups(events, site.ui)
    html = site.env.get_template("timeline.html").render(
        site.context(
            src,
            title=title,
            groups=groups,
            complete=complete,
            pager=pager,
            count=len(events),
            events=events,
        )
    )
    toc = tuple(TocEntry(2, section.key, section.label) for section, _months in groups)
    head = site.item_list_head(src, title, events)
    return GeneratedPage(src, title, html, in_nav=in_nav, toc=toc, searchable=False, head=head)


def _event_page(site: _Site, event: Event) -> GeneratedPage:
    earlier, later = site.timeline.neighbours(event)
    # Each link in words, both ways ("Led to: …" here, "Followed from: …" there).
    relations = grouped(
        relations_of(event, site.timeline.by_id, site.timeline.backlinks.get(event.id, ()))
    )
    if site.memo is None:
        return _make_event_page(site, event, earlier, later, relations)
    related = tuple((words, site.prints(others)) for words, others in relations)
    key = (
        "event", *site.prints((event,)), site.prints(e for e in (earlier, later) if e),
        earlier is None, related, site.history.get(event.path),
    )  # fmt: skip
    return site.reused(key, lambda: _make_event_page(site, event, earlier, later, relations))


def _make_event_page(
    site: _Site, event: Event, earlier: Event | None, later: Event | None, relations: Any
) -> GeneratedPage:
    src = site.event_src(event)
    html = site.env.get_template("event.html").render(
        site.context(
            src,
            event=event,
            relations=relations,
            earlier=earlier,
            later=later,
            edit_url=site.edit_url(event),
            history=site.history.get(event.path),
            history_url=site.history_url(event),
            page_url=site.absolute_url(src),
        )
    )
    head = site.event_head(event)
    description = site.description(event)
    return GeneratedPage(
        src, event.title, html, edit_url=site.edit_url(event), head=head, description=description
    )


def _lazy_event_page(site: _Site, event: Event) -> GeneratedPage:
    """The event's page without its HTML, head and description: ``make()`` makes them,
    as _event_page."""
    return GeneratedPage(
        site.event_src(event),
        event.title,
        "",
        edit_url=site.edit_url(event),
        make=partial(_event_page, site, event),
    )


def _facet_pages(site: _Site, facet: str) -> Iterator[GeneratedPage]:
    env = site.env
    index: Mapping[str, tuple[Event, ...]] = getattr(site.timeline, f"by_{facet[:-1]}")
    names = sorted(index, key=lambda name: (name.casefold(), name))
    index_src = site.src(facet, "index.md")
    title = facet_title(site.ui, facet)
    html = env.get_template("facets.html").render(
        site.context(index_src, title=title, facet=facet, names=names, index=index)
    )
    yield GeneratedPage(index_src, title, html, in_nav=True, searchable=False)
    size = site.options.split_threshold * 2
    for name in names:
        events = index[name]
        # Long lists are paged like the timeline, so no page grows without bound.
        chunks = [events[start : start + size] for start in range(0, len(events), size)]
        sources = [site.facet_src(facet, name, number) for number in range(1, len(chunks) + 1)]
        every = site.axis_prints(events) if site.memo is not None else ()
        for number, chunk in enumerate(chunks, 1):
            src = sources[number - 1]
            page_title = facet_page_title(site.ui, facet, name)
            if number > 1:
                page_title += site.ui.gettext(" (page %(number)s)") % {
                    "number": site.ui.number(number)
                }
            make = partial(
                _make_facet_page, site, facet, name, src, page_title, chunk, events, number, sources
            )
            if site.lazy:
                yield GeneratedPage(src, page_title, "", searchable=False, make=make)
                continue
            # A page lists its chunk; its axis and count show all of them (axis_print).
            key = ("facet", src, page_title, site.prints(chunk), every, number, tuple(sources))
            yield site.reused(key, make)


def _make_facet_page(
    site: _Site,
    facet: str,
    name: str,
    src: str,
    page_title: str,
    chunk: Sequence[Event],
    events: Sequence[Event],
    number: int,
    sources: list[str],
) -> GeneratedPage:
    html = site.env.get_template("facet.html").render(
        site.context(
            src,
            title=page_title,
            facet=facet,
            name=name,
            groups=year_groups(chunk, site.ui),
            count=len(events),
            events=events,
            number=number,
            sources=sources,
            place_map=(place_map(site.timeline, name, site.ui) if facet == "places" else None),
        )
    )
    return GeneratedPage(src, page_title, html, searchable=False)


def place_map(timeline: Timeline, name: str, ui: Interface = ENGLISH) -> Markup | None:
    """A gazetteer place's static map (build-time SVG), or None for a bare name."""
    place = timeline.place_by_name.get(name.casefold())
    if place is None or not place.geometry:
        return None
    from timeline.render.maps import describe
    from timeline.render.maps import place_map as draw

    words = None if ui.language == "en" else ui
    return draw(place.geometry, describe(place.geometry, place.name, words))


def _map_page(site: _Site) -> Iterator[tuple[GeneratedPage, dict[str, str]]]:
    """The map page and its data files, when the gazetteer has places with coordinates."""
    from timeline.render import maps

    places = maps.map_places(site.timeline)
    if not places:
        return
    src, data_src = site.src("map.md"), site.src("map.json")

    def href(item: maps.MapPlace, start: str) -> str:
        return relative_url(site.url(site.facet_src("places", item.name)), site.url(start))

    shown = sorted({i for item in places for i in item.events})
    events = [site.timeline.events[i] for i in shown]
    _ = site.ui.gettext
    title = _("Map")
    world_map = maps.world_map(
        places, lambda p: href(p, src), _("Map of the places"), words=site.ui
    )
    html = site.env.get_template("map.html").render(
        site.context(src, title=title, places=places, events=events, world_map=world_map)
    )
    document = maps.map_data(
        site.timeline, places, lambda p: href(p, data_src), site.options.map_tiles
    )
    files = {
        data_src: json.dumps(document, ensure_ascii=False, separators=(",", ":")),
        site.src("assets", "land-110m.json"): maps.BASEMAP.read_text(encoding="utf-8"),
    }
    for name in ("d3-array.min.js", "d3-geo.min.js", "topojson-client.min.js", "map.js"):
        files[site.src("assets", name)] = (ASSETS / name).read_text(encoding="utf-8")
    yield GeneratedPage(src, title, html, in_nav=True, searchable=False), files


def _years_page(site: _Site) -> GeneratedPage:
    src = site.src("years", "index.md")
    title = site.ui.gettext("Years")
    html = site.env.get_template("years.html").render(
        site.context(src, title=title, sections=site.sections)
    )
    return GeneratedPage(src, title, html, in_nav=True, searchable=False)


CHANGES_SHOWN = 50


def _changes_page(site: _Site) -> GeneratedPage:
    """The events changed most recently in git, newest first."""
    src = site.src("changes", "index.md")
    title = site.ui.gettext("Recently changed")
    changes = recent_changes(dict(site.history), site.timeline.events, CHANGES_SHOWN)
    html = site.env.get_template("changes.html").render(
        site.context(src, title=title, changes=changes, by_commit=by_commit)
    )
    return GeneratedPage(src, title, html, in_nav=True, searchable=False)


def axis_index(site: _Site) -> str:
    """The axis data file (axis.json): compact columns, loaded by the page after it shows."""
    eras = site.timeline.eras
    document = axis.axis_data(site.timeline.events, site.options.axis_lanes, site.date_text, eras)
    if site.tick_calendar is not None:
        document["cal"] = calendar_ticks.axis_entry(site.tick_calendar)
    base = site.url(site.src("axis.json"))
    marker = "__timeline_id__"
    document["href"] = relative_url(site.url(site.src(f"{marker}.md")), base).replace(
        marker, "{id}"
    )
    if eras:
        document["eraHref"] = relative_url(
            site.url(site.src("eras", f"{marker}.md")), base
        ).replace(marker, "{id}")
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def search_index(site: _Site) -> str:
    """The JSON the filters load on split timelines: columns, one entry per event in each.

    Strings are written once: tags and actors as tables referred to by number, the
    event's address as a pattern around its id (as axis.json does), a span's last
    year and day as an offset from its first. At 10,000 events that is a third of
    one object per event with its keys repeated. Decoded by timeline.js (jsonItems).
    """
    base = site.url(site.src("index.json"))
    marker = "__timeline_id__"
    href = relative_url(site.url(site.src(f"{marker}.md")), base).replace(marker, "{id}")
    events = site.timeline.events
    tables: dict[str, dict[str, int]] = {"tags": {}, "actors": {}}
    names = ("id", "title", "date", "datetime", "year", "years", "day", "days")
    columns: dict[str, list[Any]] = {name: [] for name in names}
    numbers: dict[str, list[list[int]]] = {"tags": [], "actors": []}

    def row(event: Event) -> tuple[Any, ...]:
        parts = date_parts(event, site.options.locale, site.options.display_calendar)
        low, high = (axis._number(value) for value in axis.extent(event))
        return (
            event.id,
            event.title,
            " – ".join(p.label for p in parts),
            parts[0].datetime,
            event.year,
            upper_year(event) - event.year,
            low,
            axis._number(high - low),
        )

    memo = site.memo
    for event in events:
        values = (
            memo.item(("row", *site.prints((event,))), partial(row, event)) if memo else row(event)
        )
        for name, value in zip(names, values, strict=True):
            columns[name].append(value)
        for facet, table in tables.items():
            facet_names: tuple[str, ...] = getattr(event, facet)
            numbers[facet].append([table.setdefault(name, len(table)) for name in facet_names])
    document: dict[str, Any] = {"version": 2, "href": href, **columns}
    for facet, table in tables.items():
        document[facet] = {"names": list(table), "of": numbers[facet]}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def asset_files() -> dict[str, bytes]:
    """The CSS and JS shipped with the package, by file name."""
    return {name: (ASSETS / name).read_bytes() for name in ASSET_NAMES}
