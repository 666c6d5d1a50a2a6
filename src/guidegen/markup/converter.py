"""Markdown to HTML: one configured converter, links made site-aware, tables made phone-friendly."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.md_in_html import MarkdownInHtmlExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from guidegen.hashing import digest
from guidegen.markup.slugs import ID_MAKERS, HeadingIdStyle
from guidegen.markup.speed import FastMarkdown, SpeedExtension
from guidegen.render.images import SIZES, ImageInfo
from guidegen.structure.urls import UrlScheme

# By class, not by name: a name has Python-Markdown read every installed package's entry points (~20 ms
# a process), and another package registering the same name would be taken instead.
# md_in_html: Markdown inside `<div markdown="1">` (the usual right-to-left idiom) and `<aside markdown="1">`
EXTENSIONS: tuple[type[Extension], ...] = (
    TableExtension,
    FencedCodeExtension,
    AttrListExtension,
    SaneListExtension,
    MarkdownInHtmlExtension,
)


def standard_extensions() -> list[Extension]:
    """Python-Markdown's extensions every converter uses, made for one converter (each keeps its own state)."""
    return [extension() for extension in EXTENSIONS]


@dataclass(frozen=True)
class TocEntry:
    id: str
    title: str
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True)
class Rendered:
    """A converted Markdown text: its HTML, its headings and the links it makes."""

    html: Markup
    toc: tuple[TocEntry, ...] = ()
    links: tuple[str, ...] = ()


@dataclass
class _Collected:
    links: list[str] = field(default_factory=list)


class _SiteLinks(Treeprocessor):
    """Prefixes site-relative links with the base path, records every link, sizes images, wraps tables."""

    def __init__(
        self, md: markdown.Markdown, urls: UrlScheme, collected: _Collected, images: Mapping[str, ImageInfo]
    ) -> None:
        super().__init__(md)
        self.urls = urls
        self.collected = collected
        self.images = images

    def run(self, root: Element) -> None:
        pictures: list[tuple[Element, ImageInfo]] = []
        first_image = True
        for element in root.iter():
            attribute = "href" if element.tag == "a" else "src" if element.tag == "img" else None
            if attribute is None:
                continue
            value = element.get(attribute)
            if value is None:
                continue
            self.collected.links.append(value)
            element.set(attribute, self.urls.href(value))
            if element.tag != "img":
                continue
            if not first_image and element.get("loading") is None:
                # below the top of the page; the first image may be the largest paint, so it loads at once
                element.set("loading", "lazy")
                element.set("decoding", "async")
            first_image = False
            info = self.images.get(unquote(urlsplit(value).path)) if value.startswith("/") else None
            if info is not None:
                if element.get("width") is None and element.get("height") is None:
                    element.set("width", str(info.width))
                    element.set("height", str(info.height))
                if info.variants:
                    pictures.append((element, info))
        for image, info in pictures:
            self._picture(root, image, info)
        _wrap_tables(root)

    def _picture(self, root: Element, image: Element, info: ImageInfo) -> None:
        """<picture> around an image: WebP variants at several widths, the original as the fallback."""
        for parent in root.iter():
            for index, child in enumerate(parent):
                if child is image:
                    srcset = ", ".join(f"{self.urls.href(v.path)} {v.width}w" for v in info.variants)
                    picture = Element("picture")
                    picture.append(Element("source", {"type": "image/webp", "srcset": srcset, "sizes": SIZES}))
                    picture.tail, image.tail = image.tail, None
                    parent.remove(image)
                    picture.append(image)
                    parent.insert(index, picture)
                    return


def _wrap_tables(root: Element) -> None:
    """Wide tables scroll inside a focusable, labelled region instead of breaking the layout."""
    heading = "Table"
    for parent in list(root.iter()):
        for index, child in enumerate(list(parent)):
            if child.tag in ("h2", "h3", "h4"):
                heading = "".join(child.itertext()).strip() or heading
            if child.tag != "table":
                continue
            wrapper = Element(
                "div", {"class": "table-scroll", "role": "region", "tabindex": "0", "aria-label": heading}
            )
            parent.remove(child)
            wrapper.append(child)
            parent.insert(index, wrapper)


class _SiteExtension(Extension):
    def __init__(self, urls: UrlScheme, collected: _Collected, images: Mapping[str, ImageInfo], **kwargs: Any) -> None:
        self.urls = urls
        self.collected = collected
        self.images = images
        super().__init__(**kwargs)

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        # after 'inline' (20), which creates the links, and before the heading ids (5)
        md.treeprocessors.register(_SiteLinks(md, self.urls, self.collected, self.images), "guidegen-links", 15)


class MarkdownRenderer:
    """Reuses one configured converter per process; reset between documents.

    What it converts is remembered by a key: the digest of the text, of what else shapes the HTML
    (the base URL's prefix in links, the heading-id style, the images' sizes and variants), and of
    the kind of conversion. Conversions from earlier builds (`known`, from the build cache) are
    handed back; take() tells the build which keys a page used and what was converted anew, so a
    template or site.yaml edit renders pages again without converting their Markdown again.
    """

    def __init__(
        self, urls: UrlScheme, heading_ids: HeadingIdStyle = "github", images: Mapping[str, ImageInfo] | None = None
    ) -> None:
        self._collected = _Collected()
        images = images or {}
        site_extension = _SiteExtension(urls, self._collected, images)
        speed = SpeedExtension(ids=ID_MAKERS[heading_ids])
        self._document = FastMarkdown(extensions=[*standard_extensions(), speed, site_extension])
        self._fragment = FastMarkdown(
            extensions=[
                *standard_extensions(),
                SpeedExtension(headings=False),
                _SiteExtension(urls, self._collected, images),
            ]
        )
        shaping = f"{urls.base_url}\0{heading_ids}\0{sorted(images.items())!r}\0"
        self._config = digest(shaping.encode("utf-8"))
        self.known: Mapping[bytes, Rendered] = {}  # earlier builds' conversions (the build cache sets it)
        self._converted: dict[bytes, Rendered] = {}  # by this process
        self._new: list[bytes] = []  # converted since the last take()
        self._used: dict[bytes, None] = {}  # keys the page being rendered used, in order

    def take(self) -> tuple[tuple[bytes, ...], dict[bytes, Rendered]]:
        """The keys of what the page just rendered converted or recalled, and what was converted anew."""
        used, new = tuple(self._used), {key: self._converted[key] for key in self._new}
        self._used, self._new = {}, []
        return used, new

    def _recall(self, kind: bytes, text: str, convert: Callable[[str], Rendered]) -> Rendered:
        key = digest(self._config + kind + text.encode("utf-8"))
        self._used[key] = None
        found = self.known.get(key) or self._converted.get(key)
        if found is None:
            found = self._converted[key] = convert(text)
            self._new.append(key)
        return found

    def document(self, text: str) -> Rendered:
        """A page body: HTML plus the H2/H3 table of contents."""
        return self._recall(b"document\0", text, self._convert_document)

    def fragment(self, text: str, *, inline: bool = False) -> Rendered:
        """A short Markdown field (callout, TL;DR); inline drops the wrapping paragraph."""
        kind = b"inline\0" if inline else b"fragment\0"
        return self._recall(kind, text, functools.partial(self._convert_fragment, inline=inline))

    def _convert_document(self, text: str) -> Rendered:
        self._collected.links = []
        md = self._document
        md.reset()
        html = md.convert(text)
        toc = tuple(_toc_entry(token) for token in getattr(md, "toc_tokens", []))
        return Rendered(Markup(html), toc, tuple(self._collected.links))

    def _convert_fragment(self, text: str, *, inline: bool) -> Rendered:
        self._collected.links = []
        md = self._fragment
        md.reset()
        html = md.convert(text)
        if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Rendered(Markup(html), (), tuple(self._collected.links))


def _toc_entry(token: dict[str, Any]) -> TocEntry:
    return TocEntry(
        id=token["id"],
        title=_plain(token["name"]),
        children=tuple(_toc_entry(child) for child in token.get("children", [])),
    )


def _plain(name: str) -> str:
    # toc token names are HTML-escaped text; templates escape again, so undo it here
    return Markup(name).unescape()
