"""Which pages the site publishes, and what each one shows: the contexts of structure/contexts.py, in a fixed order."""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import re
from collections.abc import Iterator

from guidegen.content.site import Article, Guide, SalaryTable
from guidegen.data.catalog_index import program_index, program_text, text_columns
from guidegen.data.facets import program_facets
from guidegen.data.salary_index import salary_index
from guidegen.memo import Memo, Recompute
from guidegen.render import formatting
from guidegen.render.security_headers import HEADERS_FILE, SecurityHeaders
from guidegen.structure import pagination, urls
from guidegen.structure.catalog_pages import catalog_pages
from guidegen.structure.categories import categories_of
from guidegen.structure.contexts import (
    ArticleIndexPage,
    ArticlePage,
    ArticlePaging,
    ArticleSummary,
    CareerIndexPage,
    CareerPage,
    CategoryPage,
    Crumb,
    DataFile,
    FeedEntry,
    FeedPage,
    GuideIndexPage,
    GuidePage,
    GuideSummary,
    HeadersPage,
    HomePage,
    ListingPage,
    NotFoundPage,
    Page,
    ProgramPaging,
    SitemapEntry,
    SitemapPage,
    ToolPage,
)
from guidegen.structure.linking import LinkedSite, Listing
from guidegen.structure.pagination import ARTICLE_PAGE_SIZE
from guidegen.structure.urls import UrlScheme

LATEST_ARTICLES = 5
FEED_ENTRIES = 50  # the newest articles and guides; a feed reader wants what is new, not the archive

# the same objects in every plan, so that a page made from them can be reused (see memo.Memo.reuse)
HOME = Crumb("Home", urls.HOME)
ARTICLE_CRUMBS = (HOME, Crumb("Articles", urls.ARTICLES))
CATALOG_CRUMBS = (HOME, Crumb("Programs", urls.PROGRAMS))


def plan_pages(linked: LinkedSite, memo: Memo | None = None) -> list[Page]:
    """All pages in a fixed order; sitemap last, since it lists the others.

    memo may hand back what an earlier plan made from the same objects (guidegen serve)."""
    memo = memo or Recompute()
    pages = list(_content_pages(linked, memo))
    entries = (memo.reuse("sitemap entry", _sitemap_entry, page) for page in pages)
    sitemap = SitemapPage(
        path=urls.SITEMAP,
        template="sitemap.xml",
        title="Sitemap",
        description="",
        in_sitemap=False,
        pages=tuple(entry for entry in entries if entry is not None),
    )
    robots = Page(path=urls.ROBOTS, template="robots.txt", title="robots.txt", description="", in_sitemap=False)
    manifest = Page(
        path=urls.MANIFEST, template="manifest.json", title="Web app manifest", description="", in_sitemap=False
    )
    headers = HeadersPage(
        path=HEADERS_FILE,
        template="headers.txt",
        title="Security headers",
        description="",
        in_sitemap=False,
        headers=SecurityHeaders.for_site(linked.site.config),
    )
    return [*pages, _feed(linked, pages), manifest, *_data_files(linked), sitemap, robots, headers]


def _sitemap_entry(page: Page) -> SitemapEntry | None:
    return SitemapEntry(page.path, page.lastmod) if page.in_sitemap else None


def _feed(linked: LinkedSite, pages: list[Page]) -> FeedPage:
    """The newest articles and guides, with the titles, summaries and dates their pages show."""
    candidates = (page for page in pages if isinstance(page, ArticlePage | GuidePage))
    newest = heapq.nlargest(FEED_ENTRIES, candidates, key=lambda page: (_updated(page), page.path))
    entries: list[FeedEntry] = []
    for page in newest:
        if isinstance(page, ArticlePage):
            meta = page.article.meta
            entries.append(
                FeedEntry(
                    page.title, page.path, page.description, _updated(page), meta.date, tuple(meta.tags), page.language
                )
            )
        else:
            entries.append(FeedEntry(page.title, page.path, page.description, _updated(page), None, (), page.language))
    return FeedPage(
        path=urls.FEED,
        template="feed.xml",
        title=f"{linked.site.config.title}: articles and guides",
        description=linked.site.config.description,
        in_sitemap=False,
        entries=tuple(entries),
        updated=entries[0].updated if entries else formatting.build_date(),
    )


def _updated(page: ArticlePage | GuidePage) -> dt.date:
    if isinstance(page, ArticlePage):
        return page.article.meta.updated or page.article.meta.date
    return page.guide.meta.updated


def _data_files(linked: LinkedSite) -> Iterator[DataFile]:
    prefix = UrlScheme(linked.site.config.base_url).prefix
    listed = {slug: listing.programs for slug, listing in linked.listings.items()}
    yield DataFile(
        path=urls.PROGRAM_INDEX,
        title="Program index",
        make=program_index,
        args=(linked.programs, prefix + urls.PROGRAMS.lstrip("/"), prefix + urls.PROGRAM_TEXT.lstrip("/"), listed),
    )
    # args are the columns themselves: an edit that changes no id, name or school leaves this file as it is
    yield DataFile(
        path=urls.PROGRAM_TEXT,
        title="Program names",
        make=program_text,
        args=text_columns(linked.programs),
    )
    config = linked.site.config
    yield DataFile(
        path=urls.SALARY_INDEX,
        title="Salary tables",
        make=salary_index,
        args=(_salary_tables(linked), config.stale_after_months, formatting.build_date()),
    )


def _salary_tables(linked: LinkedSite) -> tuple[SalaryTable, ...]:
    return tuple(linked.site.salaries[key] for key in sorted(linked.site.salaries))


def _content_pages(linked: LinkedSite, memo: Memo) -> Iterator[Page]:
    config = linked.site.config
    home = HOME
    articles = tuple(memo.reuse("article summary", _article_summary, article) for article in linked.articles)
    summaries = {guide.slug: memo.reuse("guide summary", _guide_summary, guide) for guide in linked.guides}
    guides = tuple(summaries.values())
    newest = max((article.last_update for article in articles), default=None)
    yield HomePage(
        path=urls.HOME,
        template="home.html",
        title=config.title,
        description=config.description,
        lastmod=newest,
        guides=guides,
        careers=linked.careers,
        articles=articles[:LATEST_ARTICLES],
        program_count=len(linked.programs),
    )

    guides_crumb = Crumb("Guides", urls.GUIDES)
    yield GuideIndexPage(
        path=urls.GUIDES,
        template="guides.html",
        title="Specialization guides",
        description=f"Every specialization guide on {config.title}.",
        breadcrumbs=(home, guides_crumb),
        guides=guides,
        categories=categories_of(linked.guides),
    )
    yield from _category_pages(linked.guides, summaries, (home, guides_crumb))
    for guide in linked.guides:
        meta = guide.meta
        listing = linked.listings.get(guide.slug)
        listing_pages = (
            ProgramPaging.pages(listing.programs, functools.partial(urls.listing_page, guide.slug)) if listing else []
        )
        yield GuidePage(
            path=urls.guide(guide.slug),
            template="guide.html",
            title=meta.title,
            description=summaries[guide.slug].blurb,
            breadcrumbs=(home, guides_crumb, Crumb(meta.title, urls.guide(guide.slug))),
            lastmod=meta.updated,
            origin=guide.origin,
            language=meta.language,
            guide=guide,
            career=linked.site.careers[meta.career],
            salary=linked.salary_of(guide),
            related_salaries=linked.related_salaries_of(guide),
            listing=listing,
            listing_paging=listing_pages[0] if listing_pages else None,
        )
        if listing is not None:
            yield from _listing_pages(guide, listing, listing_pages, (home, guides_crumb))

    careers_crumb = Crumb("Careers", urls.CAREERS)
    yield CareerIndexPage(
        path=urls.CAREERS,
        template="careers.html",
        title="Career paths",
        description=f"Career-path pages on {config.title}: what each role does and what it pays.",
        breadcrumbs=(home, careers_crumb),
        careers=linked.careers,
    )
    for career in linked.careers:
        meta_c = career.meta
        yield CareerPage(
            path=urls.career(career.slug),
            template="career.html",
            title=meta_c.title,
            description=meta_c.summary,
            breadcrumbs=(home, careers_crumb, Crumb(meta_c.title, urls.career(career.slug))),
            lastmod=meta_c.updated,
            origin=career.origin,
            language=meta_c.language,
            career=career,
            salary=linked.salary_of(career),
            related_salaries=linked.related_salaries_of(career),
            guides=tuple(summaries[guide.slug] for guide in linked.guides_of_career.get(career.slug, ())),
        )

    for paging in paginate_articles(articles):
        yield memo.reuse("article index page", _article_index_page, paging.number, paging, config.title)
    for article in linked.articles:
        yield memo.reuse("article page", _article_page, article, ARTICLE_CRUMBS)

    yield from catalog_pages(linked, CATALOG_CRUMBS, memo)

    tools = (
        (
            urls.SALARY_CALCULATOR,
            "Salary Calculator",
            "tools/salary-calculator.html",
            "Estimate a salary range by level and location, with every step of the calculation shown.",
        ),
        (
            urls.PROGRAM_MATCHER,
            "Program Matcher",
            "tools/program-matcher.html",
            "Find the programs that fit your goal, budget, schedule and location.",
        ),
    )
    facets = program_facets(linked.programs)
    for path, title, template, description in tools:
        yield ToolPage(
            path=path,
            template=template,
            title=title,
            description=description,
            breadcrumbs=(home, Crumb(title, path)),
            guides=linked.guides,
            salaries=_salary_tables(linked),
            facets=facets,
        )

    yield NotFoundPage(
        path=urls.NOT_FOUND,
        template="404.html",
        title="Page not found",
        description="The page you asked for does not exist.",
        in_sitemap=False,
    )


def _category_pages(
    guides: tuple[Guide, ...], summaries: dict[str, GuideSummary], crumbs: tuple[Crumb, ...]
) -> Iterator[CategoryPage]:
    categories = categories_of(guides)
    for category in categories:
        count = len(category.guides)
        titles = ", ".join(guide.meta.title for guide in category.guides)
        yield CategoryPage(
            path=category.path,
            template="guide-category.html",
            title=f"{category.name} guides",
            description=f"{count} guide{'s' if count != 1 else ''} in {category.name}: {titles}.",
            breadcrumbs=(*crumbs, Crumb(category.name, category.path)),
            lastmod=max(guide.meta.updated for guide in category.guides),
            category=category,
            categories=categories,
            guides=tuple(summaries[guide.slug] for guide in category.guides),
        )


def paginate_articles(articles: tuple[ArticleSummary, ...]) -> list[ArticlePaging]:
    """The article index, ARTICLE_PAGE_SIZE articles a page: /articles/, /articles/page/2/, ..."""
    return pagination.paginate(
        articles, ARTICLE_PAGE_SIZE, urls.article_index_page, lambda page, **at: ArticlePaging(articles=page, **at)
    )


def _article_index_page(number: int, paging: ArticlePaging, site_title: str) -> ArticleIndexPage:
    """Page number of the article index (by which a server's next plan finds it again)."""
    page_count = paging.page_count
    return ArticleIndexPage(
        path=urls.article_index_page(number),
        template="articles.html",
        title="Articles" if number == 1 else f"Articles (page {number} of {page_count})",
        description=f"Articles from {site_title}." + ("" if number == 1 else f" Page {number}."),
        breadcrumbs=ARTICLE_CRUMBS
        if number == 1
        else (*ARTICLE_CRUMBS, Crumb(f"Page {number}", urls.article_index_page(number))),
        lastmod=max((article.last_update for article in paging.articles), default=None),
        paging=paging,
    )


def _article_page(article: Article, crumbs: tuple[Crumb, ...]) -> ArticlePage:
    meta = article.meta
    return ArticlePage(
        path=urls.article(article.slug),
        template="article.html",
        title=meta.title,
        description=meta.summary,
        breadcrumbs=(*crumbs, Crumb(meta.title, urls.article(article.slug))),
        lastmod=meta.updated or meta.date,
        published=meta.date,
        origin=article.origin,
        language=meta.language,
        article=article,
    )


def _guide_summary(guide: Guide) -> GuideSummary:
    meta = guide.meta
    return GuideSummary(
        slug=guide.slug,
        path=urls.guide(guide.slug),
        title=meta.title,
        kicker=meta.kicker,
        badge=meta.badge,
        icon=meta.icon,
        blurb=meta.summary or plain_text(meta.tldr),
    )


def _article_summary(article: Article) -> ArticleSummary:
    meta = article.meta
    return ArticleSummary(
        slug=article.slug,
        path=urls.article(article.slug),
        title=meta.title,
        summary=meta.summary,
        date=meta.date,
        updated=meta.updated,
        tags=tuple(meta.tags),
    )


def _listing_pages(
    guide: Guide, listing: Listing, pages: list[ProgramPaging], crumbs: tuple[Crumb, ...]
) -> Iterator[Page]:
    guide_crumb = Crumb(guide.meta.title, urls.guide(guide.slug))
    summary = listing.summary()
    for paging in pages[1:]:
        path = paging.page_paths[paging.number - 1]
        yield ListingPage(
            path=path,
            template="guide-programs.html",
            title=f"{listing.title} (page {paging.number} of {paging.page_count})",
            description=f"Programs listed in the guide {guide.meta.title}, page {paging.number}.",
            breadcrumbs=(*crumbs, guide_crumb, Crumb(f"Programs, page {paging.number}", path)),
            lastmod=guide.meta.updated,
            in_sitemap=False,  # the same programs are in the catalog's pages
            guide=guide,
            listing=summary,
            paging=paging,
        )


_MARKDOWN_SYNTAX = re.compile(r"[*_`#>]|!?\[([^\]]*)\]\([^)]*\)")


def plain_text(markdown_text: str) -> str:
    """A Markdown field as plain text, for meta descriptions."""
    text = _MARKDOWN_SYNTAX.sub(lambda m: m.group(1) or "", markdown_text)
    return " ".join(text.split())
