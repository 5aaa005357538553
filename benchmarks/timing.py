"""The one timing rule of the benchmarks: best of N wall-clock runs."""

from __future__ import annotations

import time
from collections.abc import Callable


def best(
    repeat: int, work: Callable[[], object], *, before: Callable[[], object] | None = None
) -> float:
    """The fastest of ``repeat`` runs of ``work``, in seconds; ``before`` runs untimed first."""
    fastest = float("inf")
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        work()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest
