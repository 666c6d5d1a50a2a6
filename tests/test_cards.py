"""Social cards: a 1200x630 PNG for each guide, career and article, cached by the digest of what it shows."""

from __future__ import annotations

import logging
import struct
from pathlib import Path

import pytest

from conftest import SiteFixture
from guidegen.render import cards

pytestmark = pytest.mark.skipif(not cards.available(), reason="resvg-py (guidegen[cards]) is not installed")

CARDS = (
    "cards/guides/data-engineering.png",
    "cards/careers/data-engineer.png",
    "cards/articles/choosing-a-data-program.png",
)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture
def card_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty user cache folder, so that this test draws its own cards."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    return tmp_path / "user-cache" / "guidegen" / "cards"


def test_each_guide_career_and_article_has_a_card_in_its_og_tags(site: SiteFixture, card_cache: Path) -> None:
    site.build(strict=True)
    for card in CARDS:
        assert png_size(site.out / card) == (1200, 630)
    head = site.html("/guides/data-engineering/")
    meta = {tag.get("property") or tag.get("name"): tag["content"] for tag in head.select("meta[content]")}
    assert meta["og:image"] == "https://example.test/cards/guides/data-engineering.png"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"] == (
        "Data Specialization: Data Engineering. Data Engineer Salary · Source: Example Survey, as of June 2026:"
        " $120K–$190K. Test Careers."
    )
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == meta["og:image"]
    article = site.html("/articles/choosing-a-data-program/")
    assert article.select_one('meta[property="og:image:alt"]')["content"] == (
        "Article: Choosing a Data Program. Test Careers."
    )
    # pages that are not guides, careers or articles share the site icon
    assert site.html("/programs/").select_one('meta[property="og:image"]')["content"] == (
        "https://example.test/icons/icon-512.png"
    )


def test_an_edit_that_does_not_change_a_card_does_not_draw_or_copy_it(site: SiteFixture, card_cache: Path) -> None:
    site.build()
    drawn = sorted(card_cache.iterdir())
    assert len(drawn) == 3
    before = {card: (site.out / card).stat().st_ino for card in CARDS}
    site.write("content/guides/data-engineering.md", site.read("content/guides/data-engineering.md") + "\nMore text.\n")
    site.build()
    assert sorted(card_cache.iterdir()) == drawn  # nothing drawn
    assert {card: (site.out / card).stat().st_ino for card in CARDS} == before  # nothing copied either
    site.write(
        "content/guides/data-engineering.md",
        site.read("content/guides/data-engineering.md").replace("title: Data Engineering", "title: Data Platforms"),
    )
    site.build()
    assert len(list(card_cache.iterdir())) == 4  # the guide's card shows its title: drawn again
    assert (site.out / CARDS[0]).stat().st_ino != before[CARDS[0]]
    assert (site.out / CARDS[1]).stat().st_ino == before[CARDS[1]]


def test_without_resvg_the_build_warns_once_and_skips_cards(
    site: SiteFixture, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(cards, "available", lambda: False)
    cards.warn_unavailable.cache_clear()
    with caplog.at_level(logging.WARNING):
        report = site.build(strict=True)
        site.build(strict=True)
    cards.warn_unavailable.cache_clear()
    assert report.warnings == ()  # not a content problem: --strict still passes
    assert [record.getMessage() for record in caplog.records] == [
        "guidegen: social cards skipped: resvg-py is not installed (pip install 'guidegen[cards]'); "
        "pages share the site icon instead"
    ]
    assert not (site.out / "cards").exists()
    assert site.html("/guides/data-engineering/").select_one('meta[property="og:image"]')["content"] == (
        "https://example.test/icons/icon-512.png"
    )


def test_social_cards_false_in_site_yaml_turns_them_off(site: SiteFixture, card_cache: Path) -> None:
    site.write("content/site.yaml", site.read("content/site.yaml") + "social_cards: false\n")
    site.build(strict=True)
    assert not (site.out / "cards").exists()


def test_titles_wrap_by_words_and_between_cjk_characters() -> None:
    assert cards.wrap("Machine Learning Operations and Platform Engineering for Teams", 26, 3) == (
        "Machine Learning",
        "Operations and Platform",
        "Engineering for Teams",
    )
    assert cards.wrap("机器学习运维工程师的职业指南", 26, 3) == ("机器学习运维工程师的职业指", "南")
    assert cards.wrap("one two three four five six seven eight nine ten eleven twelve thirteen", 10, 2) == (
        "one two",
        "three four…",
    )
