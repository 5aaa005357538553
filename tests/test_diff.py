from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.gitrepo import GitRepo
from timeline.cli import main


@pytest.fixture(autouse=True)
def _no_outer_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run as if outside any git hook: GIT_DIR and friends would point git elsewhere."""
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    repo = GitRepo(tmp_path / "project")
    repo.write("mkdocs.yml", "site_name: t\nplugins:\n  - timeline\n")
    repo.write(
        "events/2025/2025-01-treaty.yaml",
        """
        title: Partnership treaty signed
        date: Jan 2025
        tags: [treaty]
        summary: |
          Russia and Iran sign a treaty.
          It covers defence.
        sources:
          - title: TASS report
            url: https://tass.com/1
        """,
    )
    repo.write(
        "events/2025/2025-03-visit.yaml",
        """
        title: A state visit to Beijing, with talks on trade and energy cooperation
        date: March 2025
        summary: The minister travels to Beijing for two days of talks on trade.
        actors: [Abbas Araghchi, Wang Yi]
        """,
    )
    repo.write("events/2024/2024-old.yaml", "title: An old event\ndate: 2024\n")
    repo.commit("first events")
    monkeypatch.chdir(repo.root)
    return repo


def second_commit(repo: GitRepo) -> None:
    repo.write(
        "events/2025/2025-01-treaty.yaml",
        """
        title: Partnership treaty signed
        date: 17 January 2025
        tags: [treaty, russia-iran]
        summary: |
          Russia and Iran sign a treaty.
          It covers defence and energy.
        sources:
          - title: TASS report
            url: https://tass.com/2
        """,
    )
    repo.move("events/2025/2025-03-visit.yaml", "events/2025/2025-03-beijing-visit.yaml")
    repo.remove("events/2024/2024-old.yaml")
    repo.write("events/2025/2025-04-21-ratified.yaml", "title: Ratified\ndate: Apr 21 2025\n")
    repo.commit("second")


def test_diff_between_revisions(repo: GitRepo) -> None:
    second_commit(repo)
    result = CliRunner().invoke(main, ["diff", "HEAD~1", "HEAD"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("events HEAD~1 (")
    assert ": 1 added, 1 removed, 1 renamed, 1 changed\n" in out
    assert "added    2025-04-21-ratified  'Ratified' (21 April 2025)" in out
    assert "removed  2024-old  'An old event' (2024)" in out
    assert "renamed  2025-03-visit → 2025-03-beijing-visit" in out
    assert (
        "date: January 2025 → 17 January 2025 (precision month → day)"
        "  ['Jan 2025' → '17 January 2025']" in out
    )
    assert "    tags: + russia-iran\n" in out
    assert "sources[TASS report].url: 'https://tass.com/1' → 'https://tass.com/2'" in out
    assert "summary: text changed" in out
    assert "  -It covers defence." in out
    assert "  +It covers defence and energy." in out
    # The order: added, removed, renamed, changed.
    kinds = [line.split()[0] for line in out.splitlines()[2:] if line and not line[0].isspace()]
    assert kinds == ["added", "removed", "renamed", "changed"]


def test_diff_markdown(repo: GitRepo) -> None:
    second_commit(repo)
    result = CliRunner().invoke(main, ["diff", "HEAD~1", "HEAD", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("### Timeline changes: 1 added, 1 removed, 1 renamed, 1 changed\n")
    assert "#### Added\n\n- `2025-04-21-ratified` — Ratified (21 April 2025)" in out
    assert "- `2025-03-visit` → `2025-03-beijing-visit` — A state visit" in out
    assert (
        "  - **date**: January 2025 → 17 January 2025 (precision month → day) "
        "(“Jan 2025” → “17 January 2025”)" in out
    )
    assert "    ```diff\n" in out


def test_same_meaning_and_layout_only(repo: GitRepo) -> None:
    repo.write("events/2024/2024-old.yaml", "# a comment\ntitle: 'An old event'\ndate: '2024'\n")
    repo.write(
        "events/2025/2025-01-treaty.yaml",
        (repo.root / "events/2025/2025-01-treaty.yaml")
        .read_text()
        .replace("Jan 2025", "January 2025"),
    )
    repo.commit("cosmetic")
    out = CliRunner().invoke(main, ["diff", "HEAD~1", "HEAD"]).output
    assert "2024-old" not in out  # quoting and comments only: not an event change
    assert "date: same meaning: January 2025  ['Jan 2025' → 'January 2025']" in out


def test_precision_change_within_a_year(repo: GitRepo) -> None:
    repo.write("events/2024/2024-old.yaml", "title: An old event\ndate: circa 2024\n")
    repo.commit("less sure")
    out = CliRunner().invoke(main, ["diff", "HEAD~1", "HEAD"]).output
    assert "date: 2024 → c. 2024" in out


def test_working_tree_against_the_default_branch(repo: GitRepo) -> None:
    repo.git("checkout", "--quiet", "-b", "edits")
    repo.write("events/2025/2025-05-new.yaml", "title: Committed on the branch\ndate: May 2025\n")
    repo.commit("on the branch")
    repo.write("events/2025/2025-06-draft.yaml", "title: Not committed yet\ndate: June 2025\n")
    (repo.root / "events/2025/2025-03-visit.yaml").unlink()
    result = CliRunner().invoke(main, ["diff"])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("events merge-base with main (")
    assert first.endswith("→ working tree: 2 added, 1 removed")
    assert "2025-05-new" in result.output and "2025-06-draft" in result.output


def test_working_tree_rename_by_similarity(repo: GitRepo) -> None:
    old = repo.root / "events/2025/2025-03-visit.yaml"
    text = old.read_text()
    old.unlink()
    repo.write("events/2025/2025-03-beijing.yaml", text.replace("two days", "three days"))
    out = CliRunner().invoke(main, ["diff"]).output
    assert out.splitlines()[0].endswith("→ working tree: 1 renamed")
    assert "summary: " in out


def test_default_base_on_the_default_branch(repo: GitRepo) -> None:
    second_commit(repo)
    clean = CliRunner().invoke(main, ["diff"]).output
    assert clean.splitlines()[0].split(":")[1].strip() == (
        "1 added, 1 removed, 1 renamed, 1 changed"
    )  # HEAD~1 → working tree
    repo.write("events/2025/2025-04-21-ratified.yaml", "title: Ratified\ndate: Apr 22 2025\n")
    dirty = CliRunner().invoke(main, ["diff"]).output
    assert dirty.splitlines()[0].endswith("→ working tree: 1 changed")  # HEAD → working tree


def test_first_commit_compares_with_the_empty_tree(repo: GitRepo) -> None:
    out = CliRunner().invoke(main, ["diff"]).output
    assert out.splitlines()[0] == "events the empty tree (4b825dc) → working tree: 3 added"


def test_invalid_files_are_reported_not_fatal(repo: GitRepo) -> None:
    repo.write("events/2024/2024-old.yaml", "title: [broken\n")
    repo.write("events/2025/2025-03-visit.yaml", "title: Visit\ndate: Marhc 2025\n")
    repo.commit("broken")
    result = CliRunner().invoke(main, ["diff", "HEAD~1", "HEAD"])
    assert result.exit_code == 0
    assert "could not read at HEAD (" in result.output
    assert "Y020" in result.output
    assert "E105" in result.output
    assert "date: March 2025 → 'Marhc 2025' (not understood)" in result.output


def test_bad_revision_is_a_clear_error(repo: GitRepo) -> None:
    result = CliRunner().invoke(main, ["diff", "no-such-branch"])
    assert result.exit_code == 1
    assert "no such revision: 'no-such-branch'" in result.output
    assert "Traceback" not in result.output


def test_not_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "events").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = CliRunner().invoke(main, ["diff"])
    assert result.exit_code == 1
    assert "is not inside a git repository" in result.output
    assert "Traceback" not in result.output


def test_reads_revisions_without_one_process_per_file(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    for number in range(30):
        repo.write(f"events/2023/2023-e{number}.yaml", f"title: E{number}\ndate: 2023\n")
    repo.commit("many")
    calls: list[list[str]] = []
    real = subprocess.run

    def counting(args: list[str], **kwargs: object) -> object:
        calls.append(args)
        return real(args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "run", counting)
    result = CliRunner().invoke(main, ["diff", "HEAD~1", "HEAD"])
    assert ": 30 added" in result.output
    assert len(calls) < 10, calls


def test_markdown_report_escapes_links_and_images() -> None:
    from timeline.diff import _md

    text = _md("![pixel](https://t.example/p.png) [a](b) *b* |c|")
    import re

    assert re.search(r"(?<!\\)[\[\]]", text) is None  # every bracket escaped
    assert text.count("\\[") == 2 and text.count("\\]") == 2


def _code_span_end(line: str, start: int) -> int:
    """Where the CommonMark code span opened at ``start`` closes (the same-length run)."""
    opener = re.match(r"`+", line[start:])
    assert opener is not None
    for run in re.finditer(r"`+", line[start + len(opener.group()) :]):
        if len(run.group()) == len(opener.group()):
            return start + len(opener.group()) + run.end()
    raise AssertionError(f"code span never closes: {line!r}")


@pytest.mark.parametrize(
    "event_id",
    ["a`b", "a``b`", "`x`", "x` [click](https://evil.test) `", "a\n#### Injected\n- @octocat"],
)
def test_markdown_code_span_holds_any_file_name(event_id: str) -> None:
    from timeline.diff import EventChange, TimelineDiff, markdown_report

    diff = TimelineDiff("main", "HEAD", (EventChange("added", event_id, f"{event_id}.yaml"),))
    report = markdown_report(diff)
    item = next(line for line in report.splitlines() if line.startswith("- "))
    assert _code_span_end(item, 2) == len(item)  # the span is the whole item: nothing escaped
    assert len(report.splitlines()) == 7  # heading, revisions, section, one item
    assert "\n#### Injected" not in report


def test_markdown_report_mentions_and_references_are_inert() -> None:
    from timeline.diff import WORD_JOINER, EventChange, FieldChange, TimelineDiff, markdown_report

    title = "Ping @octocat and @org/team about #12, GH-3 and owner/repo#4"
    change = EventChange(
        "changed",
        "a",
        "a.yaml",
        title=title,
        fields=(FieldChange("summary", "cc @someone", "fixes #99"),),
    )
    report = markdown_report(TimelineDiff("main", "HEAD", (change,)))
    assert re.search(r"@[A-Za-z0-9]", report) is None
    assert re.search(r"#[0-9]|GH-[0-9]", report) is None
    # Still readable: only an invisible word joiner was added.
    assert "Ping @\u2060octocat" in report and WORD_JOINER == "\u2060"
    assert "fixes #\u206099" in report
