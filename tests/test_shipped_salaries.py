"""The shipped site's BLS figures: every page that shows an imported table shows exactly what its YAML says.

(tests/test_import_oews.py checks the YAML against the BLS flat-file rows it was imported from.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from conftest import REPO
from guidegen.commands.build import build
from guidegen.content.site import Project

PERCENTILES = ("p10", "p25", "median", "p75", "p90")
# page -> (section id, table id) of every BLS table it shows
SHOWN = {
    "/guides/data-science/": [("salary-data", "bls-data-scientists")],
    "/careers/data-scientist/": [("salary-data", "bls-data-scientists")],
    "/guides/ai-research/": [("salary-data", "bls-computer-research-scientists")],
    "/careers/ai-research-scientist/": [("salary-data", "bls-computer-research-scientists")],
    **{
        path: [
            (f"related-{table}", table)
            for table in ("bls-software-developers", "bls-data-scientists", "bls-computer-research-scientists")
        ]
        for path in ("/guides/mlops-ai-engineering/", "/careers/mlops-engineer/")
    },
}


def _text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def _table(table_id: str) -> dict[str, object]:
    return yaml.safe_load((REPO / "content/salaries" / f"{table_id}.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _money(value: int) -> str:
    return f"${value:,}"


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("shipped") / "public"
    report = build(Project(root=REPO, out=out), strict=True)
    assert report.warnings == ()
    return out


def _page(out: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((out / path.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("path", sorted(SHOWN))
def test_pages_show_the_imported_figures_exactly(shipped: Path, path: str) -> None:
    page = _page(shipped, path)
    for section_id, table_id in SHOWN[path]:
        data = _table(table_id)
        section = page.select_one(f"#{section_id}")
        assert section is not None, (path, section_id)
        assert _text(section.select_one("h2, h3")) == data["title"]
        rows = [[_text(cell) for cell in row.find_all(["th", "td"])] for row in section.select("table tbody tr")]
        expected = [
            [
                location["name"],
                *(_money(location["percentiles"][key]) for key in PERCENTILES),
                f"{location['employment']:,}",
            ]
            for location in data["locations"]  # type: ignore[attr-defined]
        ]
        assert rows == expected, (path, table_id)
        provenance = section.select_one(".provenance")
        assert _text(provenance).startswith(
            "Source: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics As of May 2025."
        )
        assert provenance.a["href"] == "https://www.bls.gov/oes/"
        soc = data["occupation"]["soc"]  # type: ignore[index]
        assert f"(SOC {soc})" in _text(section.select_one(".salary__scope"))
        assert _text(section.select_one(".salary__note")) == data["note"]


def test_the_mlops_pages_label_bls_figures_as_other_occupations(shipped: Path) -> None:
    for path in ("/guides/mlops-ai-engineering/", "/careers/mlops-engineer/"):
        page = _page(shipped, path)
        section = page.select_one("#related-salaries")
        assert _text(section.h2) == "Related occupations in BLS data"
        intro = _text(section.select_one(".salary-related__intro"))
        assert 'no "MLOps engineer" occupation' in intro
        assert "not MLOps engineers" in intro
        # the page's own MLOps table stays the unsourced estimate, apart from the BLS tables
        assert "Unsourced" in _text(page.select_one("#salary-data .provenance"))
        assert page.select_one('nav.toc a[href="#related-salaries"]') is not None
        # and JSON-LD never presents the related occupations' wages as the MLOps role's
        blocks = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
        assert "percentile" not in json.dumps(blocks)


def test_stat_cards_of_the_new_guides_are_the_imported_figures(shipped: Path) -> None:
    science = _table("bls-data-scientists")["locations"][0]  # type: ignore[index]
    research = _table("bls-computer-research-scientists")["locations"]  # type: ignore[index]
    san_jose = next(row for row in research if row["area_code"] == "0041940")
    cards = {
        "/guides/data-science/": [
            _money(science["percentiles"]["median"]),
            f"{_money(science['percentiles']['p25'])}–{_money(science['percentiles']['p75'])}",
            f"{science['employment']:,}",
        ],
        "/guides/ai-research/": [
            _money(research[0]["percentiles"]["median"]),
            _money(san_jose["percentiles"]["median"]),
            f"{research[0]['employment']:,}",
        ],
    }
    for path, values in cards.items():
        stats = _page(shipped, path).select(".stat")
        assert [_text(stat.select_one(".stat__value")) for stat in stats] == values
        for stat in stats:
            assert _text(stat.select_one(".stat__source")).startswith(
                "Source: U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics · As of May 2025."
            )


def test_new_careers_carry_the_percentiles_in_json_ld(shipped: Path) -> None:
    page = _page(shipped, "/careers/data-scientist/")
    (occupation,) = [
        b
        for b in (json.loads(s.string) for s in page.select('script[type="application/ld+json"]'))
        if b["@type"] == "Occupation"
    ]
    national = _table("bls-data-scientists")["locations"][0]  # type: ignore[index]
    assert occupation["estimatedSalary"][0] == {
        "@type": "MonetaryAmountDistribution",
        "name": "National: wage percentiles",
        "currency": "USD",
        "duration": "P1Y",
        "percentile10": national["percentiles"]["p10"],
        "percentile25": national["percentiles"]["p25"],
        "median": national["percentiles"]["median"],
        "percentile75": national["percentiles"]["p75"],
        "percentile90": national["percentiles"]["p90"],
    }


def test_home_and_guide_index_show_three_guides_and_the_categories(shipped: Path) -> None:
    titles = ["AI Research", "Data Science", "MLOps & AI Engineering"]
    for path in ("/", "/guides/"):
        page = _page(shipped, path)
        cards = [
            _text(card.select_one(".feature-card__title")) for card in page.select('a.feature-card[href^="/guides/"]')
        ]
        assert [title.removesuffix(" 🔥") for title in cards] == titles, path
    nav = _page(shipped, "/guides/").select_one("nav.category-nav")
    assert [(a["href"], _text(a)) for a in nav.select("a")] == [
        ("/guides/category/ai-specialization/", "AI Specialization"),
        ("/guides/category/data-specialization/", "Data Specialization"),
    ]
    hub = _page(shipped, "/guides/category/ai-specialization/")
    assert _text(hub.h1) == "AI Specialization"
    assert [a["href"] for a in hub.select(".card-grid a")] == ["/guides/ai-research/", "/guides/mlops-ai-engineering/"]
    assert [_text(li) for li in hub.select(".breadcrumbs li")] == ["Home", "Guides", "AI Specialization"]
