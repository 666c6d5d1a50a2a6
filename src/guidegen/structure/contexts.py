"""The template contract: one typed context per page kind, what a template receives as `page`.

Every template starts with a comment naming its context class here. Pages are planned in
planning.py; long lists are split into pages by pagination.py.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from guidegen.content.language import Direction, direction
from guidegen.content.models import Program
from guidegen.content.site import Article, Career, Guide, Origin, SalaryTable
from guidegen.data.facets import ProgramFacets
from guidegen.render.security_headers import SecurityHeaders
from guidegen.structure import urls
from guidegen.structure.categories import Category
from guidegen.structure.facet_pages import Facet, FacetLink
from guidegen.structure.linking import Listing, ListingSummary
from guidegen.structure.pagination import CATALOG_PAGE_SIZE, Paging, paginate

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
    lastmod: dt.date | None = None  # when its content last changed (sitemap, feed, article:modified_time)
    published: dt.date | None = None  # when an article was first published
    origin: Origin | None = None  # the source file, for error messages
    in_sitemap: bool = True
    # BCP 47 tag of the page's content when its front matter names one; None: site.yaml's `language`.
    # Templates use `page.language or site.language` (and `page.direction or site.direction`).
    language: str | None = None
    scheduled: str | None = None  # the banner of a page shown before its publish_date (serve, --future)
    card: SocialCard | None = None  # its social card (og:image), when the build draws cards

    @functools.cached_property
    def output(self) -> str:
        return urls.output_file(self.path)

    @property
    def og_type(self) -> str:
        """What the page is to Open Graph: "article" for a guide or an article, else "website"."""
        return "website"

    @property
    def direction(self) -> Direction | None:
        """ "rtl" or "ltr" for a page with its own language; None: the site's."""
        return None if self.language is None else direction(self.language)


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


@dataclass(frozen=True)
class GuideSummary:
    """What lists of guides show of one: editing a guide's body, stats or salary changes none of it."""

    slug: str
    path: str
    title: str
    kicker: str
    badge: str
    icon: str | None
    blurb: str  # its summary, else its TL;DR as plain text (the guide page's description)


@dataclass(frozen=True, kw_only=True)
class HomePage(Page):
    guides: tuple[GuideSummary, ...]
    careers: tuple[Career, ...]
    articles: tuple[ArticleSummary, ...]  # the latest
    program_count: int


@dataclass(frozen=True, kw_only=True)
class GuideIndexPage(Page):
    guides: tuple[GuideSummary, ...]
    categories: tuple[Category, ...] = ()


@dataclass(frozen=True, kw_only=True)
class CategoryPage(Page):
    """A guide category's hub, /guides/category/<slug>/: its guides, and links to the other categories."""

    category: Category
    categories: tuple[Category, ...]
    guides: tuple[GuideSummary, ...]  # the category's guides, as lists of guides show them


@dataclass(frozen=True, kw_only=True)
class ProgramPaging(Paging):
    programs: tuple[Program, ...]  # this page's slice

    @classmethod
    def pages(cls, programs: tuple[Program, ...], page_path: Callable[[int], str]) -> list[ProgramPaging]:
        """A program list in pages of CATALOG_PAGE_SIZE, as the catalog's; an empty list still has one (empty) page."""
        return paginate(programs, CATALOG_PAGE_SIZE, page_path, lambda page, **at: cls(programs=page, **at))


@dataclass(frozen=True, kw_only=True)
class ArticlePaging(Paging):
    # made afresh by every plan: a server's plan reuses an index page while its paging is equal, which
    # costs little, since the summaries of unchanged articles are the very objects of last time
    compared_by_value: ClassVar[bool] = True

    articles: tuple[ArticleSummary, ...]  # this page's slice, newest first


@dataclass(frozen=True, kw_only=True)
class GuidePage(Page):
    guide: Guide
    career: Career
    salary: SalaryTable
    related_salaries: tuple[SalaryTable, ...] = ()  # the guide's `related_salaries.tables`
    listing: Listing | None
    listing_paging: ProgramPaging | None  # the listing's first page

    @property
    def og_type(self) -> str:
        return "article"


@dataclass(frozen=True, kw_only=True)
class CareerIndexPage(Page):
    careers: tuple[Career, ...]


@dataclass(frozen=True, kw_only=True)
class CareerPage(Page):
    career: Career
    salary: SalaryTable
    related_salaries: tuple[SalaryTable, ...] = ()
    guides: tuple[GuideSummary, ...]  # the guides that lead to it


@dataclass(frozen=True, kw_only=True)
class ArticleIndexPage(Page):
    paging: ArticlePaging


@dataclass(frozen=True, kw_only=True)
class ArticlePage(Page):
    article: Article

    @property
    def og_type(self) -> str:
        return "article"


@dataclass(frozen=True, kw_only=True)
class CatalogPage(Page):
    paging: ProgramPaging
    browse: tuple[tuple[str, tuple[Facet, ...]], ...] = ()  # the landing pages by facet (on the first page)


@dataclass(frozen=True, kw_only=True)
class ListingPage(Page):
    """Page 2, 3, ... of a guide's program listing (page 1 is on the guide itself)."""

    guide: Guide
    listing: ListingSummary
    paging: ProgramPaging


@dataclass(frozen=True, kw_only=True)
class ProgramPage(Page):
    program: Program
    listed_in: tuple[Guide, ...]
    facet_links: tuple[FacetLink, ...] = ()  # the landing pages that list it (facet_pages.Facets.links_of)


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
    language: str | None = None  # the page's; None: the feed's (site.yaml's)


@dataclass(frozen=True, kw_only=True)
class FeedPage(Page):
    entries: tuple[FeedEntry, ...]  # newest first
    updated: dt.date


@dataclass(frozen=True, kw_only=True)
class HeadersPage(Page):
    """The `_headers` file: the security headers static hosts send with every page."""

    headers: SecurityHeaders


@dataclass(frozen=True, kw_only=True)
class DataFile(Page):
    """JSON emitted for the site's scripts; rendered by Python, not by a template."""

    template: str = ""  # none: payload() is the file
    description: str = ""
    in_sitemap: bool = False
    make: Callable[..., object]  # a pure function of args, called when the file is written (large data is
    args: tuple[object, ...]  # built once, then); a data file's key is the digest of args, derived, not listed

    def payload(self) -> object:
        return self.make(*self.args)
