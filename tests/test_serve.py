"""`mkdocs serve` with the plugin: broken files, a recreated events folder, quick rebuilds."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.sites import copy_fixture

pytestmark = pytest.mark.slow

BANNER = "timeline-serve-problems"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Served:
    def __init__(self, project: Path) -> None:
        self.project = project
        self.log = project.parent / "serve.log"
        address = f"127.0.0.1:{_free_port()}"
        self.base = f"http://{address}/fixture/"  # the path of the fixture's site_url
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "-f",
                str(project / "mkdocs.yml"),
                "-a",
                address,
            ],
            env={**os.environ, "SOURCE_DATE_EPOCH": "1745280000"},
            stdout=subprocess.DEVNULL,
            # A file, not a pipe: a server that logs more than a pipe holds would block.
            stderr=self.log.open("wb"),
        )

    def get(self, path: str, timeout: float) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=timeout) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, ""

    def wait_for(self, path: str, wanted: Callable[[int, str], bool], within: float = 90) -> str:
        """The page once ``wanted`` holds for it; fails after ``within`` seconds."""
        deadline = time.monotonic() + within
        seen: tuple[int, str] | None = None
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()
            try:
                seen = self.get(path, timeout=30)
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
                continue
            if wanted(*seen):
                return seen[1]
            time.sleep(0.3)
        raise AssertionError(
            f"{path}: not as wanted after {within} s; last: {seen}\n{self.log.read_text()}"
        )


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    project = copy_fixture("basic", tmp_path / "project")
    server = Served(project)
    try:
        server.wait_for("timeline/", lambda status, _: status == 200)
        yield server
    finally:
        server.process.terminate()
        try:
            server.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.process.kill()


NEW_EVENT = "title: Added after the fix\ndate: 2024-05-01\n"


def test_serve_keeps_serving_while_a_file_is_broken(served: Served) -> None:
    events = served.project / "events"
    (events / "broken.yaml").write_text("title: [Broken\ndate: 2024\n", encoding="utf-8")
    served.wait_for("timeline/", lambda _, page: BANNER in page)
    # Once the rebuild is done, every request answers at once with the last good pages.
    status, page = served.get("timeline/treaty-signed/", timeout=1)
    assert status == 200 and BANNER in page
    assert "events/broken.yaml" in page and "Treaty signed" in page
    assert "This is the last good build of the timeline." in page
    (events / "broken.yaml").write_text(NEW_EVENT, encoding="utf-8")
    page = served.wait_for("timeline/", lambda _, page: "Added after the fix" in page)
    assert BANNER not in page


def test_serve_watches_the_events_folder_after_it_is_made_again(
    served: Served, tmp_path: Path
) -> None:
    events = served.project / "events"
    shutil.move(events, tmp_path / "kept")
    served.wait_for("timeline/", lambda _, page: BANNER in page)
    (tmp_path / "kept/broken.yaml").write_text(NEW_EVENT, encoding="utf-8")
    shutil.copytree(tmp_path / "kept", events)
    page = served.wait_for("timeline/", lambda _, page: "Added after the fix" in page)
    assert BANNER not in page
    # And the new folder is watched: a further change shows.
    (events / "broken.yaml").write_text(NEW_EVENT.replace("after", "later"), encoding="utf-8")
    served.wait_for("timeline/", lambda _, page: "Added later the fix" in page)


def test_serve_rebuilds_an_edited_event_by_itself(served: Served) -> None:
    event = served.project / "events/treaty-signed.yaml"
    text = event.read_text(encoding="utf-8")
    event.write_text(text.replace("title: ", "title: Quickly edited ", 1), encoding="utf-8")
    page = served.wait_for(f"timeline/{event.stem}/", lambda _, page: "Quickly edited" in page)
    assert BANNER not in page
    # The quick path, not MkDocs' full rebuild: one build at start only.
    deadline = time.monotonic() + 30
    while "page(s) rebuilt after the edit" not in served.log.read_text():
        assert time.monotonic() < deadline, served.log.read_text()
        time.sleep(0.3)
    assert served.log.read_text().count("Building documentation") == 1
    # A hand-written page still takes MkDocs' full rebuild.
    about = served.project / "docs/index.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    deadline = time.monotonic() + 90
    while served.log.read_text().count("Building documentation") < 2:
        assert time.monotonic() < deadline, served.log.read_text()
        time.sleep(0.3)
