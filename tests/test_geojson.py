from __future__ import annotations

import json
import textwrap
from pathlib import Path

import geojson
import pytest

from tests.conftest import EXAMPLE_ROOT, WriteEvent
from timeline.check import check_paths
from timeline.config import Settings, load_settings
from timeline.exports import ExportOptions, export


def write_place(project: Path, name: str, text: str) -> None:
    path = project / "places" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def exported(settings: Settings) -> tuple[dict[str, object], tuple[str, ...]]:
    timeline = check_paths(settings).timeline
    assert timeline is not None
    result = export("geojson", timeline, ExportOptions(settings=settings))
    return json.loads(result.content), result.notes


def assert_rfc7946(data: object) -> None:
    parsed = geojson.loads(json.dumps(data))
    assert isinstance(parsed, geojson.FeatureCollection)
    assert parsed.is_valid, parsed.errors()
    for feature in parsed["features"]:
        assert feature.is_valid, feature.errors()
        # The geojson package checks shapes, not that positions lie on the Earth
        # (RFC 7946 section 4: WGS 84, longitude then latitude, in degrees).
        positions = geojson.utils.coords(feature) if feature["geometry"] else ()
        for lon, lat in positions:
            assert -180 <= lon <= 180 and -90 <= lat <= 90, (lon, lat)


def test_the_example_timeline_exports_valid_geojson() -> None:
    data, _notes = exported(load_settings(start=EXAMPLE_ROOT))
    assert_rfc7946(data)
    features = data["features"]
    assert isinstance(features, list)
    places = {f["properties"]["id"] for f in features if f["properties"]["kind"] == "place"}
    assert {"moscow", "tehran", "beijing", "damascus", "gaza"} <= places


def test_features_per_place_and_event(
    project: Path, write_event: WriteEvent, settings: Settings
) -> None:
    write_place(project, "moscow.yaml", "name: Moscow\naliases: [Moskva]\nlat: 55.75\nlon: 37.62\n")
    write_place(project, "tehran.yaml", "name: Tehran\nlat: 35.69\nlon: 51.39\n")
    write_place(
        project,
        "route.yaml",
        "name: Route\ngeometry: {type: LineString, "
        "coordinates: [[51.39, 35.69], [37.62, 55.75]]}\n",
    )
    write_event("a.yaml", "title: Signed\ndate: Jan 2025\nplaces: [Moskva, Tehran]\n")
    write_event("b.yaml", "title: Flight\ndate: 21–22 April 2025\nplaces: [Route]\n")
    write_event("c.yaml", "title: Nowhere\ndate: 2025\n")
    write_event("d.yaml", "title: Since\ndate: 2024-03\nend: ongoing\nplaces: [Tehran]\n")
    data, notes = exported(settings)
    assert_rfc7946(data)
    assert notes == ()
    features = {f["id"]: f for f in data["features"]}  # type: ignore[attr-defined]
    assert sorted(features) == [
        "event:a",
        "event:b",
        "event:d",
        "place:moscow",
        "place:route",
        "place:tehran",
    ]
    assert features["place:moscow"]["geometry"] == {"type": "Point", "coordinates": [37.62, 55.75]}
    assert features["place:moscow"]["properties"]["events"] == ["a"]
    signed = features["event:a"]
    assert signed["geometry"]["type"] == "GeometryCollection"
    assert [g["coordinates"] for g in signed["geometry"]["geometries"]] == [
        [37.62, 55.75],
        [51.39, 35.69],
    ]
    props = signed["properties"]
    assert (props["date"], props["lower"], props["upper"]) == (
        "2025-01",
        "2025-01-01",
        "2025-01-31",
    )
    assert signed["when"] == {
        "timespans": [
            {
                "start": {"earliest": "2025-01-01", "latest": "2025-01-31"},
                "end": {"earliest": "2025-01-01", "latest": "2025-01-31"},
            }
        ],
        "label": "January 2025",
    }
    flight = features["event:b"]
    assert flight["geometry"]["type"] == "LineString"
    assert flight["when"]["timespans"][0]["end"] == {
        "earliest": "2025-04-22",
        "latest": "2025-04-22",
    }
    assert "end" not in features["event:d"]["when"]["timespans"][0]  # ongoing: no end


def test_events_without_a_gazetteer_have_null_geometry(
    write_event: WriteEvent, settings: Settings
) -> None:
    write_event("a.yaml", "title: A\ndate: 2025\nplaces: [Somewhere]\n")
    data, notes = exported(settings)
    assert_rfc7946(data)
    (feature,) = data["features"]  # type: ignore[misc]
    assert feature["geometry"] is None
    assert notes == ("1 event(s) name no place of the gazetteer: geometry null",)


@pytest.mark.parametrize("bad", [[200.0, 10.0], [10.0]])
def test_the_validator_in_these_tests_can_fail(bad: list[float]) -> None:
    data = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": bad}, "properties": {}}
        ],
    }
    with pytest.raises(AssertionError):
        assert_rfc7946(data)
