"""The salary tables the Salary Calculator reads: one JSON file built from content/salaries/.

Format (version 1), read by static/js/salary-calculator.js:

    {"version": 1, "stale_after_months": 18, "short_units": [["M", 1000000, 2], ["K", 1000, 1]],
     "tables": [{"id": "mlops", "title": "...", "scope": "..." | null,
                 "currency": "USD", "symbol": "$" | null, "period": "year" | "month" | "hour",
                 "as_of": "2026" | "2026-10-01", "as_of_label": "2026" | "October 2026", "stale": false,
                 "source": {"name": "..." | null, "url": "..." | null, "unsourced": true, "note": "..." | null},
                 "levels": [{"level": "Entry", "years": [min, max | null] | null,
                             "base": [min, max] | null, "total": [min, max | null] | null}],
                 "locations": [{"name": "Seattle", "range": [min, max]}]}]}

Tables are in id order. `stale` is decided at build time with the same rule the pages use
(older than `stale_after_months`), so the calculator and the tables always agree.
`short_units` are formatting.SHORT_UNITS (suffix, unit, decimals), so "$152.6K" reads the same
in the calculator as on the pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from guidegen.content.site import SalaryTable
from guidegen.render import formatting


def salary_index(tables: Sequence[SalaryTable], stale_after_months: int, today: dt.date) -> dict[str, Any]:
    return {
        "version": 1,
        "stale_after_months": stale_after_months,
        "short_units": [list(unit) for unit in formatting.SHORT_UNITS],
        "tables": [_table(table, stale_after_months, today) for table in tables],
    }


def _table(table: SalaryTable, stale_after_months: int, today: dt.date) -> dict[str, Any]:
    data = table.data
    as_of = data.as_of
    return {
        "id": table.id,
        "title": data.title,
        "scope": data.scope,
        "currency": data.currency,
        "symbol": formatting.SYMBOLS.get(data.currency),
        "period": data.period,
        "as_of": str(as_of) if isinstance(as_of, int) else as_of.isoformat(),
        "as_of_label": formatting.as_of(as_of),
        "stale": formatting.is_stale(as_of, stale_after_months, today),
        "source": {
            "name": data.source.name,
            "url": data.source.url,
            "unsourced": data.source.unsourced,
            "note": data.source.note,
        },
        "levels": [
            {
                "level": level.level,
                "years": _pair(level.years),
                "base": _pair(level.base),
                "total": _pair(level.total),
            }
            for level in data.levels
        ],
        "locations": [{"name": location.name, "range": list(location.range)} for location in data.locations],
    }


def _pair(bounds: tuple[int, int | None] | tuple[int, int] | None) -> list[int | None] | None:
    return None if bounds is None else list(bounds)
