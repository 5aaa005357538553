"""The same input builds the same bytes, whatever the hash seed, time zone and language."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sites import copy_fixture, tree

ENVIRONMENTS = (
    {"PYTHONHASHSEED": "1", "TZ": "UTC", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
    {"PYTHONHASHSEED": "4242", "TZ": "Asia/Tehran", "LANG": "ru_RU.UTF-8", "LC_ALL": ""},
)


def _run(command: list[str], cwd: Path, environment: dict[str, str]) -> bytes:
    env = {**os.environ, **environment, "SOURCE_DATE_EPOCH": "1745280000"}
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return done.stdout


@pytest.mark.slow
def test_exports_are_the_same_in_every_environment(tmp_path: Path) -> None:
    project = copy_fixture("basic", tmp_path / "project")
    outputs = [
        [
            _run([sys.executable, "-m", "timeline", "export", name], project, environment)
            for name in ("json", "timelinejs", "csv", "ics", "atom", "jsonfeed")
        ]
        for environment in ENVIRONMENTS
    ]
    assert outputs[0] == outputs[1]
    assert all(outputs[0])


@pytest.mark.slow
def test_sites_are_the_same_in_every_environment(tmp_path: Path) -> None:
    sites = []
    for number, environment in enumerate(ENVIRONMENTS):
        project = copy_fixture("basic", tmp_path / f"project{number}")
        # Two folders: the project's path must not leak into the pages either.
        built = tmp_path / f"site{number}"
        _run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(built)],
            project,
            environment,
        )
        sites.append(tree(built))
    assert sites[0].keys() == sites[1].keys()
    different = [path for path in sites[0] if sites[0][path] != sites[1][path]]
    assert different == []
