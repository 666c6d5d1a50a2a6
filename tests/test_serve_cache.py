"""What `guidegen serve` leaves for the next `guidegen build`: its cache and the snapshot of its last build."""

from __future__ import annotations

import json
import os

from conftest import SiteFixture
from test_serve import _get, _wait_for, server_process

ARTICLE = "content/articles/choosing-a-data-program.md"


def test_a_server_stopped_right_after_a_rebuild_saves_what_it_built(site: SiteFixture) -> None:
    """Stopped (SIGTERM) before its idle-time save, the server saves on the way out: the next
    `guidegen build` finds its own last build up to date and renders nothing."""
    with server_process(site) as (process, base):
        site.write(ARTICLE, site.read(ARTICLE).replace("Look at the", "Served:"))
        _wait_for(lambda: "Served:" in _get(base + "/articles/choosing-a-data-program/")[1])
        process.terminate()
        assert process.wait(timeout=10) == 0
    recorded = json.loads((site.root / ".guidegen-cache/inputs.json").read_text(encoding="utf-8"))
    info = os.stat(site.root / ARTICLE)
    assert recorded["files"][ARTICLE] == [info.st_size, info.st_mtime_ns, info.st_ino]
    result = site.cli("build", "-v")
    assert result.returncode == 0, result.stderr
    assert "rendered 0 of" in result.stderr or "rendered" not in result.stderr
