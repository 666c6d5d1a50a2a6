"""Guide categories: which guides share a `category` (their hub pages are planned in category_pages.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from guidegen.content.site import Guide, Site
from guidegen.errors import Problems
from guidegen.structure import urls


@dataclass(frozen=True)
class Category:
    slug: str  # "ai-specialization", from the name
    name: str  # "AI Specialization", as the guides spell it
    guides: tuple[Guide, ...]  # in the order of the guide index

    @property
    def path(self) -> str:
        return urls.guide_category(self.slug)


def category_slug(name: str) -> str:
    """ "AI Specialization" -> "ai-specialization"; "Data & Analytics" -> "data-analytics"."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def categories_of(guides: tuple[Guide, ...]) -> tuple[Category, ...]:
    """Each category named by some guide, in the order its first guide appears; guides without one are in none."""
    members: dict[str, list[Guide]] = {}
    names: dict[str, str] = {}
    for guide in guides:
        name = guide.meta.category
        if name is None:
            continue
        slug = category_slug(name)
        names.setdefault(slug, name)
        members.setdefault(slug, []).append(guide)
    return tuple(Category(slug, names[slug], tuple(found)) for slug, found in members.items())


def check_categories(site: Site, problems: Problems) -> None:
    """`category` is a reserved guide slug; a category name needs letters or digits; one spelling per category."""
    reserved = site.guides.get(urls.CATEGORY_SEGMENT)
    if reserved is not None:
        problems.error(
            reserved.origin.name,
            f"'{urls.CATEGORY_SEGMENT}' is reserved: {urls.GUIDES}{urls.CATEGORY_SEGMENT}/ holds the category pages",
            hint="rename the file to another slug",
        )
    spelled: dict[str, tuple[str, Guide]] = {}
    for guide in sorted(site.guides.values(), key=lambda g: g.slug):
        name = guide.meta.category
        if name is None:
            continue
        line = guide.origin.line_of("category")
        slug = category_slug(name)
        if not slug:
            problems.error(guide.origin.name, "a category name needs letters or digits", line=line, field="category")
            continue
        first = spelled.setdefault(slug, (name, guide))
        if first[0] != name:
            problems.error(
                guide.origin.name,
                f"category '{name}' differs from '{first[0]}' in {first[1].origin.name} only in spelling",
                line=line,
                field="category",
                hint=f"write it as '{first[0]}' so both guides share one category page",
            )
