from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.gitrepo import GitRepo
from timeline import git, history
from timeline.check import check_paths
from timeline.config import Settings
from timeline.history import by_commit, parse_log, read_history, recent_changes


def day(number: int) -> datetime:
    return datetime(2025, 1, number, 12, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _no_outer_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run as if outside any git hook: GIT_DIR and friends would point git elsewhere."""
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "project")
    repo.write("events/a.yaml", "title: A\ndate: 2025\n")
    repo.write("events/b.yaml", "title: B\ndate: 2024\n")
    repo.write("README.md", "not an event\n")
    repo.commit("add a and b")  # 2025-01-01
    repo.write("events/a.yaml", "title: A, edited\ndate: 2025\n")
    repo.commit("edit a")  # 01-02
    repo.write("README.md", "still not an event\n")
    repo.commit("readme only")  # 01-03
    repo.move("events/b.yaml", "events/2024/b-renamed.yaml")
    repo.commit("rename b")  # 01-04
    repo.write("events/c.yaml", "title: C\ndate: 2023\n")
    repo.commit("add c")  # 01-05
    repo.remove("events/c.yaml")
    repo.commit("remove c")  # 01-06
    repo.write("events/c.yaml", "title: C again\ndate: 2023\n")
    repo.commit("c is back")  # 01-07
    return repo


def test_read_history(repo: GitRepo) -> None:
    found = read_history(repo.root, "events")
    assert sorted(found) == ["events/2024/b-renamed.yaml", "events/a.yaml", "events/c.yaml"]
    a = found["events/a.yaml"]
    assert (a.first_added, a.last_changed, a.revisions) == (day(1), day(2), 2)
    assert (a.last_author, a.last_subject) == ("Test Author", "edit a")
    b = found["events/2024/b-renamed.yaml"]  # the rename is followed
    assert (b.first_added, b.last_changed, b.revisions) == (day(1), day(4), 2)
    c = found["events/c.yaml"]  # re-added: the deleted file's past is not its own
    assert (c.first_added, c.last_changed, c.revisions) == (day(7), day(7), 1)


def test_read_history_from_a_project_in_a_sub_folder(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.write("site/events/x.yaml", "title: X\ndate: 2025\n")
    repo.write("events/not-this.yaml", "title: Y\ndate: 2025\n")
    repo.commit("add")
    assert list(read_history(repo.root / "site", "events")) == ["events/x.yaml"]


def test_uncommitted_files_have_no_history(repo: GitRepo) -> None:
    repo.write("events/new.yaml", "title: New\ndate: 2025\n")
    assert "events/new.yaml" not in read_history(repo.root, "events")


def test_without_a_repository_it_is_empty_and_says_so_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "events").mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.setattr(history, "_logged", set())
    with caplog.at_level(logging.INFO, logger="timeline.history"):
        assert read_history(tmp_path, "events") == {}
        assert read_history(tmp_path, "events") == {}
    messages = [r.message for r in caplog.records]
    assert len(messages) == 1
    assert "event pages show no history" in messages[0]


def test_without_git_it_is_empty(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(git.shutil, "which", lambda name: None)
    monkeypatch.setattr(history, "_logged", set())
    with caplog.at_level(logging.INFO, logger="timeline.history"):
        assert read_history(tmp_path) == {}
    assert caplog.records[0].message == "git is not installed: event pages show no history"


def test_shallow_clone_is_flagged(
    repo: GitRepo, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    clone = tmp_path / "clone"
    repo.git("clone", "--quiet", "--depth", "1", f"file://{repo.root}", str(clone))
    monkeypatch.setattr(history, "_logged", set())
    with caplog.at_level(logging.WARNING, logger="timeline.history"):
        found = read_history(clone, "events")
    assert found["events/a.yaml"].revisions == 1
    assert "fetch-depth: 0" in caplog.records[0].message


def test_one_git_log_for_the_whole_repository(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline import git as runner  # the one git runner

    calls: list[list[str]] = []
    real = runner.subprocess.run

    def counting(args: list[str], **kwargs: object) -> object:
        calls.append(args)
        return real(args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(runner.subprocess, "run", counting)
    read_history(repo.root, "events")
    assert [call[5:7] for call in calls if "log" in call] == [["log", "-z"]]
    assert len(calls) == 2  # the log, and the shallow-clone check


def test_parse_log_handles_odd_names() -> None:
    output = (
        "\x1eabc\x1f2025-01-02T00:00:00+00:00\x1fA\x1fsecond\0\nM\0events/é ü.yaml\0"
        "\x1edef\x1f2025-01-01T00:00:00+00:00\x1fB\x1ffirst: with \x1f-free text\0\n"
        "A\0events/é ü.yaml\0"
    )
    found = parse_log(output)
    assert found["events/é ü.yaml"].revisions == 2
    assert found["events/é ü.yaml"].last_author == "A"


def test_recent_changes(repo: GitRepo) -> None:
    settings = Settings(root=repo.root)
    result = check_paths(settings)
    assert result.timeline is not None
    rows = recent_changes(read_history(repo.root), result.timeline.events, 2)
    assert [(r.event_id, r.changed, r.added, r.subject) for r in rows] == [
        ("c", day(7), True, "c is back"),
        ("b-renamed", day(4), False, "rename b"),
    ]
    assert rows[0].title == "C again"
    assert rows[0].when == "2023"


def test_events_changed_by_one_commit_are_listed_under_it_once(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "project")
    for name in ("a", "b", "c"):
        repo.write(f"events/{name}.yaml", f"title: {name.upper()}\ndate: 2025\n")
    repo.commit("add three")  # 01-01
    repo.write("events/d.yaml", "title: D\ndate: 2025\n")
    repo.commit("add d")  # 01-02
    repo.write("events/a.yaml", "title: A, edited\ndate: 2025\n")
    repo.write("events/c.yaml", "title: C, edited\ndate: 2025\n")
    repo.commit("edit a and c")  # 01-03
    result = check_paths(Settings(root=repo.root))
    assert result.timeline is not None
    groups = by_commit(recent_changes(read_history(repo.root), result.timeline.events))
    assert [(g.subject, g.changed, [c.event_id for c in g.changes]) for g in groups] == [
        ("edit a and c", day(3), ["a", "c"]),
        ("add d", day(2), ["d"]),
        ("add three", day(1), ["b"]),
    ]
    assert len({g.commit for g in groups}) == 3


def test_commits_of_the_same_second_stay_apart(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "project")
    same = "2025-02-01T12:00:00+00:00"
    repo.write("events/a.yaml", "title: A\ndate: 2025\n")
    repo.write("events/c.yaml", "title: C\ndate: 2025\n")
    first = repo.commit("a and c", date=same)
    repo.write("events/b.yaml", "title: B\ndate: 2025\n")
    second = repo.commit("b", date=same)
    result = check_paths(Settings(root=repo.root))
    assert result.timeline is not None
    groups = by_commit(recent_changes(read_history(repo.root), result.timeline.events))
    # Sorted by id alone, b would split a and c; each commit stays one group.
    found = {g.commit: [c.event_id for c in g.changes] for g in groups}
    assert found == {first: ["a", "c"], second: ["b"]}
