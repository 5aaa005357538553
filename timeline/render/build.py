"""Build helpers that are not pages: atomic output, reproducible dates, edit links.

No MkDocs imports: the plugin passes in what these need.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class StagedBuild:
    """A build written beside the site folder, swapped in only when it succeeded.

    MkDocs cleans ``site_dir`` before it writes; building into a staging folder
    means a failed build (bad event, template error, a warning in strict mode)
    leaves the previous site exactly as it was.
    """

    target: Path
    staging: Path
    strict: bool = False
    counter: _WarningCounter = field(default_factory=_WarningCounter)

    @classmethod
    def start(cls, target: Path, *, strict: bool = False) -> StagedBuild:
        target = target.resolve()
        staging = target.with_name(f".{target.name}.timeline-staging")
        shutil.rmtree(staging, ignore_errors=True)
        staged = cls(target, staging, strict)
        # MkDocs aborts a strict build after on_post_build: count warnings ourselves.
        logging.getLogger("mkdocs").addHandler(staged.counter)
        return staged

    def finish(self) -> Path:
        """Swap the staged site in (unless strict mode will abort); returns the site folder."""
        logging.getLogger("mkdocs").removeHandler(self.counter)
        if self.strict and self.counter.count:
            self.abandon()
            return self.target
        old = self.target.with_name(f".{self.target.name}.timeline-old")
        shutil.rmtree(old, ignore_errors=True)
        if self.target.exists():
            self.target.rename(old)
        self.staging.rename(self.target)
        shutil.rmtree(old, ignore_errors=True)
        return self.target

    def abandon(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.counter)
        shutil.rmtree(self.staging, ignore_errors=True)


def last_commit_time(root: Path) -> str | None:
    """Seconds since the epoch of the last commit (for SOURCE_DATE_EPOCH); None outside git."""
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = done.stdout.strip()
    return value if done.returncode == 0 and value.isdigit() else None


def edit_base_url(
    repo_url: str | None, edit_uri: str | None, docs_dir: Path, root: Path
) -> str | None:
    """The URL that an event's path is appended to, derived from repo_url and edit_uri.

    MkDocs' edit_uri points into docs/ ('edit/main/docs/'); events live beside docs/,
    so the project's own edit base is edit_uri without its docs folder.
    """
    if not repo_url or not edit_uri:
        return None
    try:
        docs = PurePosixPath(docs_dir.resolve().relative_to(root.resolve()).as_posix())
    except ValueError:
        return None
    path = edit_uri.rstrip("/")
    suffix = "/" + str(docs)
    if not path.endswith(suffix):
        return None
    base = path[: -len(suffix)] + "/"
    return urljoin(repo_url.rstrip("/") + "/", base)
