"""Scale benchmark: what people live with at N events, side by side with MkDocs' floor.

For one N it generates N varied events (benchmarks/generate.py) and, for the
timeline site and for MkDocs' floor (the same N texts as plain Markdown pages
kept out of the nav, same theme, same search plugin), measures:

- build: seconds and peak memory of `mkdocs build` in a fresh process
  (``os.wait4``'s rusage of the child, imports included);
- serve: `mkdocs serve` on a free 127.0.0.1 port; one file edited, then the
  page polled until the change shows (edit-to-page, each of ``--edits`` times),
  the server's CPU while idle over a few seconds, and its RSS after each edit;
  then docs/index.md edited the same way: MkDocs' full rebuild, which the timeline
  takes for anything outside events/ (its event edits take the quick rebuild);
- reader: what headless Chromium downloads at first load of the timeline page
  and of an event page (bytes as served, and gzip-compressed as a static host
  would send them), and what one search transfers.

Ratios are timeline / floor. Keep N small in tests; 10,000 is the figure in the notes.

    python benchmarks/scale.py 2000
    python benchmarks/scale.py 10000 --edits 5 --theme material
    python benchmarks/scale.py 2000 --skip serve      # build and reader only
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import importlib.util
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_varied_events

# benchmarks/site.py shares its page text; `import site` would find the standard library's.
_spec = importlib.util.spec_from_file_location(
    "site_benchmark", Path(__file__).with_name("site.py")
)
assert _spec is not None and _spec.loader is not None
_site_benchmark = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_site_benchmark)
_markdown = _site_benchmark._markdown

BIN = Path(sys.executable).parent
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1745280000", "NO_MKDOCS_2_WARNING": "1"}
TICKS = os.sysconf("SC_CLK_TCK")
# A shared machine can take minutes to load a 9 MB search index: wait, do not fail.
TIMEOUT_MS = 600_000
SEARCH_WORD = "zanzibarite"  # put in one event's body: search must find it


@dataclass
class Figures:
    """One site's measurements."""

    build_s: float = 0.0
    build_cpu_s: float = 0.0  # user + system, Pagefind's included (it is waited for)
    build_mb: float = 0.0
    build_pss_mb: float = 0.0  # the build's processes together (a forked helper shares pages)
    edits_s: list[float] = field(default_factory=list)
    full_edits_s: list[float] = field(default_factory=list)  # a docs/ edit: a full rebuild
    idle_cpu: float = 0.0
    rss_mb: list[float] = field(default_factory=list)
    loads: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # raw, gzip, requests


def make_projects(root: Path, count: int, theme: str, search: str = "pagefind") -> dict[str, Path]:
    """The timeline project and MkDocs' floor for one N, from the same generated events."""
    timeline = root / "timeline"
    paths = write_varied_events(timeline, count)
    # One body carries a word no other event has: the search must find that event.
    target = paths[count // 2]
    target.write_text(
        target.read_text().replace("summary: |\n", f"summary: |\n  A {SEARCH_WORD} case.\n", 1)
    )
    theme_yaml = "{name: material, font: false}" if theme == "material" else "{name: mkdocs}"
    (timeline / "docs").mkdir()
    (timeline / "docs/index.md").write_text("# Benchmark\n")
    (timeline / "mkdocs.yml").write_text(
        f"site_name: Benchmark\ntheme: {theme_yaml}\n"
        f"plugins: [search, {{timeline: {{search: {search}}}}}]\n"
    )
    floor = root / "floor"
    (floor / "docs/pages").mkdir(parents=True)
    (floor / "docs/index.md").write_text("# Benchmark\n")
    (floor / "mkdocs.yml").write_text(
        f"site_name: Benchmark\ntheme: {theme_yaml}\nplugins: [search]\n"
        "nav: [index.md]\nnot_in_nav: /pages/\n"
    )
    for index, path in enumerate(paths):
        event = yaml.safe_load(path.read_text())
        (floor / "docs/pages" / f"{path.stem}.md").write_text(_markdown(event, index))
    return {"timeline": timeline, "floor": floor}


def build(project: Path) -> tuple[float, float, float, float]:
    """Seconds, CPU seconds, peak RSS and peak summed PSS (MB) of one `mkdocs build`.

    The peak RSS is the largest one process reached (the build's, a helper's, or
    Pagefind's after it): Linux's rusage of a child and its waited-for children. The
    summed PSS is sampled four times a second over the build's whole process tree; it
    counts memory two processes share once (a forked helper shares the build's).
    """
    command = [str(BIN / "mkdocs"), "build", "--quiet"]
    start = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    peak = [0]
    sampler = threading.Thread(target=_sample_pss, args=(child, peak), daemon=True)
    sampler.start()
    output = child.stdout.read().decode() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = status
    sampler.join()
    if status:
        sys.exit(f"mkdocs build failed in {project}:\n{output}")
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, peak[0] / 1024  # Linux gives kilobytes


def _sample_pss(child: subprocess.Popen[bytes], peak: list[int]) -> None:
    while child.returncode is None:
        peak[0] = max(peak[0], sum(map(_pss_kb, _process_tree(child.pid))))
        time.sleep(0.25)


def _process_tree(pid: int) -> list[int]:
    found = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as children:
                for child in children.read().split():
                    found += _process_tree(int(child))
    except OSError:  # gone, or not Linux
        pass
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, OSError):
        return None


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def wait_for(url: str, wanted: str, timeout: float, server: subprocess.Popen[bytes]) -> float:
    """Seconds until ``url`` answers with ``wanted`` in its text (polled every 50 ms)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if server.poll() is not None:
            raise TimeoutError(f"the server stopped (exit code {server.returncode})")
        text = fetch(url)
        if text is not None and wanted in text:
            return time.perf_counter() - start
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {wanted!r} within {timeout:.0f} s")


def serve(
    project: Path,
    edited: Path,
    anchor: str,
    page: str,
    edits: int,
    full_edits: int,
    figures: Figures,
) -> None:
    """Edit ``edited`` ``edits`` times under `mkdocs serve`, timing until ``page`` shows it."""
    port = free_port()
    # With livereload on, as people serve (MkDocs only watches files when it is on).
    command = [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"]
    log = tempfile.TemporaryFile()  # noqa: SIM115 (read in the except branch, closed at exit)
    server = subprocess.Popen(command, cwd=project, env=ENV, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}/{page}"
    original = edited.read_text()
    try:
        wait_for(url, "<html", timeout=3600, server=server)
        time.sleep(2)  # the watcher settles
        before = cpu_ticks(server.pid)
        time.sleep(5)
        figures.idle_cpu = (cpu_ticks(server.pid) - before) / TICKS / 5
        for number in range(edits):
            marker = f"Edited{number}x{int(time.time())}"
            edited.write_text(original.replace(anchor, f"{anchor}{marker} ", 1))
            figures.edits_s.append(wait_for(url, marker, timeout=3600, server=server))
            time.sleep(1)
            figures.rss_mb.append(rss_mb(server.pid))
        home = project / "docs/index.md"
        before = home.read_text()
        try:
            for number in range(full_edits):
                marker = f"Full{number}x{int(time.time())}"
                home.write_text(f"{before}\n{marker}\n")
                figures.full_edits_s.append(
                    wait_for(f"http://127.0.0.1:{port}/", marker, timeout=3600, server=server)
                )
                time.sleep(1)
        finally:
            home.write_text(before)
    except TimeoutError as error:
        log.seek(0)
        sys.exit(f"{error}\n{log.read().decode(errors='replace')[-4000:]}")
    finally:
        edited.write_text(original)
        server.terminate()
        server.wait()


@contextmanager
def static_host(site: Path) -> Iterator[str]:
    """The built site on a plain static server, as a reader gets it."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = lambda *a, **k: Quiet(*a, directory=str(site), **k)  # noqa: E731
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


def file_for(site: Path, base: str, url: str) -> Path | None:
    path = url[len(base) :].split("?")[0].split("#")[0]
    target = site / path
    if path.endswith("/") or not path:
        target = target / "index.html"
    return target if target.is_file() else None


def reader(site: Path, pages: dict[str, str], query: str | None, figures: Figures) -> None:
    """Bytes Chromium fetches at first load of each page, and for one search."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.browser import ARGS, CHROMIUM

    with static_host(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for name, page_path in pages.items():
                figures.loads[name] = _load(browser, site, base, base + page_path)
            if query is not None:
                figures.loads["search"] = _search(browser, site, base, base + pages["event"], query)
            if query is not None and (site / "pagefind/pagefind.js").is_file():
                figures.loads["pagefind"] = _pagefind_search(browser, site, base, query)
        finally:
            browser.close()


def _sizes(site: Path, base: str, urls: list[str]) -> tuple[int, int, int]:
    raw = zipped = 0
    for url in urls:
        path = file_for(site, base, url)
        if path is not None:
            data = path.read_bytes()
            raw += len(data)
            zipped += len(gzip.compress(data, 6))
    return raw, zipped, len(urls)


def _load(browser: object, site: Path, base: str, url: str) -> tuple[int, int, int]:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)
    context.close()
    return _sizes(site, base, [u for u in urls if u.startswith(base)])


def _search(browser: object, site: Path, base: str, url: str, query: str) -> tuple[int, int, int]:
    """Every request a search makes, from opening the page to the first results."""
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.goto(url, wait_until="networkidle")
    before = set(urls)
    box = page.locator(
        "#mkdocs-search-query, input.md-search__input, .pagefind-ui__search-input"
    ).first
    if not box.is_visible():
        page.keyboard.press("s")  # MkDocs' theme opens its search dialog on "s"
        page.locator(
            "[data-toggle=modal][href='#mkdocs_search_modal'], label.md-search__icon"
        ).first.click(timeout=2000) if not box.is_visible() else None
    box.fill(query)
    page.wait_for_load_state("networkidle")
    if page.locator("script[src$='assets/search.js']").count():
        page.locator(".tl-search li a").first.wait_for(timeout=30000)  # Pagefind's results
    page.wait_for_timeout(1000)
    context.close()
    # What the search needs: the requests it made, and the search files loaded earlier.
    wanted = [u for u in urls if u not in before or "/search/" in u or "pagefind" in u]
    return _sizes(site, base, [u for u in wanted if u.startswith(base)])


def _pagefind_search(browser: object, site: Path, base: str, query: str) -> tuple[int, int, int]:
    """Every request Pagefind's own API makes for one search and its first result."""
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(base + "timeline/", wait_until="networkidle")
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    found = page.evaluate(
        """async (word) => {
            const pagefind = await import('/pagefind/pagefind.js');
            const search = await pagefind.search(word);
            const first = search.results.length ? await search.results[0].data() : null;
            return first ? first.url : null;
        }""",
        query,
    )
    context.close()
    if not found:
        sys.exit(f"Pagefind found nothing for {query!r}")
    return _sizes(site, base, [u for u in urls if u.startswith(base)])


def pagefind(site: Path) -> float | None:
    """Seconds Pagefind takes to index the event pages (`pip install pagefind[bin]`)."""
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--glob",
        "timeline/**/*.html",
    ]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        print(f"pagefind not run: {done.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    return time.perf_counter() - start


def pages_of(site: Path) -> dict[str, str]:
    event = sorted((site / "timeline").glob("event-*/index.html"))[0]
    return {"timeline": "timeline/", "event": event.parent.relative_to(site).as_posix() + "/"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int, nargs="?", default=2000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--theme", choices=("mkdocs", "material"), default="mkdocs")
    parser.add_argument(
        "--skip", action="append", default=[], choices=("serve", "reader", "floor-serve")
    )
    parser.add_argument(
        "--search",
        choices=("pagefind", "none", "mkdocs"),
        default="pagefind",
        help="the timeline's `search` setting (the floor has MkDocs' search either way)",
    )
    parser.add_argument(
        "--full-edits", type=int, default=2, help="docs/index.md edits (full rebuilds) to time"
    )
    args = parser.parse_args()
    results = {"timeline": Figures(), "floor": Figures()}
    pagefind_s: float | None = None
    with tempfile.TemporaryDirectory(prefix="timeline-scale-") as folder:
        projects = make_projects(Path(folder), args.count, args.theme, args.search)
        stem = f"event-{args.count // 3:05d}"
        edited = {
            "timeline": next((projects["timeline"] / "events").rglob(f"{stem}.yaml")),
            "floor": projects["floor"] / "docs/pages" / f"{stem}.md",
        }
        for kind, project in projects.items():
            figures = results[kind]
            figures.build_s, figures.build_cpu_s, figures.build_mb, figures.build_pss_mb = build(
                project
            )
            print(f"{kind}: built in {figures.build_s:.1f} s", file=sys.stderr)
            if "reader" not in args.skip:
                site = project / "site"
                if kind == "timeline":
                    pages = pages_of(site)
                    if not (site / "pagefind").is_dir():  # a build with `search: mkdocs`
                        pagefind_s = pagefind(site)
                else:
                    pages = {"timeline": "", "event": "pages/event-00000/"}
                reader(site, pages, SEARCH_WORD if kind == "timeline" else "minister", figures)
            if "serve" not in args.skip and not (kind == "floor" and "floor-serve" in args.skip):
                page = f"timeline/{stem}/" if kind == "timeline" else f"pages/{stem}/"
                # The edit changes the title: the event file's field, the page's heading.
                anchor = "title: " if kind == "timeline" else "# "
                serve(project, edited[kind], anchor, page, args.edits, args.full_edits, figures)
    report(args.count, args.theme, results)
    if pagefind_s is not None:
        print(f"  Pagefind indexing of the event pages: {pagefind_s:.1f} s (after the build)")


def report(count: int, theme: str, results: dict[str, Figures]) -> None:
    ours, floor = results["timeline"], results["floor"]

    def row(label: str, a: float, b: float, unit: str, goal: str = "") -> None:
        ratio = f"{a / b:6.2f}x" if b else "      -"
        # The floor has no Pagefind search: a blank, not a zero.
        theirs = f"{b:10.2f} {unit:<3}" if b else f"{'-':>10} {'':<3}"
        print(f"  {label:<34} {a:10.2f} {unit:<3} {theirs} {ratio}  {goal}")

    print(f"\nN = {count:,} events, theme {theme}")
    print(f"  {'':<34} {'timeline':>14} {'floor':>14} {'ratio':>7}  goal")
    row("build time", ours.build_s, floor.build_s, "s", "<= 1.0x floor")
    row("build CPU (user + system)", ours.build_cpu_s, floor.build_cpu_s, "s", "<= 1.0x floor")
    row("build peak RSS (largest process)", ours.build_mb, floor.build_mb, "MB", "<= 500 MB")
    row("build peak PSS (all processes)", ours.build_pss_mb, floor.build_pss_mb, "MB")
    if ours.edits_s:
        theirs = floor.edits_s or [0.0]  # the floor's serve is skipped with --skip floor-serve
        row("edit-to-page, best", min(ours.edits_s), min(theirs), "s", "<= 2 s at 10k")
        row("edit-to-page, median", statistics.median(ours.edits_s), statistics.median(theirs), "s")
        row("edit-to-page, worst", max(ours.edits_s), max(theirs), "s")
        print("  edit-to-page, each (timeline):     " + " ".join(f"{s:.2f}" for s in ours.edits_s))
        if ours.full_edits_s:
            row(
                "docs edit (full rebuild), best",
                min(ours.full_edits_s),
                min(floor.full_edits_s or [0.0]),
                "s",
            )
        row("serve idle CPU (share of a core)", ours.idle_cpu, floor.idle_cpu, "", "~0")
        rss = floor.rss_mb or [0.0]
        row("serve RSS after first edit", ours.rss_mb[0], rss[0], "MB")
        row("serve RSS after last edit", ours.rss_mb[-1], rss[-1], "MB", "flat")
        if ours.edits_s and ours.full_edits_s:
            quick, full = min(ours.edits_s), min(ours.full_edits_s)
            print(f"  quick rebuild / full rebuild (timeline):       {quick / full:6.2f}x")
    for name in ("timeline", "event", "search", "pagefind"):
        if name in ours.loads:
            a, b = ours.loads[name], floor.loads.get(name, (0, 0, 0))
            what = "one search" if name in ("search", "pagefind") else "first load"
            goal = "<= 300 KB" if name in ("search", "pagefind") else "<= 1 MB"
            row(f"{name} {what}, raw"[:34], a[0] / 1e3, b[0] / 1e3, "KB")
            row(f"{name} {what}, gzip"[:34], a[1] / 1e3, b[1] / 1e3, "KB", goal)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
