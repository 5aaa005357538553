"""The map page in Python: its places, window, static map, data file and setting."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from timeline.check import check_paths
from timeline.config import Settings
from timeline.errors import ConfigError
from timeline.model import Timeline
from timeline.render import maps
from timeline.render.pages import SiteOptions, SitePages, build_pages

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "map"


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    result = check_paths(Settings(root=FIXTURE))
    assert result.timeline is not None, [p.format() for p in result.errors]
    return result.timeline


@pytest.fixture(scope="module")
def built(timeline: Timeline) -> SitePages:
    return build_pages(timeline, SiteOptions())


def page(built: SitePages, src: str) -> str:
    return next(p.html for p in built.pages if p.src_uri == src)


def test_places_are_those_events_name_with_their_events(timeline: Timeline) -> None:
    places = {item.place.name: item for item in maps.map_places(timeline)}
    assert sorted(places) == ["Berlin", "Havana", "Moscow", "Washington"]
    ids = [timeline.events[i].id for i in places["Berlin"].events]
    assert ids == ["1948-06-24-berlin-blockade", "1989-11-09-berlin-wall-falls"]
    assert places["Moscow"].point == (37.6173, 55.7558)
    assert len(places["Moscow"].events) == 4


def test_an_area_is_placed_at_its_middle(tmp_path: Path) -> None:
    (tmp_path / "events").mkdir()
    (tmp_path / "places").mkdir()
    (tmp_path / "places" / "box.yaml").write_text(
        "name: Box\ngeometry:\n  type: Polygon\n  coordinates:\n"
        "    - [[10, 20], [14, 20], [14, 30], [10, 30], [10, 20]]\n",
        encoding="utf-8",
    )
    (tmp_path / "events" / "e.yaml").write_text(
        "title: E\ndate: 2020\nplaces: [Box]\n", encoding="utf-8"
    )
    timeline = check_paths(Settings(root=tmp_path)).timeline
    assert timeline is not None
    (item,) = maps.map_places(timeline)
    assert item.point == (12, 25)
    document = maps.map_data(timeline, [item], lambda p: "x/")
    assert document["places"][0]["g"]["type"] == "Polygon"  # the area is drawn too


def test_the_static_map_links_each_place_where_the_projection_puts_it(
    timeline: Timeline,
) -> None:
    places = maps.map_places(timeline)
    window = maps.map_window(places)
    svg = maps.world_map(places, lambda p: f"/places/{p.name.lower()}/", "Map of the places")
    for item in places:
        x, y = window.project(*item.point)
        assert re.search(
            rf'<a href="/places/{item.name.lower()}/"><title>{item.place.name}: \d+ events?'
            rf'</title><circle class="tl-map-place" cx="{x:g}" cy="{y:g}"',
            svg,
        ), item.name
        assert 0 < x < maps.MAP_WIDTH and 0 < y < maps.MAP_HEIGHT
    assert 'class="tl-map-land"' in svg


def test_the_window_keeps_the_shape_of_the_earth(timeline: Timeline) -> None:
    window = maps.map_window(maps.map_places(timeline))
    # Equirectangular at the middle parallel: a degree east is cos(lat0) of a degree north.
    import math

    lat0 = (window.south + window.north) / 2
    x_per_degree = maps.MAP_WIDTH / (window.east - window.west)
    y_per_degree = maps.MAP_HEIGHT / (window.north - window.south)
    assert x_per_degree == pytest.approx(y_per_degree * math.cos(math.radians(lat0)))


def test_the_map_page_and_its_files(built: SitePages, timeline: Timeline) -> None:
    html = page(built, "timeline/map.md")
    assert 'data-tl-map="../map.json"' in html and 'class="tl-map tl-map-world"' in html
    for name in ("d3-array.min.js", "d3-geo.min.js", "topojson-client.min.js", "map.js"):
        assert f'<script src="../assets/{name}"></script>' in html
        assert f"timeline/assets/{name}" in built.data
    assert built.data["timeline/assets/land-110m.json"] == maps.BASEMAP.read_text("utf-8")
    # Events with a place are listed; the one without (the Warsaw Pact) is not.
    assert html.count("<li data-tl-id=") == 7 and "Warsaw" not in html
    assert next(p for p in built.pages if p.src_uri == "timeline/map.md").in_nav
    document = json.loads(built.data["timeline/map.json"])
    assert [p["n"] for p in document["places"]] == ["Berlin", "Havana", "Moscow", "Washington"]
    assert document["places"][2]["u"] == "places/moscow/"
    assert "tiles" not in document
    cuban = document["events"]["u"].index("1962-10-cuban-missile-crisis")
    assert sorted(document["events"]["of"][cuban]) == [1, 3]  # Havana, Washington


def test_no_gazetteer_no_map_page(tmp_path: Path) -> None:
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "e.yaml").write_text(
        "title: E\ndate: 2020\nplaces: [Somewhere]\n", encoding="utf-8"
    )
    timeline = check_paths(Settings(root=tmp_path)).timeline
    assert timeline is not None
    built = build_pages(timeline, SiteOptions())
    assert not any(p.src_uri.endswith("map.md") for p in built.pages)
    assert not any("map" in name or "d3" in name for name in built.data)


def test_a_tile_layer_goes_into_the_data_file(timeline: Timeline) -> None:
    tiles = ("https://tiles.example.org/{z}/{x}/{y}.png", "© Example contributors")
    built = build_pages(timeline, SiteOptions(map_tiles=tiles))
    document = json.loads(built.data["timeline/map.json"])
    assert document["tiles"] == {"url": tiles[0], "attribution": tiles[1]}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("https://x/{z}/{x}/{y}.png", "expected {tiles: URL, attribution: text}"),
        ({"tiles": "https://x/{z}/{x}/{y}.png"}, "attribution: the tile server's credit"),
        ({"tiles": "ftp://x/{z}/{x}/{y}", "attribution": "a"}, "tiles: expected an https://"),
        ({"tiles": "https://x/tile.png", "attribution": "a"}, "with {z}, {x} and {y}"),
        ({"tiles": "https://x/{z}/{x}/{y}", "attribution": "a", "key": 1}, "unknown key(s) key"),
    ],
)
def test_a_bad_map_setting_is_a_clear_error(value: object, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        Settings.from_mapping({"map": value}, root=Path("."))
    assert message in str(error.value)


def test_a_good_map_setting(tmp_path: Path) -> None:
    settings = Settings.from_mapping(
        {"map": {"tiles": "https://t.example/{z}/{x}/{y}.png", "attribution": " © T "}},
        root=tmp_path,
    )
    assert settings.map == ("https://t.example/{z}/{x}/{y}.png", "© T")
    assert Settings(root=tmp_path).map is None  # off by default


def test_an_event_may_not_take_the_map_pages_name(tmp_path: Path) -> None:
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "map.yaml").write_text("title: Map\ndate: 2020\n", encoding="utf-8")
    (problem,) = check_paths(Settings(root=tmp_path)).problems
    assert problem.code == "E206" and "map" in problem.message
