"""Python-Markdown made cheaper where it does work that cannot change the output.

Profiling a build showed that most of a page's conversion time goes to the inline
processor trying each of its ~14 patterns on every run of text, and about a tenth to the
toc extension rendering and serializing a contents block that guidegen never uses:

- FastInlineProcessor skips a pattern when the text lacks a character the pattern must
  match (an emphasis pattern needs '*' or '_', a link needs '['); a skipped pattern is
  exactly a pattern that found no match, so the result is unchanged.
- HeadingIds gives headings the same ids as the toc extension (same slugify, same
  de-duplication) and records the same tokens, without building the contents block;
  given another id maker (markup/slugs.py), it gives that one's ids instead.
- FastMarkdown answers "is this tag block-level?" (asked ~190 times a page, by lowercasing
  the tag and scanning a list of 50 names) from a dictionary of the answers already given.
- FastAttrList skips the attr_list pass over every element when no line of the text holds
  the '{' that every attribute list starts with.

Each leans on a Python-Markdown internal that markup/internals.py checks first; where one
changed shape, the stock processor runs in its place. tests/test_markdown_speed.py checks them
against stock Python-Markdown, and `make test` runs it, with Python-Markdown's own suite, at both
ends of the supported range (tests/markdown_range.py).
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown import util
from markdown.extensions import Extension, toc
from markdown.extensions.attr_list import AttrListTreeprocessor
from markdown.treeprocessors import InlineProcessor, Treeprocessor

from guidegen.markup.internals import internals
from guidegen.markup.slugs import EMPTY, IdMaker, github_id, github_slug, python_markdown_id

# What the text must contain for each stock inline pattern to have any chance of matching.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_reference": ("[",),
    "short_image_ref": ("![",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "html": ("<",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
    "em_strong2": ("_",),
    "not_strong": ("*", "_"),
    "strong_em": ("*",),
}
_HEADING = re.compile(r"[Hh][123456]")
_NOT_PLAIN = re.compile(f"[&<>{util.STX}{util.ETX}]")


class FastInlineProcessor(InlineProcessor):
    """Python-Markdown's inline processor, skipping patterns that cannot match the text."""

    def run(self, tree: Element, ancestors: list[str] | None = None) -> Element:
        registry = self.inlinePatterns
        triggers = {id(registry[name]): chars for name, chars in TRIGGERS.items() if name in registry}
        self._patterns = [(pattern, triggers.get(id(pattern))) for pattern in registry]
        self._triggers = {chars for needs in triggers.values() for chars in needs}
        self._all_gated = all(needs is not None for _, needs in self._patterns)
        return super().run(tree, ancestors)

    # Replaces InlineProcessor.__handleInline (name-mangled); same loop, with the trigger test.
    # A match only ever replaces text with a placeholder (STX, letters, digits, ETX), so the
    # triggers present at the start are a superset of those present at any later step.
    def _InlineProcessor__handleInline(self, data: str, index: int = 0) -> str:  # noqa: N802
        if isinstance(data, util.AtomicString):
            return data
        present = {chars for chars in self._triggers if chars in data}
        if not present and self._all_gated:
            return data  # no pattern can match: what the full loop would return
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        patterns = self._patterns
        start = 0
        while index < len(patterns):
            pattern, needs = patterns[index]
            if needs is not None and present.isdisjoint(needs):
                index += 1  # as after a pattern that found no match
                start = 0
                continue
            data, matched, start = apply(pattern, data, index, start)
            if not matched:
                index += 1
        return data


class FastMarkdown(markdown.Markdown):
    """Python-Markdown, remembering which tags are block-level."""

    def __init__(self, **kwargs: Any) -> None:
        self._block_level: dict[str, bool] = {}
        self._block_level_count = 0
        super().__init__(**kwargs)

    def is_block_level(self, tag: Any) -> bool:
        if not isinstance(tag, str):
            return False
        if len(self.block_level_elements) != self._block_level_count:  # an extension added some
            self._block_level = {}
            self._block_level_count = len(self.block_level_elements)
        known = self._block_level.get(tag)
        if known is None:
            known = self._block_level[tag] = super().is_block_level(tag)
        return known


class FastAttrList(AttrListTreeprocessor):
    """attr_list's tree pass, skipped when no line of the text has a '{' (every list starts with one).

    By this pass, every text in the tree comes from the text's lines: escapes and entities
    are placeholders, and code blocks are stashed away from it.
    """

    def run(self, doc: Element) -> None:
        lines = getattr(self.md, "lines", None)  # set by convert(); without it, the stock pass runs
        if lines is None or any("{" in line for line in lines):
            super().run(doc)


class HeadingIds(Treeprocessor):
    """The toc extension's heading ids and tokens (levels 2-3), without its contents block."""

    def __init__(self, md: markdown.Markdown, top: int = 2, bottom: int = 3, ids: IdMaker = python_markdown_id) -> None:
        super().__init__(md)
        self.top = top
        self.bottom = bottom
        self.make_id = ids

    def run(self, doc: Element) -> None:
        used = {element.attrib["id"] for element in doc.iter() if "id" in element.attrib}
        tokens: list[Any] = []
        for element in doc.iter():
            if not (isinstance(element.tag, str) and _HEADING.fullmatch(element.tag)):
                continue
            inner = _plain_inner_html(element)
            if inner is None:
                inner = toc.render_inner_html(toc.remove_fnrefs(element), self.md)
                name = toc.strip_tags(inner)
            else:
                name = " ".join(inner.split())  # what strip_tags leaves of text without tags
            if "id" not in element.attrib:
                element.attrib["id"] = self.make_id(name, used)
            label = ""
            if "data-toc-label" in element.attrib:
                label = toc.run_postprocessors(toc.unescape(element.attrib["data-toc-label"]), self.md)
                name = toc.escape_cdata(toc.strip_tags(label))
                del element.attrib["data-toc-label"]
            level = int(element.tag[-1])
            if self.top <= level <= self.bottom:
                tokens.append(
                    {
                        "level": level,
                        "id": toc.unescape(element.attrib["id"]),
                        "name": name,
                        "html": inner,
                        "data-toc-label": label,
                    }
                )
        self.md.toc_tokens = toc.nest_toc_tokens(tokens)  # type: ignore[attr-defined]


def _plain_inner_html(heading: Element) -> str | None:
    """What render_inner_html returns for a heading that is plain text, without serializing it; else None.

    Text with no child element, no character to escape and no placeholder serializes to
    itself, and no postprocessor changes it (they replace placeholders).
    """
    if len(heading):
        return None
    text = heading.text or ""
    return None if _NOT_PLAIN.search(text) else text.strip()


class SpeedExtension(Extension):
    """Registers the processors where the stock ones run ('inline' at 20, 'attr_list' at 8, 'toc' at 5).

    Where the installed Python-Markdown's internals changed shape, the stock inline processor
    stays, and the stock toc extension (levels 2-3, no [TOC] marker) gives the headings their ids.
    """

    def __init__(self, *, headings: bool = True, ids: IdMaker = python_markdown_id, **kwargs: Any) -> None:
        self.headings = headings
        self.ids = ids
        super().__init__(**kwargs)

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        shape = internals()
        if shape.inline_loop:
            md.treeprocessors.register(FastInlineProcessor(md), "inline", 20)
        if "attr_list" in md.treeprocessors:
            md.treeprocessors.register(FastAttrList(md), "attr_list", 8)
        if self.headings and shape.toc_helpers:
            md.treeprocessors.register(HeadingIds(md, ids=self.ids), "guidegen-headings", 5)
        elif self.headings:
            # the stock toc extension, given the same slugs; only repeats are numbered its own way (`_1`)
            slugify = (lambda value, _: github_slug(value) or EMPTY) if self.ids is github_id else toc.slugify
            toc.TocExtension(toc_depth="2-3", marker="", slugify=slugify).extendMarkdown(md)
