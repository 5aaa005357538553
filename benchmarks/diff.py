"""Time ``timeline diff`` on a 10,000-event repository, beside reading every file once.

Run: ``.venv/bin/python benchmarks/diff.py [--files 10000] [--commits 300]``.
The repository comes from ``history.py``'s builder. The baseline reads the event
folder at both revisions with one ``git show REV:path`` per file, as a naive
implementation would (timed on a sample and scaled); ``diff`` uses one
``ls-tree`` and one ``cat-file --batch`` per revision and parses only the files
that differ.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from history import build

from timeline.config import Settings
from timeline.diff import diff_revisions
from timeline.git import Revision, files_at, resolve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--commits", type=int, default=300)
    parser.add_argument("--sample", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "repo"
        build(root, args.files, args.commits)
        settings = Settings(root=root)
        base, head = resolve(root, "HEAD~1"), resolve(root, "HEAD")

        start = time.perf_counter()
        result = diff_revisions(root, base, head, settings, folder="events")
        between = time.perf_counter() - start
        (root / "events/2000/2000-event-0.yaml").write_text("title: Changed\ndate: 2000\n")
        start = time.perf_counter()
        diff_revisions(root, head, Revision("working tree", None), settings, folder="events")
        against_tree = time.perf_counter() - start

        paths = sorted(files_at(root, head, "events"))[: args.sample]
        start = time.perf_counter()
        for path in paths:
            for revision in (base, head):
                subprocess.run(
                    ["git", "-C", str(root), "show", f"{revision.commit}:{path}"],
                    capture_output=True,
                    check=False,
                )
        naive = (time.perf_counter() - start) * args.files / len(paths)
        print(f"{args.files} files; HEAD~1 → HEAD: {result.summary}")
        print(f"timeline diff HEAD~1 HEAD:              {between:.2f}s")
        print(f"timeline diff HEAD (working tree):      {against_tree:.2f}s")
        print(f"baseline, git show per file and side:   {naive:.2f}s (scaled from {len(paths)})")


if __name__ == "__main__":
    main()
