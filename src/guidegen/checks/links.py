"""Check phase: every internal link and #anchor in the built pages must resolve."""

from __future__ import annotations

import dataclasses
import html
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

from guidegen.errors import did_you_mean
from guidegen.structure import urls
from guidegen.structure.urls import UrlScheme

# Matched in the page's UTF-8 bytes with ASCII letters lowered (HTML's names are ASCII and any case),
# which keeps every offset: values are read from the bytes as written. A pattern starting with a
# literal is searched for fast, so an id's preceding space is checked after the match.
_LINK = re.compile(rb"""<(a|link|img|script|source|iframe)\b[^>]*?\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# every target a browser scrolls to: any element's id, quoted or not, and <a name="...">
_ID = re.compile(rb"""id\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
# (a name attribute is looked for by its literal and its tag read back: scanning every <a> tag for one took
# a sixth of a page's scan)
_NAME = re.compile(rb"""name\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_SPACE = frozenset(b" \t\n\r\f\v")  # HTML's whitespace, as bytes regexes read \s
_SKIPPED_SCHEMES = ("mailto:", "tel:", "data:")


class PageLinks(NamedTuple):
    """What one built page offers (ids) and what it points to (links, as written in the HTML).

    A named tuple, not a dataclass: the cache keeps one for every page, and pickles the lot. At
    100,000 programs (117,877 pages) they took 982 ms to pickle and 595 ms to read back as frozen
    dataclasses with slots, and 464 and 193 ms as tuples."""

    ids: frozenset[str]
    links: tuple[str, ...]
    images: frozenset[str] = frozenset()  # the links that are <img src>

    def shared(self, id_sets: dict[frozenset[str], frozenset[str]]) -> PageLinks:
        """The same, with each string interned, and its set of ids the one object id_sets holds for every page
        with those ids. Most pages link to the same pages and have the same ids, and the build keeps
        what every page has: 14,000 pages held ~25 MB of copies of the same few thousand links, and
        100,000 programs' pages 30 MB of sets of the same ids (17 distinct ones at 10,000), and 20 MB of
        empty sets of images."""
        ids = frozenset(map(sys.intern, self.ids))
        return PageLinks(
            id_sets.setdefault(ids, ids),
            tuple(map(sys.intern, self.links)),
            frozenset(map(sys.intern, self.images)) if self.images else _NO_IMAGES,
        )


_NO_IMAGES: frozenset[str] = frozenset()


@dataclass(frozen=True)
class BrokenLink:
    page: str  # site path of the page holding the link
    href: str  # as written in the HTML
    target: str  # site path it resolves to
    reason: str
    hint: str | None = None


def scan(page: str | bytes) -> PageLinks:
    """Collect the ids and links of a page's HTML (as text, or encoded in UTF-8)."""
    raw = page.encode("utf-8") if isinstance(page, str) else page
    lowered = raw.lower()  # ASCII letters only: the same length, so offsets match raw's
    ids = {
        _value(raw, found) for found in _ID.finditer(lowered) if found.start() and lowered[found.start() - 1] in _SPACE
    }
    ids.update(_anchor_names(raw, lowered))
    seen: dict[str, None] = {}
    images: set[str] = set()
    for found in _LINK.finditer(lowered):
        href = _value(raw, found)
        seen.setdefault(href, None)
        if found.group(1) == b"img":
            images.add(href)
    return PageLinks(frozenset(ids), tuple(seen), frozenset(images))


def _anchor_names(raw: bytes, lowered: bytes) -> Iterator[str]:
    """The first name attribute of each <a> tag: one that follows a space inside the tag (no ">" before it)."""
    last_tag = -1
    for found in _NAME.finditer(lowered):
        start = found.start()
        if not start or lowered[start - 1] not in _SPACE:
            continue
        tag = lowered.rfind(b"<", 0, start)
        if tag < 0 or tag == last_tag or lowered[tag + 1 : tag + 2] != b"a" or lowered[tag + 2] not in _SPACE:
            continue
        if lowered.find(b">", tag, start) < 0:
            last_tag = tag
            yield _value(raw, found)


def _value(raw: bytes, found: re.Match[bytes]) -> str:
    """The attribute value a match found, unescaped: each pattern's value is its last group that took part
    (one of its quoted or bare alternatives; _LINK's tag name comes before them)."""
    start, end = found.span(found.lastindex or 0)
    text = raw[start:end].decode("utf-8", "replace")
    return html.unescape(text) if "&" in text else text


def check(
    pages: Mapping[str, PageLinks], files: set[str], scheme: UrlScheme, only: Iterable[str] | None = None
) -> list[BrokenLink]:
    """Resolve every link of every page (or of the pages in only) against the pages and files of the build."""
    resolver = _Resolver(pages, files, scheme)
    fine = resolver.fine
    broken: list[BrokenLink] = []
    for page_path in pages if only is None else only:
        page_url = scheme.absolute(page_path)
        page = pages[page_path]
        for href in page.links:
            if href in fine and href not in page.images:  # most links are to the same few pages
                continue
            problem = resolver.resolve(href, href in page.images, page_path, page_url)
            if problem is not None:
                broken.append(problem)
    return broken


class _Resolver:
    """Resolves links; a link that means the same on every page (/x/, https://...) is resolved once."""

    def __init__(self, pages: Mapping[str, PageLinks], files: set[str], scheme: UrlScheme) -> None:
        self.pages = pages
        self.files = files
        self.scheme = scheme
        self.by_file = {urls.output_file(path): path for path in pages}
        self._shared: dict[tuple[str, bool], BrokenLink | None] = {}
        self.fine: set[str] = set()  # links that resolve, as links (not images), from any page

    def resolve(self, href: str, is_image: bool, page_path: str, page_url: str) -> BrokenLink | None:
        if not href or href.lower().startswith(_SKIPPED_SCHEMES):
            return None
        if not urls.same_from_every_page(href):
            return self._resolve(href, is_image, page_path, page_url)
        if (href, is_image) not in self._shared:
            self._shared[href, is_image] = self._resolve(href, is_image, "", self.scheme.base_url)
            if self._shared[href, is_image] is None and not is_image:
                self.fine.add(href)
        found = self._shared[href, is_image]
        return None if found is None else dataclasses.replace(found, page=page_path)

    def _resolve(self, href: str, is_image: bool, page_path: str, page_url: str) -> BrokenLink | None:
        scheme, files = self.scheme, self.files
        if urls.is_external(href) and not href.startswith(scheme.base_url):
            return None
        target = self._simple_target(href)
        if target is None:
            absolute = urljoin(page_url, href)
            target = scheme.site_path(absolute)
            if target is None:
                return BrokenLink(page_path, href, absolute, "points outside the site's base path")
        parts = urlsplit(target)
        path = unquote(parts.path)
        fragment = unquote(parts.fragment)
        file = urls.output_file(path)
        if file not in files and not path.endswith("/") and urls.output_file(path + "/") in files:
            file = urls.output_file(path + "/")
        if file not in files:
            if is_image or PurePosixPath(path).suffix not in ("", ".html"):
                what = "image" if is_image else "file"
                hint = _suggest_file(path, files) or f"put the file at static{path}"
                return BrokenLink(page_path, href, path, f"{what} does not exist", hint)
            return BrokenLink(page_path, href, path, "page does not exist", _suggest_page(path, self.by_file))
        if fragment:
            target_page = self.by_file.get(file)
            ids = self.pages[target_page].ids if target_page is not None else frozenset()
            if target_page is not None and fragment not in ids:
                return BrokenLink(
                    page_path,
                    href,
                    f"{path}#{fragment}",
                    f"anchor #{fragment} does not exist on {path}",
                    did_you_mean(fragment, ids),
                )
        return None

    def _simple_target(self, href: str) -> str | None:
        """The site path of a link under the base path with no dot segments, without urljoin (most links)."""
        for start in (self.scheme.base_url, self.scheme.prefix):
            if href.startswith(start) and "/." not in href and not href.startswith("//"):
                return "/" + href[len(start) :]
        return None


def _suggest_page(path: str, by_file: Mapping[str, str]) -> str | None:
    return did_you_mean(path, by_file.values())


def _suggest_file(path: str, files: set[str]) -> str | None:
    suffix = PurePosixPath(path).suffix
    return did_you_mean(path, sorted("/" + file for file in files if file.endswith(suffix)))


def scan_folder(folder: Path) -> tuple[dict[str, PageLinks], set[str]]:
    """Read a built site back from disk: pages by site path, and every file."""
    pages: dict[str, PageLinks] = {}
    files: set[str] = set()
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(folder).as_posix()
        files.add(relative)
        if relative.endswith(".html"):
            site_path = "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)
            pages[site_path] = scan(path.read_text(encoding="utf-8"))
    return pages, files


def external_links(pages: Iterable[PageLinks], scheme: UrlScheme) -> list[str]:
    """Links that leave the site, listed (never fetched) by `guidegen check --links`."""
    found = {
        href for page in pages for href in page.links if urls.is_external(href) and not href.startswith(scheme.base_url)
    }
    return sorted(found)


def check_folder(folder: Path, scheme: UrlScheme) -> tuple[list[BrokenLink], list[str]]:
    """Check a built site on disk: its broken internal links, and the external links it has (not fetched)."""
    pages, files = scan_folder(folder)
    return check(pages, files, scheme), external_links(pages.values(), scheme)
