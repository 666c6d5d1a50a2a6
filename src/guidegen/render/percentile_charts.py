"""Percentile charts: a box-and-whisker row per level or location, computed at build time.

Markup lives in templates/partials/salary_chart.html (`percentile_chart`). The whisker runs
from the 10th to the 90th percentile, the box from the 25th to the 75th, and a mark shows the
median. A top-coded percentile has no figure, so its end is drawn open: the line or box runs
to the chart's right edge and fades out. A percentile that was not released is simply not
drawn, and the text alternative says so. The scale is the one the table's range charts use
(charts.scale_maximum), with x positions as percentages of the width.
"""

from __future__ import annotations

from dataclasses import dataclass

from guidegen.content.models import PERCENTILE_NAMES, PERCENTILES, PercentileKey, SalaryRow, SalaryTableData
from guidegen.render import formatting
from guidegen.render.charts import BAR_HEIGHT, ROW_HEIGHT, Chart, ChartRow, axis, percent, scale_maximum


@dataclass(frozen=True, kw_only=True)
class BoxRow(ChartRow):
    whisker: tuple[float, float] | None  # x percent: the lowest to the highest drawn point
    whisker_open: bool  # the upper end is top-coded: the whisker runs to the edge and fades
    box: tuple[float, float] | None  # x percent: 25th to 75th (or to the edge when the 75th is top-coded)
    box_open: bool
    median: float | None  # x percent; None when the median is top-coded or not released
    caps: tuple[float, ...]  # x percent of the published 10th and 90th

    @property
    def middle_y(self) -> float:
        return self.bar_y + BAR_HEIGHT / 2

    @property
    def is_open(self) -> bool:
        return self.whisker_open or self.box_open


@dataclass(frozen=True, kw_only=True)
class PercentileChart(Chart):
    rows: tuple[BoxRow, ...]

    @property
    def has_open_end(self) -> bool:
        return any(row.is_open for row in self.rows)


def level_percentile_chart(data: SalaryTableData) -> PercentileChart:
    rows: list[tuple[str, SalaryRow]] = [(level.level, level) for level in data.levels if level.percentiles is not None]
    return _chart(f"{data.title}: wage percentiles by level", rows, data)


def location_percentile_chart(data: SalaryTableData) -> PercentileChart:
    rows: list[tuple[str, SalaryRow]] = [
        (location.name, location) for location in data.locations if location.percentiles is not None
    ]
    return _chart(f"{data.title}: wage percentiles by location", rows, data)


def _chart(title: str, rows: list[tuple[str, SalaryRow]], data: SalaryTableData) -> PercentileChart:
    maximum = scale_maximum(data)
    boxes = tuple(_row(name, row, index, maximum, data) for index, (name, row) in enumerate(rows))
    plot_height = len(boxes) * ROW_HEIGHT
    return PercentileChart(
        title=title,
        description=_describe(rows, maximum, data),
        rows=boxes,
        ticks=axis(maximum, data.currency),
        height=plot_height + 24,
        plot_height=plot_height,
    )


def _row(name: str, row: SalaryRow, index: int, maximum: int, data: SalaryTableData) -> BoxRow:
    assert row.percentiles is not None
    values = row.percentiles
    at = {key: percent(value, maximum) for key, value in values.given() if value is not None}
    top_coded = set(row.top_coded)
    points = sorted(at.values())
    whisker_open = bool(top_coded)
    whisker = (points[0], 100.0) if points and whisker_open else (points[0], points[-1]) if len(points) > 1 else None
    box: tuple[float, float] | None = None
    box_open = False
    if "p25" in at and "p75" in at:
        box = (at["p25"], at["p75"])
    elif "p25" in at and "p75" in top_coded:
        box, box_open = (at["p25"], 100.0), True
    median = values.value("median")
    return BoxRow(
        label=name,
        value_text=_headline(row, data),
        top=index * ROW_HEIGHT,
        whisker=whisker,
        whisker_open=whisker_open,
        box=box,
        box_open=box_open,
        median=None if median is None else percent(median, maximum),
        caps=tuple(at[key] for key in ("p10", "p90") if key in at),
    )


def _headline(row: SalaryRow, data: SalaryTableData) -> str:
    assert row.percentiles is not None
    return f"median {percentile_text(row, 'median', data)}"


def percentile_text(row: SalaryRow, key: PercentileKey, data: SalaryTableData) -> str:
    """A percentile as the page prints it: its figure, the top-coded open end, or why there is none."""
    assert row.percentiles is not None
    if key not in row.percentiles.model_fields_set:
        return "not listed"
    value = row.percentiles.value(key)
    if value is not None:
        return formatting.wage(value, data.currency)
    if key in row.top_coded:
        if data.top_code is None:
            return "above the published top code"
        return f"{formatting.wage(data.top_code, data.currency)} or more"
    return "not released"


def percentile_columns(rows: list[SalaryRow]) -> tuple[PercentileKey, ...]:
    """The percentiles a table's rows give between them, low to high: its columns."""
    given = {key for row in rows if row.percentiles is not None for key, _value in row.percentiles.given()}
    return tuple(key for key in PERCENTILES if key in given)


def shows_employment(rows: list[SalaryRow]) -> bool:
    """Whether a percentile table needs an employment column: some row gives the field (null or not)."""
    return any("employment" in row.model_fields_set for row in rows)


def has_unreleased(rows: list[SalaryRow]) -> bool:
    """Whether some row has a percentile or an employment figure the source did not release."""
    for row in rows:
        given = row.percentiles.given() if row.percentiles is not None else ()
        if any(value is None and key not in row.top_coded for key, value in given):
            return True
        if row.employment is None and "employment" in row.model_fields_set:
            return True
    return False


def _describe(rows: list[tuple[str, SalaryRow]], maximum: int, data: SalaryTableData) -> str:
    """The chart in words, for readers who cannot see it."""
    currency = data.currency
    scale = f"{formatting.money_short(0, currency)} to {formatting.money_short(maximum, currency)}"
    parts = [
        f"Box-and-whisker rows on a scale from {scale}: the whisker spans the 10th to the 90th percentile, "
        "the box the 25th to the 75th, and a mark shows the median."
    ]
    for name, row in rows:
        assert row.percentiles is not None
        shown = "; ".join(
            f"{PERCENTILE_NAMES[key]} {percentile_text(row, key, data)}" for key, _value in row.percentiles.given()
        )
        parts.append(f"{name}: {shown}.")
    return " ".join(parts)
