"""The landing pages by facet and the compare page: their typed contexts, and planning them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from guidegen.structure import urls
from guidegen.structure.contexts import Crumb, Page, ProgramPaging
from guidegen.structure.facet_pages import Facet, FacetLink
from guidegen.structure.linking import LinkedSite

COMPARE_LIMIT = 4  # programs side by side: more no longer fit a screen's width to read across


@dataclass(frozen=True, kw_only=True)
class FacetPage(Page):
    """One page of the programs of a facet value: /programs/format/online/, .../page/2/."""

    facet: Facet
    paging: ProgramPaging


@dataclass(frozen=True, kw_only=True)
class ComparePage(Page):
    """/programs/compare/: the shortlist side by side, filled in by static/js/compare.js."""

    limit: int


def facet_landing_pages(linked: LinkedSite, home: Crumb, catalog: Crumb) -> Iterator[Page]:
    """Every landing page of linked.facets, and the compare page."""
    title = linked.site.config.title
    for facet, programs in linked.facets.pages:
        crumbs = [home, catalog]
        if facet.kind == "region" and facet.country is not None:
            country = next((link for link in _country_links(linked, facet.country)), None)
            if country is not None:
                crumbs.append(Crumb(facet.country, country.path))
        for paging in ProgramPaging.pages(programs, partial(urls.facet_page, facet.kind, facet.slug)):
            number, page_count = paging.number, paging.page_count
            path = paging.page_paths[number - 1]
            suffix = "" if number == 1 else f" (page {number} of {page_count})"
            count = f"{facet.count} {'program' if facet.count == 1 else 'programs'}"
            trail = (*crumbs, Crumb(facet.label, facet.path))
            yield FacetPage(
                path=path,
                template="programs-facet.html",
                title=facet.title + suffix,
                description=f"{facet.title}: {count} in the {title} catalog, with format, location, duration and cost."
                + ("" if number == 1 else f" Page {number}."),
                breadcrumbs=trail if number == 1 else (*trail, Crumb(f"Page {number}", path)),
                facet=facet,
                paging=paging,
            )
    yield ComparePage(
        path=urls.COMPARE,
        template="programs-compare.html",
        title="Compare programs",
        description=f"Up to {COMPARE_LIMIT} programs from the {title} catalog side by side: type, format, place, "
        "duration, cost and topics.",
        breadcrumbs=(home, catalog, Crumb("Compare", urls.COMPARE)),
        limit=COMPARE_LIMIT,
    )


def _country_links(linked: LinkedSite, country: str) -> Iterator[FacetLink]:
    for facet, _ in linked.facets.pages:
        if facet.kind == "country" and facet.value == country:
            yield FacetLink(facet.kind, facet.value, facet.path)
