"""A build's long-lived data is left out of garbage collections while it runs, and given back when it ends."""

from __future__ import annotations

import gc

import pytest

from conftest import SiteFixture
from guidegen.commands.build import build
from guidegen.heap import collection_paused, frozen
from guidegen.incremental import parallel


class _Data:
    """A tracked object that stands for what a build reads."""


def test_data_built_while_collection_is_paused_stays_frozen_until_the_outermost_block_ends() -> None:
    assert gc.get_freeze_count() == 0
    with frozen():
        with collection_paused():
            read = [_Data() for _ in range(1_000)]
        after_reading = gc.get_freeze_count()
        assert after_reading >= len(read)  # moved out of the collector's generations
        with frozen():  # forking workers freezes too
            pass
        assert gc.get_freeze_count() >= after_reading  # an inner block gives nothing back
        gc.collect()
        assert gc.get_freeze_count() >= after_reading
    assert gc.get_freeze_count() == 0  # the collector has them again
    assert gc.is_tracked(read[0])
    with collection_paused():  # outside frozen(), pausing freezes nothing
        [_Data() for _ in range(10)]
    assert gc.get_freeze_count() == 0


def test_a_build_renders_with_its_data_frozen_and_leaves_nothing_frozen(
    site: SiteFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []
    render_pages = parallel.render_pages

    def counting(*args: object, **kwargs: object) -> object:
        seen.append(gc.get_freeze_count())
        return render_pages(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("guidegen.commands.build.render_pages", counting)
    build(site.project)
    assert seen
    assert seen[0] > 10_000  # the site read, linked and planned, at least
    assert gc.get_freeze_count() == 0
