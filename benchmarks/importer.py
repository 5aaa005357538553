"""Time ``timeline import`` of a generated TimelineJS file, beside two baselines.

Run: ``.venv/bin/python benchmarks/importer.py [--slides 2000] [--repeat 3]``.
Planning is timed with and without fmt's canonical form (fmt's check is replaced
by the identity for the baseline): what writing files already formatted costs.
Writing is timed as the import does it (staged in a hidden folder, read back,
hard-linked in) beside the plain baseline: each file opened with "x" and written
in place, which is what import did before it wrote all or nothing. In-process,
best of runs; ratios are ours / baseline.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import best

from timeline.config import Settings
from timeline.fmt import Formatted
from timeline.imports.timelinejs import Plan, plan_import, read_json, write_plan


def slides(count: int) -> str:
    events = [
        {
            "start_date": {"year": str(1800 + n % 200), "month": str(1 + n % 12), "day": "1"},
            "text": {"headline": f"Event number {n}", "text": f"<p>What <b>happened</b> {n}</p>"},
            "media": {"url": f"https://example.org/{n}.jpg", "caption": "A caption"},
            "group": "history",
        }
        for n in range(count)
    ]
    return json.dumps({"events": events})


def plain_write(plan: Plan) -> None:
    for path, text in plan.files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--slides", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = root / "timeline.json"
        source.write_text(slides(args.slides))
        settings = Settings(root=root)
        document = read_json(source, source.read_text())
        into = root / "events"

        def plan() -> Plan:
            return plan_import(document, into, settings)

        def unformatted() -> Plan:
            with mock.patch("timeline.fmt.format_text", lambda text, _d="": Formatted(text)):
                return plan()

        planned = plan()
        empty = lambda: shutil.rmtree(into, ignore_errors=True)  # noqa: E731
        plan_base = best(args.repeat, unformatted)
        plan_ours = best(args.repeat, plan)
        write_base = best(args.repeat, lambda: plain_write(planned), before=empty)
        write_ours = best(args.repeat, lambda: write_plan(planned), before=empty)
        print(f"{args.slides} slides")
        print(f"plan, without fmt's form (baseline): {plan_base:.2f}s")
        print(
            f"plan, in fmt's form:                 {plan_ours:.2f}s ({plan_ours / plan_base:.2f}x)"
        )
        print(f"write in place (baseline):           {write_base:.3f}s")
        print(
            f"write staged, all or nothing:        {write_ours:.3f}s "
            f"({write_ours / write_base:.2f}x)"
        )


if __name__ == "__main__":
    main()
