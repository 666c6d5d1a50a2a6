"""Program cards shown on many listings are made once, before workers fork, and read as the page would make them."""

from __future__ import annotations

from pathlib import Path

from catalog_reference import catalog_programs, programs_yaml
from conftest import SiteFixture
from guidegen.commands.build import load
from guidegen.errors import Problems
from guidegen.incremental.cache import BuildCache
from guidegen.render.environment import Renderer
from guidegen.structure.contexts import Page, ProgramPaging
from guidegen.structure.planning import plan_pages


def _loaded(site: SiteFixture) -> tuple[list[Page], Renderer]:
    site.write("content/programs/catalog.yaml", programs_yaml())  # enough programs for landing pages
    cache = BuildCache.disabled(site.project)
    loaded = load(site.project, Problems(), cache)
    assert loaded is not None
    linked, renderer = loaded
    return plan_pages(linked, cache), renderer


def _listings(pages: list[Page]) -> list[Page]:
    return [page for page in pages if isinstance(getattr(page, "paging", None), ProgramPaging)]


def test_the_cards_of_listings_are_made_before_any_page_renders(site: SiteFixture, tmp_path: Path) -> None:
    pages, renderer = _loaded(site)
    catalog = [page for page in _listings(pages) if page.template == "programs.html"]
    on_catalog = {id(program) for page in catalog for program in page.paging.programs}  # type: ignore[attr-defined]
    assert len(on_catalog) == len(catalog_programs())
    renderer.warm(pages)  # each program is on the catalog and on several landing pages
    made = set(renderer.cards._html)
    assert {(program, 2) for program in on_catalog} <= made  # the catalog shows its cards at heading level 2
    # a page made from cards made beforehand is the page made without them
    fresh_pages, fresh = _loaded(SiteFixture(tmp_path / "fresh"))
    by_path = {page.path: page for page in fresh_pages}
    for page in _listings(pages):
        assert renderer.render(page) == fresh.render(by_path[page.path]), page.path


def test_cards_on_one_listing_each_are_left_to_the_workers(site: SiteFixture) -> None:
    pages, renderer = _loaded(site)
    catalog = [page for page in _listings(pages) if page.template == "programs.html"]
    renderer.warm(catalog)  # the catalog alone lists each program once
    assert renderer.cards._html == {}


def test_a_failing_template_leaves_the_cards_to_the_page_that_reports_it(site: SiteFixture) -> None:
    broken = "{% macro program_card(program=none, heading_level=3) %}{{ program.nope.deeper }}{% endmacro %}"
    site.write("templates/partials/program_card.html", broken)
    pages, renderer = _loaded(site)
    renderer.warm(pages)  # does not raise: rendering the page does, with the template's line
    assert renderer.cards._html == {}
