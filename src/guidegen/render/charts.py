"""Salary range charts: the geometry of a range-bar chart, computed at build time.

Markup lives in templates/partials/salary_chart.html. Horizontal positions are percentages
of the chart's width, so the SVG fills any column without a viewBox and its text keeps the
page's font size on a phone; vertical positions are pixels. The scale starts at zero, so a
bar's ends sit exactly value / maximum of the way across.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from guidegen.content.models import SalaryTableData
from guidegen.render import formatting

ROW_HEIGHT = 42  # px per bar: a label line, the bar, and a gap
LABEL_BASELINE = 15  # px from the top of a row to its label's baseline
BAR_TOP = 22  # px from the top of a row to its bar
BAR_HEIGHT = 12
AXIS_HEIGHT = 24  # px below the last row for the scale's labels
OPEN_END_ROOM = 1.25  # the scale reaches at least this far past an open-ended minimum
MAX_TICK_INTERVALS = 5

Series = Literal["base", "total", "location"]
SERIES_NAMES: dict[Series, str] = {"base": "base salary", "total": "total compensation", "location": "typical range"}


@dataclass(frozen=True)
class Tick:
    value: int
    label: str  # "$100K"
    x: float  # percent of the chart's width
    anchor: Literal["start", "middle", "end"]  # the first and last labels stay inside the chart


@dataclass(frozen=True, kw_only=True)
class ChartRow:
    """One row of a chart: its label line, and the mark drawn below it."""

    label: str  # "Entry, base salary"; "Seattle-Tacoma-Bellevue, WA"
    value_text: str  # "$150K–$180K", "$400K+"; "median $164,740", shown beside the label
    top: int  # px, the top of the row

    @property
    def label_y(self) -> int:
        return self.top + LABEL_BASELINE

    @property
    def bar_y(self) -> int:
        return self.top + BAR_TOP


@dataclass(frozen=True, kw_only=True)
class Chart:
    """What every chart has: an accessible name and text alternative, a scale, and its size."""

    title: str  # the SVG's accessible name
    description: str  # every row in words: the chart's text alternative
    ticks: tuple[Tick, ...]
    height: int  # px
    plot_height: int  # px: the grid lines run from 0 to here; the tick labels sit below
    bar_height: int = BAR_HEIGHT


@dataclass(frozen=True, kw_only=True)
class RangeBar(ChartRow):
    series: Series
    low: int
    high: int | None  # None: open-ended, the table gives no maximum
    x: float  # percent of the chart's width where the bar starts
    width: float  # percent; an open-ended bar runs to the chart's right edge

    @property
    def is_open(self) -> bool:
        return self.high is None

    @property
    def end(self) -> float:
        return self.x + self.width


@dataclass(frozen=True, kw_only=True)
class RangeChart(Chart):
    bars: tuple[RangeBar, ...]

    @property
    def open_series(self) -> tuple[Series, ...]:
        """The series that have an open-ended bar (each needs its fading fill)."""
        return tuple(dict.fromkeys(bar.series for bar in self.bars if bar.is_open))


def scale_maximum(data: SalaryTableData) -> int:
    """The right edge of a table's charts: a round figure past every maximum and open-ended minimum.

    Every chart of a table shares it (range bars and percentile boxes alike), so a level and a
    location can be compared by eye. A row with a top-coded percentile leaves room for its open
    end past both the top code (when known) and the row's highest published figure.
    """
    top = 0.0
    for row in (*data.levels, *data.locations):
        if row.percentiles is None:
            continue
        known = [value for _key, value in row.percentiles.given() if value is not None]
        top = max(top, *known) if known else top
        if row.top_coded:
            reach = max(data.top_code or 0, *known) if known else data.top_code or 0
            top = max(top, reach * OPEN_END_ROOM)
    for level in data.levels:
        for bounds in (level.base, level.total):
            if bounds is not None:
                low, high = bounds
                top = max(top, high if high is not None else low * OPEN_END_ROOM)
    for location in data.locations:
        if location.range is not None:
            top = max(top, location.range[1])
    return round_up(top, tick_step(top))


def tick_step(top: float) -> int:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving at most MAX_TICK_INTERVALS intervals."""
    raw = max(top, 1) / MAX_TICK_INTERVALS
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        step = multiple * magnitude
        if step >= raw and step == int(step):
            return int(step)
    return int(10 * magnitude)  # pragma: no cover - the loop always ends at 10


def round_up(value: float, step: int) -> int:
    return max(step, math.ceil(value / step) * step)


def level_chart(data: SalaryTableData) -> RangeChart:
    """One bar per figure of each level: base salary, total compensation, or both."""
    rows: list[tuple[str, Series, tuple[int, int | None]]] = []
    for level in data.levels:
        if level.base is not None:
            rows.append((level.level, "base", level.base))
        if level.total is not None:
            rows.append((level.level, "total", level.total))
    return _chart(f"{data.title}: salary by level", rows, data)


def location_chart(data: SalaryTableData) -> RangeChart:
    """One bar per location of the table's "Salary by location"."""
    rows: list[tuple[str, Series, tuple[int, int | None]]] = [
        (location.name, "location", location.range) for location in data.locations if location.range is not None
    ]
    return _chart(f"{data.title}: salary by location", rows, data)


def axis(maximum: int, currency: str) -> tuple[Tick, ...]:
    """The scale's labels, from zero to the maximum in round steps."""
    return tuple(
        Tick(
            value=value,
            label=formatting.money_short(value, currency),
            x=percent(value, maximum),
            anchor="start" if value == 0 else "end" if value == maximum else "middle",
        )
        for value in range(0, maximum + 1, tick_step(maximum))
    )


def _chart(title: str, rows: list[tuple[str, Series, tuple[int, int | None]]], data: SalaryTableData) -> RangeChart:
    maximum = scale_maximum(data)
    currency = data.currency
    bars = []
    for index, (name, series, (low, high)) in enumerate(rows):
        x = percent(low, maximum)
        bars.append(
            RangeBar(
                label=name if series == "location" else f"{name}, {SERIES_NAMES[series]}",
                series=series,
                low=low,
                high=high,
                value_text=formatting.money_range((low, high), currency),
                x=x,
                width=round((100 if high is None else percent(high, maximum)) - x, 4),
                top=index * ROW_HEIGHT,
            )
        )
    plot_height = len(rows) * ROW_HEIGHT
    return RangeChart(
        title=title,
        description=_describe(bars, maximum, currency),
        bars=tuple(bars),
        ticks=axis(maximum, currency),
        height=plot_height + AXIS_HEIGHT,
        plot_height=plot_height,
    )


def percent(value: float, maximum: int) -> float:
    return round(value / maximum * 100, 4)


def _describe(bars: list[RangeBar], maximum: int, currency: str) -> str:
    """The chart in words, for readers who cannot see it."""
    scale = f"{formatting.money_short(0, currency)} to {formatting.money_short(maximum, currency)}"
    parts = [f"Range bars from each minimum to its maximum, on a scale from {scale}."]
    for bar in bars:
        low = formatting.money_short(bar.low, currency)
        if bar.high is None:
            parts.append(f"{bar.label}: {low} or more (no upper bound given).")
        else:
            parts.append(f"{bar.label}: {low} to {formatting.money_short(bar.high, currency)}.")
    return " ".join(parts)
