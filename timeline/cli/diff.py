"""`timeline diff`: the change between two revisions, in events rather than lines."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from timeline.cli.options import config_option

if TYPE_CHECKING:
    from timeline.git import Revision


@click.command("diff")
@click.argument("base", required=False)
@click.argument("head", required=False)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="markdown to paste in a pull request or a job summary.",
)
@config_option
def command(
    base: str | None, head: str | None, output_format: str, config_file: Path | None
) -> None:
    """Show which events were added, removed, renamed or changed between two revisions.

    HEAD is a revision, or the working tree when omitted (uncommitted edits
    and new files included). BASE defaults to where the current branch left the
    default branch (origin's HEAD, else main, else master); on the default branch
    itself, to HEAD when the working tree has event changes, else to HEAD~1.
    Dates are compared by meaning. Files that cannot be read at a revision are
    reported, not fatal: the exit code is 0 unless git itself fails.

    \b
    Examples:
      timeline diff                          # this branch and its uncommitted edits
      timeline diff main                     # against main
      timeline diff HEAD~3 HEAD
      timeline diff origin/main HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"
    """
    from timeline.config import load_settings
    from timeline.diff import REPORTS, diff_revisions
    from timeline.git import GitError, Revision, resolve, top_level

    settings = load_settings(config_file)
    repo = top_level(settings.root)
    try:
        folder = settings.events_path.resolve().relative_to(repo.resolve()).as_posix()
    except ValueError:
        raise GitError(f"{settings.events_path} is not inside the git repository {repo}") from None
    head_revision = resolve(repo, head) if head else Revision("working tree", None)
    base_revision = resolve(repo, base) if base else _default_base(repo, head_revision, folder)
    result = diff_revisions(repo, base_revision, head_revision, settings, folder=folder)
    click.echo(REPORTS[output_format](result), nl=False)


def _default_base(repo: Path, head: Revision, folder: str) -> Revision:
    from timeline.git import EMPTY_TREE, GitError, Revision, default_branch, git, resolve

    tip = head.commit or resolve(repo, "HEAD").commit
    assert tip is not None
    branch = default_branch(repo)
    if branch is not None:
        try:
            fork = git(repo, "merge-base", branch, tip).decode().strip()
        except GitError:
            fork = ""
        if fork and fork != tip:
            return Revision(f"merge-base with {branch}", fork)
    if head.commit is None:
        status = git(repo, "status", "--porcelain", "--untracked-files=all", "--", folder)
        if status.strip():
            return resolve(repo, "HEAD")
    try:
        return resolve(repo, f"{tip}~1")
    except GitError:
        return Revision("the empty tree", EMPTY_TREE)
