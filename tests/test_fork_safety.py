"""No process forks while another of its threads runs: not `guidegen build`, not `guidegen serve` rebuilding.

fork() copies the locks other threads hold into the child, held; Python 3.12 and later warn
that the child may deadlock. CI runs 3.11, which does not warn, so the test checks the
property itself: a hook registered with os.register_at_fork (inherited by every forked
process) records how many threads the forking process runs. The site is small, so the
wrapper makes guidegen render in workers from the first page and replace each worker after
two pages, as it does at 1,600 pages on a large site.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import SiteFixture
from test_serve import _free_port, _get, _wait_for

WRAPPER = """
import os, sys, threading
from guidegen import workers
from guidegen.incremental import parallel

parallel.PARALLEL_FROM = 1
parallel.CHUNK_PAGES = 1
parallel.WORKER_PAGES = 2
parallel._usable_cores = workers.usable_cores = lambda: 2
record = os.open(sys.argv[1], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)


def before_fork():
    names = ",".join(sorted(thread.name for thread in threading.enumerate()))
    os.write(record, f"{os.getpid()} {threading.active_count()} {names}\\n".encode())


os.register_at_fork(before=before_fork)
from guidegen.cli import main

sys.exit(main(sys.argv[2:]))
"""


def _forks(record: Path) -> list[tuple[int, int, str]]:
    if not record.exists():
        return []
    forks = []
    for line in record.read_text(encoding="utf-8").splitlines():
        pid, threads, names = line.split(" ", 2)
        forks.append((int(pid), int(threads), names))
    return forks


def test_serve_rebuilding_every_page_forks_only_from_a_single_thread(site: SiteFixture, tmp_path: Path) -> None:
    record = tmp_path / "forks.txt"
    port = _free_port()
    command = [sys.executable, "-c", WRAPPER, str(record), "serve", "--root", str(site.root), "--port", str(port)]
    base = f"http://127.0.0.1:{port}"
    with (tmp_path / "serve.log").open("w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_for(lambda: _up(base + "/"), timeout=30)
            first = len(_forks(record))
            base_html = site.read("templates/base.html")
            site.write("templates/base.html", base_html.replace("</body>", "<p>Edited layout</p></body>"))
            _wait_for(lambda: "Edited layout" in _get(base + "/programs/")[1], timeout=30)
            assert "Edited layout" in _get(base + "/articles/choosing-a-data-program/")[1]
        finally:
            process.terminate()
            assert process.wait(timeout=30) == 0, (tmp_path / "serve.log").read_text(encoding="utf-8")
    forks = _forks(record)
    # the build process, then render workers for the first build, and again for the rebuild of every page
    assert len(forks) > first > 1
    assert [fork for fork in forks if fork[1] != 1] == []


def test_a_build_forks_only_from_a_single_thread(site: SiteFixture, tmp_path: Path) -> None:
    record = tmp_path / "forks.txt"
    result = subprocess.run(
        [sys.executable, "-c", WRAPPER, str(record), "build", "--root", str(site.root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    forks = _forks(record)
    pages = int(result.stdout.split(": ")[1].split(" pages")[0])
    assert len(forks) >= pages // 2  # a fresh worker every two pages
    assert [fork for fork in forks if fork[1] != 1] == []


def _up(url: str) -> bool:
    try:
        return _get(url)[0] == 200
    except OSError:
        return False
