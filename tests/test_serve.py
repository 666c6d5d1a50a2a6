"""`guidegen serve`, started for real: serves the site, rebuilds on save, shows errors, recovers."""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator

import pytest

from conftest import SiteFixture


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def _wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


@pytest.fixture
def server(site: SiteFixture) -> Iterator[str]:
    yield from serving(site)


def serving(site: SiteFixture, env: dict[str, str] | None = None) -> Iterator[str]:
    """`guidegen serve` on a free port, its output in serve.log: its address once it answers, then stopped."""
    with server_process(site, env) as (process, base):
        try:
            yield base
        finally:
            process.terminate()
            process.wait(timeout=10)


@contextlib.contextmanager
def server_process(
    site: SiteFixture, env: dict[str, str] | None = None
) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """`guidegen serve` on a free port, its output in serve.log: the process and its address once it answers;
    killed on the way out if it is still running (a test stops it itself to see how it stops)."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with (site.root / "serve.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "guidegen", "serve", "--root", str(site.root), "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        try:
            _wait_for(lambda: answers(base + "/"), timeout=20)
            yield process, base
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()


def answers(url: str) -> bool:
    try:
        return _get(url)[0] == 200
    except OSError:
        return False


def test_serve_rebuilds_on_save_and_shows_errors(site: SiteFixture, server: str) -> None:
    status, body = _get(server + "/articles/choosing-a-data-program/")
    assert status == 200
    assert '<script src="/livereload.js?port=' in body

    article = site.read("content/articles/choosing-a-data-program.md")
    site.write("content/articles/choosing-a-data-program.md", article.replace("Look at the", "Now compare the"))
    _wait_for(lambda: "Now compare the" in _get(server + "/articles/choosing-a-data-program/")[1])

    site.write("content/articles/choosing-a-data-program.md", article.replace("date: 2026-09-15", "date: soon"))
    _wait_for(lambda: _get(server + "/articles/")[0] == 500)
    status, body = _get(server + "/articles/")
    assert "Build failed" in body
    assert "content/articles/choosing-a-data-program.md:3" in body
    assert "expected a date as YYYY-MM-DD" in body
    # the last good build stays on disk while the error is shown
    assert "Now compare the" in (site.out / "articles/choosing-a-data-program/index.html").read_text()

    site.write("content/articles/choosing-a-data-program.md", article)
    _wait_for(lambda: _get(server + "/articles/")[0] == 200)
    assert "Look at the" in _get(server + "/articles/choosing-a-data-program/")[1]


def test_serve_refuses_paths_outside_the_output(server: str) -> None:
    request = b"GET /../../etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as sock:
        sock.sendall(request)
        reply = sock.recv(200).decode("latin-1")
    assert reply.startswith("HTTP/1.1 403")
    assert _get(server + "/no-such-page/")[0] == 404


def test_serve_sees_every_way_an_editor_changes_files(site: SiteFixture, server: str) -> None:
    """Atomic saves (write a temp file, rename it over), new files, new folders' files, deletions, touch."""
    path = site.root / "content/articles/choosing-a-data-program.md"
    article = path.read_text(encoding="utf-8")
    temporary = path.with_name(".choosing-a-data-program.md.tmp")
    temporary.write_text(article.replace("Look at the", "Renamed into place: look at the"), encoding="utf-8")
    temporary.replace(path)
    _wait_for(lambda: "Renamed into place" in _get(server + "/articles/choosing-a-data-program/")[1])

    new = article.replace("title:", "title: Fresh", 1).replace("Look at the", "A new article: look at the")
    site.write("content/articles/fresh-article.md", new)
    _wait_for(lambda: "A new article" in _get(server + "/articles/fresh-article/")[1])

    path.unlink()
    _wait_for(lambda: _get(server + "/articles/choosing-a-data-program/")[0] == 404)
    assert "A new article" in _get(server + "/articles/fresh-article/")[1]

    (site.root / "static/img").mkdir(parents=True)
    (site.root / "static/img/note.txt").write_text("in a new folder\n", encoding="utf-8")
    _wait_for(lambda: _get(server + "/img/note.txt")[1] == "in a new folder\n")


def test_serve_follows_a_templates_folder_that_comes_goes_and_comes_back(site: SiteFixture, server: str) -> None:
    """A site of content/ only takes the theme's templates; its own folder may appear while it is served."""
    assert not (site.root / "templates").exists()
    page = server + "/articles/choosing-a-data-program/"
    base = site.read("templates/base.html")  # the theme's
    site.write("templates/base.html", base.replace("<main ", '<p class="own-banner">Our layout</p>\n<main '))
    _wait_for(lambda: "Our layout" in _get(page)[1])

    shutil.rmtree(site.root / "templates")
    _wait_for(lambda: "Our layout" not in _get(page)[1])

    site.write("templates/base.html", base.replace("<main ", '<p class="own-banner">Layout again</p>\n<main '))
    _wait_for(lambda: "Layout again" in _get(page)[1])


def test_a_stop_signal_that_reaches_another_thread_stops_the_server(site: SiteFixture) -> None:
    """The kernel may hand SIGTERM to any of the server's threads; the idle main thread must still wake."""
    with server_process(site) as (process, _base):
        time.sleep(1.0)  # the server idles: no request, no rebuild, its cache saved
        threads = sorted(int(tid) for tid in os.listdir(f"/proc/{process.pid}/task"))
        other = next(tid for tid in threads if tid != process.pid)
        assert ctypes.CDLL(None, use_errno=True).tgkill(process.pid, other, signal.SIGTERM) == 0
        assert process.wait(timeout=10) == 0
    assert (site.root / ".guidegen-cache").is_dir()
