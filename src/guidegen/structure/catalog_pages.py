"""The program catalog's pages: the catalog a page at a time, a page per program, the landing pages by facet."""

from __future__ import annotations

from collections.abc import Iterator

from guidegen.content.models import Program
from guidegen.content.site import Guide, Origin
from guidegen.memo import Memo
from guidegen.structure import urls
from guidegen.structure.contexts import CatalogPage, Crumb, Page, ProgramPage, ProgramPaging
from guidegen.structure.facet_pages import FacetLink
from guidegen.structure.landing_pages import facet_landing_pages
from guidegen.structure.linking import LinkedSite


def catalog_pages(linked: LinkedSite, crumbs: tuple[Crumb, Crumb], memo: Memo) -> Iterator[Page]:
    """The catalog's pages, each program's page (reused by a server while its inputs are the same objects),
    and the landing pages by facet; crumbs: the home page's and the catalog's, the same objects in every plan."""
    programs = linked.programs
    total = len(programs)
    home, catalog_crumb = crumbs
    for paging in ProgramPaging.pages(programs, urls.catalog_page):
        number, page_count = paging.number, paging.page_count
        suffix = "" if number == 1 else f" (page {number} of {page_count})"
        yield CatalogPage(
            path=urls.catalog_page(number),
            template="programs.html",
            title=f"Program catalog{suffix}",
            description=f"{total} university programs: degrees, certificates and courses, with format, "
            "location, duration and cost.",
            breadcrumbs=(home, catalog_crumb)
            if number == 1
            else (home, catalog_crumb, Crumb(f"Page {number}", urls.catalog_page(number))),
            paging=paging,
            browse=linked.facets.by_kind() if number == 1 else (),
        )
    for program in programs:
        origin = linked.site.programs[program.id].origin
        listed_in = linked.listings_of_program.get(program.id, ())
        links = linked.facets.links_of(program)
        yield memo.reuse("program page", _program_page, program, origin, listed_in, crumbs, links)
    yield from facet_landing_pages(linked, home, catalog_crumb)


def _program_page(
    program: Program,
    origin: Origin,
    listed_in: tuple[Guide, ...],
    crumbs: tuple[Crumb, ...],
    facet_links: tuple[FacetLink, ...],
) -> ProgramPage:
    return ProgramPage(
        facet_links=facet_links,
        path=urls.program(program.id),
        template="program.html",
        title=f"{program.name}, {program.institution}",
        description=_program_description(program),
        breadcrumbs=(*crumbs, Crumb(program.name, urls.program(program.id))),
        origin=origin,
        program=program,
        listed_in=listed_in,
    )


def _program_description(program: Program) -> str:
    if program.description:
        return program.description
    place = ", ".join(
        part for part in (program.location.city, program.location.region, program.location.country) if part
    )
    return f"{program.type} program at {program.institution} ({program.format}, {place})."
