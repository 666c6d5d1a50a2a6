"""The article index in pages of 50, the latest articles on the home page, and a feed of the newest."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import SiteFixture

BASE = "https://example.test/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
COUNT = 119  # with the fixture's own article: 120, so pages of 50, 50 and 20


def _article(number: int) -> str:
    date = dt.date(2020, 1, 1) + dt.timedelta(days=number)
    return (
        f"---\ntitle: Note {number}\ndate: {date}\nsummary: Summary {number}.\ntags: [notes]\n---\n\nBody {number}.\n"
    )


@pytest.fixture
def many(site: SiteFixture) -> SiteFixture:
    for number in range(COUNT):
        site.write(f"content/articles/note-{number:03d}.md", _article(number))
    site.build()
    return site


def _newest_first() -> list[str]:
    """Every article title, newest first (the fixture's article, of 2026-09-15, is the newest)."""
    return ["Choosing a Data Program", *(f"Note {number}" for number in reversed(range(COUNT)))]


def _titles(page: BeautifulSoup) -> list[str]:
    return [a.get_text(strip=True) for a in page.select(".article-list a")]


def _pagination(page: BeautifulSoup) -> list[tuple[str, str]]:
    return [(a.get_text(strip=True), a["href"]) for a in page.select("nav.pagination a")]


def test_the_index_lists_fifty_articles_a_page_newest_first(many: SiteFixture) -> None:
    pages = [many.html("/articles/"), many.html("/articles/page/2/"), many.html("/articles/page/3/")]
    assert not (many.out / "articles/page/4/index.html").exists()
    assert [len(_titles(page)) for page in pages] == [50, 50, 20]
    assert [title for page in pages for title in _titles(page)] == _newest_first()
    assert [page.select_one("h1").get_text(strip=True) for page in pages] == ["Articles"] * 3
    assert [page.title.get_text(strip=True).split(" | ")[0] for page in pages] == [
        "Articles",
        "Articles (page 2 of 3)",
        "Articles (page 3 of 3)",
    ]
    assert pages[1].select_one(".wrap > p.muted").get_text(strip=True) == "Articles 51–100 of 120, newest first."


def test_each_index_page_links_to_the_others(many: SiteFixture) -> None:
    first, second, third = (many.html(path) for path in ("/articles/", "/articles/page/2/", "/articles/page/3/"))
    assert _pagination(first) == [
        ("1", "/articles/"),
        ("2", "/articles/page/2/"),
        ("3", "/articles/page/3/"),
        ("Next", "/articles/page/2/"),
    ]
    assert _pagination(second)[0] == ("Previous", "/articles/")
    assert _pagination(second)[-1] == ("Next", "/articles/page/3/")
    assert _pagination(third)[-1] == ("3", "/articles/page/3/")
    assert third.select_one("nav.pagination a[aria-current=page]")["href"] == "/articles/page/3/"
    assert first.select_one("nav.pagination")["aria-label"] == "Article pages"
    crumbs = [a.get_text(strip=True) for a in second.select("nav.breadcrumbs a, nav[aria-label=Breadcrumb] a")]
    assert crumbs[:2] == ["Home", "Articles"]


def test_every_article_is_reachable_from_the_index_without_javascript(many: SiteFixture) -> None:
    seen_pages: set[str] = set()
    found: set[str] = set()
    queue = ["/articles/"]
    while queue:
        path = queue.pop()
        if path in seen_pages:
            continue
        seen_pages.add(path)
        page = many.html(path)
        found.update(a["href"] for a in page.select(".article-list a"))
        queue.extend(href for _, href in _pagination(page))
    assert seen_pages == {"/articles/", "/articles/page/2/", "/articles/page/3/"}
    published = {f"/articles/{path.stem}/" for path in (many.root / "content/articles").glob("*.md")}
    assert found == published
    for href in found:
        assert (many.out / href.lstrip("/") / "index.html").is_file()


def test_the_sitemap_lists_every_index_page_and_every_article(many: SiteFixture) -> None:
    tree = ET.fromstring((many.out / "sitemap.xml").read_bytes())
    entries = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in tree.findall(f"{SITEMAP}url")}
    for path in ("articles/", "articles/page/2/", "articles/page/3/"):
        assert urljoin(BASE, path) in entries
    for path in (many.root / "content/articles").glob("*.md"):
        assert urljoin(BASE, f"articles/{path.stem}/") in entries
    # an index page's date is the newest of the articles it lists
    assert entries[BASE + "articles/"] == "2026-09-15"
    assert entries[BASE + "articles/page/2/"] == str(dt.date(2020, 1, 1) + dt.timedelta(days=COUNT - 50))
    assert entries[BASE + "articles/page/3/"] == str(dt.date(2020, 1, 1) + dt.timedelta(days=COUNT - 100))


def test_the_home_page_shows_the_five_latest(many: SiteFixture) -> None:
    home = many.html("/")
    assert _titles(home) == _newest_first()[:5]
    assert home.find("a", string="All articles")["href"] == "/articles/"


def test_the_feed_holds_the_fifty_newest_entries(many: SiteFixture) -> None:
    feed = ET.fromstring((many.out / "feed.xml").read_bytes())
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    # the guide (updated 2026-10-01) is the newest entry, then the articles by date
    assert titles == ["Data Engineering", *_newest_first()[:49]]


def test_a_short_index_has_one_page_and_no_page_links(site: SiteFixture) -> None:
    site.build()
    index = site.html("/articles/")
    assert _titles(index) == ["Choosing a Data Program"]
    assert index.select("nav.pagination") == []
    assert not (site.out / "articles/page").exists()
