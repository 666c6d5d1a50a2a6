"""A server's plan hands back the pages it made last time from the very same content (incremental/reuse.py)."""

from __future__ import annotations

import os
import time

from catalog_reference import programs_yaml
from conftest import SiteFixture
from guidegen.commands.build import load
from guidegen.errors import Problems
from guidegen.incremental.cache import BuildCache
from guidegen.structure.contexts import ArticleIndexPage, Page, ProgramPage
from guidegen.structure.planning import plan_pages

ARTICLE = "content/articles/choosing-a-data-program.md"


def _plan(site: SiteFixture, cache: BuildCache) -> dict[str, Page]:
    cache.begin()
    loaded = load(site.project, Problems(), cache)
    assert loaded is not None
    return {page.path: page for page in plan_pages(loaded[0], cache)}


def test_a_program_page_is_reused_while_its_program_and_landing_page_links_are_unchanged(site: SiteFixture) -> None:
    site.write("content/programs/catalog.yaml", programs_yaml())  # enough programs for landing pages
    an_hour_ago = time.time() - 3600
    for path in site.root.rglob("*"):  # old enough that the server trusts their stat
        os.utime(path, (an_hour_ago, an_hour_ago), follow_symlinks=False)
    cache = BuildCache.load(site.project)
    cache.keep_between_builds()
    first = _plan(site, cache)
    programs = {path: page for path, page in first.items() if isinstance(page, ProgramPage)}
    assert programs
    assert any(page.facet_links for page in programs.values())  # links made afresh by every plan

    site.write(ARTICLE, site.read(ARTICLE).replace("Look at the", "Now look at the"))
    second = _plan(site, cache)
    assert all(second[path] is page for path, page in programs.items())
    assert second["/articles/choosing-a-data-program/"] is not first["/articles/choosing-a-data-program/"]


def test_an_article_index_page_is_reused_until_what_it_lists_of_an_article_changes(site: SiteFixture) -> None:
    an_hour_ago = time.time() - 3600
    for path in site.root.rglob("*"):
        os.utime(path, (an_hour_ago, an_hour_ago), follow_symlinks=False)
    cache = BuildCache.load(site.project)
    cache.keep_between_builds()
    first = _plan(site, cache)
    index = first["/articles/"]
    assert isinstance(index, ArticleIndexPage)
    assert [article.title for article in index.paging.articles] == ["Choosing a Data Program"]

    site.write(ARTICLE, site.read(ARTICLE).replace("Look at the", "Now look at the"))  # the body: not listed
    second = _plan(site, cache)
    assert second["/articles/"] is index

    site.write(ARTICLE, site.read(ARTICLE).replace("title: Choosing a Data Program", "title: Picking a Program"))
    third = _plan(site, cache)
    assert third["/articles/"] is not index
    listed = third["/articles/"]
    assert isinstance(listed, ArticleIndexPage)
    assert [article.title for article in listed.paging.articles] == ["Picking a Program"]
