"""Shared fixtures: small sites built in a temp dir, and a real Chromium for browser tests."""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page

from guidegen.commands.build import BuildReport, build
from guidegen.content.site import Project
from guidegen.render.theme import THEME

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

SITE_YAML = """\
title: Test Careers
base_url: https://example.test/
language: en
description: A small site for tests.
nav:
  - {title: Guides, url: /guides/}
  - {title: Programs, url: /programs/}
"""

GUIDE_MD = """\
---
title: Data Engineering
kicker: Data Specialization
badge: Rising 2027
tldr: Data engineers build the **pipelines** that feed analytics.
stats:
  - value: "$120K–$190K"
    label: Data Engineer Salary
    source: {name: Example Survey, url: "https://survey.example/"}
    as_of: 2026-06-01
  - value: "4.2x"
    label: Growth in 5 Years
    source: {unsourced: true, note: Industry estimate.}
    as_of: 2026
callout:
  title: Why it matters
  body: Pipelines break quietly. See the [career path](/careers/data-engineer/).
career: data-engineer
salary: data
programs:
  title: Data Programs
  description: Programs about data.
  tags: [data-engineering, databases]
updated: 2026-10-01
---

## Why now

Teams need reliable data. Try the [Salary Calculator](/tools/salary-calculator/).

## Skills

SQL and Python. See [why now](#why-now).
"""

CAREER_MD = """\
---
title: Data Engineer
summary: Builds and runs data pipelines.
salary: data
guides: [data-engineering]
---

## What the role does

Moves data. Read the [guide](/guides/data-engineering/).
"""

ARTICLE_MD = """\
---
title: Choosing a Data Program
date: 2026-09-15
summary: How to compare data programs.
tags: [programs]
---

## Compare costs

Look at the [catalog](/programs/).
"""

SALARY_YAML = """\
title: Data Engineer Salaries
currency: USD
period: year
as_of: 2026
source: {unsourced: true, note: Compiled for tests.}
levels:
  - level: Entry
    base: [95000, 120000]
    total: [110000, 140000]
  - level: Senior
    years: [5, null]
    total: [180000, null]
locations:
  - name: Austin
    range: [100000, 150000]
"""

# a monthly table in another currency, with a named source, as of March 2023
SURVEY_YAML = """\
title: Data Analyst Salaries
currency: EUR
period: month
as_of: 2023-03-01
source: {name: Example Pay Survey, url: "https://survey.example/pay"}
levels:
  - level: Junior
    years: [0, 2]
    base: [4000, 5500]
locations:
  - name: Berlin
    range: [4200, 5000]
  - name: Munich
    range: [4600, 5800]
"""

PROGRAMS_YAML = """\
- id: alpha-ms-data
  institution: Alpha University
  name: MS in Data Engineering
  type: Master's
  format: Online
  location: {city: Boston, region: Massachusetts, country: United States}
  duration_months: 18
  cost: {amount: 42000, currency: USD}
  tags: [data-engineering]
- id: beta-db-cert
  institution: Beta Institute
  name: Database Systems Certificate
  type: Certificate
  format: Hybrid
  location: {city: Toronto, region: Ontario, country: Canada}
  tags: [databases]
- id: gamma-mba
  institution: Gamma Business School
  name: Full-Time MBA
  type: MBA
  format: On-Campus
  location: {city: London, country: United Kingdom}
  duration_months: 12
  tags: [business]
"""

BASE_FILES = {
    "content/site.yaml": SITE_YAML,
    "content/guides/data-engineering.md": GUIDE_MD,
    "content/careers/data-engineer.md": CAREER_MD,
    "content/articles/choosing-a-data-program.md": ARTICLE_MD,
    "content/salaries/data.yaml": SALARY_YAML,
    "content/programs/catalog.yaml": PROGRAMS_YAML,
}


class SiteFixture:
    """A small project in a temp dir.

    Like a site made by `guidegen init`, it has content/ only: its templates and static files are
    the theme's, in the package. A test that writes templates/ or static/ gives the site its own
    file over the theme's; read() of a file the site does not have reads the theme's. With
    theme_copied, every theme file is first copied into the site, each one an override.
    Its builds in this process (build(), project) are without search, as with --no-search,
    unless search is True: indexing is a Pagefind process of its own per build, most of a small
    site's build, and only a test of search needs it.
    """

    def __init__(self, root: Path, *, theme_copied: bool = False, search: bool = False) -> None:
        self.root = root
        self.out = root / "public"
        if theme_copied:
            shutil.copytree(THEME / "templates", root / "templates")
            shutil.copytree(THEME / "static", root / "static")
        self.search = search
        for name, text in BASE_FILES.items():
            self.write(name, text)

    @property
    def project(self) -> Project:
        return Project(root=self.root, out=self.out, search=None if self.search else False)

    def write(self, name: str, text: str | bytes) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def read(self, name: str) -> str:
        path = self.root / name
        if not path.exists() and name.startswith(("templates/", "static/")):
            path = THEME / name
        return path.read_text(encoding="utf-8")

    def remove(self, name: str) -> None:
        (self.root / name).unlink()

    def build(self, *, strict: bool = False) -> BuildReport:
        return build(self.project, strict=strict)

    def html(self, site_path: str) -> BeautifulSoup:
        relative = site_path.lstrip("/")
        file = self.out / (relative + "index.html" if relative.endswith("/") or not relative else relative)
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "guidegen", *args, "--root", str(self.root)],
            capture_output=True,
            text=True,
            check=False,
            cwd=self.root,
        )


@pytest.fixture
def site(tmp_path: Path) -> SiteFixture:
    return SiteFixture(tmp_path / "site")


def built_headers(out: Path, rule: str = "/*") -> dict[str, str]:
    """The headers a built site's _headers file gives one rule: what Netlify and Cloudflare Pages send."""
    headers: dict[str, str] = {}
    current = None
    for line in (out / "_headers").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(" "):
            current = line
        elif line.strip() and current == rule:
            name, value = line.strip().split(": ", 1)
            headers[name] = value
    return headers


def built_path_headers(out: Path) -> dict[str, dict[str, str]]:
    """Each rule of _headers after `/*`, as serve_folder's path_headers: the path before its `*`, and its headers."""
    lines = (out / "_headers").read_text(encoding="utf-8").splitlines()
    rules = [line for line in lines if line and not line.startswith(" ") and line != "/*"]
    return {rule.removesuffix("*"): built_headers(out, rule) for rule in rules}


def indexed_text(out: Path) -> str:
    """The words of every record of a built site's search index (its fragments: gzipped JSON after a signature)."""
    return "".join(
        gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        for path in sorted((out / "pagefind/fragment").iterdir())
    )


def tree_snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder with its bytes, to prove an output was not touched."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# What a static host compresses (nginx `gzip_types`, and the defaults of Netlify, Cloudflare, GitHub Pages)
_COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: ClassVar[dict[str, str]] = {}
    path_headers: ClassVar[dict[str, dict[str, str]]] = {}  # path prefix -> headers replacing those of its names
    compress: ClassVar[bool] = False

    def end_headers(self) -> None:
        headers = dict(self.extra_headers)
        for prefix in sorted(self.path_headers, key=len):
            if self.path.startswith(prefix):
                headers.update(self.path_headers[prefix])
        for name, value in headers.items():
            self.send_header(name, value)
        super().end_headers()

    def do_GET(self) -> None:
        if not (self.compress and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if not path.is_file() or not content_type.startswith(_COMPRESSED_TYPES):
            return super().do_GET()  # directories without '/', missing files, images: as before
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve_folder(
    folder: Path,
    headers: dict[str, str] | None = None,
    *,
    compress: bool = False,
    path_headers: dict[str, dict[str, str]] | None = None,
) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve a built site on a free localhost port, like a static host would.

    With compress, text files go out gzipped to clients that accept it, as every mainstream host sends them.
    path_headers replaces headers under a path prefix (the search page's own policy, as in docs/hosting.md)."""
    attributes = {"extra_headers": headers or {}, "path_headers": path_headers or {}, "compress": compress}
    handler = type("Handler", (_QuietHandler,), attributes)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def static_server() -> Iterator[object]:
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(
        folder: Path, headers: dict[str, str] | None = None, path_headers: dict[str, dict[str, str]] | None = None
    ) -> str:
        server, url = serve_folder(folder, headers, path_headers=path_headers)
        servers.append(server)
        return url

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


# Browser tests: Debian's Chromium driven by Playwright.
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM:
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError("CI=true but no Chromium found: install Debian's chromium package")
    skip = pytest.mark.skip(reason="NO CHROMIUM FOUND: browser tests skipped (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, object]) -> dict[str, object]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def errors(page: Page) -> Iterator[list[str]]:
    """Console errors and warnings (CSP violations among them) and uncaught exceptions of a browser test's
    page; none may happen."""
    seen: list[str] = []
    page.on("console", lambda message: seen.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: seen.append(str(error)))
    yield seen
    assert seen == []
