"""Two builds into one output folder: the second waits for the first, and says so."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import SiteFixture, tree_snapshot
from guidegen.render.output import MARKER, output_lock


def test_a_build_waits_while_another_writes_the_same_output(site: SiteFixture) -> None:
    site.build()
    article = "content/articles/choosing-a-data-program.md"
    site.write(article, site.read(article).replace("Look at the", "Then compare the"))
    with output_lock(site.out):  # what a build holds while it writes public/
        process = subprocess.Popen(
            [sys.executable, "-m", "guidegen", "build", "--root", str(site.root)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert process.stderr is not None
        message = process.stderr.readline()
        assert message == (
            f"guidegen: another build (process {os.getpid()}) is writing {site.out}; waiting for it to finish\n"
        )
        assert process.poll() is None
        assert "Look at the" in site.html("/articles/choosing-a-data-program/").text
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert stdout.startswith(f"Built into {site.out}: ")
    assert "Then compare the" in site.html("/articles/choosing-a-data-program/").text


def test_four_builds_started_at_once_all_succeed_one_after_another(site: SiteFixture) -> None:
    command = [sys.executable, "-m", "guidegen", "build", "--root", str(site.root)]
    builds = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [(build.communicate(timeout=300), build.returncode) for build in builds]
    assert [code for _, code in results] == [0, 0, 0, 0], [stderr for (_, stderr), _ in results]
    waited = [stderr for (_, stderr), _ in results if "waiting for it to finish" in stderr]
    for stderr in waited:
        assert stderr.startswith("guidegen: another build (process ")
    clean = site.root / "clean"
    assert site.cli("build", "--out", str(clean)).returncode == 0
    built, expected = tree_snapshot(site.out), tree_snapshot(clean)
    assert built.pop(MARKER) != expected.pop(MARKER)  # each names the build that wrote it
    assert built == expected
