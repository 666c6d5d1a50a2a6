"""The Salary Calculator in a real Chromium on percentile tables: by location (no levels) and by level."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import SiteFixture, serve_folder
from tool_pages import axe_violations, serve_with_csp, watch_console

pytestmark = pytest.mark.browser

# BLS OEWS May 2025, Data Scientists (15-2051): sample input shaped like an imported table
BY_LOCATION = """\
title: Data Scientists Wages
currency: USD
period: year
as_of: 2025-05
source: {name: "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics", url: "https://www.bls.gov/oes/"}
top_code: 239200
levels: []
locations:
  - name: National
    percentiles: {p10: 67240, p25: 85660, median: 120230, p75: 158880, p90: 199130}
  - name: Seattle-Tacoma-Bellevue, WA
    percentiles: {p10: 81130, p25: 108740, median: 164740, p75: 210370, p90: 230980}
  - name: Grand Rapids-Wyoming-Kentwood, MI
    percentiles: {p10: 185960, p25: 197150, median: 228760, p75: null, p90: null}
    top_coded: [p75, p90]
"""

BY_LEVEL = """\
title: Analyst Wages
currency: USD
period: year
as_of: 2026-06
source: {name: Example Pay Survey, url: "https://survey.example/pay"}
levels:
  - level: Junior
    base: [60000, 80000]
    percentiles: {p25: 64000, median: 70000, p75: 78000}
locations:
  - name: Austin
    range: [60000, 100000]
  - name: Boston
    percentiles: {median: 100000}
"""


@pytest.fixture(scope="module")
def calculator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = SiteFixture(tmp_path_factory.mktemp("percentile-calculator"))
    site.write("content/salaries/data.yaml", BY_LOCATION)
    site.write("content/salaries/analyst.yaml", BY_LEVEL)
    site.build()
    servers: list[object] = []

    def start(folder: Path, headers: dict[str, str] | None = None) -> str:
        server, url = serve_folder(folder, headers)
        servers.append(server)
        return url

    yield serve_with_csp(start, site.out) + "/tools/salary-calculator/"
    for server in servers:
        server.shutdown()  # type: ignore[attr-defined]
        server.server_close()  # type: ignore[attr-defined]


def test_a_location_shows_its_median_and_middle_band_as_published(calculator: str, page: Page) -> None:
    problems = watch_console(page)
    page.goto(calculator + "?table=data")
    expect(page.get_by_label("Level", exact=True)).to_be_hidden()
    expect(page.get_by_role("group", name="Pay basis")).to_be_hidden()
    expect(page.get_by_label("Location", exact=True)).to_have_value("National")
    options = page.get_by_label("Location", exact=True).locator("option").all_inner_texts()
    assert options == ["National", "Seattle-Tacoma-Bellevue, WA", "Grand Rapids-Wyoming-Kentwood, MI"]
    expect(page.locator(".calc-figure__range")).to_have_text("Median $120,230 a year")
    expect(page.locator("[data-slot=band]")).to_have_text(
        "Middle half of the workers counted (25th to 75th percentile): $85,660 to $158,880."
    )
    page.get_by_label("Location", exact=True).select_option("Seattle-Tacoma-Bellevue, WA")
    expect(page.locator(".calc-figure__range")).to_have_text("Median $164,740 a year")
    expect(page.locator("[data-slot=band]")).to_contain_text("$108,740 to $210,370")
    expect(page.locator(".calc-figure__what")).to_have_text(
        "Wage percentiles, Seattle-Tacoma-Bellevue, WA. Data Scientists Wages."
    )
    steps = page.locator("[data-slot=steps] > li")
    expect(steps).to_have_count(2)
    expect(steps.nth(0)).to_contain_text(
        'the "Seattle-Tacoma-Bellevue, WA" row of Wage percentiles by location in the table "Data Scientists Wages": '
        "median $164,740, 25th percentile $108,740, 75th percentile $210,370."
    )
    expect(steps.nth(0)).to_contain_text("No location factor")
    expect(steps.nth(1)).to_contain_text("As of May 2025.")
    assert "location=Seattle-Tacoma-Bellevue%2C+WA" in page.url
    assert "level=" not in page.url
    link = steps.nth(0).get_by_role("link", name="See the table.")
    assert link.get_attribute("href") == "#salary-data-location-percentiles"
    assert problems == []


def test_a_top_coded_end_stays_open(calculator: str, page: Page) -> None:
    page.goto(calculator + "?table=data&location=Grand+Rapids-Wyoming-Kentwood%2C+MI")
    expect(page.locator(".calc-figure__range")).to_have_text("Median $228,760 a year")
    expect(page.locator("[data-slot=band]")).to_have_text(
        "Middle half of the workers counted (25th to 75th percentile): $197,150 to $239,200 or more."
    )


def test_a_level_with_percentiles_uses_its_median_and_band_with_the_location_factor(
    calculator: str, page: Page
) -> None:
    page.goto(calculator + "?table=analyst")
    expect(page.get_by_role("radio", name="Wage percentiles")).to_be_enabled()
    page.get_by_role("radio", name="Wage percentiles").check()
    expect(page.locator(".calc-figure__range")).to_have_text("Median $70,000 a year")
    expect(page.locator("[data-slot=band]")).to_contain_text("$64,000 to $78,000")
    page.get_by_label("Location", exact=True).select_option("Boston")
    # Boston's centre is its median, 100,000; Austin's the midpoint 80,000; the reference their average
    factor = 100_000 / ((80_000 + 100_000) / 2)
    shown = [math.floor(value * factor / 1000 + 0.5) * 1000 for value in (70_000, 64_000, 78_000)]
    expect(page.locator(".calc-figure__range")).to_have_text(f"Median ${shown[0]:,} a year")
    expect(page.locator("[data-slot=band]")).to_contain_text(f"${shown[1]:,} to ${shown[2]:,}")
    steps = page.locator("[data-slot=steps] > li")
    expect(steps.nth(0)).to_contain_text("The estimate uses its median and its 25th to 75th percentile band.")
    expect(steps.nth(1)).to_contain_text("Location factor: $100,000 ÷ $90,000 = 1.1111")
    page.get_by_role("radio", name="Base salary").check()
    expect(page.locator(".calc-figure__range")).to_have_text("$67K–$89K a year")


def test_axe_finds_no_violations_on_a_percentile_table(calculator: str, page: Page) -> None:
    page.goto(calculator + "?table=data&location=Grand+Rapids-Wyoming-Kentwood%2C+MI")
    expect(page.locator("#calc-result")).to_be_visible()
    assert axe_violations(page) == ""
