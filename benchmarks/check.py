"""`timeline check` on 10,000 event files, against the floor of just parsing them.

Baseline (the floor): one Python process that reads every file and runs
``yaml.load(text, Loader=yaml.CSafeLoader)`` on it — no validation at all.
Both are timed as whole processes (start-up included), best of --repeat runs.

    python benchmarks/check.py [--events 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_events
from timing import best

FLOOR = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).rglob('*.yaml')):
    yaml.load(path.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)
"""


def run(command: list[str], cwd: Path) -> None:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_events(root, args.events)
        floor = best(args.repeat, lambda: run([sys.executable, "-c", FLOOR, "events"], root))
        check = best(
            args.repeat, lambda: run([sys.executable, "-m", "timeline.cli", "check"], root)
        )
    print(f"events: {args.events}, best of {args.repeat} whole-process runs")
    print(f"{'yaml.load(CSafeLoader) floor':32} {floor:8.2f} s")
    print(f"{'timeline check':32} {check:8.2f} s")
    print(f"{'ratio (goal <= 3.0)':32} {check / floor:8.2f} x")


if __name__ == "__main__":
    main()
