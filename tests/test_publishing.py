"""What search engines, feed readers and sharing previews read: head metadata, JSON-LD, the feed and the sitemap.

Expected values come from the visible page (parsed with BeautifulSoup) or the fixture's content, never
from the code under test.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import SiteFixture
from test_links import broken_links

BASE = "https://example.test/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

# The properties each JSON-LD type must carry (schema.org and the search engines' rich-result rules).
REQUIRED = {
    "WebSite": {"name", "url"},
    "Article": {"headline", "url", "author", "publisher"},
    "Occupation": {"name", "description", "estimatedSalary"},
    "MonetaryAmountDistribution": {"name", "currency", "duration"},
    "EducationalOccupationalProgram": {"name", "url", "provider", "programType", "educationalProgramMode"},
    "BreadcrumbList": {"itemListElement"},
    "ListItem": {"position", "name", "item"},
    "Offer": {"price", "priceCurrency"},
    "EducationalOrganization": {"name"},
    "Organization": {"name", "url"},
    "PostalAddress": {"addressLocality", "addressCountry"},
}
PERCENTILE_PROPERTIES = ("percentile10", "percentile25", "median", "percentile75", "percentile90")
AT_LEAST_ONE_OF = {
    "Article": {"datePublished", "dateModified"},
    "MonetaryAmountDistribution": {"minValue", *PERCENTILE_PROPERTIES},  # a range, or published percentiles
}


def _text(node: Tag | None) -> str:
    assert node is not None
    return " ".join(node.get_text(" ").split())


def json_ld(page: BeautifulSoup) -> list[dict[str, Any]]:
    return [json.loads(script.string) for script in page.find_all("script", type="application/ld+json")]


def of_type(page: BeautifulSoup, kind: str) -> list[dict[str, Any]]:
    return [block for block in json_ld(page) if block["@type"] == kind]


def money(text: str) -> int:
    """'$150K' -> 150000, '$1.25M' -> 1250000, '$42,000' -> 42000: the figure as a reader takes it."""
    match = re.fullmatch(r"\$([\d.,]+)([KM]?)", text)
    assert match, text
    number = float(match.group(1).replace(",", ""))
    return round(number * {"": 1, "K": 1_000, "M": 1_000_000}[match.group(2)])


def check_shape(node: Any, where: str) -> None:
    """Every typed node has its required properties; nested nodes too."""
    if isinstance(node, list):
        for item in node:
            check_shape(item, where)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("@type")
    if kind is not None:
        assert kind in REQUIRED, f"{where}: unexpected type {kind}"
        missing = REQUIRED[kind] - node.keys()
        assert not missing, f"{where}: {kind} lacks {sorted(missing)}"
        assert AT_LEAST_ONE_OF.get(kind, {kind}) & ({kind} | node.keys()), f"{where}: {kind} has no date"
    for value in node.values():
        check_shape(value, where)


def built_pages(out: Path) -> dict[str, BeautifulSoup]:
    pages = {}
    for file in sorted(out.rglob("*.html")):
        relative = file.relative_to(out).as_posix()
        path = "/" + relative.removesuffix("index.html")
        pages[path] = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    return pages


def test_every_json_ld_block_has_the_required_shape(site: SiteFixture) -> None:
    site.build()
    for path, page in built_pages(site.out).items():
        for block in json_ld(page):
            assert block["@context"] == "https://schema.org", path
            check_shape(block, path)


def test_breadcrumb_list_matches_the_visible_breadcrumbs_below_the_home_page(site: SiteFixture) -> None:
    site.build()
    pages = built_pages(site.out)
    assert of_type(pages["/"], "BreadcrumbList") == []
    checked = 0
    for path, page in pages.items():
        links = page.select("nav.breadcrumbs a")
        lists = of_type(page, "BreadcrumbList")
        if not links:
            assert lists == [], path
            continue
        assert len(lists) == 1, path
        items = lists[0]["itemListElement"]
        assert [(i["position"], i["name"], i["item"]) for i in items] == [
            (n, _text(a), BASE + a["href"].lstrip("/")) for n, a in enumerate(links, start=1)
        ], path
        checked += 1
    assert checked >= 8  # indexes, guide, career, article, catalog, programs, tools


def test_guide_and_article_are_articles_dated_as_the_page_shows(site: SiteFixture) -> None:
    site.build()
    guide = site.html("/guides/data-engineering/")
    (data,) = of_type(guide, "Article")
    assert data["headline"] == _text(guide.find("h1")) == "Data Engineering"
    assert data["dateModified"] == guide.select_one(".hero__meta time")["datetime"] == "2026-10-01"
    assert data["description"] == _text(guide.select_one(".tldr__text"))
    assert data["url"] == guide.find("link", rel="canonical")["href"] == BASE + "guides/data-engineering/"

    article = site.html("/articles/choosing-a-data-program/")
    (data,) = of_type(article, "Article")
    assert data["headline"] == _text(article.find("h1"))
    assert data["datePublished"] == article.select_one(".hero__meta time")["datetime"] == "2026-09-15"
    assert data["description"] == _text(article.select_one(".hero__lede"))
    assert data["keywords"] == [_text(tag) for tag in article.select(".tags .tag")]
    assert "dateModified" not in data  # the page shows no update date
    assert of_type(article, "Occupation") == []


def test_career_page_has_one_occupation_with_the_salaries_the_tables_show(site: SiteFixture) -> None:
    salary = site.read("content/salaries/data.yaml")
    # 152,550 is shown rounded ("$152.6K"): the structured data must carry the same rounded figure
    site.write("content/salaries/data.yaml", salary.replace("[95000, 120000]", "[95000, 152550]"))
    site.build()
    page = site.html("/careers/data-engineer/")
    (occupation,) = of_type(page, "Occupation")
    assert occupation["name"] == _text(page.find("h1"))
    assert occupation["description"] == _text(page.select_one(".hero__lede"))

    visible: list[tuple[str, int, int | None]] = []
    levels, locations = page.select("#salary-data table")
    for row in levels.select("tbody tr"):
        level = _text(row.find("th"))
        _years, base, total = (_text(cell) for cell in row.find_all("td"))
        for label, cell in (("base salary", base), ("total compensation", total)):
            if cell == "not listed":
                continue
            figure = cell.split(" (")[0]
            if figure.endswith("+"):  # open-ended: "$180K+ (can exceed $180K)"
                visible.append((f"{level}: {label}", money(figure[:-1]), None))
            else:
                low, high = figure.split("–")
                visible.append((f"{level}: {label}", money(low), money(high)))
    for row in locations.select("tbody tr"):
        low, high = _text(row.find("td")).split("–")
        visible.append((f"{_text(row.find('th'))}: typical range", money(low), money(high)))

    distributions = occupation["estimatedSalary"]
    assert [(d["name"], d["minValue"], d.get("maxValue")) for d in distributions] == visible
    assert visible == visible_salaries(page)
    assert visible[0] == ("Entry: base salary", 95_000, 152_600)
    assert ("Senior: total compensation", 180_000, None) in visible  # no invented maximum
    assert {(d["currency"], d["duration"]) for d in distributions} == {("USD", "P1Y")}


def test_program_page_describes_the_program_as_shown(site: SiteFixture) -> None:
    site.build()
    page = site.html("/programs/alpha-ms-data/")
    facts = {_text(div.find("dt")): _text(div.find("dd")) for div in page.select("dl.facts > div")}
    (program,) = of_type(page, "EducationalOccupationalProgram")
    assert program["name"] == _text(page.find("h1"))
    assert program["provider"]["name"] == _text(page.select_one(".page-lede")) == "Alpha University"
    assert program["provider"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Boston",
        "addressRegion": "Massachusetts",
        "addressCountry": "United States",
    }
    assert facts["Location"] == "Boston, Massachusetts, United States"
    assert program["programType"] == facts["Program type"] == "Master's"
    assert program["educationalProgramMode"] == facts["Format"] == "Online"
    assert facts["Duration"] == "18 months"
    assert program["timeToComplete"] == "P18M"
    assert program["offers"]["price"] == money(facts["Cost"]) == 42_000
    assert program["offers"]["priceCurrency"] == "USD"

    unlisted = site.html("/programs/beta-db-cert/")
    (program,) = of_type(unlisted, "EducationalOccupationalProgram")
    facts = {_text(div.find("dt")): _text(div.find("dd")) for div in unlisted.select("dl.facts > div")}
    assert facts["Duration"] == facts["Cost"] == "not listed"
    assert "timeToComplete" not in program
    assert "offers" not in program


def test_every_page_has_title_description_canonical_and_sharing_tags(site: SiteFixture) -> None:
    site.build()
    for path, page in built_pages(site.out).items():
        title = _text(page.find("title"))
        description = page.find("meta", attrs={"name": "description"})["content"]
        canonical = page.find("link", rel="canonical")["href"]
        assert title, path
        assert description, path
        assert canonical == BASE + path.lstrip("/"), path

        def meta(key: str, value: str, page: BeautifulSoup = page, path: str = path) -> str:
            tag = page.find("meta", attrs={key: value})
            assert tag is not None, f"{path}: no {value}"
            return str(tag["content"])

        assert meta("property", "og:url") == canonical
        assert meta("property", "og:description") == meta("name", "twitter:description") == description
        assert title.startswith(meta("property", "og:title")), path
        assert meta("property", "og:site_name") == "Test Careers"
        # guides, careers and articles show their social card large; other pages the site icon
        card = meta("property", "og:image")
        has_card = card.startswith(BASE + "cards/")
        assert has_card == (path.count("/") == 3 and path.startswith(("/guides/", "/careers/", "/articles/"))), path
        assert meta("name", "twitter:card") == ("summary_large_image" if has_card else "summary"), path
        assert meta("property", "og:type") == (
            "article" if path.startswith(("/guides/", "/articles/")) and path.count("/") == 3 else "website"
        ), path
        feed = page.find("link", rel="alternate", type="application/atom+xml")
        assert feed["href"] == "/feed.xml", path
        assert page.find("link", rel="manifest")["href"] == "/manifest.webmanifest", path


def test_atom_feed_lists_articles_and_guides_as_their_pages_show_them(site: SiteFixture) -> None:
    site.write(
        "content/articles/older-news.md",
        "---\ntitle: Older News\ndate: 2025-01-02\nupdated: 2026-10-05\nsummary: An update.\ntags: [news]\n---\n\nText.\n",
    )
    site.build()
    feed = ET.fromstring((site.out / "feed.xml").read_bytes())
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id") == BASE
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == BASE + "feed.xml"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Test Careers"
    entries = feed.findall(f"{ATOM}entry")
    # newest first by last update: the guide (2026-10-01) sits between the two articles' updates
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Older News",
        "Data Engineering",
        "Choosing a Data Program",
    ]
    assert feed.findtext(f"{ATOM}updated") == "2026-10-05T00:00:00Z"
    for entry in entries:
        link = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert entry.findtext(f"{ATOM}id") == link
        page = site.html("/" + link.removeprefix(BASE))
        assert entry.findtext(f"{ATOM}title") == _text(page.find("h1"))
        assert entry.findtext(f"{ATOM}summary") == page.find("meta", attrs={"name": "description"})["content"]
        times = [t["datetime"] for t in page.select(".hero__meta time")]
        assert entry.findtext(f"{ATOM}updated") == times[-1] + "T00:00:00Z"
        published = entry.findtext(f"{ATOM}published")
        if "/articles/" in link:
            assert published == times[0] + "T00:00:00Z"
        else:
            assert published is None
    older = entries[0]
    assert older.findtext(f"{ATOM}published") == "2025-01-02T00:00:00Z"
    assert [c.get("term") for c in older.findall(f"{ATOM}category")] == ["news"]


def test_sitemap_lists_every_indexable_page_with_its_content_date(site: SiteFixture) -> None:
    site.build()
    tree = ET.fromstring((site.out / "sitemap.xml").read_bytes())
    entries = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in tree.findall(f"{SITEMAP}url")}
    indexable = {
        page.find("link", rel="canonical")["href"]: page
        for page in built_pages(site.out).values()
        if not page.find("meta", attrs={"name": "robots", "content": "noindex"})
    }
    assert set(entries) == set(indexable)
    assert BASE + "404.html" not in entries
    for loc, lastmod in entries.items():
        shown = [t["datetime"] for t in indexable[loc].select(".hero__meta time")]
        if loc.endswith(("/guides/data-engineering/", "/articles/choosing-a-data-program/")):
            assert lastmod == shown[-1], loc
    assert entries[BASE + "guides/data-engineering/"] == "2026-10-01"
    assert entries[BASE + "articles/choosing-a-data-program/"] == "2026-09-15"
    assert entries[BASE + "programs/"] is None  # no content date: no lastmod rather than a made-up one


def test_web_manifest_names_the_site_and_its_icons_exist(site: SiteFixture) -> None:
    site.build()
    manifest = json.loads((site.out / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "Test Careers"
    assert manifest["start_url"] == manifest["scope"] == "/"
    for icon in manifest["icons"]:
        assert (site.out / icon["src"].lstrip("/")).is_file(), icon
    assert (site.out / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"  # an ICO header


def test_site_under_a_project_sub_path_links_only_under_it(site: SiteFixture) -> None:
    base = "https://org.github.io/site/"
    assert site.cli("build").returncode == 0  # a cached build for site.yaml's base_url comes first
    result = site.cli("build", "--base-url", base.rstrip("/"))  # as GitHub Pages hands it over
    assert result.returncode == 0, result.stderr
    assert broken_links(site.out, base) == []
    pages = built_pages(site.out)
    hrefs = 0
    for path, page in pages.items():
        for tag in page.find_all(["a", "link", "script"]):
            href = tag.get("href") or tag.get("src")
            if href and href.startswith("/"):
                assert href.startswith("/site/"), f"{path}: {href}"
                hrefs += 1
        assert page.find("link", rel="canonical")["href"].startswith(base), path
        for block in json_ld(page):
            own = re.findall(r'"(?:url|item|mainEntityOfPage)": "([^"]+)"', json.dumps(block))
            assert own, path
            assert all(url.startswith(base) for url in own), f"{path}: {own}"
    assert hrefs > 100
    feed = ET.fromstring((site.out / "feed.xml").read_bytes())
    assert {link.get("href")[: len(base)] for link in feed.iter(f"{ATOM}link")} == {base}
    sitemap = ET.fromstring((site.out / "sitemap.xml").read_bytes())
    assert all(loc.text.startswith(base) for loc in sitemap.iter(f"{SITEMAP}loc"))
    manifest = json.loads((site.out / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["start_url"] == "/site/"
    assert all(icon["src"].startswith("/site/") for icon in manifest["icons"])
    robots = (site.out / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base}sitemap.xml" in robots
    # and back: without the option, every page is rebuilt for site.yaml's base_url
    assert site.cli("build").returncode == 0
    assert broken_links(site.out, "https://example.test/") == []


def test_a_bad_base_url_on_the_command_line_is_a_usage_error(site: SiteFixture) -> None:
    result = site.cli("build", "--base-url", "org.github.io/site")
    assert result.returncode == 2
    assert result.stderr == (
        "guidegen: --base-url: expected an absolute http(s) URL such as https://example.org/, got 'org.github.io/site'\n"
    )


@pytest.mark.parametrize("amount", [950, 150_000, 152_550, 999_950, 1_254_999])
def test_shown_amount_is_what_the_short_money_format_prints(amount: int) -> None:
    from guidegen.render.formatting import money_short, shown_amount

    assert money(money_short(amount)) == shown_amount(amount)


@pytest.mark.browser
def test_site_served_under_a_sub_path_loads_every_asset(site: SiteFixture, static_server, page) -> None:  # type: ignore[no-untyped-def]
    host = site.root / "host"  # the static host's root; the site lives in host/site/, as on GitHub Pages
    url = static_server(host)
    site.out = host / "site"
    result = site.cli("build", "--out", str(site.out), "--base-url", url + "/site/")
    assert result.returncode == 0, result.stderr
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    loaded: list[str] = []
    page.on("response", lambda r: loaded.append(r.url))
    for path in ("", "guides/data-engineering/", "programs/", "articles/choosing-a-data-program/"):
        page.goto(f"{url}/site/{path}", wait_until="networkidle")
        assert page.evaluate("getComputedStyle(document.body).margin") == "0px"  # the stylesheet applied
    manifest = page.request.get(f"{url}/site/manifest.webmanifest").json()
    for icon in manifest["icons"]:
        assert page.request.get(url + icon["src"]).ok, icon
    assert failed == []
    assert all(u.startswith(f"{url}/site/") for u in loaded), [u for u in loaded if not u.startswith(f"{url}/site/")]


Figures = list[tuple[str, int, int | None] | tuple[str, dict[str, int]]]


def visible_salaries(page: BeautifulSoup) -> Figures:
    """Every figure of a page's salary tables, as a reader takes it from the table cells."""
    figures: Figures = []
    for table in page.select("#salary-data table"):
        caption = _text(table.caption)
        if "data-table--percentiles" in table["class"]:
            columns = [_text(th) for th in table.select("thead th")][1:]
            for row in table.select("tbody tr"):
                published = {
                    PERCENTILE_PROPERTIES[PERCENTILE_COLUMNS.index(column)]: money(_text(cell))
                    for column, cell in zip(columns, row.find_all("td"), strict=True)
                    if column in PERCENTILE_COLUMNS and _text(cell).startswith("$") and "or more" not in _text(cell)
                }
                if published:
                    figures.append((f"{_text(row.find('th'))}: wage percentiles", published))
        elif caption == "Salary by level":
            for row in table.select("tbody tr"):
                level = _text(row.find("th"))
                _years, base, total = (_text(cell) for cell in row.find_all("td"))
                for label, cell in (("base salary", base), ("total compensation", total)):
                    figure = cell.split(" (")[0]
                    if figure == "not listed":
                        continue
                    if figure.endswith("+"):
                        figures.append((f"{level}: {label}", money(figure[:-1]), None))
                    else:
                        low, high = figure.split("–")
                        figures.append((f"{level}: {label}", money(low), money(high)))
        else:
            for row in table.select("tbody tr"):
                low, high = _text(row.find("td")).split("–")
                figures.append((f"{_text(row.find('th'))}: typical range", money(low), money(high)))
    return figures


PERCENTILE_COLUMNS = ("10th percentile", "25th percentile", "Median", "75th percentile", "90th percentile")


def distribution_figures(distributions: list[dict[str, Any]]) -> Figures:
    """The structured data's figures in the shape visible_salaries reads the page's."""
    figures: Figures = []
    for d in distributions:
        if "minValue" in d:
            figures.append((d["name"], d["minValue"], d.get("maxValue")))
        else:
            figures.append((d["name"], {key: d[key] for key in PERCENTILE_PROPERTIES if key in d}))
    return figures


def test_shipped_site_structured_data_matches_its_pages(tmp_path: Path) -> None:
    from conftest import REPO
    from guidegen.commands.build import build
    from guidegen.content.site import Project

    out = tmp_path / "public"
    build(Project(root=REPO, out=out), strict=True)
    pages = built_pages(out)
    kinds: set[str] = set()
    percentile_pages = 0
    for path, page in pages.items():
        for block in json_ld(page):
            check_shape(block, path)
            kinds.add(block["@type"])
        if path.startswith("/careers/") and path != "/careers/":
            (occupation,) = of_type(page, "Occupation")
            assert distribution_figures(occupation["estimatedSalary"]) == visible_salaries(page), path
            percentile_pages += any(isinstance(figure[1], dict) for figure in visible_salaries(page))
        if path.startswith("/guides/") and path != "/guides/" and not path.startswith("/guides/category/"):
            (article,) = of_type(page, "Article")
            assert article["description"] == _text(page.select_one(".tldr__text")), path
            heading = page.find("h1")
            for decoration in heading.select("[aria-hidden=true]"):  # the guide's emoji icon
                decoration.decompose()
            assert article["headline"] == _text(heading), path
    assert kinds == {"WebSite", "Article", "Occupation", "EducationalOccupationalProgram", "BreadcrumbList"}
    assert percentile_pages == 2  # the careers whose tables are BLS percentiles
