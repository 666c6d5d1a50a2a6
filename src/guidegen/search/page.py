"""The search page: what its template receives."""

from __future__ import annotations

from dataclasses import dataclass

from guidegen.search.records import KINDS
from guidegen.structure.contexts import Crumb, Page

SEARCH = "/search/"
BUNDLE = "pagefind"  # the index's folder under the site root: /pagefind/pagefind.js


@dataclass(frozen=True, kw_only=True)
class SearchPage(Page):
    kinds: tuple[str, ...]  # the kinds a visitor can filter by
    bundle: str  # site path of the index folder, e.g. /pagefind/


def search_page(site_title: str) -> SearchPage:
    return SearchPage(
        path=SEARCH,
        template="search.html",
        title="Search",
        description=f"Search every guide, career, article and program on {site_title}.",
        breadcrumbs=(Crumb("Home", "/"), Crumb("Search", SEARCH)),
        in_sitemap=False,  # a page of results for nothing until a visitor asks
        kinds=KINDS,
        bundle=f"/{BUNDLE}/",
    )
