"""`guidegen serve` and search: a save reloads the page at once; the index follows in the background."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pagefind_bin import get_executable

from conftest import SiteFixture
from test_serve import _free_port, _get, _wait_for

ARTICLE = "content/articles/choosing-a-data-program.md"


@pytest.fixture
def slow_server(site: SiteFixture, tmp_path: Path) -> Iterator[str]:
    """The dev server with a Pagefind that takes 3 s to start: indexing is slower than any rebuild."""
    slow = tmp_path / "slow-pagefind"
    slow.write_text(f'#!/bin/sh\nsleep 3\nexec "{get_executable()}" "$@"\n')
    slow.chmod(0o755)
    port = _free_port()
    log = (site.root / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "guidegen", "serve", "--root", str(site.root), "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PAGEFIND_BINARY_PATH": str(slow)},
    )
    base = f"http://127.0.0.1:{port}"

    def ready() -> bool:
        try:
            return _get(base + "/")[0] == 200
        except OSError:
            return False

    try:
        _wait_for(ready, timeout=20)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def test_a_save_is_served_before_the_index_catches_up(site: SiteFixture, slow_server: str) -> None:
    entry = site.out / "pagefind/pagefind-entry.json"
    _wait_for(entry.is_file, timeout=40)  # the first index, built after the first build was served
    first = entry.read_bytes()
    site.write(ARTICLE, site.read(ARTICLE).replace("Look at the", "Now weigh the"))
    _wait_for(lambda: "Now weigh the" in _get(slow_server + "/articles/choosing-a-data-program/")[1])
    assert entry.read_bytes() == first  # the page is new; its index is still being built
    _wait_for(lambda: entry.read_bytes() != first, timeout=40)
    status, _ = _get(slow_server + "/pagefind/pagefind.js")
    assert status == 200
