"""Era bands and link arrows on the axis: the data file's columns, the SVG, the poster."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from timeline.check import check_paths
from timeline.config import Settings
from timeline.dates.model import days_from_civil
from timeline.model import Timeline
from timeline.relations import WORDS
from timeline.render import axis

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "map"


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    result = check_paths(Settings(root=FIXTURE))
    assert result.timeline is not None, [p.format() for p in result.errors]
    return result.timeline


def project(tmp_path: Path, eras: dict[str, str]) -> Timeline:
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "one.yaml").write_text("title: One\ndate: 1960\n", encoding="utf-8")
    (tmp_path / "eras").mkdir()
    for name, text in eras.items():
        (tmp_path / "eras" / f"{name}.yaml").write_text(text, encoding="utf-8")
    result = check_paths(Settings(root=tmp_path))
    assert result.timeline is not None, [p.format() for p in result.errors]
    return result.timeline


def test_an_era_covers_exactly_its_dates_at_their_precision(timeline: Timeline) -> None:
    eras = {era.id: era for era in timeline.eras}
    assert axis.era_extent(eras["cold-war"]) == (
        days_from_civil(1947, 1, 1),
        days_from_civil(1992, 1, 1),
    )
    assert axis.era_extent(eras["space-age"])[0] == days_from_civil(1957, 10, 4)


def era(start: str, end: str = "") -> str:
    return f"title: An era\ndate: {start}\n" + (f"end: {end}\n" if end else "")


@pytest.mark.parametrize(
    ("eras", "rows"),
    [
        # Apart: one row. Overlapping: a row each. Nested: below the outer one.
        (
            {"a": era("1950", "1955"), "b": era("1960", "1965")},
            [0, 0],
        ),
        (
            {"a": era("1950", "1962"), "b": era("1960", "1965")},
            [0, 1],
        ),
        (
            {
                "a": era("1950", "1990"),
                "b": era("1960", "1965"),
                "c": era("1970", "1975"),
            },
            [0, 1, 1],
        ),
        # An open end reaches every later era, however far.
        ({"a": era("1950", "ongoing"), "b": era("2500")}, [0, 1]),
        # Touching ends do not overlap: an era's end is the next one's start.
        (
            {"a": era("1950", "1959"), "b": era("1960", "1965")},
            [0, 0],
        ),
    ],
)
def test_overlapping_and_nested_eras_stack_in_rows(
    tmp_path: Path, eras: dict[str, str], rows: list[int]
) -> None:
    timeline = project(tmp_path, eras)
    assert list(axis.era_rows(timeline.eras)) == rows


def test_the_data_file_has_the_eras_columns(timeline: Timeline) -> None:
    data = axis.axis_data(timeline.events, "none", lambda e: e.id, timeline.eras)
    eras = data["eras"]
    assert eras["u"] == [era.id for era in timeline.eras]
    assert eras["lo"] == [axis._number(axis.era_extent(era)[0]) for era in timeline.eras]
    space = eras["u"].index("space-age")
    detente = eras["u"].index("detente")
    assert eras["q"][space] & axis.OPEN_END and not eras["q"][detente] & axis.OPEN_END
    assert eras["q"][detente] & axis.APPROXIMATE
    assert eras["c"][eras["u"].index("cold-war")] == "#c9dcef"
    assert eras["c"][detente] == ""  # no colour of its own: the page's default
    assert len(set(zip(eras["row"], eras["u"], strict=True))) == 3


def test_a_short_colour_is_written_long_for_the_browser(tmp_path: Path) -> None:
    timeline = project(tmp_path, {"a": "title: A\ndate: 1950\ncolour: '#abc'\n"})
    data = axis.axis_data(timeline.events, "none", lambda e: e.id, timeline.eras)
    assert data["eras"]["c"] == ["#aabbcc"]


def test_no_eras_no_eras_column(timeline: Timeline) -> None:
    assert "eras" not in axis.axis_data(timeline.events, "none", lambda e: e.id)


def test_the_data_file_has_every_typed_link_with_its_words(timeline: Timeline) -> None:
    data = axis.axis_data(timeline.events, "none", lambda e: e.id)
    ids = data["u"]
    found = {(ids[a], ids[b], data["relTypes"][t][0]) for a, b, t in data["rel"]}
    assert found == {
        ("1957-10-04-sputnik", "1961-04-12-gagarin", "Led to"),
        ("1962-10-cuban-missile-crisis", "1963-08-30-hotline", "Led to"),
        ("1963-08-30-hotline", "1962-10-cuban-missile-crisis", "In response to"),
        ("1972-05-26-salt-i", "1963-08-30-hotline", "Related"),
    }
    assert data["relTypes"] == [list(words) for words in WORDS.values()]
    json.dumps(data)  # every value is JSON


def svg_of(timeline: Timeline, **kwargs: object) -> str:
    return axis.axis_svg(
        timeline.events,
        href=lambda e: f"/{e.id}/",
        dates=lambda e: e.when.display,
        eras=timeline.eras,
        era_href=lambda era: f"/eras/{era.id}/",
        **kwargs,  # type: ignore[arg-type]
    )


def test_the_svg_draws_each_era_over_its_bounds_as_a_link(timeline: Timeline) -> None:
    lo, hi = float(days_from_civil(1940, 1, 1)), float(days_from_civil(2000, 1, 1))
    layout = axis.SvgLayout(width=600)
    svg = svg_of(timeline, lo=lo, hi=hi, layout=layout)
    for era in timeline.eras:
        match = re.search(
            rf'<a href="/eras/{era.id}/"><title>([^<]*)</title><rect class="tla-era tla-hit" '
            r'x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"',
            svg,
        )
        assert match, era.id
        assert match.group(1).startswith(era.title)
        start, end = axis.era_extent(era)
        x0 = (start - lo) * 600 / (hi - lo)
        x1 = 600 if era.when.open_end else (end - lo) * 600 / (hi - lo)
        assert float(match.group(2)) == pytest.approx(x0, abs=0.06), era.id
        assert float(match.group(2)) + float(match.group(4)) == pytest.approx(x1, abs=0.11)
    # Détente is inside the Cold War and overlaps the Space Age: a row of its own.
    rows = {float(y) for y in re.findall(r'class="tla-era tla-hit" x="[\d.]+" y="([\d.]+)"', svg)}
    assert len(rows) == 3
    assert 'id="tla-era-fade-detente"' in svg  # circa ends fade


def test_the_svg_leaves_out_eras_outside_its_range(timeline: Timeline) -> None:
    lo, hi = float(days_from_civil(1948, 1, 1)), float(days_from_civil(1950, 1, 1))
    svg = svg_of(timeline, lo=lo, hi=hi)
    assert "/eras/cold-war/" in svg and "/eras/detente/" not in svg
    # The space age (ongoing) starts later: not drawn back into 1948.
    assert "/eras/space-age/" not in svg


def test_the_svg_escapes_era_titles(tmp_path: Path) -> None:
    timeline = project(tmp_path, {"a": "title: <b>Bold</b> & co\ndate: 1950\nend: 1970\n"})
    svg = svg_of(timeline)
    assert "<b>" not in svg and "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in svg


def test_the_poster_draws_the_eras() -> None:
    from click.testing import CliRunner

    from timeline.cli import main

    result = CliRunner().invoke(
        main, ["export", "svg", "--config", str(FIXTURE / "mkdocs.yml")], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.count('class="tla-era tla-hit"') == 3
    assert "The Space Age" in result.stdout and "top bands: eras" in result.stdout


def test_an_era_of_some_lanes_shades_only_those(tmp_path: Path) -> None:
    timeline = project(tmp_path, {"a": "title: A\ndate: 1950\nend: 1970\nlanes: [Europe]\n"})
    (tmp_path / "events" / "two.yaml").write_text(
        "title: Two\ndate: 1961\ntags: [europe]\n", encoding="utf-8"
    )
    (tmp_path / "events" / "one.yaml").write_text(
        "title: One\ndate: 1960\ntags: [asia]\n", encoding="utf-8"
    )
    timeline = check_paths(Settings(root=tmp_path)).timeline
    assert timeline is not None
    titles, _member = axis.assign_lanes(timeline.events, "tags")
    data = axis.axis_data(timeline.events, "tags", lambda e: e.id, timeline.eras)
    assert data["eras"]["ln"] == [[titles.index("europe")]]
    svg = svg_of(timeline, setting="tags")
    shades = re.findall(r'<rect class="tla-era-shade" x="[\d.]+" y="([\d.]+)"', svg)
    assert len(shades) == 1
    layout = axis.SvgLayout()
    lane_height = layout.lane_header + layout.rows * layout.row_height + 8
    strip = layout.era_row + 4
    expected = layout.scale_height + strip + titles.index("europe") * lane_height
    assert float(shades[0]) == pytest.approx(expected)
    # Without lanes on the axis, the era shades the whole of it.
    unlaned = axis.axis_data(timeline.events, "none", lambda e: e.id, timeline.eras)
    assert unlaned["eras"]["ln"] == [[]]
