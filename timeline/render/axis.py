"""The time axis: event extents, lanes, BC/AD-aware ticks, the axis data file and the SVG.

Positions are days since 1970-01-01 (``Moment.days()``), as floats so a time of day
is a fraction. An event covers ``[lo, hi)``: a day-precision date covers its whole
day, "January 2025" exactly January, a span from its start to the end of its end.
The browser (assets/axis.js) draws the same numbers with the same tick rules, and
the build-time SVG here is what readers without JavaScript (and printers) see.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from markupsafe import escape

from timeline.dates import EventDate
from timeline.dates.labels import year_label
from timeline.dates.model import (
    MAX_YEAR,
    MIN_YEAR,
    Moment,
    Precision,
    civil_from_days,
    days_from_civil,
    days_in_month,
)
from timeline.model import Era, Event
from timeline.relations import WORDS, links
from timeline.render import calendar_ticks
from timeline.render.calendar_ticks import TickCalendar

LANE_MODES = ("none", "tags", "actors", "places")
# Qualifier bits of the data file's "q" column.
APPROXIMATE, UNCERTAIN, SPAN, OPEN_START, OPEN_END = 1, 2, 4, 8, 16
# More lanes than this and the axis is a wall of names: the rest join "Other".
MAX_LANES = 12
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# -- extents ------------------------------------------------------------------------


def moment_days(moment: Moment, *, end: bool) -> float:
    """A moment as days since 1970; a whole day's end is the start of the next day."""
    days = moment.days()
    if moment.has_time:
        minutes = (moment.hour or 0) * 60 + (moment.minute or 0) - (moment.offset or 0)
        return days + minutes / 1440
    return float(days + 1 if end else days)


# Every list page draws the axis of its events (summary, SVG, range): at 20,000 events
# that was 3.4 million extents, 170 per event. Kept by the date object's identity (a
# dict lookup; hashing the frozen dataclass would cost as much as the sum), with the
# object itself so a recycled id is never mistaken; cleared when it grows past a build.
_EXTENTS: dict[int, tuple[object, tuple[float, float]]] = {}
_EXTENTS_MAX = 1 << 18


def extent(event: Event) -> tuple[float, float]:
    """The ``[lo, hi)`` an event covers on the axis, in days since 1970."""
    when = event.when
    cached = _EXTENTS.get(id(when))
    if cached is not None and cached[0] is when:
        return cached[1]
    found = moment_days(when.lower, end=False), moment_days(when.upper, end=True)
    if len(_EXTENTS) >= _EXTENTS_MAX:
        _EXTENTS.clear()
    _EXTENTS[id(when)] = (when, found)
    return found


def qualifier_bits(event: Event) -> int:
    return date_bits(event.when)


def date_bits(when: EventDate) -> int:
    """The qualifier bits of a date (an event's or an era's)."""
    return (
        (APPROXIMATE if when.approximate else 0)
        | (UNCERTAIN if when.uncertain else 0)
        | (SPAN if when.is_span else 0)
        # An open end ("ongoing", "2022/..") runs to the edge of whatever is in view.
        | (OPEN_START if when.open_start else 0)
        | (OPEN_END if when.open_end else 0)
    )


# -- lanes ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Lane:
    """A lane of the axis: its title and the tags, actors or places that put an event in it."""

    title: str
    tags: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()

    def holds(self, event: Event) -> bool:
        return bool(
            set(self.tags) & set(event.tags)
            or set(self.actors) & set(event.actors)
            or set(self.places) & set(event.places)
        )


LaneSetting = str | tuple[Lane, ...]


def lane_setting(value: Any) -> LaneSetting:
    """Validate the ``axis_lanes`` option: a mode name, or a list of {title, tags/actors/places}."""
    if isinstance(value, str):
        if value not in LANE_MODES:
            raise ValueError(f"expected one of {', '.join(LANE_MODES)} or a list, got {value!r}")
        return value
    if not isinstance(value, list) or not value:
        raise ValueError(f"expected one of {', '.join(LANE_MODES)} or a list, got {value!r}")
    lanes = []
    for number, item in enumerate(value, 1):
        if not isinstance(item, dict) or not isinstance(item.get("title"), str):
            raise ValueError(f"lane {number}: expected {{title: ..., tags: [...]}}, got {item!r}")
        unknown = set(item) - {"title", "tags", "actors", "places"}
        if unknown:
            raise ValueError(f"lane {number}: unknown key(s) {', '.join(sorted(unknown))}")
        names: dict[str, tuple[str, ...]] = {}
        for key in ("tags", "actors", "places"):
            listed = item.get(key, [])
            if isinstance(listed, str):
                listed = [listed]
            if not isinstance(listed, list) or not all(isinstance(n, str) for n in listed):
                raise ValueError(f"lane {number}: {key}: expected a list of names, got {listed!r}")
            names[key] = tuple(listed)
        if not any(names.values()):
            raise ValueError(f"lane {number} ({item['title']!r}): give tags, actors or places")
        lanes.append(Lane(item["title"], **names))
    return tuple(lanes)


def assign_lanes(
    events: Sequence[Event], setting: LaneSetting
) -> tuple[tuple[str, ...], tuple[tuple[int, ...], ...]]:
    """Lane titles, and each event's lanes (an event can be in several, or in none)."""
    if setting == "none" or not events:
        return ("",), tuple((0,) for _ in events)
    if isinstance(setting, tuple):
        titles = tuple(lane.title for lane in setting)
        member = tuple(
            tuple(i for i, lane in enumerate(setting) if lane.holds(event)) for event in events
        )
        return titles, member
    counts: dict[str, int] = {}
    for event in events:
        for name in getattr(event, setting):
            counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts, key=lambda name: (-counts[name], name.casefold(), name))
    kept = ranked[:MAX_LANES]
    has_other = len(ranked) > MAX_LANES or any(not getattr(e, setting) for e in events)
    index = {name: i for i, name in enumerate(kept)}
    other = len(kept)
    member_list = []
    for event in events:
        lanes = sorted({index.get(name, other) for name in getattr(event, setting)})
        member_list.append(tuple(lanes) if lanes else (other,))
    titles = tuple(kept) + (("Other",) if has_other else ())
    return titles, tuple(member_list)


# -- eras -----------------------------------------------------------------------------


def era_extent(era: Era) -> tuple[float, float]:
    """The ``[lo, hi)`` an era covers, in days since 1970, at its dates' precision."""
    return moment_days(era.when.lower, end=False), moment_days(era.when.upper, end=True)


def era_rows(eras: Sequence[Era]) -> tuple[int, ...]:
    """Each era's row in the band strip: the first row where it overlaps no other.

    Eras overlap and nest; stacked this way none hides another, and a nested era sits
    below the one it is part of (eras come sorted by start). An open end reaches
    every later era, an open start every earlier one.
    """
    rows: list[list[tuple[float, float]]] = []
    found = []
    for era in eras:
        lo, hi = era_extent(era)
        if era.when.open_start:
            lo = -math.inf
        if era.when.open_end:
            hi = math.inf
        row = next(
            (r for r, taken in enumerate(rows) if all(hi <= a or lo >= b for a, b in taken)),
            len(rows),
        )
        if row == len(rows):
            rows.append([])
        rows[row].append((lo, hi))
        found.append(row)
    return tuple(found)


def era_lanes(era: Era, titles: Sequence[str]) -> list[int]:
    """The lanes (indexes of ``titles``) an era's shade covers: [] for all of them."""
    wanted = {name.casefold() for name in era.lanes}
    return [i for i, title in enumerate(titles) if title.casefold() in wanted]


def eras_data(
    eras: Sequence[Era], labels: Callable[[Era], str], titles: Sequence[str] = ()
) -> dict[str, Any]:
    """The eras' columns of axis.json: bounds, qualifier bits, stacking row, text, colour."""
    lo: list[float] = []
    hi: list[float] = []
    for era in eras:
        low, high = era_extent(era)
        lo.append(_number(low))
        hi.append(_number(high))
    return {
        "lo": lo,
        "hi": hi,
        "q": [date_bits(era.when) for era in eras],
        "row": list(era_rows(eras)),
        "t": [era.title for era in eras],
        "d": [labels(era) for era in eras],
        "u": [era.id for era in eras],
        "c": [_long_hex(era.colour) for era in eras],
        # The lanes an era with `lanes:` shades ([] for all): the band stays in the strip.
        "ln": [era_lanes(era, titles) for era in eras],
    }


def _long_hex(colour: str | None) -> str:
    """'#abc' as '#aabbcc' (the browser appends an alpha to it); '' for no colour."""
    if colour and len(colour) == 4:
        return "#" + "".join(c * 2 for c in colour[1:])
    return colour or ""


# -- ticks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tick:
    """A labelled gridline: where (days since 1970) and what it says."""

    at: float
    label: str


# (unit, step, approximate length in days), finest first; axis.js has the same table.
UNITS: tuple[tuple[str, int, float], ...] = (
    ("hour", 1, 1 / 24),
    ("hour", 3, 3 / 24),
    ("hour", 6, 6 / 24),
    ("hour", 12, 12 / 24),
    ("day", 1, 1),
    ("day", 2, 2),
    ("day", 5, 5),
    ("day", 10, 10),
    ("month", 1, 30.44),
    ("month", 3, 91.3),
    ("month", 6, 182.6),
    *(
        ("year", step, step * 365.2425)
        for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
    ),
)


class TickWords(Protocol):
    """What tick labels need of a language (timeline.render.i18n.Interface has it)."""

    @property
    def months_short(self) -> tuple[str, ...]: ...
    def year(self, year: int, *, with_era: bool = False) -> str: ...
    def number(self, text: object) -> str: ...
    def count(self, number: int, noun: str) -> str: ...
    def gettext(self, message: str) -> str: ...


def _year(year: int, with_era: bool = False, words: TickWords | None = None) -> str:
    """A tick's year in the words' language, else as dates.labels.year_label writes it."""
    if words is not None:
        return words.year(year, with_era=with_era)
    return year_label(year, with_era)


def choose_unit(lo: float, hi: float, width: float, min_px: float = 90) -> tuple[str, int]:
    """The finest tick unit whose steps are at least ``min_px`` apart."""
    per_day = width / max(hi - lo, 1e-9)
    for unit, step, days in UNITS:
        if days * per_day >= min_px:
            return unit, step
    return "year", 5000


def _historical(year: int) -> int:
    """Astronomical to historical numbering (no year 0): 0 → -1 (1 BC), -43 → -44 (44 BC)."""
    return year if year > 0 else year - 1


def ticks(
    lo: float,
    hi: float,
    width: float,
    min_px: float = 90,
    calendar: TickCalendar | None = None,
    words: TickWords | None = None,
) -> list[Tick]:
    """Gridlines for the range [lo, hi] drawn ``width`` pixels wide.

    Years are counted the way historians count them: ticks fall on round BC and AD
    years ("200 BC", "100 BC", "AD 1", "AD 100"), and there is no year 0. With a
    display ``calendar``, at its own years, months and days where it covers the view.
    """
    unit, step = choose_unit(lo, hi, width, min_px)
    if calendar is not None:
        own = calendar_ticks.ticks(lo, hi, unit, step, calendar)
        if own is not None:
            return [Tick(at, label) for at, label in own]
    months = MONTH_ABBR if words is None else words.months_short
    digits: Callable[[object], str] = str if words is None else words.number
    found: list[Tick] = []
    first_year = max(MIN_YEAR, civil_from_days(math.floor(lo))[0] - 1)
    last_year = min(MAX_YEAR, civil_from_days(math.ceil(hi))[0] + 1)
    if unit == "year":
        bc = first_year <= 0
        h = math.floor(_historical(first_year) / step) * step
        while True:
            # Historical h to astronomical: 44 BC is -43; "year 0" is AD 1 for round steps.
            year = (1 if step >= 10 else None) if h == 0 else h if h > 0 else h + 1
            h += step
            if year is None:
                continue
            if year > last_year:
                break
            at = days_from_civil(year, 1, 1)
            if lo <= at <= hi:
                found.append(Tick(at, _year(year, bc and year < 1000, words)))
        return found
    if unit == "month":
        year, month, _day = civil_from_days(math.floor(lo))
        month = month - (month - 1) % step
        while year <= last_year:
            at = days_from_civil(year, month, 1)
            if at > hi:
                break
            if at >= lo:
                text = months[month - 1]
                if month == 1 or not found:
                    text += " " + _year(year, words=words)
                found.append(Tick(at, text))
            month += step
            if month > 12:
                year, month = year + 1, month - 12
        return found
    day = math.floor(lo)
    while day <= hi:
        year, month, dom = civil_from_days(day)
        if unit == "day":
            keep = dom == 1 or (
                (dom - 1) % step == 0 and days_in_month(year, month) - dom + 1 > step / 2
            )
            if keep and day >= lo:
                text = f"{digits(dom)} {months[month - 1]}"
                if not found or (dom == 1 and month == 1):
                    text += " " + _year(year, words=words)
                found.append(Tick(day, text))
        else:
            for hour in range(0, 24, step):
                moment = day + hour / 24
                if lo <= moment <= hi:
                    if hour == 0 or not found:
                        text = f"{digits(dom)} {months[month - 1]} {_year(year, words=words)}"
                        text = text if hour == 0 else f"{digits(f'{hour:02d}:00')} {text}"
                    else:
                        text = digits(f"{hour:02d}:00")
                    found.append(Tick(moment, text))
        day += 1
    return found


# -- the data file -----------------------------------------------------------------------


def axis_data(
    events: Sequence[Event],
    setting: LaneSetting,
    labels: Callable[[Event], str],
    eras: Sequence[Era] = (),
    era_labels: Callable[[Era], str] | None = None,
) -> dict[str, Any]:
    """The compact columns the browser draws from (see docs/guide/site.md, "The axis").

    One entry per event in every column, in timeline order; strings once. ``u`` is
    the event id: the page turns it into a link with its own URL pattern. ``rel``
    holds the typed links as [from, to, type] (event indexes, an index of
    ``relTypes``), drawn as arrows for the selected event; ``eras`` the bands.
    """
    lo: list[float] = []
    hi: list[float] = []
    for event in events:
        low, high = extent(event)
        lo.append(_number(low))
        hi.append(_number(high))
    titles, member = assign_lanes(events, setting)
    facets: dict[str, Any] = {}
    for facet in ("tags", "actors", "places"):
        names = sorted({name for event in events for name in getattr(event, facet)})
        index = {name: i for i, name in enumerate(names)}
        facets[facet] = {
            "names": names,
            "of": [[index[name] for name in getattr(event, facet)] for event in events],
        }
    document: dict[str, Any] = {
        "v": 1,
        "lo": lo,
        "hi": hi,
        "p": [event.when.precision.coarseness for event in events],
        "q": [qualifier_bits(event) for event in events],
        "imp": [event.importance or 0 for event in events],
        "t": [event.title for event in events],
        "d": [labels(event) for event in events],
        "u": [event.id for event in events],
        "lanes": {"names": list(titles), "of": [list(lanes) for lanes in member]},
        "facets": facets,
    }
    position = {event.id: i for i, event in enumerate(events)}
    types = list(WORDS)
    pairs = [
        (i, position[other], kind)
        for i, event in enumerate(events)
        for other, kind in links(event)
        if other in position
    ]
    # As on event pages (relations.grouped): a plain link says nothing more where a
    # typed one joins the same two events, either way.
    typed = {frozenset((a, b)) for a, b, kind in pairs if kind is not None}
    rel = [
        [a, b, types.index(kind)]
        for a, b, kind in pairs
        if kind is not None or frozenset((a, b)) not in typed
    ]
    if rel:
        document["rel"] = rel
        # Each type in words both ways: "Led to" from the one, "Followed from" the other.
        document["relTypes"] = [list(WORDS[kind]) for kind in types]
    if eras:
        document["eras"] = eras_data(
            eras, era_labels or (lambda era: era.when.display), titles if setting != "none" else ()
        )
    return document


def _number(value: float) -> float:
    # Whole days print as "738000" rather than "738000.0": a third of the file is these.
    rounded = round(value, 5)
    return int(rounded) if rounded == int(rounded) else rounded


# -- the SVG ------------------------------------------------------------------------------

ACCENT = "#2f62c8"
STYLE = (
    ".tla-text{font:12px system-ui,sans-serif;fill:currentColor}"
    ".tla-lane{font-weight:bold}"
    ".tla-grid{stroke:currentColor;stroke-opacity:.18}"
    f".tla-point{{fill:{ACCENT}}}"
    f".tla-span{{fill:{ACCENT}}}"
    f".tla-coarse{{fill:{ACCENT};fill-opacity:.28}}"
    f".tla-bracket{{fill:none;stroke:{ACCENT};stroke-width:1.5}}"
    f".tla-density{{fill:{ACCENT}}}"
    ".tla-uncertain{stroke-dasharray:3 2}"
    f"circle.tla-uncertain{{fill:none;stroke:{ACCENT};stroke-width:1.5}}"
    "a:focus .tla-hit,a:hover .tla-hit,a:focus .tla-density,a:hover .tla-density"
    "{stroke:currentColor;stroke-width:1}"
)


@dataclass(frozen=True)
class SvgLayout:
    """Sizes of the drawing, in SVG user units (pixels on screen)."""

    width: float = 960
    scale_height: float = 26
    lane_header: float = 16
    row_height: float = 18
    rows: int = 3
    era_row: float = 15  # a row of the era strip above the lanes
    font_px: float = 12
    labels: bool = True
    max_marks: int = 150  # per lane; more and the lane shows density
    paper_mm: float | None = None  # a standalone poster's printed width


@dataclass
class _Mark:
    event: Event
    x0: float
    x1: float
    row: int = -1
    label: bool = False
    text_x: float = 0.0


def _place(
    marks: list[_Mark], rows: int, label_width: Callable[[Event], float] | None, width: float
) -> None:
    """Greedy stacking, important events first; the same rules as axis.js's layoutMarks.

    First try: each mark with its title (right of it, or left at the right edge) in the
    first row where both fit, else the mark alone. When that leaves marks without a row
    (titles took the room), second try: every mark first, then titles where they fit.
    A mark that fits nowhere goes on the lane's floor as a small tick (row -1).
    """
    boxes: dict[int, tuple[float, float, tuple[float, float, float] | None]] = {}
    for mark in marks:
        left, right = mark.x0, mark.x1
        if _is_point(mark):
            middle = (mark.x0 + mark.x1) / 2
            left, right = min(mark.x0, middle - 8), max(mark.x1, middle + 8)
        right = max(right, left + 12)
        text: tuple[float, float, float] | None = None
        if label_width is not None:
            size = label_width(mark.event)
            if right + 4 + size <= width - 2:
                text = (right + 4, left, right + 10 + size)
            elif left - 4 - size >= 2:
                text = (left - 4 - size, left - 10 - size, right)
        boxes[id(mark)] = (left, right, text)
    order = sorted(marks, key=lambda m: (-(m.event.importance or 0), m.x0))

    def fits(row: list[tuple[float, float]], a: float, b: float) -> bool:
        return all(b + 3 <= s or a >= e + 3 for s, e in row)

    def attempt(marks_first: bool) -> int:
        occupied: list[list[tuple[float, float]]] = [[] for _ in range(rows)]
        overflow = 0
        for mark in order:
            left, right, text = boxes[id(mark)]
            mark.row, mark.label = -1, False
            tries = [(left, right, False)]
            if text is not None and not marks_first:
                tries.insert(0, (text[1], text[2], True))
            for a, b, labelled in tries:
                row = next((r for r in range(rows) if fits(occupied[r], a, b)), None)
                if row is not None:
                    occupied[row].append((a, b))
                    mark.row, mark.label = row, labelled
                    break
            overflow += mark.row < 0
        if marks_first:
            for mark in order:
                left, right, text = boxes[id(mark)]
                if mark.row < 0 or text is None:
                    continue
                box = (right + 4, text[2]) if text[0] > left else (text[1], left - 4)
                if fits(occupied[mark.row], *box):
                    occupied[mark.row].append(box)
                    mark.label = True
        return overflow

    if attempt(False):
        attempt(True)
    for mark in marks:
        text = boxes[id(mark)][2]
        mark.text_x = text[0] if text else 0.0


def _bits(event: Event, mirror: bool) -> int:
    """The qualifier bits as drawn: on a mirrored axis an open end is at the left."""
    bits = qualifier_bits(event)
    if mirror and bits & (OPEN_START | OPEN_END) not in (0, OPEN_START | OPEN_END):
        bits ^= OPEN_START | OPEN_END
    return bits


def _open_mark(
    event: Event,
    bounds: tuple[float, float],
    x: Callable[[float], float],
    width: float,
    mirror: bool = False,
) -> _Mark:
    """A mark over its bounds; an open start begins at the left edge, an open end at the right."""
    a, b = (x(bounds[1]), x(bounds[0])) if mirror else (x(bounds[0]), x(bounds[1]))
    x0, x1 = a, max(b, a + 1)
    bits = _bits(event, mirror)
    if bits & OPEN_START:
        x0 = min(0.0, x1 - 1)
    if bits & OPEN_END:
        x1 = max(width, x0 + 1)
    return _Mark(event, x0, x1)


def _is_point(mark: _Mark) -> bool:
    when = mark.event.when
    if when.is_open:
        return False
    # A day (or a minute) is a dot at every scale: a bar would claim a longer period.
    return when.precision in (Precision.DAY, Precision.MINUTE) and not when.is_span


def axis_svg(
    events: Sequence[Event],
    *,
    href: Callable[[Event], str | None],
    bucket_href: Callable[[Event], str | None] | None = None,
    dates: Callable[[Event], str],
    setting: LaneSetting = "none",
    lo: float | None = None,
    hi: float | None = None,
    layout: SvgLayout | None = None,
    title: str = "Timeline",
    standalone: bool = False,
    heading: Sequence[str] = (),
    calendar: TickCalendar | None = None,
    eras: Sequence[Era] = (),
    era_href: Callable[[Era], str | None] | None = None,
    era_dates: Callable[[Era], str] | None = None,
    words: TickWords | None = None,
    mirror: bool = False,
) -> str:
    """The axis of ``events`` over [lo, hi] (default: all of them) as one SVG document.

    Lanes with few events show every mark as a link to its page; crowded lanes show
    density bars (a link per bar to the first of its events, ``bucket_href``). Eras
    are labelled bands in a strip above the lanes (stacked where they overlap),
    shaded behind the marks, each a link to its page (``era_href``).
    density bars (a link per bar to the first of its events, ``bucket_href``).
    ``words`` puts tick labels in a language; ``mirror`` runs time right to left.
    """
    layout = layout or SvgLayout()
    extents = [extent(event) for event in events]
    if lo is None or hi is None:
        low = min((a for a, _ in extents), default=0.0)
        high = max((b for _, b in extents), default=1.0)
        pad = max((high - low) * 0.02, 1.0)
        lo = low - pad if lo is None else lo
        hi = high + pad if hi is None else hi
    hi = max(hi, lo + 1 / 24)
    width = layout.width
    per_day = width / (hi - lo)

    def x(days: float) -> float:
        # Right to left is this one transform: every position below goes through it.
        at = (days - lo) * per_day
        return width - at if mirror else at

    titles, member = assign_lanes(events, setting)
    lane_events: list[list[int]] = [[] for _ in titles]
    for i, (a, b) in enumerate(extents):
        bits = qualifier_bits(events[i])
        if (b >= lo or bits & OPEN_END) and (a <= hi or bits & OPEN_START):
            for lane in member[i]:
                lane_events[lane].append(i)
    show_lanes = setting != "none"
    lane_height = (layout.lane_header if show_lanes else 0) + layout.rows * layout.row_height + 8
    # A poster's heading: its title in large type, then lines of smaller text.
    heading_height = 34 + 18 * (len(heading) - 1) if heading else 0
    era_ext = [era_extent(era) for era in eras]
    era_row_of = era_rows(eras)
    in_view = [
        k
        for k, (a, b) in enumerate(era_ext)
        if (b >= lo or eras[k].when.open_end) and (a <= hi or eras[k].when.open_start)
    ]
    strip = (max(era_row_of[k] for k in in_view) + 1) * layout.era_row + 4 if in_view else 0
    height = heading_height + layout.scale_height + strip + lane_height * len(titles) + 4
    char = layout.font_px * 0.58
    out: list[str] = []
    body: list[str] = []
    defs: list[str] = []
    gradients: set[str] = set()
    for number, line in enumerate(heading):
        size = 22 if number == 0 else 13
        body.append(
            f'<text class="tla-text" x="2" y="{22 + 18 * number + (0 if number == 0 else 4)}" '
            f'style="font-size:{size}px{";font-weight:bold" if number == 0 else ""}">'
            f"{escape(line)}</text>"
        )
    scale_top = heading_height
    last_end = -math.inf  # a label never covers the one before it (long month names)
    grid = ticks(lo, hi, width, calendar=calendar, words=words)
    for tick in reversed(grid) if mirror else grid:  # left to right on the page
        tx = x(tick.at)
        body.append(
            f'<line class="tla-grid" x1="{tx:.1f}" x2="{tx:.1f}" '
            f'y1="{scale_top + layout.scale_height - 6}" y2="{height:.1f}"/>'
        )
        label_width = len(tick.label) * char
        # A label cut by the edge is noise: at the right edge it goes left of its line.
        label_x = tx + 3 if tx + 3 + label_width <= width else tx - 6 - label_width
        if label_x >= 0 and label_x >= last_end + 4:
            last_end = label_x + label_width
            body.append(
                f'<text class="tla-text" x="{label_x:.1f}" '
                f'y="{scale_top + layout.scale_height - 10}">{escape(tick.label)}</text>'
            )
    top = scale_top + layout.scale_height
    for k in in_view:
        shaded = era_lanes(eras[k], titles) if show_lanes else []
        spans = [
            (top + strip + lane * lane_height, top + strip + (lane + 1) * lane_height)
            for lane in shaded
        ] or [(top, height)]
        body.append(
            _era_svg(
                eras[k], era_ext[k], era_row_of[k], top, spans, x, width, layout,
                era_href, era_dates or (lambda era: era.when.display), defs,
            )
        )  # fmt: skip
    top += strip
    for lane, indices in enumerate(lane_events):
        if show_lanes:
            body.append(
                f'<text class="tla-text tla-lane" x="2" y="{top + 12:.1f}">'
                f"{escape(titles[lane])} ({len(indices)})</text>"
            )
        rows_top = top + (layout.lane_header if show_lanes else 0) + 4
        baseline = rows_top + layout.rows * layout.row_height
        if len(indices) > layout.max_marks:
            body.extend(
                _density(events, extents, indices, x, width, rows_top, baseline, bucket_href, dates)
            )
        else:
            marks = [_open_mark(events[i], extents[i], x, width, mirror) for i in indices]
            _place(
                marks,
                layout.rows,
                (lambda e: len(e.title) * char) if layout.labels else None,
                width,
            )
            for mark in sorted(marks, key=lambda m: m.x0):
                body.append(
                    _mark_svg(
                        mark, rows_top, baseline, layout, href, dates, defs, gradients, mirror
                    )
                )
        top += lane_height
    attributes = (
        f'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'role="img" aria-labelledby="tla-title" class="tl-axis-svg"'
    )
    if standalone and layout.paper_mm:
        # Printed at the paper's width; the height follows the drawing.
        attributes += (
            f' width="{layout.paper_mm:.0f}mm" height="{height * layout.paper_mm / width:.1f}mm"'
        )
    elif standalone:
        attributes += f' width="{width:.0f}" height="{height:.0f}"'
    out.append(f"<svg {attributes}>")
    out.append(f'<title id="tla-title">{escape(title)}</title>')
    out.append(f"<style>{STYLE}</style>")
    if defs:
        out.append("<defs>" + "".join(defs) + "</defs>")
    if standalone:
        out.append(f'<rect width="{width:.0f}" height="{height:.0f}" fill="#fff"/>')
    out.extend(body)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _mark_svg(
    mark: _Mark,
    rows_top: float,
    baseline: float,
    layout: SvgLayout,
    href: Callable[[Event], str | None],
    dates: Callable[[Event], str],
    defs: list[str],
    gradients: set[str],
    mirror: bool = False,
) -> str:
    event = mark.event
    bits = _bits(event, mirror)
    uncertain = " tla-uncertain" if bits & UNCERTAIN else ""
    size = 4 + (event.importance or 0) * 0.7
    if mark.row < 0:
        # No room in any row: a tick on the baseline keeps it visible (and a link).
        y = baseline + 1
        shape = (
            f'<rect class="tla-span tla-hit" x="{mark.x0:.1f}" y="{y:.1f}" '
            f'width="{max(mark.x1 - mark.x0, 1.5):.1f}" height="5"/>'
        )
    else:
        y = rows_top + mark.row * layout.row_height + layout.row_height / 2
        w = mark.x1 - mark.x0
        fill = ""
        if bits & APPROXIMATE:
            key = "tla-fade"
            if key not in gradients:
                gradients.add(key)
                defs.append(
                    f'<linearGradient id="{key}"><stop offset="0" stop-color="{ACCENT}" '
                    f'stop-opacity="0.05"/><stop offset=".25" stop-color="{ACCENT}"/>'
                    f'<stop offset=".75" stop-color="{ACCENT}"/><stop offset="1" '
                    f'stop-color="{ACCENT}" stop-opacity="0.05"/></linearGradient>'
                )
            fill = ' fill="url(#tla-fade)"'
        if _is_point(mark):
            cx = (mark.x0 + mark.x1) / 2
            shape = (
                f'<circle class="tla-point tla-hit{uncertain}" cx="{cx:.1f}" cy="{y:.1f}" '
                f'r="{size:.1f}"/>'
            )
        elif bits & (SPAN | OPEN_START | OPEN_END):
            h = size * 1.5
            shape = (
                f'<rect class="tla-span tla-hit{uncertain}"{fill} x="{mark.x0:.1f}" '
                f'y="{y - h / 2:.1f}" width="{max(w, 2):.1f}" height="{h:.1f}" rx="1.5"/>'
            )
        else:
            h = size * 2
            x0, x1, t, b = mark.x0, mark.x0 + max(w, 3), y - h / 2, y + h / 2
            shape = (
                f'<rect class="tla-coarse tla-hit"{fill} x="{x0:.1f}" y="{t:.1f}" '
                f'width="{x1 - x0:.1f}" height="{h:.1f}"/>'
                f'<path class="tla-bracket{uncertain}" d="M{x0 + 2:.1f} {t:.1f}H{x0:.1f}V{b:.1f}'
                f'H{x0 + 2:.1f}M{x1 - 2:.1f} {t:.1f}H{x1:.1f}V{b:.1f}H{x1 - 2:.1f}"/>'
            )
        if bits & (OPEN_START | OPEN_END):
            shape += _arrows(mark, y, size, bits)
        if mark.label:
            shape += (
                f'<text class="tla-text" x="{mark.text_x:.1f}" '
                f'y="{y + layout.font_px * 0.35:.1f}">{escape(event.title)}</text>'
            )
    label = f"{event.title} — {dates(event)}"
    link = href(event)
    if link is None:
        return f"<g><title>{escape(label)}</title>{shape}</g>"
    return f'<a href="{escape(link)}"><title>{escape(label)}</title>{shape}</a>'


ERA_FILL = "#ddd5c0"  # an era without a colour of its own


def _era_svg(
    era: Era,
    bounds: tuple[float, float],
    row: int,
    top: float,
    spans: Sequence[tuple[float, float]],
    x: Callable[[float], float],
    width: float,
    layout: SvgLayout,
    href: Callable[[Era], str | None] | None,
    dates: Callable[[Era], str],
    defs: list[str],
) -> str:
    """An era: a labelled band in its row of the strip, and its shade behind the lanes."""
    # Right to left (x mirrored), the start is the band's right side.
    mirrored = x(bounds[0] + 1) < x(bounds[0])
    left, right = sorted((x(bounds[0]), x(bounds[1])))
    x0, x1 = left, max(right, left + 1)
    if era.when.open_end if mirrored else era.when.open_start:
        x0 = min(0.0, x1 - 1)
    if era.when.open_start if mirrored else era.when.open_end:
        x1 = max(width, x0 + 1)
    # Clipped to the drawing, so the label starts where the band can be seen.
    c0, c1 = max(x0, 0.0), min(x1, width)
    colour = era.colour or ERA_FILL
    fill = f'fill="{colour}"'
    if era.when.approximate:
        key = f"tla-era-fade-{era.id}"
        defs.append(
            f'<linearGradient id="{key}" gradientUnits="userSpaceOnUse" x1="{x0:.1f}" '
            f'x2="{x1:.1f}" y1="0" y2="0"><stop offset="0" stop-color="{colour}" '
            f'stop-opacity="0.1"/><stop offset=".2" stop-color="{colour}"/><stop offset=".8" '
            f'stop-color="{colour}"/><stop offset="1" stop-color="{colour}" '
            'stop-opacity="0.1"/></linearGradient>'
        )
        fill = f'fill="url(#{key})"'
    dashed = ' stroke-dasharray="3 2"' if era.when.uncertain else ""
    y = top + row * layout.era_row
    h = layout.era_row - 2
    shade = "".join(
        f'<rect class="tla-era-shade" x="{c0:.1f}" y="{y0:.1f}" width="{c1 - c0:.1f}" '
        f'height="{y1 - y0:.1f}" {fill} fill-opacity="0.25"/>'
        for y0, y1 in spans
    )
    band = (
        f'<rect class="tla-era tla-hit" x="{c0:.1f}" y="{y:.1f}" width="{max(c1 - c0, 1):.1f}" '
        f'height="{h:.1f}" {fill} stroke="#8a826c" stroke-width="0.75"{dashed}/>'
        # A nested <svg> clips its content: the title never runs out of its band.
        f'<svg x="{c0:.1f}" y="{y:.1f}" width="{max(c1 - c0, 1):.1f}" height="{h:.1f}">'
        f'<text class="tla-text tla-era-label" x="4" y="{h / 2 + layout.font_px * 0.35 - 1:.1f}"'
        f' style="font-size:{layout.font_px - 1:g}px">{escape(era.title)}</text></svg>'
    )
    label = f"{era.title} — {dates(era)}"
    link = href(era) if href else None
    if link is None:
        return f"{shade}<g><title>{escape(label)}</title>{band}</g>"
    return f'{shade}<a href="{escape(link)}"><title>{escape(label)}</title>{band}</a>'


def _arrows(mark: _Mark, y: float, size: float, bits: int) -> str:
    """Arrowheads at the open ends of a bar: it goes on past the edge."""
    h = size * 1.5 + 4
    out = ""
    if bits & OPEN_END:
        tip = mark.x1
        out += (
            f'<path class="tla-span tla-open" d="M{tip - 7:.1f} {y - h / 2:.1f}L{tip:.1f} {y:.1f}'
            f'L{tip - 7:.1f} {y + h / 2:.1f}Z"/>'
        )
    if bits & OPEN_START:
        tip = mark.x0
        out += (
            f'<path class="tla-span tla-open" d="M{tip + 7:.1f} {y - h / 2:.1f}L{tip:.1f} {y:.1f}'
            f'L{tip + 7:.1f} {y + h / 2:.1f}Z"/>'
        )
    return out


def _density(
    events: Sequence[Event],
    extents: Sequence[tuple[float, float]],
    indices: Iterable[int],
    x: Callable[[float], float],
    width: float,
    top: float,
    baseline: float,
    bucket_href: Callable[[Event], str | None] | None,
    dates: Callable[[Event], str],
) -> list[str]:
    """Counts per 8-pixel bucket, bar heights on a square-root scale (sparse buckets show)."""
    size = 8.0
    buckets: dict[int, list[int]] = {}
    for i in indices:
        middle = x((extents[i][0] + extents[i][1]) / 2)
        bucket = int(min(max(middle, 0), width - 0.01) // size)
        buckets.setdefault(bucket, []).append(i)
    most = max((len(v) for v in buckets.values()), default=1)
    out = []
    for bucket, members in sorted(buckets.items()):
        h = max(2.0, (baseline - top) * math.sqrt(len(members) / most))
        first = events[members[0]]
        last = events[members[-1]]
        label = f"{len(members)} event{'s' if len(members) != 1 else ''}, {dates(first)}"
        if last is not first:
            label += f" to {dates(last)}"
        rect = (
            f'<rect class="tla-density" x="{bucket * size:.0f}" y="{baseline - h:.1f}" '
            f'width="{size - 1:.0f}" height="{h:.1f}"/>'
        )
        link = bucket_href(first) if bucket_href else None
        if link:
            out.append(f'<a href="{escape(link)}"><title>{escape(label)}</title>{rect}</a>')
        else:
            out.append(f"<g><title>{escape(label)}</title>{rect}</g>")
    return out


def summary(
    events: Sequence[Event],
    dates: Mapping[str, str] | None = None,
    words: TickWords | None = None,
) -> str:
    """One sentence for screen readers: how many events, from when to when."""
    if words is not None:
        return _summary_in(events, words)
    if not events:
        return "No events."
    lows, highs = zip(*map(extent, events), strict=True)
    first = civil_from_days(math.floor(min(lows)))[0]
    last = civil_from_days(math.ceil(max(highs)) - 1)[0]
    count = f"{len(events)} event{'s' if len(events) != 1 else ''}"
    if first == last:
        return f"{count} in {year_label(first)}."
    return f"{count} from {year_label(first)} to {year_label(last)}."


def _summary_in(events: Sequence[Event], words: TickWords) -> str:
    _ = words.gettext
    if not events:
        return _("No events.")
    first = civil_from_days(math.floor(min(extent(e)[0] for e in events)))[0]
    last = civil_from_days(math.ceil(max(extent(e)[1] for e in events)) - 1)[0]
    count = words.count(len(events), "event")
    if first == last:
        return _("%(events)s in %(year)s.") % {"events": count, "year": words.year(first)}
    return _("%(events)s from %(first)s to %(last)s.") % {
        "events": count,
        "first": words.year(first),
        "last": words.year(last),
    }
