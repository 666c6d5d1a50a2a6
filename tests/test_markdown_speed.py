"""The faster Markdown processors produce exactly what stock Python-Markdown produces."""

from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Callable, Iterator
from importlib import metadata
from typing import Any

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions import toc
from markdown.treeprocessors import InlineProcessor
from packaging.requirements import Requirement

from conftest import REPO
from guidegen.markup.converter import MarkdownRenderer, standard_extensions
from guidegen.markup.internals import internals
from guidegen.markup.speed import FastMarkdown, SpeedExtension
from guidegen.structure.urls import UrlScheme

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
    return markdown.Markdown(
        extensions=[*standard_extensions(), "toc"], extension_configs={"toc": {"toc_depth": "2-3"}}
    )


def fast() -> markdown.Markdown:
    return FastMarkdown(extensions=[*standard_extensions(), SpeedExtension()])


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


def test_the_python_markdown_in_use_is_the_one_asked_for() -> None:
    # tests/markdown_range.py runs this file at both ends of the supported range
    wanted = os.environ.get("GUIDEGEN_MARKDOWN_VERSION")
    assert markdown.__version__ == (wanted or metadata.version("markdown"))
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    declared = next(Requirement(text) for text in dependencies if Requirement(text).name == "markdown")
    assert declared.specifier.contains(markdown.__version__)


@pytest.fixture
def fresh_internals() -> Iterator[None]:
    internals.cache_clear()
    yield
    internals.cache_clear()


def _changed_shape(original: Callable[..., Any]) -> Callable[..., Any]:
    """The same behaviour behind other parameter names, as a new Python-Markdown might have it."""

    def changed(*args: Any) -> Any:
        return original(*args)

    return changed


TEXT = "## Costs\n\nA *b* [c](/d/) `e`\n\n## Costs {: .x }\n\n### Notes\n"


@pytest.mark.usefixtures("fresh_internals")
def test_a_changed_inline_loop_falls_back_to_the_stock_inline_processor(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    stock_loop = InlineProcessor._InlineProcessor__handleInline  # type: ignore[attr-defined]
    monkeypatch.setattr(InlineProcessor, "_InlineProcessor__handleInline", _changed_shape(stock_loop))
    with caplog.at_level(logging.DEBUG, logger="guidegen.markup.internals"):
        md = fast()
    assert type(md.treeprocessors["inline"]) is InlineProcessor
    assert type(md.treeprocessors["attr_list"]).__name__ == "FastAttrList"  # the other speed-ups stay
    assert caplog.messages == [
        "Python-Markdown's inline loop changed shape (_InlineProcessor__handleInline): the stock inline processor runs"
    ]
    assert convert(md, TEXT) == convert(stock(), TEXT)


@pytest.mark.usefixtures("fresh_internals")
def test_a_changed_toc_helper_falls_back_to_the_stock_toc_extension(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    text = TEXT + "\n[TOC]\n"  # guidegen writes no contents block, so the marker stays text
    expected = convert(fast(), text)
    internals.cache_clear()
    monkeypatch.setattr(toc, "remove_fnrefs", _changed_shape(toc.remove_fnrefs))
    with caplog.at_level(logging.DEBUG, logger="guidegen.markup.internals"):
        md = fast()
    assert "toc" in md.treeprocessors
    assert "guidegen-headings" not in md.treeprocessors
    assert type(md.treeprocessors["inline"]).__name__ == "FastInlineProcessor"
    assert caplog.messages == [
        "Python-Markdown's toc helpers changed shape (remove_fnrefs): the stock toc extension runs"
    ]
    html, tokens = convert(md, text)
    assert (html, tokens) == expected
    assert [token["id"] for token in tokens] == ["costs", "costs_1"]


@pytest.mark.usefixtures("fresh_internals")
def test_unique_ids_are_made_with_or_without_the_counters_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "## A\n\n## A\n\n## A_1\n\n## A\n\n## A_1\n"
    expected = convert(stock(), text)
    stock_unique = toc.unique
    monkeypatch.setattr(toc, "unique", lambda id, ids: stock_unique(id, ids))  # the 3.6 to 3.11.2 signature
    assert not internals().unique_counters
    assert convert(fast(), text) == expected


def test_the_converters_extensions_are_python_markdowns_own_and_found_without_entry_points(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_entry_points() -> Any:
        raise AssertionError("the installed packages' entry points were read")

    monkeypatch.setattr(markdown.util, "get_installed_extensions", no_entry_points)
    renderer = MarkdownRenderer(UrlScheme("https://example.test/"))
    html = renderer.document("| a |\n|---|\n| 1 |\n\n```\ncode\n```\n\n1. one\n\n* two\n\n## Title {: #kept }\n").html
    assert "<table" in html
    assert "<pre><code>code" in html
    assert "<ol>\n<li>one</li>\n</ol>\n<ul>\n<li>two</li>\n</ul>" in html  # sane_lists: two lists, not one
    assert 'id="kept"' in html
    assert all(type(extension).__module__.startswith("markdown.extensions.") for extension in standard_extensions())
