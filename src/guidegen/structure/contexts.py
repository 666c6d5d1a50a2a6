"""The template contract: one typed context per page kind, what a template receives as `page`.

Every template starts with a comment naming its context class here. Pages are planned in
planning.py; long lists are split into pages by pagination.py.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass

from guidegen.content.models import Program
from guidegen.content.site import Article, Career, Guide, Origin, SalaryTable
from guidegen.data.facets import ProgramFacets
from guidegen.structure import urls
from guidegen.structure.categories import Category
from guidegen.structure.linking import Listing
from guidegen.structure.pagination import Paging

CARD_WIDTH, CARD_HEIGHT = 1200, 630


@dataclass(frozen=True)
class SocialCard:
    """The image a shared link to the page shows (og:image), drawn by render/cards.py."""

    path: str  # site path of the PNG
    alt: str
    width: int = CARD_WIDTH
    height: int = CARD_HEIGHT


@dataclass(frozen=True)
class Crumb:
    title: str
    path: str


@dataclass(frozen=True, kw_only=True)
class Page:
    """What every template receives as `page`."""

    path: str  # site path, e.g. /guides/mlops/ (templates link with url(path))
    template: str
    title: str
    description: str
    breadcrumbs: tuple[Crumb, ...] = ()
    lastmod: dt.date | None = None
    origin: Origin | None = None  # the source file, for error messages
    in_sitemap: bool = True
    scheduled: str | None = None  # the banner of a page shown before its publish_date (serve, --future)
    card: SocialCard | None = None  # its social card (og:image), when the build draws cards

    @functools.cached_property
    def output(self) -> str:
        return urls.output_file(self.path)


@dataclass(frozen=True)
class ArticleSummary:
    """What lists of articles show of one: editing an article's body changes none of it."""

    slug: str
    path: str
    title: str
    summary: str
    date: dt.date
    updated: dt.date | None
    tags: tuple[str, ...]

    @property
    def last_update(self) -> dt.date:
        return self.updated or self.date


@dataclass(frozen=True, kw_only=True)
class HomePage(Page):
    guides: tuple[Guide, ...]
    careers: tuple[Career, ...]
    articles: tuple[ArticleSummary, ...]  # the latest
    program_count: int


@dataclass(frozen=True, kw_only=True)
class GuideIndexPage(Page):
    guides: tuple[Guide, ...]
    categories: tuple[Category, ...] = ()


@dataclass(frozen=True, kw_only=True)
class CategoryPage(Page):
    """A guide category's hub, /guides/category/<slug>/: its guides, and links to the other categories."""

    category: Category
    categories: tuple[Category, ...]


@dataclass(frozen=True, kw_only=True)
class ProgramPaging(Paging):
    programs: tuple[Program, ...]  # this page's slice


@dataclass(frozen=True, kw_only=True)
class ArticlePaging(Paging):
    articles: tuple[ArticleSummary, ...]  # this page's slice, newest first


@dataclass(frozen=True, kw_only=True)
class GuidePage(Page):
    guide: Guide
    career: Career
    salary: SalaryTable
    related_salaries: tuple[SalaryTable, ...] = ()  # the guide's `related_salaries.tables`
    listing: Listing | None
    listing_paging: ProgramPaging | None  # the listing's first page


@dataclass(frozen=True, kw_only=True)
class CareerIndexPage(Page):
    careers: tuple[Career, ...]


@dataclass(frozen=True, kw_only=True)
class CareerPage(Page):
    career: Career
    salary: SalaryTable
    related_salaries: tuple[SalaryTable, ...] = ()
    guides: tuple[Guide, ...]


@dataclass(frozen=True, kw_only=True)
class ArticleIndexPage(Page):
    paging: ArticlePaging


@dataclass(frozen=True, kw_only=True)
class ArticlePage(Page):
    article: Article


@dataclass(frozen=True, kw_only=True)
class CatalogPage(Page):
    paging: ProgramPaging


@dataclass(frozen=True, kw_only=True)
class ListingPage(Page):
    """Page 2, 3, ... of a guide's program listing (page 1 is on the guide itself)."""

    guide: Guide
    listing: Listing
    paging: ProgramPaging


@dataclass(frozen=True, kw_only=True)
class ProgramPage(Page):
    program: Program
    listed_in: tuple[Guide, ...]


@dataclass(frozen=True, kw_only=True)
class ToolPage(Page):
    guides: tuple[Guide, ...]
    salaries: tuple[SalaryTable, ...]  # by id, the order of /data/salaries.json
    facets: ProgramFacets  # the Program Matcher's choices of format, type and place


@dataclass(frozen=True, kw_only=True)
class NotFoundPage(Page):
    pass


@dataclass(frozen=True)
class SitemapEntry:
    """What the sitemap says of a page (only this: editing a page's body does not change the sitemap)."""

    path: str
    lastmod: dt.date | None


@dataclass(frozen=True, kw_only=True)
class SitemapPage(Page):
    pages: tuple[SitemapEntry, ...]


@dataclass(frozen=True)
class FeedEntry:
    """One article or guide in the Atom feed, taken from its page."""

    title: str
    path: str
    summary: str
    updated: dt.date
    published: dt.date | None
    categories: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class FeedPage(Page):
    entries: tuple[FeedEntry, ...]  # newest first
    updated: dt.date


@dataclass(frozen=True, kw_only=True)
class DataFile(Page):
    """JSON emitted for the site's scripts; rendered by Python, not by a template."""

    payload: Callable[[], object]  # called at render time, so large data is built once, when written
    # every value payload() reads besides site.yaml and the build date: the build cache keys the file on
    # them (left empty, the file is rebuilt whenever any source changes)
    inputs: tuple[object, ...] = ()
