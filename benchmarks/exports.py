"""Export benchmark: every file the site publishes (publish_all), for N generated events.

Run it once per checkout to compare two versions side by side (same events, same
machine), e.g. this tree against an older commit unpacked elsewhere:

    python benchmarks/exports.py 10000
    git archive <commit> timeline | tar -x -C /tmp/base
    PYTHONPATH=/tmp/base python benchmarks/exports.py 10000

Prints the best of five runs in seconds (the timeline is loaded once, untimed).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_events
from timing import best

from timeline.check import check_paths
from timeline.config import Settings
from timeline.exports import publish_all


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_events(root, count)
        settings = Settings(root=root)
        timeline = check_paths(settings).timeline
        assert timeline is not None
        from timeline.exports import timelinejs

        # The TimelineJS data is cached for the last timeline: each run builds it afresh.
        seconds = best(
            5,
            lambda: publish_all(timeline, settings, "https://example.org/"),
            before=timelinejs._last.clear,
        )
        import timeline as package

        print(f"{count} events, {Path(package.__file__).parent}: publish_all {seconds:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
