"""Small static maps drawn at build time: SVG, no JavaScript, no tiles, no network.

The basemap is Natural Earth's 1:110m land (public domain) from npm's `world-atlas`
2.0.2, vendored unchanged as TopoJSON in ``basemap/`` and decoded here.

The projection is equirectangular with a standard parallel at the map's centre
(x = longitude × cos φ0, y = latitude). Why: a place map shows a window some
twenty degrees across, where this projection's distortion is small and its shape
is right at the centre; positions are a linear function of the coordinates, so a
test (or a reader) can check where a place is drawn; and it needs no library. It
is what d3-geo calls geoEquirectangular, should an interactive map join it. A
window across the antimeridian is not wrapped (no example place needs it).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from timeline.model import Place, Timeline
from timeline.places import GEOMETRY_DEPTH

if TYPE_CHECKING:
    from timeline.render.i18n import Interface

BASEMAP = Path(__file__).parent / "basemap" / "land-110m.json"
Ring = tuple[tuple[float, float], ...]
# Colours as presentation attributes, so the map reads with any theme's CSS (or none);
# a stylesheet's rules for the classes override them.
SEA = 'fill="#d6e6f2"'
LAND = 'fill="#f1efe6" stroke="#9a9478" stroke-width="0.5"'
PLACE = 'fill="#b3261e" stroke="#ffffff" stroke-width="1.5"'
ROUTE = 'fill="none" stroke="#b3261e" stroke-width="2"'
AREA = 'fill="#b3261e" fill-opacity="0.45" stroke="#b3261e"'


@lru_cache(maxsize=1)
def land() -> tuple[tuple[Ring, tuple[float, float, float, float]], ...]:
    """Every land ring as (lon, lat) points, with its bounding box (west, south, east, north)."""
    topology = json.loads(BASEMAP.read_text(encoding="utf-8"))
    (kx, ky), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # quantised and delta-encoded (TopoJSON spec, section 2.1.3)
            x += dx
            y += dy
            points.append((x * kx + tx, y * ky + ty))
        arcs.append(points)

    def ring(indexes: Sequence[int]) -> Ring:
        points: list[tuple[float, float]] = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        # A ring that crosses the antimeridian jumps from 180 to -180: unwrap it so
        # it runs on past 180 (drawn shifted by 360 where a window needs it).
        unwrapped = [points[0]]
        for lon, lat in points[1:]:
            previous = unwrapped[-1][0]
            lon += 360 * round((previous - lon) / 360)
            unwrapped.append((lon, lat))
        if abs(unwrapped[-1][0] - unwrapped[0][0]) > 180:
            # A ring round a pole (Antarctica): as written it is already cut at ±180
            # and closed along the pole, which is right on this projection.
            return tuple(points)
        return tuple(unwrapped)

    rings: list[Ring] = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        for polygon in polygons:
            rings.extend(ring(indexes) for indexes in polygon)
    return tuple((r, _bbox(r)) for r in rings)


def _bbox(points: Iterable[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = zip(*points, strict=True)
    return (min(xs), min(ys), max(xs), max(ys))


@dataclass(frozen=True)
class Window:
    """The part of the Earth a map shows, and the projection onto its SVG box."""

    west: float
    south: float
    east: float
    north: float
    width: int
    height: int

    @classmethod
    def around(
        cls, bbox: tuple[float, float, float, float], width: int = 320, height: int = 200
    ) -> Window:
        """A window centred on ``bbox``, at least 24 degrees of latitude tall."""
        west, south, east, north = bbox
        lat0 = max(-80.0, min(80.0, (south + north) / 2))
        lon0 = (west + east) / 2
        cos0 = math.cos(math.radians(lat0))
        half_h = max(
            12.0, (north - south) / 2 * 1.3, (east - west) / 2 * 1.3 * cos0 * height / width
        )
        half_w = half_h * width / height / cos0
        return cls(lon0 - half_w, lat0 - half_h, lon0 + half_w, lat0 + half_h, width, height)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        """SVG x, y of a position (x east, y down)."""
        x = (lon - self.west) / (self.east - self.west) * self.width
        y = (self.north - lat) / (self.north - self.south) * self.height
        return (round(x, 1), round(y, 1))

    def overlaps(self, bbox: tuple[float, float, float, float]) -> bool:
        west, south, east, north = bbox
        return not (
            east < self.west or west > self.east or north < self.south or south > self.north
        )


def _path(window: Window, points: Sequence[tuple[float, float]], close: bool) -> str:
    xy = [window.project(lon, lat) for lon, lat in points]
    text = "M" + " ".join(f"{x:g},{y:g}" for x, y in xy)
    return text + ("Z" if close else "")


def _positions(geometry: Any) -> Iterator[tuple[float, float]]:
    coordinates = geometry["coordinates"]
    depth = GEOMETRY_DEPTH[geometry["type"]]
    stack: list[tuple[Any, int]] = [(coordinates, depth)]
    while stack:
        value, level = stack.pop()
        if level == 0:
            yield (float(value[0]), float(value[1]))
        else:
            stack.extend((item, level - 1) for item in value)


def _land_paths(window: Window) -> list[str]:
    return [
        _path(window, tuple((lon + shift, lat) for lon, lat in ring), True)
        for ring, (west, south, east, north) in land()
        for shift in (-360.0, 0.0, 360.0)
        if window.overlaps((west + shift, south, east + shift, north))
    ]


def place_map(geometry: Any, label: str, width: int = 320, height: int = 200) -> Markup:
    """An inline SVG map of a place: land, sea, and the place (a dot, a line or an area)."""
    window = Window.around(_bbox(_positions(geometry)), width, height)
    land_paths = _land_paths(window)
    kind = geometry["type"]
    marks: list[str] = []
    if kind in ("Point", "MultiPoint"):
        for lon, lat in _positions(geometry):
            x, y = window.project(lon, lat)
            marks.append(f'<circle class="tl-map-place" cx="{x:g}" cy="{y:g}" r="5" {PLACE}/>')
    elif kind in ("LineString", "MultiLineString"):
        lines = [geometry["coordinates"]] if kind == "LineString" else geometry["coordinates"]
        for line in lines:
            marks.append(f'<path class="tl-map-route" d="{_path(window, line, False)}" {ROUTE}/>')
    else:
        polygons = [geometry["coordinates"]] if kind == "Polygon" else geometry["coordinates"]
        d = "".join(_path(window, ring, True) for polygon in polygons for ring in polygon)
        marks.append(f'<path class="tl-map-area" d="{d}" {AREA}/>')
        west, south, east, north = _bbox(_positions(geometry))
        x0, y0 = window.project(west, north)
        x1, y1 = window.project(east, south)
        if max(x1 - x0, y1 - y0) < 8:
            # An area a few pixels wide on this map (a city, a strip): a dot shows where it is.
            x, y = window.project((west + east) / 2, (south + north) / 2)
            marks.append(f'<circle class="tl-map-place" cx="{x:g}" cy="{y:g}" r="5" {PLACE}/>')
    title = escape(label)
    return Markup(
        f'<svg class="tl-map" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'style="max-width:100%;height:auto" role="img" aria-label="{title}"><title>{title}</title>'
        f'<rect class="tl-map-sea" width="{width}" height="{height}" {SEA}/>'
        f'<path class="tl-map-land" d="{"".join(land_paths)}" {LAND}/>' + "".join(marks) + "</svg>"
    )


def describe(geometry: Any, name: str, words: Interface | None = None) -> str:
    """The map's text alternative: where the place is, in words and degrees."""
    positions = list(_positions(geometry))
    west, south, east, north = _bbox(positions)
    lat, lon = (south + north) / 2, (west + east) / 2
    if words is None:
        where = (
            f"{abs(lat):.2f}° {'N' if lat >= 0 else 'S'}, "
            f"{abs(lon):.2f}° {'E' if lon >= 0 else 'W'}"
        )
        if geometry["type"] in ("Point",):
            return f"Map: {name}, at {where}"
        return f"Map: {name}, around {where}"
    _ = words.gettext
    north_south = _("%(degrees)s° N") if lat >= 0 else _("%(degrees)s° S")
    east_west = _("%(degrees)s° E") if lon >= 0 else _("%(degrees)s° W")
    where = (
        north_south % {"degrees": words.number(f"{abs(lat):.2f}")}
        + ", "
        + east_west % {"degrees": words.number(f"{abs(lon):.2f}")}
    )
    if geometry["type"] in ("Point",):
        return _("Map: %(name)s, at %(where)s") % {"name": name, "where": where}
    return _("Map: %(name)s, around %(where)s") % {"name": name, "where": where}


# -- the map page ----------------------------------------------------------------------

MAP_WIDTH, MAP_HEIGHT = 960, 480


@dataclass(frozen=True)
class MapPlace:
    """A gazetteer place on the map page: where its dot goes, and the events there."""

    place: Place
    name: str  # the name events use for it (its place page is this name's)
    point: tuple[float, float]  # (lon, lat): the point itself, or an area's middle
    events: tuple[int, ...]  # indexes into the timeline's events


def map_places(timeline: Timeline) -> list[MapPlace]:
    """The gazetteer places with coordinates that events name, in the gazetteer's order."""
    found: dict[str, tuple[Place, str, list[int]]] = {}
    for index, event in enumerate(timeline.events):
        for name in event.places:
            place = timeline.place_by_name.get(name.casefold())
            if place is None or not place.geometry:
                continue
            entry = found.setdefault(place.id, (place, name, []))
            if not entry[2] or entry[2][-1] != index:
                entry[2].append(index)
    out = []
    for place in timeline.places:
        if place.id in found:
            _place, name, events = found[place.id]
            geometry = place.geometry or {}
            if geometry.get("type") == "Point":
                lon, lat = geometry["coordinates"][:2]
                point = (float(lon), float(lat))
            else:
                west, south, east, north = _bbox(_positions(geometry))
                point = ((west + east) / 2, (south + north) / 2)
            out.append(MapPlace(place, name, point, tuple(events)))
    return out


def map_window(places: Sequence[MapPlace]) -> Window:
    """The window of the map page: every place, with a margin (the browser draws the same)."""
    return Window.around(_bbox(p.point for p in places), MAP_WIDTH, MAP_HEIGHT)


def world_map(
    places: Sequence[MapPlace],
    href: Callable[[MapPlace], str],
    label: str,
    words: Interface | None = None,
) -> Markup:
    """The map page without JavaScript: every place as a dot linking to its page."""
    window = map_window(places)
    from timeline.render.i18n import ENGLISH

    ui = words or ENGLISH
    marks = []
    for item in places:
        x, y = window.project(*item.point)
        events = ui.count(len(item.events), "event")
        # Translators: a place's dot on the map page: "Berlin: 2 events".
        title = escape(
            ui.gettext("%(place)s: %(events)s") % {"place": item.place.name, "events": events}
        )
        marks.append(
            f'<a href="{escape(href(item))}"><title>{title}</title>'
            f'<circle class="tl-map-place" cx="{x:g}" cy="{y:g}" r="6" {PLACE}/>'
            f'<text x="{x + 11:g}" y="{y + 5:g}" font-size="17" fill="#222" stroke="#fff" '
            f'stroke-width="3.5" paint-order="stroke">{escape(item.place.name)}</text></a>'
        )
    text = escape(label)
    return Markup(
        f'<svg class="tl-map tl-map-world" viewBox="0 0 {MAP_WIDTH} {MAP_HEIGHT}" '
        f'style="max-width:100%;height:auto" role="img" aria-label="{text}"><title>{text}</title>'
        f'<rect class="tl-map-sea" width="{MAP_WIDTH}" height="{MAP_HEIGHT}" {SEA}/>'
        f'<path class="tl-map-land" d="{"".join(_land_paths(window))}" {LAND}/>'
        + "".join(marks)
        + "</svg>"
    )


def map_data(
    timeline: Timeline,
    places: Sequence[MapPlace],
    href: Callable[[MapPlace], str],
    tiles: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """map.json: the window, the places (name, page, point) and each event's places.

    Events are those with a place on the map, as columns (ids, bounds in days since
    1970 as in axis.json, place indexes), so the page can tell which places the
    events in a time range are at.
    """
    from timeline.render.axis import _number, extent

    window = map_window(places)
    of: dict[int, list[int]] = {}
    for number, item in enumerate(places):
        for index in item.events:
            of.setdefault(index, []).append(number)
    indexes = sorted(of)
    events = [timeline.events[i] for i in indexes]
    bounds = [extent(event) for event in events]
    document: dict[str, Any] = {
        "v": 1,
        "window": [window.west, window.south, window.east, window.north],
        "size": [MAP_WIDTH, MAP_HEIGHT],
        "places": [
            {
                "n": item.place.name,
                "u": href(item),
                "p": [round(item.point[0], 5), round(item.point[1], 5)],
                **(
                    {"g": item.place.geometry}
                    if item.place.geometry and item.place.geometry.get("type") != "Point"
                    else {}
                ),
            }
            for item in places
        ],
        "events": {
            "u": [event.id for event in events],
            "t": [event.title for event in events],
            "lo": [_number(a) for a, _b in bounds],
            "hi": [_number(b) for _a, b in bounds],
            "of": [of[i] for i in indexes],
        },
    }
    if tiles:
        document["tiles"] = {"url": tiles[0], "attribution": tiles[1]}
    return document
