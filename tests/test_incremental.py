"""Incremental builds: after any sequence of edits, adds and deletes, the output equals a clean build's."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SiteFixture, tree_snapshot
from guidegen.commands.build import build
from guidegen.content.site import Project
from guidegen.errors import ContentError, Problem
from guidegen.incremental import parallel
from guidegen.incremental.cache import BuildCache
from guidegen.render.output import MARKER
from guidegen.render.theme import THEME

ARTICLE = """\
---
title: Article {number}
date: 2026-0{month}-1{day}
summary: Summary of article {number}.
tags: [t{number}]
---

## Section {number}

Text of article {number}. See the [catalog](/programs/) and [this section](#section-{number}).
"""

PROGRAM = """\
- id: prog-{number}
  institution: Institute {number}
  name: Program {number}
  type: Certificate
  format: Online
  location: {{city: Lyon, country: France}}
  cost: {{amount: {cost}, currency: EUR}}
  tags: [{tag}]
"""

GUIDE = "content/guides/data-engineering.md"
CAREER = "content/careers/data-engineer.md"

OPERATIONS = (
    "edit article body",
    "edit article title",
    "add article",
    "delete article",
    "link to a missing page",
    "add program",
    "edit program",
    "delete program",
    "edit salary table",
    "edit base template",
    "edit program template",
    "edit site title",
    "edit site nav",
    "edit guide title",
    "edit guide body",
    "edit guide listing tags",
    "edit career",
    "edit partial template",
    "edit stylesheet",
    "add static file",
    "delete static file",
    "drop a template override",
    "override a theme template",
    "drop a static override",
)


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(folder.glob(pattern))


def _apply(site: SiteFixture, operation: str, number: int) -> None:
    """One editor's action on the project; number picks the target and the new text."""
    articles = _files(site.root / "content/articles", "*.md")
    programs = _files(site.root / "content/programs", "extra-*.yaml")
    statics = _files(site.root / "static", "extra-*.txt")
    if operation == "edit article body" and articles:
        path = articles[number % len(articles)]
        path.write_text(path.read_text() + f"\nMore text {number}, and [the guides](/guides/).\n")
    elif operation == "edit article title" and articles:
        path = articles[number % len(articles)]
        text = path.read_text()
        title = text.splitlines()[1]
        path.write_text(text.replace(title, f"title: Retitled {number}", 1))
    elif operation == "add article":
        month, day = number % 9 + 1, number % 10
        site.write(f"content/articles/note-{number}.md", ARTICLE.format(number=number, month=month, day=day))
    elif operation == "delete article" and len(articles) > 1:
        articles[number % len(articles)].unlink()
    elif operation == "link to a missing page" and articles:
        path = articles[number % len(articles)]
        path.write_text(path.read_text() + f"\nA [dead end](/articles/missing-{number}/).\n")
    elif operation == "add program":
        tag = ("data-engineering", "databases", "business")[number % 3]
        site.write(f"content/programs/extra-{number}.yaml", PROGRAM.format(number=number, cost=1000 + number, tag=tag))
    elif operation == "edit program" and programs:
        path = programs[number % len(programs)]
        path.write_text(path.read_text().replace("amount: ", f"amount: {number}", 1))
    elif operation == "delete program" and programs:
        programs[number % len(programs)].unlink()
    elif operation == "edit salary table":
        text = site.read("content/salaries/data.yaml")
        site.write("content/salaries/data.yaml", text.replace("base: [95000", f"base: [{90000 + number % 5000}", 1))
    elif operation == "edit base template" and (site.root / "templates/base.html").exists():
        text = site.read("templates/base.html")
        site.write(
            "templates/base.html",
            text.replace('<footer class="site-footer"', f'<footer data-v="{number}" class="site-footer"', 1),
        )
    elif operation == "edit program template" and (site.root / "templates/program.html").exists():
        text = site.read("templates/program.html")
        site.write(
            "templates/program.html", text.replace("Back to the program catalog", f"Back to the catalog ({number})")
        )
    elif operation == "edit site title":
        text = site.read("content/site.yaml")
        site.write("content/site.yaml", text.replace(text.splitlines()[0], f"title: Test Careers {number}", 1))
    elif operation == "edit site nav":
        text = site.read("content/site.yaml")
        site.write("content/site.yaml", text.replace("{title: Programs,", f"{{title: Programs {number},", 1))
    elif operation == "edit guide title":
        text = site.read(GUIDE)
        site.write(GUIDE, text.replace(text.splitlines()[1], f"title: Data Engineering {number}", 1))
    elif operation == "edit guide body":
        site.write(GUIDE, site.read(GUIDE) + f"\nA note {number}, and [the programs](/programs/).\n")
    elif operation == "edit guide listing tags":
        tags = ("[data-engineering, databases]", "[databases]", "[business, data-engineering]")[number % 3]
        site.write(GUIDE, re.sub(r"  tags: \[[^\]]*\]", f"  tags: {tags}", site.read(GUIDE), count=1))
    elif operation == "edit career":
        text = site.read(CAREER)
        site.write(CAREER, text.replace(text.splitlines()[2], f"summary: Builds data pipelines ({number}).", 1))
    elif operation == "edit partial template" and (partials := _files(site.root / "templates/partials", "*.html")):
        path = partials[number % len(partials)]
        path.write_text(_marked(path.read_text(), number))
    elif operation == "edit stylesheet" and (site.root / "static/css/site.css").exists():
        path = site.root / "static/css/site.css"
        path.write_text(path.read_text() + f"\n/* {number} */\n")
    # the site's templates/ and static/ over the theme's: a file the site drops is the theme's again
    elif operation == "drop a template override" and (overrides := _overrides(site.root / "templates", ".html")):
        overrides[number % len(overrides)].unlink()
    elif operation == "override a theme template" and (missing := _not_overridden(site.root / "templates")):
        name = missing[number % len(missing)]
        site.write(f"templates/{name}", _marked((THEME / "templates" / name).read_text(), number))
    elif operation == "drop a static override" and (overrides := _overrides(site.root / "static", ".css")):
        overrides[number % len(overrides)].unlink()
    elif operation == "add static file":
        site.write(f"static/extra-{number}.txt", f"file {number}\n")
    elif operation == "delete static file" and statics:
        statics[number % len(statics)].unlink()


def _marked(template: str, number: int) -> str:
    """A template with a visible change: inside its first macro when it defines one, so callers change."""
    lines = template.splitlines(keepends=True)
    at = next((index + 1 for index, line in enumerate(lines) if line.startswith("{% macro")), len(lines))
    lines.insert(at, f'<span hidden data-edit="{number}"></span>\n')
    return "".join(lines)


def _overrides(folder: Path, suffix: str) -> list[Path]:
    """The site's files that replace a theme file of the same name."""
    theme = THEME / folder.name
    return [path for path in sorted(folder.rglob(f"*{suffix}")) if (theme / path.relative_to(folder)).is_file()]


def _not_overridden(folder: Path) -> list[str]:
    """Theme templates the site has no file for (a dropped override), by name."""
    theme = THEME / "templates"
    return [
        str(path.relative_to(theme))
        for path in sorted(theme.rglob("*.html"))
        if not (folder / path.relative_to(theme)).exists()
    ]


def _clean_build(site: SiteFixture, scratch: Path) -> tuple[dict[str, bytes] | None, list[Problem] | None]:
    """Build a copy of the project from nothing: the output, or the problems that stopped it."""
    if scratch.exists():
        shutil.rmtree(scratch)
    for folder in ("content", "templates", "static"):
        if (site.root / folder).exists():
            shutil.copytree(site.root / folder, scratch / folder)
    project = Project(root=scratch, out=scratch / "public", search=site.project.search)
    try:
        build(project, incremental=False)
    except ContentError as exc:
        return None, exc.problems
    return _output(project.out), None


def _incremental_build(site: SiteFixture) -> tuple[dict[str, bytes] | None, list[Problem] | None]:
    before = _output(site.out) if site.out.exists() else None
    try:
        build(site.project)
    except ContentError as exc:
        # a failed build leaves the previous output as it was
        assert (_output(site.out) if site.out.exists() else None) == before
        return None, exc.problems
    return _output(site.out), None


def _served_build(site: SiteFixture, cache: BuildCache) -> tuple[dict[str, bytes] | None, list[Problem] | None]:
    """A rebuild inside `guidegen serve`: one cache, kept in memory from build to build."""
    try:
        build(site.project, cache=cache)
    except ContentError as exc:
        return None, exc.problems
    finally:
        cache.save()
    return _output(site.out), None


def _output(folder: Path) -> dict[str, bytes]:
    files = tree_snapshot(folder)
    del files[MARKER]  # carries the token of the build that wrote it
    return files


@settings(
    max_examples=14,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 10_000)), min_size=1, max_size=5))
def test_incremental_output_equals_a_clean_build(steps: list[tuple[str, int]]) -> None:
    with tempfile.TemporaryDirectory() as temp:
        site = SiteFixture(Path(temp) / "site", theme_copied=True, search=True)
        scratch = Path(temp) / "clean"
        assert _incremental_build(site) == _clean_build(site, scratch)
        for operation, number in steps:
            _apply(site, operation, number)
            assert _incremental_build(site) == _clean_build(site, scratch), (operation, number)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 10_000)), min_size=1, max_size=6))
def test_a_server_s_rebuilds_equal_a_clean_build(steps: list[tuple[str, int]]) -> None:
    """What the dev server remembers between builds (texts, parses, pages, keys) never shows in its output."""
    with tempfile.TemporaryDirectory() as temp:
        # without search: the index is built as in the test above (each build here indexes before it returns),
        # and three quarters of a build of this small site is waiting for it
        site = SiteFixture(Path(temp) / "site", theme_copied=True)
        scratch = Path(temp) / "clean"
        an_hour_ago = time.time() - 3600
        for path in site.root.rglob("*"):  # old enough that the server trusts their stat
            os.utime(path, (an_hour_ago, an_hour_ago), follow_symlinks=False)
        cache = BuildCache.load(site.project)
        cache.keep_between_builds()
        assert _served_build(site, cache) == _clean_build(site, scratch)
        for operation, number in steps:
            _apply(site, operation, number)
            assert _served_build(site, cache) == _clean_build(site, scratch), (operation, number)


def test_a_server_remembers_folder_listings_with_their_problems_until_the_folder_changes(site: SiteFixture) -> None:
    """The server lists a content folder again only when its stat changes; what the listing found wrong
    (a file name that is no slug, a stray folder) is reported by every build meanwhile."""
    site.write("content/articles/Bad Name.md", ARTICLE.format(number=7, month=2, day=3))
    (site.root / "content/articles/drafts-folder").mkdir()
    an_hour_ago = time.time() - 3600
    for path in site.root.rglob("*"):  # old enough that the server trusts their stat
        os.utime(path, (an_hour_ago, an_hour_ago), follow_symlinks=False)
    cache = BuildCache.load(site.project)
    cache.keep_between_builds()
    bad_name = "file name 'Bad Name' is not a valid slug: use lowercase letters, digits and hyphens"
    stray = "ignored: a folder (content/articles/ holds .md or .markdown files, not folders)"

    def messages() -> list[str]:
        problems = _served_build(site, cache)[1]
        assert problems is not None, "the bad file name must fail the build"
        return sorted(problem.message for problem in problems)

    first = messages()
    assert bad_name in first
    assert stray in first
    assert messages() == first  # the remembered listing, with its problems
    article = next(path for path in (site.root / "content/articles").glob("*.md") if path.name != "Bad Name.md")
    article.write_text(article.read_text(encoding="utf-8") + "\nEdited in place.\n", encoding="utf-8")
    assert messages() == first  # a file edited in place leaves its folder's stat alone

    (site.root / "content/articles/Bad Name.md").unlink()
    output, problems = _served_build(site, cache)
    assert problems is None
    assert output is not None
    assert "Edited in place." in output[f"articles/{article.stem}/index.html"].decode()


def test_an_unchanged_project_renders_nothing_and_an_edit_renders_only_its_pages(site: SiteFixture) -> None:
    first = site.build()
    assert first.rendered == first.pages
    again = site.build()
    assert (again.rendered, again.files_written) == (0, 0)

    article = site.read("content/articles/choosing-a-data-program.md")
    site.write("content/articles/choosing-a-data-program.md", article.replace("Look at the", "Compare the"))
    edited = site.build()
    # only the article: lists (home, article index, feed) show its title, summary and dates, not its body
    assert edited.rendered == 1
    assert "Compare the" in site.html("/articles/choosing-a-data-program/").get_text()

    site.write("content/articles/choosing-a-data-program.md", article.replace("title: Choosing", "title: Picking"))
    retitled = site.build()
    # the article and the lists showing its title: home, article index, feed; not the sitemap (same dates)
    assert retitled.rendered == 4
    assert [a.get_text() for a in site.html("/articles/").select(".article-list a")] == ["Picking a Data Program"]


def test_pages_rendered_by_worker_processes_equal_those_rendered_in_process(
    site: SiteFixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.build()
    in_process = _output(site.out)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    out = tmp_path / "forked"
    report = build(Project(root=site.root, out=out, search=site.project.search), incremental=False)
    assert report.rendered == report.pages
    assert _output(out) == in_process


def test_workers_make_the_files_made_from_the_whole_site_before_the_other_pages(
    site: SiteFixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "CHUNK_PAGES", 6)
    monkeypatch.setattr(parallel, "_usable_cores", lambda: 2)
    out = tmp_path / "forked"
    report = build(Project(root=site.root, out=out, search=False), incremental=False)
    pages = [path.stat().st_mtime_ns for path in out.rglob("*") if path.is_file()]
    assert report.pages > 3 * 6
    # the plan's last chunk (its data files and sitemap: the largest pages) is the first a worker takes;
    # the other worker takes the plan's first chunk meanwhile
    assert parallel._chunks(20) == [range(14, 20), range(2), range(2, 8), range(8, 14)]
    for last in ("sitemap.xml", "data/programs.json", "data/programs-text.json"):
        written = (out / last).stat().st_mtime_ns
        assert sum(1 for page in pages if page < written) < 2 * 6, last


def test_the_cache_keeps_one_file_per_shard_of_parsed_sources_and_drops_stale_ones(site: SiteFixture) -> None:
    cache_folder = site.root / ".guidegen-cache"
    site.build()
    (cache_folder / "parsed-articles.pickle").write_bytes(b"left by an earlier version")
    article = next((site.root / "content/articles").glob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    site.build()
    shards = sorted(path.name for path in cache_folder.glob("parsed-*.pickle"))
    assert "parsed-articles.pickle" not in shards
    assert "parsed-site.pickle" in shards
    assert any(name.startswith("parsed-articles-") for name in shards)
    # a third build reads the sources back from those shards and parses nothing again
    article.write_text(article.read_text(encoding="utf-8") + "\nEdited again.\n", encoding="utf-8")
    cache = BuildCache.load(site.project)
    build(site.project, cache=cache)
    assert cache.parsed_fresh == 1
