"""`guidegen import oews`: a salary table YAML from BLS OEWS files, with every figure as BLS published it.

Nothing is invented or interpolated: a top-coded wage becomes an open end (`null`, listed in
`top_coded`, with the top code the input states), a wage or employment figure BLS did not release
becomes `null`, and the page says so. The table is checked against the content contract before
anything is written.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from guidegen.content.fields import YearMonth
from guidegen.content.models import PERCENTILES, SalaryTableData
from guidegen.content.salary_rules import check_salary_table
from guidegen.content.site import Origin
from guidegen.content.validation import validate
from guidegen.content.yamlfile import parse_yaml
from guidegen.errors import BuildError, GuidegenError, Problems
from guidegen.importers.oews_files import AreaFigures, Figure, ImportFileError, Mark, OewsData, read_files
from guidegen.render import formatting

SOURCE_NAME = "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics"
SOURCE_URL = "https://www.bls.gov/oes/"
NOTE = "The figures cover wage and salary workers in all industries; self-employed workers are not included."
NATION = ("0000000", "99")  # the nation's area code in the flat files and in the all-data layout
_SOC = re.compile(r"^(\d{2})-?(\d{4})$")


class OewsImportError(GuidegenError):
    """The input cannot be imported: nothing was written."""

    exit_code = 1


@dataclass(frozen=True)
class ImportRequest:
    files: list[Path]
    occupation: str  # as typed: 15-2051 or 152051
    areas: list[str]  # as the file spells them; empty: the nation
    out: Path
    top_code: int | float | None = None  # the spreadsheet layout's top code (the flat files state theirs)
    as_of: str | None = None  # the spreadsheet layout's reference period, e.g. 2025-05
    title: str | None = None


def run_import(request: ImportRequest) -> str:
    """Read, check and write the table; returns what was written, for the CLI's summary line."""
    try:
        data = read_files(request.files)
    except ImportFileError as exc:
        raise OewsImportError(str(exc)) from None
    occupation = _occupation(request.occupation, data)
    repeated = sorted({code for code in request.areas if request.areas.count(code) > 1})
    if repeated:
        raise OewsImportError(f"--area: {', '.join(repeated)} given more than once (each area is one row of the table)")
    rows = [_area(occupation, code, data) for code in (request.areas or [_nation(data)])]
    table = _table(request, data, occupation, rows)
    text = _yaml(request, table)
    _check_contract(text, request.out.name)
    try:
        request.out.parent.mkdir(parents=True, exist_ok=True)
        request.out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BuildError(f"{request.out}: cannot write the table: {exc.strerror or exc}") from None
    return f"{request.out}: {len(rows)} area{'s' if len(rows) != 1 else ''} of {data.occupations[occupation]}"


def _check_contract(text: str, name: str) -> None:
    """The written table must pass the same validation as content: an importer bug must not reach a page."""
    problems = Problems()
    doc = parse_yaml(text, name, problems)
    data = None if doc is None else validate(SalaryTableData, doc.data, doc, name, problems)
    if doc is not None and data is not None:
        check_salary_table(data, Origin(name, doc.line_index()), problems)
    if problems.items:
        raise OewsImportError("the imported table fails validation: " + "; ".join(p.format() for p in problems.items))


def _occupation(text: str, data: OewsData) -> str:
    match = _SOC.match(text.strip())
    if match is None:
        raise OewsImportError(f"--occupation: expected a SOC code such as 15-2051 or 152051, got {text!r}")
    code = match.group(1) + match.group(2)
    if code not in data.occupations or not any(key[0] == code for key in data.figures):
        known = sorted({key[0] for key in data.figures})
        close = difflib.get_close_matches(code, known, n=1, cutoff=0.5)
        hint = (
            f" (did you mean {_soc(close[0])} {data.occupations.get(close[0], '')}?)".replace(" ?)", "?)")
            if close
            else ""
        )
        raise OewsImportError(f"--occupation: {_soc(code)} is not in {', '.join(data.files)}{hint}")
    return code


def _nation(data: OewsData) -> str:
    for code in NATION:
        if code in data.areas:
            return code
    raise OewsImportError(f"the files have no national figures ({' or '.join(NATION)}): name the areas with --area")


def _area(occupation: str, code: str, data: OewsData) -> AreaFigures:
    figures = data.figures.get((occupation, code.strip()))
    if figures is not None:
        return figures
    known = sorted({key[1] for key in data.figures if key[0] == occupation})
    padded = code.strip().zfill(7)
    close = [padded] if padded in known else difflib.get_close_matches(code.strip(), known, n=1, cutoff=0.5)
    hint = f" (did you mean {close[0]}, {data.areas.get(close[0], 'an area in the file')}?)" if close else ""
    what = "is not in" if code.strip() not in data.areas else f"has no figures for {_soc(occupation)} in"
    raise OewsImportError(f"--area: {code} {what} {', '.join(data.files)}{hint}")


def _table(request: ImportRequest, data: OewsData, occupation: str, rows: list[AreaFigures]) -> dict[str, object]:
    hourly_only = [row for row in rows if row.annual_not_published]
    if hourly_only and len(hourly_only) != len(rows):
        names = ", ".join(f"{row.area_code} ({row.area_title})" for row in hourly_only)
        raise OewsImportError(
            f"--area: BLS publishes only hourly wages for {_soc(occupation)} in {names}: a table never mixes"
            " pay periods (import those areas into a table of their own)"
        )
    period = "hour" if hourly_only else "year"
    reference = _reference(request, data)
    top_code = _top_code(request, data, period)
    title = request.title or f"{data.occupations[occupation]}: wage percentiles, {formatting.as_of(reference)}"
    return {
        "title": title,
        "period": period,
        "as_of": reference,
        "top_code": top_code,
        "occupation": {"title": data.occupations[occupation], "soc": _soc(occupation)},
        "rows": [_row(row, period) for row in rows],
    }


def _reference(request: ImportRequest, data: OewsData) -> YearMonth:
    if request.as_of is not None:
        match = re.fullmatch(r"(\d{4})-(\d{2})", request.as_of.strip())
        if match is None or not 1 <= int(match.group(2)) <= 12:
            raise OewsImportError(f"--as-of: expected a reference month such as 2025-05, got {request.as_of!r}")
        return YearMonth(int(match.group(1)), int(match.group(2)))
    if data.reference is None:
        raise OewsImportError(
            "the all-data layout does not name its reference period: give --as-of (OEWS estimates are for May of"
            " the year in the file's name, e.g. --as-of 2025-05 for all_data_M_2025)"
        )
    return data.reference


def _top_code(request: ImportRequest, data: OewsData, period: str) -> int | float | None:
    if request.top_code is not None:
        return request.top_code
    return data.top_code_hourly if period == "hour" else data.top_code_annual


def _row(figures: AreaFigures, period: str) -> dict[str, object]:
    wages = figures.hourly if period == "hour" else figures.annual
    percentiles: dict[str, int | float | None] = {}
    top_coded: list[str] = []
    for key in PERCENTILES:
        value: Figure | None = wages.get(key)
        if value is None:
            continue  # the input has no such series: not listed
        if value is Mark.TOP_CODED:
            top_coded.append(key)
        percentiles[key] = None if isinstance(value, Mark) else value
    # BLS marks only the percentiles it top-codes; one above a top-coded percentile is top-coded too
    if top_coded:
        first = PERCENTILES.index(top_coded[0])
        top_coded = [key for key in PERCENTILES[first:] if key in percentiles and percentiles[key] is None]
    return {
        "name": figures.area_title or figures.area_code,
        "area_code": figures.area_code,
        "employment": None if isinstance(figures.employment, Mark) else figures.employment,
        "has_employment": figures.employment is not None,
        "percentiles": percentiles,
        "top_coded": top_coded,
    }


def _yaml(request: ImportRequest, table: dict[str, object]) -> str:
    """The table as YAML an editor can read: one line per figure group, strings quoted as JSON (valid YAML)."""
    reference = table["as_of"]
    assert isinstance(reference, YearMonth)
    occupation = table["occupation"]
    assert isinstance(occupation, dict)
    command = " ".join(
        ["guidegen import oews", *(path.as_posix() for path in request.files), f"--occupation {occupation['soc']}"]
        + [f"--area {area}" for area in request.areas]
    )
    lines = [
        f"# Imported from BLS OEWS data by `{command}`.",
        "# Re-run the import rather than editing figures by hand.",
        f"title: {json.dumps(table['title'], ensure_ascii=False)}",
        "currency: USD",
        f"period: {table['period']}",
        f"as_of: {reference.isoformat()}",
        "source:",
        f"  name: {json.dumps(SOURCE_NAME)}",
        f"  url: {json.dumps(SOURCE_URL)}",
        f'occupation: {{title: {json.dumps(occupation["title"], ensure_ascii=False)}, soc: "{occupation["soc"]}"}}',
        f"note: {json.dumps(NOTE, ensure_ascii=False)}",
    ]
    if table["top_code"] is not None:
        lines.append(f"top_code: {table['top_code']}")
    lines += ["levels: []", "locations:"]
    rows = table["rows"]
    assert isinstance(rows, list)
    for row in rows:
        lines.append(f"  - name: {json.dumps(row['name'], ensure_ascii=False)}")
        lines.append(f'    area_code: "{row["area_code"]}"')
        if row["has_employment"]:
            lines.append(f"    employment: {'null' if row['employment'] is None else row['employment']}")
        shown = ", ".join(f"{key}: {'null' if value is None else value}" for key, value in row["percentiles"].items())
        lines.append(f"    percentiles: {{{shown}}}")
        if row["top_coded"]:
            lines.append(f"    top_coded: [{', '.join(row['top_coded'])}]")
    return "\n".join(lines) + "\n"


def _soc(code: str) -> str:
    return f"{code[:2]}-{code[2:]}"
