"""The pre-commit hooks and the CI page name real commands and stay valid YAML."""

from __future__ import annotations

import re
import shlex
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from tests.conftest import EXAMPLE_ROOT
from timeline.cli import COMMANDS, main


def hooks() -> list[dict[str, Any]]:
    loaded = yaml.safe_load((EXAMPLE_ROOT / ".pre-commit-hooks.yaml").read_text())
    assert isinstance(loaded, list)
    return loaded


def test_hooks_file_parses_with_the_fields_pre_commit_requires() -> None:
    found = {hook["id"]: hook for hook in hooks()}
    assert set(found) == {"timeline-check", "timeline-fmt"}
    for hook in found.values():
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python"
    assert found["timeline-check"]["pass_filenames"] is False
    assert found["timeline-fmt"]["pass_filenames"] is True


@pytest.mark.parametrize("hook", hooks(), ids=lambda hook: str(hook["id"]))
def test_hook_entries_name_real_commands(hook: dict[str, Any]) -> None:
    program, name, *options = shlex.split(str(hook["entry"]))
    assert program == "timeline"
    assert name in COMMANDS
    result = CliRunner().invoke(main, [name, *options, "--help"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("hook", hooks(), ids=lambda hook: str(hook["id"]))
def test_hook_file_patterns(hook: dict[str, Any]) -> None:
    pattern = re.compile(str(hook["files"]))
    assert pattern.search("events/2025/2025-04-21-ratified.yaml")
    assert pattern.search("events/x.yml")
    assert not pattern.search("docs/guide/editing.md")
    assert not pattern.search("mkdocs.yml")


def yaml_blocks(page: str) -> list[str]:
    text = (EXAMPLE_ROOT / "docs/guide" / page).read_text(encoding="utf-8")
    return re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)


def test_ci_workflow_is_valid_and_uses_real_commands() -> None:
    (block,) = yaml_blocks("ci.md")
    workflow = yaml.safe_load(block)
    jobs = workflow["jobs"]
    steps = jobs["check"]["steps"] + jobs["deploy"]["steps"] + jobs["links"]["steps"]
    uses = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    assert "actions/upload-pages-artifact" in uses
    assert "actions/deploy-pages" in uses
    checkouts = [step for step in steps if step.get("uses", "").startswith("actions/checkout")]
    assert checkouts and all(step["with"]["fetch-depth"] == 0 for step in checkouts)
    commands = []
    for step in steps:
        for line in str(step.get("run", "")).splitlines():
            words = shlex.split(line.split(">>")[0])
            if words and words[0] == "timeline":
                commands.append(words[1])
                # The real arguments are parsed; with --help last, nothing runs.
                result = CliRunner().invoke(main, [*words[1:], "--help"])
                assert result.exit_code == 0, (line, result.output)
    assert commands == ["check", "fmt", "diff", "links"]


def test_pre_commit_examples_in_the_editing_guide_parse() -> None:
    configs = [yaml.safe_load(block) for block in yaml_blocks("editing.md")]
    used = {
        hook["id"]
        for config in configs
        if isinstance(config, dict) and "repos" in config
        for repo in config["repos"]
        for hook in repo["hooks"]
    }
    assert used == {hook["id"] for hook in hooks()}
