"""Helpers for the tools' browser tests: serve under the site's CSP, watch the console, run axe-core."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'"


def serve_with_csp(static_server: Callable[..., str], folder: Path) -> str:
    return static_server(folder, {"Content-Security-Policy": CSP})


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
