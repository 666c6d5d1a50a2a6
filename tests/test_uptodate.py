"""The snapshot of the input files behind `guidegen build`'s "up to date", and the server's cheaper refresh of it."""

from __future__ import annotations

from watchdog.events import DirCreatedEvent, DirModifiedEvent, FileModifiedEvent, FileMovedEvent

from conftest import SiteFixture
from guidegen.commands.serve import _event_files
from guidegen.incremental import uptodate


def test_refreshing_the_files_events_name_equals_a_new_snapshot(site: SiteFixture) -> None:
    before = uptodate.snapshot(site.root)
    site.write("content/articles/choosing-a-data-program.md", "---\ntitle: changed\n---\n")
    site.write("content/articles/new.md", "new\n")
    site.remove("content/salaries/data.yaml")
    named = ["content/articles/choosing-a-data-program.md", "content/articles/new.md", "content/salaries/data.yaml"]
    refreshed = uptodate.refreshed(before, site.root, named)
    assert refreshed.files == uptodate.snapshot(site.root).files
    assert refreshed.taken > before.taken


def test_a_folder_among_the_names_means_a_whole_new_snapshot(site: SiteFixture) -> None:
    before = uptodate.snapshot(site.root)
    site.write("content/articles/extra/a.md", "a\n")
    site.write("static/unseen.txt", "changed without an event\n")
    refreshed = uptodate.refreshed(before, site.root, ["content/articles/extra"])
    assert refreshed.files == uptodate.snapshot(site.root).files


def test_a_file_changed_without_an_event_is_left_as_it_was(site: SiteFixture) -> None:
    """The next `guidegen build` then finds it changed and builds: never a wrong 'up to date'."""
    before = uptodate.snapshot(site.root)
    site.write("static/unseen.txt", "changed without an event\n")
    refreshed = uptodate.refreshed(before, site.root, [])
    assert refreshed.files == before.files
    assert refreshed.files != uptodate.snapshot(site.root).files


def test_the_files_a_server_s_file_event_names(site: SiteFixture) -> None:
    root = site.root
    article = str(root / "content/articles/a.md")
    assert _event_files(FileModifiedEvent(article), root) == ["content/articles/a.md"]
    assert _event_files(FileMovedEvent(article + ".tmp", article), root) == [
        "content/articles/a.md.tmp",
        "content/articles/a.md",
    ]
    # writing a file "modifies" its folder too: the file's own event names it
    assert _event_files(DirModifiedEvent(str(root / "content/articles")), root) == []
    assert _event_files(DirCreatedEvent(str(root / "content/articles/new")), root) is None
    assert _event_files(FileModifiedEvent("/elsewhere/a.md"), root) is None
