"""Every internal link and #anchor of a built site resolves (checked independently of the build's own checker)."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, SiteFixture
from guidegen.checks.links import PageLinks, scan
from guidegen.commands.build import build
from guidegen.content.site import Project
from guidegen.errors import ContentError
from guidegen.incremental.cache import BuildCache, OutputState
from guidegen.incremental.plan import pages_to_check
from guidegen.render.theme import THEME


def broken_links(out: Path, base: str = "https://example.test/") -> list[str]:
    """Resolve every href/src of every page against the files and ids on disk."""
    prefix = urlsplit(base).path
    ids: dict[Path, set[str]] = {}
    pages = sorted(out.rglob("*.html"))
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        ids[page] = {tag["id"] for tag in soup.find_all(id=True)}
    broken = []
    for page in pages:
        relative = page.relative_to(out).as_posix()
        page_url = base + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link", "img", "script"]):
            href = tag.get("href") or tag.get("src")
            if not href or href.startswith(("mailto:", "data:")):
                continue
            absolute = urljoin(page_url, href)
            if not absolute.startswith(base):
                if absolute.startswith(base.split("/")[0] + "//" + urlsplit(base).netloc):
                    broken.append(f"{relative}: {href} leaves the base path")
                continue
            parts = urlsplit(absolute)
            path = unquote(parts.path)[len(prefix) :]
            target = out / path / "index.html" if path.endswith("/") or not path else out / path
            if not target.is_file():
                broken.append(f"{relative}: {href}")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids[target]:
                broken.append(f"{relative}: {href} (no such anchor)")
    return broken


def test_fixture_site_has_no_broken_links(site: SiteFixture) -> None:
    site.build()
    assert broken_links(site.out) == []


def test_shipped_site_builds_strict_with_no_broken_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795737600")  # 2026-11-27: the figures' age is fixed
    out = tmp_path / "public"
    report = build(Project(root=REPO, out=out), strict=True)
    # the shipped figures are declared unsourced: the pages say so, and a build publishes them quietly
    assert report.warnings == ()
    assert (out / "guides/mlops-ai-engineering/index.html").is_file()
    assert broken_links(out, "https://example.org/") == []


def test_broken_markdown_link_fails_the_build_with_file_and_line(site: SiteFixture) -> None:
    guide = site.read("content/guides/data-engineering.md")
    site.write("content/guides/data-engineering.md", guide.replace("](#why-now)", "](#why-nwo)"))
    result = site.cli("build")
    assert result.returncode == 1
    assert (
        "content/guides/data-engineering.md:33: link: broken link '#why-nwo': "
        "anchor #why-nwo does not exist on /guides/data-engineering/ (did you mean 'why-now'?)"
    ) in result.stderr
    assert not site.out.exists()


def test_link_to_missing_page_is_reported(site: SiteFixture) -> None:
    career = site.read("content/careers/data-engineer.md")
    site.write(
        "content/careers/data-engineer.md", career.replace("/guides/data-engineering/", "/guides/data-engineer/")
    )
    result = site.cli("build")
    assert result.returncode == 1
    assert (
        "content/careers/data-engineer.md:10: link: broken link '/guides/data-engineer/': page does not exist"
        in result.stderr
    )


def test_a_page_scan_finds_ids_and_links_as_a_browser_reads_them() -> None:
    page = (
        '<h2 ID="Zürich-fees">Fees</h2><p data-id="not-an-id" class=x id=plain>said id = "no"</p>'
        "<a NAME='old-anchor'></a><A HREF=\"/programs/z%C3%BCrich/?a=1&amp;b=2\">Z</a>"
        '<IMG alt="" SRC="/img/Ärger.png"><link rel="stylesheet" href=\'/css/site.css\'>'
        '<a href="/programs/z%C3%BCrich/?a=1&amp;b=2">twice</a><div class="hidden" id="">empty</div>'
    )
    found = scan(page)
    assert found == scan(page.encode("utf-8"))
    # said id = "no" is text, but an attribute-like "id =" after a space counts, as it always has
    assert found.ids == frozenset({"Zürich-fees", "plain", "no", "old-anchor", ""})
    assert found.links == ("/programs/z%C3%BCrich/?a=1&b=2", "/img/Ärger.png", "/css/site.css")
    assert found.images == frozenset({"/img/Ärger.png"})
    assert scan('id="at-the-start"').ids == frozenset()


def test_an_anchor_name_counts_only_as_an_a_tags_first_name_attribute() -> None:
    page = (
        '<meta name="description" content="x"><a class="x" data-name="no" name="first" name="second">A</a>'
        '<abbr name="abbr">B</abbr><a title="1 > 2" name="after-a-bracket">C</a><a\nname=bare>D</a>'
        "<p>name = 'text'</p>"
    )
    assert scan(page).ids == frozenset({"first", "bare"})


def _edit_base(site: SiteFixture, footer: str) -> None:
    base = (THEME / "templates/base.html").read_text(encoding="utf-8")
    assert '<footer class="site-footer"' in base
    site.write("templates/base.html", base.replace('<footer class="site-footer"', footer, 1))


def test_a_template_edit_checks_only_the_pages_whose_links_it_changed(
    site: SiteFixture, caplog: pytest.LogCaptureFixture
) -> None:
    site.build()
    _edit_base(site, '<footer data-edit="1" class="site-footer"')
    with caplog.at_level(logging.INFO, logger="guidegen"):
        report = site.build()
    shown = [page for page in site.out.rglob("*.html") if 'data-edit="1"' in page.read_text(encoding="utf-8")]
    assert report.rendered == len(shown) > 10  # every page with the footer was rendered again
    assert "checked the links of 0 pages" in caplog.text  # and no link changed on any of them

    _edit_base(site, '<footer class="site-footer"><a href="/nowhere/">Gone</a>')
    with pytest.raises(ContentError) as failed:
        site.build()
    broken = [problem for problem in failed.value.problems if "broken link '/nowhere/'" in problem.message]
    assert len(broken) == len(shown)  # each page that shows it was checked


def test_a_template_edit_that_drops_an_id_checks_every_page_again(site: SiteFixture) -> None:
    site.build()
    base = (THEME / "templates/base.html").read_text(encoding="utf-8")
    assert '<main id="main"' in base
    # the skip link (href="#main") is on every page and did not change: the id it needs did
    site.write("templates/base.html", base.replace('<main id="main"', "<main", 1))
    with pytest.raises(ContentError) as failed:
        site.build()
    assert any("broken link '#main'" in problem.message for problem in failed.value.problems)


def test_links_are_checked_again_when_the_base_url_changes() -> None:
    links = PageLinks(frozenset({"top"}), ("/x/",))
    state = OutputState("public", "token", {"x/index.html": b"old"}, base_url="https://example.org/")
    scans = {b"old": links, b"new": links}
    wanted = {"x/index.html": b"new"}
    changed = {"x/index.html": "/x/"}
    assert pages_to_check(wanted, changed, state, scans, "https://example.org/") == set()
    assert pages_to_check(wanted, changed, state, scans, "https://example.org/sub/") is None
    moved = {b"old": links, b"new": PageLinks(frozenset({"top"}), ("/y/",))}
    assert pages_to_check(wanted, changed, state, moved, "https://example.org/") == {"/x/"}


def test_the_cache_keeps_one_set_of_ids_for_the_pages_that_have_the_same(site: SiteFixture) -> None:
    site.build()
    scans = [links for links in BuildCache.load(site.project).state.scans.values() if links is not None]
    assert len({links.ids for links in scans}) < len(scans)  # the program pages have the same ids
    assert len({id(links.ids) for links in scans}) == len({links.ids for links in scans})
    assert len({id(links.images) for links in scans if not links.images}) == 1
