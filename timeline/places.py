"""The gazetteer: one YAML file per place under ``places/`` beside ``events/``.

One file per place rather than one big file, as for events and eras: a pull request
that adds a place touches one small file, the id (the file name) is the place page's
permalink, and the loader's limits and file:line errors apply unchanged.

A place has a name and aliases (what events' ``places`` may say), a point (``lat``
and ``lon``, written in that order as people read coordinates) or a GeoJSON
``geometry`` for a region or a route (longitude first, as RFC 7946 says), an
optional Wikidata id and an optional parent place.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Sequence
from typing import Any, Final

from timeline.config import Settings
from timeline.folders import PLACES, load_items
from timeline.loader import EventFile, Mapping, Node, Scalar
from timeline.loader import Sequence as SequenceNode
from timeline.model import Event, Place
from timeline.problems import Problem
from timeline.schema import Field, Kind, _Reader, field_marks

CODES = {
    "E601": "the file name of a place is not a valid place id",
    "E602": "two files in places/ have the same id",
    "E603": "an event names a place the gazetteer does not know",
    "E604": "coordinates or geometry that are not valid GeoJSON on the Earth",
    "E605": "`parent` names a place that does not exist, or parents go round in a cycle",
    "E606": "invalid Wikidata id",
}

PLACE_FIELDS = (
    Field("name", Kind.TEXT, "The place's name as events write it.", "Paris", required=True),
    Field("aliases", Kind.TEXT_LIST, "Other names events may use.", "[Lutetia]"),
    Field("lat", Kind.TEXT, "Latitude in degrees, north positive.", "48.8566"),
    Field("lon", Kind.TEXT, "Longitude in degrees, east positive.", "2.3522"),
    Field(
        "geometry",
        Kind.TEXT,
        "A GeoJSON geometry (region or route), longitude first, instead of lat/lon.",
        "{type: LineString, coordinates: [[30.5, 50.4], [37.6, 55.8]]}",
    ),
    Field("wikidata", Kind.TEXT, "The Wikidata item.", "Q90"),
    Field("parent", Kind.TEXT, "The id of the place it lies in.", "france"),
)
_SIMPLE = tuple(f for f in PLACE_FIELDS if f.name != "geometry")
_NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")
# How deep positions sit in each GeoJSON geometry's coordinates (render/maps.py reads it).
GEOMETRY_DEPTH: Final = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}


def read_place(file: EventFile, settings: Settings) -> tuple[Place | None, list[Problem]]:
    """Read one place file against PLACE_FIELDS: the Place, or None, and the problems."""
    reader = _Reader(file, settings)
    root = file.root
    reader.check_fields(root, PLACE_FIELDS, "")
    values = reader.values(root, _SIMPLE, "")
    entries = root.entries
    geometry: dict[str, Any] | None = None
    if "geometry" in entries:
        if "lat" in entries or "lon" in entries:
            reader.problem(
                entries["geometry"][0],
                "E604",
                "geometry",
                "both `geometry` and `lat`/`lon` are given",
                "keep one: lat/lon for a point, geometry for a region or a route",
            )
        else:
            geometry = _geometry(reader, entries["geometry"][1])
    elif "lat" in values or "lon" in values:
        geometry = _point(reader, root, values)
    wikidata = values.get("wikidata")
    if wikidata is not None and not _WIKIDATA.match(wikidata):
        reader.problem(
            entries["wikidata"][1],
            "E606",
            "wikidata",
            f"expected a Wikidata id such as 'Q90', got {wikidata!r}",
            "the Q number at the end of the item's address on wikidata.org",
        )
    if any(p.is_error for p in reader.problems) or "name" not in values:
        return None, reader.problems
    return (
        Place(
            id=file.path.stem,
            path=file.display,
            name=values["name"],
            aliases=values.get("aliases", ()),
            geometry=geometry,
            wikidata=wikidata,
            parent=values.get("parent"),
            marks=field_marks(root),
        ),
        reader.problems,
    )


def _point(reader: _Reader, root: Mapping, values: dict[str, Any]) -> dict[str, Any] | None:
    coordinates: list[float] = []
    for name, limit in (("lon", 180.0), ("lat", 90.0)):
        if name not in values:
            other = "lat" if name == "lon" else "lon"
            reader.problem(
                root.entries[other][0],
                "E604",
                name,
                f"`{other}` is given without `{name}`",
                f"a point needs both: add `{name}: ...`",
            )
            return None
        number = _number(values[name])
        if number is None or abs(number) > limit:
            reader.problem(
                root.entries[name][1],
                "E604",
                name,
                f"expected degrees from {-limit:g} to {limit:g}, got {values[name]!r}",
                "write decimal degrees, such as 48.8566 (south and west are negative)",
            )
            return None
        coordinates.append(number)
    return {"type": "Point", "coordinates": coordinates}


def _number(text: str) -> float | None:
    if not _NUMBER.match(text.strip()):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def _geometry(reader: _Reader, node: Node) -> dict[str, Any] | None:
    """A GeoJSON geometry from the YAML tree; every number checked against the Earth."""
    problem = _geometry_problem(node)
    if problem is not None:
        where, message = problem
        reader.problem(
            where,
            "E604",
            "geometry",
            message,
            "a GeoJSON geometry: `{type: Polygon, coordinates: [[[lon, lat], ...]]}`, "
            "longitude first",
        )
        return None
    assert isinstance(node, Mapping)
    kind = node.entries["type"][1]
    assert isinstance(kind, Scalar)
    return {"type": kind.text.strip(), "coordinates": _numbers(node.entries["coordinates"][1])}


def _geometry_problem(node: Node) -> tuple[Node, str] | None:
    if not isinstance(node, Mapping) or set(node.entries) != {"type", "coordinates"}:
        return node, "expected a mapping of `type` and `coordinates`"
    kind = node.entries["type"][1]
    text = kind.text.strip() if isinstance(kind, Scalar) else ""
    if text not in GEOMETRY_DEPTH:
        return kind, f"expected a type such as {', '.join(GEOMETRY_DEPTH)}, got {text!r}"
    return _positions_problem(node.entries["coordinates"][1], GEOMETRY_DEPTH[text], text)


def _positions_problem(node: Node, depth: int, kind: str) -> tuple[Node, str] | None:
    if not isinstance(node, SequenceNode):
        return node, f"expected a list of coordinates for a {kind}"
    if depth == 0:
        numbers = [_number(item.text) if isinstance(item, Scalar) else None for item in node.items]
        if len(numbers) != 2 or None in numbers:
            return node, "expected a position [longitude, latitude]"
        lon, lat = numbers
        assert lon is not None and lat is not None
        if abs(lon) > 180 or abs(lat) > 90:
            return node, f"[{lon:g}, {lat:g}] is not on the Earth: longitude comes first"
        return None
    if not node.items:
        return node, f"expected at least one position in a {kind}"
    for item in node.items:
        problem = _positions_problem(item, depth - 1, kind)
        if problem is not None:
            return problem
    return None


def _numbers(node: Node) -> Any:
    if isinstance(node, SequenceNode):
        return [_numbers(item) for item in node.items]
    assert isinstance(node, Scalar)
    return float(node.text)


def load_places(settings: Settings) -> tuple[list[Place], set[str], list[Problem]]:
    """Every place under ``places/`` (none is fine), every place file's id, and problems."""
    return load_items(settings, PLACES, read_place)


def check_places(places: Sequence[Place], ids: set[str], events: Sequence[Event]) -> list[Problem]:
    """Parents that exist and make no cycle; events' places known, when there is a gazetteer."""
    problems: list[Problem] = []
    by_id = {place.id: place for place in places}
    for place in places:
        if place.parent is None:
            continue
        seen = {place.id}
        parent: str | None = place.parent
        while parent is not None:
            if parent not in by_id:
                if parent not in ids:
                    problems.append(_parent_problem(place, f"no place has the id {parent!r}", ids))
                break
            if parent in seen:
                problems.append(_parent_problem(place, "parents go round in a cycle", ids))
                break
            seen.add(parent)
            parent = by_id[parent].parent
    if not places and not ids:
        return problems  # no gazetteer: places are free text
    names: dict[str, str] = {}
    for place in places:
        for name in place.names:
            names.setdefault(name.casefold(), name)
    for event in events:
        for index, name in enumerate(event.places):
            if name.casefold() in names:
                continue
            close = difflib.get_close_matches(name.casefold(), list(names), n=1, cutoff=0.6)
            problems.append(
                Problem(
                    event.path,
                    *event.mark("places"),
                    "E603",
                    f"the gazetteer has no place named {name!r}",
                    f"did you mean {names[close[0]]!r}?"
                    if close
                    else "add a file to places/ with this name (or alias) and its coordinates",
                    f"places[{index}]",
                )
            )
    return problems


def _parent_problem(place: Place, message: str, ids: set[str]) -> Problem:
    close = difflib.get_close_matches(place.parent or "", sorted(ids - {place.id}), n=1)
    return Problem(
        place.path,
        *place.mark("parent"),
        "E605",
        message,
        f"did you mean {close[0]!r}?" if close else "parent is the file name of another place",
        "parent",
    )
