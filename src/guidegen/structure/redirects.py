"""Redirects: the old addresses (`aliases`) of pages, each a small page pointing to the new one, and the
`_redirects` file static hosts read (Netlify, Cloudflare Pages)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

from guidegen.checks.links import PageLinks
from guidegen.content.site import Origin
from guidegen.errors import Problems
from guidegen.structure import urls
from guidegen.structure.contexts import Page
from guidegen.structure.linking import LinkedSite
from guidegen.structure.urls import UrlScheme

REDIRECTS_FILE = "/_redirects"


@dataclass(frozen=True)
class Alias:
    path: str  # the old address
    target: str  # the page's address now
    title: str  # the page's title, for the visible link
    origin: Origin
    index: int  # position in the record's aliases, for messages


@dataclass(frozen=True, kw_only=True)
class RedirectPage(Page):
    """An old address: a meta refresh, a canonical link and a visible link to `target`, not indexed."""

    target: str


@dataclass(frozen=True)
class RedirectRule:
    source: str
    target: str


@dataclass(frozen=True, kw_only=True)
class RedirectsFile(Page):
    """`_redirects` in Netlify / Cloudflare Pages syntax: one permanent redirect a line."""

    rules: tuple[RedirectRule, ...]


def site_aliases(linked: LinkedSite) -> Iterator[Alias]:
    """Every alias of a guide, career, article or program, in page order."""
    site = linked.site
    for guide in linked.guides:
        yield from _aliases(guide.meta.aliases, urls.guide(guide.slug), guide.meta.title, guide.origin)
    for career in linked.careers:
        yield from _aliases(career.meta.aliases, urls.career(career.slug), career.meta.title, career.origin)
    for article in linked.articles:
        yield from _aliases(article.meta.aliases, urls.article(article.slug), article.meta.title, article.origin)
    for program in linked.programs:
        origin = site.programs[program.id].origin
        yield from _aliases(program.aliases, urls.program(program.id), program.name, origin)


def _aliases(paths: list[str], target: str, title: str, origin: Origin) -> Iterator[Alias]:
    for index, path in enumerate(paths):
        yield Alias(path, target, title, origin, index)


def redirect_pages(linked: LinkedSite, pages: list[Page], problems: Problems) -> list[Page]:
    """A redirect page for every alias (and the _redirects file); an alias taking a page's address,
    or another alias's, is an error at its line."""
    taken = {page.output: page.path for page in pages}
    claimed: dict[str, Alias] = {}
    made: list[Page] = []
    rules: list[RedirectRule] = []
    for alias in site_aliases(linked):
        output = urls.output_file(alias.path)
        line, field = alias.origin.line_of("aliases", alias.index), f"aliases[{alias.index}]"
        if output in taken:
            what = "this page's own address" if taken[output] == alias.target else f"the address of {taken[output]}"
            problems.error(
                alias.origin.name, f"alias '{alias.path}' is {what}", line=line, field=field, hint="remove the alias"
            )
            continue
        if output in claimed:
            first = claimed[output]
            problems.error(
                alias.origin.name,
                f"alias '{alias.path}' is also an alias of {first.target} "
                f"({first.origin.name}:{first.origin.line_of('aliases', first.index)})",
                line=line,
                field=field,
                hint="an old address can lead to one page only",
            )
            continue
        claimed[output] = alias
        made.append(
            RedirectPage(
                path=alias.path,
                template="redirect.html",
                title=alias.title,
                description=f"This page has moved to {alias.target}.",
                in_sitemap=False,
                target=alias.target,
            )
        )
        rules.append(RedirectRule(alias.path, alias.target))
    if rules:
        made.append(
            RedirectsFile(
                path=REDIRECTS_FILE,
                template="redirects.txt",
                title="Redirects",
                description="",
                in_sitemap=False,
                rules=tuple(rules),
            )
        )
    return made


def alias_targets(pages: list[Page]) -> dict[str, str]:
    """Each old address with the page it leads to, from the redirect pages of a build."""
    return {page.path: page.target for page in pages if isinstance(page, RedirectPage)}


@dataclass(frozen=True)
class AliasLink:
    page: str  # the page holding the link
    href: str  # as written in the HTML
    alias: str
    target: str


def links_to_aliases(
    scanned: Mapping[str, PageLinks], aliases: Mapping[str, str], scheme: UrlScheme
) -> Iterator[AliasLink]:
    """Links that reach a page through one of its old addresses (they work, through a redirect)."""
    if not aliases:
        return
    same_everywhere: dict[str, str | None] = {}  # the alias an absolute link reaches (most links are absolute)
    for page_path, links in scanned.items():
        if page_path in aliases:
            continue  # a redirect page links to its target
        page_url = scheme.absolute(page_path)
        for href in links.links:
            if href in same_everywhere:
                alias = same_everywhere[href]
            else:
                alias = _alias_reached(href, page_url, aliases, scheme)
                if urls.same_from_every_page(href):
                    same_everywhere[href] = alias
            if alias is not None:
                yield AliasLink(page_path, href, alias, aliases[alias])


def _alias_reached(href: str, page_url: str, aliases: Mapping[str, str], scheme: UrlScheme) -> str | None:
    if urls.is_external(href) and not href.startswith(scheme.base_url):
        return None
    target = scheme.site_path(urljoin(page_url, href))
    if target is None:
        return None
    path = unquote(urlsplit(target).path)
    return path if path in aliases else path + "/" if path + "/" in aliases else None
