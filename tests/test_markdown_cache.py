"""Converted Markdown is kept in the build cache: a template or site.yaml edit renders pages again
without converting their Markdown again; a text or base URL change converts what it changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SiteFixture
from guidegen.commands.build import build
from guidegen.content.site import Project
from guidegen.incremental import parallel
from guidegen.markup.converter import MarkdownRenderer, Rendered

ARTICLE = "content/articles/choosing-a-data-program.md"


@pytest.fixture
def conversions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The Markdown texts converted (documents and fragments), in one process so they can be counted."""
    monkeypatch.setattr(parallel, "_usable_cores", lambda: 1)
    seen: list[str] = []
    document, fragment = MarkdownRenderer._convert_document, MarkdownRenderer._convert_fragment

    def count_document(self: MarkdownRenderer, text: str) -> Rendered:
        seen.append(text)
        return document(self, text)

    def count_fragment(self: MarkdownRenderer, text: str, *, inline: bool) -> Rendered:
        seen.append(text)
        return fragment(self, text, inline=inline)

    monkeypatch.setattr(MarkdownRenderer, "_convert_document", count_document)
    monkeypatch.setattr(MarkdownRenderer, "_convert_fragment", count_fragment)
    return seen


def test_a_template_edit_renders_every_page_and_converts_no_markdown(site: SiteFixture, conversions: list[str]) -> None:
    site.build()
    assert conversions  # the cold build converted every body and field
    conversions.clear()
    site.write("templates/base.html", site.read("templates/base.html").replace("<main", "<main data-v=2", 1))
    report = site.build()
    assert report.rendered == len(list(site.out.rglob("*.html")))  # every HTML page, none converted again
    assert conversions == []
    assert site.html("/articles/choosing-a-data-program/").select_one("main[data-v]") is not None


def test_an_article_edit_converts_that_article_only(site: SiteFixture, conversions: list[str]) -> None:
    site.build()
    conversions.clear()
    site.write(ARTICLE, site.read(ARTICLE) + "\nOne more paragraph.\n")
    site.build()
    assert len(conversions) == 1
    assert conversions[0].endswith("One more paragraph.\n")


def test_another_base_url_converts_again_and_links_follow_it(
    site: SiteFixture, conversions: list[str], tmp_path: Path
) -> None:
    site.build()
    conversions.clear()
    build(Project(root=site.root, out=tmp_path / "sub", base_url="https://example.org/sub/"))
    assert conversions  # site links in Markdown carry the base URL's path
    links = [a["href"] for a in site_html(tmp_path / "sub", "articles/choosing-a-data-program/").select("main a")]
    assert any(str(href).startswith("/sub/") for href in links)


def site_html(out: Path, page: str):  # type: ignore[no-untyped-def]
    from bs4 import BeautifulSoup

    return BeautifulSoup((out / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_pages_that_share_a_text_share_its_conversion(site: SiteFixture, conversions: list[str]) -> None:
    body = "Two pages, one text: [the catalog](/programs/).\n"
    for number in (1, 2):
        site.write(
            f"content/articles/twin-{number}.md",
            f"---\ntitle: Twin {number}\ndate: 2026-05-0{number}\nsummary: Twin number {number}.\n---\n\n{body}",
        )
    site.build()
    assert sum(text.endswith(body) for text in conversions) == 1  # the second page is handed the first one's
    conversions.clear()
    site.write("templates/base.html", site.read("templates/base.html").replace("<main", "<main data-v=3", 1))
    site.build()
    assert conversions == []  # both pages kept it
    for number in (1, 2):
        link = site.html(f"/articles/twin-{number}/").select_one("main a[href='/programs/']")
        assert link is not None
