"""Warnings about editors' Markdown that audits would only catch on pages someone looked at.

Accessibility: a skipped heading level (the page title is the h1, so a body starts at ##),
an image without alt text, a link without text. Completeness: a heading with nothing under
it, and text `guidegen new` wrote for the editor to replace, left on a published page.
Each names the file and line.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from typing import Any

import yaml

from guidegen.checks.file_checks import FileCheck
from guidegen.commands.new import scaffold
from guidegen.content.site import Document, Site
from guidegen.errors import Problem, Problems

_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$|<h([1-6])\b[^>]*>(.*?)</h\3>", re.M | re.I)
_IMAGE_NO_ALT = re.compile(
    r"!\[\s*\]\(\s*<?([^)\s>]*)|<img\b(?![^>]*\balt\s*=)[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.I
)
_LINK_NO_TEXT = re.compile(
    r"(?<!!)\[\s*(?:!\[\s*\]\([^)]*\)\s*)?\]\(\s*<?([^)\s>]*)|<a\b[^>]*\bhref\s*=\s*[\"']?([^\"'\s>]+)[^>]*>\s*</a>",
    re.I,
)
# Images and links a screen reader has no words for: (pattern, message, field, hint)
_WORDLESS = (
    (
        _IMAGE_NO_ALT,
        "image without alt text",
        "image",
        'say what it shows: ![what it shows](...); a purely decorative image takes <img alt="">',
    ),
    (
        _LINK_NO_TEXT,
        "link without text",
        "link",
        "write what the link leads to between the brackets: screen readers read it out",
    ),
)
_TAGS = re.compile(r"<[^>]+>")
# scaffold fields an editor may well keep as they are: labels, not text to replace
KEPT_FROM_SCAFFOLD = frozenset({"kicker", "badge", "callout.title", "title", "programs.title", "programs.tags"})


def content_quality_checks(site: Site) -> list[FileCheck]:
    """Each page's headings, alt and link text, and scaffold placeholders left in it, as checks of one file each.

    A page's warnings come from its file's text alone (checks/file_checks.py recalls those of a
    file whose text is unchanged since an earlier build)."""
    checks = []
    for kind, documents in (("guide", site.guides), ("career", site.careers), ("article", site.articles)):
        placeholders = functools.cache(functools.partial(_placeholders, kind))  # made only when a page is checked
        for document in documents.values():
            origin = document.origin
            check = functools.partial(_warnings, document, placeholders)
            checks.append(FileCheck(f"content quality: {kind}", origin.name, origin.text, check))
    return checks


def _warnings(document: Document[Any], placeholders: Callable[[], dict[str, str]]) -> tuple[Problem, ...]:
    found = Problems()
    _check(document, placeholders(), found)
    return tuple(found.items)


def _check(document: Document[Any], placeholders: dict[str, str], problems: Problems) -> None:
    origin = document.origin
    text = _without_code(origin.text)
    start = document.body_start

    def line(offset: int) -> int:
        return text.count("\n", 0, offset) + 1

    previous = 1  # the page title
    headings = list(_headings(text, start))
    for index, (offset, level, title) in enumerate(headings):
        if level > previous + 1:
            problems.warning(
                origin.name,
                f"heading level skipped: {'#' * level} {title} comes after {_level_name(previous)}",
                line=line(offset),
                field="heading",
                hint=f"make it {'#' * (previous + 1)}: screen readers list a page's headings by level",
            )
        previous = level
        end = headings[index + 1][0] if index + 1 < len(headings) else len(text)
        below = text[text.find("\n", offset) + 1 if "\n" in text[offset:end] else end : end]
        nested = index + 1 < len(headings) and headings[index + 1][1] > level
        if not below.strip() and not nested:
            problems.warning(
                origin.name,
                f"heading '{title}' has nothing under it",
                line=line(offset),
                field="heading",
                hint="write the section or delete the heading",
            )
    for pattern, what, field, hint in _WORDLESS:
        for match in pattern.finditer(text, start):
            message = f"{what}: {match.group(1) or match.group(2)}"
            problems.warning(origin.name, message, line=line(match.start()), field=field, hint=hint)
    if not getattr(document.meta, "draft", False):
        for path, value in _placeholder_uses(document.meta.model_dump(exclude_unset=True), placeholders):
            problems.warning(
                origin.name,
                f"placeholder text from `guidegen new` is still here: '{value}'",
                line=origin.line_of(*_parts(path)),
                field=path,
                hint="replace it with the page's own text",
            )
        body = document.body
        for sentence in placeholders.get("", "").split("\n"):
            if sentence and sentence in body:
                problems.warning(
                    origin.name,
                    f"placeholder text from `guidegen new` is still here: '{sentence}'",
                    line=line(start + body.index(sentence)),
                    hint="replace it with the page's own text",
                )


def _without_code(text: str) -> str:
    """The text with fenced code and code spans blanked (same length, same lines)."""
    for pattern in (_FENCE, _CODE_SPAN):
        text = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return text


def _headings(text: str, start: int) -> Iterator[tuple[int, int, str]]:
    for match in _HEADING.finditer(text, start):
        level = len(match.group(1)) if match.group(1) else int(match.group(3))
        title = match.group(2) if match.group(1) else _TAGS.sub("", match.group(4))
        yield match.start(), level, " ".join(title.split())


def _level_name(level: int) -> str:
    return "the page title" if level == 1 else "#" * level


def _placeholders(kind: str) -> dict[str, str]:
    """What `guidegen new` writes for the editor to replace: field path -> value, and "" -> body lines."""
    text = scaffold(kind, "Scaffold Title", dt.date(2000, 1, 1), "scaffold-career", "scaffold-salary")
    _, front, body = text.split("---\n", 2)
    found = {
        path: value
        for path, value in _leaves(yaml.safe_load(front), "")
        if isinstance(value, str) and path.split("[")[0] not in KEPT_FROM_SCAFFOLD and "scaffold" not in value.lower()
    }
    found[""] = "\n".join(line for line in body.splitlines() if line.strip() and not line.startswith("#"))
    return found


def _leaves(value: object, path: str) -> Iterator[tuple[str, object]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, f"{path}[{index}]")
    else:
        yield path, value


def _placeholder_uses(data: object, placeholders: dict[str, str]) -> Iterator[tuple[str, str]]:
    for path, value in _leaves(data, ""):
        if path and isinstance(value, str | int) and placeholders.get(path) == str(value):
            yield path, str(value)


def _parts(path: str) -> tuple[str | int, ...]:
    return tuple(int(part) if part.isdigit() else part for part in re.findall(r"[^.\[\]]+", path))
