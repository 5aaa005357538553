"""Site build benchmark: `timeline build` side by side with MkDocs baselines.

For each N it builds, in fresh processes, from the same generated events:

- timeline   `timeline build` (plugin + search), MkDocs' default theme;
- floor      `mkdocs build` of N plain Markdown pages of the same text, kept out
             of the nav (`not_in_nav`), default theme: MkDocs' own per-page floor;
- timeline-material  `timeline build` with Material for MkDocs;
- blog       `mkdocs build` with Material's blog plugin and N posts.

Then prints seconds, ratios (timeline/floor, timeline-material/blog), time per
event (linear scaling means it stays flat as N grows) and the largest page.

    python benchmarks/site.py              # N = 1,000 and 10,000
    python benchmarks/site.py 500 2000     # other sizes
    BENCH_KINDS=timeline,floor python benchmarks/site.py 10000   # skip the slow blog
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_events

BIN = Path(sys.executable).parent
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1745280000", "NO_MKDOCS_2_WARNING": "1"}
ALL_KINDS = ("timeline", "floor", "timeline-material", "blog")
KINDS = tuple(os.environ.get("BENCH_KINDS", ",".join(ALL_KINDS)).split(","))
# The two builds the main ratio compares run twice and keep the faster time, which damps
# noise from the machine; the slow blog build runs once.
REPEATS = {"timeline": 2, "floor": 2, "timeline-material": 1, "blog": 1}


def _markdown(event: dict[str, object], index: int) -> str:
    """An event's page as hand-written Markdown: the same text the timeline publishes."""
    sources = event.get("sources") or []
    lines = [
        f"# {event['title']}",
        "",
        f"*{event['date']}*",
        "",
        str(event.get("summary", "")),
        "",
        "Tags: " + ", ".join(map(str, event.get("tags") or [])),  # type: ignore[call-overload]
        "",
        "Actors: " + ", ".join(map(str, event.get("actors") or [])),  # type: ignore[call-overload]
        "",
        "## Sources",
        "",
    ]
    for number, source in enumerate(sources, 1):  # type: ignore[arg-type]
        lines.append(f"{number}. {source['publisher']}, [{source['title']}]({source['url']})")
    return "\n".join(lines) + "\n"


def make_projects(root: Path, count: int) -> dict[str, Path]:
    """The four projects for one N, sharing one set of generated events."""
    events_root = root / "timeline"
    paths = write_events(events_root, count)
    docs = events_root / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Benchmark\n")
    (events_root / "mkdocs.yml").write_text(
        "site_name: Benchmark\ntheme: {name: mkdocs}\nplugins: [search, timeline]\n"
    )
    material = root / "timeline-material"
    material.mkdir()
    shutil.copytree(events_root / "events", material / "events")
    (material / "docs").mkdir()
    (material / "docs/index.md").write_text("# Benchmark\n")
    (material / "mkdocs.yml").write_text(
        "site_name: Benchmark\ntheme: {name: material, font: false}\nplugins: [search, timeline]\n"
    )

    floor = root / "floor"
    (floor / "docs/pages").mkdir(parents=True)
    (floor / "docs/index.md").write_text("# Benchmark\n")
    (floor / "mkdocs.yml").write_text(
        "site_name: Benchmark\ntheme: {name: mkdocs}\nplugins: [search]\n"
        "nav: [index.md]\nnot_in_nav: /pages/\n"
    )
    blog = root / "blog"
    (blog / "docs/blog/posts").mkdir(parents=True)
    (blog / "docs/index.md").write_text("# Benchmark\n")
    (blog / "docs/blog/index.md").write_text("# Blog\n")
    (blog / "mkdocs.yml").write_text(
        "site_name: Benchmark\ntheme: {name: material, font: false}\n"
        "plugins: [search, blog]\nnav: [index.md, blog/index.md]\n"
    )
    for index, path in enumerate(paths):
        event = yaml.safe_load(path.read_text())
        text = _markdown(event, index)
        (floor / "docs/pages" / f"{path.stem}.md").write_text(text)
        day = f"2025-{index % 12 + 1:02d}-{index % 28 + 1:02d}"
        (blog / "docs/blog/posts" / f"{path.stem}.md").write_text(
            f"---\ndate: {day}\n---\n\n{text}"
        )
    return {"timeline": events_root, "floor": floor, "timeline-material": material, "blog": blog}


def build(kind: str, project: Path) -> float:
    """Seconds for one build in a fresh process (imports included, as a user sees it)."""
    if kind.startswith("timeline"):
        command = [str(BIN / "timeline"), "build", "--no-strict"]
    else:
        command = [str(BIN / "mkdocs"), "build", "--quiet"]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed in {project}:\n{done.stdout}{done.stderr}")
    return time.perf_counter() - start


def largest_page(site: Path) -> tuple[int, str]:
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    return max(pages)


def main(sizes: list[int]) -> None:
    results: dict[int, dict[str, float]] = {}
    for count in sizes:
        with tempfile.TemporaryDirectory(prefix="timeline-bench-") as folder:
            projects = make_projects(Path(folder), count)
            results[count] = {
                kind: min(build(kind, projects[kind]) for _ in range(REPEATS[kind]))
                for kind in KINDS
            }
            size, page = largest_page(projects["timeline"] / "site")
            msize, mpage = (
                largest_page(projects["timeline-material"] / "site")
                if "timeline-material" in KINDS
                else (0, "")
            )
        row = results[count]
        print(f"\nN = {count:,} events")
        for kind in KINDS:
            print(f"  {kind:<18} {row[kind]:7.1f} s   {row[kind] / count * 1000:6.2f} ms/event")
        if {"timeline", "floor"} <= row.keys():
            print(f"  timeline / floor (default theme)     {row['timeline'] / row['floor']:.2f}x")
        if {"timeline-material", "blog"} <= row.keys():
            ratio = row["timeline-material"] / row["blog"]
            print(f"  timeline / blog (Material)           {ratio:.2f}x")
        print(f"  largest page: {size / 1e6:.2f} MB ({page})")
        if msize:
            print(f"  largest page, Material: {msize / 1e6:.2f} MB ({mpage})")
        sys.stdout.flush()
    if len(sizes) > 1:
        low, high = sizes[0], sizes[-1]
        for kind in KINDS:
            growth = (results[high][kind] / high) / (results[low][kind] / low)
            print(f"time per event, N={high:,} vs N={low:,}: {kind:<18} {growth:.2f}x")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1000, 10000])
