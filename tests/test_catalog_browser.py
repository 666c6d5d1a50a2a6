"""The program filters in a real Chromium, under the site's Content-Security-Policy.

Expected results come from tests/catalog_reference.py, which applies docs/catalog-url.md to the
test catalog one program at a time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser, Page, Route, expect

from catalog_reference import (
    FACETS,
    Query,
    catalog_order,
    catalog_programs,
    counts,
    in_listing,
    programs_yaml,
    results,
)
from conftest import SiteFixture
from guidegen.structure import contexts, pagination

pytestmark = pytest.mark.browser

CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'"
PROGRAMS = catalog_programs()
LISTING_TAGS = ["data-engineering", "databases"]
FACET_NAMES = {"type": "Type", "format": "Format", "tag": "Topic"}


@pytest.fixture
def base(site: SiteFixture, static_server: Any) -> str:
    site.write("content/programs/catalog.yaml", programs_yaml())
    site.build()
    return str(static_server(site.out, {"Content-Security-Policy": CSP}))


def open_catalog(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".catalog--ready")


def status(page: Page) -> str:
    return page.locator("#catalog-status").inner_text()


def shown_ids(page: Page) -> list[str]:
    return list(
        page.eval_on_selector_all(
            ".catalog__grid .program-card__name a", "links => links.map(a => a.pathname.split('/').at(-2))"
        )
    )


def facet_options(page: Page) -> list[dict[str, Any]]:
    return list(
        page.eval_on_selector_all(
            ".facet__options input",
            """inputs => inputs.map(input => ({
                facet: input.name, value: input.value, checked: input.checked, disabled: input.disabled,
                count: Number(input.closest('label').querySelector('.facet__count').textContent.slice(1, -1)),
            }))""",
        )
    )


def expect_query(page: Page, pairs: list[tuple[str, str]]) -> None:
    """Wait for the address bar to hold exactly these parameters (it is updated after the next frame)."""
    page.wait_for_url(lambda url: parse_qsl(urlsplit(url).query) == pairs, timeout=5000)


def summary(total: int, page_number: int = 1) -> str:
    if total == 0:
        return "No programs match"
    last = min(total, page_number * 50)
    return f"Showing {(page_number - 1) * 50 + 1}–{last} of {total} {'program' if total == 1 else 'programs'}"


def check_against_reference(page: Page, query: Query, programs: list[dict[str, Any]] = PROGRAMS) -> None:
    page.wait_for_selector(".catalog--ready")
    expected = results(programs, query)
    expect(page.locator("#catalog-status")).to_have_text(summary(len(expected)))
    assert shown_ids(page) == [p["id"] for p in expected[:50]]
    options = facet_options(page)
    for facet in FACETS:
        wanted = counts(programs, query, facet)
        shown = {o["value"]: o for o in options if o["facet"] == facet}
        assert set(shown) == set(wanted), facet
        for value, option in shown.items():
            chosen = value in query.chosen.get(facet, [])
            assert (option["count"], option["checked"]) == (wanted[value], chosen), (facet, value)
            assert option["disabled"] == (wanted[value] == 0 and not chosen), (facet, value)


def test_counts_are_disjunctive_and_follow_every_click(base: str, page: Page, errors: list[str]) -> None:
    open_catalog(page, base + "/programs/?format=Online&country=Canada&tag=machine-learning")
    query = Query(chosen={"format": ["Online"], "country": ["Canada"], "tag": ["machine-learning"]})
    check_against_reference(page, query)

    page.get_by_role("checkbox", name="Hybrid").check()  # OR within format
    query.chosen["format"].append("Hybrid")
    check_against_reference(page, query)

    page.locator('input[name="duration"][value="medium"]').check()  # AND with another facet
    query.chosen["duration"] = ["medium"]
    check_against_reference(page, query)

    page.locator('input[name="country"][value="Canada"]').uncheck()
    query.chosen["country"] = []
    check_against_reference(page, query)


def test_values_combine_with_or_within_a_facet_and_and_across(base: str, page: Page, errors: list[str]) -> None:
    open_catalog(page, base + "/programs/")
    check_against_reference(page, Query())
    page.get_by_role("checkbox", name="Master's").check()
    page.get_by_role("checkbox", name="MBA").check()
    query = Query(chosen={"type": ["Master's", "MBA"]})
    check_against_reference(page, query)
    page.get_by_role("checkbox", name="Online").check()
    query.chosen["format"] = ["Online"]
    check_against_reference(page, query)
    page.get_by_role("checkbox", name="Texas").check()
    query.chosen["region"] = ["Texas"]
    check_against_reference(page, query)
    expect_query(page, [("type", "Master's"), ("type", "MBA"), ("format", "Online"), ("region", "Texas")])


def test_text_search_ignores_case_and_accents_and_needs_every_word(base: str, page: Page, errors: list[str]) -> None:
    open_catalog(page, base + "/programs/")
    search = page.get_by_label("Search institution or program")
    for text in ("universite MONTREAL", "zurich  data", "Ecole robotics 0", "graduate school"):
        search.fill(text)
        check_against_reference(page, Query(q=text.strip()))
    expect_query(page, [("q", "graduate school")])

    search.fill("montréal nothing-like-this")
    expect(page.locator("#catalog-status")).to_have_text("No programs match")
    expect(page.locator(".catalog__grid")).to_be_hidden()
    expect(page.locator(".catalog__empty")).to_be_visible()
    page.get_by_role("button", name="Clear all filters").click()
    expect(page.locator("#catalog-status")).to_have_text("Showing 1–50 of 130 programs")
    expect(search).to_have_value("")
    expect(page).to_have_url(base + "/programs/")


@pytest.mark.parametrize("sort", ["cost-asc", "cost-desc", "duration"])
def test_sorting_puts_not_listed_last(base: str, page: Page, errors: list[str], sort: str) -> None:
    open_catalog(page, base + "/programs/?tag=mlops&tag=business")
    page.get_by_label("Sort by").select_option(sort)
    query = Query(chosen={"tag": ["mlops", "business"]}, sort=sort)
    check_against_reference(page, query)
    expected = results(PROGRAMS, query)
    field = "duration_months" if sort == "duration" else "cost"
    assert field in expected[0]
    assert field not in expected[-1]  # the data does exercise "not listed"
    last_fact = (
        page.locator(".catalog__grid > li").last.locator(".program-card__facts dd").nth(2 if field == "cost" else 1)
    )
    expect(last_fact).to_have_text("not listed")
    expect_query(page, [("tag", "mlops"), ("tag", "business"), ("sort", sort)])


def test_chips_show_each_filter_and_clear_all_removes_them(base: str, page: Page, errors: list[str]) -> None:
    open_catalog(
        page,
        base + "/programs/?q=alpha&type=MBA&type=PhD&tag=data-engineering&duration=short&duration_max=24"
        "&cost_min=10000&cost_max=50000&unlisted_cost=exclude&sort=cost-asc",
    )
    chips = page.locator(".catalog__chips .chip__label")
    expect(chips).to_have_text(
        [
            "Search: alpha",
            "Type: MBA",
            "Type: PhD",
            "Topic: data engineering",
            "Duration: 12 months or less",
            "Duration: at most 24 months",
            "Cost: $10,000–$50,000",
            "Cost not listed: excluded",
        ]
    )
    query = Query(
        q="alpha",
        chosen={"type": ["MBA", "PhD"], "tag": ["data-engineering"], "duration": ["short"]},
        duration_max=24,
        cost_min=10000,
        cost_max=50000,
        unlisted_cost="exclude",
        sort="cost-asc",
    )
    expect(page.locator("#catalog-status")).to_have_text(summary(len(results(PROGRAMS, query))))

    page.get_by_role("button", name="Remove filter Type: MBA").click()
    expect(page.get_by_role("checkbox", name="MBA")).not_to_be_checked()
    expect(page.get_by_role("button", name="Remove filter Type: PhD")).to_be_focused()
    page.wait_for_url(lambda url: ("type", "MBA") not in parse_qsl(urlsplit(url).query))
    query.chosen["type"] = ["PhD"]
    check_against_reference(page, query)

    page.get_by_role("button", name="Remove filter Duration: at most 24 months").click()
    query.duration_max = None
    check_against_reference(page, query)

    page.get_by_role("button", name="Clear all", exact=True).click()
    expect(page.locator(".catalog__active")).to_be_hidden()
    expect(page.locator("#catalog-status")).to_have_text("Showing 1–50 of 130 programs")
    expect(page.locator("#catalog-status")).to_be_focused()
    expect(page).to_have_url(base + "/programs/?sort=cost-asc")  # clearing filters keeps the sort order
    check_against_reference(page, Query(sort="cost-asc"))


def test_unknown_values_in_a_link_match_nothing_and_can_be_removed(base: str, page: Page, errors: list[str]) -> None:
    open_catalog(page, base + "/programs/?format=Online&format=Underwater")
    expect(page.locator(".catalog__chips .chip__label")).to_have_text(["Format: Online", "Format: Underwater"])
    check_against_reference(page, Query(chosen={"format": ["Online", "Underwater"]}))
    page.get_by_role("button", name="Remove filter Format: Underwater").click()
    expect(page).to_have_url(base + "/programs/?format=Online")


def test_cost_range_keeps_other_currencies_and_not_listed_unless_excluded(
    base: str, page: Page, errors: list[str]
) -> None:
    open_catalog(page, base + "/programs/")
    page.get_by_label("Maximum").fill("40000")
    query = Query(cost_max=40000)
    check_against_reference(page, query)
    page.get_by_role("checkbox", name="Include programs with no listed cost").uncheck()
    query.unlisted_cost = "exclude"
    check_against_reference(page, query)
    expect_query(page, [("cost_max", "40000"), ("unlisted_cost", "exclude")])
    page.get_by_label("Minimum").fill("15000")
    query.cost_min = 15000
    check_against_reference(page, query)
    expect(page.locator(".catalog__chips .chip__label")).to_have_text(
        ["Cost: $15,000–$40,000", "Cost not listed: excluded"]
    )
    # without a range, costs in other currencies are listed costs: only the unpriced ones go
    page.get_by_role("button", name="Remove filter Cost: $15,000–$40,000").click()
    expect(page.get_by_label("Maximum")).to_have_value("")
    check_against_reference(page, Query(unlisted_cost="exclude"))


def test_url_restores_the_state_and_back_and_forward_move_through_it(base: str, page: Page, errors: list[str]) -> None:
    open_catalog(page, base + "/programs/")
    page.get_by_role("checkbox", name="Online").check()
    page.get_by_role("checkbox", name="robotics").check()
    page.get_by_label("Sort by").select_option("duration")
    page.get_by_label("Search institution or program").fill("alpha")
    expect(page).to_have_url(base + "/programs/?q=alpha&format=Online&tag=robotics&sort=duration")
    state = Query(q="alpha", chosen={"format": ["Online"], "tag": ["robotics"]}, sort="duration")
    check_against_reference(page, state)

    page.reload()
    page.wait_for_selector(".catalog--ready")
    check_against_reference(page, state)
    expect(page.get_by_label("Sort by")).to_have_value("duration")
    expect(page.get_by_label("Search institution or program")).to_have_value("alpha")

    page.go_back()  # before typing
    expect(page).to_have_url(base + "/programs/?format=Online&tag=robotics&sort=duration")
    check_against_reference(page, Query(chosen={"format": ["Online"], "tag": ["robotics"]}, sort="duration"))
    expect(page.get_by_label("Search institution or program")).to_have_value("")
    page.go_back()
    page.go_back()
    expect(page).to_have_url(base + "/programs/?format=Online")
    check_against_reference(page, Query(chosen={"format": ["Online"]}))
    page.go_back()
    expect(page).to_have_url(base + "/programs/")
    check_against_reference(page, Query())
    page.go_forward()
    expect(page).to_have_url(base + "/programs/?format=Online")
    check_against_reference(page, Query(chosen={"format": ["Online"]}))


def test_pages_of_results_match_the_static_pages(base: str, page: Page, browser: Browser, errors: list[str]) -> None:
    open_catalog(page, base + "/programs/")
    page.get_by_role("navigation", name="Result pages").get_by_role("link", name="Next").click()
    expect(page).to_have_url(base + "/programs/?page=2")
    expect(page.locator("#catalog-status")).to_have_text("Showing 51–100 of 130 programs")
    expect(page.locator("#catalog-status")).to_be_focused()
    rendered = page.locator(".catalog__grid").inner_html()

    static = browser.new_page(java_script_enabled=False)
    static.goto(base + "/programs/page/2/")
    assert card_trees(rendered) == card_trees(static.locator(".catalog__grid").inner_html())
    static.close()
    assert len(card_trees(rendered)) == 50

    page.go_back()
    expect(page.locator("#catalog-status")).to_have_text("Showing 1–50 of 130 programs")
    assert shown_ids(page) == [p["id"] for p in catalog_order(PROGRAMS)[:50]]


def card_trees(html: str) -> list[Any]:
    """Cards as (tag, attributes, children) trees, ignoring whitespace between elements."""

    def tree(node: Tag) -> Any:
        children = []
        for child in node.children:
            if isinstance(child, Tag):
                children.append(tree(child))
            elif str(child).strip():
                children.append(" ".join(str(child).split()))
        attributes = dict(node.attrs)
        if "compare-toggle" in attributes.get("class", ()):
            attributes.pop("hidden", None)  # shown by static/js/compare.js where it runs, hidden without it
        return (
            node.name,
            sorted((k, " ".join(v) if isinstance(v, list) else v) for k, v in attributes.items()),
            children,
        )

    return [tree(card) for card in BeautifulSoup(html, "html.parser").select("article.program-card")]


def test_a_static_page_is_enhanced_where_it_stands(base: str, page: Page, errors: list[str]) -> None:
    open_catalog(page, base + "/programs/page/3/")
    expect(page.locator("#catalog-status")).to_have_text("Showing 101–130 of 130 programs")
    assert shown_ids(page) == [p["id"] for p in catalog_order(PROGRAMS)[100:]]
    page.get_by_role("checkbox", name="PhD").check()
    expect(page).to_have_url(base + "/programs/?type=PhD")
    page.go_back()
    expect(page).to_have_url(base + "/programs/page/3/")
    expect(page.locator("#catalog-status")).to_have_text("Showing 101–130 of 130 programs")


def test_guide_listing_filters_only_the_programs_it_lists(base: str, page: Page, errors: list[str]) -> None:
    members = [p for p in PROGRAMS if in_listing(p, LISTING_TAGS)]
    open_catalog(page, base + "/guides/data-engineering/")
    listing = page.locator("#guide-programs")
    expect(listing.get_by_role("heading", level=2).first).to_have_text("Data Programs (65)")
    check_against_reference(page, Query(), members)
    listing.get_by_role("checkbox", name="Online").check()
    query = Query(chosen={"format": ["Online"]})
    check_against_reference(page, query, members)
    expect(page).to_have_url(base + "/guides/data-engineering/?format=Online#guide-programs")
    page.reload()
    page.wait_for_selector(".catalog--ready")
    check_against_reference(page, query, members)


def test_listing_pages_beyond_the_first_keep_the_filters_on_the_guide(base: str, page: Page, errors: list[str]) -> None:
    members = [p for p in PROGRAMS if in_listing(p, LISTING_TAGS)]
    open_catalog(page, base + "/guides/data-engineering/programs/page/2/")
    expect(page.locator("#catalog-status")).to_have_text("Showing 51–65 of 65 programs")
    page.get_by_role("checkbox", name="Hybrid").check()
    expect(page).to_have_url(base + "/guides/data-engineering/?format=Hybrid#guide-programs")
    check_against_reference(page, Query(chosen={"format": ["Hybrid"]}), members)


def test_first_results_show_while_the_index_is_still_loading(base: str, page: Page, errors: list[str]) -> None:
    held: list[Route] = []
    page.route("**/data/programs.json", lambda route: held.append(route))
    page.goto(base + "/programs/")
    page.wait_for_function("document.readyState === 'complete'")
    expect(page.locator(".catalog__grid .program-card")).to_have_count(50)
    expect(page.get_by_role("status")).to_have_text("Showing 1–50 of 130 programs")
    expect(page.locator("form.catalog__filters")).to_be_hidden()
    page.wait_for_timeout(100)  # let any held work run: nothing may have replaced the list
    assert len(held) == 1
    assert shown_ids(page) == [p["id"] for p in catalog_order(PROGRAMS)[:50]]
    expect(page.locator(".catalog__loading")).to_be_visible()
    place = "r => [r.getBoundingClientRect().x, r.getBoundingClientRect().y, r.getBoundingClientRect().width]"
    before = page.locator(".catalog__results").evaluate(place)
    page.evaluate("window.serverCards = [...document.querySelectorAll('.catalog__grid > li')]")
    held[0].continue_()
    page.wait_for_selector(".catalog--ready")
    expect(page.locator("form.catalog__filters")).to_be_visible()
    expect(page.locator(".catalog__loading")).to_be_hidden()
    assert page.locator(".catalog__results").evaluate(place) == before  # the results did not move
    # the filters took over the server's cards instead of drawing them again
    kept = "window.serverCards.every((li, k) => li === document.querySelectorAll('.catalog__grid > li')[k])"
    assert page.evaluate(kept)
    page.get_by_role("checkbox", name="PhD").check()  # and refill them when the results change
    phd = [p["id"] for p in catalog_order(results(PROGRAMS, Query(chosen={"type": ["PhD"]})))][:50]
    expect(page.locator("#catalog-status")).to_have_text(summary(len(phd)))
    assert shown_ids(page) == phd


@pytest.mark.parametrize("viewport", [{"width": 412, "height": 823}, {"width": 1350, "height": 940}])
def test_starting_the_filters_shifts_no_layout(base: str, browser: Browser, viewport: dict[str, int]) -> None:
    page = browser.new_page(viewport=viewport)
    page.add_init_script(
        "window.shifts = [];"
        "new PerformanceObserver((list) => window.shifts.push(...list.getEntries().map((e) => e.value)))"
        ".observe({ type: 'layout-shift', buffered: true });"
    )
    open_catalog(page, base + "/programs/")
    page.wait_for_timeout(300)  # a frame or two after the start, where a shift would be reported
    assert page.evaluate("window.shifts") == []
    page.close()


def test_the_summary_is_a_live_region_updated_after_each_change(base: str, page: Page, errors: list[str]) -> None:
    open_catalog(page, base + "/programs/")
    live = page.get_by_role("status")
    expect(live).to_have_count(1)
    page.get_by_role("checkbox", name="PhD").check()
    expect(live).to_have_text(summary(len(results(PROGRAMS, Query(chosen={"type": ["PhD"]})))))
    page.get_by_label("Search institution or program").press_sequentially("beta")
    expect(live).to_have_text(summary(len(results(PROGRAMS, Query(q="beta", chosen={"type": ["PhD"]})))))


def test_everything_works_from_the_keyboard(base: str, page: Page, errors: list[str]) -> None:
    open_catalog(page, base + "/programs/")

    def tab_to(selector: str) -> None:
        for _ in range(300):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.matches({selector!r})"):
                outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
                assert outline != "none", f"{selector} has no visible focus"
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#catalog-sort")
    page.keyboard.press("ArrowDown")  # Name -> Cost (low to high)
    expect(page).to_have_url(base + "/programs/?sort=cost-asc")
    tab_to('input[name="format"][value="Online"]')
    page.keyboard.press("Space")
    expect(page.locator("#catalog-status")).to_have_text(
        summary(len(results(PROGRAMS, Query(chosen={"format": ["Online"]}))))
    )
    expect(page).to_have_url(base + "/programs/?format=Online&sort=cost-asc")
    tab_to(".chip")
    page.keyboard.press("Enter")
    expect(page.locator(".catalog__active")).to_be_hidden()
    expect(page.locator("#catalog-status")).to_be_focused()
    expect(page.locator("#catalog-status")).to_have_text("Showing 1–50 of 130 programs")
    tab_to('.pagination a[rel="next"]')
    page.keyboard.press("Enter")
    expect(page.locator("#catalog-status")).to_have_text("Showing 51–100 of 130 programs")
    expect(page).to_have_url(base + "/programs/?sort=cost-asc&page=2")


def test_without_javascript_every_program_is_reachable(base: str, browser: Browser) -> None:
    page = browser.new_page(java_script_enabled=False)

    def follow(path: str) -> list[str]:
        page.goto(base + path)
        found = []
        while True:
            expect(page.locator("form.catalog__filters")).to_be_hidden()
            expect(page.locator(".catalog__note").first).to_be_visible()
            found += shown_ids(page)
            following = page.locator('.pagination a[rel="next"]')
            if not following.count():
                return found
            following.click()

    assert follow("/programs/") == [p["id"] for p in catalog_order(PROGRAMS)]
    listed = [p["id"] for p in catalog_order(PROGRAMS) if in_listing(p, LISTING_TAGS)]
    assert follow("/guides/data-engineering/") == listed
    page.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_axe_finds_no_violations_on_the_catalog_and_a_guide(
    base: str, page: Page, errors: list[str], width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    axe = Axe()
    for url in (
        "/programs/",
        "/programs/?format=Online&type=PhD&q=univ&cost_max=50000&unlisted_cost=exclude",
        "/programs/?q=no-such-program",
        "/guides/data-engineering/?tag=databases",
    ):
        open_catalog(page, base + url)
        if not page.locator(".catalog__panel").evaluate("panel => panel.open"):
            page.locator(".catalog__panel-toggle").click()  # folded on a phone until asked for
        result = axe.run(page)
        assert result.violations_count == 0, f"{url}: {result.generate_report()}"
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow == 0, url


def test_the_catalog_works_under_a_base_url_sub_path(
    site: SiteFixture, static_server: Any, page: Page, errors: list[str], tmp_path: Path
) -> None:
    site.write("content/site.yaml", site.read("content/site.yaml").replace("example.test/", "example.test/sub/"))
    site.write("content/programs/catalog.yaml", programs_yaml())
    site.build()
    host = tmp_path / "host"
    host.mkdir()
    (host / "sub").symlink_to(site.out)
    base = static_server(host, {"Content-Security-Policy": CSP})
    open_catalog(page, base + "/sub/programs/")
    page.get_by_role("checkbox", name="Online").check()
    expect(page).to_have_url(base + "/sub/programs/?format=Online")
    first = catalog_order([p for p in PROGRAMS if p["format"] == "Online"])[0]
    link = page.locator(".catalog__grid .program-card__name a").first
    expect(link).to_have_attribute("href", f"/sub/programs/{first['id']}/")
    link.click()
    expect(page.locator("h1")).to_have_text(first["name"])


def test_long_facets_show_the_most_common_values_until_show_all(
    site: SiteFixture, static_server: Any, page: Page, errors: list[str]
) -> None:
    countries = [f"Country {chr(65 + i)}" for i in range(12)]  # A: 12 programs, B: 11, ... L: 1
    records = [
        {
            "id": f"c{i:02d}-{k:02d}",
            "institution": f"Institute {i:02d}-{k:02d}",
            "name": "Certificate",
            "type": "Certificate",
            "format": "Online",
            "location": {"city": "City", "country": country},
            "tags": ["business"],
        }
        for i, country in enumerate(countries)
        for k in range(12 - i)
    ]
    site.write("content/programs/catalog.yaml", yaml.safe_dump(records, sort_keys=False))
    site.build()
    base = static_server(site.out, {"Content-Security-Policy": CSP})
    open_catalog(page, base + "/programs/?country=Country+K")
    facet = page.get_by_role("group", name="Country")
    labels = facet.locator(".facet__option:visible .facet__label")
    expect(labels).to_have_text([*countries[:8], "Country K"])  # the 8 most common, and the chosen one
    more = facet.get_by_role("button", name="Show all 12")
    expect(more).to_have_attribute("aria-expanded", "false")
    more.click()
    expect(labels).to_have_text(countries)
    expect(facet.get_by_role("button", name="Show fewer")).to_have_attribute("aria-expanded", "true")
    facet.get_by_role("button", name="Show fewer").click()
    expect(labels).to_have_count(9)


def test_one_rule_reads_whole_numbers_from_urls_and_fields(base: str, page: Page, errors: list[str]) -> None:
    page.goto(base + "/programs/")
    texts = ["12", " 40000 ", "0", "", "-3", "1.5", "12k", "9007199254740993", None]
    read = page.evaluate(
        """async (texts) => {
            const { parseState, positiveInt, wholeNumber } = await import("/js/catalog-state.js");
            const state = parseState("?cost_min=0&cost_max=%2040000&duration_max=x&page=0");
            return {
                whole: texts.map(wholeNumber),
                positive: texts.map(positiveInt),
                state: [state.cost_min, state.cost_max, state.duration_max, state.page],
            };
        }""",
        texts,
    )
    assert read["whole"] == [12, 40000, 0, None, None, None, None, None, None]
    assert read["positive"] == [12, 40000, None, None, None, None, None, None, None]
    assert read["state"] == [0, 40000, None, 1]  # a cost of 0 is a bound; page 0 is the first page


def test_the_filters_page_as_the_server_does(
    site: SiteFixture, static_server: Any, page: Page, errors: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(contexts, "CATALOG_PAGE_SIZE", 20)  # ProgramPaging.pages reads it
    monkeypatch.setattr(pagination, "PAGE_WINDOW", 1)
    site.write("content/programs/catalog.yaml", programs_yaml())
    site.build()
    base = str(static_server(site.out, {"Content-Security-Policy": CSP}))
    served = BeautifulSoup((site.out / "programs/index.html").read_text(encoding="utf-8"), "html.parser")
    root = served.select_one("[data-catalog]")
    assert root is not None
    assert (root["data-page-size"], root["data-page-window"]) == ("20", "1")
    assert [a.get_text() for a in served.select(".pagination a")] == ["1", "2", "7", "Next"]
    open_catalog(page, base + "/programs/")
    expect(page.locator(".catalog__grid .program-card")).to_have_count(20)
    expect(page.locator("#catalog-status")).to_have_text("Showing 1–20 of 130 programs")
    expect(page.locator(".catalog__pages a")).to_have_text(["1", "2", "7", "Next"])
    page.locator(".catalog__pages").get_by_role("link", name="Next").click()
    expect(page.locator("#catalog-status")).to_have_text("Showing 21–40 of 130 programs")
    expect(page.locator(".catalog__pages a")).to_have_text(["Previous", "1", "2", "3", "7", "Next"])
    assert shown_ids(page) == [p["id"] for p in catalog_order(PROGRAMS)[20:40]]
