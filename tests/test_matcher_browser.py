"""The Program Matcher in a real Chromium: ranking and reasons against an independent computation, URL state, accessibility."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import yaml
from playwright.sync_api import Page, expect

from conftest import REPO, SiteFixture
from guidegen.commands.build import build
from guidegen.content.site import Project
from matcher_reference import Criteria, Outcome, Ranked, rank
from tool_pages import axe_violations, serve_with_csp, watch_console

pytestmark = pytest.mark.browser

GOAL_TAGS = ("data-engineering", "databases")  # the fixture guide's programs.tags

CATALOG = """\
- id: alpha-ms-data
  institution: Alpha University
  name: MS in Data Engineering
  type: Master's
  format: Online
  location: {city: Boston, region: Massachusetts, country: United States}
  duration_months: 18
  cost: {amount: 42000, currency: USD}
  tags: [data-engineering, databases]
- id: beta-db-cert
  institution: Beta Institute
  name: Database Systems Certificate
  type: Certificate
  format: Hybrid
  location: {city: Toronto, region: Ontario, country: Canada}
  tags: [databases]
- id: delta-pipelines
  institution: Delta College
  name: Data Pipelines Certificate
  type: Certificate
  format: Online
  location: {city: Austin, region: Texas, country: United States}
  duration_months: 9
  cost: {amount: 12000, currency: USD}
  tags: [data-engineering]
- id: epsilon-msc
  institution: Epsilon University
  name: MSc Data Systems
  type: Master's
  format: On-Campus
  location: {city: Berlin, country: Germany}
  duration_months: 24
  cost: {amount: 9000, currency: EUR}
  tags: [databases, data-engineering]
- id: gamma-mba
  institution: Gamma Business School
  name: Full-Time MBA
  type: MBA
  format: On-Campus
  location: {city: London, country: United Kingdom}
  duration_months: 12
  tags: [business]
- id: kappa-ms-online
  institution: Kappa University
  name: Online MS in Data Engineering
  type: Master's
  format: Online
  location: {city: Seattle, region: Washington, country: United States}
  duration_months: 30
  cost: {amount: 60000, currency: USD}
  tags: [data-engineering, databases]
- id: lambda-bootcamp
  institution: Lambda Tech
  name: Data Engineering Certificate
  type: Certificate
  format: Online
  location: {city: Denver, region: Colorado, country: United States}
  duration_months: 6
  cost: {amount: 75000, currency: USD}
  tags: [data-engineering]
- id: mu-bs-data
  institution: Mu State University
  name: BS in Data Engineering
  type: Bachelor's
  format: On-Campus
  location: {city: Austin, region: Texas, country: United States}
  duration_months: 48
  cost: {amount: 80000, currency: USD}
  tags: [data-engineering]
- id: nu-ms-databases
  institution: Nu Online
  name: Online MS in Databases
  type: Master's
  format: Online
  location: {city: Toronto, region: Ontario, country: Canada}
  duration_months: 20
  tags: [databases]
"""
PROGRAMS = sorted(yaml.safe_load(CATALOG), key=lambda p: (p["institution"].casefold(), p["name"].casefold()))

CASES = {
    "formats-budget-duration": (
        Criteria(GOAL_TAGS, formats=("Online", "Hybrid"), budget=50_000, months=24),
        "?goal=data-engineering&format=Online&format=Hybrid&budget=50000&months=24",
    ),
    "types-and-country": (
        Criteria(GOAL_TAGS, types=("Certificate",), country="United States"),
        "?goal=data-engineering&type=Certificate&country=United+States",
    ),
    "region": (
        Criteria(GOAL_TAGS, country="United States", region="Texas"),
        "?goal=data-engineering&country=United+States&region=Texas",
    ),
    "foreign-currency": (
        Criteria(GOAL_TAGS, country="Germany", budget=50_000),
        "?goal=data-engineering&country=Germany&budget=50000",
    ),
    "nothing-chosen": (Criteria(GOAL_TAGS), "?goal=data-engineering"),
}


@pytest.fixture
def matcher(site: SiteFixture, static_server) -> str:  # type: ignore[no-untyped-def]
    site.write("content/programs/catalog.yaml", CATALOG)
    site.build()
    return serve_with_csp(static_server, site.out) + "/tools/program-matcher/"


def _cards(page: Page, slot: str) -> list[Ranked]:
    found = []
    for item in page.locator(f"[data-slot={slot}] > li").all():
        reasons = [
            (str(reason.get_attribute("data-status")), reason.locator("[data-slot=text]").inner_text())
            for reason in item.locator(".reason").all()
        ]
        found.append(Ranked(item.locator("h3").inner_text(), reasons, 0, 0, 0))
    return found


def _shown(ranked: list[Ranked]) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(r.name, r.reasons) for r in ranked]


def _left_out_text(outcome: Outcome) -> str:
    words = {
        "format": "not in a format you ticked",
        "type": "not a type you ticked",
        "place": "not in the place you chose",
        "budget": "over your budget by more than a quarter",
        "duration": "longer than your maximum by more than a quarter",
    }
    parts = []
    if outcome.left_out:
        programs = "more program on these topics was" if outcome.left_out == 1 else "more programs on these topics were"
        # the page lists reasons in the order it first meets them, in catalog order
        reasons = "; ".join(f"{count} {words[kind]}" for kind, count in outcome.left_out_by.items())
        parts.append(f"{outcome.left_out} {programs} left out: {reasons} (a program can miss more than one).")
    if outcome.off_topic:
        noun = "program" if outcome.off_topic == 1 else "programs"
        parts.append(f"{outcome.off_topic} {noun} in the catalog cover none of the goal's topics.")
    return " ".join(parts)


@pytest.mark.parametrize("case", list(CASES))
def test_ranking_and_reasons_match_an_independent_computation(matcher: str, page: Page, case: str) -> None:
    criteria, query = CASES[case]
    problems = watch_console(page)
    page.goto(matcher + query)
    expect(page.locator("#match-result")).to_be_visible()
    expected = rank(PROGRAMS, criteria)
    assert _shown(_cards(page, "matches")) == _shown(expected.matches)
    assert _shown(_cards(page, "near")) == _shown(expected.near_misses)
    if expected.near_misses:
        expect(page.locator("#match-near")).to_be_visible()
    else:
        expect(page.locator("#match-near")).to_be_hidden()
    expect(page.locator("[data-slot=excluded]")).to_have_text(_left_out_text(expected))
    assert problems == []


def test_the_first_case_worked_by_hand(matcher: str, page: Page) -> None:
    """The independent computation itself, checked against reasoning written out by hand."""
    outcome = rank(PROGRAMS, CASES["formats-budget-duration"][0])
    # Alpha covers both topics and fits both limits; Delta and Nu one topic, Delta with both figures
    # known, Nu with the duration known; Beta lists neither figure.
    assert [r.name for r in outcome.matches] == [
        "MS in Data Engineering",
        "Data Pipelines Certificate",
        "Online MS in Databases",
        "Database Systems Certificate",
    ]
    # Kappa: $60,000 against $50,000 (within a quarter) and 30 months against 24 (exactly a quarter)
    assert _shown(outcome.near_misses) == [
        (
            "Online MS in Data Engineering",
            [
                ("met", "Topics: data-engineering, databases (2 of the goal's 2)"),
                ("met", "Online"),
                ("missed", "$60,000: over your $50,000 budget"),
                ("missed", "30 months: longer than your 24"),
            ],
        )
    ]
    # Epsilon and Mu are on campus, Lambda costs $75,000 (more than a quarter over), Mu also too long
    assert (outcome.left_out, outcome.left_out_by) == (3, {"format": 2, "budget": 2, "duration": 1})
    assert outcome.off_topic == 1


def test_summary_is_announced(matcher: str, page: Page) -> None:
    page.goto(matcher + CASES["formats-budget-duration"][1])
    summary = page.locator("[data-slot=summary]")
    expect(summary).to_have_attribute("role", "status")
    expect(summary).to_have_text("4 programs match your choices for Data Engineering, and 1 near miss.")
    page.get_by_role("checkbox", name="Hybrid").focus()
    page.keyboard.press("Space")  # untick Hybrid: the Beta certificate (Hybrid) drops out
    expect(summary).to_have_text("3 programs match your choices for Data Engineering, and 1 near miss.")


def _catalog_query(criteria: Criteria) -> str:
    """docs/catalog-url.md: repeatable fields in the order type, format, country, region, tag; then the limits."""
    pairs: list[tuple[str, str]] = []
    pairs += [("type", v) for v in criteria.types]
    pairs += [("format", v) for v in criteria.formats]
    pairs += [("country", criteria.country)] if criteria.country else []
    pairs += [("region", criteria.region)] if criteria.region else []
    pairs += [("tag", v) for v in criteria.tags]
    pairs += [("duration_max", str(criteria.months))] if criteria.months is not None else []
    pairs += [("cost_max", str(criteria.budget))] if criteria.budget is not None else []
    return "?" + urlencode(pairs)


@pytest.mark.parametrize("case", ["formats-budget-duration", "region"])
def test_links_into_the_catalog_and_to_each_program(matcher: str, page: Page, case: str) -> None:
    criteria, query = CASES[case]
    page.goto(matcher + query)
    catalog = page.get_by_role("link", name="See these filters in the program catalog")
    expect(catalog).to_have_attribute("href", "/programs/" + _catalog_query(criteria))
    first = page.locator("[data-slot=matches] > li").first.locator("h3 a")
    name = first.inner_text()
    first.click()
    expect(page.locator("h1")).to_have_text(name)


def test_url_state_round_trips(matcher: str, page: Page) -> None:
    page.goto(matcher)
    page.get_by_role("checkbox", name="Online").check()
    page.get_by_role("checkbox", name="Certificate").check()
    page.get_by_label("Region or country").select_option(label="Texas, United States")
    page.get_by_label("Maximum budget (US dollars, total tuition)").fill("20000")
    page.get_by_label("Maximum duration (months)").fill("12")
    page.get_by_role("button", name="Show matches").click()
    expect(page).to_have_url(re.compile(r"months=12"))
    assert parse_qsl(urlsplit(page.url).query) == [
        ("goal", "data-engineering"),
        ("format", "Online"),
        ("type", "Certificate"),
        ("country", "United States"),
        ("region", "Texas"),
        ("budget", "20000"),
        ("months", "12"),
    ]
    shown = _shown(_cards(page, "matches"))
    assert [name for name, _ in shown] == ["Data Pipelines Certificate"]
    share = page.locator("#match-result [data-slot=share]").get_attribute("href")

    page.goto("about:blank")
    page.goto(matcher.removesuffix("/tools/program-matcher/") + str(share))
    expect(page.get_by_role("checkbox", name="Online")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Hybrid")).not_to_be_checked()
    expect(page.get_by_role("checkbox", name="Certificate")).to_be_checked()
    expect(page.get_by_label("Region or country")).to_have_value("United States/Texas")
    expect(page.get_by_label("Maximum budget (US dollars, total tuition)")).to_have_value("20000")
    expect(page.get_by_label("Maximum duration (months)")).to_have_value("12")
    assert _shown(_cards(page, "matches")) == shown

    page.get_by_role("button", name="Clear").click()
    expect(page).to_have_url(re.compile(r"\?goal=data-engineering$"))
    expect(page.get_by_role("checkbox", name="Online")).not_to_be_checked()


def test_form_offers_what_the_catalog_holds(matcher: str, page: Page) -> None:
    page.goto(matcher)
    goal = page.get_by_label("Your goal")
    expect(goal.locator("option")).to_have_text(["Data Engineering"])
    expect(goal.locator("option")).to_have_attribute("data-tags", " ".join(GOAL_TAGS))
    formats = page.get_by_role("group", name="Formats you can attend").get_by_role("checkbox")
    expect(formats).to_have_count(3)
    types = page.get_by_role("group", name="Program types of interest").locator("label")
    expect(types).to_have_text(["Bachelor's", "Master's", "MBA", "Certificate"])
    where = page.get_by_label("Region or country").locator("option")
    expect(where).to_have_text(
        [
            "Anywhere",
            "All of Canada",
            "Ontario, Canada",
            "All of Germany",
            "All of United Kingdom",
            "All of United States",
            "Colorado, United States",
            "Massachusetts, United States",
            "Texas, United States",
            "Washington, United States",
        ]
    )


def test_axe_finds_no_violations(matcher: str, page: Page) -> None:
    page.goto(matcher + CASES["formats-budget-duration"][1])
    expect(page.locator("#match-near")).to_be_visible()
    assert axe_violations(page) == ""
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0


def _real_catalog(out: Path) -> list[dict[str, Any]]:
    """The repository's programs, in the order of the built index (the catalog's order)."""
    records = {
        p["id"]: p for f in sorted((REPO / "content/programs").glob("*.yaml")) for p in yaml.safe_load(f.read_text())
    }
    text = json.loads((out / "data/programs-text.json").read_text())  # the index's part with the ids
    return [records[program_id] for program_id in text["columns"]["id"]]


def test_the_mlops_guide_links_to_a_matcher_using_the_real_catalog(tmp_path: Path, static_server, page: Page) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "public"
    build(Project(root=REPO, out=out))
    guide = yaml.safe_load((REPO / "content/guides/mlops-ai-engineering.md").read_text().split("---")[1])
    tags = tuple(guide["programs"]["tags"])
    problems = watch_console(page)
    page.goto(serve_with_csp(static_server, out) + "/guides/mlops-ai-engineering/")
    page.locator(".prose").get_by_role("link", name="Program Matcher").click()
    expect(page).to_have_url(re.compile(r"/tools/program-matcher/\?goal=mlops-ai-engineering"))

    page.get_by_label("Maximum duration (months)").fill("24")
    page.get_by_role("button", name="Show matches").click()
    expected = rank(_real_catalog(out), Criteria(tags, months=24))
    assert len(expected.matches) > 10  # enough to need "Show all"
    assert _shown(_cards(page, "matches")) == _shown(expected.matches[:10])
    page.get_by_role("button", name=f"Show all {len(expected.matches)} matches").click()
    assert _shown(_cards(page, "matches")) == _shown(expected.matches)
    expect(page.locator("[data-slot=matches] > li").nth(10).locator("a")).to_be_focused()
    assert problems == []
