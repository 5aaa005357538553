"""What a second language costs a build: `timeline build` of one site in one and in two languages.

From the same N generated events it builds, each in a fresh process, best of two:

- one        the site in its default language only (the baseline);
- two-plain  with `translations: [fa]`, no event translated (the Persian section falls
             back to English everywhere: the whole site built twice, plus the notes);
- two-full   with `translations: [fa]` and every event's title and summary in Persian.

and prints seconds and the ratios to `one`. A second section builds every page again,
so about 2x is the honest expectation; more would mean the language code costs extra.

    python benchmarks/languages.py          # N = 1,000
    python benchmarks/languages.py 3000
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_events

BIN = Path(sys.executable).parent
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1745280000", "NO_MKDOCS_2_WARNING": "1"}
CONFIG = "site_name: Benchmark\ntheme: {name: mkdocs}\nplugins:\n  - search\n  - timeline:\n"
OPTIONS = {
    "one": "      history: false\n",
    "two-plain": "      history: false\n      translations: [fa]\n",
    "two-full": "      history: false\n      translations: [fa]\n",
}


def translated(text: str) -> str:
    """An event file with its title and summary also in Persian."""
    lines = text.splitlines()
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("title: "):
            title = line.removeprefix("title: ")
            out += ["title:", f"  en: {title}", f"  fa: رویداد {title}"]
        elif line == "summary: |":
            body = []
            index += 1
            while index < len(lines) and lines[index].startswith("  "):
                body.append(lines[index])
                index += 1
            out += ["summary:", "  en: |", *("  " + b for b in body), "  fa: |"]
            out += ["    خلاصهٔ " + b.strip() for b in body]
            continue
        else:
            out.append(line)
        index += 1
    return "\n".join(out) + "\n"


def make_project(root: Path, kind: str, events: Path) -> Path:
    project = root / kind
    shutil.copytree(events, project / "events")
    if kind == "two-full":
        for path in (project / "events").rglob("*.yaml"):
            path.write_text(translated(path.read_text(encoding="utf-8")), encoding="utf-8")
    (project / "docs").mkdir()
    (project / "docs/index.md").write_text("# Benchmark\n")
    (project / "mkdocs.yml").write_text(CONFIG + OPTIONS[kind], encoding="utf-8")
    return project


def build(project: Path) -> float:
    """Seconds for one build in a fresh process (imports included, as a user sees it)."""
    command = [str(BIN / "timeline"), "build", "--no-strict"]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed in {project}:\n{done.stdout}{done.stderr}")
    return time.perf_counter() - start


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_events(root / "generated", count)
        projects = {kind: make_project(root, kind, root / "generated/events") for kind in OPTIONS}
        seconds = {
            kind: min(build(project) for _ in range(2)) for kind, project in projects.items()
        }
        pages = {
            kind: sum(1 for _ in (project / "site").rglob("*.html"))
            for kind, project in projects.items()
        }
    print(f"N = {count:,} events")
    for kind, value in seconds.items():
        ratio = value / seconds["one"]
        print(f"  {kind:<10} {value:6.2f} s  {pages[kind]:>6} pages  {ratio:4.2f}x one")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
