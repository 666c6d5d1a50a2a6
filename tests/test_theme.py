"""The default theme in the package, and a site's own templates/ and static/ over it, file by file."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SiteFixture
from guidegen.incremental import uptodate
from guidegen.render.theme import THEME, theme_folders


@pytest.fixture
def bare(tmp_path: Path) -> SiteFixture:
    """A site of content/ only: templates and static files all come from the theme."""
    site = SiteFixture(tmp_path / "site")
    assert not (site.root / "templates").exists()
    assert not (site.root / "static").exists()
    return site


def test_a_site_of_content_only_builds_with_the_theme(bare: SiteFixture) -> None:
    report = bare.build(strict=True)
    assert report.warnings == ()
    stylesheets = [link["href"] for link in bare.html("/guides/data-engineering/").select("link[rel=stylesheet]")]
    assert "/css/site.css" in stylesheets
    assert (bare.out / "css/site.css").read_bytes() == (THEME / "static/css/site.css").read_bytes()
    assert bare.html("/").select_one("a.brand").get_text(strip=True) == "Test Careers"


def test_an_override_of_base_html_takes_effect_and_its_removal_restores_the_theme(bare: SiteFixture) -> None:
    bare.build()
    theme_base = (THEME / "templates/base.html").read_text(encoding="utf-8")
    bare.write("templates/base.html", theme_base.replace("<main ", '<p class="own-banner">Our own layout</p>\n<main '))
    report = bare.build()
    assert report.rendered >= 10  # every HTML page extends base.html
    for path in ("/", "/guides/data-engineering/", "/articles/choosing-a-data-program/", "/programs/"):
        assert bare.html(path).select_one("p.own-banner").get_text() == "Our own layout"
    # only base.html is the site's: the article layout still comes from the theme
    assert bare.html("/articles/choosing-a-data-program/").select_one("article.article h1").get_text() == (
        "Choosing a Data Program"
    )
    bare.remove("templates/base.html")
    bare.build()
    assert bare.html("/").select_one("p.own-banner") is None


def test_a_static_file_of_the_site_replaces_the_themes(bare: SiteFixture) -> None:
    bare.build()
    bare.write("static/css/site.css", "body { color: #123; }\n")
    bare.build()
    assert (bare.out / "css/site.css").read_text(encoding="utf-8") == "body { color: #123; }\n"
    assert (bare.out / "css/catalog.css").read_bytes() == (THEME / "static/css/catalog.css").read_bytes()
    bare.remove("static/css/site.css")
    bare.build()
    assert (bare.out / "css/site.css").read_bytes() == (THEME / "static/css/site.css").read_bytes()


def test_check_reports_a_block_or_macro_the_theme_does_not_have(bare: SiteFixture) -> None:
    bare.write(
        "templates/article.html",
        '{% extends "base.html" %}\n'
        '{% from "partials/provenance.html" import provenance, source_line %}\n'
        '{% import "partials/pagination.html" as pages %}\n'
        "{% block main %}<p>{{ page.title }}</p>{{ pages.pager(none) if false }}{% endblock %}\n"
        "{% block sidebar %}<aside>More</aside>{% endblock %}\n",
    )
    result = bare.cli("check")
    assert result.returncode == 1
    # (check also lists the figure the test guide declares unsourced)
    assert [line for line in result.stderr.splitlines() if "unsourced" not in line] == [
        "templates/article.html:2: macro 'source_line' is not defined in 'partials/provenance.html'"
        " (the template it comes from may have renamed or removed it)",
        "templates/article.html:4: macro 'pager' is not defined in 'partials/pagination.html'"
        " (the template it comes from may have renamed or removed it)",
        "templates/article.html:5: block 'sidebar' is not in 'base.html' or the templates it extends"
        " (its content would never be shown; rename the block to one the parent has)",
        "guidegen: 3 errors; nothing was written",
    ]


def test_an_override_including_a_missing_partial_names_the_sites_file(bare: SiteFixture) -> None:
    bare.write(
        "templates/article.html",
        '{% extends "base.html" %}\n{% block main %}{% include "partials/byline.html" %}{% endblock %}\n',
    )
    result = bare.cli("build")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "templates/article.html:2: template 'partials/byline.html' does not exist"


def test_the_up_to_date_check_sees_the_theme_files(bare: SiteFixture) -> None:
    folders = theme_folders(bare.root)
    assert folders == [THEME / "templates", THEME / "static"]
    files = uptodate.snapshot(bare.root).files
    assert f"{THEME / 'templates'}/base.html" in files
    assert f"{THEME / 'static'}/css/site.css" in files


def test_the_repository_is_its_own_theme_and_has_one_layer() -> None:
    from conftest import REPO

    assert theme_folders(REPO) == []


def test_the_stable_contract_names_blocks_and_macros_the_theme_has() -> None:
    import jinja2

    from guidegen.render.template_interface import interface
    from guidegen.render.theme import STABLE

    env = jinja2.Environment()
    for name, offered in STABLE.items():
        found = interface(env.parse((THEME / "templates" / name).read_text(encoding="utf-8")))
        names = found.blocks | found.exports
        parent = found.extends  # a block the template's layout has is the template's to fill, too
        while parent is not None:
            layout = interface(env.parse((THEME / "templates" / parent).read_text(encoding="utf-8")))
            names |= layout.blocks
            parent = layout.extends
        for item in offered:
            assert item in names, f"{name} has no block or macro '{item}'"
