"""Landing pages by facet: membership, pagination, addresses, breadcrumbs, sitemap and links."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from catalog_reference import catalog_order, catalog_programs, programs_yaml
from conftest import SiteFixture
from guidegen.errors import ContentError

PROGRAMS = catalog_programs()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SiteFixture:
    site = SiteFixture(tmp_path_factory.mktemp("landing") / "site")
    site.write("content/programs/catalog.yaml", programs_yaml())
    site.build()
    return site


def expected_members(kind: str) -> dict[str, list[str]]:
    """Each value of a facet with at least 3 programs -> the ids it lists, in catalog order, counted here."""
    groups: dict[str, list[str]] = {}
    for program in catalog_order(PROGRAMS):
        location = program["location"]
        values = {
            "format": [program["format"]],
            "type": [program["type"]],
            "country": [location["country"]],
            "region": [f"{location['country']}/{location['region']}"] if location.get("region") else [],
            "topic": program.get("tags", []),
        }[kind]
        for value in values:
            groups.setdefault(value, []).append(program["id"])
    return {value: ids for value, ids in groups.items() if len(ids) >= 3}


# the addresses the issue names, written out: a test of the slugs, not a second implementation of them
SLUGS = {
    "format": {"On-Campus": "on-campus", "Online": "online", "Hybrid": "hybrid"},
    "type": {
        "Master's": "masters",
        "Certificate": "certificate",
        "Bachelor's": "bachelors",
        "MBA": "mba",
        "PhD": "phd",
    },
    "country": {
        "United States": "united-states",
        "Canada": "canada",
        "United Kingdom": "united-kingdom",
        "Switzerland": "switzerland",
    },
    "region": {
        "United States/Texas": "united-states/texas",
        "United States/Massachusetts": "united-states/massachusetts",
        "Canada/Ontario": "canada/ontario",
        "Canada/Québec": "canada/quebec",
        "Switzerland/Zürich": "switzerland/zurich",
    },
    "topic": {
        tag: tag for tag in ("data-engineering", "machine-learning", "databases", "mlops", "business", "robotics")
    },
}


def listed_ids(site: SiteFixture, path: str) -> list[str]:
    """Every program id a landing page lists, following its pages without JavaScript."""
    ids: list[str] = []
    next_path: str | None = path
    while next_path:
        page = site.html(next_path)
        ids += [a["href"].split("/")[-2] for a in page.select(".catalog__grid .program-card__name a")]
        following = page.select_one('.pagination a[rel="next"]')
        next_path = str(following["href"]) if following else None
    return ids


@pytest.mark.parametrize("kind", ["format", "type", "country", "region", "topic"])
def test_each_landing_page_lists_exactly_its_programs(built: SiteFixture, kind: str) -> None:
    members = expected_members(kind)
    assert set(members) == set(SLUGS[kind])
    for value, ids in members.items():
        assert listed_ids(built, f"/programs/{kind}/{SLUGS[kind][value]}/") == ids, value
    folder = built.out / "programs" / kind
    made = {p.parent.relative_to(folder).as_posix() for p in folder.rglob("index.html") if "page" not in p.parts}
    assert made == set(SLUGS[kind].values())


def test_a_long_landing_page_is_paginated_with_its_own_title_canonical_and_breadcrumb(built: SiteFixture) -> None:
    ids = expected_members("country")["United States"]
    assert len(ids) > 50
    first, second = (
        built.html("/programs/country/united-states/"),
        built.html("/programs/country/united-states/page/2/"),
    )
    assert first.h1.get_text() == "Programs in United States"
    assert first.title.get_text() == "Programs in United States | Test Careers"
    assert second.title.get_text() == "Programs in United States (page 2 of 2) | Test Careers"
    assert first.select_one('link[rel="canonical"]')["href"] == "https://example.test/programs/country/united-states/"
    assert (
        second.select_one('link[rel="canonical"]')["href"]
        == "https://example.test/programs/country/united-states/page/2/"
    )
    description = first.select_one('meta[name="description"]')["content"]
    assert description.startswith(f"Programs in United States: {len(ids)} programs in the Test Careers catalog")
    crumbs = [(a.get_text(), a["href"]) for a in second.select(".breadcrumbs a")]
    assert crumbs == [
        ("Home", "/"),
        ("Programs", "/programs/"),
        ("United States", "/programs/country/united-states/"),
        ("Page 2", "/programs/country/united-states/page/2/"),
    ]


def test_a_region_sits_under_its_country_and_opens_the_catalog_filtered(built: SiteFixture) -> None:
    page = built.html("/programs/region/canada/quebec/")
    assert page.h1.get_text() == "Programs in Québec, Canada"
    crumbs = [a["href"] for a in page.select(".breadcrumbs a")]
    assert crumbs == ["/", "/programs/", "/programs/country/canada/", "/programs/region/canada/quebec/"]
    catalog = page.select_one("[data-catalog]")
    assert catalog["data-filter"] == "country=Canada&region=Qu%C3%A9bec"
    assert catalog["data-root"] == "/programs/"


def test_landing_pages_are_in_the_sitemap(built: SiteFixture) -> None:
    sitemap = (built.out / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>https://example\.test(/programs/[a-z]+/[^<]*)</loc>", sitemap))
    for kind, slugs in SLUGS.items():
        for slug in slugs.values():
            assert f"/programs/{kind}/{slug}/" in listed
    assert "/programs/country/united-states/page/2/" in listed


def test_program_pages_and_the_catalog_link_to_the_landing_pages(built: SiteFixture) -> None:
    program = next(p for p in catalog_order(PROGRAMS) if p["location"].get("region") == "Québec")
    page = built.html(f"/programs/{program['id']}/")
    links = {a.get_text(): a["href"] for a in page.select(".facts a")}
    assert links[program["format"]] == f"/programs/format/{SLUGS['format'][program['format']]}/"
    assert links[program["type"]] == f"/programs/type/{SLUGS['type'][program['type']]}/"
    assert links["Québec"] == "/programs/region/canada/quebec/"
    assert links["Canada"] == "/programs/country/canada/"
    for tag in program["tags"]:
        assert links[tag.replace("-", " ")] == f"/programs/topic/{tag}/"
    browse = {a["href"] for a in built.html("/programs/").select(".browse a")}
    assert browse == {f"/programs/{kind}/{slug}/" for kind, slugs in SLUGS.items() for slug in slugs.values()}


def write_programs(site: SiteFixture, records: list[dict[str, Any]]) -> None:
    site.write("content/programs/catalog.yaml", yaml.safe_dump(records, allow_unicode=True, sort_keys=False))


def record(number: int, city: str, region: str | None, country: str) -> dict[str, Any]:
    location = {"city": city, "country": country} | ({"region": region} if region else {})
    return {
        "id": f"p{number}",
        "institution": f"Institution {number}",
        "name": f"Program {number}",
        "type": "Master's",
        "format": "Online",
        "location": location,
        "tags": ["data-engineering", "databases"],  # the tags the test guide lists
    }


def test_georgia_the_state_and_georgia_the_country_get_their_own_pages(site: SiteFixture) -> None:
    states = [record(n, "Atlanta", "Georgia", "United States") for n in range(3)]
    countries = [record(n, "Tbilisi", None, "Georgia") for n in range(3, 6)]
    write_programs(site, states + countries)
    site.build()
    assert listed_ids(site, "/programs/region/united-states/georgia/") == ["p0", "p1", "p2"]
    assert listed_ids(site, "/programs/country/georgia/") == ["p3", "p4", "p5"]
    assert not Path(site.out / "programs/region/georgia").exists()


def test_place_names_folding_to_one_address_are_an_error_naming_both(site: SiteFixture) -> None:
    write_programs(site, [record(1, "Baden", None, "Baden-Baden"), record(2, "Baden", None, "Baden Baden")])
    with pytest.raises(ContentError) as raised:
        site.build()
    assert [problem.format() for problem in raised.value.problems] == [
        "content/programs/catalog.yaml:8: [0].location.country: 'Baden-Baden' and 'Baden Baden'"
        " (in content/programs/catalog.yaml:19) are different names with the same address"
        " /programs/country/baden-baden/ (write the same place the same way everywhere, or tell the two apart"
        " in the name)",
    ]


def test_spellings_equal_but_for_accents_share_one_page(site: SiteFixture) -> None:
    places = [("Zürich", "Switzerland")] * 2 + [("Zurich", "Switzerland")]
    write_programs(site, [record(n, "Town", region, country) for n, (region, country) in enumerate(places)])
    site.build()
    assert listed_ids(site, "/programs/region/switzerland/zurich/") == ["p0", "p1", "p2"]
    page = site.html("/programs/region/switzerland/zurich/")
    assert page.h1.get_text() == "Programs in Zürich, Switzerland"
    assert page.select_one("[data-catalog]")["data-filter"] == "country=Switzerland&region=Zurich&region=Z%C3%BCrich"
    assert site.html("/programs/p2/").select_one('.facts a[href="/programs/region/switzerland/zurich/"]') is not None


def test_an_edit_re_renders_only_the_landing_pages_the_program_is_on(built: SiteFixture) -> None:
    programs = [dict(p) for p in PROGRAMS]
    target = next(p for p in programs if p["location"].get("region") == "Ontario")
    target["cost"] = {"amount": 12345, "currency": "USD"}
    built.write("content/programs/catalog.yaml", yaml.safe_dump(programs, allow_unicode=True, sort_keys=False))
    before = {p: p.stat().st_mtime_ns for p in (built.out / "programs").rglob("index.html")}
    built.build()
    changed = {
        p.relative_to(built.out).as_posix()
        for p in (built.out / "programs").rglob("index.html")
        if p.stat().st_mtime_ns != before.get(p)
    }
    facet_pages = {name for name in changed if name.split("/")[1] in SLUGS}

    def page_of(kind: str, value: str) -> str:
        ids = expected_members(kind)[value]
        number = ids.index(target["id"]) // 50 + 1
        slug = SLUGS[kind][value]
        return f"programs/{kind}/{slug}/" + ("" if number == 1 else f"page/{number}/") + "index.html"

    expected = {
        page_of("format", target["format"]),
        page_of("type", target["type"]),
        page_of("country", "Canada"),
        page_of("region", "Canada/Ontario"),
        *(page_of("topic", tag) for tag in target["tags"]),
    }
    assert facet_pages == expected
    assert f"programs/{target['id']}/index.html" in changed
