"""Salary range charts: bars proportional to the figures, open ends drawn open, a text alternative, no style attributes."""

from __future__ import annotations

import itertools
import re

from bs4 import BeautifulSoup, Tag
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SiteFixture
from guidegen.content.models import SalaryTableData
from guidegen.render.charts import level_chart, location_chart, scale_maximum

# The fixture's table (tests/conftest.py SALARY_YAML): Entry base 95K–120K, total 110K–140K;
# Senior total 180K and up (open-ended); Austin 100K–150K.
CLOSED_BARS = [(95_000, 120_000), (110_000, 140_000)]
OPEN_MINIMUM = 180_000


def _text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def _percent(value: str) -> float:
    match = re.fullmatch(r"(-?[\d.]+)%", value)
    assert match, value
    return float(match.group(1))


def _levels_chart(site: SiteFixture) -> Tag:
    site.build()
    chart = site.html("/guides/data-engineering/").select_one("#salary-data-levels-chart")
    assert chart is not None
    return chart


def _rows(chart: Tag) -> list[Tag]:
    return chart.select("g.range-chart__row")


def test_bars_are_proportional_to_the_figures(site: SiteFixture) -> None:
    chart = _levels_chart(site)
    closed = [row for row in _rows(chart) if "range-chart__row--open" not in row["class"]]
    assert len(closed) == len(CLOSED_BARS)
    ratios = []
    for row, (low, high) in zip(closed, CLOSED_BARS, strict=True):
        bar = row.select_one("rect.range-chart__bar")
        start = _percent(bar["x"])
        end = start + _percent(bar["width"])
        ratios += [start / low, end / high]
    # one scale for every bar: percent of the width per dollar is the same at every end
    assert max(ratios) - min(ratios) < 1e-9
    # and the axis labels sit on that same scale, from $0
    ticks = chart.select(".range-chart__axis text")
    assert _text(ticks[0]) == "$0"
    assert _percent(ticks[0]["x"]) == 0
    last_value = int(_text(ticks[-1]).removeprefix("$").removesuffix("K")) * 1000
    assert abs(_percent(ticks[-1]["x"]) / last_value - ratios[0]) < 1e-9


def test_open_ended_bar_runs_to_the_edge_and_fades_out(site: SiteFixture) -> None:
    chart = _levels_chart(site)
    (open_row,) = [row for row in _rows(chart) if "range-chart__row--open" in row["class"]]
    bar = open_row.select_one("rect")
    assert "range-chart__bar--open" in bar["class"]
    assert _percent(bar["x"]) + _percent(bar["width"]) == 100
    gradient_id = re.fullmatch(r"url\(#(.+)\)", bar["fill"]).group(1)  # type: ignore[union-attr]
    gradient = chart.find(id=gradient_id)
    assert gradient is not None
    assert gradient.name == "lineargradient"
    assert gradient.find_all("stop")[-1]["stop-opacity"] == "0"
    # a cap marks the minimum; nothing marks a maximum the table does not give
    assert [cap["class"][1] for cap in open_row.select("line.range-chart__cap")] == ["range-chart__cap--min"]
    assert "$180K+" in _text(open_row)

    for row in _rows(chart):
        if row is open_row:
            continue
        bar = row.select_one("rect")
        caps = {cap["class"][1]: _percent(cap["x1"]) for cap in row.select("line.range-chart__cap")}
        assert caps == {
            "range-chart__cap--min": _percent(bar["x"]),
            "range-chart__cap--max": _percent(bar["x"]) + _percent(bar["width"]),
        }
        assert not bar["fill"].startswith("url(")


def test_chart_has_a_text_alternative_and_the_table_stays(site: SiteFixture) -> None:
    chart = _levels_chart(site)
    svg = chart.find("svg")
    assert svg["role"] == "img"
    title = chart.find(id=svg["aria-labelledby"])
    desc = chart.find(id=svg["aria-describedby"])
    assert title.name == "title"
    assert _text(title) == "Data Engineer Salaries: salary by level"
    assert desc.name == "desc"
    assert _text(desc) == (
        "Range bars from each minimum to its maximum, on a scale from $0 to $250K. "
        "Entry, base salary: $95K to $120K. Entry, total compensation: $110K to $140K. "
        "Senior, total compensation: $180K or more (no upper bound given)."
    )
    assert "fades out has no upper bound" in _text(chart.find("figcaption"))
    section = chart.find_parent("section")
    tables = section.select("table")
    assert [_text(t.caption) for t in tables] == ["Salary by level", "Salary by location"]
    # the level chart sits right after the level table, the location chart after the location table
    figures = section.select("figure.range-chart")
    assert [f["id"] for f in figures] == ["salary-data-levels-chart", "salary-data-locations-chart"]
    assert tables[0].find_parent("div").find_next_sibling() is figures[0]
    assert tables[1].find_parent("div").find_next_sibling() is figures[1]


def test_location_chart_uses_the_same_scale_as_the_level_chart(site: SiteFixture) -> None:
    site.build()
    page = site.html("/careers/data-engineer/")
    levels, locations = page.select("#salary-data-levels-chart svg"), page.select("#salary-data-locations-chart svg")
    ticks = [[_text(t) for t in svg[0].select(".range-chart__axis text")] for svg in (levels, locations)]
    assert ticks[0] == ticks[1]
    austin = locations[0].select_one("rect")
    assert _percent(austin["x"]) == 100_000 / 250_000 * 100
    assert _percent(austin["width"]) == 50_000 / 250_000 * 100


def test_built_pages_have_no_style_attributes_or_elements(site: SiteFixture) -> None:
    site.build()
    for path in sorted(site.out.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert soup.find(style=True) is None, path
        assert soup.find("style") is None, path


def test_ids_stay_unique_with_several_tables_on_one_page(site: SiteFixture) -> None:
    site.write("content/salaries/other.yaml", site.read("content/salaries/data.yaml").replace("Data Engineer", "Other"))
    site.build()
    page = site.html("/tools/salary-calculator/")
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids))
    assert len(page.select("figure.range-chart")) == 4


def _table(levels: list[tuple[int, int | None]], locations: list[tuple[int, int]]) -> SalaryTableData:
    return SalaryTableData.model_validate(
        {
            "title": "T",
            "currency": "USD",
            "period": "year",
            "as_of": 2026,
            "source": {"unsourced": True, "note": "n"},
            "levels": [{"level": f"L{i}", "total": list(bounds)} for i, bounds in enumerate(levels)],
            "locations": [{"name": f"P{i}", "range": list(bounds)} for i, bounds in enumerate(locations)],
        }
    )


_amount = st.integers(min_value=0, max_value=5_000_000)


@st.composite
def _range(draw: st.DrawFn, open_ended: bool) -> tuple[int, int | None]:
    low = draw(_amount)
    if open_ended and draw(st.booleans()):
        return (low, None)
    return (low, low + draw(st.integers(min_value=0, max_value=1_000_000)))


@settings(deadline=None)  # a property, not a timing: speed lives in bench/, and a loaded machine is slow
@given(
    st.lists(_range(open_ended=True), min_size=1, max_size=6),
    st.lists(_range(open_ended=False), max_size=4),
)
def test_every_bar_fits_on_a_round_scale(levels: list[tuple[int, int | None]], places: list[tuple[int, int]]) -> None:
    data = _table(levels, places)  # type: ignore[arg-type]
    maximum = scale_maximum(data)
    for low, high in [*levels, *places]:
        assert (high if high is not None else low * 1.25) <= maximum
    for chart in (level_chart(data), location_chart(data)):
        values = [tick.value for tick in chart.ticks]
        assert values[0] == 0
        assert values[-1] == maximum
        assert len(values) <= 6
        steps = {b - a for a, b in itertools.pairwise(values)}
        assert len(steps) == 1
        for bar in chart.bars:
            assert 0 <= bar.x <= 100
            assert bar.end <= 100 + 1e-9
            if bar.high is None:
                assert bar.end == 100
            else:
                assert abs(bar.end - bar.high / maximum * 100) < 1e-3


def test_scale_for_the_fixture_table_is_round() -> None:
    data = _table([(95_000, 120_000), (110_000, 140_000), (180_000, None)], [(100_000, 150_000)])
    assert [t.label for t in level_chart(data).ticks] == ["$0", "$50K", "$100K", "$150K", "$200K", "$250K"]
    assert [t.anchor for t in level_chart(data).ticks] == ["start", "middle", "middle", "middle", "middle", "end"]
