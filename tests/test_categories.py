"""Guide categories and their hub pages; related salary tables on guides and careers."""

from __future__ import annotations

from bs4 import Tag

from conftest import GUIDE_MD, SiteFixture


def _text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def _guide(title: str, category: str | None) -> str:
    text = GUIDE_MD.replace("title: Data Engineering", f"title: {title}")
    if category is not None:
        text = text.replace("badge: Rising 2027\n", f"badge: Rising 2027\ncategory: {category}\n")
    return text


def test_each_category_gets_a_hub_listing_its_guides(site: SiteFixture) -> None:
    site.write("content/guides/data-engineering.md", _guide("Data Engineering", "Data & Analytics"))
    site.write("content/guides/analytics.md", _guide("Analytics Engineering", "Data & Analytics"))
    site.write("content/guides/security.md", _guide("Cloud Security", "Security"))
    site.write("content/guides/other.md", _guide("Other Paths", None))
    site.build(strict=True)
    hub = site.html("/guides/category/data-analytics/")
    assert _text(hub.h1) == "Data & Analytics"
    assert [a["href"] for a in hub.select(".card-grid a")] == ["/guides/analytics/", "/guides/data-engineering/"]
    assert [(a["href"], _text(a)) for a in hub.select("nav.category-nav li a")] == [
        ("/guides/category/security/", "Security")
    ]
    assert hub.select_one('link[rel="canonical"]')["href"] == "https://example.test/guides/category/data-analytics/"
    index = site.html("/guides/")
    assert [_text(a) for a in index.select("nav.category-nav a")] == ["Data & Analytics", "Security"]
    # a guide without a category is on the index, in no hub
    assert "/guides/other/" in [a["href"] for a in index.select("a.feature-card")]
    assert not (site.out / "guides/category/other").exists()
    sitemap = (site.out / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.test/guides/category/security/" in sitemap


def test_category_is_a_reserved_guide_slug_and_one_spelling_per_category(site: SiteFixture) -> None:
    site.write("content/guides/category.md", _guide("Categories", None))
    site.write("content/guides/data-engineering.md", _guide("Data Engineering", "Data & Analytics"))
    site.write("content/guides/analytics.md", _guide("Analytics Engineering", "data & analytics"))
    site.write("content/guides/empty.md", _guide("Empty", '"--"'))
    result = site.cli("check")
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines()[:-1] if ": warning: " not in line] == [
        "content/guides/category.md: 'category' is reserved: /guides/category/ holds the category pages"
        " (rename the file to another slug)",
        "content/guides/data-engineering.md:5: category: category 'Data & Analytics' differs from"
        " 'data & analytics' in content/guides/analytics.md only in spelling (write it as 'data & analytics' so"
        " both guides share one category page)",
        "content/guides/empty.md:5: category: a category name needs letters or digits",
    ]


def test_related_salary_tables_must_exist(site: SiteFixture) -> None:
    site.write(
        "content/careers/data-engineer.md",
        site.read("content/careers/data-engineer.md").replace(
            "salary: data\n",
            "salary: data\nrelated_salaries:\n  title: Related\n  intro: Other jobs.\n  tables: [dta]\n",
        ),
    )
    result = site.cli("check")
    assert result.returncode == 1
    assert (
        "content/careers/data-engineer.md:8: related_salaries.tables[0]: 'dta' does not exist (did you mean 'data'?)"
        in result.stderr.splitlines()
    )


def test_related_salary_tables_get_a_section_of_their_own(site: SiteFixture) -> None:
    site.write(
        "content/salaries/other.yaml",
        site.read("content/salaries/data.yaml").replace("Data Engineer Salaries", "Other Salaries"),
    )
    site.write(
        "content/careers/data-engineer.md",
        site.read("content/careers/data-engineer.md").replace(
            "salary: data\n",
            "salary: data\nrelated_salaries:\n  title: Related occupations\n  intro: These are **other** jobs.\n"
            "  tables: [other]\n",
        ),
    )
    site.build(strict=True)
    page = site.html("/careers/data-engineer/")
    section = page.select_one("#related-salaries")
    assert _text(section.h2) == "Related occupations"
    assert section.select_one(".salary-related__intro strong").get_text() == "other"
    assert [s["id"] for s in section.select("section.salary")] == ["related-other"]
    assert _text(section.select_one("#related-other h3")) == "Other Salaries"
    assert page.select_one('nav.toc a[href="#related-salaries"]') is not None
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids))
