"""The typed, immutable timeline: Event, Source, Media, Timeline."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

from timeline.dates import EventDate


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
    marks: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False)

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

    def to_json(self) -> dict[str, Any]:
        return {"src": self.src, "alt": self.alt, "caption": self.caption, "credit": self.credit}


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
    media: tuple[Media, ...] = ()
    draft: bool = False
    display_date: str | None = None
    order: int = 0
    importance: int | None = None
    calendar: str = "gregorian"
    as_of: EventDate | None = None
    # (line, column) of each field's value, and of each `related` item, for later checks.
    marks: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False)
    related_marks: tuple[tuple[int, int], ...] = field(default=(), compare=False)

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
            "media": [item.to_json() for item in self.media],
            "draft": self.draft,
            "order": self.order,
            "importance": self.importance,
            "calendar": self.calendar,
            "as_of": self.as_of.to_json() if self.as_of else None,
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
    by_id: Mapping[str, Event] = field(init=False, repr=False, compare=False)
    by_tag: Mapping[str, tuple[Event, ...]] = field(init=False, repr=False, compare=False)
    by_actor: Mapping[str, tuple[Event, ...]] = field(init=False, repr=False, compare=False)
    by_place: Mapping[str, tuple[Event, ...]] = field(init=False, repr=False, compare=False)
    by_year: Mapping[int, tuple[Event, ...]] = field(init=False, repr=False, compare=False)
    backlinks: Mapping[str, tuple[Event, ...]] = field(init=False, repr=False, compare=False)

    @classmethod
    def build(cls, events: Iterable[Event], *, descending: bool = False) -> Timeline:
        """Sort events by the timeline rule (see ``Event.sort_key``)."""
        ordered = sorted(events, key=lambda event: event.sort_key, reverse=descending)
        return cls(tuple(ordered), descending)

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

    def to_json(self) -> dict[str, Any]:
        return {"events": [event.to_json() for event in self.events]}
