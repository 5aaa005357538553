from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.conftest import WriteEvent
from timeline.check import check_paths
from timeline.config import Settings


def write_place(project: Path, name: str, text: str) -> None:
    path = project / "places" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


MOSCOW = "name: Moscow\naliases: [Moskva]\nlat: 55.7558\nlon: 37.6173\nwikidata: Q649\n"

GOOD = [
    (MOSCOW, {"type": "Point", "coordinates": [37.6173, 55.7558]}),
    ("name: Nowhere in particular\n", None),
    ("name: South\nlat: -33.9\nlon: '-18.4'\n", {"type": "Point", "coordinates": [-18.4, -33.9]}),
    (
        "name: Route\ngeometry:\n  type: LineString\n  coordinates: [[30.5, 50.4], [37.6, 55.8]]\n",
        {"type": "LineString", "coordinates": [[30.5, 50.4], [37.6, 55.8]]},
    ),
    (
        "name: Box\ngeometry: {type: Polygon, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]]}\n",
        {"type": "Polygon", "coordinates": [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]]},
    ),
]


@pytest.mark.parametrize(("text", "geometry"), GOOD)
def test_good_places(project: Path, settings: Settings, text: str, geometry: object) -> None:
    write_place(project, "here.yaml", text)
    result = check_paths(settings)
    assert [p.format() for p in result.problems] == []
    assert result.timeline is not None
    (place,) = result.timeline.places
    assert place.geometry == geometry


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lat: 1\nlon: 2\n", [("E102", "name", 1, 1)]),
        ("name: X\nlat: 91\nlon: 0\n", [("E604", "lat", 2, 6)]),
        ("name: X\nlat: 10\nlon: east\n", [("E604", "lon", 3, 6)]),
        ("name: X\nlat: 10\n", [("E604", "lon", 2, 1)]),
        (
            "name: X\nlat: 1\nlon: 2\ngeometry: {type: Point, coordinates: [2, 1]}\n",
            [("E604", "geometry", 4, 1)],
        ),
        ("name: X\ngeometry: {type: Circle, coordinates: [2, 1]}\n", [("E604", "geometry", 2, 18)]),
        (
            "name: X\ngeometry: {type: Point, coordinates: [55.7, 137.6]}\n",
            [("E604", "geometry", 2, 38)],
        ),
        (
            "name: X\ngeometry: {type: LineString, coordinates: [1, 2]}\n",
            [("E604", "geometry", 2, 44)],
        ),
        ("name: X\ngeometry: [1, 2]\n", [("E604", "geometry", 2, 11)]),
        ("name: X\nwikidata: 649\n", [("E606", "wikidata", 2, 11)]),
        ("name: X\nparent: atlantis\n", [("E605", "parent", 2, 9)]),
        ("name: X\nparent: here\n", [("E605", "parent", 2, 9)]),
        ("name: X\nlatitude: 3\n", [("E101", "latitude", 2, 1)]),
    ],
)
def test_bad_places(project: Path, settings: Settings, text: str, expected: list[object]) -> None:
    write_place(project, "here.yaml", text)
    result = check_paths(settings)
    assert [(p.code, p.field, p.line, p.column) for p in result.problems] == expected
    assert result.timeline is None


def test_place_ids_are_file_names(project: Path, settings: Settings) -> None:
    write_place(project, "Moscow City.yaml", "name: Moscow\n")
    write_place(project, "a/moscow.yaml", "name: Moscow\n")
    write_place(project, "b/moscow.yaml", "name: Moskva\n")
    assert [(p.path, p.code) for p in check_paths(settings).problems] == [
        ("places/Moscow City.yaml", "E601"),
        ("places/b/moscow.yaml", "E602"),
    ]


def test_parents_exist_and_make_no_cycle(project: Path, settings: Settings) -> None:
    write_place(project, "russia.yaml", "name: Russia\n")
    write_place(project, "moscow.yaml", "name: Moscow\nparent: russia\n")
    write_place(project, "a.yaml", "name: A\nparent: b\n")
    write_place(project, "b.yaml", "name: B\nparent: a\n")
    found = [(p.path, p.code, p.message) for p in check_paths(settings).problems]
    assert found == [
        ("places/a.yaml", "E605", "parents go round in a cycle"),
        ("places/b.yaml", "E605", "parents go round in a cycle"),
    ]


def test_unknown_event_places_only_with_a_gazetteer(
    project: Path, write_event: WriteEvent, settings: Settings
) -> None:
    write_event("a.yaml", "title: A\ndate: 2024\nplaces: [Moskva, Teheran, Atlantis]\n")
    assert check_paths(settings).problems == ()  # no places/: places are free text
    write_place(project, "moscow.yaml", MOSCOW)
    write_place(project, "tehran.yaml", "name: Tehran\nlat: 35.6892\nlon: 51.389\n")
    result = check_paths(settings)
    assert [(p.code, p.field, p.line, p.hint) for p in result.problems] == [
        ("E603", "places[1]", 3, "did you mean 'Tehran'?"),
        (
            "E603",
            "places[2]",
            3,
            "add a file to places/ with this name (or alias) and its coordinates",
        ),
    ]


def test_events_at_a_place_by_name_or_alias(
    project: Path, write_event: WriteEvent, settings: Settings
) -> None:
    write_place(project, "moscow.yaml", MOSCOW)
    write_event("a.yaml", "title: A\ndate: 2024\nplaces: [Moskva]\n")
    write_event("b.yaml", "title: B\ndate: 2025\nplaces: [moscow]\n")
    timeline = check_paths(settings).timeline
    assert timeline is not None
    (moscow,) = timeline.places
    assert [e.id for e in timeline.events_at(moscow)] == ["a", "b"]
    assert timeline.place_by_name["moskva"] is moscow
