"""In a real Chromium: hostile values execute nothing, and the site runs under a strict CSP.

The headers are the ones the build writes into `_headers` for static hosts (their policy contains
`default-src 'self'; img-src 'self' data:; style-src 'self'`). Violations are
collected twice: from `securitypolicyviolation` events (a listener Playwright installs before
any page script, which CSP does not apply to) and from the console, where Chromium reports
every refused inline script, handler and style. A probe page with inline code proves the
collector sees violations, so an empty list means something.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page, expect

from conftest import BASE_FILES, REPO, SiteFixture, built_headers, built_path_headers
from test_security import XSS, hostile_site, payload

pytestmark = pytest.mark.browser

COLLECT_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
});
"""


class Watcher:
    """Everything a page does that it must not: dialogs, errors, CSP violations."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.console: list[str] = []
        page.add_init_script(COLLECT_VIOLATIONS)
        page.on("dialog", self._dialog)
        page.on("console", lambda message: self.console.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: self.console.append(str(error)))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def visit(self, url: str) -> list[str]:
        """Load url and return the CSP violations it caused."""
        self.page.goto(url)
        self.page.wait_for_load_state("networkidle")
        return list(self.page.evaluate("window.__violations"))


@pytest.fixture
def watcher(page: Page) -> Watcher:
    return Watcher(page)


def page_kinds(out: Path) -> list[str]:
    """One page of every kind: each section's index and its first page, the tools, the 404 page."""
    paths = sorted(
        "/" + p.relative_to(out).as_posix().removesuffix("index.html") for p in out.rglob("*.html") if p.is_file()
    )
    chosen: dict[tuple[str, int], str] = {}
    for path in paths:
        parts = [part for part in path.split("/") if part]
        chosen.setdefault((parts[0] if parts else "", len(parts)), path)
    return sorted(chosen.values())


def test_hostile_values_execute_nothing(site: SiteFixture, static_server: Any, watcher: Watcher) -> None:
    hostile_site(site)
    site.build(strict=True)
    base = static_server(site.out)  # no CSP here: escaping alone must hold
    visited = sorted({*page_kinds(site.out), "/programs/hostile/"})  # /programs/compare/ is the first of its depth
    assert {"/", "/programs/", "/programs/hostile/", "/guides/data-engineering/", "/404.html"} <= set(visited)
    for path in visited:
        watcher.visit(base + path)
        assert watcher.page.locator("img[src='x'], [onerror]").count() == 0, path
        assert watcher.page.evaluate("window.__xss === undefined"), path
    assert watcher.dialogs == []
    assert watcher.console == []
    watcher.visit(base + "/programs/hostile/")
    expect(watcher.page.locator("h1")).to_have_text(payload("program name"))
    assert watcher.page.title().startswith(payload("program name"))
    assert XSS in watcher.page.locator(".program-card__name, h1").first.inner_text()


def test_shipped_site_runs_under_the_csp(tmp_path: Path, static_server: Any, watcher: Watcher) -> None:
    from guidegen.commands.build import build
    from guidegen.content.site import Project

    out = tmp_path / "public"
    build(Project(root=REPO, out=out), strict=True)
    (out / "csp-probe.html").write_text(
        '<!doctype html><title>probe</title><p style="color: red" onclick="1">x</p><script>1</script>\n'
    )
    headers = built_headers(out)
    assert headers["Content-Security-Policy"].startswith("default-src 'self'; img-src 'self' data:; style-src 'self'")
    # as Netlify serves _headers: the search paths' rule replaces the site-wide policy there
    paths = built_path_headers(out)
    assert list(paths) == ["/search/", "/pagefind/"]
    base = static_server(out, headers, paths)

    probe = watcher.visit(base + "/csp-probe.html")
    assert len(probe) >= 2, f"the collector saw {probe}: inline script and style attribute must both be reported"
    watcher.console.clear()

    visited = page_kinds(out)
    assert len(visited) >= 10
    assert "/search/" in visited
    for path in visited:
        if path == "/csp-probe.html":
            continue
        assert watcher.visit(base + path) == [], path
        # the stylesheet applied: the page is styled, not raw HTML
        assert watcher.page.evaluate("document.styleSheets.length") >= 1, path
        assert watcher.page.evaluate("getComputedStyle(document.body).marginTop") == "0px", path
    assert watcher.console == []
    assert watcher.dialogs == []


@pytest.fixture
def catalog(site: SiteFixture, static_server: Any) -> str:
    site.build()
    return str(static_server(site.out, built_headers(site.out)))


def program_ids(format_: str | None = None) -> list[str]:
    """The test catalog's program ids, read from the YAML itself (optionally of one format)."""
    programs = yaml.safe_load(BASE_FILES["content/programs/catalog.yaml"])
    return sorted(p["id"] for p in programs if format_ is None or p["format"] == format_)


VISIBLE_PROGRAMS = """() => [...document.querySelectorAll("main a[href]")]
    .filter((a) => a.checkVisibility() && /^\\/programs\\/(?!page\\/)[a-z0-9-]+\\/$/.test(a.pathname))
    .map((a) => a.pathname.split("/")[2])"""


def test_server_rendered_catalog_works_under_the_csp(catalog: str, watcher: Watcher) -> None:
    assert watcher.visit(catalog + "/programs/") == []
    shown = sorted(set(watcher.page.evaluate(VISIBLE_PROGRAMS)))
    assert shown == program_ids()
    first = program_ids()[0]
    watcher.page.locator(f"main a[href$='/programs/{first}/']").first.click()
    expect(watcher.page).to_have_url(re.compile(f"/programs/{first}/$"))
    assert watcher.page.evaluate("window.__violations") == []
    assert watcher.console == []


def test_catalog_filters_from_the_url_under_the_csp(catalog: str, watcher: Watcher) -> None:
    """docs/catalog-url.md: /programs/?format=Online shows only the Online programs."""
    online = program_ids("Online")
    assert online != program_ids()  # the filter has something to remove
    assert watcher.visit(catalog + "/programs/?format=Online") == []
    watcher.page.wait_for_function(
        f"(expected) => JSON.stringify([...new Set(({VISIBLE_PROGRAMS})())].sort()) === JSON.stringify(expected)",
        arg=online,
        timeout=5000,
    )
    assert sorted(set(watcher.page.evaluate(VISIBLE_PROGRAMS))) == online
    assert watcher.page.evaluate("window.__violations") == []
    assert watcher.console == []
