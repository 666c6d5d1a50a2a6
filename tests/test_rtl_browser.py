"""A right-to-left page in a real Chromium, served with the site's generated security headers."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page

from conftest import REPO, SiteFixture
from tool_pages import axe_violations, serve_with_csp, watch_console

pytestmark = pytest.mark.browser

ARABIC = """---
title: مسار مهني في البيانات
date: 2026-09-01
summary: دليل قصير لمن يبدأ العمل في هندسة البيانات.
tags: [data]
language: ar
---

## كيف تبدأ مسيرتك

ابدأ بخطوة صغيرة كل يوم.

![مخطط يوضح مراحل التعلم](/img/steps.png)

<div dir="rtl" markdown="1">

## خطوات **مهمة**

تعلم **الأساسيات** أولاً ثم [اقرأ الدليل](/guides/data-engineering/).

</div>
"""
COLLECT_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> SiteFixture:
    site = SiteFixture(tmp_path_factory.mktemp("rtl") / "site")
    picture = io.BytesIO()
    Image.new("RGB", (1200, 600), (30, 110, 90)).save(picture, "PNG")
    site.write("static/img/steps.png", picture.getvalue())
    site.write("content/articles/arabi.md", ARABIC)
    site.build(strict=True)
    return site


def test_rtl_page_runs_right_to_left_under_the_generated_csp(
    arabic: SiteFixture,
    static_server,  # type: ignore[no-untyped-def]
    page: Page,
) -> None:
    problems = watch_console(page)
    page.add_init_script(COLLECT_VIOLATIONS)
    page.set_viewport_size({"width": 1024, "height": 900})
    page.goto(serve_with_csp(static_server, arabic.out) + "/articles/arabi/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    paragraph = page.locator(".prose p").first
    assert paragraph.evaluate("p => getComputedStyle(p).direction") == "rtl"
    # the first letter of the sentence is drawn right of its last one
    first_x, last_x = paragraph.evaluate(
        """p => {
            const text = p.firstChild, range = document.createRange();
            range.setStart(text, 0); range.setEnd(text, 1);
            const first = range.getBoundingClientRect().left;
            range.setStart(text, text.length - 2); range.setEnd(text, text.length - 1);
            return [first, range.getBoundingClientRect().left];
        }"""
    )
    assert first_x > last_x
    box, text_right = paragraph.evaluate(
        "p => { const r = document.createRange(); r.selectNodeContents(p);"
        " return [p.getBoundingClientRect().right, r.getBoundingClientRect().right]; }"
    )
    assert abs(box - text_right) < 2  # the line starts at the right edge
    assert page.locator(".site-header").evaluate("h => getComputedStyle(h).direction") == "ltr"
    # Markdown inside the dir="rtl" block was converted, and the image came from its WebP variants
    assert page.locator('.prose div[dir="rtl"] h2 strong').inner_text() == "مهمة"
    image = page.locator(".prose picture img")
    assert image.evaluate("img => img.complete && img.naturalWidth") > 0
    assert "/variants/" in image.evaluate("img => img.currentSrc")
    assert page.evaluate("window.__violations") == []
    assert problems == []
    assert axe_violations(page) == ""
    shots = REPO / "test-results"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(Path(shots) / "rtl-article.png"), full_page=True)
