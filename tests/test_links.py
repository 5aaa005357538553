"""`timeline links` against a local server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import itertools
import json
import ssl
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.linkserver import Running, refused_url, self_signed, serve
from timeline.cli import main
from timeline.config import Settings
from timeline.links import (
    Options,
    Result,
    check_all,
    check_url,
    collect,
    read_cache,
    run,
    wayback_lookup,
    write_cache,
)

FAST = Options(jobs=8, per_host=4, delay=0.0, timeout=1.0, max_retry_wait=5.0)


@pytest.fixture(scope="module")
def server() -> Iterator[Running]:
    with serve(slow=2.0) as running:
        yield running


@pytest.mark.parametrize(
    ("path", "status", "code", "fragment"),
    [
        ("/ok", "ok", 200, ""),
        ("/gone", "dead", 410, "410 Gone"),
        ("/missing", "dead", 404, "404 Not Found"),
        ("/error", "failing", 500, "500 Internal Server Error"),
        ("/temporary", "ok", 200, ""),
        ("/no-head", "ok", 200, ""),
        ("/moved-to-gone", "dead", 410, "after redirects to"),
        ("/loop", "unreachable", None, "more than 10 redirects"),
        ("/limited-long", "limited", 429, "3600 s"),
    ],
)
def test_each_answer_is_classified(
    server: Running, path: str, status: str, code: int | None, fragment: str
) -> None:
    result = check_url(server.url + path, FAST)
    assert (result.status, result.code) == (status, code)
    assert fragment in result.detail


def test_a_permanent_redirect_suggests_the_new_address(server: Running) -> None:
    result = check_url(server.url + "/moved-twice", FAST)
    assert result.status == "moved"
    assert result.moved_to == server.url + "/ok"
    assert [status for status, _ in result.redirects] == [308, 301]


def test_a_temporary_redirect_is_followed_but_not_suggested(server: Running) -> None:
    result = check_url(server.url + "/temporary", FAST)
    assert (result.status, result.moved_to) == ("ok", None)
    assert result.redirects == ((302, server.url + "/ok"),)


def test_head_refused_falls_back_to_get(server: Running) -> None:
    result = check_url(server.url + "/no-head", FAST)
    assert result.method == "GET"
    assert server.log.paths("HEAD").count("/no-head") >= 1
    assert server.log.paths("GET").count("/no-head") >= 1


def test_a_slow_server_times_out(server: Running) -> None:
    result = check_url(server.url + "/slow", Options(timeout=0.3))
    assert (result.status, result.detail) == ("unreachable", "timed out")


def test_a_refused_connection() -> None:
    result = check_url(refused_url(), FAST)
    assert (result.status, result.detail) == ("unreachable", "connection refused")


def test_a_tls_error_and_the_same_server_trusted(tmp_path: Path) -> None:
    made = self_signed(tmp_path)
    if made is None:
        pytest.skip("openssl is not installed")
    with serve(tls=made) as secure:
        result = check_url(secure.url + "/ok", FAST)
        assert result.status == "unreachable"
        assert result.detail.startswith("TLS error: ")
        assert "certificate" in result.detail
        trusted = ssl.create_default_context(cafile=str(made[0]))
        options = Options(timeout=2.0, tls_context=trusted)
        assert check_url(secure.url + "/ok", options).status == "ok"


def test_429_with_retry_after_is_waited_out_once(server: Running) -> None:
    results, _order = check_all([server.url + "/limited"], FAST)
    assert results[server.url + "/limited"].status == "ok"
    limited = [t for m, p, t in server.log.requests if p == "/limited"]
    assert len(limited) == 2
    assert limited[1] - limited[0] >= 0.9  # Retry-After: 1 was honoured


def test_a_slow_host_does_not_hold_the_others_up() -> None:
    with serve(slow=1.5) as slow, serve() as fast:
        slow_urls = [f"{slow.url}/slow/{n}" for n in range(3)]
        fast_urls = [f"{fast.url}/ok/{n}" for n in range(12)]
        options = Options(jobs=4, per_host=1, delay=0.0, timeout=5.0)
        results, order = check_all(slow_urls + fast_urls, options)
        assert all(results[url].status == "ok" for url in slow_urls + fast_urls)
        first_slow = min(order.index(url) for url in slow_urls)
        assert set(order[:first_slow]) == set(fast_urls)
        assert slow.log.most_active == 1  # the per-host limit
        assert fast.log.most_active == 1


def test_the_per_host_limit_and_polite_delay() -> None:
    with serve(slow=0.3) as one:
        urls = [f"{one.url}/slow/{n}" for n in range(6)]
        check_all(urls, Options(jobs=8, per_host=2, delay=0.1, timeout=5.0))
        assert one.log.most_active == 2
        starts = sorted(t for _m, _p, t in one.log.requests)
        assert all(b - a >= 0.09 for a, b in itertools.pairwise(starts))


def test_the_wayback_lookup_url() -> None:
    assert (
        wayback_lookup("https://tass.com/politics/1?a=b")
        == "https://web.archive.org/web/*/https://tass.com/politics/1?a=b"
    )


def test_the_cache_keeps_working_links_until_they_expire(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "links.json"
    ok = Result("https://a.test/", "ok", 200, checked_at=1000.0)
    dead = Result("https://b.test/", "dead", 404, "404 Not Found", checked_at=1000.0)
    write_cache(cache, [ok, dead])
    assert list(cache.parent.iterdir()) == [cache]  # the temporary file was renamed
    assert read_cache(cache, max_age=100, now=1050.0) == {ok.url: ok}
    assert read_cache(cache, max_age=100, now=1200.0) == {}
    cache.write_text("{not json")
    assert read_cache(cache, max_age=100, now=1050.0) == {}


# -- through the command line ---------------------------------------------------


def _project(tmp_path: Path, base: str, refused: str) -> Path:
    events = tmp_path / "events"
    events.mkdir()
    (events / "a.yaml").write_text(
        textwrap.dedent(f"""\
            title: A
            date: 2025
            sources:
              - title: Fine
                url: {base}/ok
              - title: Gone
                url: {base}/gone
              - title: Gone but archived
                url: {base}/missing
                archived: {base}/ok/archived
            media:
              - src: {base}/moved
                alt: A picture
              - src: images/local.jpg
                alt: Not checked
            """),
        encoding="utf-8",
    )
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "report.yaml").write_text(
        f"title: Report\nurl: {refused}\n", encoding="utf-8"
    )
    (events / "b.yaml").write_text(
        f"title: B\ndate: 2024\nsources:\n  - id: report\n  - url: {base}/ok\n",
        encoding="utf-8",
    )
    return tmp_path


def _links(project: Path, *args: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(
        main, ["links", "--delay", "0", "--timeout", "2", *args], catch_exceptions=False
    )
    return result.exit_code, result.stdout, result.stderr


def test_links_reports_each_place_and_never_fails_by_default(
    tmp_path: Path, server: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    refused = refused_url()
    project = _project(tmp_path, server.url, refused)
    code, out, err = _links(project, "--no-cache", monkeypatch=monkeypatch)
    assert code == 0, out + err
    lines = out.splitlines()
    gone = f"events/a.yaml:7:10: L001 warning: sources[1].url: {server.url}/gone: 410 Gone"
    assert gone in lines
    assert f"    hint: look for an archived copy at {wayback_lookup(server.url + '/gone')}" in out
    archived_hint = f"readers still have the archived copy {server.url}/ok/archived"
    assert archived_hint in out
    assert f"events/a.yaml:12:10: L003 warning: media[0].src: {server.url}/moved" in out
    assert f"replace it with {server.url}/ok" in out
    assert f"sources/report.yaml:2:6: L002 warning: url: {refused}: connection refused" in out
    assert "images/local.jpg" not in out
    assert lines[-1] == "checked 6 links (0 from the cache): 3 broken, 4 to look at"
    assert err == ""


def test_strict_makes_dead_links_errors(
    tmp_path: Path, server: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path, server.url, refused_url())
    code, out, _err = _links(project, "--no-cache", "--strict", monkeypatch=monkeypatch)
    assert code == 1
    assert " L001 sources[1].url:" in out  # an error now, not a warning
    assert " L003 warning: media[0].src:" in out  # a redirect stays a warning


def test_strict_passes_when_every_link_works(
    tmp_path: Path, server: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "a.yaml").write_text(
        f"title: A\ndate: 2025\nsources:\n  - url: {server.url}/ok\n", encoding="utf-8"
    )
    code, out, _err = _links(tmp_path, "--strict", "--no-cache", monkeypatch=monkeypatch)
    assert code == 0
    assert out == "checked 1 link (0 from the cache): all fine\n"


def test_github_and_json_formats(
    tmp_path: Path, server: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path, server.url, refused_url())
    _code, out, _err = _links(project, "--no-cache", "--format", "github", monkeypatch=monkeypatch)
    assert "::warning file=events/a.yaml,line=7,col=10,title=L001::sources[1].url: " in out
    _code, out, _err = _links(project, "--no-cache", "--format", "json", monkeypatch=monkeypatch)
    data = json.loads(out)
    assert (data["links"], data["broken"]) == (6, 3)
    by_url = {item["url"]: item for item in data["results"]}
    assert by_url[server.url + "/moved"]["moved_to"] == server.url + "/ok"
    assert by_url[server.url + "/ok"]["places"] == [
        {"path": "events/a.yaml", "line": 5, "column": 10, "field": "sources[0].url"},
        {"path": "events/b.yaml", "line": 5, "column": 10, "field": "sources[1].url"},
    ]


def test_a_second_run_asks_only_about_links_not_known_to_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with serve() as own:
        project = _project(tmp_path, own.url, refused_url())
        _links(project, monkeypatch=monkeypatch)
        first = len(own.log.requests)
        code, out, _err = _links(project, monkeypatch=monkeypatch)
        assert code == 0
        again = own.log.paths()[first:]
        # /ok, /ok/archived and /moved are trusted; the dead ones are asked again.
        assert sorted(set(again)) == ["/gone", "/missing"]
        assert "(3 from the cache)" in out
        assert (project / ".cache" / "timeline" / "links.json").is_file()
        _links(project, "--max-age", "0", monkeypatch=monkeypatch)
        assert "/ok" in own.log.paths()[first + len(again) :]


def test_collect_skips_files_that_do_not_load(tmp_path: Path) -> None:
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "bad.yaml").write_text("title: [\n", encoding="utf-8")
    (tmp_path / "events" / "good.yaml").write_text(
        "title: A\ndate: 2025\nsources:\n  - url: https://example.org/\n", encoding="utf-8"
    )
    links, unread = collect(Settings(root=tmp_path))
    assert [link.url for link in links] == ["https://example.org/"]
    assert unread == 1


def test_run_without_links_checks_nothing(tmp_path: Path) -> None:
    (tmp_path / "events").mkdir()
    report = run(Settings(root=tmp_path), FAST)
    assert (report.links, report.results, report.problems()) == ([], {}, [])
