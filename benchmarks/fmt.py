"""Time ``timeline fmt --check`` on generated event files, beside a plain ruamel round trip.

Run: ``.venv/bin/python benchmarks/fmt.py [--events 2000] [--repeat 3]``.
The baseline loads and dumps each file with ruamel.yaml's round-trip mode and
nothing else: what any comment-keeping formatter pays. fmt adds the reordering,
the comment placement and the read-back checks on top, and a second pass for a
file that changes (to prove the result is stable). Timed twice: on the generated
files (all need reformatting) and on the same files once formatted (the usual
CI case). In-process, best of runs.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

from ruamel.yaml import YAML

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_events
from timing import best

from timeline.fmt import format_files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        paths = write_events(root, args.events)

        def baseline() -> None:
            handler = YAML(typ="rt")
            for path in paths:
                handler.dump(handler.load(path.read_text(encoding="utf-8")), io.StringIO())

        def ours() -> None:
            results = format_files([root / "events"], root=root, write=False)
            assert not any(r.problems for r in results)

        plain = best(args.repeat, baseline)
        raw = best(args.repeat, ours)
        format_files([root / "events"], root=root, write=True)
        canonical = best(args.repeat, ours)
        per_file = 1000 / args.events
        print(f"{args.events} files")
        print(f"ruamel round trip (baseline):       {plain:.2f}s ({plain * per_file:.2f} ms/file)")
        print(f"fmt --check, files to reformat:     {raw:.2f}s ({raw * per_file:.2f} ms/file)")
        print(
            f"fmt --check, files already in form: {canonical:.2f}s "
            f"({canonical * per_file:.2f} ms/file)"
        )


if __name__ == "__main__":
    main()
