"""The scale benchmark's generated events: valid, and as varied as a real timeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import write_varied_events
from timeline.check import check_paths
from timeline.config import Settings


@pytest.mark.slow  # checks 200 files: a few seconds
def test_varied_events_all_pass_the_checks_and_vary(tmp_path: Path) -> None:
    paths = write_varied_events(tmp_path, 200, seed=7)
    result = check_paths(Settings(root=tmp_path))
    assert [problem.format() for problem in result.errors] == []
    assert result.timeline is not None
    events = result.timeline.events
    # Every file is in the timeline: the benchmark measures N events, not fewer.
    assert len(events) == len(paths) == 200
    precisions = {event.date.precision.value for event in events}
    assert {"day", "month", "year", "decade"} <= precisions
    assert {"season", "quarter"} & precisions
    assert sum(event.end is not None for event in events) > 2
    assert sum(bool(event.body) for event in events) > 40
    assert sum(bool(event.places) for event in events) > 80
    assert max(len(event.sources) for event in events) == 3


def test_varied_events_are_deterministic(tmp_path: Path) -> None:
    first = [p.read_text() for p in write_varied_events(tmp_path / "a", 50, seed=3)]
    again = [p.read_text() for p in write_varied_events(tmp_path / "b", 50, seed=3)]
    other = [p.read_text() for p in write_varied_events(tmp_path / "c", 50, seed=4)]
    assert first == again != other
