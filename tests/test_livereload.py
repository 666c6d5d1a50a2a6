"""Live reload in a real browser: saving a content file updates the open page by itself."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from conftest import SiteFixture

pytestmark = pytest.mark.browser


@pytest.fixture
def dev_server(site: SiteFixture) -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = (site.root / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "guidegen", "serve", "--root", str(site.root), "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def test_open_page_reloads_after_a_save(site: SiteFixture, dev_server: str, page: Page) -> None:
    with page.expect_websocket() as opened:
        page.goto(dev_server + "/articles/")
    socket_ = opened.value
    socket_.wait_for_event("framereceived")  # the server's hello: the page is listening
    expect(page.locator(".article-list a")).to_have_count(1)
    site.write(
        "content/articles/fresh-news.md",
        "---\ntitle: Fresh News\ndate: 2026-11-01\nsummary: Just added.\n---\n\nNew.\n",
    )
    # no page.reload(): the server tells the browser to reload
    expect(page.locator(".article-list a").first).to_have_text("Fresh News", timeout=10_000)
