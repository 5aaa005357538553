"""The public API: the examples of docs/guide/api.md run, in order, as one test."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import timeline

PAGE = Path(__file__).resolve().parents[1] / "docs" / "guide" / "api.md"


def test_the_api_page_examples_run(capsys: pytest.CaptureFixture[str]) -> None:
    blocks = re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 5
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, str(PAGE), "exec"), namespace)
    printed = capsys.readouterr().out
    assert "events/typo.yaml:2:7:" in printed and "date:" in printed
    assert "October 1957 — Sputnik 1" in printed or "4 October 1957 — Sputnik 1" in printed


def test_every_public_name_is_documented_and_importable() -> None:
    page = PAGE.read_text(encoding="utf-8")
    for name in timeline.__all__:
        assert getattr(timeline, name) is not None
        if not name.startswith("_") and name[0].islower():
            assert f"`{name}`" in page, name


def test_import_timeline_stays_cheap() -> None:
    code = "import sys, timeline; print(sorted(m for m in sys.modules if m.startswith('timeline')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['timeline']"


def test_unknown_names_are_attribute_errors() -> None:
    with pytest.raises(AttributeError):
        timeline.no_such_name  # noqa: B018
