"""The faster Markdown processors produce exactly what stock Python-Markdown produces."""

from __future__ import annotations

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from guidegen.markup.converter import EXTENSIONS
from guidegen.markup.speed import FastMarkdown, SpeedExtension

PIECES = [
    "word",
    "Word",
    " ",
    "  \n",
    "\n",
    "\n\n",
    "*",
    "**",
    "_",
    "__",
    "`",
    "``",
    "\\",
    "[",
    "]",
    "(",
    ")",
    "![",
    "<",
    ">",
    "&",
    "&amp;",
    "&#42;",
    "<b>",
    "</b>",
    "<https://example.org/>",
    "<a@b.example>",
    "## ",
    "### ",
    "# ",
    "- ",
    "1. ",
    "> ",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "```\ncode\n```\n",
    "{: #custom }",
    "[x](/y/)",
    "[ref]",
    "[ref]: /target/\n",
    "é",
    "Ünïcode",
    "—",
    "--",
    "...",
]


def stock() -> markdown.Markdown:
    return markdown.Markdown(extensions=[*EXTENSIONS, "toc"], extension_configs={"toc": {"toc_depth": "2-3"}})


def fast() -> markdown.Markdown:
    return FastMarkdown(extensions=[*EXTENSIONS, SpeedExtension()])


def convert(md: markdown.Markdown, text: str) -> tuple[str, object]:
    md.reset()
    return md.convert(text), getattr(md, "toc_tokens", [])


def corpus() -> list[str]:
    texts = []
    for path in sorted((REPO / "content").rglob("*.md")):
        texts.append(path.read_text(encoding="utf-8").split("---\n", 2)[2])
    texts.append((REPO / "README.md").read_text(encoding="utf-8"))
    texts.extend(p.read_text(encoding="utf-8") for p in sorted((REPO / "docs").glob("*.md")))
    return texts


def test_shipped_markdown_converts_identically() -> None:
    reference, ours = stock(), fast()
    texts = corpus()
    assert len(texts) >= 6
    for text in texts:
        assert convert(ours, text) == convert(reference, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_any_mix_of_markdown_syntax_converts_identically(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert convert(fast(), text) == convert(stock(), text)


def test_repeated_headings_get_the_same_unique_ids() -> None:
    text = "## Costs\n\nA\n\n## Costs\n\n### Costs {: #mine }\n\n## Mine\n\n## Résumé & *notes*\n"
    html, tokens = convert(fast(), text)
    assert (html, tokens) == convert(stock(), text)
    assert 'id="costs_1"' in html


def test_the_fast_processors_are_the_ones_in_use() -> None:
    md = fast()
    assert type(md.treeprocessors["inline"]).__name__ == "FastInlineProcessor"
    assert type(md.treeprocessors["attr_list"]).__name__ == "FastAttrList"
    assert "toc" not in md.treeprocessors
