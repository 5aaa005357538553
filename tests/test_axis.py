"""The time axis in Python: extents, ticks (BC/AD, no year 0), lanes, the data file, the SVG."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from timeline.check import check_paths
from timeline.config import Settings
from timeline.dates.model import days_from_civil
from timeline.model import Event, Timeline
from timeline.render import axis
from timeline.render.pages import SiteOptions, build_pages, section_of

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "axis"
GOLDEN = Path(__file__).resolve().parent / "golden" / "axis.svg"


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    result = check_paths(Settings(root=FIXTURE))
    assert result.timeline is not None, [p.format() for p in result.errors]
    return result.timeline


def event(timeline: Timeline, event_id: str) -> Event:
    return timeline.by_id[event_id]


# -- extents ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event_id", "lo", "hi"),
    [
        ("day-event", (2025, 4, 21), (2025, 4, 22)),
        ("month-event", (2025, 1, 1), (2025, 2, 1)),
        ("season-event", (2024, 6, 1), (2024, 9, 1)),
        ("quarter-event", (2024, 7, 1), (2024, 10, 1)),
        ("caesar-dies", (-43, 1, 1), (-42, 1, 1)),
        ("roaring-decade", (1920, 1, 1), (1930, 1, 1)),
        ("war-years", (1939, 9, 1), (1945, 9, 3)),
    ],
)
def test_an_event_covers_exactly_the_days_its_date_says(
    timeline: Timeline, event_id: str, lo: tuple[int, int, int], hi: tuple[int, int, int]
) -> None:
    assert axis.extent(event(timeline, event_id)) == (days_from_civil(*lo), days_from_civil(*hi))


def test_a_moment_is_a_point_at_its_minute(timeline: Timeline) -> None:
    low, high = axis.extent(event(timeline, "minute-event"))
    assert low == high == days_from_civil(2025, 4, 22) + 12.5 / 24


def test_qualifier_bits(timeline: Timeline) -> None:
    assert axis.qualifier_bits(event(timeline, "approximate-year")) == axis.APPROXIMATE
    assert axis.qualifier_bits(event(timeline, "uncertain-year")) == axis.UNCERTAIN
    assert axis.qualifier_bits(event(timeline, "war-years")) == axis.SPAN
    assert axis.qualifier_bits(event(timeline, "day-event")) == 0


# -- ticks -------------------------------------------------------------------------------


def labels(lo: tuple[int, int, int], hi: tuple[int, int, int], width: float = 1000) -> list[str]:
    return [t.label for t in axis.ticks(days_from_civil(*lo), days_from_civil(*hi), width)]


def test_centuries_across_the_era_have_no_year_zero() -> None:
    found = labels((-499, 1, 1), (450, 1, 1), width=1000)
    assert found == [
        "500 BC", "400 BC", "300 BC", "200 BC", "100 BC", "AD 1", "AD 100", "AD 200", "AD 300",
        "AD 400",
    ]  # fmt: skip
    wider_steps = labels((-499, 1, 1), (450, 1, 1), width=800)
    assert wider_steps == ["400 BC", "200 BC", "AD 1", "AD 200", "AD 400"]


def test_single_years_across_the_era_go_from_1_bc_to_ad_1() -> None:
    found = labels((-3, 1, 1), (4, 1, 1), width=900)
    assert found == ["4 BC", "3 BC", "2 BC", "1 BC", "AD 1", "AD 2", "AD 3", "AD 4"]
    assert "0" not in " ".join(found).split()


def test_a_tick_sits_on_the_first_day_of_its_year() -> None:
    for tick in axis.ticks(days_from_civil(-2999, 1, 1), days_from_civil(2025, 1, 1), 1000):
        year = int(tick.label.split()[0]) if "BC" in tick.label else None
        if year is not None:
            assert tick.at == days_from_civil(1 - year, 1, 1)


def test_millennia_then_centuries_then_decades_as_the_view_narrows() -> None:
    found = labels((-2999, 1, 1), (2025, 1, 1), 600)
    assert found == ["3000 BC", "2000 BC", "1000 BC", "AD 1", "1000", "2000"]
    assert labels((1800, 6, 1), (2025, 1, 1))[:3] == ["1850", "1900", "1950"]
    assert labels((1990, 6, 1), (2025, 1, 1), 800)[:3] == ["1995", "2000", "2005"]


def test_months_days_and_hours() -> None:
    assert labels((2024, 11, 15), (2025, 6, 1), 900)[:4] == ["Dec 2024", "Jan 2025", "Feb", "Mar"]
    assert labels((2025, 4, 20), (2025, 4, 30), 900)[:3] == ["20 Apr 2025", "21 Apr", "22 Apr"]
    day = days_from_civil(2025, 4, 21)
    hours = [t.label for t in axis.ticks(day + 0.1, day + 1.2, 900)]
    assert hours[:2] == ["03:00 21 Apr 2025", "06:00"] and "22 Apr 2025" in hours


def test_day_ticks_skip_the_31st_beside_the_1st() -> None:
    found = labels((2025, 1, 1), (2025, 3, 1), 1000)
    assert found[:5] == ["1 Jan 2025", "11 Jan", "21 Jan", "1 Feb", "11 Feb"]


# -- lanes and the data file ---------------------------------------------------------------


def test_an_event_in_two_lanes_is_in_both(timeline: Timeline) -> None:
    titles, member = axis.assign_lanes(timeline.events, "tags")
    treaty = timeline.positions["day-event"]
    assert {titles[i] for i in member[treaty]} == {"diplomacy", "treaty"}


def test_explicit_lanes_hold_what_their_filter_names(timeline: Timeline) -> None:
    setting = axis.lane_setting(
        [{"title": "Old", "tags": ["rome", "building"]}, {"title": "Talks", "tags": "diplomacy"}]
    )
    titles, member = axis.assign_lanes(timeline.events, setting)
    assert titles == ("Old", "Talks")
    assert member[timeline.positions["caesar-dies"]] == (0,)
    assert member[timeline.positions["war-years"]] == ()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("colours", "expected one of none, tags, actors, places or a list, got 'colours'"),
        ([{"title": "x"}], "lane 1 ('x'): give tags, actors or places"),
        ([{"title": "x", "tag": ["a"]}], "lane 1: unknown key(s) tag"),
        ([{"tags": ["a"]}], "lane 1: expected {title: ..., tags: [...]}"),
    ],
)
def test_bad_lane_settings_say_what_is_wrong(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        axis.lane_setting(value)


def test_the_data_file_has_one_entry_per_event_in_every_column(timeline: Timeline) -> None:
    built = build_pages(timeline, SiteOptions(axis_lanes="tags"))
    data = json.loads(built.data["timeline/axis.json"])
    count = len(timeline)
    for column in ("lo", "hi", "p", "q", "imp", "t", "d", "u"):
        assert len(data[column]) == count, column
    assert len(data["lanes"]["of"]) == count
    month = data["u"].index("month-event")
    assert (data["lo"][month], data["hi"][month]) == axis.extent(event(timeline, "month-event"))
    assert data["p"][month] == 2 and data["d"][month] == "January 2025"
    assert data["href"] == "{id}/"
    assert data["imp"][data["u"].index("caesar-dies")] == 5


def test_no_axis_file_when_the_axis_is_off(timeline: Timeline) -> None:
    built = build_pages(timeline, SiteOptions(axis=False))
    assert "timeline/axis.json" not in built.data
    assert "tl-axis" not in built.pages[0].html


# -- list sections (item 7) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("event_id", "key", "label"),
    [
        ("roaring-decade", "y1920s", "1920s"),
        ("thirteenth-century", "y1200c", "13th century"),
        ("war-years", "y1939-1945", "1939–1945"),
        ("caesar-dies", "y-43", "44 BC"),
        ("month-event", "y2025", "2025"),
    ],
)
def test_a_list_heading_says_what_the_date_says(
    timeline: Timeline, event_id: str, key: str, label: str
) -> None:
    section = section_of(event(timeline, event_id))
    assert (section.key, section.label) == (key, label)


def test_the_years_index_and_jump_bar_use_the_same_headings(timeline: Timeline) -> None:
    built = build_pages(timeline, SiteOptions())
    pages = {page.src_uri: page for page in built.pages}
    years = pages["timeline/years/index.md"].html
    assert '<a href="../#y1920s">1920s</a>' in years
    assert '<a href="../#y1939-1945">1939–1945</a>' in years
    jump = pages["timeline/index.md"].html.split('class="tl-jump"')[1].split("</nav>")[0]
    assert '<a href="#y1200c">13th century</a>' in jump


# -- the SVG -----------------------------------------------------------------------------


def fixture_svg(timeline: Timeline) -> str:
    return axis.axis_svg(
        timeline.events,
        href=lambda e: f"{e.id}/",
        dates=lambda e: e.label,
        setting="tags",
        title="Axis fixture",
    )


def test_the_svg_matches_the_golden_file(timeline: Timeline) -> None:
    """Regenerate with UPDATE_GOLDEN=1 after a deliberate change, and look at the result."""
    svg = fixture_svg(timeline)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(svg, encoding="utf-8")
    assert svg == GOLDEN.read_text(encoding="utf-8")


def test_the_svg_links_every_mark_of_a_small_timeline(timeline: Timeline) -> None:
    svg = fixture_svg(timeline)
    # Lanes by tag: the treaty is in two lanes, so it has two marks.
    links = re.findall(r'<a href="([^"]+)"', svg)
    assert sorted(set(links)) == sorted(f"{e.id}/" for e in timeline.events)
    assert links.count("day-event/") == 2


def test_the_svg_escapes_titles() -> None:
    from timeline.dates import parse_date

    date = parse_date("2025")
    hostile = Event("x", "events/x.yaml", '<script>alert("x")</script>', date, date)
    svg = axis.axis_svg([hostile], href=lambda e: '"><script>', dates=lambda e: "2025")
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_crowded_lanes_turn_into_density_bars_with_links(timeline: Timeline) -> None:
    many = [timeline.by_id["day-event"]] * 400
    svg = axis.axis_svg(
        many, href=lambda e: "e/", bucket_href=lambda e: "list/#y2025", dates=lambda e: e.label
    )
    assert "tla-density" in svg and 'href="list/#y2025"' in svg
    assert "<title>400 events, 21 April 2025 to 21 April 2025</title>" not in svg
    assert "400 events" in svg


# -- the poster (timeline export svg) ----------------------------------------------------


def export_svg(*args: str) -> Any:
    from click.testing import CliRunner

    from timeline.cli import main

    config = str(FIXTURE / "mkdocs.yml")
    return CliRunner().invoke(main, ["export", "svg", "--config", config, *args])


def test_export_svg_draws_the_chosen_range_and_tags() -> None:
    result = export_svg("--from", "1900", "--to", "2025", "--tag", "diplomacy", "--lanes", "tags")
    assert result.exit_code == 0, result.output
    svg = result.stdout
    assert svg.startswith("<svg ") and 'width="420mm"' in svg
    titles = re.findall(r"<title>([^<]*) — ", svg)
    assert sorted(set(titles)) == ["A month of talks", "A speech at noon", "A treaty is signed"]
    assert "1900" in svg and "Caesar" not in svg
    assert "tags: diplomacy" in svg


def test_export_svg_whole_range_has_every_event() -> None:
    result = export_svg()
    assert result.exit_code == 0, result.output
    titles = set(re.findall(r"<title>([^<]*) — ", result.stdout))
    assert len(titles) == 12 and "Caesar is killed" in titles


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "Aprl 2025"], "Invalid value for --from: expected a date such as"),
        (["--from", "2000", "--to", "1990"], "Invalid value for --to: --to is before --from"),
    ],
)
def test_export_svg_bad_range_is_a_clear_error(args: list[str], message: str) -> None:
    result = export_svg(*args)
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output


def test_a_long_overview_lists_decades_not_thousands_of_periods() -> None:
    from timeline.render.pages import LISTED_PERIODS, period_listing

    def event_in(year: int) -> Event:
        from timeline.dates import parse_date

        date = parse_date(f"AD {year}" if year > 0 else f"{1 - year} BC")
        return Event(f"e{year}", f"events/e{year}.yaml", "x", date, date)

    few = {str(year): (event_in(year),) for year in (1990, 1991)}
    assert period_listing(few) == [("1990", "1990", 1), ("1991", "1991", 1)]
    many = {str(year): (event_in(year),) * 2 for year in range(-60, LISTED_PERIODS)}
    listing = period_listing(many)
    assert listing[0] == ("61 BC–52 BC", "-60", 20)
    # One year_label for the list, the axis and the dates: 'AD' below 1000, as in 'AD 79'.
    assert ("AD 10s", "10", 20) in listing and ("1 BC–AD 9", "0", 20) in listing
    assert sum(count for _label, _key, count in listing) == 2 * len(many)


# -- open ends ---------------------------------------------------------------------------


def open_event(text: str, event_id: str = "open") -> Event:
    from timeline.dates import parse_date

    date = parse_date(text)
    return Event(event_id, f"events/{event_id}.yaml", "Still going", date, date)


def test_open_ends_have_their_own_bits() -> None:
    assert axis.qualifier_bits(open_event("2022/..")) & axis.OPEN_END
    assert not axis.qualifier_bits(open_event("2022/..")) & axis.OPEN_START
    assert axis.qualifier_bits(open_event("../2006")) & axis.OPEN_START
    assert not axis.qualifier_bits(open_event("2022")) & (axis.OPEN_START | axis.OPEN_END)


def bar_of(svg: str) -> tuple[float, float]:
    rect = r'<rect class="tla-span[^"]*"[^>]* x="(-?[\d.]+)" y="[\d.]+" width="([\d.]+)"'
    match = re.search(rect, svg)
    assert match, svg
    return float(match[1]), float(match[1]) + float(match[2])


def test_an_ongoing_event_runs_to_the_right_edge_with_an_arrow() -> None:
    # The whole range runs to 2030: the known bound (the end of 2022) is far from the edge.
    lo, hi = days_from_civil(1990, 1, 1), days_from_civil(2030, 1, 1)
    events = [open_event("2022/.."), open_event("1990", "old")]
    svg = axis.axis_svg(events, href=lambda e: f"{e.id}/", dates=lambda e: e.label, lo=lo, hi=hi)
    width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg)[1])  # type: ignore[index]
    start, end = bar_of(svg.split('href="open/"')[1])
    assert start == pytest.approx((days_from_civil(2022, 1, 1) - lo) * width / (hi - lo), abs=0.1)
    assert end == pytest.approx(width, abs=0.1)
    arrow = re.search(r'<path class="tla-span tla-open" d="M[\d.]+ [\d.]+L([\d.]+)', svg)
    assert arrow and float(arrow[1]) == pytest.approx(width, abs=0.1)


def test_an_open_start_runs_from_the_left_edge_with_an_arrow() -> None:
    events = [open_event("../2006"), open_event("2020", "late")]
    svg = axis.axis_svg(events, href=lambda e: f"{e.id}/", dates=lambda e: e.label)
    start, end = bar_of(svg.split('href="open/"')[1])
    assert start == 0 and end > 0
    arrow = re.search(r'<path class="tla-span tla-open" d="M[\d.]+ [\d.]+L([\d.]+)', svg)
    assert arrow and float(arrow[1]) == 0


def test_an_ongoing_event_seen_after_its_start_still_crosses_the_view() -> None:
    begun = open_event("2022/..")
    lo = axis.extent(begun)[1] + 400
    svg = axis.axis_svg([begun], href=lambda e: "open/", dates=lambda e: "", lo=lo, hi=lo + 30)
    start, end = bar_of(svg)
    assert 'href="open/"' in svg and start <= 0 and end == pytest.approx(960, abs=0.1)


def test_a_build_draws_a_tags_axis_once_for_all_its_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every page of a tag shows the axis of all its events: drawn for each page, that
    cost the square of the timeline's size (at 100,000 events, most of the build)."""
    from benchmarks.generate import write_varied_events

    write_varied_events(tmp_path, 300, seed=5)
    checked = check_paths(Settings(root=tmp_path)).timeline
    assert checked is not None
    options = SiteOptions(split_threshold=5)  # ten events to a tag's page
    from timeline.render import pages as pages_module

    with monkeypatch.context() as uncached:  # the pages as drawn each on its own
        uncached.setattr(
            pages_module._Site, "_once_per_list", lambda site, events, key, make: make()
        )
        eager = {page.src_uri: page.html for page in build_pages(checked, options).pages}
    tag_events = max(checked.by_tag.values(), key=len)
    assert len(tag_events) > 40  # five pages or more
    drawn: list[bool] = []
    summed: list[bool] = []
    draw, summarise = axis.axis_svg, axis.summary

    def counted_draw(events: Any, **kwargs: Any) -> Any:
        drawn.append(events is tag_events)
        return draw(events, **kwargs)

    def counted_summary(events: Any, *args: Any, **kwargs: Any) -> Any:
        summed.append(events is tag_events)
        return summarise(events, *args, **kwargs)

    monkeypatch.setattr(axis, "axis_svg", counted_draw)
    monkeypatch.setattr(axis, "summary", counted_summary)
    lazy = build_pages(checked, options, lazy=True)
    for page in lazy.pages:
        made = page.make() if page.make is not None else page
        assert made.html == eager[page.src_uri], page.src_uri  # the same pages
    # Once for its first page, once for the others (their links are the same).
    assert drawn.count(True) == 2
    assert summed.count(True) == 1
