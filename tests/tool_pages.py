"""Helpers for the tools' browser tests: serve under the site's CSP, watch the console, run axe-core."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from conftest import built_headers


def serve_with_csp(static_server: Callable[..., str], folder: Path) -> str:
    """Serve a built site with the security headers its build wrote into _headers."""
    return static_server(folder, built_headers(folder))


def watch_console(page: Page) -> list[str]:
    """Errors, warnings (CSP reports are warnings or errors) and uncaught exceptions, as they happen."""
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def axe_violations(page: Page) -> str:
    """An empty string when axe-core finds nothing, else its report."""
    results = Axe().run(page)
    return "" if results.violations_count == 0 else results.generate_report()
