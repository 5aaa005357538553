"""Page builders: a checked Timeline in, the site's generated pages (as HTML) out.

Pure functions of their arguments, so two builds of the same events give the same
bytes, and the MkDocs plugin stays a thin adapter. Every page is rendered here; the
theme only wraps it. Links are relative, computed from each page's own URL the way
MkDocs computes them, so the site works from any base path and from file://.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from timeline.dates import EventDate, parse_date
from timeline.dates.model import Precision, make_date
from timeline.history import FileHistory, by_commit, recent_changes
from timeline.model import Event, Timeline
from timeline.relations import grouped, relations_of
from timeline.render import axis
from timeline.render.axis import LaneSetting
from timeline.render.eras import eras_opening
from timeline.render.text import render_markdown

T = TypeVar("T")
TEMPLATES = Path(__file__).parent / "templates"
ASSETS = Path(__file__).parent / "assets"
ASSET_NAMES = ("timeline.css", "timeline.js", "axis.js")
# Names of generated pages under pages_dir; an event id must not take one.
FACETS = ("tags", "actors", "places")
FACET_TITLES = {"tags": "Tags", "actors": "Actors", "places": "Places"}
FACET_SINGULAR = {"tags": "Tag", "actors": "Actor", "places": "Place"}
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class SiteOptions:
    """What the plugin tells the page builders about the site."""

    pages_dir: str = "timeline"
    title: str = "Timeline"
    split: str = "auto"
    split_threshold: int = 500
    use_directory_urls: bool = True
    locale: str = "en"
    edit_url: str | None = None  # base URL that an event's path (events/...) is appended to
    exports: bool = True
    downloads: tuple[tuple[str, str], ...] = ()  # (label, file name in pages_dir) of exports
    axis: bool = True  # the time axis above lists (and its data file)
    axis_lanes: LaneSetting = "none"
    site_url: str | None = None  # for absolute links in <head> tags and "cite this event"
    site_name: str | None = None


@dataclass(frozen=True)
class TocEntry:
    """A heading for the theme's table of contents."""

    level: int
    id: str
    title: str


@dataclass(frozen=True)
class GeneratedPage:
    """One page of the site: where it goes, its title, and its finished HTML."""

    src_uri: str
    title: str
    html: str
    in_nav: bool = False
    toc: tuple[TocEntry, ...] = ()
    edit_url: str | None = None
    # Lists of events repeat the event pages' text: search indexes the event pages only.
    searchable: bool = True
    head: str = ""  # tags for the page's <head> (JSON-LD, cards): see render/meta.py
    description: str = ""  # plain text for <meta name="description">


@dataclass(frozen=True)
class SitePages:
    """Everything the timeline adds to a site: pages and data files."""

    pages: tuple[GeneratedPage, ...]
    data: Mapping[str, str] = field(default_factory=dict)  # src_uri -> text (JSON)


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

    def start(self, shared: Hashable) -> None:
        same = shared == self.shared
        self.previous = self.current if same else {}
        self.items = self.new_items if same else {}
        self.current, self.new_items, self.shared, self.made = {}, {}, shared, 0

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


# -- URLs -----------------------------------------------------------------------


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives a Markdown page at ``src_uri`` (relative to the site root)."""
    parent, name = posixpath.split(src_uri)
    stem = name.rsplit(".", 1)[0]
    if stem == "index":
        return f"{parent}/" if use_directory_urls else posixpath.join(parent, "index.html")
    if use_directory_urls:
        return posixpath.join(parent, stem) + "/"
    return posixpath.join(parent, stem + ".html")


def relative_url(to_url: str, from_url: str) -> str:
    """``to_url`` as a link from the page at ``from_url`` (both relative to the site root)."""
    return _relative(to_url, from_url.rpartition("/")[0])


@lru_cache(maxsize=65536)
def _relative(to_url: str, from_dir: str) -> str:
    # posixpath.relpath touches the file system (abspath); these are pure URL paths.
    here = [part for part in from_dir.split("/") if part]
    there = [part for part in to_url.split("/") if part]
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(here) - common) + there[common:]
    rel = "/".join(parts)
    if to_url.endswith("/"):
        rel = rel + "/" if rel else "./"
    elif not rel:
        rel = "./"
    return quote(rel, safe="/#?=&.-_~%")


# File systems limit a name to 255 bytes (143 on eCryptfs), not characters: 100
# CJK characters are 300 bytes. A slug stays under this, leaving room for "-2" and
# ".html" and for the staging folder's names.
SLUG_BYTES = 100


def slugify(text: str) -> str:
    """A URL-safe name for a tag, actor or place; keeps letters of any script.

    A name longer than SLUG_BYTES in UTF-8 is cut on a character boundary and ends
    in a short hash of the whole, so two long names sharing a beginning stay apart.
    """
    normal = unicodedata.normalize("NFKC", text).casefold()
    slug = re.sub(r"[^\w]+", "-", normal).strip("-_") or "x"
    encoded = slug.encode("utf-8")
    if len(encoded) <= SLUG_BYTES:
        return slug
    digest = hashlib.sha256(encoded).hexdigest()[:8]
    # errors="ignore" drops only the character the cut went through.
    head = encoded[: SLUG_BYTES - len(digest) - 1].decode("utf-8", errors="ignore")
    return f"{head.rstrip('-_')}-{digest}"


def unique_slugs(names: Iterable[str], reserved: Iterable[str] = ()) -> dict[str, str]:
    """A distinct slug per name; clashes ("C++" and "C") get -2, -3 in name order."""
    taken = set(reserved)
    slugs: dict[str, str] = {}
    for name in sorted(names):
        base = slug = slugify(name)
        number = 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        slugs[name] = slug
    return slugs


# -- dates ------------------------------------------------------------------------


@dataclass(frozen=True)
class DatePart:
    """One piece of a date label: text, and the machine value when HTML can express it."""

    label: str
    datetime: str | None


def date_parts(event: Event, locale: str) -> tuple[DatePart, ...]:
    """The event's date for <time> elements: one part, or start and end for spans."""
    if event.display_date:
        return (DatePart(event.display_date, event.date.datetime_attr),)
    if event.end is not None:
        return (_part(event.date, locale), _part(event.end, locale))
    when = event.when
    if when.start is not None and when.end is not None and when.datetime_attr:
        # A span written as one text ("21–22 April 2025"): HTML has no range in
        # one <time>, so each end gets its own, as with an `end` field.
        return (_part(when.start, locale), _part(when.end, locale))
    return (_part(when, locale),)


def _part(date: EventDate, locale: str) -> DatePart:
    return DatePart(date.label(locale), date.datetime_attr)


def when_html(event: Event, locale: str) -> Markup:
    """The date label in <time datetime> at its true precision, and its qualifiers in words."""
    pieces = []
    for part in date_parts(event, locale):
        label = escape(part.label)
        if part.datetime:
            pieces.append(f'<time datetime="{escape(part.datetime)}">{label}</time>')
        else:
            pieces.append(f"<span>{label}</span>")
    html = f'<span class="tl-when">{" – ".join(pieces)}</span>'
    for word in qualifiers(event.when):
        html += f' <span class="tl-qualifier tl-{word}" title="The date is {word}">{word}</span>'
    return Markup(html)


def year_label(year: int) -> str:
    """A year as readers write it: astronomical year -43 is 44 BC."""
    return str(year) if year > 0 else f"{1 - year} BC"


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


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        auto_reload=False,  # templates ship with the package; no stat() per include
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["tojson_attr"] = lambda value: json.dumps(value, ensure_ascii=False)
    return env


_ENV: jinja2.Environment | None = None


def environment() -> jinja2.Environment:
    """The template environment, compiled once per process."""
    global _ENV
    if _ENV is None:
        _ENV = _environment()
    return _ENV


# -- the site ------------------------------------------------------------------------


class _Site:
    """Shared lookups for one build: URLs, slugs, and each event's rendered text."""

    def __init__(
        self,
        timeline: Timeline,
        options: SiteOptions,
        history: Mapping[str, FileHistory] | None = None,
    ) -> None:
        self.timeline = timeline
        self.options = options
        self.history = history or {}
        self.has_history = history is not None
        self.root = options.pages_dir.strip("/")
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
        self.memo: PageMemo | None = None
        self._prints: dict[int, int] = {}

    def reused(self, key: tuple[Any, ...], make: Callable[[], GeneratedPage]) -> GeneratedPage:
        """``make()``, or the same page from the previous build when ``key`` is unchanged."""
        if self.memo is None:
            return make()
        return self.memo.page(key, make)

    def prints(self, events: Iterable[Event]) -> tuple[int, ...]:
        """Events by value, hashed once per build (hashing an event walks all its fields)."""
        found = self._prints
        return tuple(found.get(id(e)) or found.setdefault(id(e), hash(e)) for e in events)

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
        if not src_uri.endswith(".md"):
            return src_uri  # a data file or an image: its URL is its path
        return page_url(src_uri, self.options.use_directory_urls)

    def event_src(self, event: Event) -> str:
        return self.src(f"{event.id}.md")

    def facet_src(self, facet: str, name: str, number: int = 1) -> str:
        slug = self.slugs[facet][name]
        return self.src(facet, f"{slug}.md" if number == 1 else f"{slug}/{number}.md")

    def period_src(self, key: str) -> str:
        return self.src("index.md") if self.split == "none" else self.src("years", f"{key}.md")

    def when(self, event: Event) -> Markup:
        """The date as <time> elements with its qualifiers; the same on every page."""
        cached = self._when.get(event.id)
        if cached is None:
            cached = self._when[event.id] = when_html(event, self.options.locale)
        return cached

    def facet_links(self, event: Event, facet: str, from_dir: str) -> str:
        """An event's tags (actors, places) as a list of links from pages in ``from_dir``."""
        names: tuple[str, ...] = getattr(event, facet)
        if not names:
            return ""
        urls = self._facet_urls[facet]
        items = "".join(
            f'<li><a href="{_relative(urls[name], from_dir)}">{escape(name)}</a></li>'
            for name in names
        )
        label = FACET_TITLES[facet]
        return f'<ul class="tl-facet tl-{facet}" aria-label="{label}">{items}</ul>'

    def event_item(self, event: Event, from_dir: str) -> Markup:
        """An event in a timeline list: date, linked title, summary, tags and actors."""
        if self.memo is not None:
            key = ("item", *self.prints((event,)), from_dir)
            return self.memo.item(key, lambda: self._event_item(event, from_dir))
        return self._event_item(event, from_dir)

    def _event_item(self, event: Event, from_dir: str) -> Markup:
        summary = self.summary(event)
        attributes = (
            f'data-tags="{escape(json.dumps(event.tags, ensure_ascii=False))}" '
            f'data-actors="{escape(json.dumps(event.actors, ensure_ascii=False))}" '
            f'data-years="[{event.year},{upper_year(event)}]" '
            f'data-days="[{",".join(str(axis._number(v)) for v in axis.extent(event))}]"'
        )
        return Markup(
            f'<li>\n<article class="tl-event" id="{event.id}" {attributes}>\n'
            f'<p class="tl-date">{self.when(event)}</p>\n'
            f'<h4 class="tl-title"><a href="{_relative(self.event_url(event), from_dir)}">'
            f"{escape(event.title)}</a></h4>\n"
            + (f'<div class="tl-summary">{summary}</div>\n' if summary else "")
            + self.facet_links(event, "tags", from_dir)
            + self.facet_links(event, "actors", from_dir)
            + "\n</article>\n</li>"
        )

    def compact_item(self, event: Event, from_dir: str) -> Markup:
        """An event as one line: date and linked title."""
        if self.memo is not None:
            key = ("compact", *self.prints((event,)), from_dir)
            return self.memo.item(key, lambda: self._compact_item(event, from_dir))
        return self._compact_item(event, from_dir)

    def _compact_item(self, event: Event, from_dir: str) -> Markup:
        return Markup(
            f'<li><span class="tl-date">{self.when(event)}</span> '
            f'<a href="{_relative(self.event_url(event), from_dir)}">{escape(event.title)}</a></li>'
        )

    def summary(self, event: Event) -> Markup:
        cached = self._summaries.get(event.id)
        if cached is None:
            cached = self._summaries[event.id] = render_markdown(event.summary)
        return cached

    def absolute_url(self, src_uri: str) -> str | None:
        """The page's address on the published site, when site_url is known."""
        base = self.options.site_url
        return base.rstrip("/") + "/" + self.url(src_uri) if base else None

    def event_head(self, event: Event) -> str:
        from timeline.render.meta import event_head

        return event_head(
            event,
            url=self.absolute_url(self.event_src(event)),
            site_url=self.options.site_url,
            site_name=self.options.site_name,
            summary_html=self.summary(event),
        )

    def description(self, event: Event) -> str:
        from timeline.render.meta import plain_text

        return plain_text(event.summary, html=self.summary(event)) if event.summary else ""

    def item_list_head(self, src: str, title: str, events: Sequence[Event]) -> str:
        from timeline.render.meta import item_list_head

        href = self.linker(src)
        urls = [self.absolute_url(self.event_src(e)) or href(self.event_src(e)) for e in events]
        return item_list_head(title, events, urls, descending=self.timeline.descending)

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
        return parse_date(moment.date().isoformat()).label(self.options.locale)

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
            section = section_of(event)
            entry = found.setdefault(section, [event, 0])
            entry[1] += 1
        return [(section, first, count) for section, (first, count) in found.items()]

    def date_text(self, event: Event) -> str:
        """The date label as plain text ('21–22 April 2025')."""
        return " – ".join(part.label for part in date_parts(event, self.options.locale))

    def section_href(self, event: Event, from_src: str) -> str:
        """A link to the list heading an event is under, from the page at ``from_src``."""
        target = self.period_src(self.period_of(event))
        return relative_url(self.url(target), self.url(from_src)) + "#" + section_of(event).key

    def axis_svg(self, from_src: str, events: Sequence[Event], title: str) -> Markup:
        """The build-time axis of ``events``: what shows without JavaScript and in print."""
        here = self.url(from_src)
        return Markup(
            axis.axis_svg(
                events,
                href=lambda e: relative_url(self.event_url(e), here),
                bucket_href=lambda e: self.section_href(e, from_src),
                dates=self.date_text,
                setting=self.options.axis_lanes,
                title=title,
            )
        )

    def axis_range(self, events: Sequence[Event]) -> str:
        """The days an axis opens on: its events' extent ('lo,hi'), for a page of a period."""
        if not events:
            return ""
        lows, highs = zip(*(axis.extent(event) for event in events), strict=True)
        return f"{axis._number(min(lows))},{axis._number(max(highs))}"

    def context(self, from_src: str, **values: Any) -> dict[str, Any]:
        from_dir = self.url(from_src).rpartition("/")[0]
        return {
            "site": self,
            "options": self.options,
            "href": self.linker(from_src),
            "here": from_src,
            "when": self.when,
            "facet_links": lambda event, facet: Markup(self.facet_links(event, facet, from_dir)),
            "event_item": lambda event: self.event_item(event, from_dir),
            "compact_item": lambda event: self.compact_item(event, from_dir),
            "summary": self.summary,
            "markdown": render_markdown,
            "month_name": lambda m: MONTH_NAMES[m - 1],
            "year_label": year_label,
            "eras_opening": lambda months: eras_opening(self, months, self.linker(from_src)),
            "axis_svg": lambda events, title: self.axis_svg(from_src, events, title),
            "axis_summary": axis.summary,
            **values,
        }


@dataclass(frozen=True)
class Section:
    """A heading of the list: a year, or the decade, century or years an event is known to."""

    key: str  # the heading's id: 'y2025', 'y1930s', 'y1201c', 'y1939-1945'
    label: str  # '2025', '1930s', '13th century', '1939–1945'
    year: int | None  # a plain year's number, for month headings


def section_of(event: Event) -> Section:
    """The heading an event is listed under: what its date says, never a year it does not.

    "1930s" goes under "1930s", not 1930; a span from 1939 to 1945 under "1939–1945".
    """
    when = event.when
    first, last = when.lower.year, when.upper.year
    if not when.is_span and when.precision in (Precision.DECADE, Precision.CENTURY):
        suffix = "s" if when.precision is Precision.DECADE else "c"
        return Section(f"y{first}{suffix}", make_date("", when.precision, first).display, None)
    if last > first:
        return Section(f"y{first}-{last}", f"{year_label(first)}–{year_label(last)}", None)
    return Section(f"y{first}", year_label(first), first)


def year_groups(
    events: Sequence[Event],
) -> list[tuple[Section, list[tuple[int | None, list[Event]]]]]:
    """Consecutive events grouped by section, then by month (None: month not known)."""
    groups: list[tuple[Section, list[tuple[int | None, list[Event]]]]] = []
    for event in events:
        section = section_of(event)
        month = event.when.month if section.year is not None else None
        if not groups or groups[-1][0] != section:
            groups.append((section, []))
        months = groups[-1][1]
        if not months or months[-1][0] != month:
            months.append((month, []))
        months[-1][1].append(event)
    return groups


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def build_pages(
    timeline: Timeline,
    options: SiteOptions,
    history: Mapping[str, FileHistory] | None = None,
    *,
    memo: PageMemo | None = None,
) -> SitePages:
    """Every page and data file the timeline adds to the site.

    ``history`` (event path → its git history, see timeline.history) adds "added /
    last changed" to event pages and a page of recent changes (which says so when
    the history is empty: a nav may link it, so it always exists when asked for).
    ``memo`` (under `mkdocs serve`) reuses the previous build's unchanged pages.
    """
    site = _Site(timeline, options, history)
    if memo is not None:
        memo.start(site.shared_key)
        site.memo = memo
    pages: list[GeneratedPage] = []
    pages.extend(_timeline_pages(site))
    pages.extend(_event_page(site, event) for event in timeline.events)
    for facet in FACETS:
        pages.extend(_facet_pages(site, facet))
    if timeline.eras:
        from timeline.render.eras import era_pages

        pages.extend(era_pages(site))
    pages.append(_years_page(site))
    if site.has_history:
        pages.append(_changes_page(site))
    data = {site.src("index.json"): search_index(site)}
    if options.axis:
        data[site.src("axis.json")] = axis_index(site)
    return SitePages(tuple(pages), data)


def _timeline_pages(site: _Site) -> Iterator[GeneratedPage]:
    env = environment()
    title = site.options.title
    index_src = site.src("index.md")
    if site.split == "none":
        yield _list_page(site, index_src, title, site.timeline.events, complete=True, in_nav=True)
        return
    periods = site.periods
    html = env.get_template("overview.html").render(
        site.context(
            index_src, title=title, periods=periods, listing=period_listing(periods), plural=_plural
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
            f"{title}: {key}",
            periods[key],
            complete=False,
            pager=(earlier, later),
        )


LISTED_PERIODS = 600


def period_listing(periods: Mapping[str, Sequence[Event]]) -> list[tuple[str, str, int]]:
    """(label, first period's key, events) for the overview: the periods, or their decades.

    15,000 month pages (100,000 events) listed one by one made the overview a 1.4 MB
    page that took seconds to lay out; past LISTED_PERIODS each decade is one entry
    that links to its first period, whose pager leads on through the rest.
    """
    if len(periods) <= LISTED_PERIODS:
        return [(key, key, len(events)) for key, events in periods.items()]
    decades: dict[int, list[Any]] = {}
    for key, events in periods.items():
        decade = events[0].year - events[0].year % 10
        entry = decades.setdefault(decade, [key, 0])
        entry[1] += len(events)
    return [(decade_label(decade), first, count) for decade, (first, count) in decades.items()]


def decade_label(decade: int) -> str:
    """'1990s'; before AD 10 the ten years it covers ('51 BC–42 BC'): BC has no 's'."""
    if decade > 0:
        return f"{year_label(decade)}s"
    return f"{year_label(decade)}–{year_label(decade + 9)}"


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
    return site.reused(
        ("list", src, title, site.prints(events), complete, in_nav, pager),
        lambda: _make_list_page(site, src, title, events, complete, in_nav, pager),
    )


def _make_list_page(
    site: _Site,
    src: str,
    title: str,
    events: Sequence[Event],
    complete: bool,
    in_nav: bool,
    pager: tuple[str | None, str | None],
) -> GeneratedPage:
    groups = year_groups(events)
    html = (
        environment()
        .get_template("timeline.html")
        .render(
            site.context(
                src,
                title=title,
                groups=groups,
                complete=complete,
                pager=pager,
                plural=_plural,
                count=len(events),
                events=events,
            )
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
    html = (
        environment()
        .get_template("event.html")
        .render(
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
    )
    head = site.event_head(event)
    description = site.description(event)
    return GeneratedPage(
        src, event.title, html, edit_url=site.edit_url(event), head=head, description=description
    )


def _facet_pages(site: _Site, facet: str) -> Iterator[GeneratedPage]:
    env = environment()
    index: Mapping[str, tuple[Event, ...]] = getattr(site.timeline, f"by_{facet[:-1]}")
    names = sorted(index, key=lambda name: (name.casefold(), name))
    index_src = site.src(facet, "index.md")
    title = FACET_TITLES[facet]
    html = env.get_template("facets.html").render(
        site.context(index_src, title=title, facet=facet, names=names, index=index, plural=_plural)
    )
    yield GeneratedPage(index_src, title, html, in_nav=True, searchable=False)
    size = site.options.split_threshold * 2
    for name in names:
        events = index[name]
        # Long lists are paged like the timeline, so no page grows without bound.
        chunks = [events[start : start + size] for start in range(0, len(events), size)]
        sources = [site.facet_src(facet, name, number) for number in range(1, len(chunks) + 1)]
        for number, chunk in enumerate(chunks, 1):
            src = sources[number - 1]
            page_title = f"{FACET_SINGULAR[facet]}: {name}"
            if number > 1:
                page_title += f" (page {number})"
            # The chunk is a slice of ``events`` at a fixed size: the whole list is the key.
            key = ("facet", src, page_title, site.prints(events), number, tuple(sources))
            make = partial(
                _make_facet_page, site, facet, name, src, page_title, chunk, events, number, sources
            )
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
    html = (
        environment()
        .get_template("facet.html")
        .render(
            site.context(
                src,
                title=page_title,
                facet=facet,
                name=name,
                groups=year_groups(chunk),
                count=len(events),
                events=events,
                plural=_plural,
                number=number,
                sources=sources,
                place_map=place_map(site.timeline, name) if facet == "places" else None,
            )
        )
    )
    return GeneratedPage(src, page_title, html, searchable=False)


def place_map(timeline: Timeline, name: str) -> Markup | None:
    """A gazetteer place's static map (build-time SVG), or None for a bare name."""
    place = timeline.place_by_name.get(name.casefold())
    if place is None or not place.geometry:
        return None
    from timeline.render.maps import describe
    from timeline.render.maps import place_map as draw

    return draw(place.geometry, describe(place.geometry, place.name))


def _years_page(site: _Site) -> GeneratedPage:
    src = site.src("years", "index.md")
    html = (
        environment()
        .get_template("years.html")
        .render(site.context(src, title="Years", sections=site.sections, plural=_plural))
    )
    return GeneratedPage(src, "Years", html, in_nav=True, searchable=False)


CHANGES_SHOWN = 50


def _changes_page(site: _Site) -> GeneratedPage:
    """The events changed most recently in git, newest first."""
    src = site.src("changes", "index.md")
    changes = recent_changes(dict(site.history), site.timeline.events, CHANGES_SHOWN)
    html = (
        environment()
        .get_template("changes.html")
        .render(site.context(src, title="Recently changed", changes=changes, by_commit=by_commit))
    )
    return GeneratedPage(src, "Recently changed", html, in_nav=True, searchable=False)


def axis_index(site: _Site) -> str:
    """The axis data file (axis.json): compact columns, loaded by the page after it shows."""
    document = axis.axis_data(site.timeline.events, site.options.axis_lanes, site.date_text)
    base = site.url(site.src("axis.json"))
    marker = "__timeline_id__"
    document["href"] = relative_url(site.url(site.src(f"{marker}.md")), base).replace(
        marker, "{id}"
    )
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def search_index(site: _Site) -> str:
    """The compact JSON the filters load on split timelines: one row per event."""
    base = site.url(site.src("index.json"))

    def href(target: str) -> str:
        return relative_url(site.url(target), base)

    def row(event: Event) -> str:
        parts = date_parts(event, site.options.locale)
        fields = {
            "id": event.id,
            "title": event.title,
            "date": " – ".join(p.label for p in parts),
            "datetime": parts[0].datetime,
            "years": [event.year, upper_year(event)],
            "days": [axis._number(v) for v in axis.extent(event)],
            "tags": list(event.tags),
            "actors": list(event.actors),
            "url": href(site.event_src(event)),
        }
        return json.dumps(fields, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    memo = site.memo
    rows = (
        [memo.item(("row", *site.prints((e,))), partial(row, e)) for e in site.timeline.events]
        if memo is not None
        else [row(event) for event in site.timeline.events]
    )
    # What json.dumps(sort_keys=True) writes for {"version": 1, "events": rows}.
    return '{"events":[' + ",".join(rows) + '],"version":1}'


def asset_files() -> dict[str, bytes]:
    """The CSS and JS shipped with the package, by file name."""
    return {name: (ASSETS / name).read_bytes() for name in ASSET_NAMES}
