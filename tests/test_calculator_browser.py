"""The Salary Calculator in a real Chromium: ranges computed from the fixture table, URL state, accessibility."""

from __future__ import annotations

import math
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from conftest import REPO, SALARY_YAML, SURVEY_YAML, SiteFixture
from guidegen.commands.build import build
from guidegen.content.site import Project
from guidegen.render.formatting import money_exact, money_range, money_short
from tool_pages import axe_violations, serve_with_csp, watch_console

pytestmark = pytest.mark.browser

TABLE = (
    SALARY_YAML
    + """\
  - name: New York
    range: [130000, 190000]
  - name: Remote
    range: [90000, 130000]
"""
)
LOCATIONS = {"Austin": (100_000, 150_000), "New York": (130_000, 190_000), "Remote": (90_000, 130_000)}


def expected_range(bounds: tuple[int, int | None], location: str | None, step: int = 1000) -> tuple[int, int | None]:
    """The documented method, computed here from the fixture table: scale by the location's midpoint
    over the average of all location midpoints, round half up to the step."""
    if location is None:
        return bounds
    midpoints = [(low + high) / 2 for low, high in LOCATIONS.values()]
    factor = ((LOCATIONS[location][0] + LOCATIONS[location][1]) / 2) / (sum(midpoints) / len(midpoints))
    low, high = bounds
    return (
        math.floor(low * factor / step + 0.5) * step,
        None if high is None else math.floor(high * factor / step + 0.5) * step,
    )


@pytest.fixture
def calculator(site: SiteFixture, static_server, monkeypatch: pytest.MonkeyPatch) -> str:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    site.write("content/salaries/data.yaml", TABLE)
    site.build()
    return serve_with_csp(static_server, site.out) + "/tools/salary-calculator/"


def _choose(page: Page, *, level: str | None = None, location: str | None = None, basis: str | None = None) -> None:
    if level is not None:
        page.get_by_label("Level", exact=True).select_option(level)
    if location is not None:
        page.get_by_label("Location", exact=True).select_option(location)
    if basis is not None:
        page.get_by_role("radio", name=basis).check()


def _figure(page: Page) -> str:
    return page.locator(".calc-figure__range").inner_text().strip()


def test_range_matches_the_fixture_table_with_a_location_adjustment(calculator: str, page: Page) -> None:
    problems = watch_console(page)
    page.goto(calculator)
    _choose(page, level="Entry", location="New York", basis="Base salary")
    low, high = expected_range((95_000, 120_000), "New York")
    assert (low, high) == (115_000, 146_000)  # worked by hand: factor 160,000 / 131,666.67 = 1.2152
    expect(page.locator(".calc-figure__range")).to_have_text(f"{money_range((low, high))} a year")
    expect(page.locator(".calc-figure__what")).to_contain_text("Base salary, Entry level, New York.")

    steps = page.locator("[data-slot=steps] > li")
    expect(steps.nth(0)).to_contain_text('the "Entry" row of the table "Data Engineer Salaries", base salary column')
    expect(steps.nth(0)).to_contain_text("$95,000 to $120,000")
    expect(steps.nth(1)).to_contain_text("midpoint $160,000")
    expect(steps.nth(1)).to_contain_text(
        "National reference: $131,666.67, the average of the midpoints of the 3 locations in the table "
        "($125,000, $160,000, $110,000)"
    )
    expect(steps.nth(1)).to_contain_text("Location factor: $160,000 ÷ $131,666.67 = 1.2152")
    expect(steps.nth(1)).to_contain_text(f"rounded to the nearest $1,000: {money_exact(low)} to {money_exact(high)}")
    expect(steps.nth(2)).to_contain_text("Source: unsourced. Compiled for tests. As of 2026.")
    assert problems == []


@pytest.mark.parametrize(
    ("level", "location", "basis", "bounds"),
    [
        ("Entry", "Austin", "Total compensation", (110_000, 140_000)),
        ("Entry", "Remote", "Base salary", (95_000, 120_000)),
        ("Entry", "Other / national", "Total compensation", (110_000, 140_000)),
    ],
)
def test_other_choices_match_the_fixture_table(
    calculator: str, page: Page, level: str, location: str, basis: str, bounds: tuple[int, int]
) -> None:
    page.goto(calculator)
    _choose(page, level=level, location=location, basis=basis)
    expected = expected_range(bounds, None if location.startswith("Other") else location)
    expect(page.locator(".calc-figure__range")).to_have_text(f"{money_range(expected)} a year")


def test_open_ended_level_stays_open(calculator: str, page: Page) -> None:
    page.goto(calculator)
    _choose(page, level="Senior (5+ years)", location="New York")
    low, high = expected_range((180_000, None), "New York")
    assert high is None
    expect(page.locator(".calc-figure__range")).to_have_text(f"{money_short(low)}+ a year")
    expect(page.locator(".calc-figure__open")).to_have_text(
        f"Can exceed {money_short(low)}: the table gives no upper bound."
    )
    expect(page.locator("[data-slot=steps]")).to_contain_text(
        "The table gives no upper bound, so neither does the estimate."
    )
    # Senior lists total compensation only: base cannot be chosen, and the page says why
    expect(page.get_by_role("radio", name="Base salary")).to_be_disabled()
    expect(page.get_by_role("radio", name="Total compensation")).to_be_checked()
    expect(page.locator("#calc-basis-hint")).to_have_text("The Senior row lists total compensation only.")


def test_unsourced_figures_are_flagged_next_to_the_result(calculator: str, page: Page) -> None:
    page.goto(calculator)
    notice = page.locator(".calc-figure [data-slot=unsourced]")
    expect(notice).to_be_visible()
    expect(notice).to_have_text(
        "Unsourced: no source is named for these figures, so treat this estimate as a rough guide."
    )
    expect(page.locator(".calc-figure [data-slot=stale]")).to_be_hidden()


def test_old_named_source_is_flagged_as_stale_and_linked(
    site: SiteFixture, static_server, page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01: March 2023 is 34 months earlier
    site.write("content/salaries/analyst.yaml", SURVEY_YAML)
    site.build()
    page.goto(serve_with_csp(static_server, site.out) + "/tools/salary-calculator/?table=analyst&location=Munich")
    # monthly figures round to 100: Munich midpoint 5,200 over the average 4,900
    factor = 5_200 / 4_900
    low, high = (math.floor(v * factor / 100 + 0.5) * 100 for v in (4_000, 5_500))
    expect(page.locator(".calc-figure__range")).to_have_text(f"{money_range((low, high), 'EUR')} a month")
    expect(page.locator(".calc-figure [data-slot=stale]")).to_have_text(
        "Older than 18 months: these figures are as of March 2023; pay may have moved since."
    )
    expect(page.locator(".calc-figure [data-slot=unsourced]")).to_be_hidden()
    source = page.locator("[data-slot=steps] > li").nth(2)
    expect(source).to_have_text("Source: Example Pay Survey. As of March 2023.")
    expect(source.get_by_role("link", name="Example Pay Survey")).to_have_attribute(
        "href", "https://survey.example/pay"
    )


def test_money_formatting_agrees_with_the_pages(site: SiteFixture, static_server, page: Page) -> None:  # type: ignore[no-untyped-def]
    site.build()
    page.goto(serve_with_csp(static_server, site.out) + "/tools/salary-calculator/")
    amounts = [
        0,
        950,
        1_000,
        8_250,
        8_350,
        212_250,
        212_350,
        212_500,
        999_999,
        1_000_000,
        1_125_000,
        1_135_000,
        1_250_000,
    ]
    shown = page.evaluate(
        """async (amounts) => {
            const { moneyShort } = await import("/js/money.js");
            const data = await (await fetch("/data/salaries.json")).json();
            return amounts.map((amount) => moneyShort(amount, "USD", "$", data.short_units));
        }""",
        amounts,
    )
    assert shown == [money_short(amount) for amount in amounts]


def test_url_state_round_trips(calculator: str, page: Page) -> None:
    page.goto(calculator)
    _choose(page, level="Entry", location="Austin", basis="Total compensation")
    expect(page).to_have_url(re.compile(r"location=Austin"))
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"table": ["data"], "level": ["Entry"], "location": ["Austin"], "basis": ["total"]}
    figure = _figure(page)
    share = page.locator("[data-slot=share]").get_attribute("href")

    page.goto("about:blank")
    page.goto(calculator.removesuffix("/tools/salary-calculator/") + str(share))
    expect(page.locator(".calc-figure__range")).to_have_text(figure)
    expect(page.get_by_label("Level", exact=True)).to_have_value("Entry")
    expect(page.get_by_label("Location", exact=True)).to_have_value("Austin")
    expect(page.get_by_role("radio", name="Total compensation")).to_be_checked()


def test_unknown_url_values_fall_back_to_the_first_choices(calculator: str, page: Page) -> None:
    page.goto(calculator + "?table=nope&level=Chief&location=Mars&basis=stock")
    expect(page.locator(".calc-figure__range")).to_have_text(f"{money_range((95_000, 120_000))} a year")
    assert parse_qs(urlsplit(page.url).query) == {"table": ["data"], "level": ["Entry"], "basis": ["base"]}


def test_keyboard_only_and_announced(calculator: str, page: Page) -> None:
    page.goto(calculator)
    expect(page.locator(".calc-figure")).to_have_attribute("role", "status")
    page.get_by_label("Level", exact=True).focus()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Location", exact=True)).to_be_focused()
    page.keyboard.press("ArrowDown")  # Other / national -> Austin
    low, high = expected_range((95_000, 120_000), "Austin")
    expect(page.locator(".calc-figure__range")).to_have_text(f"{money_range((low, high))} a year")
    page.keyboard.press("Tab")
    expect(page.get_by_role("radio", name="Base salary")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Total compensation")).to_be_checked()
    total = expected_range((110_000, 140_000), "Austin")
    expect(page.locator(".calc-figure__range")).to_have_text(f"{money_range(total)} a year")


def test_axe_finds_no_violations(calculator: str, page: Page) -> None:
    page.goto(calculator + "?level=Senior&location=Remote")
    expect(page.locator("#calc-result")).to_be_visible()
    assert axe_violations(page) == ""
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0


def test_without_javascript_the_tables_are_there(site: SiteFixture, static_server, browser) -> None:  # type: ignore[no-untyped-def]
    site.build()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(serve_with_csp(static_server, site.out) + "/tools/salary-calculator/")
    expect(page.locator("#salary-calculator")).to_be_hidden()
    expect(page.locator("[data-tool-fallback]")).to_be_visible()
    expect(page.locator("#salary-data-levels")).to_be_visible()
    expect(page.locator("#salary-data-levels-chart svg")).to_be_visible()
    context.close()


def test_the_mlops_guide_links_to_a_calculator_using_its_table(tmp_path: Path, static_server, page: Page) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "public"
    build(Project(root=REPO, out=out))
    problems = watch_console(page)
    page.goto(serve_with_csp(static_server, out) + "/guides/mlops-ai-engineering/")
    page.locator(".prose").get_by_role("link", name="Salary Calculator").first.click()
    expect(page).to_have_url(re.compile(r"/tools/salary-calculator/\?table=mlops"))
    expect(page.get_by_label("Specialization or career")).to_have_value("mlops")
    # Entry base, national: the row as listed in content/salaries/mlops.yaml
    expect(page.locator(".calc-figure__range")).to_have_text("$150K–$180K a year")
    expect(page.locator(".calc-figure [data-slot=unsourced]")).to_be_visible()
    _choose(page, level="Principal", location="Seattle")
    # Principal total 400K+; Seattle midpoint 220,000 over the average of 250,000, 220,000, 212,500, 202,500
    low = math.floor(400_000 * 220_000 / ((250_000 + 220_000 + 212_500 + 202_500) / 4) / 1000 + 0.5) * 1000
    expect(page.locator(".calc-figure__range")).to_have_text(f"{money_short(low)}+ a year")
    assert problems == []


def test_a_salary_section_opens_the_calculator_on_its_table(site: SiteFixture, static_server, page: Page) -> None:  # type: ignore[no-untyped-def]
    site.write("content/salaries/data.yaml", TABLE)
    site.write("content/salaries/analyst.yaml", SURVEY_YAML)  # sorts first: the calculator's default table
    site.build()
    page.goto(serve_with_csp(static_server, site.out) + "/guides/data-engineering/")
    page.locator("#salary-data").get_by_role("link", name="Estimate a range for your level and location").click()
    expect(page.get_by_label("Specialization or career")).to_have_value("data")
    expect(page.locator(".calc-figure__range")).to_have_text(f"{money_range((95_000, 120_000))} a year")
