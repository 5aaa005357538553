"""How the browser tests start Debian's Chromium (never a downloaded browser)."""

from __future__ import annotations

import http.server
import shutil
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps trying to reach Google's
# hosts, which this machine's closed network refuses.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server for browser tests that keeps its request log to itself."""

    def log_message(self, format: str, *args: Any) -> None:
        pass
