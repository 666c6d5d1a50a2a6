"""Pages in any language: heading ids in every script, per-page lang/dir, Markdown inside HTML blocks."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import SiteFixture
from guidegen.errors import ContentError
from guidegen.markup.slugs import github_slug


def _article(title: str, language: str | None, body: str, summary: str = "A short test page.") -> str:
    lang = f"language: {language}\n" if language else ""
    return f"---\ntitle: {title}\ndate: 2026-09-01\nsummary: {summary}\ntags: [test]\n{lang}---\n\n{body}"


# Each page in its language, written for these tests; every in-page link uses the id other tools give.
PAGES = {
    "deutsch": _article(
        "Karriere im Datenbereich",
        "de",
        "## Was bedeutet Übernahme?\n\nEin Wechsel braucht Zeit. Siehe [Übernahme](#was-bedeutet-übernahme).\n\n"
        "## Größe & Gehalt\n\nZahlen folgen später.\n",
    ),
    "espanol": _article(
        "Carreras en datos",
        "es",
        "## Qué significa contribuir\n\nAyudar a un equipo. Lee [la guía alemana]"
        "(/articles/deutsch/#größe--gehalt) y [esto](#qué-significa-contribuir).\n",
    ),
    "nihongo": _article(
        "データ職のキャリア",
        "ja",
        "## 面接の準備をする\n\n練習が大切です。[準備](#面接の準備をする)を読んでください。\n\n"
        "## 面接の準備をする\n\n二つ目の節です。[二つ目](#面接の準備をする-1)。\n",
    ),
    "zhongwen": _article(
        "数据职业",
        "zh-Hans",
        "## 如何选择课程\n\n先看费用。[选择](#如何选择课程)。\n",
    ),
    "hindi": _article(
        "डेटा करियर",
        "hi",
        "## एक अच्छा बायोडाटा लिखना\n\nछोटा और साफ़ रखें। [बायोडाटा](#एक-अच्छा-बायोडाटा-लिखना)।\n",
    ),
    "arabi": _article(
        "مسار مهني في البيانات",
        "ar",
        '## كيف تبدأ مسيرتك\n\nابدأ بخطوة صغيرة. [البداية](#كيف-تبدأ-مسيرتك).\n\n<div dir="rtl" markdown="1">\n\n'
        "## خطوات **مهمة**\n\n- تعلم **الأساسيات**\n\n</div>\n",
    ),
    "raw-targets": _article(
        "Raw HTML targets",
        None,
        "## Skills & Tools (2027)\n\nSee [skills](#skills--tools-2027), [the old anchor](#old-anchor), "
        "[a bare id](#bare) and [a quoted one](#quoted).\n\n"
        "<a name=\"old-anchor\"></a>\n\n<p id=bare>Bare.</p>\n\n<p id='quoted'>Quoted.</p>\n\n"
        '<aside markdown="1">\n**A pull quote** with a [link](/articles/arabi/#خطوات-مهمة).\n</aside>\n',
    ),
}


@pytest.fixture(scope="module")
def languages(tmp_path_factory: pytest.TempPathFactory) -> SiteFixture:
    site = SiteFixture(tmp_path_factory.mktemp("languages") / "site")
    for slug, text in PAGES.items():
        site.write(f"content/articles/{slug}.md", text)
    guide = site.read("content/guides/data-engineering.md").replace("## Skills\n", "## Größe & Gehalt\n")
    guide = guide.replace("## Why now\n", "## 面接の準備\n").replace("(#why-now)", "(#面接の準備)")
    site.write("content/guides/data-engineering.md", guide)
    site.build(strict=True)  # every link above resolves, or this raises
    return site


def _ids(page: BeautifulSoup) -> list[str]:
    return [heading["id"] for heading in page.select(".prose h2")]


@pytest.mark.parametrize(
    ("slug", "ids"),
    [
        ("deutsch", ["was-bedeutet-übernahme", "größe--gehalt"]),
        ("espanol", ["qué-significa-contribuir"]),
        ("nihongo", ["面接の準備をする", "面接の準備をする-1"]),
        ("zhongwen", ["如何选择课程"]),
        ("hindi", ["एक-अच्छा-बायोडाटा-लिखना"]),  # the vowel signs (combining marks) stay
        ("arabi", ["كيف-تبدأ-مسيرتك", "خطوات-مهمة"]),
        ("raw-targets", ["skills--tools-2027"]),
    ],
)
def test_heading_ids_keep_every_script_as_other_tools_write_them(
    languages: SiteFixture, slug: str, ids: list[str]
) -> None:
    page = languages.html(f"/articles/{slug}/")
    assert _ids(page) == ids
    # the table of contents links to the same ids
    assert [a["href"] for a in page.select(".toc a")] in ([], [f"#{i}" for i in ids])


def test_the_table_of_contents_links_to_the_same_ids(languages: SiteFixture) -> None:
    page = languages.html("/guides/data-engineering/")
    assert [(a["href"], a.get_text()) for a in page.select(".toc a")][:2] == [
        ("#面接の準備", "面接の準備"),
        ("#größe--gehalt", "Größe & Gehalt"),
    ]
    assert [h["id"] for h in page.select(".prose h2")] == ["面接の準備", "größe--gehalt"]


def test_links_to_unicode_anchors_resolve(languages: SiteFixture) -> None:
    page = languages.html("/articles/espanol/")
    hrefs = [a["href"] for a in page.select(".prose a")]
    assert hrefs == ["/articles/deutsch/#größe--gehalt", "#qué-significa-contribuir"]
    target = languages.html("/articles/deutsch/")
    assert target.find(id="größe--gehalt").name == "h2"


def test_hindi_ids_differ_from_python_markdowns_unicode_slug() -> None:
    from markdown.extensions.toc import slugify_unicode

    # slugify_unicode's \w drops the vowel sign "ा" (a combining mark): links written elsewhere break
    assert slugify_unicode("लिखना", "-") == "लखन"
    assert github_slug("लिखना") == "लिखना"
    assert github_slug("A &amp; B") == "a--b"
    assert github_slug("Über‑Größe, schnell!") == "übergröße-schnell"


@pytest.mark.parametrize(
    ("slug", "lang", "direction"),
    [("deutsch", "de", "ltr"), ("zhongwen", "zh-Hans", "ltr"), ("hindi", "hi", "ltr"), ("arabi", "ar", "rtl")],
)
def test_page_carries_its_language_and_the_chrome_the_sites(
    languages: SiteFixture, slug: str, lang: str, direction: str
) -> None:
    page = languages.html(f"/articles/{slug}/")
    assert (page.html["lang"], page.html["dir"]) == (lang, direction)
    for chrome in (page.select_one(".site-header"), page.select_one(".site-footer"), page.select_one(".breadcrumbs")):
        assert (chrome["lang"], chrome["dir"]) == ("en", "ltr")
    current = page.select_one(".breadcrumbs [aria-current=page]")
    assert (current["lang"], current["dir"]) == (lang, direction)
    assert page.select_one("main").get("lang") is None  # main inherits the page's language


def test_page_in_the_site_language_marks_nothing_twice(languages: SiteFixture) -> None:
    page = languages.html("/articles/raw-targets/")
    assert (page.html["lang"], page.html["dir"]) == ("en", "ltr")
    assert page.select_one(".site-header").get("lang") is None
    assert page.select_one(".site-footer").get("dir") is None


def test_feed_and_structured_data_carry_the_page_language(languages: SiteFixture) -> None:
    feed = ElementTree.parse(languages.out / "feed.xml").getroot()
    atom, xml = "{http://www.w3.org/2005/Atom}", "{http://www.w3.org/XML/1998/namespace}"
    langs = {entry.findtext(f"{atom}title"): entry.get(f"{xml}lang") for entry in feed.iter(f"{atom}entry")}
    assert feed.get(f"{xml}lang") == "en"
    assert langs["مسار مهني في البيانات"] == "ar"
    assert langs["Karriere im Datenbereich"] == "de"
    assert langs["Raw HTML targets"] is None  # the feed's own
    page = languages.html("/articles/nihongo/")
    blocks = [json.loads(script.string) for script in page.select('script[type="application/ld+json"]')]
    assert [block["inLanguage"] for block in blocks if block["@type"] == "Article"] == ["ja"]


def test_markdown_inside_html_blocks_is_converted(languages: SiteFixture) -> None:
    arabic = languages.html("/articles/arabi/")
    block = arabic.select_one('.prose div[dir="rtl"]')
    assert block.find("h2").find("strong").get_text() == "مهمة"
    assert block.find("li").find("strong").get_text() == "الأساسيات"
    assert "**" not in block.get_text()
    assert "##" not in block.get_text()
    aside = languages.html("/articles/raw-targets/").select_one(".prose aside")
    assert aside.find("strong").get_text() == "A pull quote"
    assert aside.find("a")["href"] == "/articles/arabi/#خطوات-مهمة"
    assert aside.get("markdown") is None


def test_a_broken_unicode_anchor_names_the_nearest_id(tmp_path: Path) -> None:
    site = SiteFixture(tmp_path / "site")
    site.write("content/articles/deutsch.md", PAGES["deutsch"].replace("#was-bedeutet-übernahme", "#was-bedeutet"))
    with pytest.raises(ContentError) as caught:
        site.build()
    assert [problem.format() for problem in caught.value.problems] == [
        "content/articles/deutsch.md:11: link: broken link '#was-bedeutet': anchor #was-bedeutet does not exist "
        "on /articles/deutsch/ (did you mean 'was-bedeutet-übernahme'?)"
    ]


def test_python_markdown_ids_for_sites_from_mkdocs(tmp_path: Path) -> None:
    site = SiteFixture(tmp_path / "site")
    site.write("content/site.yaml", site.read("content/site.yaml") + "heading_ids: python-markdown\n")
    body = "## Skills & Tools\n\nA [link](#skills-tools).\n\n## Costs\n\nOne.\n\n## Costs\n\nTwo.\n"
    site.write("content/articles/mkdocs.md", _article("From MkDocs", None, body))
    site.build(strict=True)
    assert _ids(site.html("/articles/mkdocs/")) == ["skills-tools", "costs", "costs_1"]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("pt-br", None),
        (
            "english!",
            "'english!' is not a language tag: write a BCP 47 tag such as 'en', 'de', 'pt-BR', 'zh-Hans' or 'ar'",
        ),
    ],
)
def test_language_must_be_a_bcp47_tag(tmp_path: Path, written: str, message: str | None) -> None:
    site = SiteFixture(tmp_path / "site")
    site.write("content/articles/tagged.md", _article("Tagged", written, "Text.\n"))
    if message is None:
        site.build(strict=True)
        assert site.html("/articles/tagged/").html["lang"] == "pt-BR"
        return
    with pytest.raises(ContentError) as caught:
        site.build()
    assert [problem.format() for problem in caught.value.problems] == [
        f"content/articles/tagged.md:6: language: {message}"
    ]
