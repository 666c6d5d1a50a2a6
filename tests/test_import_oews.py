"""`guidegen import oews` on small sample files in both BLS layouts, written for these tests.

The samples in tests/data/oews/ hold real May 2025 OEWS figures for a few cells, chosen for what
they exercise: Data Scientists (national, Seattle), Anesthesiologists in Grand Rapids (90th
percentile top-coded, 75th above the top code yet unflagged), Web Developers in Abilene (wages
not released), Claims Adjusters in Abilene (employment not released), Dancers in Albany (hourly
wages only). The expected tables below are written out by hand from those files.
"""

from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import REPO, SiteFixture

SAMPLES = REPO / "tests/data/oews"
FLAT = ["oe.data.sample", "oe.area", "oe.occupation", "oe.footnote", "oe.release"]
ALL_DATA = ["all_data_M_2025.csv"]
SOURCE = {
    "name": "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics",
    "url": "https://www.bls.gov/oes/",
}
NOTE = "The figures cover wage and salary workers in all industries; self-employed workers are not included."
DATA_SCIENTISTS = [
    {
        "name": "National",
        "area_code": "0000000",
        "employment": 262440,
        "percentiles": {"p10": 67240, "p25": 85660, "median": 120230, "p75": 158880, "p90": 199130},
    },
    {
        "name": "Seattle-Tacoma-Bellevue, WA",
        "area_code": "0042660",
        "employment": 8370,
        "percentiles": {"p10": 81130, "p25": 108740, "median": 164740, "p75": 210370, "p90": 230980},
    },
]


@pytest.fixture
def project(site: SiteFixture) -> SiteFixture:
    for name in [*FLAT, *ALL_DATA]:
        shutil.copy(SAMPLES / name, site.root / name)
    return site


def _import(site: SiteFixture, *args: str) -> tuple[int, str, dict[str, object] | None]:
    out = site.root / "content/salaries/imported.yaml"
    result = site.cli("import", "oews", *args, "--out", "content/salaries/imported.yaml")
    table = yaml.safe_load(out.read_text(encoding="utf-8")) if out.exists() else None
    return result.returncode, result.stderr.strip(), table


def test_flat_files_import_national_and_metro_percentiles_exactly(
    project: SiteFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01: May 2025 figures are 8 months old
    code, errors, table = _import(project, *FLAT, "--occupation", "15-2051", "--area", "0000000", "--area", "0042660")
    assert (code, errors) == (0, "")
    assert table == {
        "title": "Data Scientists: wage percentiles, May 2025",
        "currency": "USD",
        "period": "year",
        "as_of": "2025-05",
        "source": SOURCE,
        "occupation": {"title": "Data Scientists", "soc": "15-2051"},
        "note": NOTE,
        "top_code": 239200,
        "levels": [],
        "locations": DATA_SCIENTISTS,
    }
    # and the shipped machinery accepts it: the table builds with no warnings
    project.write(
        "content/careers/data-engineer.md",
        project.read("content/careers/data-engineer.md").replace("salary: data", "salary: imported"),
    )
    report = project.build(strict=True)
    assert report.warnings == ()


def test_the_all_data_layout_gives_the_same_figures(project: SiteFixture) -> None:
    code, errors, table = _import(
        project,
        *ALL_DATA,
        "--occupation",
        "152051",
        "--area",
        "99",
        "--area",
        "42660",
        "--as-of",
        "2025-05",
        "--top-code",
        "239200",
    )
    assert (code, errors) == (0, "")
    assert table is not None
    assert table["as_of"] == "2025-05"
    assert table["top_code"] == 239200
    assert table["locations"] == [
        {**DATA_SCIENTISTS[0], "name": "U.S.", "area_code": "99"},
        {**DATA_SCIENTISTS[1], "area_code": "42660"},
    ]


def test_the_nation_is_the_default_area(project: SiteFixture) -> None:
    _code, _errors, table = _import(project, *FLAT, "--occupation", "152051")
    assert table is not None
    assert table["locations"] == DATA_SCIENTISTS[:1]


@pytest.mark.parametrize(
    ("files", "area", "extra"),
    [(FLAT, "0024340", []), (ALL_DATA, "24340", ["--as-of", "2025-05", "--top-code", "239200"])],
)
def test_a_top_coded_value_becomes_an_open_end_with_the_stated_threshold(
    project: SiteFixture, files: list[str], area: str, extra: list[str]
) -> None:
    code, errors, table = _import(project, *files, "--occupation", "29-1211", "--area", area, *extra)
    assert (code, errors) == (0, "")
    assert table is not None
    assert table["top_code"] == 239200
    (row,) = table["locations"]  # type: ignore[misc]
    # the 75th percentile is above $239,200 yet published: it stays a number, never capped or flagged
    assert row["percentiles"] == {"p10": 185960, "p25": 197150, "median": 228760, "p75": 384800, "p90": None}
    assert row["top_coded"] == ["p90"]
    assert row["employment"] == 270


def test_without_a_stated_top_code_the_open_end_has_no_figure(project: SiteFixture) -> None:
    code, errors, table = _import(
        project, *ALL_DATA, "--occupation", "29-1211", "--area", "24340", "--as-of", "2025-05"
    )
    assert (code, errors) == (0, "")
    assert table is not None
    assert "top_code" not in table
    project.write(
        "content/careers/data-engineer.md",
        project.read("content/careers/data-engineer.md").replace("salary: data", "salary: imported"),
    )
    project.build()
    cells = [
        " ".join(td.get_text(" ").split())
        for td in project.html("/careers/data-engineer/").select("#salary-data tbody td")
    ]
    assert cells[4] == "above the published top code"


@pytest.mark.parametrize(
    ("files", "area", "extra"), [(FLAT, "0010180", []), (ALL_DATA, "10180", ["--as-of", "2025-05"])]
)
def test_values_not_released_are_left_out(project: SiteFixture, files: list[str], area: str, extra: list[str]) -> None:
    _code, _errors, table = _import(project, *files, "--occupation", "15-1254", "--area", area, *extra)
    assert table is not None
    (row,) = table["locations"]  # type: ignore[misc]
    assert row["employment"] == 60
    assert row["percentiles"] == {"p10": None, "p25": None, "median": None, "p75": None, "p90": None}
    assert "top_coded" not in row
    _code, _errors, table = _import(project, *files, "--occupation", "13-1031", "--area", area, *extra)
    assert table is not None
    (row,) = table["locations"]  # type: ignore[misc]
    assert row["employment"] is None  # ** / footnote 8: employment not released
    assert row["percentiles"] == {"p10": 35580, "p25": 35580, "median": 35580, "p75": 51230, "p90": 76400}


@pytest.mark.parametrize(
    ("files", "area", "extra"), [(FLAT, "0010580", []), (ALL_DATA, "10580", ["--as-of", "2025-05"])]
)
def test_hourly_only_occupations_give_an_hourly_table(
    project: SiteFixture, files: list[str], area: str, extra: list[str]
) -> None:
    code, errors, table = _import(project, *files, "--occupation", "27-2031", "--area", area, *extra)
    assert (code, errors) == (0, "")
    assert table is not None
    assert table["period"] == "hour"
    assert table["locations"][0]["percentiles"] == {"p10": 15.5, "p25": 15.5, "median": 16.15, "p75": 28.4, "p90": 28.4}  # type: ignore[index]


def _fails(project: SiteFixture, *args: str) -> str:
    code, errors, table = _import(project, *args)
    assert code == 1
    assert table is None  # nothing written
    return errors


def test_an_unknown_occupation_or_area_says_what_it_might_be(project: SiteFixture) -> None:
    assert _fails(project, *FLAT, "--occupation", "15-2052") == (
        "guidegen: --occupation: 15-2052 is not in oe.data.sample, oe.area, oe.occupation, oe.footnote, oe.release"
        " (did you mean 15-2051 Data Scientists?)"
    )
    assert _fails(project, *FLAT, "--occupation", "15-2051", "--area", "42660") == (
        "guidegen: --area: 42660 is not in oe.data.sample, oe.area, oe.occupation, oe.footnote, oe.release"
        " (did you mean 0042660, Seattle-Tacoma-Bellevue, WA?)"
    )
    assert _fails(project, *FLAT, "--occupation", "15-2051", "--area", "0010180") == (
        "guidegen: --area: 0010180 has no figures for 15-2051 in oe.data.sample, oe.area, oe.occupation,"
        " oe.footnote, oe.release (did you mean 0000000, National?)"
    )
    assert _fails(project, *FLAT, "--occupation", "data scientists") == (
        "guidegen: --occupation: expected a SOC code such as 15-2051 or 152051, got 'data scientists'"
    )


def test_mixed_pay_periods_are_refused(project: SiteFixture) -> None:
    # BLS's HOURLY flag set on one area of an occupation (the figures stay as published)
    path = project.root / "all_data_M_2025.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(",,\n", ",,TRUE\n")
    path.write_text("".join(lines), encoding="utf-8")
    assert _fails(
        project, *ALL_DATA, "--occupation", "15-2051", "--area", "99", "--area", "42660", "--as-of", "2025-05"
    ) == (
        "guidegen: --area: BLS publishes only hourly wages for 15-2051 in 42660 (Seattle-Tacoma-Bellevue, WA): a table"
        " never mixes pay periods (import those areas into a table of their own)"
    )


def test_a_file_of_neither_layout_is_refused(project: SiteFixture) -> None:
    (project.root / "notes.csv").write_text("name,salary\nAda,100\n", encoding="utf-8")
    assert _fails(project, "notes.csv", "--occupation", "15-2051") == (
        "guidegen: notes.csv:1: neither the OEWS all-data layout nor an OEWS time-series flat file (expected a"
        " header with AREA, OCC_CODE, A_MEDIAN ..., or the flat files' series_id, year, period, value,"
        " footnote_codes (with oe.area and oe.occupation))"
    )


def test_a_truncated_file_is_refused(project: SiteFixture) -> None:
    text = (SAMPLES / "oe.data.sample").read_text(encoding="utf-8")
    cut = text[: text.index("\n", 400) + 12]  # the file ends in the middle of a row
    (project.root / "oe.data.sample").write_text(cut, encoding="utf-8")
    line = cut.count("\n")
    assert _fails(project, *FLAT, "--occupation", "15-2051") == (
        f"guidegen: oe.data.sample:{line + 1}: expected 5 fields, got 1 (the file may be truncated)"
    )
    csv_text = (SAMPLES / "all_data_M_2025.csv").read_text(encoding="utf-8")
    (project.root / "all_data_M_2025.csv").write_text(csv_text[: csv_text.index("\n", 400) + 40], encoding="utf-8")
    assert "the file may be truncated" in _fails(project, *ALL_DATA, "--occupation", "15-2051", "--as-of", "2025-05")


def test_flat_files_need_their_name_files(project: SiteFixture) -> None:
    assert _fails(project, "oe.data.sample", "oe.footnote", "--occupation", "15-2051") == (
        "guidegen: oe.data.sample: the flat files need oe.area and oe.occupation for the names"
        " (give them after the oe.data file)"
    )


def test_the_all_data_layout_needs_its_reference_period(project: SiteFixture) -> None:
    assert _fails(project, *ALL_DATA, "--occupation", "15-2051") == (
        "guidegen: the all-data layout does not name its reference period: give --as-of (OEWS estimates are for"
        " May of the year in the file's name, e.g. --as-of 2025-05 for all_data_M_2025)"
    )


def test_xlsx_is_read_directly(project: SiteFixture) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    import csv

    book = openpyxl.Workbook()
    sheet = book.active
    with (SAMPLES / "all_data_M_2025.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    book.save(project.root / "all_data_M_2025.xlsx")
    code, errors, table = _import(project, "all_data_M_2025.xlsx", "--occupation", "15-2051", "--as-of", "2025-05")
    assert (code, errors) == (0, "")
    assert table is not None
    assert table["locations"] == [{**DATA_SCIENTISTS[0], "name": "U.S.", "area_code": "99"}]


def test_the_shipped_bls_tables_match_the_flat_file_rows_they_came_from() -> None:
    """content/salaries/bls-*.yaml against data/bls/: every figure, employment and mark, read from the raw rows here."""
    rows: dict[str, tuple[str, set[str]]] = {}
    lines = (REPO / "data/bls/oe.data.extract").read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        series, _year, period, value, footnotes = (field.strip() for field in line.split("\t"))
        assert period == "A01"
        rows[series] = (value, set(footnotes.split()))
    annual = {"p10": "11", "p25": "12", "median": "13", "p75": "14", "p90": "15"}
    tables = sorted((REPO / "content/salaries").glob("bls-*.yaml"))
    assert len(tables) == 3
    for path in tables:
        table = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert table["source"] == SOURCE
        assert table["as_of"] == "2025-05"
        soc = table["occupation"]["soc"].replace("-", "")
        for location in table["locations"]:
            code = location["area_code"]
            prefix = f"OEU{'N' if code == '0000000' else 'M'}{code}000000{soc}"
            value, notes = rows[prefix + "01"]
            assert location["employment"] == (None if "8" in notes else int(value)), (path.name, code)
            for key, datatype in annual.items():
                value, notes = rows[prefix + datatype]
                if "5" in notes:
                    assert location["percentiles"][key] is None
                    assert key in location["top_coded"]
                elif value == "-":
                    assert location["percentiles"][key] is None
                    assert key not in location.get("top_coded", [])
                else:
                    assert location["percentiles"][key] == int(value), (path.name, code, key)
