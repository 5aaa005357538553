"""`timeline export -o`: the output file is replaced whole, or kept."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import WriteEvent
from timeline.cli import main


def test_export_output_replaces_the_file_and_keeps_its_mode(
    project: Path, write_event: WriteEvent, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    write_event("a.yaml", "title: A\ndate: 2025\n")
    out = project / "public" / "timeline.json"
    out.parent.mkdir()
    out.write_text("old\n")
    out.chmod(0o640)
    result = CliRunner().invoke(main, ["export", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["events"][0]["id"] == "a"
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in out.parent.iterdir()) == ["timeline.json"]


def _small_files() -> None:
    # Any write past 2 KB fails with EFBIG (Python ignores SIGXFSZ), like a full disk.
    resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))


def test_a_write_error_keeps_the_old_file_and_says_why(
    project: Path, write_event: WriteEvent
) -> None:
    write_event("a.yaml", f"title: A\ndate: 2025\nsummary: {'word ' * 2000}\n")
    out = project / "timeline.json"
    out.write_text("the previous export\n")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "export", "json", "-o", str(out)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=_small_files,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert out.read_text() == "the previous export\n"
    assert "Could not open file" not in done.stderr
    assert f"could not write {out}: File too large; {out} is unchanged" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in project.iterdir()) == ["events", "timeline.json"]
