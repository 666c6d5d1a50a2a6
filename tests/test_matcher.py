"""The Program Matcher's page without a browser: the form offers what the catalog holds, and a fallback."""

from __future__ import annotations

import json

from conftest import GUIDE_MD, SiteFixture


def test_goals_are_the_guides_that_list_programs(site: SiteFixture) -> None:
    site.write(
        "content/guides/no-listing.md",
        GUIDE_MD.replace("title: Data Engineering", "title: Cloud Security").split("programs:\n")[0]
        + "updated: 2026-10-01\n---\n\n## Body\n\nText.\n",
    )
    site.build()
    page = site.html("/tools/program-matcher/")
    options = [(o["value"], o["data-tags"], o.get_text()) for o in page.select("#match-goal option")]
    assert options == [("data-engineering", "data-engineering databases", "Data Engineering")]
    fallback = page.select_one("[data-tool-fallback]")
    assert [a["href"] for a in fallback.select("a")] == ["/programs/", "/guides/data-engineering/#guide-programs"]


def test_form_choices_and_currency_symbols_come_from_the_catalog(site: SiteFixture) -> None:
    site.build()
    page = site.html("/tools/program-matcher/")
    form = page.select_one("form#program-matcher")
    assert form.has_attr("hidden")
    assert json.loads(form["data-currency-symbols"]) == {"USD": "$"}
    assert [i["value"] for i in form.select("input[name=format]")] == ["On-Campus", "Online", "Hybrid"]
    assert [i["value"] for i in form.select("input[name=type]")] == ["Master's", "MBA", "Certificate"]
    places = [(o.get("data-country"), o.get("data-region"), o["value"]) for o in form.select("#match-where option")]
    assert places == [
        (None, None, ""),
        ("Canada", None, "Canada"),
        ("Canada", "Ontario", "Canada/Ontario"),
        ("United Kingdom", None, "United Kingdom"),
        ("United States", None, "United States"),
        ("United States", "Massachusetts", "United States/Massachusetts"),
    ]
    method = page.select_one(".tool-method").get_text(" ")
    assert "Topics first." in method
    assert "near miss" in method


def test_without_goals_there_is_no_form(site: SiteFixture) -> None:
    guide = site.read("content/guides/data-engineering.md")
    start, end = guide.index("programs:\n"), guide.index("updated:")
    site.write("content/guides/data-engineering.md", guide[:start] + guide[end:])
    site.build()
    page = site.html("/tools/program-matcher/")
    assert page.select_one("form#program-matcher") is None
    assert page.select_one("[data-tool-fallback] a")["href"] == "/programs/"
