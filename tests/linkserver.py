"""A local HTTP(S) server on 127.0.0.1 that serves every case `timeline links` meets.

Used by tests/test_links.py and benchmarks/links.py; never the internet.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass
class Log:
    """What the server saw: requests, and the most at once."""

    requests: list[tuple[str, str, float]] = field(default_factory=list)
    active: int = 0
    most_active: int = 0
    limited: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def paths(self, method: str | None = None) -> list[str]:
        return [p for m, p, _ in self.requests if method is None or m == method]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_HEAD(self) -> None:
        self._serve()

    def do_GET(self) -> None:
        self._serve()

    def _serve(self) -> None:
        log = self.server.log
        with log.lock:
            log.requests.append((self.command, self.path, time.monotonic()))
            log.active += 1
            log.most_active = max(log.most_active, log.active)
        try:
            status, headers = self._answer()
        finally:
            # Counted as active until the answer is ready: once the client reads it, it
            # may start its next request, which must not overlap this one in the count.
            with log.lock:
                log.active -= 1
        self._send(status, **headers)

    def _answer(self) -> tuple[int, dict[str, str]]:
        path = self.path
        if path.startswith("/slow"):
            time.sleep(self.server.slow)
            return 200, {}
        if path.startswith("/ok") or path.startswith("/page"):
            return 200, {}
        if path == "/moved":
            return 301, {"Location": "/ok"}
        if path == "/moved-twice":
            return 308, {"Location": "/moved"}
        if path == "/temporary":
            return 302, {"Location": "/ok"}
        if path == "/moved-to-gone":
            return 301, {"Location": "/gone"}
        if path == "/loop":
            return 302, {"Location": "/loop"}
        if path == "/gone":
            return 410, {}
        if path == "/no-head":
            return (405 if self.command == "HEAD" else 200), {}
        if path == "/limited":
            with self.server.log.lock:
                first = path not in self.server.log.limited
                self.server.log.limited.add(path)
            return (429, {"Retry-After": "1"}) if first else (200, {})
        if path == "/limited-long":
            return 429, {"Retry-After": "3600"}
        if path == "/error":
            return 500, {}
        return 404, {}

    def _send(self, status: int, **headers: str) -> None:
        body = b"" if self.command == "HEAD" else f"{status}\n".encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body) if body else 0))
        self.end_headers()
        if body:
            self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a slow answer still sleeping must not hold up the test
    request_queue_size = 128

    def __init__(self, slow: float) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.log = Log()
        self.slow = slow


@dataclass
class Running:
    url: str  # http://127.0.0.1:<port>
    log: Log


@contextmanager
def serve(*, slow: float = 2.0, tls: tuple[Path, Path] | None = None) -> Iterator[Running]:
    """Serve the cases until the block ends; ``tls`` is (certificate, key) for HTTPS."""
    server = _Server(slow)
    scheme = "http"
    if tls is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(tls[0]), str(tls[1]))
        server.socket = context.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield Running(f"{scheme}://127.0.0.1:{server.server_address[1]}", server.log)
    finally:
        server.shutdown()
        server.server_close()


def refused_url() -> str:
    """A URL on a local port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/nothing"


def self_signed(folder: Path) -> tuple[Path, Path] | None:
    """A throw-away certificate for 127.0.0.1 made with openssl, or None without it."""
    openssl = shutil.which("openssl")
    if openssl is None:
        return None
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key
