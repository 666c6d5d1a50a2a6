"""The progress line of `guidegen build`: on a terminal only, rewritten in place, gone before the summary."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys

from conftest import SiteFixture

ERASE = "\r\x1b[K"


def build_on_a_terminal(site: SiteFixture, **env: str) -> str:
    """What `guidegen build` writes to a terminal (a pseudo-terminal), both streams together."""
    leader, follower = pty.openpty()
    environment = {key: value for key, value in os.environ.items() if key != "CI"} | {"TERM": "xterm"} | env
    process = subprocess.Popen(
        [sys.executable, "-m", "guidegen", "build", "--root", str(site.root)],
        stdout=follower,
        stderr=follower,
        env=environment,
        cwd=site.root,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait() == 0
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def screen(output: str) -> list[str]:
    """The lines a terminal shows once the output is done: each erase starts its line again."""
    return [line.split(ERASE)[-1] for line in output.split("\n") if line.split(ERASE)[-1]]


def test_a_terminal_sees_the_phases_and_the_pages_rendered_then_only_the_summary(site: SiteFixture) -> None:
    output = build_on_a_terminal(site)
    shown = re.findall(r"\r\x1b\[Kguidegen: ([^\r\n]*)", output)
    phases = [text.removesuffix("…") for text in shown if text.endswith("…")]
    assert phases[:3] == ["reading and checking content", "planning pages", "rendering pages"]
    counts = [text for text in shown if text.startswith("rendering pages: ")]
    total = int(re.search(r"of (\d+)", counts[-1]).group(1))  # type: ignore[union-attr]
    assert counts[-1] == f"rendering pages: {total:,} of {total:,} (100%)"
    shown_at_the_end = screen(output)
    assert shown_at_the_end[-1].startswith("Built into ")
    assert not [line for line in shown_at_the_end if line.endswith("…") or "rendering pages:" in line]


def test_no_progress_under_ci_or_when_not_a_terminal(site: SiteFixture) -> None:
    output = build_on_a_terminal(site, CI="true")
    assert "\x1b" not in output
    assert output.strip().splitlines()[-1].startswith("Built into ")
    site.write("content/articles/new.md", site.read("content/articles/choosing-a-data-program.md"))
    piped = site.cli("build")
    assert piped.returncode == 0
    assert "\x1b" not in piped.stdout + piped.stderr
    assert piped.stdout.startswith("Built into ")
    assert "rendering pages" not in piped.stderr
