"""Scheduled publishing: publish_date and expiry_date, with "now" fixed by SOURCE_DATE_EPOCH."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from conftest import ARTICLE_MD, GUIDE_MD, SiteFixture

BEFORE = "1799928000"  # 2027-01-14 12:00 UTC
AFTER = "1799971200"  # 2027-01-15 00:00 UTC

FUTURE_ARTICLE = """\
---
title: Next Year's Programs
date: 2027-01-15
summary: What changes in the new intake.
tags: [programs]
publish_date: 2027-01-15
---

## What changes

See the [catalog](/programs/).
"""

FUTURE_GUIDE = GUIDE_MD.replace("title: Data Engineering\n", "title: Streaming Data\n").replace(
    "updated: 2026-10-01\n", "updated: 2026-10-01\npublish_date: 2027-01-15\n"
)


def sitemap(site: SiteFixture) -> set[str]:
    tree = ET.fromstring((site.out / "sitemap.xml").read_text(encoding="utf-8"))
    return {loc.text or "" for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}


def feed(site: SiteFixture) -> set[str]:
    tree = ET.fromstring((site.out / "feed.xml").read_text(encoding="utf-8"))
    return {link.get("href", "") for link in tree.iter("{http://www.w3.org/2005/Atom}link")}


def links(site: SiteFixture, path: str) -> set[str]:
    return {a["href"] for a in site.html(path).select("a[href]")}


@pytest.fixture
def scheduled(site: SiteFixture, monkeypatch: pytest.MonkeyPatch) -> SiteFixture:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BEFORE)
    site.write("content/articles/next-year.md", FUTURE_ARTICLE)
    site.write("content/guides/streaming-data.md", FUTURE_GUIDE)
    return site


def test_a_page_before_its_date_is_in_no_listing_and_appears_on_the_date(
    scheduled: SiteFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    scheduled.build(strict=True)
    assert not (scheduled.out / "articles/next-year").exists()
    assert not (scheduled.out / "guides/streaming-data").exists()
    for listing in ("/", "/articles/", "/guides/", "/tools/program-matcher/"):
        assert "/articles/next-year/" not in links(scheduled, listing)
        assert "/guides/streaming-data/" not in links(scheduled, listing)
    matcher_goals = [o.get_text(strip=True) for o in scheduled.html("/tools/program-matcher/").select("option")]
    assert "Streaming Data" not in matcher_goals
    assert "https://example.test/articles/next-year/" not in sitemap(scheduled)
    assert "https://example.test/articles/next-year/" not in feed(scheduled)
    assert "https://example.test/guides/streaming-data/" not in feed(scheduled)

    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER)  # the same cache and output: nothing may stay stale
    scheduled.build(strict=True)
    assert scheduled.html("/articles/next-year/").select_one("h1").get_text(strip=True) == "Next Year's Programs"
    assert scheduled.html("/articles/next-year/").select_one(".scheduled-banner") is None
    assert "/articles/next-year/" in links(scheduled, "/")
    assert "/articles/next-year/" in links(scheduled, "/articles/")
    assert "/guides/streaming-data/" in links(scheduled, "/guides/")
    assert "https://example.test/articles/next-year/" in sitemap(scheduled)
    assert "https://example.test/articles/next-year/" in feed(scheduled)


def test_the_command_line_build_is_not_up_to_date_once_the_date_comes(
    scheduled: SiteFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert scheduled.cli("build").returncode == 0
    again = scheduled.cli("build", "-v")
    assert again.returncode == 0
    assert "read, validate, link" not in again.stderr  # answered by the up-to-date check
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER)
    assert scheduled.cli("build").returncode == 0
    assert (scheduled.out / "articles/next-year/index.html").is_file()


def test_future_shows_scheduled_pages_with_a_banner(scheduled: SiteFixture) -> None:
    result = scheduled.cli("build", "--future")
    assert result.returncode == 0, result.stderr
    banner = scheduled.html("/articles/next-year/").select_one(".scheduled-banner")
    assert banner.get_text(" ", strip=True) == (
        "Not yet published. This page is scheduled for 15 January 2027; it is shown here only in a preview"
        " (guidegen serve or build --future)."
    )
    assert "/articles/next-year/" in links(scheduled, "/articles/")
    assert scheduled.html("/articles/choosing-a-data-program/").select_one(".scheduled-banner") is None


def test_a_link_to_a_scheduled_page_is_an_error_that_says_why(scheduled: SiteFixture) -> None:
    scheduled.write(
        "content/articles/choosing-a-data-program.md", ARTICLE_MD + "\nComing: [next year](/articles/next-year/).\n"
    )
    result = scheduled.cli("build")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/articles/choosing-a-data-program.md:12: link: broken link '/articles/next-year/':"
        " the page is scheduled for 2027-01-15, so it is not published",
        "guidegen: 1 error; nothing was written",
    ]


def test_an_expired_page_is_not_built(site: SiteFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER)
    site.write(
        "content/articles/old-news.md", FUTURE_ARTICLE.replace("publish_date: 2027-01-15", "expiry_date: 2027-01-14")
    )
    site.build(strict=True)
    assert not (site.out / "articles/old-news").exists()
    assert "/articles/old-news/" not in links(site, "/articles/")


@pytest.mark.parametrize(("epoch", "published"), [("1799998200", False), ("1800001800", True)])
def test_times_are_read_in_the_sites_timezone(
    site: SiteFixture, monkeypatch: pytest.MonkeyPatch, epoch: str, published: bool
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)  # 07:30 and 08:30 UTC: 08:30 and 09:30 in Berlin
    site.write("content/site.yaml", site.read("content/site.yaml") + "timezone: Europe/Berlin\n")
    site.write(
        "content/articles/next-year.md",
        FUTURE_ARTICLE.replace("publish_date: 2027-01-15", "publish_date: 2027-01-15 09:00"),
    )
    site.build(strict=True)
    assert (site.out / "articles/next-year/index.html").is_file() is published


def test_bad_schedules_are_errors(site: SiteFixture) -> None:
    site.write("content/site.yaml", site.read("content/site.yaml") + "timezone: Europe/Berlinn\n")
    site.write(
        "content/articles/next-year.md",
        FUTURE_ARTICLE.replace("publish_date: 2027-01-15", "publish_date: 2027-01-15\nexpiry_date: soon"),
    )
    result = site.cli("build")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/articles/next-year.md:7: expiry_date: expected a date (YYYY-MM-DD) or a date and time"
        ' (YYYY-MM-DD HH:MM), got "soon"',
        "content/site.yaml:8: timezone: unknown time zone 'Europe/Berlinn'"
        " (use an IANA name such as UTC, Europe/Berlin or America/New_York)",
        "guidegen: 2 errors; nothing was written",
    ]


def test_an_expiry_before_the_publish_date_is_an_error(site: SiteFixture) -> None:
    site.write(
        "content/articles/next-year.md",
        FUTURE_ARTICLE.replace("publish_date: 2027-01-15", "publish_date: 2027-01-15\nexpiry_date: 2027-01-10"),
    )
    result = site.cli("build")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/articles/next-year.md:7: expiry_date: expiry_date 2027-01-10 is not after publish_date 2027-01-15",
        "guidegen: 1 error; nothing was written",
    ]
