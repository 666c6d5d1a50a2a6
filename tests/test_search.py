"""Site search at build time: the records, the index in the output, the header box, and turning it off."""

from __future__ import annotations

import gzip
import json
import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import SiteFixture, indexed_text, tree_snapshot
from guidegen.commands import build as build_command
from guidegen.errors import BuildError
from guidegen.render.output import Output
from guidegen.search.pagefind_cli import Record
from guidegen.search.records import markdown_text, program_text, search_records
from guidegen.structure.contexts import ProgramPage

UNIQUE_ARTICLE = """\
---
title: Negotiating an Offer
date: 2026-10-02
summary: What to ask for once an offer arrives.
tags: [salary]
---

## Before the call

Write down the **zanzibarite** figure you would accept, and [read the guide](/guides/data-engineering/).

| Item | Ask |
|---|---|
| Base | Market rate |
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SiteFixture:
    site = SiteFixture(tmp_path_factory.mktemp("search") / "site", search=True)
    site.write("content/articles/negotiating-an-offer.md", UNIQUE_ARTICLE)
    site.build(strict=True)
    return site


def _cli(site: SiteFixture, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "guidegen", *args, "--root", str(site.root)],
        capture_output=True,
        text=True,
        check=False,
        cwd=site.root,
        env={**os.environ, **(env or {})},
    )


def test_every_page_has_a_plain_get_search_box(built: SiteFixture) -> None:
    for path in ("/", "/guides/data-engineering/", "/programs/", "/articles/negotiating-an-offer/", "/search/"):
        form = built.html(path).select_one("header form[role=search]")
        assert form is not None, path
        assert (form["action"], form["method"]) == ("/search/", "get")
        field = form.select_one("input[type=search]")
        assert field is not None
        assert field["name"] == "q"
        label = built.html(path).select_one(f"label[for={field['id']}]")
        assert label is not None
        assert label.get_text(strip=True) == "Search the site"


def test_the_search_page_works_without_javascript_by_linking_the_indexes(built: SiteFixture) -> None:
    page = built.html("/search/")
    note = page.select_one("main noscript")
    assert note is not None
    assert "Search needs JavaScript" in note.get_text()
    links = [a["href"] for a in note.find_all("a")]
    assert links == ["/guides/", "/careers/", "/articles/", "/programs/"]
    assert page.select_one("[data-search]")["data-bundle"] == "/pagefind/"
    assert page.select_one("meta[name=robots]")["content"] == "noindex"
    sitemap = (built.out / "sitemap.xml").read_text(encoding="utf-8")
    assert "/search/" not in sitemap


def test_the_index_is_in_the_output_with_one_record_per_searchable_page(built: SiteFixture) -> None:
    entry = json.loads((built.out / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    # 1 guide, 1 career, 2 articles, 3 programs; all in one index, in the site's language
    assert {language: info["page_count"] for language, info in entry["languages"].items()} == {"en": 7}
    assert (built.out / "pagefind/pagefind.js").is_file()
    assert (built.out / "pagefind/pagefind-worker.js").is_file()
    assert not (built.out / "pagefind/pagefind-ui.js").exists()  # the site renders results itself
    assert list((built.out / "pagefind/fragment").iterdir())


def test_records_hold_what_the_page_is_about_not_the_navigation(built: SiteFixture) -> None:
    from guidegen.commands.build import load
    from guidegen.errors import Problems
    from guidegen.structure.planning import plan_pages

    loaded = load(built.project, Problems())
    assert loaded is not None
    records = {record.url: record for record in search_records(plan_pages(loaded[0]), "en")}
    assert sorted(records) == [
        "/articles/choosing-a-data-program/",
        "/articles/negotiating-an-offer/",
        "/careers/data-engineer/",
        "/guides/data-engineering/",
        "/programs/alpha-ms-data/",
        "/programs/beta-db-cert/",
        "/programs/gamma-mba/",
    ]
    article = records["/articles/negotiating-an-offer/"]
    assert article.content == (
        "Negotiating an Offer. What to ask for once an offer arrives. Before the call. "
        "Write down the zanzibarite figure you would accept, and read the guide. Item, Ask. Base, Market rate."
    )
    assert article.meta == {"title": "Negotiating an Offer", "kind": "Article"}
    assert article.filters == {"kind": ["Article"], "language": ["en"]}
    guide = records["/guides/data-engineering/"].content
    assert guide.startswith("Data Engineering. Data engineers build the pipelines that feed analytics.")
    assert "Data Engineer Salary: $120K–$190K." in guide
    assert "Program catalog" not in guide
    assert "Salary Calculator" not in records["/careers/data-engineer/"].content


def test_records_read_again_only_the_bodies_that_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every build makes every record; the words of a body an earlier build read come from the build cache."""
    from guidegen.search import records as made

    site = SiteFixture(tmp_path / "site", search=True)
    read: list[str] = []
    reading = made.markdown_text
    monkeypatch.setattr(made, "markdown_text", lambda body: read.append(body) or reading(body))

    site.build()
    first = indexed_text(site.out)
    assert len(read) == 4  # the guide's callout and body, the career's body, the article's
    read.clear()
    site.write("templates/base.html", site.read("templates/base.html") + "{# a comment #}\n")
    site.build()  # a build of its own, with the cache read from disk
    assert read == []
    site.write("content/articles/negotiating-an-offer.md", UNIQUE_ARTICLE)
    site.build()
    assert len(read) == 1
    assert "zanzibarite" in read[0]
    assert "zanzibarite" in indexed_text(site.out)
    assert first != indexed_text(site.out)

    # the words of a body no page has any more are not kept
    site.remove("content/articles/negotiating-an-offer.md")
    site.build()
    cache = site.root / ".guidegen-cache"
    kept = "".join(str(pickle.loads(path.read_bytes())) for path in cache.glob("words-*.pickle"))
    assert "zanzibarite" not in kept


def test_a_program_reads_as_a_sentence(built: SiteFixture) -> None:
    from guidegen.commands.build import load
    from guidegen.errors import Problems

    loaded = load(built.project, Problems())
    assert loaded is not None
    alpha = next(program for program in loaded[0].programs if program.id == "alpha-ms-data")
    assert program_text(alpha) == (
        "MS in Data Engineering at Alpha University. Master's, Online, in Boston, Massachusetts, United States. "
        "Topics: data engineering."
    )
    page = ProgramPage(
        path="/programs/alpha-ms-data/",
        template="program.html",
        title="t",
        description="d",
        program=alpha,
        listed_in=(),
    )
    (record,) = search_records([page], "en")
    assert record.filters["kind"] == ["Program"]


def test_markdown_becomes_sentences() -> None:
    source = "# Title {#t}\n\n- one\n- *two*\n\n```python\ncode here\n```\n\n> quoted `x`\n\n![alt text](/a.png)"
    assert markdown_text(source) == "Title. one. two. code here. quoted x. alt text."


def test_no_search_and_search_false_build_without_box_page_or_index(tmp_path: Path) -> None:
    site = SiteFixture(tmp_path / "site", search=True)
    assert _cli(site, "build", "--strict").returncode == 0
    assert (site.out / "pagefind").is_dir()
    done = _cli(site, "build", "--strict", "--no-search")
    assert done.returncode == 0, done.stderr
    assert not (site.out / "pagefind").exists()
    assert not (site.out / "search").exists()
    assert (site.out / "_headers").read_text().splitlines()[0] == "/*"
    assert "wasm-unsafe-eval" not in (site.out / "_headers").read_text()  # the site-wide rule alone
    assert site.html("/").select_one("header form[role=search]") is None
    assert _cli(site, "build", "--strict").returncode == 0  # and back: not "up to date"
    assert (site.out / "pagefind/pagefind-entry.json").is_file()
    assert site.html("/").select_one("header form[role=search]") is not None
    site.write("content/site.yaml", site.read("content/site.yaml") + "search: false\n")
    assert _cli(site, "build", "--strict").returncode == 0
    assert not (site.out / "pagefind").exists()
    assert site.html("/guides/data-engineering/").select_one("header form[role=search]") is None


def test_without_pagefind_the_build_warns_once_and_publishes_without_search(tmp_path: Path) -> None:
    site = SiteFixture(tmp_path / "site", search=True)
    done = _cli(site, "build", env={"PAGEFIND_BINARY_PATH": str(tmp_path / "missing")})
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"warning: building without site search: site search needs the Pagefind binary, and {tmp_path / 'missing'} "
        "is not a file; install it with: pip install 'guidegen[search]' (or set `search: false` in content/site.yaml)"
    ]
    assert not (site.out / "pagefind").exists()
    assert site.html("/").select_one("header form[role=search]") is None


def test_search_true_without_pagefind_is_an_error_naming_the_package(tmp_path: Path) -> None:
    site = SiteFixture(tmp_path / "site", search=True)
    site.write("content/site.yaml", site.read("content/site.yaml") + "search: true\n")
    done = _cli(site, "build", env={"PAGEFIND_BINARY_PATH": str(tmp_path / "missing")})
    assert done.returncode == 2
    assert done.stderr == (
        "guidegen: content/site.yaml: search: true, but site search needs the Pagefind binary, and "
        f"{tmp_path / 'missing'} is not a file; install it with: pip install 'guidegen[search]'\n"
    )


def test_a_failing_pagefind_fails_the_build_and_leaves_the_last_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = SiteFixture(tmp_path / "site", search=True)
    site.build()
    before = tree_snapshot(site.out)
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'index store corrupted' >&2\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    site.write(
        "content/articles/choosing-a-data-program.md",
        site.read("content/articles/choosing-a-data-program.md") + "\nMore.\n",
    )
    with pytest.raises(BuildError) as failed:
        site.build()
    assert str(failed.value) == (
        "Pagefind stopped while indexing (exit code 3): index store corrupted; "
        "reinstall it with: pip install --force-reinstall 'guidegen[search]'"
    )
    assert tree_snapshot(site.out) == before


def test_indexing_removes_the_work_folders_of_killed_builds_and_keeps_those_of_running_ones(tmp_path: Path) -> None:
    site = SiteFixture(tmp_path / "site", search=True)
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        folders = {
            "killed": finished.stdout.strip(),
            "running": str(running.pid),
            "no-owner": None,
            "discarded": "discarded",  # its owner is done with it: a server marks the folder of a stopped indexing
        }
        for name, owner in folders.items():
            folder = tmp_path / "site" / f".public.search-{name}"
            (folder / "pagefind").mkdir(parents=True)
            if owner is not None:
                (folder / "owner").write_text(owner, encoding="ascii")
        site.build()
        assert sorted(path.name for path in site.root.glob(".public.search-*")) == [
            ".public.search-no-owner",
            ".public.search-running",
        ]
    finally:
        running.kill()
        running.wait()


def test_an_unchanged_site_keeps_its_index_and_an_edit_replaces_it(tmp_path: Path) -> None:
    site = SiteFixture(tmp_path / "site", search=True)
    site.build()
    first = (site.out / "pagefind/pagefind-entry.json").read_bytes()
    site.write("content/articles/choosing-a-data-program.md", UNIQUE_ARTICLE.replace("Negotiating", "Weighing"))
    site.build()
    assert (site.out / "pagefind/pagefind-entry.json").read_bytes() != first
    fragments = list((site.out / "pagefind/fragment").iterdir())
    assert len(fragments) == 6  # one per record: the old article's fragment went with the old index


def test_a_build_with_the_records_of_the_live_index_keeps_it_and_never_starts_pagefind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = SiteFixture(tmp_path / "site", search=True)
    site.build()
    index = site.out / "pagefind"
    first = tree_snapshot(index)
    broken = tmp_path / "pagefind"  # from here on, a build that starts Pagefind fails
    broken.write_text("#!/bin/sh\necho 'started' >&2\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))

    # a template edit changes every page and no record: the build takes the live index as it is
    site.write("templates/base.html", site.read("templates/base.html") + "{# a comment #}\n")
    site.write("content/site.yaml", site.read("content/site.yaml").replace("{title: Guides,", "{title: All guides,"))
    report = site.build()
    assert report.rendered > 10
    assert tree_snapshot(index) == first
    assert (index / "pagefind-entry.json").stat().st_nlink == 2  # shared with the previous output: not rewritten

    # the next build starts from that previous output, whose index is the live one: it stays as it is
    linked: list[str] = []
    link = Output.link_unchanged
    monkeypatch.setattr(Output, "link_unchanged", lambda output, name: linked.append(name) or link(output, name))
    site.write("templates/base.html", site.read("templates/base.html") + "{# a second comment #}\n")
    site.build()
    assert linked  # the files this build did not write again
    assert not [name for name in linked if name.startswith("pagefind/")]
    assert tree_snapshot(index) == first

    # an index in the output that is not the one the build cache recorded is not taken for it
    (index / "pagefind-entry.json").unlink()
    (index / "pagefind-entry.json").write_text('{"version":"other","languages":{}}', encoding="utf-8")
    site.write("templates/base.html", site.read("templates/base.html") + "{# another #}\n")
    with pytest.raises(BuildError, match="started"):
        site.build()


def test_a_build_of_the_same_searchable_pages_makes_no_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = SiteFixture(tmp_path / "site", search=True)
    site.build()
    made: list[int] = []

    def counted(*args: object, **kwargs: object) -> Iterator[Record]:
        made.append(1)
        yield from search_records(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build_command, "search_records", counted)
    # a template and a nav edit re-render every page and leave every record as it was
    site.write("templates/base.html", site.read("templates/base.html") + "{# a comment #}\n")
    site.write("content/site.yaml", site.read("content/site.yaml").replace("{title: Guides,", "{title: All guides,"))
    first = tree_snapshot(site.out / "pagefind")
    assert site.build().rendered > 10
    assert made == []
    assert tree_snapshot(site.out / "pagefind") == first

    # an article's edit changes its record: the records are made, and the new words found
    page = "content/articles/choosing-a-data-program.md"
    site.write(page, site.read(page) + "\nA sentence about quokkaville.\n")
    site.build()
    assert made == [1]
    assert "quokkaville" in indexed_text(site.out)


def test_an_edited_record_starts_pagefind_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = SiteFixture(tmp_path / "site", search=True)
    site.build()
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'started' >&2\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    page = "content/articles/choosing-a-data-program.md"
    site.write(page, site.read(page) + "\nOne more sentence to find.\n")
    with pytest.raises(BuildError, match="started"):
        site.build()


def test_each_record_is_indexed_as_it_is_whatever_its_text_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from guidegen.search.pagefind_cli import Record, build_index

    records = [
        Record(
            "/articles/données/",
            'Salaries & <b>bonuses</b> "quoted", a < b > c.',
            "en",
            {"title": "Pay & <perks>", "kind": "Article"},
            {"kind": ["Article"], "language": ["fr"]},
            {},
        ),
        Record("/programs/x%41/", "MLOps at Zürich, online.", "en", {"title": "MLOps", "kind": "Program"}, {}, {}),
        Record("/careers/a.html", "Plain words.", "en", {"title": "A", "kind": "Career"}, {"kind": ["Career"]}, {}),
    ]
    monkeypatch.setenv("PAGEFIND_ROOT_SELECTOR", "nav")  # would index nothing of these pages
    build_index(records, tmp_path / "bundle")
    files = tree_snapshot(tmp_path / "bundle")
    fragments = [
        json.loads(gzip.decompress(content).removeprefix(b"pagefind_dcd"))
        for name, content in files.items()
        if name.startswith("fragment/")
    ]
    found = {fragment["url"]: fragment for fragment in fragments}
    assert set(found) == {record.url for record in records}
    for record in records:
        fragment = found[record.url]
        assert fragment["content"] == record.content
        assert fragment["meta"] == record.meta
        assert fragment["filters"] == record.filters
        assert fragment["anchors"] == []


def test_no_record_is_an_index_that_finds_nothing(tmp_path: Path) -> None:
    from guidegen.search.pagefind_cli import build_index

    build_index([], tmp_path / "bundle")
    files = tree_snapshot(tmp_path / "bundle")
    assert sorted(files) == ["pagefind-entry.json", "pagefind-worker.js", "pagefind.js", "wasm.unknown.pagefind"]
    assert json.loads(files["pagefind-entry.json"])["languages"] == {}


def test_a_record_pagefind_cannot_be_given_is_a_build_error_naming_it(tmp_path: Path) -> None:
    from guidegen.search.pagefind_cli import Record, build_index

    url = "/articles/" + "x" * 300 + "/"  # longer than a file name may be
    with pytest.raises(BuildError, match=f"cannot write the search record of {url} for Pagefind"):
        build_index([Record(url, "words", "en", {"title": "T"}, {}, {})], tmp_path / "bundle")


@pytest.mark.parametrize("url", ["articles/x/", "/a//b/", "/a/../b/", "/a/b.json"])
def test_a_record_url_that_is_no_site_page_path_is_refused(url: str) -> None:
    from guidegen.search.pagefind_cli import page_file

    with pytest.raises(ValueError, match="search record's URL"):
        page_file(url)


def test_the_index_is_the_same_bytes_whatever_pagefind_s_hash_seed(tmp_path: Path) -> None:
    from guidegen.search.pagefind_cli import Record, build_index
    from guidegen.search.stable import stable_index

    kinds = ["Guide", "Career", "Article", "Program"]
    records = [
        Record(
            f"/p/{i}/",
            f"page {i} about pipelines",
            "en",
            {"title": f"P{i}", "kind": kinds[i % 4]},
            {"kind": [kinds[i % 4]], "language": ["en"]},
            {},
        )
        for i in range(12)
    ]
    # Pagefind orders filters by a hash seeded per run: of four raw runs some differ; stable ones never do
    builds = []
    for run in range(4):
        bundle = tmp_path / f"bundle-{run}"
        build_index(records, bundle)
        stable_index(bundle)
        builds.append(tree_snapshot(bundle))
    assert all(files == builds[0] for files in builds)
    assert sum(1 for name in builds[0] if name.startswith("filter/")) == 2


def test_each_record_has_its_page_s_language_as_filter_and_the_search_page_offers_them(tmp_path: Path) -> None:
    site = SiteFixture(tmp_path / "site", search=True)
    german = UNIQUE_ARTICLE.replace("tags: [salary]", "tags: [salary]\nlanguage: de")
    site.write("content/articles/angebot.md", german.replace("Negotiating an Offer", "Ein Angebot verhandeln"))
    site.build()
    from guidegen.commands.build import load
    from guidegen.errors import Problems
    from guidegen.structure.planning import plan_pages

    loaded = load(site.project, Problems())
    assert loaded is not None
    records = {record.url: record for record in search_records(plan_pages(loaded[0]), "en")}
    assert records["/articles/angebot/"].filters == {"kind": ["Article"], "language": ["de"]}
    assert records["/articles/angebot/"].language == "en"  # one index: every language is found
    assert records["/articles/choosing-a-data-program/"].filters["language"] == ["en"]
    entry = json.loads((site.out / "pagefind/pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["en"]
    chips = site.html("/search/").select("[data-languages] input")
    assert [chip["value"] for chip in chips] == ["", "de", "en"]


def test_a_single_language_site_offers_no_language_chips(built: SiteFixture) -> None:
    assert built.html("/search/").select_one("[data-languages]") is None
