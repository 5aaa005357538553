"""Time axis benchmark: our axis side by side with vis-timeline, in headless Chromium.

For each N it generates N events spanning 3000 BC to 2025 (every precision, spans,
qualifiers, importance), builds the site with `timeline build`, and writes a page
that gives vis-timeline (npm, pinned; installed into benchmarks/out/npm, not
committed) the same events. Then, in one Chromium run, for each page:

- first axis   time from navigation start to the first drawn axis (ours: the
               "tl-axis-drawn" performance mark; vis-timeline: its first "changed"
               event), capped at CAP seconds ("did not finish"). Ours twice: on the
               real timeline page (MkDocs theme, list, filters) and alone on a bare
               page, as vis-timeline is;
- frames       median and 95th percentile of the time between animation frames while
               the page zooms (wheel events) and pans (60 frames each), with
               Chromium's frame-rate limit off so a frame costs what it costs.

    python benchmarks/axis.py               # N = 1,000, 10,000 and 100,000
    python benchmarks/axis.py 1000 10000
    BENCH_CAP=60 python benchmarks/axis.py 100000
    BENCH_REUSE=1 python benchmarks/axis.py   # the sites of the last run, today's scripts
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out" / "axis"
NPM = HERE / "out" / "npm"
VIS_VERSION = "8.5.4"
CAP = float(os.environ.get("BENCH_CAP", "30"))
FRAMES = 60
REPEAT = 3  # first-axis times are the best of REPEAT fresh loads (benchmarks/timing.py's rule)
WHOLE_BUILDS = 10000  # larger N: see page_only_site
sys.path.insert(0, str(ROOT))

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
TAGS = ["war", "treaty", "science", "art", "trade", "religion", "empire", "migration"]
ACTORS = ["Egypt", "Rome", "China", "Persia", "Greece", "India", "Maya", "Mongols", "Britain"]
WORDS = (
    "the empire city council river army fleet temple treaty king queen merchants road "
    "harbour famine plague library scholars founded crossed signed rebuilt fell"
).split()


def year_text(year: int) -> str:
    if year <= 0:
        return f"{1 - year} BC"
    return f"AD {year}" if year < 1000 else str(year)


def ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def wide_date(rng: random.Random) -> tuple[str, str | None]:
    """A date (and maybe an end) between 3000 BC and 2025, denser in recent centuries."""
    # Recent times hold more events, as real chronologies do.
    year = int(2025 - (rng.random() ** 2.2) * 5024)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    form = rng.random()
    if year <= 0:
        if form < 0.5:
            return year_text(year), None
        if form < 0.7:
            return f"c. {year_text(year)}", None
        if form < 0.85:
            return year_text(year), year_text(min(year + rng.randint(1, 60), 0))
        return f"{ordinal((1 - year) // 100)} century BC" if -year >= 300 else year_text(year), None
    if year < 1000:
        if form < 0.6:
            return year_text(year), None
        if form < 0.8:
            return f"circa {year_text(year)}", None
        return year_text(year), year_text(year + rng.randint(1, 40))
    if form < 0.35:
        return f"{year}-{month:02d}-{day:02d}", None
    if form < 0.5:
        return f"{MONTHS[month - 1]} {year}", None
    if form < 0.65:
        return str(year), None
    if form < 0.72:
        return f"circa {year}", None
    if form < 0.76:
        return f"{year}?", None
    if form < 0.8 and year < 2010:
        return f"{year // 10 * 10}s", None
    if form < 0.83 and year < 1900:
        return f"{ordinal(year // 100 + 1)} century", None
    if form < 0.93:
        end = min(year + rng.choice([0, 1, 3, 12]), 2025)
        return (
            f"{year}-{month:02d}-{day:02d}",
            f"{end}-{rng.randint(month if end == year else 1, 12):02d}-28",
        )
    return f"Q{rng.randint(1, 4)} {year}", None


def write_wide_events(folder: Path, count: int, seed: int = 11) -> None:
    """``count`` event files under ``folder/events/`` (deterministic: seeded)."""
    rng = random.Random(seed)
    events = folder / "events"
    for index in range(count):
        date, end = wide_date(rng)
        tags = ", ".join(sorted(set(rng.sample(TAGS, rng.randint(1, 2)))))
        actors = ", ".join(sorted(set(rng.sample(ACTORS, rng.randint(1, 2)))))
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 7))).capitalize()
        text = f"title: {title} {index}\ndate: '{date}'\n"
        if end:
            text += f"end: '{end}'\n"
        if rng.random() < 0.3:
            text += f"importance: {rng.randint(1, 5)}\n"
        text += f"summary: {title}.\ntags: [{tags}]\nactors: [{actors}]\n"
        sub = events / f"d{index % 50:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"event-{index:06d}.yaml").write_text(text, encoding="utf-8")


REUSE = os.environ.get("BENCH_REUSE") == "1"  # keep sites built by an earlier run


def reuse(count: int) -> Path | None:
    """With BENCH_REUSE=1, the site an earlier run built, with today's axis scripts."""
    site = OUT / f"site-{count}" / "site"
    if not REUSE or not (site / "timeline" / "axis.json").exists():
        return None
    for asset in (ROOT / "timeline" / "render" / "assets").iterdir():
        shutil.copy(asset, site / "timeline" / "assets" / asset.name)
    return site


def build_project(count: int, lanes: str = "tags") -> Path:
    """A generated project with ``count`` events, built into its site/ folder."""
    project = OUT / f"site-{count}"
    shutil.rmtree(project, ignore_errors=True)
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Axis benchmark\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Axis benchmark\n"
        "theme:\n  name: mkdocs\n  highlightjs: false\n"
        "plugins:\n  - search\n  - timeline:\n"
        f"      title: Five thousand years\n      axis_lanes: {lanes}\n      history: false\n"
        "      exports: false\n",
        encoding="utf-8",
    )
    write_wide_events(project, count)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1745280000"}
    subprocess.run(
        [str(Path(sys.executable).parent / "timeline"), "build", "-q"],
        cwd=project,
        env=env,
        check=True,
    )
    return project


def page_only_site(count: int, base: Path) -> Path:
    """A site for N too large to build whole on a shared machine (100,000 events).

    The events are generated and checked as for the others, and the timeline page's
    real content and axis.json come from the same page builders; only the MkDocs
    theme shell around the content is borrowed from the built site ``base``.
    """
    from timeline.check import check_paths
    from timeline.config import Settings
    from timeline.render.axis import lane_setting
    from timeline.render.pages import SiteOptions, _Site, _timeline_pages, axis_index

    def overview(project: Path) -> tuple[str, str]:
        result = check_paths(Settings(root=project))
        assert result.timeline is not None, "the generated events have problems"
        options = SiteOptions(title="Five thousand years", axis_lanes=lane_setting("tags"))
        site = _Site(result.timeline, options)
        return next(_timeline_pages(site)).html, axis_index(site)

    project = OUT / f"site-{count}"
    shutil.rmtree(project, ignore_errors=True)
    write_wide_events(project, count)
    content, data = overview(project)
    base_content, _ = overview(base.parent)
    target = project / "site"
    shutil.copytree(base, target, ignore=shutil.ignore_patterns("event-*", "years", "sitemap*"))
    page = (base / "timeline" / "index.html").read_text(encoding="utf-8")
    if base_content not in page:  # built by older templates (BENCH_REUSE): build it again
        base = build_project(WHOLE_BUILDS) / "site"
        page = (base / "timeline" / "index.html").read_text(encoding="utf-8")
    assert base_content in page, "the theme shell no longer wraps the page content verbatim"
    (target / "timeline" / "index.html").write_text(
        page.replace(base_content, content), encoding="utf-8"
    )
    (target / "timeline" / "axis.json").write_text(data, encoding="utf-8")
    return target


def install_vis() -> Path:
    """vis-timeline's standalone build (dependencies bundled), from npm at a pinned version."""
    target = NPM / f"vis-timeline-{VIS_VERSION}" / "package" / "standalone" / "umd"
    if not (target / "vis-timeline-graph2d.min.js").exists():
        folder = NPM / f"vis-timeline-{VIS_VERSION}"
        folder.mkdir(parents=True, exist_ok=True)
        packed = subprocess.run(
            ["npm", "pack", "--silent", f"vis-timeline@{VIS_VERSION}"],
            cwd=folder,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
        subprocess.run(["tar", "-xzf", packed], cwd=folder, check=True)
    return target


VIS_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>vis-timeline</title>
<link rel="stylesheet" href="vis/vis-timeline-graph2d.min.css">
<script src="vis/vis-timeline-graph2d.min.js"></script></head>
<body><div id="axis"></div><script>
function day(value) { var d = new Date(0); d.setUTCFullYear(1970, 0, 1); d.setUTCHours(0, 0, 0, 0);
  return new Date(d.getTime() + value * 86400000); }
fetch("vis-items-N.json").then(function (r) { return r.json(); }).then(function (data) {
  var items = new vis.DataSet(data.items.map(function (it, i) {
    var item = { id: i, content: it[2], start: day(it[0]), group: it[3] };
    if (it[1] - it[0] > 1.01) { item.end = day(it[1]); item.type = "range"; }
    else item.type = "point";
    return item;
  }));
  var groups = new vis.DataSet(data.groups.map(function (name, i) {
    return { id: i, content: name };
  }));
  var first = true;
  window.visTimeline = new vis.Timeline(document.getElementById("axis"), items, groups, {});
  window.visTimeline.on("changed", function () {
    if (first) { first = false; performance.mark("tl-axis-drawn"); }
  });
});
</script></body></html>
"""


BARE_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>axis</title>
<link rel="stylesheet" href="timeline/assets/timeline.css"></head>
<body><figure class="tl-axis" data-tl-axis="timeline/axis.json"></figure>
<script src="timeline/assets/axis.js"></script></body></html>
"""


def write_bare_page(site: Path, count: int) -> None:
    """Our axis alone on a page, as vis-timeline's page has only vis-timeline."""
    (site / f"bare-{count}.html").write_text(BARE_PAGE, encoding="utf-8")


def write_vis_page(site: Path, count: int) -> None:
    """The same events for vis-timeline: start/end days, title and first lane."""
    data = json.loads((site / "timeline" / "axis.json").read_text(encoding="utf-8"))
    items = [
        [lo, hi, title, lanes[0] if lanes else 0]
        for lo, hi, title, lanes in zip(
            data["lo"], data["hi"], data["t"], data["lanes"]["of"], strict=True
        )
    ]
    document = {"items": items, "groups": data["lanes"]["names"]}
    (site / f"vis-items-{count}.json").write_text(json.dumps(document), encoding="utf-8")
    (site / f"vis-{count}.html").write_text(VIS_PAGE.replace("N", str(count)), encoding="utf-8")
    umd = install_vis()
    shutil.copytree(umd, site / "vis", dirs_exist_ok=True)
    styles = umd.parents[1] / "styles" / "vis-timeline-graph2d.min.css"
    shutil.copy(styles, site / "vis" / styles.name)


# Zoom with wheel events, then pan, one step per animation frame; the time between
# frames is what a reader feels. Both pages get the same gestures.
INTERACT = """async ([frames, kind]) => {
  const target = kind.startsWith("ours")
    ? document.querySelector(".tl-axis-view")
    : document.querySelector(".vis-center") || document.querySelector(".vis-timeline");
  const box = target.getBoundingClientRect();
  const times = [];
  let last = performance.now();
  for (let i = 0; i < 2 * frames; i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = performance.now();
    if (i > 0) times.push(now - last);
    last = now;
    const x = box.left + box.width * (0.3 + 0.4 * ((i * 7) % 10) / 10), y = box.top + 40;
    if (i < frames) {
      const deltaY = (Math.floor(i / 10) % 2 ? 1 : -1) * 120;
      const options = { deltaY, clientX: x, clientY: y, bubbles: true, cancelable: true };
      target.dispatchEvent(new WheelEvent("wheel", options));
    } else if (kind.startsWith("ours")) {
      const axis = document.querySelector("figure.tl-axis").tlAxis, span = axis.v1 - axis.v0;
      axis.setView(axis.v0 + span * 0.03, axis.v1 + span * 0.03, true);
    } else {
      const w = window.visTimeline.getWindow(), span = w.end - w.start;
      const start = new Date(+w.start + span * 0.03), end = new Date(+w.end + span * 0.03);
      window.visTimeline.setWindow(start, end, { animation: false });
    }
  }
  await new Promise((resolve) => requestAnimationFrame(resolve));
  return times;
}"""


def first_axis(page: Any, url: str) -> float | None:
    """Milliseconds from navigation start to the first drawn axis, or None past CAP."""
    page.goto(url, wait_until="commit")
    try:
        page.wait_for_function(
            "performance.getEntriesByName('tl-axis-drawn').length > 0", timeout=CAP * 1000
        )
    except Exception:  # Playwright's TimeoutError: the axis never came
        return None
    value: float = page.evaluate("performance.getEntriesByName('tl-axis-drawn')[0].startTime")
    return value


def frames(page: Any, kind: str) -> tuple[float, float] | None:
    try:
        times: list[float] = page.evaluate(INTERACT, [FRAMES, kind])
    except Exception:
        return None
    ordered = sorted(times)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def first_load_bytes(site: Path) -> tuple[int, int]:
    """Raw and gzip bytes of what the timeline page loads first (page, CSS, JS, axis.json)."""
    index = site / "timeline" / "index.html"
    parts = [index, site / "timeline" / "axis.json"]
    parts += sorted((site / "timeline" / "assets").glob("*"))
    parts += [p for p in (site / "css").glob("*.css")] + [p for p in (site / "js").glob("*.js")]
    raw = sum(p.stat().st_size for p in parts)
    packed = sum(len(gzip.compress(p.read_bytes(), 6)) for p in parts)
    return raw, packed


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def main(sizes: list[int]) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser import ARGS, CHROMIUM

    sites = {}
    for count in sorted(sizes):
        if (reused := reuse(count)) is not None:
            sites[count] = reused
        elif count <= WHOLE_BUILDS:
            sites[count] = build_project(count) / "site"
        else:
            base = sites.get(WHOLE_BUILDS) or build_project(WHOLE_BUILDS) / "site"
            sites[count] = page_only_site(count, base)
    for count, site in sites.items():  # after every build: page_only_site may rebuild a base
        write_vis_page(site, count)
        write_bare_page(site, count)
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[*ARGS, "--disable-frame-rate-limit", "--disable-gpu-vsync"],
        )
        for count, site in sites.items():
            handler = functools.partial(_Quiet, directory=str(site))
            httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=httpd.serve_forever, daemon=True).start()
            base = f"http://127.0.0.1:{httpd.server_address[1]}"
            pages = (
                ("ours", "/timeline/"),
                ("ours, bare", f"/bare-{count}.html"),
                ("vis-timeline", f"/vis-{count}.html"),
            )
            for kind, url in pages:
                best: float | None = None
                frame = None
                for attempt in range(REPEAT):
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    page = context.new_page()
                    first = first_axis(page, base + url)
                    if first is not None and (best is None or first < best):
                        best = first
                    if attempt == 0 and first is not None:
                        frame = frames(page, kind)
                    context.close()
                    if first is None:
                        break  # did not finish: once is enough
                rows.append((count, kind, best, frame))
                print(f"N={count} {kind}: first axis {best} ms, frames {frame}", flush=True)
            httpd.shutdown()
            raw, packed = first_load_bytes(site)
            print(
                f"N={count}: first load of the timeline page {raw / 1e6:.2f} MB raw, "
                f"{packed / 1e6:.2f} MB gzip (page, CSS, JS, axis.json)",
                flush=True,
            )
        browser.close()
    print()
    print(f"{'N':>7}  {'axis':<13} {'first axis':>14} {'frame median':>13} {'frame p95':>10}")
    for count, kind, first, frame in rows:
        shown = f"{first:.0f} ms" if first is not None else f"> {CAP:.0f} s (dnf)"
        median = f"{frame[0]:.1f} ms" if frame else "—"
        p95 = f"{frame[1]:.1f} ms" if frame else "—"
        print(f"{count:>7}  {kind:<13} {shown:>14} {median:>13} {p95:>10}")
    print()
    by = {(c, k): f for c, k, f, _ in rows}
    for count in sizes:
        peer = by.get((count, "vis-timeline"))
        for kind in ("ours", "ours, bare"):
            ours = by.get((count, kind))
            if ours is None:
                print(f"N={count} {kind}: our axis did not finish in {CAP:.0f} s")
            elif peer is None:
                print(f"N={count} {kind}: vis-timeline did not finish in {CAP:.0f} s")
            else:
                print(f"N={count} {kind}: first axis {peer / ours:.1f}x faster than vis-timeline")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1000, 10000, 100000])
