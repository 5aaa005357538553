"""`mkdocs build` on two cores: tests/workers_cases.py, run in a fresh interpreter.

A pytest process that has run the rest of the suite is not the process `mkdocs build`
forks from (in the full suite the helper did not start there, for reasons of that
process's state); a fresh one is.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_two_core_build_cases_pass_in_a_fresh_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/workers_cases.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "9 passed" in done.stdout, done.stdout[-2000:]
