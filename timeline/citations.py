"""The timeline's sources as bibliography items: one per source, with the events citing it.

Shared by the CSL-JSON and BibTeX exports. A source declared in ``sources/`` is one
item whatever the number of events citing it (its key is its id); an inline source
is one item, keyed ``<event id>-<n>``, unless another event gives the very same
source, when the first key is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from timeline.dates import EventDate, Precision
from timeline.model import Source, Timeline


@dataclass(frozen=True)
class Item:
    """One bibliography item: a key, the source (without per-event quote), who cites it."""

    key: str
    source: Source
    events: tuple[str, ...]


def items(timeline: Timeline) -> list[Item]:
    """Every distinct source of the timeline, in the order first cited."""
    keys: dict[object, str] = {}
    found: dict[str, tuple[Source, list[str]]] = {}
    for event in timeline:
        for index, source in enumerate(event.sources):
            # Quote and locator belong to the citation, not to the source.
            bare = replace(source, quote=None, locator=None)
            identity: object = source.id or bare
            key = keys.setdefault(identity, source.id or f"{event.id}-{index + 1}")
            entry = found.setdefault(key, (bare, []))
            if event.id not in entry[1]:
                entry[1].append(event.id)
    return [Item(key, source, tuple(events)) for key, (source, events) in found.items()]


def csl_year(year: int) -> int:
    """CSL counts BC years as negative numbers with no year 0: astronomical 0 is -1 (1 BC)."""
    return year if year > 0 else year - 1


_SEASON = {3: 1, 6: 2, 9: 3, 12: 4}  # first month → CSL season (spring 1 … winter 4)


def _parts(date: EventDate) -> list[list[int]]:
    size = {Precision.MINUTE: 3, Precision.DAY: 3, Precision.MONTH: 2, Precision.QUARTER: 2}
    size.update({Precision.QUADRIMESTER: 2, Precision.SEMESTER: 2})
    count = size.get(date.precision, 1)
    low = [csl_year(date.lower.year), date.lower.month, date.lower.day][:count]
    high = [csl_year(date.upper.year), date.upper.month, date.upper.day][:count]
    return [low] if low == high else [low, high]


def csl_date(date: EventDate) -> dict[str, object]:
    """A CSL date-variable at the date's true precision: no day or month it does not have.

    A decade, century, quarter or a month of another calendar is a range of what CSL
    can say; a season is its year with CSL's ``season``; "circa" marks approximate.
    """
    value: dict[str, object]
    if date.start is not None and date.end is not None:
        value = {"date-parts": [_parts(date.start)[0], _parts(date.end)[-1]]}
    elif date.precision is Precision.SEASON:
        value = {"date-parts": [[csl_year(date.lower.year)]]}
        value["season"] = _SEASON.get(date.lower.month, 1)
    else:
        value = {"date-parts": _parts(date)}
    if date.approximate:
        value["circa"] = True
    return value
