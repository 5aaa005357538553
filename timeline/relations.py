"""Typed links between events: what each relation says, and the rules that check them.

An event's ``related`` list may name how it relates to another event, read as
"this event <type> that one": ``{id: 2025-04-ratified, type: led-to}`` in the
signing's file says the signing led to the ratification. The other event's page
shows the same link in the other direction ("Followed from: …"), so each link is
written once, in one file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from timeline.model import Event
from timeline.problems import Problem, Severity

CODES = {
    "E401": "`part-of` links that go round in a cycle",
    "E402": "a `follows` link to an event that is later in time",
    "W401": "a `follows` link to an event that may be later (the dates overlap)",
}

# Each type in words, from the event that names the link and from the event it names.
WORDS: Mapping[str | None, tuple[str, str]] = {
    "caused": ("Caused", "Caused by"),
    "led-to": ("Led to", "Followed from"),
    "part-of": ("Part of", "Includes"),
    "response-to": ("In response to", "Prompted"),
    "follows": ("Follows", "Followed by"),
    "contradicts": ("Contradicts", "Contradicted by"),
    None: ("Related", "Linked from"),
}


@dataclass(frozen=True)
class Relation:
    """One link as seen from one event's page: the words, and the event at the other end."""

    words: str
    other: Event
    type: str | None
    outgoing: bool


def links(event: Event) -> list[tuple[str, str | None]]:
    """(id, type) of each of an event's `related` links; type None for a plain link."""
    types = list(event.related_types) + [None] * (len(event.related) - len(event.related_types))
    return list(zip(event.related, types, strict=True))


def relations_of(
    event: Event, by_id: Mapping[str, Event], backlinks: Sequence[Event]
) -> list[Relation]:
    """Every relation of ``event`` in words, both those it names and those naming it."""
    found: list[Relation] = []
    for other_id, kind in links(event):
        other = by_id.get(other_id)
        if other is not None:
            found.append(Relation(WORDS[kind][0], other, kind, True))
    for other in backlinks:
        for other_id, kind in links(other):
            if other_id == event.id:
                found.append(Relation(WORDS[kind][1], other, kind, False))
    return found


def grouped(relations: Sequence[Relation]) -> list[tuple[str, list[Event]]]:
    """Relations grouped under their words, in the order first met.

    An event is shown once: a plain link is left out where a typed one (either way)
    already says more about the same two events.
    """
    typed = {relation.other.id for relation in relations if relation.type is not None}
    groups: dict[str, list[Event]] = {}
    for relation in relations:
        if relation.type is None and relation.other.id in typed:
            continue
        group = groups.setdefault(relation.words, [])
        if relation.other not in group:
            group.append(relation.other)
    return list(groups.items())


def check_relations(events: Sequence[Event]) -> list[Problem]:
    """Cycles of `part-of` and `follows` links that point backwards in time."""
    by_id = {event.id: event for event in events}
    problems: list[Problem] = []
    parents: dict[str, list[str]] = {}
    for event in events:
        for index, (other_id, kind) in enumerate(links(event)):
            other = by_id.get(other_id)
            if other is None or other is event:
                continue  # unknown ids are E203
            if kind == "part-of":
                parents.setdefault(event.id, []).append(other_id)
            if kind == "follows":
                problem = _backwards(event, other, index)
                if problem is not None:
                    problems.append(problem)
    problems.extend(_cycles(parents, by_id))
    return problems


def _mark(event: Event, index: int) -> tuple[int, int]:
    if index < len(event.related_marks):
        return event.related_marks[index]
    return event.mark("related")


def _backwards(event: Event, other: Event, index: int) -> Problem | None:
    """E402 when ``event`` ends before ``other`` starts; W401 when it only may."""
    if event.when.sort_key >= other.when.sort_key:
        return None
    overlap = event.when.upper >= other.when.lower
    return Problem(
        event.path,
        *_mark(event, index),
        "W401" if overlap else "E402",
        f"this event ({event.when.display}) is said to follow {other.id!r} "
        f"({other.when.display}), which "
        + ("may be later: the dates overlap" if overlap else "is later"),
        "swap the link into the other file, or use a type that does not say which came "
        "first, such as `response-to`"
        if not overlap
        else "give the dates more precision if you know the order, or keep this warning",
        f"related[{index}]",
        Severity.WARNING if overlap else Severity.ERROR,
    )


def _cycles(parents: Mapping[str, list[str]], by_id: Mapping[str, Event]) -> list[Problem]:
    """One E401 per cycle of part-of links, reported at the cycle's first id."""
    problems: list[Problem] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    reported: set[frozenset[str]] = set()

    # Iterative depth-first search: a long chain of part-of links must not hit
    # Python's recursion limit.
    for root in sorted(parents):
        if root in state:
            continue
        path = [root]
        state[root] = 1
        stack = [iter(parents.get(root, ()))]
        while stack:
            parent = next(stack[-1], None)
            if parent is None:
                stack.pop()
                state[path.pop()] = 2
                continue
            if state.get(parent) == 1:
                cycle = path[path.index(parent) :]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    problems.append(_cycle_problem(cycle, by_id))
            elif parent not in state:
                state[parent] = 1
                path.append(parent)
                stack.append(iter(parents.get(parent, ())))
    return problems


def _cycle_problem(cycle: list[str], by_id: Mapping[str, Event]) -> Problem:
    first = min(cycle)
    start = cycle.index(first)
    ordered = cycle[start:] + cycle[:start]
    event = by_id[first]
    target = ordered[1] if len(ordered) > 1 else first
    index = next(i for i, (other, kind) in enumerate(links(event)) if other == target)
    return Problem(
        event.path,
        *_mark(event, index),
        "E401",
        "`part-of` links go round in a cycle: " + " → ".join([*ordered, first]),
        "an event cannot be part of itself: remove or retype one of these links",
        f"related[{index}]",
    )
