"""What the search index holds: one record per guide, career, article and program, from the page objects.

A record is made from the same objects its page shows (the front matter, the Markdown body,
the program's fields), not from the rendered HTML, so every build indexes every page
whether or not it rendered it again, and nothing is read back from the output folder. The
navigation, footer and lists of other pages are not in any record: only what the page is about.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

from guidegen.content.models import Program
from guidegen.search.pagefind_cli import Record
from guidegen.structure.contexts import ArticlePage, CareerPage, GuidePage, Page, ProgramPage
from guidegen.structure.planning import plain_text

# The kinds a visitor can filter by, in the order the search page offers them.
KINDS = ("Guide", "Career", "Article", "Program")
SEARCHABLE = (GuidePage, CareerPage, ArticlePage, ProgramPage)


def record_languages(pages: Iterable[Page], language: str) -> tuple[str, ...]:
    """The languages of the searchable pages (a page's own, else the site's `language`), in tag order."""
    return tuple(sorted({page.language or language for page in pages if isinstance(page, SEARCHABLE)}))


def records_source(pages: Iterable[Page], language: str, content: Callable[[Page], bytes]) -> bytes:
    """A digest of all that the records are made from: the site's language and, in order, each searchable
    page's content digest (content: incremental.keys.PageKeys.shown, which covers the page's fields and
    the sources of the guide, career, article or program it holds). Equal digests, equal records, for
    one version of guidegen (the build cache is another version's once the code changes)."""
    hasher = hashlib.blake2b(language.encode("utf-8") + b"\0", digest_size=16)
    for page in pages:
        if isinstance(page, SEARCHABLE):
            hasher.update(content(page))
    return hasher.digest()


class KnownWords(Protocol):
    """Where the words of bodies read by earlier builds are kept (incremental/words.py)."""

    def words(self, body: str, read_words: Callable[[str], str]) -> str: ...


def search_records(pages: Iterable[Page], language: str, known: KnownWords | None = None) -> Iterator[Record]:
    """The record of every searchable page, by site path (the search page adds the base URL's path).

    Every record goes into one index, in the site's language (`language`), so that a search finds
    pages in every language; each page's own language (its front matter's, else the site's) is a
    filter. Pagefind would otherwise split the index by language and search only the visitor's.
    known (the build cache) gives back the words of a body an earlier build read.
    """
    body_text = functools.partial(_body_text, known=known)
    for page in pages:
        made = _record_parts(page, body_text)
        if made is None:
            continue
        kind, text = made
        yield Record(
            url=page.path,
            content=text,
            language=language,
            meta={"title": page.title, "kind": kind},
            filters={"kind": [kind], "language": [page.language or language]},
            sort={},
        )


def _body_text(body: str, known: KnownWords | None) -> str:
    return markdown_text(body) if known is None else known.words(body, markdown_text)


def _record_parts(page: Page, body_text: Callable[[str], str]) -> tuple[str, str] | None:
    if isinstance(page, GuidePage):
        meta = page.guide.meta
        stats = [f"{stat.label}: {stat.value}." for stat in meta.stats]
        callout = [meta.callout.title + ".", body_text(meta.callout.body)] if meta.callout else []
        parts = [meta.title + ".", meta.summary or "", plain_text(meta.tldr), *stats, *callout]
        return "Guide", _joined(*parts, body_text(page.guide.body))
    if isinstance(page, CareerPage):
        meta_c = page.career.meta
        return "Career", _joined(meta_c.title + ".", meta_c.summary, body_text(page.career.body))
    if isinstance(page, ArticlePage):
        meta_a = page.article.meta
        return "Article", _joined(meta_a.title + ".", meta_a.summary, body_text(page.article.body))
    if isinstance(page, ProgramPage):
        return "Program", program_text(page.program)
    return None


def program_text(program: Program) -> str:
    """A program as a sentence or two that reads well as a result's excerpt."""
    where = ", ".join(
        part for part in (program.location.city, program.location.region, program.location.country) if part
    )
    school = f" ({program.school})" if program.school else ""
    lines = [
        f"{program.name} at {program.institution}{school}.",
        f"{program.type}, {program.format}, in {where}." if where else f"{program.type}, {program.format}.",
    ]
    if program.description:
        lines.append(program.description)
    if program.tags:
        lines.append("Topics: " + ", ".join(tag.replace("-", " ") for tag in program.tags) + ".")
    return " ".join(lines)


_FENCE = re.compile(r"^[ \t]*(```|~~~).*$", re.M)
_HTML_TAG = re.compile(r"<[^>\n]+>")
_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M)
_ATTRIBUTES = re.compile(r"[ \t]*\{[:#.][^}\n]*\}[ \t]*$", re.M)  # attr_list: ## Heading {#id}
_LIST_MARK = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
_QUOTE = re.compile(r"^[ \t]*>[ \t]?", re.M)
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$", re.M)
_TABLE_BAR = re.compile(r"\s*\|\s*")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REFERENCE = re.compile(r"\[([^\]]*)\]\[[^\]]*\]")
# the lookahead names the characters a match starts with, which lets the engine skip to them: 2.3x faster
_EMPHASIS = re.compile(r"(?=[*_`~])(\*{1,3}|_{1,3}|`+|~~)(?=\S)(.+?)(?<=\S)\1")


def markdown_text(markdown_source: str) -> str:
    """The words of a Markdown body without its syntax: headings, lists, tables and links as plain text.

    Each heading, list item, paragraph and table row ends in a full stop where it had none, so that a
    result's excerpt does not run a heading into the sentence after it.
    """
    # a pattern is tried only on a text holding a character each of its matches has: a multi-line
    # pattern that starts at any line's start otherwise costs as much on a text it leaves alone
    text = _FENCE.sub("", markdown_source) if "```" in markdown_source or "~~~" in markdown_source else markdown_source
    text = _HTML_TAG.sub(" ", text)
    text = _ATTRIBUTES.sub("", text) if "{" in text else text
    text = _HEADING.sub(lambda match: _sentence(match.group(1)), text) if "#" in text else text
    text = _TABLE_RULE.sub("", text) if "---" in text else text
    text = _QUOTE.sub("", text) if ">" in text else text
    text = _IMAGE.sub(r"\1", text)
    text = _REFERENCE.sub(r"\1", _LINK.sub(r"\1", text))
    text = _EMPHASIS.sub(r"\2", text)
    lines = []
    for line in text.splitlines():
        if _LIST_MARK.match(line):
            line = _sentence(_LIST_MARK.sub("", line))
        line = line.strip()
        if line.startswith("|") or line.endswith("|"):
            line = _sentence(_TABLE_BAR.sub(", ", line.strip("| ")))
        lines.append(line)
    paragraphs = (" ".join(block.split()) for block in "\n".join(lines).split("\n\n"))
    return " ".join(_sentence(paragraph) for paragraph in paragraphs if paragraph)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?:;," else text + "."


def _joined(*parts: str) -> str:
    return " ".join(part for part in parts if part)
