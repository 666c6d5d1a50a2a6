"""Output is deterministic and replaced atomically.

Two builds of the same input are byte-identical, even in processes with different hash seeds
(set and dict order), and a reader of the output folder never sees it missing, half-written
or mixed while builds replace it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from conftest import REPO, SiteFixture, tree_snapshot
from guidegen.commands.build import build
from guidegen.render.output import MARKER, MARKER_TEXT

ARTICLE = "content/articles/choosing-a-data-program.md"


def build_with_seed(root: Path, seed: str) -> Path:
    """Build a fresh copy of the shipped project (no cache: every page rendered) in a new process."""
    for folder in ("content", "templates", "static"):
        shutil.copytree(REPO / folder, root / folder)
    env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1790000000"}
    subprocess.run(
        [sys.executable, "-m", "guidegen", "build", "--strict", "--root", str(root)],
        check=True,
        capture_output=True,
        env=env,
    )
    return root / "public"


def test_two_builds_of_the_shipped_site_are_byte_identical(tmp_path: Path) -> None:
    first = tree_snapshot(build_with_seed(tmp_path / "first", "1"))
    second = tree_snapshot(build_with_seed(tmp_path / "second", "4242"))
    # the marker that tells guidegen a folder is its own carries the token of the build that wrote it
    # (incremental builds compare it with their cache): the one file that differs by design
    for tree in (first, second):
        assert tree.pop(MARKER).startswith(MARKER_TEXT.encode())
    assert len(first) > 50
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_rebuilding_in_place_changes_no_byte(site: SiteFixture) -> None:
    site.build()
    before = tree_snapshot(site.out)
    build(site.project, incremental=False)  # render every page again, not only what changed
    after = tree_snapshot(site.out)
    assert before.pop(MARKER) != after.pop(MARKER)  # a new build did replace the folder
    assert after == before


def test_readers_never_see_a_missing_or_partial_site(site: SiteFixture) -> None:
    """While builds replace the output, every read finds every file whole and from one build."""
    site.build()
    original = site.read(ARTICLE)
    watched = ["index.html", "articles/choosing-a-data-program/index.html", "css/site.css", "data/programs.json"]
    versions: dict[str, set[str]] = {name: {digest((site.out / name).read_bytes())} for name in watched}
    seen: set[tuple[str, str]] = set()
    reads = 0
    failures: list[str] = []
    done = threading.Event()

    def read_continuously() -> None:
        nonlocal reads
        while not done.is_set():
            for name in watched:
                try:
                    seen.add((name, digest((site.out / name).read_bytes())))
                    reads += 1
                except OSError as exc:
                    failures.append(f"{name}: {exc}")

    reader = threading.Thread(target=read_continuously)
    reader.start()
    try:
        for version in range(6):
            site.write(ARTICLE, original.replace("Look at the", f"Version {version}: look at the"))
            site.build()
            page = site.out / "articles/choosing-a-data-program/index.html"
            versions["articles/choosing-a-data-program/index.html"].add(digest(page.read_bytes()))
    finally:
        done.set()
        reader.join()
    assert failures == []
    assert reads > len(watched) * 6
    assert sorted(entry for entry in seen if entry[1] not in versions[entry[0]]) == []
    assert sorted(p.name for p in site.out.parent.iterdir() if p.name.startswith(".public.staging")) == []


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


TIED_NAMES = """\
- id: zurich-plain
  institution: Zurich School
  name: Data Certificate
  type: Certificate
  format: Online
  location: {city: Zurich, region: Zurich, country: Switzerland}
  tags: [databases]
- id: zurich-umlaut
  institution: Zürich Academy
  name: Data Certificate
  type: Certificate
  format: Online
  location: {city: Zürich, region: Zürich, country: Switzerland}
  tags: [databases]
- id: sao-paulo-plain
  institution: Sao Paulo Institute
  name: Data Certificate
  type: Certificate
  format: Online
  location: {city: Sao Paulo, region: Sao Paulo, country: Brazil}
  tags: [databases]
- id: sao-paulo-accent
  institution: São Paulo College
  name: Data Certificate
  type: Certificate
  format: Online
  location: {city: São Paulo, region: São Paulo, country: Brazil}
  tags: [databases]
"""


def test_names_equal_but_for_accents_keep_one_order_whatever_the_hash_seed(site: SiteFixture) -> None:
    """Places spelled two ways ("Zurich" and "Zürich") sort equal without accents; their order in the
    pages must not follow a set's order, which changes from one process to the next."""
    site.write("content/programs/tied.yaml", TIED_NAMES)
    pages = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        out = site.root / f"out-{seed}"
        subprocess.run(
            [sys.executable, "-m", "guidegen", "build", "--root", str(site.root), "--out", str(out)],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1790000000"},
        )
        page = (out / "tools/program-matcher/index.html").read_text(encoding="utf-8")
        assert "Zürich" in page
        assert "São Paulo" in page
        pages.add(page)
    assert len(pages) == 1
