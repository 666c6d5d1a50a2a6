"""Where every page lives: site paths, the base URL's prefix, and output file names."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

HOME = "/"
GUIDES = "/guides/"
CAREERS = "/careers/"
ARTICLES = "/articles/"
PROGRAMS = "/programs/"
COMPARE = "/programs/compare/"
SALARY_CALCULATOR = "/tools/salary-calculator/"
PROGRAM_MATCHER = "/tools/program-matcher/"
NOT_FOUND = "/404.html"
SITEMAP = "/sitemap.xml"
ROBOTS = "/robots.txt"
FEED = "/feed.xml"
MANIFEST = "/manifest.webmanifest"
PROGRAM_INDEX = "/data/programs.json"  # the catalog's filters
PROGRAM_TEXT = "/data/programs-text.json"  # the catalog's ids and names, fetched after the filters
SALARY_INDEX = "/data/salaries.json"
LISTING_ANCHOR = "guide-programs"  # id of a guide's program listing section

_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*:|//)")


def guide(slug: str) -> str:
    return f"{GUIDES}{slug}/"


CATEGORY_SEGMENT = "category"  # /guides/category/<slug>/: no guide may take this slug


def guide_category(slug: str) -> str:
    return f"{GUIDES}{CATEGORY_SEGMENT}/{slug}/"


def career(slug: str) -> str:
    return f"{CAREERS}{slug}/"


def article(slug: str) -> str:
    return f"{ARTICLES}{slug}/"


def program(program_id: str) -> str:
    return f"{PROGRAMS}{program_id}/"


def catalog_page(number: int) -> str:
    return PROGRAMS if number == 1 else f"{PROGRAMS}page/{number}/"


def facet_page(kind: str, slug: str, number: int) -> str:
    """Page n of a landing page by facet: /programs/format/online/, /programs/format/online/page/2/."""
    first = f"{PROGRAMS}{kind}/{slug}/"
    return first if number == 1 else f"{first}page/{number}/"


def article_index_page(number: int) -> str:
    return ARTICLES if number == 1 else f"{ARTICLES}page/{number}/"


def listing_page(guide_slug: str, number: int) -> str:
    """Page n of a guide's program listing: page 1 is the listing section of the guide itself."""
    if number == 1:
        return f"{guide(guide_slug)}#{LISTING_ANCHOR}"
    return f"{guide(guide_slug)}programs/page/{number}/"


def is_external(href: str) -> bool:
    """Links with a scheme (https:, mailto:) or protocol-relative ones leave the site."""
    return bool(_EXTERNAL.match(href))


def same_from_every_page(href: str) -> bool:
    """Whether a link reaches the same address from any page: root-relative (/x/) or external (https://...)."""
    return href.startswith("/") or is_external(href)


def output_file(path: str) -> str:
    """The file a site path is written to: /guides/x/ -> guides/x/index.html."""
    relative = path.lstrip("/")
    return relative + "index.html" if relative.endswith("/") or not relative else relative


@dataclass(frozen=True)
class UrlScheme:
    """Turns site paths into links, honouring a base URL with a sub-path."""

    base_url: str  # absolute and ending in '/', e.g. https://org.github.io/site/

    @functools.cached_property  # every link of every page asks
    def prefix(self) -> str:
        """The path every link starts with: '/' or e.g. '/site/'."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def href(self, path: str) -> str:
        """A link to a site path, as written into a page."""
        if not path.startswith("/") or path.startswith("//"):
            return path
        return self.prefix + path[1:]

    def absolute(self, path: str) -> str:
        """A full URL for canonical links, feeds and sitemaps."""
        if is_external(path):
            return path
        return self.base_url + path.lstrip("/")

    def site_path(self, href: str) -> str | None:
        """The site path of a root-relative link or a full URL on this site; None when elsewhere."""
        if href.startswith(self.base_url):
            return "/" + href[len(self.base_url) :]
        if is_external(href):
            return None
        if href.startswith(self.prefix):
            return "/" + href[len(self.prefix) :]
        return None
