"""Percentile rows in salary tables: the contract, the table and chart on the page, JSON-LD and the calculator's JSON.

The figures are BLS OEWS May 2025 values (Data Scientists nationally; Anesthesiologists in Grand
Rapids, whose 90th percentile is top-coded), used here only as realistic sample input.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import SiteFixture
from guidegen.content.fields import YearMonth
from guidegen.content.models import SalaryTableData
from guidegen.render import formatting
from guidegen.render.percentile_charts import location_percentile_chart

TABLE = """\
title: Sample Wages
currency: USD
period: year
as_of: 2025-05
source: {name: "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics", url: "https://www.bls.gov/oes/"}
occupation: {title: Data Scientists, soc: "15-2051"}
note: The figures cover wage and salary workers in all industries.
top_code: 239200
levels: []
locations:
  - name: National
    area_code: "0000000"
    employment: 262440
    percentiles: {p10: 67240, p25: 85660, median: 120230, p75: 158880, p90: 199130}
  - name: Grand Rapids-Wyoming-Kentwood, MI
    area_code: "0024340"
    employment: null
    percentiles: {p10: 185960, p25: 197150, median: 228760, p75: 384800, p90: null}
    top_coded: [p90]
  - name: Abilene, TX
    area_code: "0010180"
    employment: 60
    percentiles: {p10: null, median: null}
"""
ROWS = {
    "National": (67240, 85660, 120230, 158880, 199130),
    "Grand Rapids-Wyoming-Kentwood, MI": (185960, 197150, 228760, 384800, None),
}


def _text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def _percent(value: str) -> float:
    match = re.fullmatch(r"(-?[\d.]+)%", value)
    assert match, value
    return float(match.group(1))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SiteFixture:
    site = SiteFixture(tmp_path_factory.mktemp("percentiles"))
    site.write("content/salaries/data.yaml", TABLE)
    site.build()
    return site


def _section(built: SiteFixture) -> Tag:
    section = built.html("/careers/data-engineer/").select_one("#salary-data")
    assert section is not None
    return section


def test_percentile_rows_are_a_table_with_employment_and_reasons(built: SiteFixture) -> None:
    table = _section(built).select_one("table")
    assert _text(table.caption) == "Wage percentiles by location"
    assert [_text(th) for th in table.select("thead th")] == [
        "Location",
        "10th percentile",
        "25th percentile",
        "Median",
        "75th percentile",
        "90th percentile",
        "Employment",
    ]
    assert [[_text(cell) for cell in row.find_all(["th", "td"])] for row in table.select("tbody tr")] == [
        ["National", "$67,240", "$85,660", "$120,230", "$158,880", "$199,130", "262,440"],
        [
            "Grand Rapids-Wyoming-Kentwood, MI",
            "$185,960",
            "$197,150",
            "$228,760",
            "$384,800",
            "$239,200 or more",
            "not released",
        ],
        ["Abilene, TX", "not released", "not listed", "not released", "not listed", "not listed", "60"],
    ]


def test_the_section_names_occupation_source_period_and_what_the_marks_mean(built: SiteFixture) -> None:
    section = _section(built)
    assert _text(section.select_one(".salary__scope")) == "Data Scientists (SOC 15-2051). Annual figures in USD."
    assert _text(section.select_one(".salary__note")) == "The figures cover wage and salary workers in all industries."
    provenance = section.select_one(".provenance")
    assert _text(provenance).startswith(
        "Source: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics As of May 2025."
    )
    assert provenance.a["href"] == "https://www.bls.gov/oes/"
    notes = [_text(li) for li in section.select(".salary__notes li")]
    assert notes[1].startswith("“$239,200 or more”: the source publishes no figure at or above its top code")
    assert notes[2] == "“Not released”: the source did not publish this figure."
    # no level table: the table has no levels
    assert [_text(t.caption) for t in section.select("table")] == ["Wage percentiles by location"]


def test_chart_boxes_whiskers_and_medians_sit_on_one_scale(built: SiteFixture) -> None:
    chart = _section(built).select_one("#salary-data-location-percentiles-chart")
    assert chart is not None
    ticks = [_text(t) for t in chart.select(".range-chart__axis text")]
    assert ticks[0] == "$0"
    maximum = float(ticks[-1].removeprefix("$").removesuffix("K")) * 1000
    # the highest published figure is 384,800; the top-coded 90th needs room past the top code
    assert maximum == 500_000
    national, rapids, abilene = chart.select("g.box-row")
    p10, p25, median, p75, p90 = ROWS["National"]
    box = national.select_one("rect.box-row__box")
    assert _percent(box["x"]) == pytest.approx(p25 / maximum * 100)
    assert _percent(box["width"]) == pytest.approx((p75 - p25) / maximum * 100)
    assert _percent(national.select_one("line.box-row__median")["x1"]) == pytest.approx(median / maximum * 100)
    whisker = national.select_one("line.box-row__whisker")
    assert (_percent(whisker["x1"]), _percent(whisker["x2"])) == pytest.approx(
        (p10 / maximum * 100, p90 / maximum * 100)
    )
    assert [_percent(cap["x1"]) for cap in national.select("line.box-row__cap")] == pytest.approx(
        [p10 / maximum * 100, p90 / maximum * 100]
    )
    assert "box-row--open" not in national["class"]

    # the top-coded 90th: the whisker runs to the edge, dashed, and only the 10th has a cap
    assert "box-row--open" in rapids["class"]
    open_whisker = rapids.select_one("line.box-row__whisker")
    assert "box-row__whisker--open" in open_whisker["class"]
    assert _percent(open_whisker["x2"]) == 100
    assert [_percent(cap["x1"]) for cap in rapids.select("line.box-row__cap")] == pytest.approx(
        [185960 / maximum * 100]
    )

    # nothing released, nothing drawn but the label
    assert abilene.select("line, rect") == []
    assert _text(abilene.select_one("text")) == "Abilene, TX: median not released"


def test_chart_has_a_text_alternative(built: SiteFixture) -> None:
    chart = _section(built).select_one("#salary-data-location-percentiles-chart")
    svg = chart.find("svg")
    assert svg["role"] == "img"
    assert _text(chart.find(id=svg["aria-labelledby"])) == "Sample Wages: wage percentiles by location"
    assert _text(chart.find(id=svg["aria-describedby"])) == (
        "Box-and-whisker rows on a scale from $0 to $500K: the whisker spans the 10th to the 90th percentile, "
        "the box the 25th to the 75th, and a mark shows the median. "
        "National: 10th $67,240; 25th $85,660; median $120,230; 75th $158,880; 90th $199,130. "
        "Grand Rapids-Wyoming-Kentwood, MI: 10th $185,960; 25th $197,150; median $228,760; 75th $384,800; "
        "90th $239,200 or more. Abilene, TX: 10th not released; median not released."
    )
    assert "fades out is at or above the source's top code" in _text(chart.figcaption)


def test_an_unknown_top_code_is_named_without_a_figure() -> None:
    data = SalaryTableData.model_validate(
        {**_table_data(), "top_code": None}  # the threshold was not in the input
    )
    chart = location_percentile_chart(data)
    assert "90th above the published top code" in chart.description
    # the open end still needs room: the scale reaches past the highest published figure
    assert chart.ticks[-1].value >= 384_800 * 1.25


def _table_data() -> dict[str, object]:
    import yaml

    return yaml.safe_load(TABLE)  # type: ignore[no-any-return]


def test_json_ld_carries_the_published_percentiles(built: SiteFixture) -> None:
    page = built.html("/careers/data-engineer/")
    blocks = [json.loads(script.string) for script in page.select('script[type="application/ld+json"]')]
    (occupation,) = [block for block in blocks if block["@type"] == "Occupation"]
    assert occupation["estimatedSalary"] == [
        {
            "@type": "MonetaryAmountDistribution",
            "name": "National: wage percentiles",
            "currency": "USD",
            "duration": "P1Y",
            "percentile10": 67240,
            "percentile25": 85660,
            "median": 120230,
            "percentile75": 158880,
            "percentile90": 199130,
        },
        {
            "@type": "MonetaryAmountDistribution",
            "name": "Grand Rapids-Wyoming-Kentwood, MI: wage percentiles",
            "currency": "USD",
            "duration": "P1Y",
            "percentile10": 185960,
            "percentile25": 197150,
            "median": 228760,
            "percentile75": 384800,
        },
    ]


def test_calculator_json_carries_the_rows_as_written(built: SiteFixture) -> None:
    data = json.loads((built.out / "data/salaries.json").read_text(encoding="utf-8"))
    (table,) = data["tables"]
    assert table["as_of"] == "2025-05"
    assert table["as_of_label"] == "May 2025"
    assert table["top_code"] == 239200
    assert table["occupation"] == {"title": "Data Scientists", "soc": "15-2051"}
    assert table["levels"] == []
    assert table["locations"][1] == {
        "name": "Grand Rapids-Wyoming-Kentwood, MI",
        "range": None,
        "percentiles": {"p10": 185960, "p25": 197150, "median": 228760, "p75": 384800, "p90": None},
        "top_coded": ["p90"],
        "employment": None,
        "area_code": "0024340",
    }
    assert table["locations"][2]["percentiles"] == {"p10": None, "median": None}


def test_a_year_month_is_shown_as_month_and_year_and_ages_from_that_month() -> None:
    assert formatting.as_of(YearMonth(2026, 6)) == "June 2026"
    assert formatting.months_old(YearMonth(2025, 5), dt.date(2026, 12, 1)) == 19
    assert formatting.months_old(2025, dt.date(2026, 12, 1)) == 12  # a bare year counts from its end
    assert formatting.is_stale(YearMonth(2025, 5), 18, dt.date(2026, 12, 1))
    assert not formatting.is_stale(YearMonth(2025, 6), 18, dt.date(2026, 12, 1))


def test_a_year_month_as_of_is_accepted_on_stats_and_tables(site: SiteFixture) -> None:
    site.write(
        "content/guides/data-engineering.md",
        site.read("content/guides/data-engineering.md").replace("as_of: 2026-06-01", "as_of: 2026-06"),
    )
    site.write(
        "content/salaries/data.yaml", site.read("content/salaries/data.yaml").replace("as_of: 2026", "as_of: 2026-06")
    )
    report = site.build(strict=True)
    assert report.warnings == ()
    page = site.html("/guides/data-engineering/")
    assert "As of June 2026." in _text(page.select_one(".stat__source"))
    assert "As of June 2026." in _text(page.select_one("#salary-data .provenance"))


BROKEN = """\
title: Broken Wages
currency: USD
period: year
as_of: 2025-13
source: {name: Example Survey}
levels:
  - level: Entry
    years: three to five
    percentiles: {p10: 90000, p25: 80000, median: 100000}
  - level: Mid
    years: 3-5
    period: hour
    percentiles: {median: 57.8, p75: null, p90: 200000}
    top_coded: [p75, median]
locations:
  - name: Seattle
    area_code: 0042660
    percentiles: {p10: 81130}
  - name: Remote
    range: [100000, 150000]
    percentiles: {median: 120000}
  - name: Austin
    percentiles: {}
"""


def test_percentile_errors_name_file_line_and_field(site: SiteFixture) -> None:
    site.write("content/salaries/broken.yaml", BROKEN)
    result = site.cli("check")
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines()[:-1] if ": warning: " not in line] == [
        'content/salaries/broken.yaml:4: as_of: "2025-13" is not a month: the month must be 01 to 12',
        'content/salaries/broken.yaml:8: levels[0].years: expected a span of years, got "three to five"'
        " (write it as [3, 5], 3-5, or 10+ for open-ended)",
        "content/salaries/broken.yaml:17: locations[0].area_code: expected the area code as quoted text, got a"
        ' number (write it in quotes, such as area_code: "0035620": unquoted, YAML reads a code as a number)',
        "content/salaries/broken.yaml:19: locations[1]: a location gives `range` or `percentiles`, not both",
    ]


def test_percentile_rules_name_file_line_and_field(site: SiteFixture) -> None:
    fixed = (
        BROKEN.replace("as_of: 2025-13", "as_of: 2025-05")
        .replace("years: three to five", "years: [0, 2]")
        .replace("area_code: 0042660", 'area_code: "0042660"')
        .replace("    range: [100000, 150000]\n", "")
    )
    site.write("content/salaries/broken.yaml", fixed)
    result = site.cli("check")
    assert result.returncode == 1
    mixed = "(a table never mixes pay periods: put hourly figures in their own table with `period: hour`)"
    assert [line for line in result.stderr.splitlines()[:-1] if ": warning: " not in line] == [
        "content/salaries/broken.yaml:9: levels[0].percentiles.p25: p25 80,000 is less than p10 90,000"
        " (percentiles increase from p10 to p90)",
        f"content/salaries/broken.yaml:12: levels[1].period: a row has no pay period of its own {mixed}",
        "content/salaries/broken.yaml:13: levels[1].percentiles.median: 57.8 is not a whole amount in a"
        f" `period: year` table {mixed}",
        "content/salaries/broken.yaml:14: levels[1].top_coded[0]: p75 is top-coded but the higher p90 has a figure"
        " (every percentile above a top-coded one is top-coded too)",
        "content/salaries/broken.yaml:14: levels[1].top_coded[1]: median is top-coded but has the value 57.80"
        " (a top-coded percentile has no figure: write `median: null`)",
        "content/salaries/broken.yaml:22: locations[2].percentiles: give at least one of p10, p25, median, p75, p90",
    ]


def test_levels_may_be_empty_only_when_locations_carry_percentiles(site: SiteFixture) -> None:
    site.write(
        "content/salaries/data.yaml",
        re.sub(r"levels:\n(  .*\n)+", "levels: []\n", site.read("content/salaries/data.yaml")),
    )
    result = site.cli("check")
    assert result.returncode == 1
    assert (
        "content/salaries/data.yaml:6: levels: needs at least 1 item(s) (`levels` may be empty only when every"
        " location carries `percentiles`)"
    ) in result.stderr.splitlines()


def test_years_accept_the_forms_editors_write(site: SiteFixture) -> None:
    site.write(
        "content/salaries/data.yaml",
        site.read("content/salaries/data.yaml")
        .replace("years: [5, null]", "years: 5+")
        .replace("  - level: Entry\n", "  - level: Entry\n    years: 0–2\n"),
    )
    site.build(strict=True)
    rows = [
        _text(row)
        for row in site.html("/careers/data-engineer/").select(
            "#salary-data-levels ~ tbody tr, #salary-data table tbody tr"
        )
    ]
    assert rows[:2] == [
        "Entry 0–2 years $95K–$120K $110K–$140K",
        "Senior 5+ years not listed $180K+ (can exceed $180K)",
    ]


def test_built_percentile_pages_have_unique_ids(built: SiteFixture) -> None:
    for path in ("/careers/data-engineer/", "/tools/salary-calculator/"):
        soup: BeautifulSoup = built.html(path)
        ids = [tag["id"] for tag in soup.find_all(id=True)]
        assert len(ids) == len(set(ids)), path
