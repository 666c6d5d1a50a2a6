"""The catalog and guide listings as built HTML: the first page, static pages, the index they load."""

from __future__ import annotations

import itertools
import json

from bs4 import BeautifulSoup

from catalog_reference import catalog_order, catalog_programs, in_listing, programs_yaml
from conftest import SiteFixture

LISTING_TAGS = ["data-engineering", "databases"]  # the fixture guide's programs.tags


def _text(node: object) -> str:
    return " ".join(node.get_text(" ").split())  # type: ignore[attr-defined]


def _build(site: SiteFixture) -> None:
    site.write("content/programs/catalog.yaml", programs_yaml())
    site.build()


def _numbered_programs(count: int, tag: str) -> str:
    """A catalog of count programs, prog-0000 onwards, whose institutions sort in that order."""
    return "".join(
        f"- {{id: prog-{i:04d}, institution: Inst {i:04d}, name: Program, type: PhD, format: Online,"
        f" location: {{city: Oslo, country: Norway}}, tags: [{tag}]}}\n"
        for i in range(count)
    )


def _program_ids(page: BeautifulSoup) -> list[str]:
    return [a["href"].split("/")[-2] for a in page.select(".catalog__grid .program-card__name a")]


def test_catalog_pages_hold_every_program_in_order_50_a_page(site: SiteFixture) -> None:
    _build(site)
    expected = [p["id"] for p in catalog_order(catalog_programs())]
    first, second, third = (site.html(path) for path in ("/programs/", "/programs/page/2/", "/programs/page/3/"))
    assert _program_ids(first) == expected[:50]
    assert _program_ids(second) == expected[50:100]
    assert _program_ids(third) == expected[100:]
    assert _text(second.select_one("[role=status]")) == "Showing 51–100 of 130 programs"
    assert _text(third.select_one("[role=status]")) == "Showing 101–130 of 130 programs"
    links = [(_text(a), a["href"]) for a in second.select(".pagination a")]
    assert links == [
        ("Previous", "/programs/"),
        ("1", "/programs/"),
        ("2", "/programs/page/2/"),
        ("3", "/programs/page/3/"),
        ("Next", "/programs/page/3/"),
    ]
    assert second.select_one(".pagination a[aria-current=page]")["href"] == "/programs/page/2/"


def test_filter_form_needs_javascript_and_status_exists_at_load(site: SiteFixture) -> None:
    _build(site)
    page = site.html("/programs/")
    form = page.select_one("form.catalog__filters")
    assert form.has_attr("hidden")
    assert page.select_one(".catalog__sort").has_attr("hidden")
    assert "need JavaScript" in _text(page.select_one("main noscript"))
    status = page.select_one("#catalog-status")
    assert status["role"] == "status"
    assert _text(status) == "Showing 1–50 of 130 programs"
    # one fieldset with a legend per facet, plus cost
    legends = [_text(fs.find("legend")) for fs in form.find_all("fieldset")]
    assert legends == [
        "Program type",
        "Format",
        "Country",
        "State or region",
        "Topic",
        "Duration",
        "Cost in US dollars",
    ]
    for control in form.select("input"):
        label = control.find_parent("label") or page.select_one(f'label[for="{control.get("id")}"]')
        assert label is not None, control
    assert page.select_one('script[type=module][src="/js/catalog.js"]') is not None
    assert page.select_one('link[rel=stylesheet][href="/css/catalog.css"]') is not None


def test_pages_have_no_inline_script_or_style(site: SiteFixture) -> None:
    _build(site)
    for path in (
        "/programs/",
        "/programs/page/2/",
        "/guides/data-engineering/",
        "/guides/data-engineering/programs/page/2/",
    ):
        page = site.html(path)
        # scripts are files; JSON-LD data blocks are data, not code
        code = [s for s in page.find_all("script") if s.get("type") != "application/ld+json"]
        assert all(script.get("src") for script in code), path
        assert page.find("style") is None, path
        assert page.find(style=True) is None, path
        assert not page.find(attrs={"onclick": True}), path


def test_guide_lists_its_first_50_programs_and_pages_for_the_rest(site: SiteFixture) -> None:
    _build(site)
    members = [p["id"] for p in catalog_order(catalog_programs()) if in_listing(p, LISTING_TAGS)]
    assert len(members) == 65
    guide = site.html("/guides/data-engineering/")
    listing = guide.select_one("#guide-programs")
    assert _text(listing.select_one("h2")) == "Data Programs (65)"
    assert _program_ids(listing) == members[:50]
    assert _text(listing.select_one("[role=status]")) == "Showing 1–50 of 65 programs"
    assert listing.select_one("[data-catalog]")["data-listing"] == "data-engineering"
    assert [a["href"] for a in listing.select(".pagination a")] == [
        "/guides/data-engineering/#guide-programs",
        "/guides/data-engineering/programs/page/2/",
        "/guides/data-engineering/programs/page/2/",
    ]
    rest = site.html("/guides/data-engineering/programs/page/2/")
    assert _program_ids(rest) == members[50:]
    assert _text(rest.find("h1")) == "Data Programs"
    assert _text(rest.select_one("[role=status]")) == "Showing 51–65 of 65 programs"
    assert rest.select_one("[data-catalog]")["data-root"] == "/guides/data-engineering/"
    assert [_text(li) for li in rest.select(".breadcrumbs li")] == [
        "Home",
        "Guides",
        "Data Engineering",
        "Programs, page 2",
    ]


def test_index_lists_each_guide_listing_by_row(site: SiteFixture) -> None:
    _build(site)
    index = json.loads((site.out / "data/programs.json").read_text(encoding="utf-8"))
    text = json.loads((site.out / "data/programs-text.json").read_text(encoding="utf-8"))
    ordered = catalog_order(catalog_programs())
    assert text["columns"]["id"] == [p["id"] for p in ordered]
    assert text["columns"]["name"] == [p["name"] for p in ordered]
    assert index["count"] == text["count"] == len(ordered)
    assert index["text"] == {"url": "/data/programs-text.json", "key": text["key"]}
    rows = [row for row, p in enumerate(ordered) if in_listing(p, LISTING_TAGS)]
    # the first row, then the distance of each from the one before
    assert index["listings"] == {"data-engineering": [rows[0]] + [b - a for a, b in itertools.pairwise(rows)]}
    assert index["currency_symbols"] == {"EUR": "€", "USD": "$"}  # CHF has no symbol


def test_long_catalogs_link_a_window_of_pages(site: SiteFixture) -> None:
    many = _numbered_programs(50 * 12, "business")
    site.write("content/programs/catalog.yaml", many)
    site.build()
    labels = [_text(item) for item in site.html("/programs/page/6/").select(".pagination li")]
    assert labels == ["Previous", "1", "…", "4", "5", "6", "7", "8", "…", "12", "Next"]
    labels = [_text(item) for item in site.html("/programs/page/3/").select(".pagination li")]
    assert labels == ["Previous", "1", "2", "3", "4", "5", "…", "12", "Next"]
    # every page is still reachable from the first by "Next"
    seen, path = [], "/programs/"
    while path:
        page = site.html(path)
        seen += _program_ids(page)
        following = page.select_one(".pagination a[rel=next]")
        path = following["href"] if following else ""
    assert seen == [f"prog-{i:04d}" for i in range(600)]
    assert _text(site.html("/programs/page/12/").select_one("[role=status]")) == "Showing 551–600 of 600 programs"


def test_a_single_program_reads_in_the_singular(site: SiteFixture) -> None:
    site.build()  # the fixture's own catalog: the guide lists 2 of 3
    site.write(
        "content/programs/catalog.yaml", site.read("content/programs/catalog.yaml").replace("[databases]", "[x]")
    )
    site.build()
    assert _text(site.html("/guides/data-engineering/").select_one("[role=status]")) == "Showing 1–1 of 1 program"


def test_an_incremental_build_updates_the_listing_rows_when_a_guide_changes_its_tags(site: SiteFixture) -> None:
    _build(site)
    guide = site.read("content/guides/data-engineering.md")
    site.write(
        "content/guides/data-engineering.md", guide.replace("tags: [data-engineering, databases]", "tags: [mlops]")
    )
    site.build()  # incremental: the programs did not change, the guide did
    index = json.loads((site.out / "data/programs.json").read_text(encoding="utf-8"))
    ordered = catalog_order(catalog_programs())
    rows = [row for row, p in enumerate(ordered) if in_listing(p, ["mlops"])]
    assert index["listings"] == {"data-engineering": [rows[0]] + [b - a for a, b in itertools.pairwise(rows)]}


def test_an_edit_rewrites_only_the_index_part_it_changes(site: SiteFixture) -> None:
    site.build()
    parts = ("data/programs.json", "data/programs-text.json")
    inode = {part: (site.out / part).stat().st_ino for part in parts}  # unchanged files are linked, not written
    catalog = site.read("content/programs/catalog.yaml")
    site.write("content/programs/catalog.yaml", catalog.replace("duration_months: 12", "duration_months: 15"))
    site.build()  # a duration: the filters' part only
    assert (site.out / parts[0]).stat().st_ino != inode[parts[0]]
    assert (site.out / parts[1]).stat().st_ino == inode[parts[1]]
    filters = json.loads((site.out / parts[0]).read_text(encoding="utf-8"))
    assert filters["columns"]["duration"] == [18, None, 15]

    site.write("content/programs/catalog.yaml", catalog.replace("Full-Time MBA", "Evening MBA"))
    site.build()  # a name: the text, and the key the filters hold of it
    text = json.loads((site.out / parts[1]).read_text(encoding="utf-8"))
    assert text["columns"]["name"] == ["MS in Data Engineering", "Database Systems Certificate", "Evening MBA"]
    refiltered = json.loads((site.out / parts[0]).read_text(encoding="utf-8"))
    assert refiltered["text"]["key"] == text["key"] != filters["text"]["key"]


def test_counts_past_a_thousand_are_grouped_in_thousands(site: SiteFixture) -> None:
    many = "".join(
        f"- {{id: prog-{i:04d}, institution: Inst {i:04d}, name: Program, type: PhD, format: Online,"
        f" location: {{city: Oslo, country: Norway}}, tags: [business]}}\n"
        for i in range(1010)
    )
    site.write("content/programs/catalog.yaml", many)
    site.build()
    assert _text(site.html("/programs/").select_one("[role=status]")) == "Showing 1–50 of 1,010 programs"
    last = site.html("/programs/page/21/")
    assert _text(last.select_one("[role=status]")) == "Showing 1,001–1,010 of 1,010 programs"
    assert "Browse 1,010 programs" in _text(site.html("/"))
    lede = _text(site.html("/programs/country/norway/").select_one(".page-lede"))
    assert lede.startswith("1,010 programs in the catalog, page 1 of 21.")
    assert "Norway (1,010)" in [_text(item) for item in site.html("/programs/").select("li")]


def test_a_program_edit_renders_again_only_the_listing_page_that_shows_it(site: SiteFixture) -> None:
    many = _numbered_programs(50 * 4, "databases")
    site.write("content/programs/catalog.yaml", many)
    site.build()
    listing = [f"/guides/data-engineering/programs/page/{number}/" for number in (2, 3, 4)]
    files = [site.out / path.strip("/") / "index.html" for path in listing]
    inodes = [file.stat().st_ino for file in files]
    site.write("content/programs/catalog.yaml", many.replace("Inst 0075,", "Inst 0075 North,"))
    site.build()
    assert [file.stat().st_ino != inode for file, inode in zip(files, inodes, strict=True)] == [True, False, False]
    institutions = [_text(card) for card in site.html(listing[0]).select(".program-card__institution")]
    assert institutions[25] == "Inst 0075 North"
    assert _text(site.html(listing[2]).find("h1")) == "Data Programs"
