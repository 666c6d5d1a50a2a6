"""Reading BLS OEWS files in either layout into one shape: each area's published figures for an occupation.

Two layouts, told apart by their header:

- the all-data layout: BLS's spreadsheet (all_data_M_2025.xlsx) saved as CSV, or read as .xlsx
  when openpyxl is installed, one row per area x industry x occupation, with the columns AREA,
  AREA_TITLE, AREA_TYPE, PRIM_STATE, NAICS, OCC_CODE, OCC_TITLE, O_GROUP, TOT_EMP, H_MEAN, A_MEAN,
  H_PCT10, H_PCT25, H_MEDIAN, H_PCT75, H_PCT90, A_PCT10 ... A_PCT90. `*` marks a wage that was
  not released, `**` an employment figure that was not released, `#` a wage at or above the top
  code, `~` a share below 0.5%.
- the time-series flat files (download.bls.gov/pub/time.series/oe/), tab-separated: oe.data.*
  (series_id, year, period, value, footnote_codes), with oe.area and oe.occupation for names and,
  optionally, oe.footnote (the top code's text) and oe.release (the reference period's name).
  A series id is OEU + area type + 7-digit area + 6-digit industry + 6-digit occupation +
  2-digit datatype (01 employment, 06-10 hourly and 11-15 annual percentiles); footnote 5 marks
  a wage at or above the top code, 8 an estimate not released, 4 an annual wage not published.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from guidegen.content.fields import YearMonth
from guidegen.content.models import PercentileKey
from guidegen.render import formatting


class Mark(Enum):
    """Why a figure has no number."""

    NOT_RELEASED = "not released"
    TOP_CODED = "at or above the top code"


Figure = int | float | Mark


class ImportFileError(Exception):
    """A file that cannot be read as OEWS data: names the file, and the line where it can."""

    def __init__(self, file: str, message: str, line: int | None = None, hint: str | None = None) -> None:
        where = file if line is None else f"{file}:{line}"
        super().__init__(f"{where}: {message}" + (f" ({hint})" if hint else ""))


@dataclass
class AreaFigures:
    """One area's published figures for one occupation, as the input gives them."""

    area_code: str
    area_title: str | None
    occupation_code: str  # six digits, 152051
    occupation_title: str | None
    employment: int | Mark | None = None
    annual: dict[PercentileKey, Figure] = field(default_factory=dict)
    hourly: dict[PercentileKey, Figure] = field(default_factory=dict)
    annual_not_published: bool = False  # BLS publishes hourly wages only for this occupation


@dataclass
class OewsData:
    """Everything read from the input files: figures by (occupation, area), names, top codes, period."""

    layout: str  # "all-data" or "flat files"
    files: list[str]
    figures: dict[tuple[str, str], AreaFigures] = field(default_factory=dict)
    areas: dict[str, str] = field(default_factory=dict)  # code -> title
    occupations: dict[str, str] = field(default_factory=dict)  # six-digit code -> title
    top_code_annual: int | None = None
    top_code_hourly: float | None = None
    reference: YearMonth | None = None


PERCENTILE_COLUMNS: dict[PercentileKey, str] = {
    "p10": "PCT10",
    "p25": "PCT25",
    "median": "MEDIAN",
    "p75": "PCT75",
    "p90": "PCT90",
}
WAGE_COLUMNS = tuple(f"{kind}_{column}" for kind in ("H", "A") for column in PERCENTILE_COLUMNS.values())
ALL_DATA_COLUMNS = ("AREA", "AREA_TITLE", "NAICS", "OCC_CODE", "OCC_TITLE", "TOT_EMP", *WAGE_COLUMNS)
HOURLY_DATATYPES: dict[str, PercentileKey] = {"06": "p10", "07": "p25", "08": "median", "09": "p75", "10": "p90"}
ANNUAL_DATATYPES: dict[str, PercentileKey] = {"11": "p10", "12": "p25", "13": "median", "14": "p75", "15": "p90"}
FLAT_DATA_HEADER = ["series_id", "year", "period", "value", "footnote_codes"]
CROSS_INDUSTRY = "000000"
_SERIES = re.compile(r"^OEU([NSM])(\d{7})(\d{6})(\d{6})(\d{2})$")
_TOP_CODE = re.compile(r"equal to or greater than \$([\d,]+(?:\.\d+)?) per hour or \$([\d,]+) per year", re.IGNORECASE)
MONTHS = {name: number for number, name in enumerate(formatting.MONTHS, start=1)}
OEWS_ANNUAL_MONTH = 5  # an OEWS annual release (period A01) estimates pay in May of its year


def read_files(paths: list[Path]) -> OewsData:
    """Read every file, telling the layouts apart by their headers; all files must share one layout."""
    kinds: dict[str, list[tuple[Path, list[list[str]]]]] = {}
    for path in paths:
        rows = _rows(path)
        kinds.setdefault(_kind(path, rows), []).append((path, rows))
    names = [str(path) for path in paths]
    if "all-data" in kinds and len(kinds) > 1:
        raise ImportFileError(
            names[0],
            "the files mix the all-data layout and the time-series flat files",
            hint="import one layout at a time",
        )
    if "all-data" in kinds:
        data = OewsData("all-data", names)
        for path, rows in kinds["all-data"]:
            _read_all_data(path, rows, data)
        return data
    if "data" not in kinds:
        raise ImportFileError(
            names[0],
            "no oe.data file among the flat files",
            hint="give the oe.data.* file with oe.area and oe.occupation",
        )
    missing = [name for name in ("area", "occupation") if name not in kinds]
    if missing:
        raise ImportFileError(
            str(kinds["data"][0][0]),
            f"the flat files need oe.{' and oe.'.join(missing)} for the names",
            hint="give them after the oe.data file",
        )
    data = OewsData("flat files", names)
    for path, rows in kinds.get("footnote", []):
        _read_footnotes(path, rows, data)
    for path, rows in kinds.get("release", []):
        _read_release(path, rows, data)
    for path, rows in kinds["area"]:
        data.areas.update(_read_names(path, rows, "area_code", "area_name"))
    for path, rows in kinds["occupation"]:
        data.occupations.update(_read_names(path, rows, "occupation_code", "occupation_name"))
    for path, rows in kinds["data"]:
        _read_flat_data(path, rows, data)
    for figures in data.figures.values():
        figures.area_title = data.areas.get(figures.area_code)
        figures.occupation_title = data.occupations.get(figures.occupation_code)
    return data


def _rows(path: Path) -> list[list[str]]:
    if path.suffix.lower() == ".xlsx":
        return _xlsx_rows(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(str(path), f"cannot read the file: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # BLS files saved by spreadsheet programs on Windows
    if not text.strip():
        raise ImportFileError(str(path), "the file is empty")
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not text.endswith(("\n", "\r")) and len(rows) > 1:
        rows.append(["\x00truncated"])  # a last line without its newline: the file was cut short
    return rows


def _xlsx_rows(path: Path) -> list[list[str]]:
    try:
        import openpyxl
    except ImportError:
        raise ImportFileError(
            str(path),
            "reading .xlsx needs openpyxl",
            hint="pip install 'guidegen[xlsx]', or save the sheet as CSV",
        ) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or truncated workbook
        raise ImportFileError(str(path), f"not a readable .xlsx workbook ({exc.__class__.__name__})") from None
    sheet = book.worksheets[0]
    rows = [["" if cell is None else _cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _kind(path: Path, rows: list[list[str]]) -> str:
    header = [cell.strip() for cell in rows[0]] if rows else []
    upper = {cell.upper() for cell in header}
    if {"AREA", "OCC_CODE", "A_MEDIAN"} <= upper:
        return "all-data"
    lower = [cell.lower() for cell in header]
    if lower[:5] == FLAT_DATA_HEADER:
        return "data"
    for kind, key in (("area", "area_code"), ("occupation", "occupation_code"), ("footnote", "footnote_code")):
        if key in lower:
            return kind
    if lower[:1] == ["release_date"]:
        return "release"
    raise ImportFileError(
        str(path),
        "neither the OEWS all-data layout nor an OEWS time-series flat file",
        line=1,
        hint="expected a header with AREA, OCC_CODE, A_MEDIAN ..., or the flat files' series_id, year, period, value,"
        " footnote_codes (with oe.area and oe.occupation)",
    )


def _records(path: Path, rows: list[list[str]]) -> Iterator[tuple[int, dict[str, str]]]:
    """Each data row as {column: value} with its line number; a short or cut-off row is an error."""
    header = [cell.strip() for cell in rows[0]]
    if len(rows) < 2:
        raise ImportFileError(str(path), "the file has a header but no rows", line=1, hint="the file may be truncated")
    for number, row in enumerate(rows[1:], start=2):
        if row == ["\x00truncated"]:
            raise ImportFileError(
                str(path), "the last line has no line ending", line=number - 1, hint="the file may be truncated"
            )
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            raise ImportFileError(
                str(path),
                f"expected {len(header)} fields, got {len(row)}",
                line=number,
                hint="the file may be truncated",
            )
        yield number, {name: value.strip() for name, value in zip(header, row, strict=False)}


def _read_all_data(path: Path, rows: list[list[str]], data: OewsData) -> None:
    header = {cell.strip().upper() for cell in rows[0]}
    missing = [column for column in ALL_DATA_COLUMNS if column not in header]
    if missing:
        raise ImportFileError(str(path), f"the all-data header lacks {', '.join(missing)}", line=1)
    for line, record in _records(path, rows):
        record = {key.upper(): value for key, value in record.items()}
        if record["NAICS"] != CROSS_INDUSTRY:
            continue
        occupation = record["OCC_CODE"].replace("-", "")
        area = record["AREA"]
        data.areas.setdefault(area, record["AREA_TITLE"])
        data.occupations.setdefault(occupation, record["OCC_TITLE"])
        figures = AreaFigures(area, record["AREA_TITLE"], occupation, record["OCC_TITLE"])
        figures.employment = _all_data_value(path, line, "TOT_EMP", record["TOT_EMP"], whole=True)  # type: ignore[assignment]
        for key, column in PERCENTILE_COLUMNS.items():
            figures.hourly[key] = _all_data_value(path, line, f"H_{column}", record[f"H_{column}"], whole=False)
            figures.annual[key] = _all_data_value(path, line, f"A_{column}", record[f"A_{column}"], whole=True)
        # HOURLY=TRUE: BLS publishes hourly wages only; files without that column say so by blank annual wages
        annual_missing = all(value is Mark.NOT_RELEASED for value in figures.annual.values())
        hourly_given = any(not isinstance(value, Mark) for value in figures.hourly.values())
        figures.annual_not_published = record.get("HOURLY", "").upper() == "TRUE" or (annual_missing and hourly_given)
        data.figures[(occupation, area)] = figures


def _all_data_value(path: Path, line: int, column: str, text: str, *, whole: bool) -> Figure:
    if text in ("*", "**", ""):
        return Mark.NOT_RELEASED
    if text == "#":
        return Mark.TOP_CODED
    return _number(path, line, column, text, whole=whole)


def _number(path: Path, line: int, column: str, text: str, *, whole: bool) -> int | float:
    cleaned = text.replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        raise ImportFileError(str(path), f"{column}: expected a number, got {text!r}", line=line) from None
    if whole:
        if not value.is_integer():
            raise ImportFileError(str(path), f"{column}: expected a whole number, got {text!r}", line=line)
        return int(value)
    return value


def _read_names(path: Path, rows: list[list[str]], code: str, name: str) -> dict[str, str]:
    names = {}
    for _line, record in _records(path, rows):
        names[record[code]] = record[name]
    return names


def _read_footnotes(path: Path, rows: list[list[str]], data: OewsData) -> None:
    for _line, record in _records(path, rows):
        match = _TOP_CODE.search(record.get("footnote_text", ""))
        if match:
            data.top_code_hourly = float(match.group(1).replace(",", ""))
            data.top_code_annual = int(match.group(2).replace(",", ""))


def _read_release(path: Path, rows: list[list[str]], data: OewsData) -> None:
    for line, record in _records(path, rows):
        words = record.get("description", "").split()
        if len(words) == 2 and words[0] in MONTHS and words[1].isdigit():
            data.reference = YearMonth(int(words[1]), MONTHS[words[0]])
        else:
            raise ImportFileError(
                str(path), f"expected a release such as 'May 2025', got {record.get('description')!r}", line=line
            )


def _read_flat_data(path: Path, rows: list[list[str]], data: OewsData) -> None:
    for line, record in _records(path, rows):
        match = _SERIES.match(record["series_id"])
        if match is None:
            raise ImportFileError(
                str(path),
                f"series_id: expected an OEWS series id such as OEUN000000000000015205113, got {record['series_id']!r}",
                line=line,
            )
        _area_type, area, industry, occupation, datatype = match.groups()
        if industry != CROSS_INDUSTRY:
            continue
        year, period = record["year"], record["period"]
        if period != "A01" or not year.isdigit():
            raise ImportFileError(str(path), f"period: expected an annual OEWS period A01, got {period!r}", line=line)
        reference = data.reference or YearMonth(int(year), OEWS_ANNUAL_MONTH)
        if data.reference is None:
            data.reference = reference
        elif reference.year != int(year):
            raise ImportFileError(
                str(path), f"year: the files mix reference years ({data.reference.year} and {year})", line=line
            )
        figures = data.figures.setdefault((occupation, area), AreaFigures(area, None, occupation, None))
        footnotes = set(record["footnote_codes"].replace(",", " ").split())
        value = _flat_value(path, line, record["value"], footnotes, whole=datatype not in HOURLY_DATATYPES)
        if datatype == "01":
            figures.employment = Mark.NOT_RELEASED if isinstance(value, Mark) else int(value)
        elif datatype in HOURLY_DATATYPES:
            figures.hourly[HOURLY_DATATYPES[datatype]] = value
        elif datatype in ANNUAL_DATATYPES:
            figures.annual[ANNUAL_DATATYPES[datatype]] = value
            if "4" in footnotes and isinstance(value, Mark):
                figures.annual_not_published = True


def _flat_value(path: Path, line: int, text: str, footnotes: set[str], *, whole: bool) -> Figure:
    if "5" in footnotes:
        return Mark.TOP_CODED
    if text in ("-", "") or "8" in footnotes:
        return Mark.NOT_RELEASED
    return _number(path, line, "value", text, whole=whole)
