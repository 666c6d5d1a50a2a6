"""Compare and shortlist in a real Chromium, under the site's Content-Security-Policy."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from catalog_reference import catalog_order, catalog_programs, programs_yaml
from conftest import SiteFixture, serve_folder

pytestmark = pytest.mark.browser

CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'"
FIRST_FIVE = catalog_order(catalog_programs())[:5]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = SiteFixture(tmp_path_factory.mktemp("compare") / "site")
    site.write("content/programs/catalog.yaml", programs_yaml())
    site.build()
    server, url = serve_folder(site.out, {"Content-Security-Policy": CSP})
    yield url
    server.shutdown()
    server.server_close()


def card_button(page: Page, program_id: str):  # type: ignore[no-untyped-def]
    card = page.locator(".catalog__grid .program-card").filter(has=page.locator(f'a[href$="/{program_id}/"]'))
    return card.locator("button[data-compare]")


def compared_ids(page: Page) -> list[str]:
    return list(
        page.eval_on_selector_all(".compare__table thead th a", "links => links.map(a => a.pathname.split('/').at(-2))")
    )


def test_add_five_the_fifth_is_refused_then_compare_remove_and_share(base: str, page: Page, errors: list[str]) -> None:
    page.goto(base + "/programs/")
    page.wait_for_selector(".catalog--ready")
    expect(page.locator("[data-compare-link]")).to_be_hidden()  # nothing to compare yet
    status = page.locator("[data-compare-status]")
    for number, program in enumerate(FIRST_FIVE[:4], start=1):
        button = card_button(page, program["id"])
        button.click()
        expect(button).to_have_attribute("aria-pressed", "true")
        expect(status).to_have_text(
            f"Added {program['name']}, {program['institution']} to the comparison. {number} of 4 selected."
        )
    fifth = FIRST_FIVE[4]
    card_button(page, fifth["id"]).click()
    expect(status).to_have_text(
        f"You can compare up to 4 programs. Remove one before adding {fifth['name']}, {fifth['institution']}."
    )
    expect(card_button(page, fifth["id"])).to_have_attribute("aria-pressed", "false")
    expect(page.locator("[data-compare-link]")).to_have_text("Compare 4 of 4 selected")

    page.locator("[data-compare-link]").click()
    page.wait_for_selector(".compare__table")
    wanted = [program["id"] for program in FIRST_FIVE[:4]]
    assert compared_ids(page) == wanted
    assert parse_qs(urlsplit(page.url).query)["id"] == wanted

    removed = FIRST_FIVE[1]
    page.get_by_role("button", name=f"Remove {removed['name']}, {removed['institution']}").click()
    remaining = [wanted[0], *wanted[2:]]
    assert compared_ids(page) == remaining
    assert parse_qs(urlsplit(page.url).query)["id"] == remaining
    expect(page.locator("[data-compare-announce]")).to_have_text(
        f"Removed {removed['name']}, {removed['institution']}. 3 of 4 programs compared."
    )
    # the shortlist is kept: the catalog shows the removed program as not selected any more
    page.goto(base + "/programs/")
    page.wait_for_selector(".catalog--ready")
    expect(card_button(page, removed["id"])).to_have_attribute("aria-pressed", "false")
    expect(card_button(page, wanted[0])).to_have_attribute("aria-pressed", "true")


def test_a_shared_link_shows_its_programs_and_marks_what_differs(base: str, browser: Browser) -> None:
    first, second = FIRST_FIVE[0], FIRST_FIVE[1]
    context = browser.new_context()  # a visitor with nothing stored
    page = context.new_page()
    page.goto(f"{base}/programs/compare/?id={first['id']}&id={second['id']}&id=no-such-program")
    page.wait_for_selector(".compare__table")
    assert compared_ids(page) == [first["id"], second["id"]]
    expect(page.locator("[data-compare-announce]")).to_contain_text("Not in the catalog (any more): no-such-program.")
    assert parse_qs(urlsplit(page.url).query)["id"] == [first["id"], second["id"]]
    rows = page.eval_on_selector_all(
        ".compare__table tbody tr",
        "rows => rows.map(r => [r.querySelector('th').firstChild.textContent, r.classList.contains('compare__row--differs'),"
        " [...r.querySelectorAll('td')].map(td => td.textContent)])",
    )
    by_label = {label: (differs, cells) for label, differs, cells in rows}
    assert by_label["Program type"] == (first["type"] != second["type"], [first["type"], second["type"]])
    assert by_label["Format"] == (first["format"] != second["format"], [first["format"], second["format"]])
    for label, field in (("Duration", "duration_months"), ("Cost", "cost")):
        for cell, program in zip(by_label[label][1], (first, second), strict=True):
            if program.get(field) is None:
                assert cell == "not listed"
    # the link restored the shortlist: the catalog knows it
    page.goto(base + "/programs/")
    page.wait_for_selector(".catalog--ready")
    expect(page.locator("[data-compare-link]")).to_have_text("Compare 2 of 4 selected")
    context.close()


def test_without_javascript_the_compare_page_explains_itself(base: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "/programs/compare/")
    note = page.locator("main noscript").inner_text()
    assert "needs JavaScript" in note
    page.goto(base + "/programs/")
    button = page.locator("button[data-compare]").first
    assert button.is_hidden()
    assert button.bounding_box() is None  # no room kept for it either: noscript.css
    context.close()


def test_with_javascript_the_compare_button_had_its_room_from_the_first_paint(base: str, browser: Browser) -> None:
    page = browser.new_page()
    page.route("**/js/compare.js", lambda route: route.fulfill(body="", content_type="text/javascript"))
    page.goto(base + "/programs/")
    button = page.locator("button[data-compare]").first
    assert button.is_hidden()  # until compare.js shows it
    box = button.bounding_box()
    assert box is not None
    assert box["height"] > 20
    page.close()


def test_axe_finds_no_violations_on_compare_and_the_catalog(base: str, page: Page, errors: list[str]) -> None:
    ids = [program["id"] for program in FIRST_FIVE[:3]]
    axe = Axe()
    page.goto(f"{base}/programs/compare/?id={ids[0]}&id={ids[1]}&id={ids[2]}")
    page.wait_for_selector(".compare__table")
    result = axe.run(page)
    assert result.violations_count == 0, result.generate_report()
    for url in ("/programs/", "/programs/format/online/", f"/programs/{ids[0]}/"):
        page.goto(base + url)
        page.wait_for_timeout(200)
        result = axe.run(page)
        assert result.violations_count == 0, f"{url}: {result.generate_report()}"
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{base}/programs/compare/?id={ids[0]}&id={ids[1]}&id={ids[2]}")
    page.wait_for_selector(".compare__table")
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0
    result = axe.run(page)
    assert result.violations_count == 0, result.generate_report()
