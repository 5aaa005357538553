"""Time the one quoting rule (timeline.yaml_writer) beside PyYAML's own emitter.

Run: ``.venv/bin/python benchmarks/yaml_writer.py [--scalars 20000] [--repeat 5]``.
Each run writes the same distinct scalars (titles, dates, words, quotations,
numbers, text of several lines), with the writer's cache emptied first so every
string is decided afresh, as in a single `timeline fmt` or import run. Peers:
``yaml.dump`` of each scalar with libyaml's safe dumper (what choosing a style
costs in PyYAML), and ``json.dumps`` (always double quotes: the floor, no choice).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import date_text, sentence
from timing import best

from timeline import yaml_writer

DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def scalars(count: int, seed: int = 2025) -> list[str]:
    rng = random.Random(seed)
    made = []
    for index in range(count):
        kind = index % 6
        if kind == 0:
            made.append(f"{sentence(rng, 8)} {index}")
        elif kind == 1:
            made.append(date_text(rng) + ("" if rng.random() < 0.9 else f" {index}"))
        elif kind == 2:
            made.append(f"word-{index}")
        elif kind == 3:
            made.append(f'"{sentence(rng, 5)}", he said ({index})')
        elif kind == 4:
            made.append(str(1900 + index))
        else:
            made.append(f"{sentence(rng, 10)}\n{sentence(rng, 10)} {index}")
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scalars", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    texts = scalars(args.scalars)

    def empty_caches() -> None:
        yaml_writer.style.cache_clear()
        yaml_writer.plain_reads_back.cache_clear()

    def ours() -> None:
        for text in texts:
            yaml_writer.scalar(text, 2)

    def pyyaml() -> None:
        for text in texts:
            yaml.dump(text, Dumper=DUMPER, allow_unicode=True, width=1_000_000)

    def floor() -> None:
        for text in texts:
            json.dumps(text, ensure_ascii=False)

    mine = best(args.repeat, ours, before=empty_caches)
    peer = best(args.repeat, pyyaml)
    least = best(args.repeat, floor)
    per = 1_000_000 / len(texts)
    print(f"{len(texts)} distinct scalars, best of {args.repeat}")
    print(f"json.dumps (floor):          {least:.3f}s ({least * per:.1f} µs/scalar)")
    print(f"yaml.dump, libyaml (peer):   {peer:.3f}s ({peer * per:.1f} µs/scalar)")
    print(f"yaml_writer.scalar (ours):   {mine:.3f}s ({mine * per:.1f} µs/scalar)")
    print(f"ours / peer: {mine / peer:.2f}   ours / floor: {mine / least:.1f}")


if __name__ == "__main__":
    main()
