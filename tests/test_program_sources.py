"""Program catalogs as CSV and JSON: the same pages as YAML, and errors that name row, column and field."""

from __future__ import annotations

import pytest

from conftest import SiteFixture, tree_snapshot
from guidegen.errors import ContentError

YAML_NAME = "content/programs/catalog.yaml"
CSV_NAME = "content/programs/catalog.csv"

# conftest.PROGRAMS_YAML, written out by hand as a spreadsheet would export it
CATALOG_CSV = """\
id,institution,name,type,format,location.city,location.region,location.country,duration_months,cost.amount,cost.currency,tags
alpha-ms-data,Alpha University,MS in Data Engineering,Master's,Online,Boston,Massachusetts,United States,18,42000,USD,data-engineering
beta-db-cert,Beta Institute,Database Systems Certificate,Certificate,Hybrid,Toronto,Ontario,Canada,,,,databases
gamma-mba,Gamma Business School,Full-Time MBA,MBA,On-Campus,London,,United Kingdom,12,,,business
"""

CATALOG_JSON = """\
[
  {"id": "alpha-ms-data", "institution": "Alpha University", "name": "MS in Data Engineering",
   "type": "Master's", "format": "Online",
   "location": {"city": "Boston", "region": "Massachusetts", "country": "United States"},
   "duration_months": 18, "cost": {"amount": 42000, "currency": "USD"}, "tags": ["data-engineering"]},
  {"id": "beta-db-cert", "institution": "Beta Institute", "name": "Database Systems Certificate",
   "type": "Certificate", "format": "Hybrid",
   "location": {"city": "Toronto", "region": "Ontario", "country": "Canada"}, "tags": ["databases"]},
  {"id": "gamma-mba", "institution": "Gamma Business School", "name": "Full-Time MBA", "type": "MBA",
   "format": "On-Campus", "location": {"city": "London", "country": "United Kingdom"},
   "duration_months": 12, "tags": ["business"]}
]
"""

HEADER = "id,institution,name,type,format,location.city,location.country,cost.amount,cost.currency"


def pages(site: SiteFixture) -> dict[str, bytes]:
    return {name: data for name, data in tree_snapshot(site.out).items() if name != ".guidegen-output"}


def failures(site: SiteFixture) -> list[str]:
    with pytest.raises(ContentError) as raised:
        site.build()
    return [problem.format() for problem in raised.value.problems]


def warnings(site: SiteFixture) -> list[str]:
    return [problem.format() for problem in site.build().warnings]


@pytest.mark.parametrize(("name", "text"), [(CSV_NAME, CATALOG_CSV), ("content/programs/catalog.json", CATALOG_JSON)])
def test_a_catalog_as_csv_or_json_gives_the_pages_it_gives_as_yaml(
    site: SiteFixture, tmp_path_factory: pytest.TempPathFactory, name: str, text: str
) -> None:
    site.build()
    from_yaml = pages(site)
    other = SiteFixture(tmp_path_factory.mktemp("other") / "site")
    other.remove(YAML_NAME)
    other.write(name, text)
    report = other.build()
    assert report.programs == 3
    assert pages(other) == from_yaml
    assert other.html("/programs/beta-db-cert/").h1 is not None


def test_bom_semicolons_quoted_line_breaks_and_lists(site: SiteFixture) -> None:
    site.remove(YAML_NAME)
    site.write(
        CSV_NAME,
        "\ufeffid;institution;name;type;format;location.city;location.country;tags;description\r\n"
        'delta-ms;"Delta; University";MS AI;Master\'s;Online;Zürich;Switzerland; mlops | data-science |;"Two\r\nlines"\r\n',
    )
    site.build()
    page = site.html("/programs/delta-ms/")
    assert page.select_one(".page-lede").get_text() == "Delta; University"
    assert [tag.get_text() for tag in page.select(".tags .tag")] == ["mlops", "data science"]
    assert page.find("p", string="Two\nlines") is not None


def test_a_column_map_reads_an_export_with_its_own_headers(site: SiteFixture) -> None:
    site.write(
        "content/site.yaml", site.read("content/site.yaml") + "programs_columns:\n  Institution Name: institution\n"
    )
    site.write(
        CSV_NAME,
        "id,Institution Name,name,type,format,location.city,location.country\n"
        "delta-ms,Delta University,MS AI,Master's,Online,Austin,United States\n",
    )
    site.build()
    assert site.html("/programs/delta-ms/").select_one(".page-lede").get_text() == "Delta University"


def test_a_column_map_to_an_unknown_field_is_refused(site: SiteFixture) -> None:
    site.write(
        "content/site.yaml", site.read("content/site.yaml") + "programs_columns:\n  Institution Name: instituton\n"
    )
    assert failures(site) == [
        "content/site.yaml:9: programs_columns.Institution Name: 'instituton' is not a program field"
        " (did you mean 'institution'?)"
    ]


def test_bad_enum_and_bad_number_name_row_column_and_field(site: SiteFixture) -> None:
    rows = [
        "a-one,A University,MS One,Master's,Online,Austin,United States,1000,USD",
        "a-two,A University,MS Two,Master's,Online,Austin,United States,1000,USD",
        '"a-three","A University","MS\nThree",Master\'s,Online,Austin,United States,1000,USD',
        "a-four,A University,MS Four,Master's,Online,Austin,United States,1000,USD",
        "a-five,A University,MS Five,Master's,online,Austin,United States,160k,USD",
    ]
    site.write(CSV_NAME, HEADER + "\n" + "\n".join(rows) + "\n")
    # the fifth record starts on line 7: the third spans two lines
    assert failures(site) == [
        "content/programs/catalog.csv:7:5: format: expected one of 'On-Campus', 'Online', 'Hybrid', got \"online\""
        " (did you mean 'Online'?)",
        'content/programs/catalog.csv:7:8: cost.amount: expected a whole number, got "160k"',
    ]


def test_an_unknown_column_is_reported_once_with_a_suggestion(site: SiteFixture) -> None:
    site.write(
        CSV_NAME,
        HEADER + ",duraton_months\na-one,A University,MS One,Master's,Online,Austin,United States,1000,USD,12\n",
    )
    assert warnings(site) == [
        "content/programs/catalog.csv:1:10: warning: header: unknown column 'duraton_months': its cells are not read"
        " (did you mean 'duration_months'?)"
    ]
    assert "not listed" in site.html("/programs/a-one/").select_one(".facts").get_text()


def test_a_duplicate_id_across_a_csv_and_a_yaml_file(site: SiteFixture) -> None:
    site.write(CSV_NAME, HEADER + "\nalpha-ms-data,A University,MS One,Master's,Online,Austin,United States,,\n")
    assert failures(site) == [
        # the CSV file comes first by name, so the YAML record is the duplicate and its guide's tag goes unused
        "content/guides/data-engineering.md:23: warning: programs.tags[0]: no program has the tag 'data-engineering'",
        "content/programs/catalog.yaml:1: [0].id: duplicate program id 'alpha-ms-data'"
        " (also in content/programs/catalog.csv:2) (every program needs its own id: it is the program's URL)",
    ]


def test_a_reserved_id_is_refused(site: SiteFixture) -> None:
    site.write(CSV_NAME, HEADER + "\ncompare,A University,MS One,Master's,Online,Austin,United States,,\n")
    assert failures(site) == [
        "content/programs/catalog.csv:2:1: id: 'compare' is reserved: /programs/compare/ is one of the catalog's own"
        " pages (choose another id, e.g. one that starts with the institution's name)"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "id,institution,name,type,format,location.city\n",
            [
                "content/programs/catalog.csv:1: header: required column 'location.country' is missing"
                " (add the column, or map the export's own header to it in site.yaml's programs_columns)"
            ],
        ),
        (
            HEADER + ",name\n",
            [
                "content/programs/catalog.csv:1:10: header: column 'name' appears twice (first as column 3)"
                " (keep one of the two columns)"
            ],
        ),
        (
            HEADER + "\na-one,A University,MS One,Master's,Online,Austin,United States,1000,USD,extra\n",
            [
                "content/programs/catalog.csv:2:10: row has 10 cells, the header 9"
                " (a cell holding the delimiter must be quoted)"
            ],
        ),
        (
            HEADER + '\na-one,"A University,MS One\n',
            [
                "content/programs/catalog.csv:2: CSV syntax error: unexpected end of data (a cell holding the"
                " delimiter, a quote or a line break must be quoted, with quotes inside doubled)"
            ],
        ),
        (
            "",
            [
                "content/programs/catalog.csv:1: file is empty (write a header row of field names, then one row for each program)"
            ],
        ),
    ],
)
def test_unusable_csv_files_are_refused_clearly(site: SiteFixture, text: str, expected: list[str]) -> None:
    site.write(CSV_NAME, text)
    assert failures(site) == expected


def test_json_errors_name_the_line(site: SiteFixture) -> None:
    site.remove(YAML_NAME)
    site.write(
        "content/programs/catalog.json",
        '[\n  {"id": "a-one", "institution": "A", "name": "MS", "type": "Master\'s",\n'
        '   "format": "online", "location": {"city": "Austin", "country": "United States"}}\n]\n',
    )
    assert failures(site) == [
        "content/programs/catalog.json:3: [0].format: expected one of 'On-Campus', 'Online', 'Hybrid', got \"online\""
        " (did you mean 'Online'?)"
    ]
    site.write("content/programs/catalog.json", '[{"id": "a-one",}]\n')
    assert failures(site) == [
        "content/programs/catalog.json:1: JSON syntax error at column 17: Expecting property name enclosed in double quotes"
    ]
