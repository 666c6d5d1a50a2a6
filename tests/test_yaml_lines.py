"""A catalog read without a line index still names the line of every problem, whenever it is found."""

from __future__ import annotations

import pytest
import yaml

from conftest import PROGRAMS_YAML, REPO, SiteFixture
from guidegen import workers
from guidegen.commands.build import build
from guidegen.content import reader, yamlfile
from guidegen.content.site import Project
from guidegen.content.sources import SourceText
from guidegen.content.yamlfile import LinesWhenNeeded, _Loader, parse_yaml
from guidegen.errors import ContentError, Problems
from guidegen.incremental.cache import BuildCache

# texts the plain reading takes, each with what PyYAML's own construction makes of it
PLAIN = [
    PROGRAMS_YAML,
    "- {id: a, when: 2026-03-01, bad_date: 2026-13-01, n: 0x1f, f: 1.5e3, inf: .inf, yes_no: no, none: ~}\n",
    "title: Zürich — 東京\nlist:\n  - [1, [2, [3]]]\n  - {}\n  - []\nblock: |\n  two\n  lines\nfolded: >\n  one\n  line\n",
    "quoted: '2026-01-01'\nnumber_text: \"42\"\nempty:\nbinary: !!binary aGVsbG8=\n",
]
# lists whose items a line starting with "- " may seem to begin inside a value
SPLIT = [
    '# a catalog\n\n- id: a\n  note: "first\n- still the first"\n- id: b\n',
    "- id: a\n  note: 'one\n- two'\n- id: b\n",
    "- id: a\n  text: |\n    - a line of text\n-\n  id: b\n- - nested\n  - list\n",
    "- id: a\r\n- id: b\r\n",
]
# texts it leaves to the full parse: the result is the full parse's, problems and all
NOT_PLAIN = [
    "a: &x 1\nb: *x\n",  # an anchor
    "base: {k: 1}\nmerged:\n  <<: {k: 2}\n  j: 3\n",  # a merge key
    "1: one\n",  # a key that is not text
    "a: 1\na: 2\n",  # a duplicate key
    "a: !!set {x, y}\n",  # a collection tag
    "a: [1, 2\n",  # a syntax error
    "",  # an empty file
]


@pytest.mark.parametrize("text", PLAIN)
def test_the_plain_reading_gives_the_data_the_full_parse_gives(text: str) -> None:
    doc = parse_yaml(text, "x.yaml", Problems(), lines_when_needed=True)
    assert isinstance(doc, LinesWhenNeeded)
    assert doc.data == yaml.load(text, Loader=_Loader)


@pytest.mark.parametrize("text", PLAIN + SPLIT)
def test_a_list_read_a_few_items_at_a_time_is_the_same_list(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlfile, "ITEMS_PER_PARSE", 1)
    expected = yaml.load(text, Loader=_Loader)
    doc = parse_yaml(text, "x.yaml", Problems(), lines_when_needed=True)
    assert doc is not None
    assert doc.data == expected


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_other_texts_take_the_full_parse(text: str) -> None:
    found, expected = Problems(), Problems()
    doc = parse_yaml(text, "x.yaml", found, lines_when_needed=True)
    full = parse_yaml(text, "x.yaml", expected)
    assert not isinstance(doc, LinesWhenNeeded)
    assert doc == full
    assert found.items == expected.items


def test_the_shipped_yaml_reads_alike_both_ways() -> None:
    files = sorted((REPO / "content").rglob("*.yaml"))
    assert len(files) >= 5
    for path in files:
        text = path.read_text(encoding="utf-8")
        plain = parse_yaml(text, path.name, Problems(), lines_when_needed=True)
        full = parse_yaml(text, path.name, Problems())
        assert plain is not None
        assert full is not None
        assert plain.data == full.data, path
        # the lines, once asked for, are the full parse's
        assert [plain.line_for(field) for field in full.lines] == list(full.lines.values()), path


def test_lines_are_found_when_first_asked_for() -> None:
    doc = parse_yaml(PROGRAMS_YAML, "x.yaml", Problems(), lines_when_needed=True)
    assert isinstance(doc, LinesWhenNeeded)
    assert doc.lines == {(): 1}  # nothing indexed yet
    index = doc.line_index()
    assert index.data is None  # the records' data is not kept with their origins
    assert doc.line_for((1, "location", "city")) == 15  # beta-db-cert's location
    assert index.line_for((2, "id")) == 17
    assert index.lines is doc.lines
    assert len(doc.lines) > 30


def failures(site: SiteFixture) -> list[str]:
    with pytest.raises(ContentError) as raised:
        site.build()
    return [problem.format() for problem in raised.value.problems]


def test_a_record_problem_names_its_line_and_field(site: SiteFixture) -> None:
    site.write("content/programs/catalog.yaml", PROGRAMS_YAML.replace("format: Hybrid", "format: Hybird"))
    (message,) = failures(site)
    assert message.startswith("content/programs/catalog.yaml:14: [1].format: ")


def test_a_catalog_from_the_cache_still_names_its_lines(site: SiteFixture) -> None:
    """The cache stores the catalog without its text; a later problem with it still has its line."""
    site.build()  # catalog.yaml is parsed and cached, its lines never asked for
    site.write("content/programs/more.yaml", "- " + PROGRAMS_YAML.split("- ", 3)[3])  # gamma-mba again
    (message,) = failures(site)
    assert message.startswith("content/programs/more.yaml:1: [0].id: duplicate program id 'gamma-mba'")
    assert "(also in content/programs/catalog.yaml:17)" in message


def test_the_cache_keeps_no_copy_of_a_catalog_text(site: SiteFixture) -> None:
    description = "A sentence that only the catalog's description holds."
    site.write("content/programs/catalog.yaml", PROGRAMS_YAML + f"  description: {description}\n")
    site.build()
    stored = b"".join(path.read_bytes() for path in (site.root / ".guidegen-cache").rglob("parsed-*.pickle"))
    assert stored.count(description.encode()) == 1  # in the validated program, not also in a text


def _parts_read(site: SiteFixture) -> int:
    """Build with the cache the last build left; how many sources (and parts of one) were read again."""
    cache = BuildCache.load(site.project)
    build(site.project, cache=cache)
    return cache.parsed_fresh


def test_a_catalog_read_in_parts_names_the_line_and_number_of_a_record_in_a_later_part(
    site: SiteFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlfile, "ITEMS_PER_PARSE", 1)  # three parts of one program each
    site.write("content/programs/catalog.yaml", PROGRAMS_YAML.replace("format: Hybrid", "format: Hybird"))
    (message,) = failures(site)
    assert message.startswith("content/programs/catalog.yaml:14: [1].format: ")
    # and again from the cache, which kept the part's problem
    assert [message] == failures(site)


def test_one_edited_program_reads_its_part_again_and_no_other(
    site: SiteFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlfile, "ITEMS_PER_PARSE", 1)
    site.build()
    stored = BuildCache.load(site.project).state.parsed
    assert sorted(name for name in stored if name.startswith("content/programs/catalog.yaml")) == [
        "content/programs/catalog.yaml#0",
        "content/programs/catalog.yaml#1",
        "content/programs/catalog.yaml#2",
    ]
    assert _parts_read(site) == 0
    site.write("content/programs/catalog.yaml", PROGRAMS_YAML.replace("duration_months: 12", "duration_months: 15"))
    assert _parts_read(site) == 1
    assert "15 months" in site.html("/programs/gamma-mba/").get_text(" ", strip=True)
    # a line added to the first program moves the others: their lines are part of what is remembered
    site.write(
        "content/programs/catalog.yaml",
        PROGRAMS_YAML.replace("  tags: [data-engineering]\n", "  tags:\n    - data-engineering\n"),
    )
    assert _parts_read(site) == 3
    site.write("content/programs/catalog.yaml", PROGRAMS_YAML.replace("format: Hybrid", "format: Hybird"))
    (message,) = failures(site)
    assert message.startswith("content/programs/catalog.yaml:14: [1].format: ")


def test_a_catalog_whose_parts_do_not_read_alone_is_read_whole(
    site: SiteFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlfile, "ITEMS_PER_PARSE", 1)
    # the second "item" starts inside the first program's quoted description
    catalog = PROGRAMS_YAML.replace(
        "  tags: [data-engineering]\n", '  tags: [data-engineering]\n  description: "Two tracks:\n- data platforms"\n'
    )
    site.write("content/programs/catalog.yaml", catalog)
    site.build()
    assert "Two tracks: - data platforms" in site.html("/programs/alpha-ms-data/").get_text(" ", strip=True)
    assert sorted(path.parent.name for path in (site.out / "programs").glob("*-*/index.html")) == [
        "alpha-ms-data",
        "beta-db-cert",
        "gamma-mba",
    ]


def test_a_catalog_parsed_by_worker_processes_reads_and_reports_as_one_parsed_here(
    site: SiteFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlfile, "ITEMS_PER_PARSE", 1)  # three parts of one program each
    here = site.root.parent / "here"
    site.write("content/programs/catalog.yaml", PROGRAMS_YAML)
    build(Project(root=site.root, out=here, search=False), incremental=False)
    monkeypatch.setattr(reader, "PARTS_IN_WORKERS", 1)  # the shipped threshold is for national catalogs
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    parsed: list[int] = []
    read_in_workers = reader._read_in_workers

    def counting(pieces: list[tuple[yamlfile.CatalogPart, SourceText]]) -> object:
        made = read_in_workers(pieces)
        assert made is not None
        parsed.append(len(made))
        return made

    monkeypatch.setattr(reader, "_read_in_workers", counting)
    site.build()
    assert parsed == [3]
    pages = sorted(path.relative_to(here) for path in here.rglob("*.html"))
    assert pages == sorted(path.relative_to(site.out) for path in site.out.rglob("*.html"))
    for page in pages:
        assert (site.out / page).read_bytes() == (here / page).read_bytes(), page
    site.write("content/programs/catalog.yaml", PROGRAMS_YAML.replace("format: Hybrid", "format: Hybird"))
    (message,) = failures(site)
    assert message.startswith("content/programs/catalog.yaml:14: [1].format: ")
    assert parsed == [3, 1]  # only the edited part
    assert [message] == failures(site)  # and from the cache
    catalog = PROGRAMS_YAML.replace(
        "  tags: [data-engineering]\n", '  tags: [data-engineering]\n  description: "Two tracks:\n- data platforms"\n'
    )
    site.write("content/programs/catalog.yaml", catalog)  # a part that does not read alone
    site.build()
    assert "Two tracks: - data platforms" in site.html("/programs/alpha-ms-data/").get_text(" ", strip=True)
