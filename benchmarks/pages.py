"""Page-rendering benchmark: `build_pages` alone (no MkDocs), for comparing two versions.

Renders every page of N generated events (split as `auto` splits them) several times
in this process and prints the best wall and CPU times and the time per event. Run it side by side
against another checkout of the package to get a ratio:

    python benchmarks/pages.py 10000                          # this checkout
    git archive <commit> timeline | tar -x -C /tmp/base
    PYTHONPATH=/tmp/base python benchmarks/pages.py 10000     # the baseline
    BENCH_LOCALE=fa python benchmarks/pages.py 10000          # in another language
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_events

REPEATS = 3


def main(sizes: list[int]) -> None:
    import timeline
    from timeline.api import load_timeline
    from timeline.config import Settings
    from timeline.render.pages import SiteOptions, build_pages

    locale = os.environ.get("BENCH_LOCALE", "en")
    print(f"timeline from {Path(timeline.__file__).parent}, locale {locale}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            write_events(root / "events", size)
            events = load_timeline(root, Settings(root=root))
            options = SiteOptions(locale=locale)
            build_pages(events, options)  # warm: templates compiled, catalogues read
            best = cpu = float("inf")
            for _ in range(REPEATS):
                start, start_cpu = time.perf_counter(), time.process_time()
                built = build_pages(events, options)
                best = min(best, time.perf_counter() - start)
                # CPU time as well: the wall clock moves with other work on the machine.
                cpu = min(cpu, time.process_time() - start_cpu)
            pages = len(built.pages)
        print(
            f"N={size:>7,}  pages={pages:>6,}  best of {REPEATS}: {best:7.3f} s  "
            f"{best / size * 1e6:7.1f} µs/event  (CPU {cpu:7.3f} s)"
        )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [2000, 10000])
