"""The built site in a real Chromium: pages load, navigation works, no console errors."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import SiteFixture

pytestmark = pytest.mark.browser


def test_visitor_navigates_from_home_to_guide_to_career(site: SiteFixture, static_server, page: Page) -> None:  # type: ignore[no-untyped-def]
    site.build()
    base = static_server(site.out)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(base + "/")
    expect(page.locator("h1")).to_have_text("Test Careers")
    page.get_by_role("link", name="Data Engineering").first.click()
    expect(page).to_have_url(base + "/guides/data-engineering/")
    expect(page.locator(".stat__value").first).to_have_text("$120K–$190K")
    page.locator(".callout").get_by_role("link", name="career path").click()
    expect(page).to_have_url(base + "/careers/data-engineer/")
    expect(page.locator("h1")).to_have_text("Data Engineer")
    assert errors == []


def test_layout_fits_a_phone(site: SiteFixture, static_server, page: Page) -> None:  # type: ignore[no-untyped-def]
    site.build()
    base = static_server(site.out)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(base + "/guides/data-engineering/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow == 0
