"""Values from YAML and front matter reach pages as text: escaped in HTML, inert in JSON.

A site whose every text field (outside the editors' Markdown) holds markup and script is built;
no page may gain an element, an attribute or a script from it, and each value must read back
exactly as written. The browser half of this is in test_security_browser.py.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import REPO, SiteFixture
from guidegen.commands.build import build
from guidegen.content.site import Project

XSS = "</script><script>alert(1)</script><img src=x onerror=alert(2)>\"'{{ 7*7 }}"


def payload(label: str) -> str:
    """A distinct hostile value per field, so each field can be found on the page it feeds."""
    return f"{label} {XSS}"


def front_matter(fields: dict[str, Any], body: str) -> str:
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n" + body


def hostile_site(site: SiteFixture) -> None:
    """The test site with a payload in every text field that is not Markdown."""
    source = {"name": payload("source name"), "url": "https://survey.example/?a=1&b=<2>"}
    site.write(
        "content/site.yaml",
        yaml.safe_dump(
            {
                "title": payload("site title"),
                "base_url": "https://example.test/",
                "description": payload("site description"),
                "tagline": payload("tagline"),
                "nav": [{"title": payload("nav"), "url": "/guides/"}],
            },
            allow_unicode=True,
        ),
    )
    site.write(
        "content/guides/data-engineering.md",
        front_matter(
            {
                "title": payload("guide title"),
                "kicker": payload("kicker"),
                "badge": payload("badge"),
                "icon": payload("icon"),
                "summary": payload("guide summary"),
                "tldr": "Plain TL;DR.",
                "stats": [
                    {"value": payload("stat value"), "label": payload("stat label"), "source": source, "as_of": 2026},
                    {"value": "1", "label": "x", "source": {"unsourced": True, "note": payload("note")}},
                ],
                "callout": {"title": payload("callout title"), "body": "Plain body."},
                "career": "data-engineer",
                "salary": "data",
                "programs": {"title": payload("listing"), "description": payload("listing text"), "tags": ["data"]},
                "updated": "2026-10-01",
            },
            "## Why now\n\nPlain text.\n",
        ),
    )
    site.write(
        "content/careers/data-engineer.md",
        front_matter(
            {"title": payload("career title"), "summary": payload("career summary"), "salary": "data"},
            "## The role\n\nPlain text.\n",
        ),
    )
    site.write(
        "content/articles/choosing-a-data-program.md",
        front_matter(
            {
                "title": payload("article title"),
                "date": "2026-09-15",
                "summary": payload("article summary"),
                "tags": [payload("article tag")],
            },
            "Plain text.\n",
        ),
    )
    site.write(
        "content/salaries/data.yaml",
        yaml.safe_dump(
            {
                "title": payload("salary title"),
                "currency": "USD",
                "period": "year",
                "as_of": 2026,
                "source": {"unsourced": True, "note": payload("salary note")},
                "scope": payload("scope"),
                "levels": [{"level": payload("level"), "base": [1, 2]}],
                "locations": [{"name": payload("location"), "range": [1, 2]}],
            },
            allow_unicode=True,
        ),
    )
    site.write(
        "content/programs/catalog.yaml",
        yaml.safe_dump(
            [
                {
                    "id": "hostile",
                    "institution": payload("institution"),
                    "school": payload("school"),
                    "name": payload("program name"),
                    "type": "Master's",
                    "format": "Online",
                    "location": {"city": payload("city"), "region": payload("region"), "country": payload("country")},
                    "cost": {"amount": 1, "currency": "USD", "note": payload("cost note")},
                    "tags": ["data"],
                    "description": payload("program description"),
                    "url": "https://example.edu/?q=<script>",
                }
            ],
            allow_unicode=True,
        ),
    )


@pytest.fixture
def hostile(site: SiteFixture) -> SiteFixture:
    hostile_site(site)
    site.build(strict=True)
    return site


def pages(out: Path) -> Iterator[tuple[str, BeautifulSoup]]:
    for path in sorted(out.rglob("*.html")):
        yield path.relative_to(out).as_posix(), BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_no_value_adds_markup_to_any_page(hostile: SiteFixture) -> None:
    checked = 0
    for name, soup in pages(hostile.out):
        for element in soup.find_all(True):
            handlers = [attribute for attribute in element.attrs if attribute.lower().startswith("on")]
            assert handlers == [], f"{name}: <{element.name}> has {handlers}"
        for script in soup.find_all("script"):
            kind = script.get("type", "")
            assert (kind == "module" and script.get("src")) or kind == "application/ld+json", f"{name}: {script}"
        assert soup.find("img", src="x") is None, name
        raw = (hostile.out / name).read_text(encoding="utf-8")
        assert "<script>alert" not in raw, name
        assert "<img src=x" not in raw, name
        checked += 1
    assert checked >= 10


@pytest.mark.parametrize(
    ("site_path", "selector", "label"),
    [
        ("/", "h1", "site title"),
        ("/", ".home-hero__tagline", "tagline"),
        ("/", ".site-nav a", "nav"),
        ("/guides/data-engineering/", "h1 > .hero__icon", "icon"),
        ("/guides/data-engineering/", ".breadcrumbs [aria-current]", "guide title"),
        ("/guides/data-engineering/", ".kicker", "kicker"),
        ("/guides/data-engineering/", ".stat__value", "stat value"),
        ("/guides/data-engineering/", ".callout__title", "callout title"),
        ("/careers/data-engineer/", "h1", "career title"),
        ("/articles/choosing-a-data-program/", "h1", "article title"),
        ("/programs/hostile/", "h1", "program name"),
        ("/programs/", ".program-card__name a", "program name"),
    ],
)
def test_each_value_reads_back_as_text(hostile: SiteFixture, site_path: str, selector: str, label: str) -> None:
    element = hostile.html(site_path).select_one(selector)
    assert element is not None
    assert element.get_text().strip() == payload(label)


def test_values_in_attributes_stay_inside_them(hostile: SiteFixture) -> None:
    soup = hostile.html("/programs/hostile/")
    description = soup.find("meta", attrs={"name": "description"})
    assert description is not None
    assert description["content"] == payload("program description")
    assert soup.title is not None
    assert soup.title.get_text() == f"{payload('program name')}, {payload('institution')} | {payload('site title')}"
    official = soup.find("a", class_="button")
    assert official is not None
    assert official["href"] == "https://example.edu/?q=<script>"


def test_program_index_json_is_inert_and_exact(hostile: SiteFixture) -> None:
    raw = (hostile.out / "data/programs.json").read_text(encoding="utf-8")
    raw_text = (hostile.out / "data/programs-text.json").read_text(encoding="utf-8")
    for part in (raw, raw_text):  # safe even if a page ever inlines it in <script>
        assert re.search(r"[<>&\u2028\u2029]", part) is None
    index = json.loads(raw)
    assert json.loads(raw_text)["columns"]["name"] == [payload("program name")]
    assert index["dicts"]["institution"] == [payload("institution")]
    assert index["dicts"]["city"] == [payload("city")]


def test_json_ld_blocks_are_inert(hostile: SiteFixture) -> None:
    """Any structured data a template embeds must survive the payload as JSON and as HTML."""
    for name, soup in pages(hostile.out):
        for script in soup.find_all("script", type="application/ld+json"):
            text = script.string or ""
            assert "<" not in text, name
            json.loads(text)


def test_sitemap_stays_well_formed(hostile: SiteFixture) -> None:
    sitemap = ET.fromstring((hostile.out / "sitemap.xml").read_bytes())  # raises on malformed XML
    locations = [element.text or "" for element in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locations
    assert all(location.startswith("https://example.test/") for location in locations)


def test_shipped_site_has_no_inline_code_or_styles(tmp_path: Path) -> None:
    """What the Content-Security-Policy in docs/hosting.md forbids, checked on every shipped page."""
    out = tmp_path / "public"
    build(Project(root=REPO, out=out), strict=True)
    checked = 0
    for name, soup in pages(out):
        assert soup.find("style") is None, name
        for element in soup.find_all(True):
            assert "style" not in element.attrs, f"{name}: <{element.name} style=...>"
            assert not any(a.lower().startswith("on") for a in element.attrs), f"{name}: <{element.name}>"
            for attribute in ("href", "src", "action", "formaction"):
                value = str(element.get(attribute, ""))
                assert not value.strip().lower().startswith("javascript:"), f"{name}: {attribute}={value}"
        for script in soup.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", f"{name}: inline {script}"
        checked += 1
    assert checked >= 20


BASELINE_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'"


def documented_policies() -> dict[str, str]:
    """The Content-Security-Policy of each path of the `_headers` example in docs/hosting.md."""
    text = (REPO / "docs/hosting.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n(/\*\n.*?)```", text, re.S)
    assert block is not None, "docs/hosting.md must hold the _headers example"
    policies: dict[str, str] = {}
    path = ""
    for line in block.group(1).splitlines():
        if line.startswith("/"):
            path = line
        elif line.startswith("  Content-Security-Policy: "):
            assert path not in policies, f"two policies for {path}"
            policies[path] = line.removeprefix("  Content-Security-Policy: ")
    return policies


def documented_csp() -> str:
    """The site-wide policy of the `_headers` example."""
    return documented_policies()["/*"]


def test_documented_headers_agree_and_keep_the_baseline() -> None:
    policies = documented_policies()
    policy = policies["/*"]
    assert policy.startswith(BASELINE_CSP + ";")
    # only the search page and Pagefind's files may compile WebAssembly, and they may do nothing else more
    search = policy + "; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'"
    assert policies == {"/*": policy, "/search/*": search, "/pagefind/*": search}
    nginx = re.findall(r'add_header Content-Security-Policy "([^"]+)" always;', (REPO / "docs/hosting.md").read_text())
    assert nginx == [search, search, policy]  # the two search location blocks, then the server-wide header
    assert not (REPO / "static/_headers").exists()  # an example in the docs, not part of every published site
