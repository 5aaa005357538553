"""Time ``read_history`` (one ``git log``) on a generated repository, beside a baseline.

Run: ``.venv/bin/python benchmarks/history.py [--files 10000] [--commits 300]``.
The repository is built once in a temporary folder with ``git fast-import``
(fixed dates, so it is the same every run): the files arrive spread over the
commits, and each commit also edits a few older files. The baseline is what a
naive plugin would do, one ``git log`` per file, timed on a sample and scaled.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import best

from timeline.history import read_history

EVENT = "title: Event {number}, revision {revision}\ndate: Apr {day} {year}\ntags: [bench]\n"


def build(root: Path, files: int, commits: int) -> None:
    """A repository of ``files`` event files over ``commits`` commits, via fast-import."""
    subprocess.run(["git", "init", "--quiet", "--initial-branch=main", str(root)], check=True)
    rng = random.Random(5)
    per_commit = -(-files // commits)
    stream: list[bytes] = []
    revisions = [0] * files
    created = 0
    for number in range(commits):
        when = 1_735_732_800 + number * 3600  # 2025-01-01 12:00 UTC, one commit an hour
        changed = list(range(created, min(files, created + per_commit)))
        created = changed[-1] + 1 if changed else created
        if created > 20:
            changed += rng.sample(range(created - per_commit), k=min(5, created - per_commit))
        message = f"commit {number}".encode()
        stream.append(b"commit refs/heads/main\n")
        stream.append(f"author Bench <b@example.org> {when} +0000\n".encode())
        stream.append(f"committer Bench <b@example.org> {when} +0000\n".encode())
        stream.append(b"data %d\n%s\n" % (len(message), message))
        for index in changed:
            revisions[index] += 1
            year = 2000 + index % 25
            text = EVENT.format(
                number=index, revision=revisions[index], day=1 + index % 28, year=year
            ).encode()
            path = f"events/{year}/{year}-event-{index}.yaml"
            stream.append(f"M 100644 inline {path}\n".encode())
            stream.append(b"data %d\n%s\n" % (len(text), text))
    subprocess.run(
        ["git", "-C", str(root), "fast-import", "--quiet"], input=b"".join(stream), check=True
    )
    subprocess.run(["git", "-C", str(root), "checkout", "--quiet", "main"], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--commits", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sample", type=int, default=100, help="files timed for the baseline")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "repo"
        start = time.perf_counter()
        build(root, args.files, args.commits)
        print(
            f"built {args.files} files over {args.commits} commits "
            f"in {time.perf_counter() - start:.1f}s"
        )
        found = read_history(root, "events")
        assert len(found) == args.files, len(found)
        total = sum(h.revisions for h in found.values())
        print(f"read_history: {len(found)} files, {total} file revisions")
        ours = best(args.repeat, lambda: read_history(root, "events"))
        print(f"read_history (one git log):      {ours:.2f}s")
        sample = sorted(found)[: args.sample]

        def per_file() -> None:
            for path in sample:
                subprocess.run(
                    ["git", "-C", str(root), "log", "--follow", "--format=%aI", "--", path],
                    capture_output=True,
                    check=True,
                )

        naive = best(1, per_file) * args.files / len(sample)
        print(f"baseline (one git log per file): {naive:.2f}s (from {len(sample)} files, scaled)")


if __name__ == "__main__":
    main()
