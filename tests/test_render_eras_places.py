from __future__ import annotations

import re

import pytest

from tests.conftest import EXAMPLE_ROOT
from timeline.check import check_paths
from timeline.config import load_settings
from timeline.render.maps import Window, land, place_map
from timeline.render.pages import SiteOptions, build_pages


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    timeline = check_paths(load_settings(start=EXAMPLE_ROOT)).timeline
    assert timeline is not None
    return {p.src_uri: p.html for p in build_pages(timeline, SiteOptions()).pages}


def test_era_pages_list_their_events(pages: dict[str, str]) -> None:
    index = pages["timeline/eras/index.md"]
    assert "Russia&#39;s war in Ukraine, since February 2022" in index
    war = pages["timeline/eras/war-in-ukraine.md"]
    assert "2022-02-24-russia-invades-ukraine" in war
    # The Hamas attack names its own era, so it is not listed under this one.
    assert "2023-10-07-hamas-attacks-israel" not in war
    assert "2023-10-07-hamas-attacks-israel" in pages["timeline/eras/war-after-october-7.md"]


def test_place_pages_draw_the_place_where_it_is(pages: dict[str, str]) -> None:
    moscow = pages["timeline/places/moscow.md"]
    assert '<svg class="tl-map"' in moscow and "Map: Moscow, at 55.76° N, 37.62° E" in moscow
    # The map is centred on the place: the dot sits in the middle of the 320 × 200 box.
    assert re.search(r'<circle class="tl-map-place" cx="160" cy="100"', moscow)
    assert '<path class="tl-map-area"' in pages["timeline/places/gaza.md"]
    assert "<script" not in moscow.split('<svg class="tl-map"')[1].split("</svg>")[0]


def test_projection_is_linear_in_degrees() -> None:
    window = Window.around((37.6, 55.75, 37.6, 55.75))
    assert window.project(37.6, 55.75) == (160.0, 100.0)
    # North is up, east is right; a degree of longitude is cos(latitude) of one of latitude.
    x1, y1 = window.project(38.6, 56.75)
    assert x1 > 160 and y1 < 100
    assert abs((x1 - 160) / (100 - y1) - 0.5621) < 0.01  # cos(55.75°)


def test_basemap_is_the_whole_world() -> None:
    rings = land()
    assert len(rings) > 100
    south = min(b[1] for _r, b in rings)
    north = max(b[3] for _r, b in rings)
    assert south < -85 and north > 83
    # Unwrapped across the antimeridian, every ring still spans less than the Earth,
    # so each is drawn once per 360° shift.
    assert all(b[2] - b[0] < 360 for _r, b in rings)


def test_a_map_near_the_antimeridian_has_land_on_both_sides() -> None:
    svg = place_map({"type": "Point", "coordinates": [177.0, 64.7]}, "Anadyr")
    land_path = re.search(r'class="tl-map-land" d="([^"]*)"', svg)
    assert land_path is not None
    xs = [float(x) for x in re.findall(r"[ML ](-?[\d.]+),", land_path.group(1))]
    # Chukotka west of the dot and Alaska east of it, with no line across the map.
    assert any(0 < x < 150 for x in xs) and any(200 < x < 320 for x in xs)


def test_eras_open_where_their_first_event_is_listed(pages: dict[str, str]) -> None:
    html = pages["timeline/index.md"]
    start = html.index('id="era-war-in-ukraine"')
    assert "Russia&#39;s war in Ukraine, since February 2022" in html[start : start + 300]
    # The marker sits in the 2022 section, before the invasion, its first event.
    assert html.rindex('id="y2022"', 0, start) > html.rfind('id="y2021"', 0, start)
    assert start < html.index("2022-02-24-russia-invades-ukraine", html.index("data-tl-list"))
    after = html.index('id="era-war-after-october-7"')
    assert html.rindex('id="y2023"', 0, after) > start
    assert html.count("tl-era-start") == 2
    # Compact lists (tag, actor, place pages) do not repeat them.
    assert "tl-era-start" not in pages["timeline/places/moscow.md"]
