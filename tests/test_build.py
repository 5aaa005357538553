"""Builds that cannot publish outside files, half-finish, or trip on user text (issue 9)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from tests.sites import build_site, copy_fixture, read, tree
from timeline.render.staging import StagedBuild, source_date_epoch, swap_in

ROOT = Path(__file__).resolve().parent.parent


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _refused(project: Path, caplog: pytest.LogCaptureFixture) -> str:
    """The error logged by a build that MkDocs aborted."""
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(project)
    return caplog.text


# -- the swap ---------------------------------------------------------------------


def test_swap_in_replaces_a_site_in_one_step(tmp_path: Path) -> None:
    site, new = tmp_path / "site", tmp_path / "new"
    site.mkdir()
    (site / "old.html").write_text("old")
    new.mkdir()
    (new / "new.html").write_text("new")
    swap_in(new, site)
    assert _files(site) == {"new.html": b"new"}
    assert _files(new) == {"old.html": b"old"}  # the previous site, for the caller to delete


def test_swap_in_without_a_previous_site(tmp_path: Path) -> None:
    new = tmp_path / "new"
    new.mkdir()
    (new / "a").write_text("a")
    swap_in(new, tmp_path / "site")
    assert _files(tmp_path / "site") == {"a": b"a"} and not new.exists()


def test_swap_in_fallback_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline.render import staging as build

    site, new = tmp_path / "site", tmp_path / "new"
    site.mkdir()
    (site / "old.html").write_text("old")
    new.mkdir()
    monkeypatch.setattr(build, "_exchange", lambda first, second: False)
    real_rename = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if self == new:
            raise OSError(28, "No space left on device")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError, match="No space"):
        swap_in(new, site)
    assert _files(site) == {"old.html": b"old"}


def test_each_build_stages_in_its_own_folder_and_holds_the_lock(tmp_path: Path) -> None:
    import fcntl

    site = tmp_path / "site"
    stale = tmp_path / ".site.timeline-staging-killed"
    stale.mkdir()
    staged = StagedBuild.start(site)
    assert staged.staging.parent == tmp_path and staged.staging.name != ".site.timeline-staging"
    assert not stale.exists()  # a killed build's leftovers go when the lock is ours
    lock = os.open(tmp_path / ".site.timeline-lock", os.O_RDWR)
    try:
        with pytest.raises(BlockingIOError):
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        (staged.staging / "index.html").write_text("new")
        staged.finish()
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released
    finally:
        os.close(lock)
    assert _files(site) == {"index.html": b"new"}
    assert [p.name for p in tmp_path.iterdir() if "staging" in p.name] == []


def _leftovers(folder: Path, prefix: str = "") -> list[str]:
    """What is beside the site (named ``prefix``…) but the site and its lock, once a
    deleting process is done."""
    deadline = time.monotonic() + 60
    kept = {"site", ".site.timeline-lock"}
    while True:
        found = sorted(
            p.name for p in folder.iterdir() if p.name not in kept and p.name.startswith(prefix)
        )
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def _rmtree_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders this process deletes itself."""
    from timeline.render import staging

    deleted: list[str] = []
    rmtree = staging.shutil.rmtree

    def recorded(path: object, *args: object, **kwargs: object) -> None:
        deleted.append(Path(str(path)).name)
        rmtree(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(staging.shutil, "rmtree", recorded)
    return deleted


def test_a_large_previous_site_is_deleted_by_a_process_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    (site / "old").mkdir(parents=True)
    (site / "old/index.html").write_text("old")
    deleted = _rmtree_here(monkeypatch)
    staged = StagedBuild.start(site)
    (staged.staging / "index.html").write_text("new")
    staged.finish(in_background=True)
    assert _files(site) == {"index.html": b"new"}  # in place before the old one is gone
    assert deleted == []  # this process did not wait for the deletion
    assert _leftovers(tmp_path) == []


def test_a_previous_site_left_half_deleted_is_deleted_by_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    killed = tmp_path / ".site.timeline-old-killed"  # its deleting process was killed
    (killed / "page").mkdir(parents=True)
    (killed / "page/index.html").write_text("old")
    deleted = _rmtree_here(monkeypatch)
    staged = StagedBuild.start(site)
    staged.finish()
    assert killed.name not in deleted  # not waited for: a process of its own deletes it
    assert _leftovers(tmp_path) == []


@pytest.mark.slow
def test_a_build_in_a_terminal_leaves_a_large_old_site_to_a_process_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline import workers
    from timeline.render import staging

    project = copy_fixture("basic", tmp_path / "project")
    site = build_site(project)
    monkeypatch.setattr(workers, "LEAST_PAGES", 1)  # the fixture's site counts as large
    asked: list[bool] = []
    finish = staging.StagedBuild.finish

    def recorded(staged: StagedBuild, *, in_background: bool = False) -> Path:
        asked.append(in_background)
        return finish(staged, in_background=in_background)

    monkeypatch.setattr(staging.StagedBuild, "finish", recorded)
    build_site(project)  # not in a terminal (CI, a script): deleted before it returns
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    build_site(project)
    assert asked == [False, True]
    assert (site / "index.html").is_file()
    assert _leftovers(site.parent, ".site.") == []


def test_without_a_process_to_delete_it_the_build_deletes_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("old")

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    staged = StagedBuild.start(site)
    staged.finish(in_background=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.timeline-lock", "site"]


# -- SOURCE_DATE_EPOCH ------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"), [(None, None), ("", None), (" ", None), ("1745280000", "1745280000")]
)
def test_source_date_epoch_empty_is_unset(given: str | None, expected: str | None) -> None:
    assert source_date_epoch(given) == expected


def test_source_date_epoch_must_be_seconds() -> None:
    with pytest.raises(ValueError, match=r"expected whole seconds since 1970.*'soon'"):
        source_date_epoch("soon")


@pytest.mark.slow
def test_an_empty_source_date_epoch_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    project = copy_fixture("basic", tmp_path / "project")
    site = build_site(project)
    assert (site / "timeline/treaty-signed/index.html").is_file()
    assert os.environ["SOURCE_DATE_EPOCH"] == ""  # given back as it was


@pytest.mark.slow
def test_a_bad_source_date_epoch_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    project = copy_fixture("basic", tmp_path / "project")
    assert "SOURCE_DATE_EPOCH: expected whole seconds" in _refused(project, caplog)
    assert "Traceback" not in caplog.text


# -- links out of the project -----------------------------------------------------


@pytest.mark.slow
def test_links_out_of_the_project_are_refused(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = copy_fixture("basic", tmp_path / "project")
    site = build_site(project)
    before = tree(site)
    outside = tmp_path / "outside"
    (outside / "ssl").mkdir(parents=True)
    (outside / "ssl/key.pem").write_text("SECRET")
    (project / "docs/env.txt").symlink_to("/proc/self/environ")
    (project / "docs/etcssl").symlink_to(outside / "ssl")
    (project / "docs/inside.md").symlink_to(project / "docs/index.md")  # allowed
    (project / "docs/sub").mkdir()
    (project / "docs/sub/again").symlink_to(project / "docs/sub/../sub")  # a loop: refused
    (project / "docs/twice").symlink_to(project / "docs/sub")  # inside: allowed, walked once
    message = _refused(project, caplog)
    assert "docs/env.txt is a symbolic link to /proc/" in message
    assert f"docs/etcssl is a symbolic link to {outside / 'ssl'}" in message
    assert "docs/sub/again is a symbolic link to" in message and "(a loop)" in message
    assert "inside.md" not in message and "docs/twice" not in message
    assert message.count("docs/sub/again") == 1  # reached twice, reported once
    assert "allow_outside_links: true" in message
    assert tree(site) == before  # nothing published
    assert [p.name for p in project.iterdir() if "staging" in p.name] == []


@pytest.mark.slow
def test_links_out_of_the_project_can_be_allowed(tmp_path: Path) -> None:
    project = copy_fixture("basic", tmp_path / "project")
    (tmp_path / "shared.txt").write_text("shared on purpose")
    (project / "docs/shared.txt").symlink_to(tmp_path / "shared.txt")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - timeline", "  - timeline:\n      allow_outside_links: true")
    )
    assert read(build_site(project), "shared.txt") == "shared on purpose"


@pytest.mark.slow
def test_an_events_folder_outside_the_project_is_refused(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = copy_fixture("basic", tmp_path / "project")
    (project / "events").rename(tmp_path / "elsewhere")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - timeline", "  - timeline:\n      events_dir: ../elsewhere")
    )
    message = _refused(project, caplog)
    assert "../elsewhere (the events folder) is outside the project" in message


# -- names from user text ---------------------------------------------------------


@pytest.mark.slow
def test_a_long_cjk_tag_builds(tmp_path: Path) -> None:
    project = copy_fixture("basic", tmp_path / "project")
    tag = "中华人民共和国国务院" * 10  # 100 characters, 300 bytes in UTF-8
    (project / "events/long-tag.yaml").write_text(
        f"title: Long tag\ndate: 2020\ntags: ['{tag}']\nactors: ['{tag}']\nplaces: ['{tag}']\n",
        encoding="utf-8",
    )
    site = build_site(project)
    names = [p.name for p in site.rglob("*")]
    assert max(len(name.encode("utf-8")) for name in names) <= 110
    page = read(site, "timeline/long-tag/index.html")
    assert tag in page


# -- concurrent builds and kill -9 ------------------------------------------------


def _write_config(project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        "site_name: Many events\nsite_url: https://example.org/\n"
        "plugins:\n  - timeline:\n      history: false\n      exports: false\n",
        encoding="utf-8",
    )
    (project / "docs").mkdir(exist_ok=True)
    (project / "docs/index.md").write_text("# Home\n", encoding="utf-8")


def _project(folder: Path, count: int, seed: int) -> Path:
    """A project of ``count`` generated events, built without git history or exports."""
    from benchmarks.generate import write_events

    folder.mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(
        "site_name: Many events\nsite_url: https://example.org/\n"
        "plugins:\n  - timeline:\n      history: false\n      exports: false\n",
        encoding="utf-8",
    )
    (folder / "docs").mkdir()
    (folder / "docs/index.md").write_text(f"# Home {seed}\n", encoding="utf-8")
    write_events(folder, count, seed)
    return folder


def _build(project: Path, site: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        env={**os.environ, "SOURCE_DATE_EPOCH": "1745280000"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _digest(site: Path) -> dict[str, str]:
    import hashlib

    return {name: hashlib.sha256(data).hexdigest() for name, data in _files(site).items()}


def _built(project: Path, site: Path) -> dict[str, str]:
    done = _build(project, site)
    _, errors = done.communicate(timeout=120)
    assert done.returncode == 0, errors.decode()
    return _digest(site)


@pytest.mark.slow
def test_two_builds_at_once_both_finish_and_the_site_is_one_of_them(tmp_path: Path) -> None:
    one = _project(tmp_path / "one", 80, seed=1)
    two = _project(tmp_path / "two", 80, seed=2)
    expected = [_built(one, tmp_path / "ref-one"), _built(two, tmp_path / "ref-two")]
    assert expected[0] != expected[1]
    site = tmp_path / "shared/site"
    for _ in range(2):
        builds = [_build(one, site), _build(two, site)]
        results = [build.communicate(timeout=120) for build in builds]
        assert [build.returncode for build in builds] == [0, 0], [e.decode() for _, e in results]
        assert _digest(site) in expected
    leftovers = [p.name for p in site.parent.iterdir() if p.name != "site"]
    assert leftovers == [".site.timeline-lock"]


@pytest.mark.slow
def test_kill_9_at_any_moment_leaves_the_old_site_or_the_new_one(tmp_path: Path) -> None:
    import random
    import signal
    import time

    # 400 events (about 500 files a site): a few thousand would take minutes here, and
    # the swap is the same one rename whatever the size.
    one = _project(tmp_path / "one", 400, seed=1)
    two = _project(tmp_path / "two", 400, seed=2)
    site = tmp_path / "site"
    started = time.monotonic()
    sites = {"two": _built(two, tmp_path / "ref-two")}
    duration = time.monotonic() - started
    sites["one"] = _built(one, site)
    rng = random.Random(9)
    for _ in range(15):
        current = next(name for name, digest in sites.items() if digest == _digest(site))
        build = _build(two if current == "one" else one, site)
        # Most kills late in the build, where the swap happens; some anywhere.
        time.sleep(duration * (rng.uniform(0.6, 1.2) if rng.random() < 0.7 else rng.random()))
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=60)
        found = _digest(site)
        assert found in sites.values(), "site/ is neither the old site nor the new one"


def test_the_serve_banner_escapes_the_problems() -> None:
    from timeline.serve import with_problem_banner

    page = with_problem_banner(
        '<html><body class="x"><p>page</p></body></html>',
        "Headline\nevents/a.yaml:1:8: E105 date: got '<img src=x onerror=alert(1)>'",
    )
    assert page.startswith('<html><body class="x"><div role="alert"')
    assert "<strong>Headline</strong>" in page and "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and page.endswith(
        "<p>page</p></body></html>"
    )
