"""A throwaway git repository for tests, with fixed dates so commits are deterministic."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path


class GitRepo:
    """A project folder under git: write, move and remove files, then commit."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.commits = 0
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "--quiet", "--initial-branch=main")
        self.git("config", "user.name", "Test Author")
        self.git("config", "user.email", "author@example.org")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str, date: str | None = None) -> str:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        if date is not None:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
        done = subprocess.run(
            ["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True
        )
        return done.stdout

    def write(self, path: str, text: str) -> Path:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return target

    def remove(self, path: str) -> None:
        self.git("rm", "--quiet", path)

    def move(self, old: str, new: str) -> None:
        (self.root / new).parent.mkdir(parents=True, exist_ok=True)
        self.git("mv", old, new)

    def commit(self, message: str, date: str | None = None) -> str:
        """Commit everything; dates default to one day per commit from 2025-01-01."""
        self.commits += 1
        when = date or f"2025-01-{self.commits:02d}T12:00:00+00:00"
        self.git("add", "--all")
        self.git("commit", "--quiet", "--allow-empty", "-m", message, date=when)
        return self.git("rev-parse", "HEAD").strip()
