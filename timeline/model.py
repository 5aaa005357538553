"""The typed, immutable timeline: Event, Source, Media, Timeline."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import zip_longest
from types import MappingProxyType
from typing import Any, ClassVar

from timeline.dates import EventDate


class FrozenMapping(Mapping[str, Any]):
    """A read-only mapping that hashes: events and images stay hashable with translations."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, Any] | Iterable[tuple[str, Any]] = ()) -> None:
        self._items = dict(items)

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(tuple(self._items.items()))

    def __repr__(self) -> str:
        return f"FrozenMapping({self._items!r})"


class Marks(Mapping[str, tuple[int, int]]):
    """Where each field of a file was written: (line, column) by field name.

    Kept small, as every event, source, era and place holds one to the end of a build:
    the names are one tuple shared by every object with the same fields, the places
    one array of integers (a dict of tuples was a quarter of an event's memory).
    """

    __slots__ = ("_names", "_places")
    _shared: ClassVar[dict[tuple[str, ...], tuple[str, ...]]] = {}

    def __init__(self, marks: Mapping[str, tuple[int, int]] | None = None) -> None:
        marks = marks or {}
        names = tuple(marks)
        self._names = self._shared.setdefault(names, names)
        self._places = array("I", [number for place in marks.values() for number in place])

    def __getitem__(self, name: str) -> tuple[int, int]:
        try:
            index = 2 * self._names.index(name)
        except ValueError:
            raise KeyError(name) from None
        return (self._places[index], self._places[index + 1])

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __hash__(self) -> int:  # immutable, as the objects that hold it
        return hash((self._names, self._places.tobytes()))

    def __repr__(self) -> str:
        return f"Marks({dict(self)!r})"


NO_MARKS = Marks()


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact comes from."""

    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    published: EventDate | None = None
    accessed: EventDate | None = None
    archived: str | None = None
    archived_date: EventDate | None = None
    language: str | None = None
    # Per citation: the passage and where in the source it is (page, timestamp).
    quote: str | None = None
    locator: str | None = None
    # The registry id (sources/<id>.yaml) when the event cites a declared source.
    id: str | None = None
    # Where the source is written (the registry file for a cited one), and the
    # (line, column) of its fields there, so `timeline links` can point at a URL.
    path: str | None = field(default=None, compare=False)
    marks: Mapping[str, tuple[int, int]] = field(default=NO_MARKS, compare=False)

    def mark(self, name: str) -> tuple[int, int]:
        return self.marks.get(name, (0, 0))

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "publisher": self.publisher,
            "authors": list(self.authors),
            "published": self.published.to_json() if self.published else None,
            "accessed": self.accessed.to_json() if self.accessed else None,
            "archived": self.archived,
            "archived_date": self.archived_date.to_json() if self.archived_date else None,
            "language": self.language,
            "quote": self.quote,
            "locator": self.locator,
        }


@dataclass(frozen=True, slots=True)
class Media:
    """An image shown with an event; ``alt`` is required for accessibility."""

    src: str
    alt: str
    caption: str | None = None
    credit: str | None = None
    # (line, column) of ``src`` in the event file, for `timeline links`.
    mark: tuple[int, int] = field(default=(0, 0), compare=False)
    # ``alt`` and ``caption`` in other languages: language → text.
    alt_translations: Mapping[str, str] = field(default_factory=FrozenMapping)
    caption_translations: Mapping[str, str] = field(default_factory=FrozenMapping)

    def in_language(self, language: str, current: str) -> Media:
        """The image with its texts in ``language`` where translated (``current`` is theirs now)."""
        alt = self.alt_translations.get(language)
        caption = self.caption_translations.get(language)
        if alt is None and caption is None:
            return self
        # A text replaced is kept under its language, so the result can be switched back;
        # one not translated stays as it is, in the language it was written in.
        alts, captions = dict(self.alt_translations), dict(self.caption_translations)
        if alt is not None:
            alts[current] = self.alt
        if caption is not None and self.caption is not None:
            captions[current] = self.caption
        return replace(
            self,
            alt=alt if alt is not None else self.alt,
            caption=caption if caption is not None else self.caption,
            alt_translations=FrozenMapping((k, v) for k, v in alts.items() if k != language),
            caption_translations=FrozenMapping(
                (k, v) for k, v in captions.items() if k != language
            ),
        )

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "src": self.src,
            "alt": self.alt,
            "caption": self.caption,
            "credit": self.credit,
        }
        if self.alt_translations or self.caption_translations:
            data["translations"] = {
                language: {
                    "alt": self.alt_translations.get(language),
                    "caption": self.caption_translations.get(language),
                }
                for language in sorted({*self.alt_translations, *self.caption_translations})
            }
        return data


# The texts of an event that may be written in several languages.
TRANSLATABLE = ("title", "summary", "body")


@dataclass(frozen=True, slots=True)
class Translation:
    """An event's texts in one more language; None where that text is not translated."""

    title: str | None = None
    summary: str | None = None
    body: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in TRANSLATABLE}


@dataclass(frozen=True, slots=True)
class Event:
    """One event, read from one file. ``when`` is ``date`` joined with ``end``."""

    id: str
    path: str
    title: str
    date: EventDate
    when: EventDate
    end: EventDate | None = None
    summary: str = ""
    body: str = ""
    tags: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    related: tuple[str, ...] = ()
    # The relation each `related` link names (None for a plain link), in the same order.
    related_types: tuple[str | None, ...] = ()
    era: str | None = None
    media: tuple[Media, ...] = ()
    draft: bool = False
    display_date: str | None = None
    order: int = 0
    importance: int | None = None
    calendar: str = "gregorian"
    as_of: EventDate | None = None
    # The language `title`, `summary` and `body` are in, and their other languages
    # (`title: {en: ..., fa: ...}`): see ``in_language``.
    language: str = "en"
    translations: Mapping[str, Translation] = field(default_factory=FrozenMapping)
    # After ``in_language``: the texts that had no translation and are shown in the
    # language they were written in (``original_language``): a page says so.
    untranslated: tuple[str, ...] = ()
    original_language: str | None = None
    # (line, column) of each field's value, and of each `related` item, for later checks.
    marks: Mapping[str, tuple[int, int]] = field(default=NO_MARKS, compare=False)
    related_marks: tuple[tuple[int, int], ...] = field(default=(), compare=False)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the event's title is written in, its current one first: those
        its pages can be read in (a translated summary under an English title is not)."""
        own = () if "title" in self.untranslated else (self.language,)
        others = (k for k, v in sorted(self.translations.items()) if v.title is not None)
        return (*own, *others)

    def in_language(self, language: str) -> Event:
        """The event with its texts in ``language``; untranslated ones stay, and are listed.

        Every other field is shared by all languages (dates, tags, sources: one fact,
        one place). The translations are kept, the current texts among them, so the
        result can be switched again.
        """
        if language == self.language:
            return self
        translation = self.translations.get(language, Translation())
        # The texts now shown, under their language: not those shown untranslated.
        current = Translation(
            *(
                None if name in self.untranslated else (getattr(self, name) or None)
                for name in TRANSLATABLE
            )
        )
        texts: dict[str, str] = {}
        untranslated: list[str] = []
        for name in TRANSLATABLE:
            own: str = getattr(self, name)
            translated = getattr(translation, name)
            texts[name] = translated if translated is not None else own
            if translated is None and own:
                untranslated.append(name)
        others = {k: v for k, v in self.translations.items() if k != language}
        if current != Translation():
            others[self.language] = current
        # An event shown in its own language again has no text to mark.
        original = self.original_language or self.language
        return replace(
            self,
            title=texts["title"],
            summary=texts["summary"],
            body=texts["body"],
            media=tuple(item.in_language(language, self.language) for item in self.media),
            language=language,
            translations=FrozenMapping(sorted(others.items())),
            untranslated=() if language == original else tuple(untranslated),
            original_language=None if language == original else original,
        )

    @property
    def sort_key(self) -> tuple[Any, ...]:
        """Lower bound, coarser precision first, then ``order``, then id: total."""
        return (self.when.sort_key, self.order, self.id)

    @property
    def year(self) -> int:
        return self.when.year

    @property
    def label(self) -> str:
        """The date as shown to readers: ``display_date`` or the precise label."""
        return self.display_date or self.when.display

    def mark(self, name: str) -> tuple[int, int]:
        return self.marks.get(name, (0, 0))

    def to_json(self) -> dict[str, Any]:
        """The event with the authors' text kept exactly (``timeline export json``)."""
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "date": self.date.to_json(),
            "end": self.end.to_json() if self.end else None,
            "when": self.when.to_json(),
            "display_date": self.display_date,
            "summary": self.summary,
            "body": self.body,
            "tags": list(self.tags),
            "actors": list(self.actors),
            "places": list(self.places),
            "sources": [source.to_json() for source in self.sources],
            "related": list(self.related),
            "links": [
                {"id": other, "type": kind}
                for other, kind in zip_longest(self.related, self.related_types)
            ],
            "era": self.era,
            "media": [item.to_json() for item in self.media],
            "draft": self.draft,
            "order": self.order,
            "importance": self.importance,
            "calendar": self.calendar,
            "as_of": self.as_of.to_json() if self.as_of else None,
            # Only when there are some: exports of untranslated timelines keep their bytes.
            **(
                {
                    "language": self.language,
                    "translations": {k: v.to_json() for k, v in self.translations.items()},
                }
                if self.translations
                else {}
            ),
        }


@dataclass(frozen=True, slots=True)
class Era:
    """A named period (eras/<id>.yaml): drawn as a band, used as a list section."""

    id: str
    path: str
    title: str
    date: EventDate
    when: EventDate
    end: EventDate | None = None
    summary: str = ""
    colour: str | None = None
    lanes: tuple[str, ...] = ()
    marks: Mapping[str, tuple[int, int]] = field(default=NO_MARKS, compare=False)

    @property
    def sort_key(self) -> tuple[Any, ...]:
        return (self.when.sort_key, self.id)

    @property
    def label(self) -> str:
        """'The Cold War, 1947–1991': the title and its dates, as a list section reads."""
        return f"{self.title}, {self.when.display}"

    def contains(self, when: EventDate) -> bool:
        """Whether ``when`` lies wholly inside the era (an open end runs on for ever)."""
        if when.lower < self.when.lower:
            return False
        return bool(self.when.open_end) or when.upper <= self.when.upper

    def mark(self, name: str) -> tuple[int, int]:
        return self.marks.get(name, (0, 0))

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "date": self.date.to_json(),
            "end": self.end.to_json() if self.end else None,
            "when": self.when.to_json(),
            "summary": self.summary,
            "colour": self.colour,
            "lanes": list(self.lanes),
        }


@dataclass(frozen=True, slots=True)
class Place:
    """A place of the gazetteer (places/<id>.yaml), named by events' ``places``."""

    id: str
    path: str
    name: str
    aliases: tuple[str, ...] = ()
    # GeoJSON geometry (RFC 7946: longitude first); a point for most places.
    geometry: Mapping[str, Any] | None = field(default=None, compare=False)
    wikidata: str | None = None
    parent: str | None = None
    marks: Mapping[str, tuple[int, int]] = field(default=NO_MARKS, compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def mark(self, name: str) -> tuple[int, int]:
        return self.marks.get(name, (0, 0))

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "name": self.name,
            "aliases": list(self.aliases),
            "geometry": self.geometry,
            "wikidata": self.wikidata,
            "parent": self.parent,
        }


def _index(events: Iterable[Event], keys: Any) -> Mapping[Any, tuple[Event, ...]]:
    grouped: dict[Any, list[Event]] = {}
    for event in events:
        for key in keys(event):
            grouped.setdefault(key, []).append(event)
    return MappingProxyType({key: tuple(group) for key, group in grouped.items()})


@dataclass(frozen=True)
class Timeline:
    """Events in timeline order, with lookups by id, tag, actor, place and year."""

    events: tuple[Event, ...]
    descending: bool = False
    eras: tuple[Era, ...] = ()
    places: tuple[Place, ...] = ()
    by_id: Mapping[str, Event] = field(init=False, repr=False, compare=False)
    by_tag: Mapping[str, tuple[Event, ...]] = field(init=False, repr=False, compare=False)
    by_actor: Mapping[str, tuple[Event, ...]] = field(init=False, repr=False, compare=False)
    by_place: Mapping[str, tuple[Event, ...]] = field(init=False, repr=False, compare=False)
    by_year: Mapping[int, tuple[Event, ...]] = field(init=False, repr=False, compare=False)
    backlinks: Mapping[str, tuple[Event, ...]] = field(init=False, repr=False, compare=False)

    @classmethod
    def build(
        cls,
        events: Iterable[Event],
        *,
        descending: bool = False,
        eras: Iterable[Era] = (),
        places: Iterable[Place] = (),
    ) -> Timeline:
        """Sort events by the timeline rule (see ``Event.sort_key``); eras by start."""
        ordered = sorted(events, key=lambda event: event.sort_key, reverse=descending)
        return cls(
            tuple(ordered),
            descending,
            tuple(sorted(eras, key=lambda era: era.sort_key)),
            tuple(sorted(places, key=lambda place: place.id)),
        )

    def events_of(self, era: Era) -> tuple[Event, ...]:
        """An era's events: those naming it in ``era``, and those lying wholly inside it."""
        return tuple(
            e for e in self.events if e.era == era.id or (not e.era and era.contains(e.when))
        )

    @cached_property
    def place_by_name(self) -> Mapping[str, Place]:
        """Gazetteer places by every name and alias, case-folded."""
        found: dict[str, Place] = {}
        for place in self.places:
            for name in place.names:
                found.setdefault(name.casefold(), place)
        return MappingProxyType(found)

    @cached_property
    def _by_place_name(self) -> Mapping[str, tuple[Event, ...]]:
        return _index(self.events, lambda e: {p.casefold() for p in e.places})

    def events_at(self, place: Place) -> tuple[Event, ...]:
        """Events naming the place by its name or one of its aliases, in timeline order."""
        found = {e.id for name in place.names for e in self._by_place_name.get(name.casefold(), ())}
        return tuple(self.by_id[i] for i in sorted(found, key=self.positions.__getitem__))

    def __post_init__(self) -> None:
        events = self.events
        set_ = object.__setattr__
        set_(self, "by_id", MappingProxyType({event.id: event for event in events}))
        set_(self, "by_tag", _index(events, lambda e: e.tags))
        set_(self, "by_actor", _index(events, lambda e: e.actors))
        set_(self, "by_place", _index(events, lambda e: e.places))
        set_(self, "by_year", _index(events, lambda e: (e.year,)))
        set_(self, "backlinks", _index(events, lambda e: e.related))

    def __len__(self) -> int:
        return len(self.events)

    def __iter__(self) -> Any:
        return iter(self.events)

    @cached_property
    def positions(self) -> Mapping[str, int]:
        """Each event's index in ``events``."""
        return MappingProxyType({event.id: i for i, event in enumerate(self.events)})

    def neighbours(self, event: Event) -> tuple[Event | None, Event | None]:
        """The events just before and just after ``event`` in time."""
        index = self.positions[event.id]
        earlier = self.events[index - 1] if index > 0 else None
        later = self.events[index + 1] if index + 1 < len(self.events) else None
        return (later, earlier) if self.descending else (earlier, later)

    def to_json(self, *, lazy: bool = False) -> dict[str, Any]:
        """The timeline as JSON data; ``lazy``: the events as an iterator of their dicts."""
        events = (event.to_json() for event in self.events)
        return {
            "events": events if lazy else list(events),
            "eras": [era.to_json() for era in self.eras],
            "places": [place.to_json() for place in self.places],
        }
