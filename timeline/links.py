"""Link health: every source, archive and media URL checked over HTTP.

Only the standard library: ``http.client`` gives the control the check needs
(HEAD first, GET when a server refuses HEAD, each redirect seen and classified,
a timeout per request) without a dependency, and ``concurrent.futures`` runs
the requests. A small dispatcher hands a URL to a worker only when its host has
a free slot (``per_host``) and its polite delay has passed, so workers never
wait on a busy host: a slow site holds at most ``per_host`` workers, never the
whole pool.

Results are cached (``links.json`` in the cache folder, written atomically) so
a daily CI run only asks again about links not seen for ``max_age`` seconds;
broken links are always asked again, so a fix or a passing outage shows at once.
"""

from __future__ import annotations

import email.utils
import http.client
import json
import os
import socket
import ssl
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from timeline import __version__
from timeline.config import Settings
from timeline.problems import Problem, Severity

CODES = {
    "L001": "the link is dead: the server answers 404, 410 or another client error",
    "L002": "the server cannot be reached: refused, unknown host, TLS error or timeout",
    "L003": "the link redirects permanently: use the new address",
    "L004": "the server asked us to slow down (429) for longer than we wait",
    "L005": "the server fails (5xx)",
}
CACHE_VERSION = 1
USER_AGENT = f"timeline-links/{__version__} (+https://pypi.org/project/mkdocs-timeline/)"
PERMANENT = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 10


@dataclass(frozen=True)
class Place:
    """Where a URL is written: file, line, column and field."""

    path: str
    line: int
    column: int
    field: str


@dataclass(frozen=True)
class Link:
    """One URL, every place it is written, and the archived copy the author gave, if any."""

    url: str
    places: tuple[Place, ...]
    archived: str | None = None


@dataclass(frozen=True)
class Result:
    """What checking one URL found."""

    url: str
    status: str  # ok, moved, dead, unreachable, limited, failing
    code: int | None = None  # the final HTTP status
    detail: str = ""
    redirects: tuple[tuple[int, str], ...] = ()  # (status, Location) of each hop
    moved_to: str | None = None  # where the permanent redirects lead
    retry_after: float | None = None
    checked_at: float = 0.0
    method: str = "HEAD"

    @property
    def broken(self) -> bool:
        return self.status in ("dead", "unreachable", "failing")

    def code_chain(self) -> str:
        return " → ".join(str(status) for status, _ in self.redirects)

    def to_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "status": self.status,
            "code": self.code,
            "detail": self.detail,
            "redirects": [list(hop) for hop in self.redirects],
            "moved_to": self.moved_to,
            "checked_at": self.checked_at,
            "method": self.method,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Result:
        return cls(
            url=str(data["url"]),
            status=str(data["status"]),
            code=data.get("code"),
            detail=str(data.get("detail", "")),
            redirects=tuple((int(s), str(u)) for s, u in data.get("redirects", [])),
            moved_to=data.get("moved_to"),
            checked_at=float(data["checked_at"]),
            method=str(data.get("method", "HEAD")),
        )


@dataclass(frozen=True)
class Options:
    """How politely and patiently to check."""

    jobs: int = 16
    per_host: int = 2
    delay: float = 0.5  # seconds between two requests to one host
    timeout: float = 10.0
    max_retry_wait: float = 30.0  # a 429 with a longer Retry-After is reported, not waited out
    tls_context: ssl.SSLContext | None = None  # tests trust their own certificate this way


@dataclass
class Report:
    """Every link with its result, in the order the links were found."""

    links: list[Link]
    results: dict[str, Result]
    cached: int = 0
    unread: int = 0  # event or source files skipped because they do not load
    order: list[str] = field(default_factory=list)  # URLs in the order checks finished

    def problems(self, *, strict: bool = False) -> list[Problem]:
        """A Problem at each place a link is written, for each link that is not ok."""
        found: list[Problem] = []
        for link in self.links:
            result = self.results.get(link.url)
            if result is None or result.status == "ok":
                continue
            code, message, hint = _describe(link, result)
            severity = Severity.ERROR if strict and result.broken else Severity.WARNING
            for place in link.places:
                found.append(
                    Problem(
                        place.path,
                        place.line,
                        place.column,
                        code,
                        message,
                        hint,
                        place.field,
                        severity,
                    )
                )
        found.sort(key=Problem.sort_key)
        return found


def wayback_lookup(url: str) -> str:
    """The Wayback Machine's page listing its copies of ``url``."""
    return "https://web.archive.org/web/*/" + quote(url, safe=":/?&=%#+@,;~")


def _describe(link: Link, result: Result) -> tuple[str, str, str | None]:
    what = f"{link.url}: "
    if result.status == "moved":
        return (
            "L003",
            what + f"moved permanently ({result.code_chain()}) to {result.moved_to}",
            f"replace it with {result.moved_to}",
        )
    if result.status == "limited":
        return (
            "L004",
            what + f"rate limited (429, retry after {result.detail or '?'})",
            "run again later; the cache keeps the links already checked",
        )
    code = {"dead": "L001", "unreachable": "L002", "failing": "L005"}[result.status]
    message = what + result.detail
    if link.archived:
        hint = f"readers still have the archived copy {link.archived}"
    else:
        hint = f"look for an archived copy at {wayback_lookup(link.url)} and add it as `archived:`"
    return code, message, hint


# -- collecting the links ------------------------------------------------------


def collect(settings: Settings, paths: Sequence[Path] | None = None) -> tuple[list[Link], int]:
    """Every http(s) URL in the event files and sources/, and how many files did not load.

    Files with problems are read as far as they can be; `timeline check` reports them.
    """
    from timeline.loader import load_event_files
    from timeline.schema import read_event
    from timeline.sources import load_registry

    files, problems = load_event_files(paths or [settings.events_path], root=settings.root)
    places: dict[str, list[Place]] = {}
    archived: dict[str, str] = {}

    def add(url: str | None, path: str, mark: tuple[int, int], name: str) -> None:
        if url and urlsplit(url).scheme in ("http", "https"):
            places.setdefault(url, []).append(Place(path, mark[0], mark[1], name))

    unread = len({p.path for p in problems})
    for file in files:
        event, _found = read_event(file, settings)
        if event is None:
            unread += 1
            continue
        for index, source in enumerate(event.sources):
            if source.id is not None:
                continue  # checked once, where the registry declares it
            where = f"sources[{index}]"
            add(source.url, event.path, source.mark("url"), f"{where}.url")
            add(source.archived, event.path, source.mark("archived"), f"{where}.archived")
            if source.url and source.archived:
                archived[source.url] = source.archived
        for index, item in enumerate(event.media):
            add(item.src, event.path, item.mark, f"media[{index}].src")
    registry, found = load_registry(settings)
    unread += len({p.path for p in found if p.is_error})
    for source in registry.sources.values():
        path = source.path or ""
        add(source.url, path, source.mark("url"), "url")
        add(source.archived, path, source.mark("archived"), "archived")
        if source.url and source.archived:
            archived[source.url] = source.archived
    links = [Link(url, tuple(where), archived.get(url)) for url, where in places.items()]
    return links, unread


# -- checking ------------------------------------------------------------------


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _retry_after(value: str | None, now: float) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


def _request(url: str, method: str, options: Options) -> tuple[int, http.client.HTTPMessage]:
    parts = urlsplit(url)
    host = parts.hostname or ""
    connection: http.client.HTTPConnection
    if parts.scheme == "https":
        context = options.tls_context or ssl.create_default_context()
        connection = http.client.HTTPSConnection(
            host, parts.port, timeout=options.timeout, context=context
        )
    else:
        connection = http.client.HTTPConnection(host, parts.port, timeout=options.timeout)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(method, target, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        response = connection.getresponse()
        if method == "GET":
            response.read(1024)  # enough to see the server answer; the body is not needed
        return response.status, response.headers
    finally:
        connection.close()


def check_url(url: str, options: Options, clock: Callable[[], float] = time.time) -> Result:
    """Check one URL: HEAD, then GET if the server refuses HEAD; redirects followed."""
    result = _follow(url, "HEAD", options, clock)
    if result.status in ("dead", "failing", "unreachable") and result.detail != "timed out":
        # Many servers answer HEAD with 403, 404, 405 or 501, or drop it: ask as a browser does.
        again = _follow(url, "GET", options, clock)
        if again.status != "unreachable" or result.status == "unreachable":
            return again
    return result


def _follow(url: str, method: str, options: Options, clock: Callable[[], float]) -> Result:
    hops: list[tuple[int, str]] = []
    current = url
    moved_to: str | None = None
    permanent_so_far = True
    for _ in range(MAX_REDIRECTS + 1):
        try:
            status, headers = _request(current, method, options)
        except ssl.SSLError as error:
            reason = getattr(error, "verify_message", None) or error.reason or str(error)
            return _unreachable(url, f"TLS error: {reason}", hops, method, clock)
        except TimeoutError:
            return _unreachable(url, "timed out", hops, method, clock)
        except ConnectionRefusedError:
            return _unreachable(url, "connection refused", hops, method, clock)
        except socket.gaierror:
            return _unreachable(url, "unknown host", hops, method, clock)
        except (OSError, http.client.HTTPException) as error:
            return _unreachable(url, f"connection failed: {error}", hops, method, clock)
        if status in REDIRECTS and headers.get("Location"):
            target = urljoin(current, headers["Location"])
            hops.append((status, target))
            if permanent_so_far and status in PERMANENT:
                moved_to = target
            else:
                permanent_so_far = False
            current = target
            continue
        now = clock()
        if 200 <= status < 300:
            state = "moved" if moved_to else "ok"
            return Result(url, state, status, "", tuple(hops), moved_to, None, now, method)
        if status == 429:
            wait_for = _retry_after(headers.get("Retry-After"), now)
            detail = f"{wait_for:.0f} s" if wait_for is not None else ""
            return Result(url, "limited", status, detail, tuple(hops), None, wait_for, now, method)
        reason = http.client.responses.get(status, "")
        state = "failing" if status >= 500 else "dead"
        detail = f"{status} {reason}".strip()
        if hops:
            detail += f" after redirects to {current}"
        return Result(url, state, status, detail, tuple(hops), moved_to, None, now, method)
    return _unreachable(url, f"more than {MAX_REDIRECTS} redirects", hops, method, clock)


def _unreachable(
    url: str, detail: str, hops: list[tuple[int, str]], method: str, clock: Callable[[], float]
) -> Result:
    return Result(url, "unreachable", None, detail, tuple(hops), None, None, clock(), method)


def check_all(
    urls: Iterable[str],
    options: Options,
    *,
    check: Callable[[str, Options], Result] | None = None,
    clock: Callable[[], float] = time.time,
) -> tuple[dict[str, Result], list[str]]:
    """Check URLs concurrently, ``per_host`` at a time per host, ``delay`` apart.

    Returns the results and the URLs in the order their checks finished.
    """
    run = check or (lambda url, opts: check_url(url, opts, clock))
    queues: dict[str, deque[tuple[str, int, float]]] = {}
    for url in dict.fromkeys(urls):
        queues.setdefault(_host(url), deque()).append((url, 0, 0.0))
    busy: dict[str, int] = dict.fromkeys(queues, 0)
    next_start: dict[str, float] = dict.fromkeys(queues, 0.0)
    results: dict[str, Result] = {}
    order: list[str] = []
    jobs = max(1, options.jobs)
    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="timeline-links") as pool:
        running: dict[Future[Result], tuple[str, str, int]] = {}
        while running or any(queues.values()):
            now = time.monotonic()
            soonest: float | None = None
            for host, queue in queues.items():
                while queue and len(running) < jobs and busy[host] < options.per_host:
                    url, attempt, not_before = queue[0]
                    ready = max(next_start[host], not_before)
                    if ready > now:
                        soonest = ready if soonest is None else min(soonest, ready)
                        break
                    queue.popleft()
                    busy[host] += 1
                    next_start[host] = now + options.delay
                    running[pool.submit(run, url, options)] = (url, host, attempt)
                if len(running) >= jobs:
                    break
            if not running:
                if soonest is not None:
                    time.sleep(max(0.0, soonest - time.monotonic()))
                continue
            timeout = None if soonest is None else max(0.0, soonest - time.monotonic())
            done, _ = wait(running, timeout=timeout, return_when=FIRST_COMPLETED)
            for future in done:
                url, host, attempt = running.pop(future)
                busy[host] -= 1
                result = future.result()
                wait_for = result.retry_after
                if (
                    result.status == "limited"
                    and attempt == 0
                    and wait_for is not None
                    and wait_for <= options.max_retry_wait
                ):
                    # The server said when to come back: the whole host waits, then one retry.
                    later = time.monotonic() + wait_for
                    next_start[host] = max(next_start[host], later)
                    queues[host].appendleft((url, 1, later))
                    continue
                results[url] = result
                order.append(url)
    return results, order


# -- the cache -----------------------------------------------------------------


def read_cache(path: Path, *, max_age: float, now: float) -> dict[str, Result]:
    """Cached results still fresh: ok or moved links seen less than ``max_age`` seconds ago."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # no cache, or a damaged one: check everything again
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return {}
    fresh: dict[str, Result] = {}
    for item in data.get("results", []):
        try:
            result = Result.from_json(item)
        except (KeyError, TypeError, ValueError):
            continue
        if result.status in ("ok", "moved") and 0 <= now - result.checked_at < max_age:
            fresh[result.url] = result
    return fresh


def write_cache(path: Path, results: Iterable[Result]) -> None:
    """Write the cache all at once: a temporary file beside it, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    items = sorted((r.to_json() for r in results), key=lambda item: str(item["url"]))
    text = json.dumps({"version": CACHE_VERSION, "results": items}, indent=1, ensure_ascii=False)
    descriptor, temporary = tempfile.mkstemp(prefix=".links-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(text + "\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def run(
    settings: Settings,
    options: Options,
    *,
    paths: Sequence[Path] | None = None,
    cache: Path | None = None,
    max_age: float = 7 * 86400,
    clock: Callable[[], float] = time.time,
) -> Report:
    """Collect the links, check those not fresh in the cache, update the cache."""
    links, unread = collect(settings, paths)
    now = clock()
    cached = read_cache(cache, max_age=max_age, now=now) if cache is not None else {}
    wanted = [link.url for link in links if link.url not in cached]
    checked, order = check_all(wanted, options, clock=clock)
    results = {**{url: cached[url] for url in (link.url for link in links) if url in cached}}
    results.update(checked)
    if cache is not None:
        # Keep fresh entries of links not in this run (another branch may still use them).
        previous = read_cache(cache, max_age=max_age, now=now)
        write_cache(cache, {**previous, **results}.values())
    return Report(links, results, cached=len(links) - len(wanted), unread=unread, order=order)
