"""Markdown to HTML: one configured converter, links made site-aware, tables made phone-friendly."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from guidegen.markup.slugs import ID_MAKERS, HeadingIdStyle
from guidegen.markup.speed import FastMarkdown, SpeedExtension
from guidegen.structure.urls import UrlScheme

# md_in_html: Markdown inside `<div markdown="1">` (the usual right-to-left idiom) and `<aside markdown="1">`
EXTENSIONS = ["tables", "fenced_code", "attr_list", "sane_lists", "md_in_html"]


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
    """Prefixes site-relative links with the base path, records every link, wraps tables."""

    def __init__(self, md: markdown.Markdown, urls: UrlScheme, collected: _Collected) -> None:
        super().__init__(md)
        self.urls = urls
        self.collected = collected

    def run(self, root: Element) -> None:
        for element in root.iter():
            attribute = "href" if element.tag == "a" else "src" if element.tag == "img" else None
            if attribute is None:
                continue
            value = element.get(attribute)
            if value is None:
                continue
            self.collected.links.append(value)
            element.set(attribute, self.urls.href(value))
            if element.tag == "img" and element.get("loading") is None:
                element.set("loading", "lazy")
        _wrap_tables(root)


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
    def __init__(self, urls: UrlScheme, collected: _Collected, **kwargs: Any) -> None:
        self.urls = urls
        self.collected = collected
        super().__init__(**kwargs)

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        # after 'inline' (20), which creates the links, and before the heading ids (5)
        md.treeprocessors.register(_SiteLinks(md, self.urls, self.collected), "guidegen-links", 15)


class MarkdownRenderer:
    """Reuses one configured converter per process; reset between documents."""

    def __init__(self, urls: UrlScheme, heading_ids: HeadingIdStyle = "github") -> None:
        self._collected = _Collected()
        site_extension = _SiteExtension(urls, self._collected)
        speed = SpeedExtension(ids=ID_MAKERS[heading_ids])
        self._document = FastMarkdown(extensions=[*EXTENSIONS, speed, site_extension])
        self._fragment = FastMarkdown(
            extensions=[*EXTENSIONS, SpeedExtension(headings=False), _SiteExtension(urls, self._collected)]
        )

    def document(self, text: str) -> Rendered:
        """A page body: HTML plus the H2/H3 table of contents."""
        self._collected.links = []
        md = self._document
        md.reset()
        html = md.convert(text)
        toc = tuple(_toc_entry(token) for token in getattr(md, "toc_tokens", []))
        return Rendered(Markup(html), toc, tuple(self._collected.links))

    def fragment(self, text: str, *, inline: bool = False) -> Rendered:
        """A short Markdown field (callout, TL;DR); inline drops the wrapping paragraph."""
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
