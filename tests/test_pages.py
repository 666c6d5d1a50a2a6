"""The built pages show exactly what the content says."""

from __future__ import annotations

from conftest import SiteFixture


def _text(node: object) -> str:
    return " ".join(node.get_text(" ").split())  # type: ignore[attr-defined]


def test_guide_shows_stat_cards_exactly(site: SiteFixture) -> None:
    site.build()
    page = site.html("/guides/data-engineering/")
    stats = page.select(".stats .stat")
    assert [(_text(s.select_one(".stat__value")), _text(s.select_one(".stat__label"))) for s in stats] == [
        ("$120K–$190K", "Data Engineer Salary"),
        ("4.2x", "Growth in 5 Years"),
    ]
    named, unsourced = (_text(s.select_one(".provenance")) for s in stats)
    assert "Source: Example Survey" in named
    assert "As of June 2026" in named
    assert "Unsourced" in unsourced


def test_guide_header_tldr_callout_and_single_h1(site: SiteFixture) -> None:
    site.build()
    page = site.html("/guides/data-engineering/")
    assert [_text(h) for h in page.find_all("h1")] == ["Data Engineering"]
    assert _text(page.select_one(".kicker")) == "Data Specialization"
    assert _text(page.select_one(".badge")) == "Rising 2027"
    tldr = page.select_one(".tldr__text")
    assert tldr.find("strong").get_text() == "pipelines"
    callout = page.select_one(".callout")
    assert _text(callout.select_one("h2")) == "Why it matters"
    assert callout.find("a")["href"] == "/careers/data-engineer/"


def test_guide_salary_tables_match_the_salary_data(site: SiteFixture) -> None:
    site.build()
    page = site.html("/guides/data-engineering/")
    section = page.select_one("#salary-data")
    levels, locations = section.select("table")
    rows = [[_text(cell) for cell in row.find_all(["th", "td"])] for row in levels.select("tbody tr")]
    assert rows == [
        ["Entry", "not listed", "$95K–$120K", "$110K–$140K"],
        ["Senior", "5+ years", "not listed", "$180K+ (can exceed $180K)"],
    ]
    location_rows = [[_text(cell) for cell in row.find_all(["th", "td"])] for row in locations.select("tbody tr")]
    assert location_rows == [["Austin", "$100K–$150K"]]
    provenance = _text(section.select_one(".provenance"))
    assert provenance.startswith("Unsourced Compiled for tests.")
    assert "As of 2026." in provenance


def test_guide_table_of_contents_follows_headings(site: SiteFixture) -> None:
    site.build()
    page = site.html("/guides/data-engineering/")
    toc = [(a["href"], _text(a)) for a in page.select(".toc a")]
    assert toc[:2] == [("#why-now", "Why now"), ("#skills", "Skills")]
    for href, _title in toc:
        assert page.find(id=href[1:]) is not None, href


def test_listing_membership_follows_tags(site: SiteFixture) -> None:
    site.build()
    listing = site.html("/guides/data-engineering/").select_one("#guide-programs")
    names = [_text(a) for a in listing.select(".program-card__name a")]
    # tags [data-engineering, databases]: alpha and beta match, the MBA (business) does not
    assert names == ["MS in Data Engineering", "Database Systems Certificate"]
    assert _text(listing.select_one("h2")) == "Data Programs (2)"


def test_listing_updates_when_a_program_changes_tags(site: SiteFixture) -> None:
    site.write(
        "content/programs/catalog.yaml", site.read("content/programs/catalog.yaml").replace("[business]", "[databases]")
    )
    site.build()
    listing = site.html("/guides/data-engineering/").select_one("#guide-programs")
    assert _text(listing.select_one("h2")) == "Data Programs (3)"


def test_program_page_shows_not_listed_for_missing_figures(site: SiteFixture) -> None:
    site.build()
    facts = site.html("/programs/beta-db-cert/").select(".facts > div")
    values = {_text(d.find("dt")): _text(d.find("dd")) for d in facts}
    assert values["Duration"] == "not listed"
    assert values["Cost"] == "not listed"
    assert values["Location"] == "Toronto, Ontario, Canada"
    alpha = {
        _text(d.find("dt")): _text(d.find("dd")) for d in site.html("/programs/alpha-ms-data/").select(".facts > div")
    }
    assert alpha["Cost"] == "$42,000"
    assert alpha["Duration"] == "18 months"


def test_every_page_kind_is_written(site: SiteFixture) -> None:
    report = site.build()
    expected = [
        "index.html",
        "guides/index.html",
        "guides/data-engineering/index.html",
        "careers/index.html",
        "careers/data-engineer/index.html",
        "articles/index.html",
        "articles/choosing-a-data-program/index.html",
        "programs/index.html",
        "programs/alpha-ms-data/index.html",
        "tools/salary-calculator/index.html",
        "tools/program-matcher/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "css/site.css",
    ]
    for name in expected:
        assert (site.out / name).is_file(), name
    assert report.programs == 3


def test_article_index_lists_articles_newest_first(site: SiteFixture) -> None:
    site.write(
        "content/articles/older.md",
        "---\ntitle: Older Piece\ndate: 2025-01-02\nsummary: Old.\n---\n\nText.\n",
    )
    site.build()
    titles = [_text(a) for a in site.html("/articles/").select(".article-list a")]
    assert titles == ["Choosing a Data Program", "Older Piece"]


def test_values_from_data_files_are_escaped(site: SiteFixture) -> None:
    catalog = site.read("content/programs/catalog.yaml")
    site.write("content/programs/catalog.yaml", catalog.replace("Beta Institute", '"<b>Beta</b> & Co"'))
    site.build()
    card = site.html("/programs/beta-db-cert/")
    assert card.find("b") is None
    assert "<b>Beta</b> & Co" in _text(card.select_one(".page-lede"))


def test_sitemap_lists_pages_with_lastmod(site: SiteFixture) -> None:
    site.build()
    sitemap = (site.out / "sitemap.xml").read_text()
    assert "<loc>https://example.test/guides/data-engineering/</loc><lastmod>2026-10-01</lastmod>" in sitemap
    assert "404.html" not in sitemap
    assert "Sitemap: https://example.test/sitemap.xml" in (site.out / "robots.txt").read_text()


def test_drafts_are_not_published(site: SiteFixture) -> None:
    site.write("content/articles/wip.md", "---\ntitle: WIP\ndate: 2026-01-01\nsummary: s\ndraft: true\n---\n")
    site.build()
    assert not (site.out / "articles/wip/index.html").exists()


def test_a_guide_reads_the_same_on_every_list_and_in_its_description(site: SiteFixture) -> None:
    site.build()
    blurb = "Data engineers build the pipelines that feed analytics."  # the fixture's TL;DR, as plain text
    home, index, career = (site.html(path) for path in ("/", "/guides/", "/careers/data-engineer/"))
    for page in (home, index):
        card = page.select_one(".card-grid .feature-card")
        assert card["href"] == "/guides/data-engineering/"
        assert _text(card.select_one(".feature-card__title")) == "Data Engineering"
        assert _text(card.select_one(".feature-card__text")) == blurb
    assert _text(career.select_one("#career-guides .card-link span")) == blurb
    guide = site.html("/guides/data-engineering/")
    assert guide.find("meta", attrs={"name": "description"})["content"] == blurb


def test_guides_and_articles_are_articles_to_open_graph_and_only_articles_have_a_publication_date(
    site: SiteFixture,
) -> None:
    site.build()

    def head(path: str) -> dict[str, str]:
        return {m["property"]: m["content"] for m in site.html(path).select("meta[property]")}

    guide, article, home = head("/guides/data-engineering/"), head("/articles/choosing-a-data-program/"), head("/")
    assert (guide["og:type"], article["og:type"], home["og:type"]) == ("article", "article", "website")
    assert article["article:published_time"] == "2026-09-15"
    assert "article:published_time" not in guide
    assert "article:modified_time" in guide
    assert "article:modified_time" not in home
