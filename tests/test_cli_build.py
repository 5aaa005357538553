from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.sites import copy_fixture
from timeline.cli import main
from timeline.render.staging import edit_base_url, last_commit_time


@pytest.mark.slow
def test_build_makes_the_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_fixture("basic", tmp_path / "project")
    monkeypatch.chdir(project)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert (project / "site/timeline/treaty-signed/index.html").is_file()


@pytest.mark.slow
def test_build_fails_on_a_bad_event(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_fixture("basic", tmp_path / "project")
    (project / "events/bad.yaml").write_text("title: Bad\n", encoding="utf-8")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["build", "-d", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert not (tmp_path / "out").exists()


def test_build_needs_a_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert "no mkdocs.yml" in result.output


def test_serve_runs_mkdocs_serve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import timeline.cli.build as build

    project = copy_fixture("basic", tmp_path / "project")
    monkeypatch.chdir(project)
    calls: list[list[str]] = []
    monkeypatch.setattr(build, "run_mkdocs", lambda args, _config: calls.append(args))
    result = CliRunner().invoke(main, ["serve", "-a", "127.0.0.1:8765"])
    assert result.exit_code == 0, result.output
    assert calls == [
        ["serve", "--config-file", str(project / "mkdocs.yml"), "--dev-addr", "127.0.0.1:8765"]
    ]


def test_last_commit_time(tmp_path: Path) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "a").write_text("a")
    subprocess.run([*git, "add", "a"], cwd=tmp_path, check=True)
    env = {**os.environ, "GIT_COMMITTER_DATE": "2025-04-22T00:00:00+00:00"}
    subprocess.run([*git, "commit", "-qm", "a"], cwd=tmp_path, check=True, env=env)
    assert last_commit_time(tmp_path) == "1745280000"


@pytest.mark.parametrize(
    ("repo", "edit", "expected"),
    [
        ("https://github.com/o/r", "edit/main/docs/", "https://github.com/o/r/edit/main/"),
        ("https://github.com/o/r/", "edit/main/docs", "https://github.com/o/r/edit/main/"),
        ("https://github.com/o/r", "edit/main/elsewhere/", None),
        (None, "edit/main/docs/", None),
        ("https://github.com/o/r", "", None),
    ],
)
def test_edit_links_point_at_the_project(repo: str | None, edit: str, expected: str | None) -> None:
    root = Path("/project")
    assert edit_base_url(repo, edit, root / "docs", root) == expected


@pytest.mark.slow
def test_build_takes_an_empty_source_date_epoch_as_unset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_fixture("basic", tmp_path / "project")
    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert (project / "site/timeline/treaty-signed/index.html").is_file()


def test_build_refuses_a_source_date_epoch_that_is_not_seconds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_fixture("basic", tmp_path / "project")
    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "last tuesday")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert "SOURCE_DATE_EPOCH: expected whole seconds since 1970" in result.output
    assert "Traceback" not in result.output and not (project / "site").exists()
