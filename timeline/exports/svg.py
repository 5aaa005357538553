"""`timeline export svg`: the time axis as a standalone SVG poster of any range and filter.

The whole range (or --from/--to), every lane, titles placed so they never overlap;
sized for A3 landscape paper (420 mm wide) and readable there: 13 px type on a
1587-unit-wide drawing prints at about 3.4 mm.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from timeline.dates import EventDate
from timeline.dates.model import civil_from_days
from timeline.exports.published_site import Site
from timeline.model import Era, Event
from timeline.render import axis

A3_WIDTH_MM = 420.0
POSTER = axis.SvgLayout(
    width=1587, scale_height=28, lane_header=18, row_height=19, rows=10, font_px=13,
    max_marks=600, paper_mm=A3_WIDTH_MM,
)  # fmt: skip


@dataclass(frozen=True)
class PosterOptions:
    """What part of the timeline the poster shows, and how."""

    start: EventDate | None = None  # from the start of this date
    end: EventDate | None = None  # to the end of this date
    lanes: axis.LaneSetting = "none"
    tags: tuple[str, ...] = ()  # only events with any of these tags
    actors: tuple[str, ...] = ()
    title: str = "Timeline"


def selected(events: Sequence[Event], options: PosterOptions) -> list[Event]:
    """The events the poster draws: those of the tags/actors asked for, overlapping the range."""
    lo = axis.moment_days(options.start.lower, end=False) if options.start else -math.inf
    hi = axis.moment_days(options.end.upper, end=True) if options.end else math.inf
    chosen = []
    for event in events:
        if options.tags and not set(options.tags) & set(event.tags):
            continue
        if options.actors and not set(options.actors) & set(event.actors):
            continue
        low, high = axis.extent(event)
        if high >= lo and low <= hi:
            chosen.append(event)
    return chosen


def poster(
    events: Sequence[Event], options: PosterOptions, site: Site, eras: Sequence[Era] = ()
) -> tuple[str, int]:
    """The SVG document and the number of events on it (in time order, left to right).

    ``eras`` are drawn as labelled bands above the lanes, each a link to its page.
    """
    chosen = sorted(selected(events, options), key=lambda event: event.sort_key)
    lo = axis.moment_days(options.start.lower, end=False) if options.start else None
    hi = axis.moment_days(options.end.upper, end=True) if options.end else None
    if lo is not None and hi is not None and hi <= lo:
        raise ValueError("--to is before --from")
    heading = [options.title, _subtitle(chosen, options)]
    svg = axis.axis_svg(
        chosen,
        href=lambda event: site.event_url(event.id),
        dates=lambda event: event.label,
        setting=options.lanes,
        lo=lo,
        hi=hi,
        layout=POSTER,
        title=f"{options.title}: {axis.summary(chosen)}",
        standalone=True,
        heading=heading,
        eras=eras,
        era_href=lambda era: _era_url(site, era),
    )
    return svg, len(chosen)


def _era_url(site: Site, era: Era) -> str | None:
    page = f"eras/{era.id}/" if site.use_directory_urls else f"eras/{era.id}.html"
    return site.page_url(f"{site.pages_dir.strip('/')}/{page}")


def _subtitle(events: Sequence[Event], options: PosterOptions) -> str:
    parts = [axis.summary(events).rstrip(".")]
    if options.tags:
        parts.append("tags: " + ", ".join(options.tags))
    if options.actors:
        parts.append("actors: " + ", ".join(options.actors))
    if options.lanes != "none":
        lanes = options.lanes if isinstance(options.lanes, str) else "as configured"
        parts.append(f"lanes: {lanes}")
    parts.append(
        "dot: a day · light bracketed bar: known only to a month, year, decade or century"
        " · solid bar: a span · faded ends: approximate · dashed: uncertain"
        " · arrow to the edge: an open end (ongoing)"
        " · top bands: eras"
    )
    return " · ".join(parts)


def year_of(days: float) -> int:
    return civil_from_days(math.floor(days))[0]
