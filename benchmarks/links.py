"""`timeline links`' checker on 2,000 URLs served on 127.0.0.1, against a baseline.

Baseline: the obvious loop, one ``urllib.request.urlopen`` HEAD after another.
The checker runs with its defaults except the polite delay (0 here: one local
host, and the delay would measure only itself). Four local "hosts" (servers on
four ports) share the URLs; each answers after --latency seconds, as a remote
server would. Reported: URLs per second of each, their ratio, and the most
requests one server saw at once (must not exceed --per-host).

    python benchmarks/links.py [--urls 2000] [--latency 0.02] [--per-host 4] [--repeat 1]
"""

from __future__ import annotations

import argparse
import sys
import urllib.request
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from timing import best

from tests.linkserver import serve
from timeline.links import Options, check_all


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=4)
    parser.add_argument("--latency", type=float, default=0.02)
    parser.add_argument("--per-host", type=int, default=4)
    parser.add_argument("--jobs", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--baseline-urls", type=int, default=200, help="the loop is slow")
    args = parser.parse_args()

    with ExitStack() as stack:
        servers = [stack.enter_context(serve(slow=args.latency)) for _ in range(args.hosts)]
        urls = [f"{servers[n % args.hosts].url}/slow/{n}" for n in range(args.urls)]
        options = Options(jobs=args.jobs, per_host=args.per_host, delay=0.0, timeout=10.0)
        failed: list[str] = []

        def checker() -> None:
            results, _order = check_all(urls, options)
            failed.extend(url for url, result in results.items() if result.status != "ok")

        def loop() -> None:
            for url in urls[: args.baseline_urls]:
                request = urllib.request.Request(url, method="HEAD")
                with urllib.request.urlopen(request, timeout=10) as response:
                    response.read()

        ours = best(args.repeat, checker)
        most = max(server.log.most_active for server in servers)
        baseline = best(args.repeat, loop)

    ours_rate = args.urls / ours
    base_rate = args.baseline_urls / baseline
    print(f"{args.urls} URLs on {args.hosts} local hosts, {args.latency * 1000:.0f} ms each")
    print(f"timeline links : {ours_rate:8.0f} URLs/s  (jobs {args.jobs}, per host {args.per_host})")
    print(f"urlopen loop   : {base_rate:8.0f} URLs/s  (first {args.baseline_urls} URLs)")
    print(f"ratio          : {ours_rate / base_rate:8.1f}x")
    print(f"most requests at once on one host: {most} (limit {args.per_host})")
    if failed:
        raise SystemExit(f"{len(failed)} URLs did not check ok, e.g. {failed[0]}")
    if most > args.per_host:
        raise SystemExit("the per-host limit was not honoured")


if __name__ == "__main__":
    main()
