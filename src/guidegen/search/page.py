"""The search page: what its template receives, and the security headers its paths need."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from guidegen.content.models import SiteConfig
from guidegen.render.security_headers import SecurityHeaders
from guidegen.search.records import KINDS, record_languages
from guidegen.structure.contexts import Crumb, HeadersPage, Page
from guidegen.structure.urls import UrlScheme

SEARCH = "/search/"
BUNDLE = "pagefind"  # the index's folder under the site root: /pagefind/pagefind.js


@dataclass(frozen=True)
class SearchBox:
    """The search box in every page's header (None when the site has no search): a GET form to `path`."""

    path: str


@dataclass(frozen=True, kw_only=True)
class SearchPage(Page):
    kinds: tuple[str, ...]  # the kinds a visitor can filter by
    languages: tuple[str, ...]  # the languages of the pages found (BCP 47 tags); filters when more than one
    bundle: str  # site path of the index folder, e.g. /pagefind/


def search_page(site_title: str, languages: tuple[str, ...]) -> SearchPage:
    return SearchPage(
        path=SEARCH,
        template="search.html",
        title="Search",
        description=f"Search every guide, career, article and program on {site_title}.",
        breadcrumbs=(Crumb("Home", "/"), Crumb("Search", SEARCH)),
        in_sitemap=False,  # a page of results for nothing until a visitor asks
        kinds=KINDS,
        languages=languages,
        bundle=f"/{BUNDLE}/",
    )


def with_search(pages: list[Page], config: SiteConfig) -> list[Page]:
    """The pages with the search page, and the security headers with the policy of its paths (docs/hosting.md).

    Pagefind searches its index with WebAssembly, in a worker started from /pagefind/: compiling
    it needs `script-src 'wasm-unsafe-eval'`, on the search page (where a worker cannot start,
    Pagefind runs on the page) and on Pagefind's files (a worker runs under its own script's
    policy). No other page gets it: the search box in every header is a plain form.
    """
    prefix = UrlScheme(config.base_url).prefix  # the paths a host sees: /search/, or /site/search/ under a sub-path
    found = [
        dataclasses.replace(page, headers=search_headers(page.headers, prefix))
        if isinstance(page, HeadersPage)
        else page
        for page in pages
    ]
    return [*found, search_page(config.title, record_languages(pages, config.language))]


def search_headers(headers: SecurityHeaders, prefix: str = "/") -> SecurityHeaders:
    """The headers with a rule for the search page's path and one for the index's, under the base URL's prefix."""
    policy = headers.policy.allowing("script-src", "'wasm-unsafe-eval'").allowing("worker-src", "'self'")
    page_rule = f"{prefix}{SEARCH.lstrip('/')}*"
    return headers.with_path(page_rule, policy).with_path(f"{prefix}{BUNDLE}/*", policy)
