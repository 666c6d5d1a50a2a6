"""Site search in a real Chromium, served with the policies docs/hosting.md documents (no violation allowed)."""

from __future__ import annotations

import http.server
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import SiteFixture, built_headers, built_path_headers, serve_folder
from tool_pages import axe_violations

pytestmark = pytest.mark.browser
WAIT = 20_000  # ms: the first search loads Pagefind's WebAssembly, which takes a while on a busy machine

QUOKKA_ARTICLE = """\
---
title: {title}
date: 2026-10-0{day}
summary: {summary}
tags: [careers]
---

## What we saw

{body}
"""

FILES = {
    "content/articles/offer-talks.md": QUOKKA_ARTICLE.format(
        title="Negotiating an Offer",
        day=2,
        summary="What to ask for once an offer arrives.",
        body="Write down the zanzibarite figure you would accept, and the quokka you would not.",
    ),
    "content/articles/field-notes.md": QUOKKA_ARTICLE.format(
        title="Field Notes from a Data Team",
        day=3,
        summary="A week with a data team.",
        body="The team named its quokka pipeline after the animal on the office wall.",
    ),
    # one word in two languages: found in both unless the visitor picks a language
    "content/articles/numbat-count.md": QUOKKA_ARTICLE.format(
        title="Counting the Numbat",
        day=4,
        summary="A survey on the reserve.",
        body="We counted every numbat on the reserve before the data team arrived.",
    ),
    "content/articles/numbat-zaehlung.md": QUOKKA_ARTICLE.format(
        title="Numbat-Zählung",
        day=5,
        summary="Eine Zählung im Reservat.",
        body="Wir haben jeden Numbat im Reservat gezählt, bevor das Datenteam kam.",
    ).replace("tags: [careers]", "tags: [careers]\nlanguage: de"),
}
QUOKKA_PROGRAM = """\
- id: delta-quokka-cert
  institution: Delta Polytechnic
  name: Applied Data Certificate
  type: Certificate
  format: Online
  location: {city: Perth, country: Australia}
  tags: [data-engineering]
  description: A short certificate whose capstone studies quokka population data.
"""


def _serve(out: Path, folder: Path | None = None) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve folder (the built site out, by default) with the headers out's _headers gives each path, as Netlify
    sends them: the search paths' rule replaces the site-wide policy there."""
    return serve_folder(folder or out, built_headers(out), path_headers=built_path_headers(out))


def _make_site(root: Path) -> SiteFixture:
    site = SiteFixture(root, search=True)
    for name, text in FILES.items():
        site.write(name, text)
    site.write("content/programs/catalog.yaml", site.read("content/programs/catalog.yaml") + QUOKKA_PROGRAM)
    return site


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = _make_site(tmp_path_factory.mktemp("search-browser") / "site")
    site.build(strict=True)
    server, url = _serve(site.out)
    yield url
    server.shutdown()
    server.server_close()


def open_search(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-search][data-ready]", timeout=WAIT)  # the index is loaded


def results(page: Page) -> list[str]:
    return page.locator(".search-result__title a").all_inner_texts()


def chips(page: Page) -> list[str]:
    return page.locator("[data-kinds] .search-kind span").all_inner_texts()


def test_a_word_in_exactly_one_article_finds_it_first(page: Page, base: str, errors: list[str]) -> None:
    page.goto(base + "/search/?q=zanzibarite")
    expect(page.locator("#search-status")).to_have_text("1 result for “zanzibarite”", timeout=WAIT)
    assert results(page) == ["Negotiating an Offer"]
    first = page.locator(".search-result").first
    expect(first.locator(".search-result__kind")).to_have_text("Article")
    expect(first.locator("mark")).to_have_text("zanzibarite")
    expect(first.locator("a")).to_have_attribute("href", "/articles/offer-talks/")


def test_an_institution_name_finds_its_program(page: Page, base: str, errors: list[str]) -> None:
    open_search(page, base + "/search/")
    page.get_by_label("Search guides, careers, articles and programs").fill("Gamma Business School")
    expect(page.locator("#search-status")).to_contain_text("for “Gamma Business School”", timeout=WAIT)
    assert results(page)[0] == "Full-Time MBA, Gamma Business School"
    first = page.locator(".search-result").first
    expect(first.locator(".search-result__kind")).to_have_text("Program")
    expect(first.locator(".search-result__excerpt")).to_contain_text("in London, United Kingdom")
    first.locator("a").click()
    expect(page.locator("h1")).to_contain_text("Full-Time MBA")


def test_kind_filters_show_counts_and_keep_the_state_in_the_url(page: Page, base: str, errors: list[str]) -> None:
    open_search(page, base + "/search/")
    page.get_by_label("Search guides, careers, articles and programs").fill("quokka")
    expect(page.locator("#search-status")).to_have_text("3 results for “quokka”", timeout=WAIT)
    expect(page).to_have_url(base + "/search/?q=quokka")
    assert chips(page) == ["All (3)", "Guides (0)", "Careers (0)", "Articles (2)", "Programs (1)"]
    page.get_by_text("Articles (2)").click()
    expect(page.locator("#search-status")).to_have_text("2 results for “quokka” among articles", timeout=WAIT)
    expect(page).to_have_url(base + "/search/?q=quokka&kind=Article")
    assert sorted(results(page)) == ["Field Notes from a Data Team", "Negotiating an Offer"]
    assert chips(page) == ["All (3)", "Guides (0)", "Careers (0)", "Articles (2)", "Programs (1)"]
    page.reload()  # the URL alone brings the same search back
    expect(page.get_by_label("Search guides, careers, articles and programs")).to_have_value("quokka")
    expect(page.get_by_role("radio", name="Articles (2)")).to_be_checked()
    expect(page.locator("#search-status")).to_have_text("2 results for “quokka” among articles", timeout=WAIT)
    page.goto(base + "/search/?q=quokka&kind=Program")
    expect(page.locator("#search-status")).to_have_text("1 result for “quokka” among programs", timeout=WAIT)
    assert results(page) == ["Applied Data Certificate, Delta Polytechnic"]


def test_language_filters_show_counts_and_find_every_language_until_one_is_chosen(
    page: Page, base: str, errors: list[str]
) -> None:
    page.goto(base + "/search/?q=numbat")
    expect(page.locator("#search-status")).to_have_text("2 results for “numbat”", timeout=WAIT)
    assert sorted(results(page)) == ["Counting the Numbat", "Numbat-Zählung"]
    languages = page.locator("[data-languages] .search-kind span")
    expect(languages).to_have_text(["All (2)", "German (1)", "English (1)"])
    page.get_by_text("German (1)").click()
    expect(page.locator("#search-status")).to_have_text("1 result for “numbat” in German", timeout=WAIT)
    expect(page).to_have_url(base + "/search/?q=numbat&language=de")
    assert results(page) == ["Numbat-Zählung"]
    expect(languages).to_have_text(["All (2)", "German (1)", "English (1)"])  # among every language still
    assert chips(page) == ["All (1)", "Guides (0)", "Careers (0)", "Articles (1)", "Programs (0)"]  # in German
    page.goto(base + "/search/?q=numbat&kind=Article&language=en")
    expect(page.locator("#search-status")).to_have_text("1 result for “numbat” among articles in English", timeout=WAIT)
    assert results(page) == ["Counting the Numbat"]


def test_the_header_box_is_a_plain_form_that_works_without_javascript(browser: Browser, base: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "/guides/data-engineering/")
    page.get_by_label("Search the site").fill("quokka")
    page.get_by_label("Search the site").press("Enter")
    expect(page).to_have_url(base + "/search/?q=quokka")
    expect(page.locator(".search-note")).to_contain_text("Search needs JavaScript")
    page.locator(".search-note").get_by_role("link", name="program catalog").click()
    expect(page).to_have_url(base + "/programs/")
    context.close()


def test_keyboard_only_from_any_page_to_a_result(page: Page, base: str, errors: list[str]) -> None:
    page.goto(base + "/")
    for _ in range(30):  # tab through the header until the search box has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "site-search-q":
            break
    else:
        pytest.fail("the header's search box cannot be reached with Tab")
    page.keyboard.type("quokka")
    page.keyboard.press("Enter")
    expect(page.locator("#search-status")).to_have_text("3 results for “quokka”", timeout=WAIT)
    focus = page.get_by_label("Search guides, careers, articles and programs")
    focus.focus()
    page.keyboard.press("Tab")  # the Search button
    page.keyboard.press("Tab")  # the chosen kind: All
    assert page.evaluate("document.activeElement.value") == ""
    page.keyboard.press("ArrowRight")  # Guides (0) and Careers (0) are disabled: the arrow goes on to Articles
    expect(page.get_by_role("radio", name="Articles (2)")).to_be_checked()
    expect(page.locator("#search-status")).to_have_text("2 results for “quokka” among articles", timeout=WAIT)
    page.keyboard.press("Tab")  # the chosen language: All
    assert page.evaluate("[document.activeElement.name, document.activeElement.value]") == ["language", ""]
    page.keyboard.press("Tab")
    href = page.evaluate("document.activeElement.closest('.search-result') && document.activeElement.href")
    assert href in (f"{base}/articles/field-notes/", f"{base}/articles/offer-talks/")
    page.keyboard.press("Enter")
    expect(page).to_have_url(href)


def test_the_search_page_and_the_header_box_pass_axe(page: Page, base: str, errors: list[str]) -> None:
    page.goto(base + "/search/?q=quokka")
    expect(page.locator("#search-status")).to_have_text("3 results for “quokka”", timeout=WAIT)
    assert axe_violations(page) == ""
    page.goto(base + "/search/")
    expect(page.locator("#search-status")).to_contain_text("Type a word or two", timeout=WAIT)
    assert axe_violations(page) == ""
    page.goto(base + "/")
    assert axe_violations(page) == ""


def test_search_works_under_a_base_url_sub_path(page: Page, errors: list[str], tmp_path: Path) -> None:
    site = _make_site(tmp_path / "site")
    site.write("content/site.yaml", site.read("content/site.yaml").replace("example.test/", "example.test/sub/"))
    site.build()
    host = tmp_path / "host"
    host.mkdir()
    (host / "sub").symlink_to(site.out)
    assert sorted(built_path_headers(site.out)) == ["/sub/pagefind/", "/sub/search/"]
    server, url = _serve(site.out, host)
    try:
        page.goto(url + "/sub/programs/")
        page.get_by_label("Search the site").fill("zanzibarite")
        page.get_by_label("Search the site").press("Enter")
        expect(page).to_have_url(url + "/sub/search/?q=zanzibarite")
        expect(page.locator("#search-status")).to_have_text("1 result for “zanzibarite”", timeout=WAIT)
        link = page.locator(".search-result__title a").first
        expect(link).to_have_attribute("href", "/sub/articles/offer-talks/")
        link.click()
        expect(page.locator("h1")).to_have_text("Negotiating an Offer")
    finally:
        server.shutdown()
        server.server_close()
