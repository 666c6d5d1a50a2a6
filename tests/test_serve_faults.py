"""`guidegen serve` under faults: where it listens, what it refuses, bursts of saves, broken content.

Each test starts the real server in a subprocess, as `make serve` does, and talks HTTP to it on
127.0.0.1 only.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import SiteFixture

ARTICLE = "content/articles/choosing-a-data-program.md"
ARTICLE_PAGE = "/articles/choosing-a-data-program/"


@dataclass
class Server:
    base: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8")

    def raw(self, request_path: str) -> tuple[int, bytes]:
        """Send a request line exactly as written (no client-side normalisation of the path)."""
        request = f"GET {request_path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode("latin-1")
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            sock.sendall(request)
            reply = b""
            while chunk := sock.recv(65536):
                reply += chunk
        status = int(reply.split(b" ", 2)[1])
        return status, reply.partition(b"\r\n\r\n")[2]


def wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def start_server(site: SiteFixture) -> Iterator[Callable[[], Server]]:
    started: list[Server] = []

    def start() -> Server:
        port = free_port()
        log = site.root.parent / "serve.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "guidegen", "serve", "--root", str(site.root), "--port", str(port)],
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        server = Server(f"http://127.0.0.1:{port}", port, process, log)
        started.append(server)

        def answers() -> bool:
            try:
                server.get("/")
            except OSError:
                return False
            return True

        wait_for(answers)
        return server

    yield start
    for server in started:
        server.process.terminate()
        server.process.wait(timeout=10)


def listening_addresses(port: int) -> set[str]:
    """Local addresses of sockets listening on port, from the kernel's tables (Linux)."""
    found: set[str] = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        if not Path(table).exists():  # no IPv6 in this kernel
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                assert len(address) == width
                raw = bytes.fromhex(address)
                if width == 8:
                    found.add(socket.inet_ntop(socket.AF_INET, raw[::-1]))
                else:
                    words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
                    found.add(socket.inet_ntop(socket.AF_INET6, words))
    return found


def test_listens_on_loopback_only_by_default(site: SiteFixture, start_server: Callable[[], Server]) -> None:
    server = start_server()
    assert listening_addresses(server.port) == {"127.0.0.1"}
    wait_for(lambda: "Serving on" in server.log.read_text())
    assert f"Serving on http://127.0.0.1:{server.port}/ (Ctrl+C to stop)" in server.log.read_text().splitlines()


TRAVERSALS = [
    "/../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/css/..%2f..%2f..%2fetc%2fpasswd",
    "/%252e%252e/%252e%252e/etc/passwd",
    "/css/..%5c..%5c..%5cetc%5cpasswd",
    "/index.html%00.css",
    "/leak/passwd",  # a symlink planted in the output must not be followed out of it
]


def test_refuses_paths_outside_the_output(site: SiteFixture, start_server: Callable[[], Server]) -> None:
    server = start_server()
    (site.out / "leak").symlink_to("/etc")
    answers = {path: server.raw(path) for path in TRAVERSALS}
    assert answers == dict.fromkeys(TRAVERSALS, (403, b"Forbidden\n"))
    assert server.raw("/css/site.css")[0] == 200


def test_a_burst_of_100_saves_ends_on_the_last_one(site: SiteFixture, start_server: Callable[[], Server]) -> None:
    """100 saves as fast as the disk takes them, while a client keeps reading: every answer is a
    whole page or the error page (a save caught half-written), and the site settles on save 100."""
    server = start_server()
    original = site.read(ARTICLE)
    answers: list[tuple[int, str]] = []
    done = threading.Event()

    def read_continuously() -> None:
        while not done.is_set():
            answers.append(server.get(ARTICLE_PAGE))

    reader = threading.Thread(target=read_continuously)
    reader.start()
    try:
        for number in range(1, 101):
            site.write(ARTICLE, original.replace("Look at the", f"Save {number}: look at the"))
        wait_for(lambda: "Save 100: look at the" in server.get(ARTICLE_PAGE)[1], timeout=60)
    finally:
        done.set()
        reader.join()
    assert server.process.poll() is None
    built = (site.out / ARTICLE_PAGE.strip("/") / "index.html").read_text()
    assert "Save 100: look at the" in built
    assert answers
    for status, body in answers:
        assert status in (200, 500)
        assert body.rstrip().endswith("</html>"), body[-200:]
        if status == 200:
            assert '<h1 class="hero__title">Choosing a Data Program</h1>' in body
        else:  # a build that read a save halfway through: its errors, until the next build
            assert "<h1>Build failed</h1>" in body


def test_survives_content_template_and_config_errors(site: SiteFixture, start_server: Callable[[], Server]) -> None:
    """Started on broken content, the server shows the errors; each good save brings the site back."""
    article = site.read(ARTICLE)
    site.write(ARTICLE, article.replace("date: 2026-09-15", "date: soon"))
    server = start_server()
    status, body = server.get("/")
    assert status == 500
    assert "content/articles/choosing-a-data-program.md:3" in body
    assert "expected a date as YYYY-MM-DD, got &#34;soon&#34;" in body

    site.write(ARTICLE, article)
    wait_for(lambda: server.get(ARTICLE_PAGE)[0] == 200)

    template = site.read("templates/article.html")
    site.write("templates/article.html", template.replace("{{ meta.title }}", "{{ meta.titel }}"))
    wait_for(lambda: server.get(ARTICLE_PAGE)[0] == 500)
    assert "templates/article.html:10" in server.get(ARTICLE_PAGE)[1]
    site.write("templates/article.html", template)
    wait_for(lambda: server.get(ARTICLE_PAGE)[0] == 200)

    config = site.read("content/site.yaml")
    site.write("content/site.yaml", config.replace("title: Test Careers", "title: [Test Careers"))
    wait_for(lambda: server.get("/")[0] == 500)
    assert "content/site.yaml" in server.get("/")[1]
    assert (site.out / "index.html").is_file()  # the last good build stays on disk
    site.write("content/site.yaml", config)
    wait_for(lambda: server.get("/")[0] == 200)
    assert server.process.poll() is None


def test_error_page_shows_hostile_values_as_text(site: SiteFixture, start_server: Callable[[], Server]) -> None:
    server = start_server()
    programs = site.read("content/programs/catalog.yaml")
    site.write("content/programs/catalog.yaml", programs.replace("format: Online", "format: <script>alert(1)</script>"))
    wait_for(lambda: server.get("/")[0] == 500)
    body = server.get("/")[1]
    assert "got &#34;&lt;script&gt;alert(1)&lt;/script&gt;&#34;" in body
    assert "<script>alert" not in body
