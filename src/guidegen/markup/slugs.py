"""Heading ids: the ones GitHub, Hugo, Jekyll and Astro give, in every script; or Python-Markdown's.

Editors bring in-page links written against other tools (`#qué-significa-contribuir`,
`#名前の衝突を避ける`, `#एक-रीडमी-लिखना`), so a heading's id follows the rule those tools
share (github-slugger's): decode entities, lowercase, keep letters, combining marks,
digits, '-', '_' and spaces, and turn each space into one hyphen without collapsing runs
("A & B" gives `a--b`). A repeated id gets `-1`, `-2`, ...

Python-Markdown's own `slugify_unicode` is not that rule: its `\\w` drops combining marks
(Devanagari, Tamil and Bengali vowel signs) and it collapses hyphens. Sites coming from
MkDocs, whose links use Python-Markdown's ids, choose `heading_ids: python-markdown`.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Callable, MutableSet
from typing import Literal

from markdown.extensions.toc import slugify, unique

HeadingIdStyle = Literal["github", "python-markdown"]
# gives a heading (its plain text) an id not yet in the set of ids used on the page, and adds it there
IdMaker = Callable[[str, MutableSet[str]], str]

EMPTY = "section"  # the id of a heading with nothing an id can keep (only punctuation or emoji)
_KEPT_PUNCTUATION = frozenset("-_ ")


def github_slug(text: str) -> str:
    """A heading's id before de-duplication, as GitHub, Hugo (goldmark), Jekyll (kramdown) and Astro make it."""
    lowered = html.unescape(text).lower()
    kept = "".join(char for char in lowered if char in _KEPT_PUNCTUATION or _is_kept(char))
    return kept.replace(" ", "-")


def _is_kept(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LM" or category == "Nd"


def github_id(text: str, used: MutableSet[str]) -> str:
    base = github_slug(text) or EMPTY
    candidate, count = base, 0
    while candidate in used:
        count += 1
        candidate = f"{base}-{count}"
    used.add(candidate)
    return candidate


def python_markdown_id(text: str, used: MutableSet[str]) -> str:
    """The toc extension's id: ASCII-only slug, hyphens collapsed, repeats as `_1`, `_2`."""
    candidate: str = unique(slugify(html.unescape(text), "-"), used)
    used.add(candidate)
    return candidate


ID_MAKERS: dict[str, IdMaker] = {"github": github_id, "python-markdown": python_markdown_id}
