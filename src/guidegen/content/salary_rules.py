"""Rules a salary table must keep across its fields: percentiles in order, top-coding, one pay period."""

from __future__ import annotations

from guidegen.content.models import PERCENTILES, SalaryRow, SalaryTableData
from guidegen.content.site import Origin
from guidegen.content.validation import dotted
from guidegen.errors import Problems

_ROW_PERIOD_HINT = "a table never mixes pay periods: put hourly figures in their own table with `period: hour`"


def check_salary_table(data: SalaryTableData, origin: Origin, problems: Problems) -> None:
    """Report every broken rule with the line and field it is about."""
    if not data.levels and not data.locations:
        _error(problems, origin, ("levels",), "a table needs levels, or locations with percentiles")
    elif not data.levels and any(location.percentiles is None for location in data.locations):
        _error(
            problems,
            origin,
            ("levels",),
            "needs at least 1 item(s)",
            "`levels` may be empty only when every location carries `percentiles`",
        )
    rows: list[tuple[str, int, SalaryRow]] = [("levels", index, level) for index, level in enumerate(data.levels)]
    rows += [("locations", index, location) for index, location in enumerate(data.locations)]
    for section, index, row in rows:
        _check_row(data, origin, problems, (section, index), row)
        if row.model_extra and "period" in row.model_extra:  # kept as an unknown field: refuse it plainly
            _error(problems, origin, (section, index, "period"), "a row has no pay period of its own", _ROW_PERIOD_HINT)


def _check_row(
    data: SalaryTableData, origin: Origin, problems: Problems, path: tuple[str | int, ...], row: SalaryRow
) -> None:
    given = row.percentiles.given() if row.percentiles is not None else ()
    if row.percentiles is not None and not given:
        _error(problems, origin, (*path, "percentiles"), "give at least one of p10, p25, median, p75, p90")
    previous: tuple[str, int | float] | None = None
    for key, value in given:
        if value is None:
            continue
        if data.period != "hour" and value != int(value):
            _error(
                problems,
                origin,
                (*path, "percentiles", key),
                f"{value} is not a whole amount in a `period: {data.period}` table",
                _ROW_PERIOD_HINT,
            )
        if previous is not None and value < previous[1]:
            _error(
                problems,
                origin,
                (*path, "percentiles", key),
                f"{key} {_amount(value)} is less than {previous[0]} {_amount(previous[1])}",
                "percentiles increase from p10 to p90",
            )
        previous = (key, value)
    for position, key in enumerate(row.top_coded):
        field = (*path, "top_coded", position)
        if row.percentiles is None or key not in row.percentiles.model_fields_set:
            _error(
                problems, origin, field, f"{key} is top-coded but `percentiles` does not list it", f"add `{key}: null`"
            )
        elif row.percentiles.value(key) is not None:
            _error(
                problems,
                origin,
                field,
                f"{key} is top-coded but has the value {_amount(row.percentiles.value(key) or 0)}",
                f"a top-coded percentile has no figure: write `{key}: null`",
            )
        else:
            above = [
                higher
                for higher, value in given
                if PERCENTILES.index(higher) > PERCENTILES.index(key) and value is not None
            ]
            if above:
                _error(
                    problems,
                    origin,
                    field,
                    f"{key} is top-coded but the higher {above[0]} has a figure",
                    "every percentile above a top-coded one is top-coded too",
                )


def _amount(value: int | float) -> str:
    return f"{value:,}" if value == int(value) else f"{value:,.2f}"


def _error(
    problems: Problems, origin: Origin, path: tuple[str | int, ...], message: str, hint: str | None = None
) -> None:
    problems.error(origin.name, message, line=origin.line_of(*path), field=dotted(path), hint=hint)
