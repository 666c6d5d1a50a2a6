"""The salary tables the Salary Calculator reads: one JSON file built from content/salaries/.

Format (version 2), read by static/js/salary-calculator.js:

    {"version": 2, "stale_after_months": 18,
     "tables": [{"id": "mlops", "title": "...", "scope": "..." | null,
                 "currency": "USD", "symbol": "$" | null, "period": "year" | "month" | "hour",
                 "as_of": "2026" | "2026-05" | "2026-10-01", "as_of_label": "2026" | "May 2026", "stale": false,
                 "source": {"name": "..." | null, "url": "..." | null, "unsourced": true, "note": "..." | null},
                 "occupation": {"title": "Data Scientists", "soc": "15-2051" | null} | null,
                 "note": "..." | null, "top_code": 239200 | null,
                 "levels": [{"level": "Entry", "years": [min, max | null] | null,
                             "base": [min, max] | null, "total": [min, max | null] | null, ...row}],
                 "locations": [{"name": "Seattle", "range": [min, max] | null, ...row}]}]}

    where ...row is "percentiles": {"p10": 67240, ..., "p90": null} | null (only the percentiles
    the table gives; null marks a top-coded or unreleased value), "top_coded": ["p90"],
    "employment": 262440 | null, "area_code": "0042660" | null.

`levels` is empty for a table of percentiles by area. Tables are in id order. `stale` is decided
at build time with the same rule the pages use (older than `stale_after_months`), so the
calculator and the tables always agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from guidegen.content.models import SalaryRow
from guidegen.content.site import SalaryTable
from guidegen.render import formatting


def salary_index(tables: Sequence[SalaryTable], stale_after_months: int, today: dt.date) -> dict[str, Any]:
    return {
        "version": 2,
        "stale_after_months": stale_after_months,
        "tables": [_table(table, stale_after_months, today) for table in tables],
    }


def _table(table: SalaryTable, stale_after_months: int, today: dt.date) -> dict[str, Any]:
    data = table.data
    as_of = data.as_of
    occupation = data.occupation
    return {
        "id": table.id,
        "title": data.title,
        "scope": data.scope,
        "currency": data.currency,
        "symbol": formatting.SYMBOLS.get(data.currency),
        "period": data.period,
        "as_of": formatting.as_of_iso(as_of),
        "as_of_label": formatting.as_of(as_of),
        "stale": formatting.is_stale(as_of, stale_after_months, today),
        "source": {
            "name": data.source.name,
            "url": data.source.url,
            "unsourced": data.source.unsourced,
            "note": data.source.note,
        },
        "occupation": None if occupation is None else {"title": occupation.title, "soc": occupation.soc},
        "note": data.note,
        "top_code": data.top_code,
        "levels": [
            {
                "level": level.level,
                "years": _pair(level.years),
                "base": _pair(level.base),
                "total": _pair(level.total),
                **_row(level),
            }
            for level in data.levels
        ],
        "locations": [
            {"name": location.name, "range": _pair(location.range), **_row(location)} for location in data.locations
        ],
    }


def _row(row: SalaryRow) -> dict[str, Any]:
    return {
        "percentiles": None if row.percentiles is None else dict(row.percentiles.given()),
        "top_coded": list(row.top_coded),
        "employment": row.employment,
        "area_code": row.area_code,
    }


def _pair(bounds: tuple[int, int | None] | tuple[int, int] | None) -> list[int | None] | None:
    return None if bounds is None else list(bounds)
