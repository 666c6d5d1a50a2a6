"""Link phase: resolve cross-references and decide which programs each guide lists."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from guidegen.content.models import ListingSpec, Program
from guidegen.content.site import Article, Career, Guide, Origin, SalaryTable, Site
from guidegen.content.yamlfile import dotted
from guidegen.errors import Problems, did_you_mean
from guidegen.structure.categories import check_categories
from guidegen.structure.facet_pages import Facets, facet_pages
from guidegen.structure.names import folded


@dataclass(frozen=True)
class Listing:
    """The programs a guide lists: those whose tags meet the listing's tags."""

    title: str
    description: str | None
    tags: tuple[str, ...]
    programs: tuple[Program, ...]

    def summary(self) -> ListingSummary:
        return ListingSummary(self.title, self.description, self.tags, len(self.programs))


@dataclass(frozen=True)
class ListingSummary:
    """What page 2, 3, ... of a guide's listing show of the listing as a whole: not its programs.

    Each of those pages shows its own slice (contexts.ProgramPaging). Were the listing itself in their
    context, a program edited anywhere in it would change the key of every one of them: at 100,000
    programs, one edit rendered the 1,308 pages of a guide's listing again."""

    title: str
    description: str | None
    tags: tuple[str, ...]
    count: int  # programs in the whole listing


@dataclass(frozen=True)
class LinkedSite:
    """The site with references resolved and derived collections computed once."""

    site: Site
    programs: tuple[Program, ...]  # catalog order
    articles: tuple[Article, ...]  # newest first
    guides: tuple[Guide, ...]  # by title
    careers: tuple[Career, ...]  # by title
    listings: dict[str, Listing]  # by guide slug
    guides_of_career: dict[str, tuple[Guide, ...]]
    listings_of_program: dict[str, tuple[Guide, ...]]
    facets: Facets  # the landing pages by format, type, place and topic

    def salary_of(self, document: Guide | Career) -> SalaryTable:
        return self.site.salaries[document.meta.salary]

    def related_salaries_of(self, document: Guide | Career) -> tuple[SalaryTable, ...]:
        related = document.meta.related_salaries
        return () if related is None else tuple(self.site.salaries[slug] for slug in related.tables)


def program_sort_key(program: Program) -> tuple[str, str, str]:
    return (folded(program.institution), folded(program.name), program.id)


def link_site(site: Site, problems: Problems) -> LinkedSite:
    """Check every cross-reference and compute listings; problems name file, line and field."""
    for guide in site.guides.values():
        _reference(site, guide.origin, "career", guide.meta.career, "careers", problems)
        _reference(site, guide.origin, "salary", guide.meta.salary, "salaries", problems)
    for career in site.careers.values():
        _reference(site, career.origin, "salary", career.meta.salary, "salaries", problems)
        for index, slug in enumerate(career.meta.guides):
            _reference(site, career.origin, ("guides", index), slug, "guides", problems)
    documents: list[Guide | Career] = [*site.guides.values(), *site.careers.values()]
    for document in documents:
        related = document.meta.related_salaries
        for index, slug in enumerate(related.tables if related else ()):
            _reference(site, document.origin, ("related_salaries", "tables", index), slug, "salaries", problems)
    check_categories(site, problems)

    programs = tuple(sorted((record.program for record in site.programs.values()), key=program_sort_key))
    guides = tuple(sorted(site.guides.values(), key=lambda g: folded(g.meta.title)))
    all_tags, members, listings_of_program = _listed(programs, guides)
    listings: dict[str, Listing] = {}
    for guide in site.guides.values():
        spec = guide.meta.programs
        if spec is not None:
            listings[guide.slug] = Listing(spec.title, spec.description, tuple(spec.tags), members[guide.slug])
            if not site.skipped.has_errors("programs"):  # a tag may be missing because a record has errors
                _check_listing_tags(guide, spec, all_tags, programs, problems)

    guides_of_career = {
        slug: tuple(guide for guide in guides if guide.meta.career == slug or guide.slug in career.meta.guides)
        for slug, career in site.careers.items()
    }
    return LinkedSite(
        site=site,
        programs=programs,
        articles=tuple(sorted(site.articles.values(), key=lambda a: (a.meta.date, a.slug), reverse=True)),
        guides=guides,
        careers=tuple(sorted(site.careers.values(), key=lambda c: folded(c.meta.title))),
        listings=listings,
        guides_of_career=guides_of_career,
        listings_of_program=listings_of_program,
        facets=facet_pages(site, programs, problems),
    )


def _listed(
    programs: tuple[Program, ...], guides: tuple[Guide, ...]
) -> tuple[list[str], dict[str, tuple[Program, ...]], dict[str, tuple[Guide, ...]]]:
    """Every tag in use (sorted); the programs each guide lists, those whose tags meet the listing's tags
    (in catalog order); and the guides that list each program (by title).

    In one pass over the programs: at 100,000, a pass for each guide's listing alone took about 0.8 s of a
    build (sampled), most of it reading memory. Programs listed by the same guides share one tuple of them."""
    wanted = [(guide, frozenset(guide.meta.programs.tags)) for guide in guides if guide.meta.programs is not None]
    tags: set[str] = set()
    members: dict[str, list[Program]] = {guide.slug: [] for guide, _tags in wanted}
    listed_in: dict[str, tuple[Guide, ...]] = {}
    shared: dict[tuple[int, ...], tuple[Guide, ...]] = {}  # by the guides' ids: a guide is not hashable
    for program in programs:
        tags.update(program.tags)
        found = tuple(guide for guide, listed in wanted if not listed.isdisjoint(program.tags))
        for guide in found:
            members[guide.slug].append(program)
        listed_in[program.id] = shared.setdefault(tuple(map(id, found)), found)
    return sorted(tags), {slug: tuple(listed) for slug, listed in members.items()}, listed_in


def _check_listing_tags(
    guide: Guide, spec: ListingSpec, all_tags: list[str], programs: tuple[Program, ...], problems: Problems
) -> None:
    for index, tag in enumerate(spec.tags):
        if tag in all_tags:
            continue
        problems.warning(
            guide.origin.name,
            f"no program has the tag '{tag}'",
            line=guide.origin.line_of("programs", "tags", index),
            field=f"programs.tags[{index}]",
            hint=did_you_mean(tag, all_tags) if all_tags else "add programs under content/programs/",
        )


def _reference(
    site: Site,
    origin: Origin,
    field: str | tuple[str | int, ...],
    target: str,
    section: str,
    problems: Problems,
) -> None:
    known: Mapping[str, object] = getattr(site, section)
    if target in known or site.skipped.has_errors(section, target):
        return  # a file that exists but has errors is reported on its own
    path = field if isinstance(field, tuple) else (field,)
    label = dotted(path)
    file = f"content/{section}/{target}{'.yaml' if section == 'salaries' else '.md'}"
    why = site.publishing.hidden.get(section, {}).get(target)
    if why is not None:
        message = f"'{target}' is {why}, so it is not published"
        hint = f"change publish_date or expiry_date in {file}, or build with --future to preview"
    elif target in site.skipped.drafts.get(section, ()):
        message = f"'{target}' is a draft, so it is not published"
        hint = f"remove `draft: true` from {file}, or point to a published page"
    else:
        message = f"'{target}' does not exist"
        hint = did_you_mean(target, known) or f"expected a file {file}"
    problems.error(origin.name, message, line=origin.line_of(*path), field=label, hint=hint)
