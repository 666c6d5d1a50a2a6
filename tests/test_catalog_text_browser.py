"""The catalog while its index's second part (program ids and names) is still on its way, in Chromium.

The filters start from /data/programs.json alone; /data/programs-text.json is held back with
page.route. Expected results come from tests/catalog_reference.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, Route, expect

from catalog_reference import Query, catalog_order, catalog_programs, in_listing, programs_yaml, results
from conftest import SiteFixture, serve_folder
from test_catalog_browser import CSP, LISTING_TAGS, check_against_reference, open_catalog, shown_ids, status, summary

pytestmark = pytest.mark.browser

PROGRAMS = catalog_programs()
TEXT = "**/data/programs-text.json"
WAITING = "Loading the program names to search…"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = SiteFixture(tmp_path_factory.mktemp("catalog-text") / "site")
    site.write("content/programs/catalog.yaml", programs_yaml())
    site.build()
    server, url = serve_folder(site.out, {"Content-Security-Policy": CSP}, compress=True)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def errors(page: Page) -> Iterator[list[str]]:
    seen: list[str] = []
    page.on("console", lambda message: seen.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: seen.append(str(error)))
    yield seen
    assert seen == []


def hold_text(page: Page) -> list[Route]:
    held: list[Route] = []
    page.route(TEXT, lambda route: held.append(route))
    return held


def cards(page: Page) -> list[dict[str, Any]]:
    """What each card shows: the institution's own text, the name, its link, whether compare is offered."""
    return list(
        page.eval_on_selector_all(
            ".catalog__grid .program-card",
            """cards => cards.map(card => {
                const name = card.querySelector(".program-card__name a");
                return {
                    institution: card.querySelector(".program-card__institution").firstChild.data,
                    name: name.textContent, href: name.getAttribute("href"),
                    compare: !card.querySelector(".compare-toggle").hidden,
                };
            })""",
        )
    )


def test_filters_work_before_the_names_and_a_search_typed_meanwhile_applies_when_they_arrive(
    base: str, page: Page, errors: list[str]
) -> None:
    held = hold_text(page)
    open_catalog(page, base + "/programs/")
    page.wait_for_function("document.readyState === 'complete'")
    assert len(held) == 1  # asked for, not answered
    # the server's cards are taken over as they are, names and links included
    assert shown_ids(page) == [p["id"] for p in catalog_order(PROGRAMS)[:50]]

    page.get_by_role("checkbox", name="PhD").check()
    phd = Query(chosen={"type": ["PhD"]})
    expected = results(PROGRAMS, phd)
    expect(page.locator("#catalog-status")).to_have_text(summary(len(expected)))
    shown = cards(page)
    assert [card["institution"] for card in shown] == [p["institution"] for p in expected[:50]]
    assert {(card["name"], card["href"], card["compare"]) for card in shown} == {("Loading the name…", None, False)}
    check_counts = Query(chosen={"type": ["PhD"], "format": ["Online"]})
    page.get_by_role("checkbox", name="Online").check()  # the counts follow too
    expect(page.locator("#catalog-status")).to_have_text(summary(len(results(PROGRAMS, check_counts))))
    page.get_by_role("checkbox", name="Online").uncheck()

    search = page.locator("#catalog-q")
    search.press_sequentially("analytics 0")
    expect(page.locator("#catalog-status")).to_have_text(WAITING)
    expect(page.locator(".catalog__grid")).to_have_attribute("aria-busy", "true")
    page.wait_for_timeout(500)  # past the pause after typing: nothing is lost meanwhile
    expect(search).to_have_value("analytics 0")
    expect(page.locator("#catalog-status")).to_have_text(WAITING)
    result = Axe().run(page)  # the cards waiting for their names, too
    assert result.violations_count == 0, result.generate_report()

    held[0].continue_()
    query = Query(q="analytics 0", chosen={"type": ["PhD"]})
    wanted = results(PROGRAMS, query)
    assert 0 < len(wanted) < len(expected)
    check_against_reference(page, query)
    assert [card["name"] for card in cards(page)] == [p["name"] for p in wanted]
    expect(page.locator(".catalog__grid")).not_to_have_attribute("aria-busy", "true")
    expect(page).to_have_url(base + "/programs/?q=analytics+0&type=PhD")


def test_a_shared_search_link_waits_for_the_names_then_shows_its_results(
    base: str, page: Page, errors: list[str]
) -> None:
    held = hold_text(page)
    open_catalog(page, base + "/programs/?q=robotics&format=Hybrid")
    expect(page.locator("#catalog-status")).to_have_text(WAITING)
    expect(page.get_by_role("checkbox", name="Hybrid")).to_be_checked()
    expect(page.locator("#catalog-q")).to_have_value("robotics")
    held[0].continue_()
    check_against_reference(page, Query(q="robotics", chosen={"format": ["Hybrid"]}))


def test_a_guide_listing_filters_its_own_programs_before_the_names_arrive(
    base: str, page: Page, errors: list[str]
) -> None:
    members = [p for p in PROGRAMS if in_listing(p, LISTING_TAGS)]
    held = hold_text(page)
    open_catalog(page, base + "/guides/data-engineering/")
    page.get_by_role("checkbox", name="Hybrid").check()
    hybrid = Query(chosen={"format": ["Hybrid"]})
    expect(page.locator("#catalog-status")).to_have_text(summary(len(results(members, hybrid))))
    held[0].continue_()
    page.wait_for_selector(".catalog--text")
    check_against_reference(page, hybrid, members)


def test_a_names_file_of_another_build_is_fetched_again_and_never_shown(base: str, page: Page) -> None:
    requests: list[str] = []

    def stale(route: Route) -> None:
        requests.append(route.request.url)
        if len(requests) > 1:
            route.continue_()
            return
        real = route.fetch().json()
        real["key"] = "0000000000000000"  # as an older build's file, cached, would read
        real["columns"]["name"] = [f"Old {name}" for name in real["columns"]["name"]]
        route.fulfill(status=200, content_type="application/json", body=json.dumps(real))

    page.route(TEXT, stale)
    open_catalog(page, base + "/programs/?type=PhD")
    page.wait_for_selector(".catalog--text")
    check_against_reference(page, Query(chosen={"type": ["PhD"]}))
    assert len(requests) == 2
    assert [card["name"] for card in cards(page)] == [
        p["name"] for p in results(PROGRAMS, Query(chosen={"type": ["PhD"]}))
    ]


def test_without_the_names_the_filters_still_work_and_search_says_it_is_unavailable(base: str, page: Page) -> None:
    warnings: list[str] = []
    page.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)
    page.route(TEXT, lambda route: route.fulfill(status=503, body="unavailable"))
    open_catalog(page, base + "/programs/?format=Online")
    online = Query(chosen={"format": ["Online"]})
    expect(page.locator("#catalog-status")).to_have_text(summary(len(results(PROGRAMS, online))))
    expect(page.locator(".catalog__grid .program-card__name a").first).to_have_text("Name not available")
    page.locator("#catalog-q").press_sequentially("data")
    expect(page.locator("#catalog-status")).to_have_text(
        "The program names could not be loaded: search is not available"
    )
    assert status(page) != WAITING
    assert [warning.splitlines()[0] for warning in warnings] == ["Error: could not load the program index (503)"]
