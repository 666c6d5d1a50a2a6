"""`guidegen serve` and search: a save reloads the page at once; the index follows in the background."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from pagefind_bin import get_executable

from conftest import SiteFixture, indexed_text
from guidegen.commands import build as build_module
from guidegen.commands.serve_builds import _Builds
from guidegen.search.pagefind_cli import Record
from guidegen.search.records import KnownWords, search_records
from guidegen.structure.contexts import Page
from test_serve import _get, _wait_for, serving

ARTICLE = "content/articles/choosing-a-data-program.md"


@pytest.fixture
def site(tmp_path: Path) -> SiteFixture:
    return SiteFixture(tmp_path / "site", search=True)


@pytest.fixture
def slow_server(site: SiteFixture, tmp_path: Path) -> Iterator[str]:
    """The dev server with a Pagefind that takes 3 s to start (each start a line in pagefind-starts):
    indexing is slower than any rebuild."""
    slow = tmp_path / "slow-pagefind"
    starts = site.root / "pagefind-starts"
    slow.write_text(f'#!/bin/sh\necho started >> "{starts}"\nsleep 3\nexec "{get_executable()}" "$@"\n')
    slow.chmod(0o755)
    yield from serving(site, {**os.environ, "PAGEFIND_BINARY_PATH": str(slow)})


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


def test_a_save_during_indexing_stops_it_and_the_newest_save_is_indexed(site: SiteFixture, slow_server: str) -> None:
    entry = site.out / "pagefind/pagefind-entry.json"
    _wait_for(entry.is_file, timeout=40)
    starts = site.root / "pagefind-starts"
    started = len(starts.read_text().splitlines())
    site.write(ARTICLE, site.read(ARTICLE).replace("Look at the", "First weigh the"))
    _wait_for(lambda: len(starts.read_text().splitlines()) == started + 1)  # indexing the first save
    site.write(ARTICLE, site.read(ARTICLE).replace("First weigh the", "Then weigh the"))
    # the second save is served at once, while the first save's Pagefind still sleeps
    _wait_for(lambda: "Then weigh the" in _get(slow_server + "/articles/choosing-a-data-program/")[1], timeout=3)
    _wait_for(lambda: "Then weigh the" in indexed_text(site.out), timeout=40)
    assert "First weigh the" not in indexed_text(site.out)
    assert len(starts.read_text().splitlines()) == started + 2  # the first save's indexing never finished
    # the work folders, left while a save might wait, are removed once the server is quiet
    _wait_for(lambda: not list(site.root.glob(".public.search-*")), timeout=10)


def test_a_server_keeps_the_index_of_its_records_and_a_build_then_keeps_the_one_it_published(
    site: SiteFixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.build()  # the output has the index of these records, and the build cache says so
    site.write("templates/base.html", site.read("templates/base.html") + "{# edited while no server ran #}\n")
    counting = tmp_path / "counting-pagefind"
    starts = site.root / "pagefind-starts"
    counting.write_text(f'#!/bin/sh\necho started >> "{starts}"\nexec "{get_executable()}" "$@"\n')
    counting.chmod(0o755)
    server = serving(site, {**os.environ, "PAGEFIND_BINARY_PATH": str(counting)})
    next(server)
    try:
        log = site.root / "serve.log"
        # the first build renders every page again, and finds the live index holding its records
        _wait_for(lambda: "search index: unchanged" in log.read_text(encoding="utf-8"))
        assert not starts.exists()
        site.write(ARTICLE, site.read(ARTICLE).replace("Look at the", "Now weigh the"))
        _wait_for(lambda: "Now weigh the" in indexed_text(site.out), timeout=40)
        assert starts.read_text().splitlines() == ["started"]
    finally:
        server.close()
    broken = tmp_path / "broken-pagefind"
    broken.write_text("#!/bin/sh\necho 'started' >&2\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    site.write("templates/base.html", site.read("templates/base.html") + "{# and after it stopped #}\n")
    site.build()  # the cache knows the index the server published: no Pagefind needed
    assert "Now weigh the" in indexed_text(site.out)


def test_a_server_build_makes_its_search_records_only_when_asked_to_index(
    site: SiteFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []

    def counted(pages: Iterable[Page], language: str, known: KnownWords | None = None) -> Iterator[Record]:
        made.append(1)
        return search_records(pages, language, known)

    monkeypatch.setattr(build_module, "search_records", counted)
    builds = _Builds(site.project)
    state = builds.build(None)
    assert state.report is not None
    assert not state.failed
    assert made == []  # the build is served without them
    ours, theirs = multiprocessing.Pipe()  # the server's end stays quiet: no newer change
    assert builds.index(theirs)  # made, indexed and published
    assert made == [1]
    assert "Look at the" in indexed_text(site.out)
    site.write("templates/base.html", site.read("templates/base.html") + "{# no record changes #}\n")
    builds.build({"templates/base.html"})
    assert made == [1]
    assert not builds.index(theirs)  # the same records as the published index's
    assert made == [1, 1]
    ours.close()
    theirs.close()
