"""Time the loader against plain ``yaml.load(CSafeLoader)`` on many small event files.

Run: ``.venv/bin/python benchmarks/bench_loader.py [--files 10000] [--repeat 3]``.
Both sides open and read each file; the best of ``--repeat`` runs is reported.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import yaml
from timing import best

from timeline.loader import load_event_file

EVENT = """\
# events/{year}/{year}-04-{day:02d}-event-{number}.yaml
title: "Event {number}: the treaty is ratified"
date: Apr {day} {year}
summary: |
  Vladimir Putin signs the law ratifying the Comprehensive Strategic
  Partnership Agreement between Russia and Iran (number {number}).
tags: [treaty, russia-iran, event-{number}]
actors: [Vladimir Putin, Russia, Iran]
sources:
  - title: Putin ratifies agreement on strategic partnership with Iran
    publisher: TASS
    published: {year}-04-{day:02d}
    url: https://tass.com/politics/{number}
  - title: Russia and Iran, a partnership
    publisher: Reuters
    url: https://www.reuters.com/world/{number}
related: [2025-01-russia-iran-partnership-signed]
"""


def write_events(folder: Path, count: int) -> list[Path]:
    """Write ``count`` realistic event files and return their paths."""
    paths = []
    for number in range(count):
        path = folder / f"event-{number:05d}.yaml"
        path.write_text(EVENT.format(year=1990 + number % 35, day=1 + number % 28, number=number))
        paths.append(path)
    return paths


def with_csafeloader(path: Path) -> object:
    with open(path, "rb") as stream:
        return yaml.load(stream, Loader=yaml.CSafeLoader)


def with_loader(path: Path) -> object:
    event_file, problems = load_event_file(path, display=path.name)
    assert event_file is not None and not problems, problems
    return event_file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = write_events(Path(folder), options.files)
        baseline = best(options.repeat, lambda: [with_csafeloader(p) for p in paths])
        loader = best(options.repeat, lambda: [with_loader(p) for p in paths])
    print(f"files:                    {options.files}")
    print(f"yaml.load(CSafeLoader):   {baseline:.3f} s")
    print(f"timeline.loader:          {loader:.3f} s")
    print(f"ratio:                    {loader / baseline:.2f}x")


if __name__ == "__main__":
    main()
