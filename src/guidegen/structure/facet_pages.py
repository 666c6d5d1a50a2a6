"""Landing pages by facet: every format, program type, country, region and topic with enough programs.

`/programs/format/online/`, `/programs/type/masters/`, `/programs/country/germany/`,
`/programs/region/united-states/georgia/` and `/programs/topic/mlops/` list their programs in
catalog order, paginated like the catalog, without JavaScript. Place names become ASCII slugs
(`Zürich` -> `zurich`); two names written differently that fold to the same slug would share a
page, so they are an error naming both.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urlencode

from slugify import slugify

from guidegen.content.models import Program
from guidegen.content.site import Site
from guidegen.errors import Problems
from guidegen.structure import urls
from guidegen.structure.names import folded

MIN_PROGRAMS = 3  # fewer make a thin page that a search engine should not be shown
KINDS = ("format", "type", "country", "region", "topic")
KIND_LABELS = {
    "format": "Format",
    "type": "Program type",
    "country": "Country",
    "region": "State or region",
    "topic": "Topic",
}


@dataclass(frozen=True)
class Facet:
    """One landing page's filter: a value of one facet, with its address and its catalog query."""

    kind: str  # one of KINDS
    value: str  # as written in the programs: Online, Master's, Germany, Georgia, mlops
    country: str | None  # a region's country (Georgia the state is not Georgia the country)
    slug: str  # the last part of the address; a region's is country-slug/region-slug
    label: str  # how links name it: Online, Georgia, machine learning
    title: str  # the page's heading: Online programs, Programs in Georgia, United States
    query: str  # the same filter in the catalog's URL form (docs/catalog-url.md), without "?"
    count: int
    spellings: tuple[str, ...] = ()  # every way the programs write it (Zürich, Zurich), value among them

    @property
    def path(self) -> str:
        return urls.facet_page(self.kind, self.slug, 1)


@dataclass(frozen=True)
class FacetLink:
    """A link from a page to a landing page: the facet's kind and the page's address."""

    # made afresh by every plan: a server's plan reuses a program's page while its links are equal
    compared_by_value: ClassVar[bool] = True

    kind: str
    value: str
    path: str


@dataclass(frozen=True)
class Facets:
    """Every landing page of the site, and the programs each lists (catalog order)."""

    pages: tuple[tuple[Facet, tuple[Program, ...]], ...]  # in KINDS order, then by label

    def links_of(self, program: Program) -> tuple[FacetLink, ...]:
        """The landing pages a program is listed on, in KINDS order."""
        links = self._links
        return tuple(links[found] for found in _values(program) if found in links)

    def by_kind(self) -> tuple[tuple[str, tuple[Facet, ...]], ...]:
        """The landing pages grouped by facet, for a "browse by" list."""
        return tuple(
            (KIND_LABELS[kind], tuple(facet for facet, _ in self.pages if facet.kind == kind))
            for kind in KINDS
            if any(facet.kind == kind for facet, _ in self.pages)
        )

    @functools.cached_property
    def _links(self) -> dict[tuple[str, tuple[str, str | None]], FacetLink]:
        """One link for each value: the programs listed on a page share it (and its digest, incremental/keys.py)."""
        return {(kind, value): FacetLink(kind, value[0], facet.path) for (kind, value), facet in self._by_value.items()}

    @functools.cached_property
    def _by_value(self) -> dict[tuple[str, tuple[str, str | None]], Facet]:
        return {
            (facet.kind, (spelling, facet.country)): facet
            for facet, _ in self.pages
            for spelling in facet.spellings or (facet.value,)
        }


def _values(program: Program) -> Iterator[tuple[str, tuple[str, str | None]]]:
    """(kind, (value, country)) of each facet value a program has."""
    yield "format", (program.format, None)
    yield "type", (program.type, None)
    yield "country", (program.location.country, None)
    if program.location.region:
        yield "region", (program.location.region, program.location.country)
    for tag in program.tags:
        yield "topic", (tag, None)


def place_slug(name: str) -> str:
    """A place name as an ASCII address part: Zürich -> zurich, Master's -> masters."""
    return str(slugify(name, replacements=[["'", ""], ["’", ""]]))


def facet_pages(site: Site, programs: tuple[Program, ...], problems: Problems) -> Facets:
    """The landing pages of the programs (in catalog order); slugs that collide are errors.

    Spellings equal but for accents and letter case (Zürich, Zurich) are one place: they share a
    page, named by the spelling most programs use. Other names folding to one address are an error.
    """
    members: dict[tuple[str, tuple[str, str | None]], list[Program]] = {}
    for program in programs:
        for kind, value in _values(program):
            members.setdefault((kind, value), []).append(program)
    by_slug: dict[tuple[str, str], list[tuple[str, str | None]]] = {}
    for (kind, value), _listed in sorted(members.items(), key=lambda item: _order(item[0])):
        slug = _slug(kind, value)
        if not slug:
            _report_unnamed(site, kind, value, members[(kind, value)][0], problems)
            continue
        by_slug.setdefault((kind, slug), []).append(value)
    chosen: list[tuple[Facet, tuple[Program, ...]]] = []
    order = {id(program): index for index, program in enumerate(programs)}
    for (kind, slug), values in by_slug.items():
        first = values[0]
        other = next((value for value in values if not _same_place(value, first)), None)
        if other is not None:
            _report_collision(site, kind, slug, first, other, members, problems)
            continue
        listed = [program for value in values for program in members[(kind, value)]]
        if len(listed) < MIN_PROGRAMS:
            continue
        listed.sort(key=lambda program: order[id(program)])
        # the spelling most programs use names the page; ties go to the first in sorted order
        main = max(values, key=lambda value: (len(members[(kind, value)]), [-ord(c) for c in value[0]]))
        chosen.append((_facet(kind, main, slug, len(listed), tuple(v[0] for v in values)), tuple(listed)))
    return Facets(tuple(chosen))


def _same_place(one: tuple[str, str | None], other: tuple[str, str | None]) -> bool:
    return folded(one[0]) == folded(other[0]) and folded(one[1] or "") == folded(other[1] or "")


def _order(key: tuple[str, tuple[str, str | None]]) -> tuple[int, str, str]:
    kind, (value, country) = key
    return (KINDS.index(kind), place_slug(country or ""), value.casefold())


def _slug(kind: str, value: tuple[str, str | None]) -> str:
    name, country = value
    if kind == "region":
        country_slug, region_slug = place_slug(country or ""), place_slug(name)
        return f"{country_slug}/{region_slug}" if country_slug and region_slug else ""
    return place_slug(name)


def _facet(kind: str, value: tuple[str, str | None], slug: str, count: int, spellings: tuple[str, ...]) -> Facet:
    name, country = value
    label = name.replace("-", " ") if kind == "topic" else name
    titles: dict[str, Callable[[], str]] = {
        "format": lambda: f"{name} programs",
        "type": lambda: f"{name} programs",
        "country": lambda: f"Programs in {name}",
        "region": lambda: f"Programs in {name}, {country}",
        "topic": lambda: f"Programs on {label}",
    }
    parameter = "tag" if kind == "topic" else kind
    query: list[tuple[str, str]] = [(parameter, spelling) for spelling in sorted(set(spellings), key=spellings.index)]
    if kind == "region" and country:
        query.insert(0, ("country", country))
    return Facet(kind, name, country, slug, label, titles[kind](), urlencode(query), count, spellings)


def _report_collision(
    site: Site,
    kind: str,
    slug: str,
    first: tuple[str, str | None],
    second: tuple[str, str | None],
    members: dict[tuple[str, tuple[str, str | None]], list[Program]],
    problems: Problems,
) -> None:
    where_first = _where(site, members[(kind, first)][0], kind)
    program = members[(kind, second)][0]
    origin = site.programs[program.id].origin
    problems.error(
        origin.name,
        f"'{second[0]}' and '{first[0]}' (in {where_first}) are different names with the same address"
        f" /programs/{kind}/{slug}/",
        line=origin.line_of(*_field(kind)),
        column=origin.doc.column_for((*origin.base, *_field(kind))),
        field=origin.doc.field_name((*origin.base, *_field(kind))),
        hint="write the same place the same way everywhere, or tell the two apart in the name",
    )


def _report_unnamed(site: Site, kind: str, value: tuple[str, str | None], program: Program, problems: Problems) -> None:
    origin = site.programs[program.id].origin
    problems.error(
        origin.name,
        f"'{value[0]}' has no letters or digits that an address can be made of",
        line=origin.line_of(*_field(kind)),
        column=origin.doc.column_for((*origin.base, *_field(kind))),
        field=origin.doc.field_name((*origin.base, *_field(kind))),
        hint="write the name in letters, e.g. in its Latin-alphabet form",
    )


def _field(kind: str) -> tuple[str, ...]:
    return {
        "format": ("format",),
        "type": ("type",),
        "country": ("location", "country"),
        "region": ("location", "region"),
        "topic": ("tags",),
    }[kind]


def _where(site: Site, program: Program, kind: str) -> str:
    origin = site.programs[program.id].origin
    return f"{origin.name}:{origin.line_of(*_field(kind))}"
