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
from typing import Any

from markupsafe import escape

from timeline.dates.model import (
    MAX_YEAR,
    MIN_YEAR,
    Moment,
    Precision,
    civil_from_days,
    days_from_civil,
    days_in_month,
)
from timeline.model import Event

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
    when = event.when
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


def year_label(year: int, with_era: bool = False) -> str:
    """An astronomical year as readers write it: 0 is 1 BC; 'AD' when BC years are near."""
    if year <= 0:
        return f"{1 - year} BC"
    return f"AD {year}" if with_era or year < 1000 else str(year)


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


def ticks(lo: float, hi: float, width: float, min_px: float = 90) -> list[Tick]:
    """Gridlines for the range [lo, hi] drawn ``width`` pixels wide.

    Years are counted the way historians count them: ticks fall on round BC and AD
    years ("200 BC", "100 BC", "AD 1", "AD 100"), and there is no year 0.
    """
    unit, step = choose_unit(lo, hi, width, min_px)
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
                found.append(Tick(at, year_label(year, bc and year < 1000)))
        return found
    if unit == "month":
        year, month, _day = civil_from_days(math.floor(lo))
        month = month - (month - 1) % step
        while year <= last_year:
            at = days_from_civil(year, month, 1)
            if at > hi:
                break
            if at >= lo:
                text = MONTH_ABBR[month - 1]
                if month == 1 or not found:
                    text += " " + year_label(year)
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
                text = f"{dom} {MONTH_ABBR[month - 1]}"
                if not found or (dom == 1 and month == 1):
                    text += " " + year_label(year)
                found.append(Tick(day, text))
        else:
            for hour in range(0, 24, step):
                moment = day + hour / 24
                if lo <= moment <= hi:
                    if hour == 0 or not found:
                        text = f"{dom} {MONTH_ABBR[month - 1]} {year_label(year)}"
                        text = text if hour == 0 else f"{hour:02d}:00 {text}"
                    else:
                        text = f"{hour:02d}:00"
                    found.append(Tick(moment, text))
        day += 1
    return found


# -- the data file -----------------------------------------------------------------------


def axis_data(
    events: Sequence[Event],
    setting: LaneSetting,
    labels: Callable[[Event], str],
) -> dict[str, Any]:
    """The compact columns the browser draws from (see docs/guide/site.md, "The axis").

    One entry per event in every column, in timeline order; strings once. ``u`` is
    the event id: the page turns it into a link with its own URL pattern.
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
    return {
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


def _open_mark(
    event: Event, bounds: tuple[float, float], x: Callable[[float], float], width: float
) -> _Mark:
    """A mark over its bounds; an open start begins at the left edge, an open end at the right."""
    x0, x1 = x(bounds[0]), max(x(bounds[1]), x(bounds[0]) + 1)
    bits = qualifier_bits(event)
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
) -> str:
    """The axis of ``events`` over [lo, hi] (default: all of them) as one SVG document.

    Lanes with few events show every mark as a link to its page; crowded lanes show
    density bars (a link per bar to the first of its events, ``bucket_href``).
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
        return (days - lo) * per_day

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
    height = heading_height + layout.scale_height + lane_height * len(titles) + 4
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
    for tick in ticks(lo, hi, width):
        tx = x(tick.at)
        body.append(
            f'<line class="tla-grid" x1="{tx:.1f}" x2="{tx:.1f}" '
            f'y1="{scale_top + layout.scale_height - 6}" y2="{height:.1f}"/>'
        )
        label_width = len(tick.label) * char
        # A label cut by the edge is noise: at the right edge it goes left of its line.
        label_x = tx + 3 if tx + 3 + label_width <= width else tx - 6 - label_width
        if label_x >= 0:
            body.append(
                f'<text class="tla-text" x="{label_x:.1f}" '
                f'y="{scale_top + layout.scale_height - 10}">{escape(tick.label)}</text>'
            )
    top = scale_top + layout.scale_height
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
            marks = [_open_mark(events[i], extents[i], x, width) for i in indices]
            _place(
                marks,
                layout.rows,
                (lambda e: len(e.title) * char) if layout.labels else None,
                width,
            )
            for mark in sorted(marks, key=lambda m: m.x0):
                body.append(
                    _mark_svg(mark, rows_top, baseline, layout, href, dates, defs, gradients)
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
) -> str:
    event = mark.event
    bits = qualifier_bits(event)
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


def summary(events: Sequence[Event], dates: Mapping[str, str] | None = None) -> str:
    """One sentence for screen readers: how many events, from when to when."""
    if not events:
        return "No events."
    lows, highs = zip(*map(extent, events), strict=True)
    first = civil_from_days(math.floor(min(lows)))[0]
    last = civil_from_days(math.ceil(max(highs)) - 1)[0]
    count = f"{len(events)} event{'s' if len(events) != 1 else ''}"
    if first == last:
        return f"{count} in {year_label(first)}."
    return f"{count} from {year_label(first)} to {year_label(last)}."
