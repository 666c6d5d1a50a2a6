"""The Salary Calculator's data and page without a browser: /data/salaries.json, the no-JavaScript page, salary validation."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import SALARY_YAML, SiteFixture

SURVEY_TABLE = """\
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
"""


NO_PERCENTILES = {"percentiles": None, "top_coded": [], "employment": None, "area_code": None}


def _salaries(site: SiteFixture) -> dict[str, object]:
    return json.loads((site.out / "data/salaries.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_salary_data_is_the_content_of_every_table(site: SiteFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01: the survey table (March 2023) is stale
    site.write("content/salaries/analyst.yaml", SURVEY_TABLE)
    site.build()
    data = _salaries(site)
    assert data["version"] == 2
    assert data["stale_after_months"] == 18
    tables = data["tables"]
    assert [t["id"] for t in tables] == ["analyst", "data"]  # type: ignore[index]
    analyst, engineer = tables  # type: ignore[misc]
    source = yaml.safe_load(SALARY_YAML)
    assert engineer == {
        "id": "data",
        "title": source["title"],
        "scope": None,
        "currency": "USD",
        "symbol": "$",
        "period": "year",
        "as_of": "2026",
        "as_of_label": "2026",
        "stale": False,
        "source": {"name": None, "url": None, "unsourced": True, "note": "Compiled for tests."},
        "occupation": None,
        "note": None,
        "top_code": None,
        "levels": [
            {"level": "Entry", "years": None, "base": [95000, 120000], "total": [110000, 140000], **NO_PERCENTILES},
            {"level": "Senior", "years": [5, None], "base": None, "total": [180000, None], **NO_PERCENTILES},
        ],
        "locations": [{"name": "Austin", "range": [100000, 150000], **NO_PERCENTILES}],
    }
    assert analyst["symbol"] == "€"
    assert analyst["period"] == "month"
    assert analyst["as_of"] == "2023-03-01"
    assert analyst["as_of_label"] == "March 2023"
    assert analyst["stale"] is True
    assert analyst["source"] == {
        "name": "Example Pay Survey",
        "url": "https://survey.example/pay",
        "unsourced": False,
        "note": None,
    }


def test_salary_data_is_safe_to_embed(site: SiteFixture) -> None:
    site.write("content/salaries/data.yaml", SALARY_YAML.replace("Data Engineer Salaries", '"</script><b>x</b>"'))
    site.build()
    text = (site.out / "data/salaries.json").read_text(encoding="utf-8")
    assert "</script>" not in text
    assert "<b>" not in text
    assert _salaries(site)["tables"][0]["title"] == "</script><b>x</b>"  # type: ignore[index]


def test_without_javascript_the_page_shows_every_table_it_draws_from(site: SiteFixture) -> None:
    site.write("content/salaries/analyst.yaml", SURVEY_TABLE)
    site.build()
    page = site.html("/tools/salary-calculator/")
    form = page.select_one("form#salary-calculator")
    assert form.has_attr("hidden")
    assert form["data-source"] == "/data/salaries.json"
    assert page.select_one("#calc-result").has_attr("hidden")
    assert "needs JavaScript" in page.select_one("[data-tool-fallback]").get_text()
    sections = page.select(".tool-data section.salary")
    assert [s["id"] for s in sections] == ["salary-analyst", "salary-data"]
    rows = [" ".join(r.get_text(" ").split()) for r in page.select("#salary-data table tbody tr")]
    assert rows == [
        "Entry not listed $95K–$120K $110K–$140K",
        "Senior 5+ years not listed $180K+ (can exceed $180K)",
        "Austin $100K–$150K",
    ]
    method = page.select_one(".tool-method").get_text(" ")
    assert "average as the national reference" in method
    scripts = [s["src"] for s in page.find_all("script", src=True)]
    assert scripts == ["/js/salary-calculator.js"]


def test_tool_links_honour_a_base_path(site: SiteFixture) -> None:
    site.write(
        "content/site.yaml",
        site.read("content/site.yaml").replace("https://example.test/", "https://example.test/sub/"),
    )
    site.build()
    calculator = site.html("/tools/salary-calculator/")
    assert calculator.select_one("form#salary-calculator")["data-source"] == "/sub/data/salaries.json"
    assert [s["src"] for s in calculator.find_all("script", src=True)] == ["/sub/js/salary-calculator.js"]
    matcher = site.html("/tools/program-matcher/")
    assert matcher.select_one("form#program-matcher")["data-source"] == "/sub/data/programs.json"


BAD_TABLE = """\
title: Broken Salaries
currency: usd
as_of: 2026-13-01
source: {unsourced: true, note: For tests.}
levels:
  - level: Entry
    base: [120000, 95000]
  - level: Mid
    total: [150000, null]
  - level: entry
    total: [100000, 110000]
locations:
  - name: Austin
    range: [150000, 100000]
"""


def test_salary_table_errors_name_file_line_and_field(site: SiteFixture) -> None:
    site.write("content/salaries/broken.yaml", BAD_TABLE)
    result = site.cli("check")
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines()[:-1] if ": warning: " not in line] == [
        "content/salaries/broken.yaml:1: period: required field is missing",
        "content/salaries/broken.yaml:2: currency: expected a three-letter ISO 4217 currency code such as USD, "
        "got \"usd\" (did you mean 'USD'?)",
        'content/salaries/broken.yaml:3: as_of: "2026-13-01" is not a calendar date: month must be in 1..12',
        "content/salaries/broken.yaml:7: levels[0].base: minimum 120,000 is greater than maximum 95,000"
        " (write the range as [min, max])",
        "content/salaries/broken.yaml:14: locations[0].range: minimum 150,000 is greater than maximum 100,000"
        " (write the range as [min, max])",
    ]


def test_duplicate_levels_are_reported_with_both_lines(site: SiteFixture) -> None:
    fixed = (
        BAD_TABLE.replace("currency: usd", "currency: USD\nperiod: year")
        .replace("2026-13-01", "2026-02-01")
        .replace("[120000, 95000]", "[95000, 120000]")
        .replace("[150000, 100000]", "[100000, 150000]")
    )
    site.write("content/salaries/broken.yaml", fixed)
    result = site.cli("check")
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines()[:-1] if ": warning: " not in line] == [
        "content/salaries/broken.yaml:11: levels[2].level: duplicate level 'entry' (already on line 7)",
    ]


def test_a_missing_currency_is_reported(site: SiteFixture) -> None:
    site.write("content/salaries/data.yaml", SALARY_YAML.replace("currency: USD\n", ""))
    result = site.cli("check")
    assert "content/salaries/data.yaml:1: currency: required field is missing" in result.stderr.splitlines()


def test_salary_sections_link_to_the_calculator_with_their_table(site: SiteFixture) -> None:
    site.build()
    for path in ("/guides/data-engineering/", "/careers/data-engineer/"):
        link = site.html(path).select_one("#salary-data .salary__tool a")
        assert link["href"] == "/tools/salary-calculator/?table=data"
    assert site.html("/tools/salary-calculator/").select_one(".salary__tool") is None
