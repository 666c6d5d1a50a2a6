"""Salary charts as a browser draws them: bars where the figures say, on a phone too, and accessible."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import SiteFixture
from tool_pages import axe_violations, serve_with_csp, watch_console

pytestmark = pytest.mark.browser

# tests/conftest.py SALARY_YAML: Entry base 95K–120K, total 110K–140K; Senior total 180K+; Austin 100K–150K.
# Its charts run from $0 to $250K.
SCALE = 250_000


@pytest.mark.parametrize("width", [1280, 375])
def test_bars_are_drawn_where_the_figures_say(site: SiteFixture, static_server, page: Page, width: int) -> None:  # type: ignore[no-untyped-def]
    site.build()
    problems = watch_console(page)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(serve_with_csp(static_server, site.out) + "/guides/data-engineering/")
    svg = page.locator("#salary-data-levels-chart svg")
    expect(svg).to_be_visible()
    box = svg.bounding_box()
    assert box is not None
    bars = [rect.bounding_box() for rect in svg.locator("rect").all()]
    expected = [(95_000, 120_000), (110_000, 140_000), (180_000, SCALE)]  # the open bar runs to the edge
    for drawn, (low, high) in zip(bars, expected, strict=True):
        assert drawn is not None
        assert abs(drawn["x"] - (box["x"] + box["width"] * low / SCALE)) < 1
        assert abs(drawn["x"] + drawn["width"] - (box["x"] + box["width"] * high / SCALE)) < 1
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0
    assert problems == []


@pytest.mark.parametrize("path", ["/guides/data-engineering/", "/careers/data-engineer/"])
def test_pages_with_charts_pass_axe(site: SiteFixture, static_server, page: Page, path: str) -> None:  # type: ignore[no-untyped-def]
    site.build()
    page.goto(serve_with_csp(static_server, site.out) + path)
    expect(page.get_by_role("img", name="Data Engineer Salaries: salary by level")).to_be_visible()
    assert axe_violations(page) == ""
