"""Redirects: `aliases` (old addresses) of guides, careers, articles and programs."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from conftest import ARTICLE_MD, CAREER_MD, GUIDE_MD, PROGRAMS_YAML, SiteFixture


def with_aliases(front_matter: str, *aliases: str) -> str:
    """A Markdown page with `aliases:` added at the end of its front matter."""
    head, body = front_matter.split("\n---\n", 1)
    listed = ", ".join(aliases)
    return f"{head}\naliases: [{listed}]\n---\n{body}"


@pytest.fixture(scope="module")
def moved(tmp_path_factory: pytest.TempPathFactory) -> SiteFixture:
    site = SiteFixture(tmp_path_factory.mktemp("redirects") / "site")
    site.write("content/guides/data-engineering.md", with_aliases(GUIDE_MD, "/data-engineering/", "/guides/data-eng"))
    site.write("content/careers/data-engineer.md", with_aliases(CAREER_MD, "/careers/pipeline-engineer/"))
    article = with_aliases(ARTICLE_MD, "/blog/choosing.html")
    site.write(
        "content/articles/choosing-a-data-program.md", article + "\nOur [old guide address](/data-engineering/).\n"
    )
    site.write(
        "content/programs/catalog.yaml",
        PROGRAMS_YAML.replace(
            "  tags: [data-engineering]\n", "  tags: [data-engineering]\n  aliases: [/programs/alpha/]\n"
        ),
    )
    site.report = site.build()  # type: ignore[attr-defined]
    return site


def test_each_alias_gets_a_redirect_page(moved: SiteFixture) -> None:
    page = moved.html("/data-engineering/")
    refresh = page.select_one('meta[http-equiv="refresh"]')
    assert refresh["content"] == "0; url=/guides/data-engineering/"
    assert page.select_one('link[rel="canonical"]')["href"] == "https://example.test/guides/data-engineering/"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    link = page.select_one("main a")
    assert (link["href"], link.get_text()) == ("/guides/data-engineering/", "Data Engineering")
    # an alias written without the final slash is the folder's address
    assert moved.html("/guides/data-eng/").select_one('link[rel="canonical"]')["href"] == (
        "https://example.test/guides/data-engineering/"
    )
    assert moved.html("/blog/choosing.html").select_one("main a")["href"] == "/articles/choosing-a-data-program/"
    assert moved.html("/programs/alpha/").select_one("main a")["href"] == "/programs/alpha-ms-data/"


def test_the_redirects_file_lists_every_alias(moved: SiteFixture) -> None:
    assert (moved.out / "_redirects").read_text(encoding="utf-8").splitlines() == [
        "/data-engineering/ /guides/data-engineering/ 301",
        "/guides/data-eng/ /guides/data-engineering/ 301",
        "/careers/pipeline-engineer/ /careers/data-engineer/ 301",
        "/blog/choosing.html /articles/choosing-a-data-program/ 301",
        "/programs/alpha/ /programs/alpha-ms-data/ 301",
    ]


def test_the_sitemap_lists_only_real_pages(moved: SiteFixture) -> None:
    tree = ET.fromstring((moved.out / "sitemap.xml").read_text(encoding="utf-8"))
    locs = {loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert "https://example.test/guides/data-engineering/" in locs
    aliases = {
        "/data-engineering/",
        "/guides/data-eng/",
        "/careers/pipeline-engineer/",
        "/blog/choosing.html",
        "/programs/alpha/",
    }
    assert not locs & {"https://example.test" + alias for alias in aliases}


def test_a_link_to_an_alias_works_but_warns(moved: SiteFixture) -> None:
    assert [problem.format() for problem in moved.report.warnings if "old address" in problem.message] == [  # type: ignore[attr-defined]
        "content/articles/choosing-a-data-program.md:13: warning: link: '/data-engineering/' is an old address"
        " of /guides/data-engineering/ (a redirect) (link to '/guides/data-engineering/' instead)"
    ]


def test_an_alias_taking_an_address_already_taken_is_an_error(site: SiteFixture) -> None:
    site.write("content/guides/data-engineering.md", with_aliases(GUIDE_MD, "/programs/"))
    site.write("content/careers/data-engineer.md", with_aliases(CAREER_MD, "/careers/data-engineer/", "/old/"))
    site.write("content/articles/choosing-a-data-program.md", with_aliases(ARTICLE_MD, "/old"))
    result = site.cli("build")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/articles/choosing-a-data-program.md:6: aliases[0]: alias '/old/' is also an alias of"
        " /careers/data-engineer/ (content/careers/data-engineer.md:6) (an old address can lead to one page only)",
        "content/careers/data-engineer.md:6: aliases[0]: alias '/careers/data-engineer/' is this page's own address"
        " (remove the alias)",
        "content/guides/data-engineering.md:25: aliases[0]: alias '/programs/' is the address of /programs/"
        " (remove the alias)",
        "guidegen: 3 errors; nothing was written",
    ]


@pytest.mark.parametrize(
    ("alias", "message"),
    [
        (
            "https://old.example/x/",
            "'https://old.example/x/' is not a site path (write it as a path on this site, such as /old/path/)",
        ),
        ("old/", "'old/' is not a site path (write it as a path on this site, such as /old/path/)"),
        ("/a/../b/", "'/a/../b/' is not a site path: use letters, digits, '-', '_', '.' and '/' only"),
        ("/old/?page=2", "'/old/?page=2' is not a site path: an alias cannot have a query or #fragment"),
    ],
)
def test_an_alias_that_is_not_a_site_path_is_an_error(site: SiteFixture, alias: str, message: str) -> None:
    site.write("content/articles/choosing-a-data-program.md", with_aliases(ARTICLE_MD, f'"{alias}"'))
    result = site.cli("build")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"content/articles/choosing-a-data-program.md:6: aliases[0]: {message}",
        "guidegen: 1 error; nothing was written",
    ]


def test_removing_an_alias_removes_its_redirect(site: SiteFixture) -> None:
    site.write("content/careers/data-engineer.md", with_aliases(CAREER_MD, "/careers/pipeline-engineer/"))
    site.build()
    assert (site.out / "careers/pipeline-engineer/index.html").is_file()
    site.write("content/careers/data-engineer.md", CAREER_MD)
    site.build()
    assert not (site.out / "careers/pipeline-engineer").exists()
    assert not (site.out / "_redirects").exists()
