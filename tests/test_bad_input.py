"""Bad input: each case is the good test site with one fault, and its exact report.

For every fault, `guidegen build` must exit 1, print exactly the listed problems (file, line
where there is one, field, message and hint) and the summary line, and leave the previous
output byte for byte as it was, with no staging folder left behind. The messages are part of
guidegen's interface: a change to one of them is a change to this table.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from conftest import SiteFixture, tree_snapshot
from guidegen.cli import main

SITE = "content/site.yaml"
GUIDE = "content/guides/data-engineering.md"
CAREER = "content/careers/data-engineer.md"
ARTICLE = "content/articles/choosing-a-data-program.md"
SALARY = "content/salaries/data.yaml"
PROGRAMS = "content/programs/catalog.yaml"

Inject = Callable[[SiteFixture], None]


@dataclass(frozen=True)
class Fault:
    name: str
    inject: Inject
    report: tuple[str, ...]  # every line printed before the summary, in order
    strict: bool = False


def replace(name: str, old: str, new: str) -> Inject:
    """Replace the first `old` in a file of the good site; fails loudly if `old` is not there."""

    def inject(site: SiteFixture) -> None:
        text = site.read(name)
        assert old in text, f"{old!r} is not in {name}: the fault would not be injected"
        site.write(name, text.replace(old, new, 1))

    return inject


def write(name: str, text: str | bytes) -> Inject:
    return lambda site: site.write(name, text)


def copy(source: str, target: str) -> Inject:
    return lambda site: site.write(target, site.read(source))


def add_program_field(line: str) -> Inject:
    """Add a field to the first program of the catalog (it becomes line 10 of the file)."""
    return replace(PROGRAMS, "  tags: [data-engineering]\n", f"  tags: [data-engineering]\n{line}\n")


def alias_bomb(site: SiteFixture) -> None:
    """Seven lists, each of ten aliases to the one before: a..g expand to 11, 111, ..., 11,111,111
    values; with the root, its eight keys and `title: *g` that is 23,456,797 values written as 26 nodes
    (root, 8 keys, list a and its 10 scalars, lists b..g)."""
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"{n}: &{n} [{', '.join(['*' + p] * 10)}]" for p, n in zip("abcdef", "bcdefg", strict=True)]
    site.write(SALARY, "\n".join(levels) + "\ntitle: *g\n")


SCHEME = "(use an http(s) URL or a site path such as /guides/)"

FAULTS = [
    # YAML
    Fault(
        "yaml-syntax-error",
        replace(SALARY, "period: year", "period: year: monthly"),
        (
            "content/salaries/data.yaml:3: YAML syntax error at column 13: mapping values are not allowed in this context",
        ),
    ),
    Fault(
        "yaml-unclosed-flow-sequence",
        replace(SALARY, "base: [95000, 120000]", "base: [95000, 120000"),
        (
            "content/salaries/data.yaml:9: YAML syntax error at column 10: did not find expected ',' or ']'"
            " (while parsing a flow sequence that starts on line 8)",
        ),
    ),
    Fault(
        "yaml-tab-indentation",
        replace(SALARY, "    base: [95000, 120000]", "\tbase: [95000, 120000]"),
        (
            "content/salaries/data.yaml:8: YAML syntax error at column 1: a tab character is not allowed here"
            " (indent YAML with spaces, not tabs)",
        ),
    ),
    Fault(
        "yaml-duplicate-key",
        replace(SALARY, "period: year\n", "period: year\nperiod: month\n"),
        (
            "content/salaries/data.yaml:4: period: duplicate key 'period' (first defined on line 3)"
            " (YAML keeps only the last value; remove one of them)",
        ),
    ),
    Fault(
        "yaml-duplicate-key-nested",
        replace(PROGRAMS, "  duration_months: 18\n", "  duration_months: 18\n  duration_months: 12\n"),
        (
            "content/programs/catalog.yaml:8: [0].duration_months: duplicate key 'duration_months'"
            " (first defined on line 7) (YAML keeps only the last value; remove one of them)",
        ),
    ),
    Fault(
        "yaml-duplicate-key-in-front-matter",
        replace(GUIDE, "badge: Rising 2027\n", "badge: Rising 2027\nbadge: Hot Career Path\n"),
        (
            "content/guides/data-engineering.md:5: badge: duplicate key 'badge' (first defined on line 4)"
            " (YAML keeps only the last value; remove one of them)",
        ),
    ),
    Fault(
        "yaml-list-where-a-mapping-is-expected",
        write(SALARY, "- title: Data Engineer Salaries\n- currency: USD\n"),
        (
            "content/salaries/data.yaml:1: expected a mapping of fields, got a list"
            " (write the fields as `field: value` lines, without a leading '- ')",
        ),
    ),
    Fault(
        "yaml-scalar-where-a-program-is-expected",
        replace(PROGRAMS, "- id: gamma-mba\n", "- Gamma MBA\n- id: gamma-mba\n"),
        (
            'content/programs/catalog.yaml:17: [2]: expected a mapping of fields, got "Gamma MBA"'
            " (write each item as `- field: value` followed by its other fields, indented)",
        ),
    ),
    Fault(
        "yaml-empty-file",
        write(SALARY, ""),
        ("content/salaries/data.yaml:1: file is empty (add the fields this file needs, or delete it)",),
    ),
    Fault(
        "yaml-only-comments",
        write(SALARY, "# figures to come\n"),
        ("content/salaries/data.yaml:1: file is empty (add the fields this file needs, or delete it)",),
    ),
    Fault(
        "yaml-alias-bomb",
        alias_bomb,
        (
            "content/salaries/data.yaml:1: YAML aliases expand this file to 23,456,797 values (it is written with 26)"
            " (write the values out instead of repeating them through aliases (*name))",
        ),
    ),
    Fault(
        "front-matter-not-closed",
        replace(ARTICLE, "tags: [programs]\n---\n", "tags: [programs]\n\n"),
        (
            "content/articles/choosing-a-data-program.md:1: front matter is not closed"
            " (add a line '---' after the last front-matter field)",
        ),
    ),
    Fault(
        "front-matter-missing",
        write(ARTICLE, "# Choosing a Data Program\n\nLook at the catalog.\n"),
        (
            "content/articles/choosing-a-data-program.md:1: missing front matter"
            " (start the file with a line '---', the YAML fields, then another '---')",
        ),
    ),
    Fault(
        "front-matter-in-toml",
        write(ARTICLE, '+++\ntitle = "Choosing a Data Program"\n+++\nBody\n'),
        (
            "content/articles/choosing-a-data-program.md:1: front matter must be YAML between '---' lines,"
            " not TOML between '+++' (start the file with a line '---', the YAML fields, then another '---')",
        ),
    ),
    Fault(
        "front-matter-not-yaml",
        replace(ARTICLE, "tags: [programs]", "tags: [programs"),
        (
            "content/articles/choosing-a-data-program.md:5: YAML syntax error at the end: did not find expected ','"
            " or ']' (while parsing a flow sequence that starts on line 5)",
        ),
    ),
    Fault(
        "front-matter-is-prose",
        write(ARTICLE, "---\nChoosing a data program, by date\n---\nBody\n"),
        (
            "content/articles/choosing-a-data-program.md:2: expected a mapping of fields,"
            ' got "Choosing a data program, by date" (write the fields as `field: value` lines)',
        ),
    ),
    Fault(
        "front-matter-is-a-list",
        write(ARTICLE, "---\n- title: Choosing\n- date: 2026-09-15\n---\nBody\n"),
        (
            "content/articles/choosing-a-data-program.md:2: expected a mapping of fields, got a list"
            " (write the fields as `field: value` lines, without a leading '- ')",
        ),
    ),
    Fault(
        "front-matter-empty",
        write(ARTICLE, "---\n---\nBody\n"),
        (
            "content/articles/choosing-a-data-program.md:1: front matter is empty"
            " (add the required fields between the '---' lines)",
        ),
    ),
    Fault(
        "markdown-file-empty",
        write(ARTICLE, ""),
        (
            "content/articles/choosing-a-data-program.md:1: file is empty"
            " (start it with front matter between two '---' lines, or delete it)",
        ),
    ),
    # Types
    Fault(
        "missing-required-field",
        replace(ARTICLE, "summary: How to compare data programs.\n", ""),
        ("content/articles/choosing-a-data-program.md:2: summary: required field is missing",),
    ),
    Fault(
        "missing-nested-required-field",
        replace(
            PROGRAMS,
            "location: {city: Boston, region: Massachusetts, country: United States}",
            "location: {city: Boston}",
        ),
        ("content/programs/catalog.yaml:6: [0].location.country: required field is missing",),
    ),
    Fault(
        "wrong-type-number",
        replace(PROGRAMS, "amount: 42000", "amount: 42k"),
        ('content/programs/catalog.yaml:8: [0].cost.amount: expected a whole number, got "42k"',),
    ),
    Fault(
        "wrong-type-list",
        replace(PROGRAMS, "tags: [data-engineering]", "tags: data-engineering"),
        ('content/programs/catalog.yaml:9: [0].tags: expected a list, got "data-engineering"',),
    ),
    Fault(
        "wrong-type-boolean-for-text",
        replace(ARTICLE, "title: Choosing a Data Program", "title: yes"),
        ("content/articles/choosing-a-data-program.md:2: title: expected text, got true",),
    ),
    Fault(
        "unknown-field-under-strict",
        replace(ARTICLE, "tags:", "sumary: x\ntags:"),
        ("content/articles/choosing-a-data-program.md:5: sumary: unknown field (did you mean 'summary'?)",),
        strict=True,
    ),
    Fault(
        "misspelled-required-field",
        replace(PROGRAMS, "cost: {amount: 42000, currency: USD}", "cost: {ammount: 42000, currency: USD}"),
        (
            "content/programs/catalog.yaml:8: warning: [0].cost.ammount: unknown field (did you mean 'amount'?)",
            "content/programs/catalog.yaml:8: [0].cost.amount: required field is missing",
        ),
    ),
    Fault(
        "unknown-nested-field-under-strict",
        replace(GUIDE, "    as_of: 2026-06-01", "    as_off: 2026-06-01"),
        ("content/guides/data-engineering.md:10: stats[0].as_off: unknown field (did you mean 'as_of'?)",),
        strict=True,
    ),
    Fault(
        "date-not-iso",
        replace(GUIDE, "updated: 2026-10-01", "updated: October 2026"),
        ('content/guides/data-engineering.md:24: updated: expected a date as YYYY-MM-DD, got "October 2026"',),
    ),
    Fault(
        "date-not-on-the-calendar",
        replace(GUIDE, "updated: 2026-10-01", "updated: 2026-02-30"),
        (
            'content/guides/data-engineering.md:24: updated: "2026-02-30" is not a calendar date:'
            " day is out of range for month",
        ),
    ),
    Fault(
        "as-of-not-a-date-month-or-year",
        replace(SALARY, "as_of: 2026", "as_of: last year"),
        (
            "content/salaries/data.yaml:4: as_of: expected a date (YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY),"
            ' got "last year"',
        ),
    ),
    Fault(
        "negative-cost",
        replace(PROGRAMS, "amount: 42000", "amount: -42000"),
        ("content/programs/catalog.yaml:8: [0].cost.amount: must be at least 0, got -42000",),
    ),
    Fault(
        "salary-range-min-above-max",
        replace(SALARY, "base: [95000, 120000]", "base: [120000, 95000]"),
        (
            "content/salaries/data.yaml:8: levels[0].base: minimum 120,000 is greater than maximum 95,000"
            " (write the range as [min, max])",
        ),
    ),
    Fault(
        "salary-range-three-values",
        replace(SALARY, "range: [100000, 150000]", "range: [100000, 125000, 150000]"),
        ("content/salaries/data.yaml:15: locations[0].range: expected [min, max], got 3 values",),
    ),
    Fault(
        "duration-zero",
        replace(PROGRAMS, "duration_months: 18", "duration_months: 0"),
        ("content/programs/catalog.yaml:7: [0].duration_months: must be greater than 0, got 0",),
    ),
    Fault(
        "enum-wrong-case",
        replace(PROGRAMS, "format: Online", "format: online"),
        (
            "content/programs/catalog.yaml:5: [0].format: expected one of 'On-Campus', 'Online', 'Hybrid',"
            " got \"online\" (did you mean 'Online'?)",
        ),
    ),
    Fault(
        "enum-misspelled",
        replace(PROGRAMS, "type: Master's", "type: Masters"),
        (
            'content/programs/catalog.yaml:4: [0].type: expected one of "Bachelor\'s", "Master\'s",'
            " \"Master's in Teaching\", 'MBA', 'PhD', 'Certificate', got \"Masters\" (did you mean 'Master's'?)",
        ),
    ),
    Fault(
        "currency-not-iso",
        replace(PROGRAMS, "currency: USD}", "currency: dollars}"),
        (
            "content/programs/catalog.yaml:8: [0].cost.currency: expected a three-letter ISO 4217 currency code"
            ' such as USD, got "dollars"',
        ),
    ),
    Fault(
        "source-named-and-unsourced",
        replace(SALARY, "source: {name: Pay Survey}", "source: {unsourced: true, name: Pay Survey}"),
        (
            "content/salaries/data.yaml:5: source: a source is either named ({name, url}) or unsourced"
            " ({unsourced: true, note}), not both",
        ),
    ),
    Fault(
        "salary-level-duplicate",
        replace(SALARY, "level: Senior", "level: entry"),
        ("content/salaries/data.yaml:10: levels[1].level: duplicate level 'entry' (already on line 7)",),
    ),
    # Identity
    Fault(
        "duplicate-program-id-across-files",
        write(
            "content/programs/more.yaml",
            "- id: alpha-ms-data\n  institution: Delta College\n  name: MS in Data\n  type: Master's\n"
            "  format: Online\n  location: {city: Austin, country: United States}\n",
        ),
        (
            "content/programs/more.yaml:1: [0].id: duplicate program id 'alpha-ms-data'"
            " (also in content/programs/catalog.yaml:1) (every program needs its own id: it is the program's URL)",
        ),
    ),
    Fault(
        "two-files-one-url",
        copy(GUIDE, "content/guides/data-engineering.markdown"),
        (
            "content/guides/data-engineering.md: maps to the same URL as content/guides/data-engineering.markdown"
            " (/guides/data-engineering/) (keep one of the two files)",
        ),
    ),
    Fault(
        "case-only-collision",
        copy(ARTICLE, "content/articles/Choosing-a-data-program.md"),
        (
            "content/articles/Choosing-a-data-program.md: file name 'Choosing-a-data-program' is not a valid slug:"
            " use lowercase letters, digits and hyphens (rename it to choosing-a-data-program.md)",
            "content/articles/choosing-a-data-program.md: differs only in letter case from"
            " content/articles/Choosing-a-data-program.md"
            " (the two would overwrite each other on case-insensitive file systems)",
        ),
    ),
    Fault(
        "file-name-not-url-safe",
        copy(ARTICLE, "content/articles/My Article.md"),
        (
            "content/articles/My Article.md: file name 'My Article' is not a valid slug: use lowercase letters,"
            " digits and hyphens (rename it to my-article.md)",
        ),
    ),
    Fault(
        "program-id-not-url-safe",
        replace(PROGRAMS, "id: alpha-ms-data", "id: Alpha MS Data!"),
        (
            "content/programs/catalog.yaml:1: [0].id: 'Alpha MS Data!' is not a valid slug: use lowercase letters,"
            " digits and hyphens (did you mean 'alpha-ms-data'?)",
        ),
    ),
    Fault(
        "program-id-parent-directory",
        replace(PROGRAMS, "id: alpha-ms-data", "id: ../../etc"),
        (
            "content/programs/catalog.yaml:1: [0].id: '../../etc' is not a valid slug:"
            " it must not contain path separators or '..'",
        ),
    ),
    Fault(
        "program-id-absolute-path",
        replace(PROGRAMS, "id: alpha-ms-data", "id: /tmp/alpha"),
        (
            "content/programs/catalog.yaml:1: [0].id: '/tmp/alpha' is not a valid slug:"
            " it must not contain path separators or '..'",
        ),
    ),
    Fault(
        "program-id-backslash",
        replace(PROGRAMS, "id: alpha-ms-data", "id: 'alpha\\ms'"),
        (
            "content/programs/catalog.yaml:1: [0].id: 'alpha\\ms' is not a valid slug:"
            " it must not contain path separators or '..'",
        ),
    ),
    Fault(
        "static-file-over-a-page",
        write("static/programs/index.html", "<p>stale copy</p>\n"),
        ("static/programs/index.html: would overwrite the generated page /programs/index.html",),
    ),
    # References
    Fault(
        "career-does-not-exist",
        replace(GUIDE, "career: data-engineer", "career: data-engneer"),
        (
            "content/guides/data-engineering.md:18: career: 'data-engneer' does not exist (did you mean 'data-engineer'?)",
        ),
    ),
    Fault(
        "salary-does-not-exist",
        replace(GUIDE, "salary: data\n", "salary: backend\n"),
        (
            "content/guides/data-engineering.md:19: salary: 'backend' does not exist"
            " (expected a file content/salaries/backend.yaml)",
        ),
    ),
    Fault(
        "career-guide-does-not-exist",
        replace(CAREER, "guides: [data-engineering]", "guides: [data-engineerin]"),
        (
            "content/careers/data-engineer.md:5: guides[0]: 'data-engineerin' does not exist"
            " (did you mean 'data-engineering'?)",
        ),
    ),
    Fault(
        "career-is-a-draft",
        replace(CAREER, "guides: [data-engineering]\n", "guides: [data-engineering]\ndraft: true\n"),
        (
            "content/guides/data-engineering.md:18: career: 'data-engineer' is a draft, so it is not published"
            " (remove `draft: true` from content/careers/data-engineer.md, or point to a published page)",
        ),
    ),
    Fault(
        "referenced-file-has-errors-is-reported-once",
        replace(SALARY, "currency: USD", "currency: usd"),
        (
            "content/salaries/data.yaml:2: currency: expected a three-letter ISO 4217 currency code such as USD,"
            " got \"usd\" (did you mean 'USD'?)",
        ),
    ),
    Fault(
        "link-to-missing-page",
        replace(ARTICLE, "[catalog](/programs/)", "[catalog](/program/)"),
        (
            "content/articles/choosing-a-data-program.md:10: link: broken link '/program/': page does not exist"
            " (did you mean '/programs/'?)",
        ),
    ),
    Fault(
        "link-to-missing-anchor",
        replace(GUIDE, "[why now](#why-now)", "[why now](#why-no)"),
        (
            "content/guides/data-engineering.md:33: link: broken link '#why-no': anchor #why-no does not exist"
            " on /guides/data-engineering/ (did you mean 'why-now'?)",
        ),
    ),
    Fault(
        "link-to-missing-anchor-on-another-page",
        replace(ARTICLE, "[catalog](/programs/)", "[skills](/guides/data-engineering/#skils)"),
        (
            "content/articles/choosing-a-data-program.md:10: link: broken link '/guides/data-engineering/#skils':"
            " anchor #skils does not exist on /guides/data-engineering/ (did you mean 'skills'?)",
        ),
    ),
    Fault(
        "link-in-front-matter-markdown",
        replace(GUIDE, "(/careers/data-engineer/)", "(/careers/data-engineers/)"),
        (
            "content/guides/data-engineering.md:17: link: broken link '/careers/data-engineers/': page does not exist"
            " (did you mean '/careers/data-engineer/'?)",
        ),
    ),
    Fault(
        "image-does-not-exist",
        replace(ARTICLE, "Look at the", "![Cost chart](/images/costs.png)\n\nLook at the"),
        (
            "content/articles/choosing-a-data-program.md:10: link: broken link '/images/costs.png':"
            " image does not exist (put the file at static/images/costs.png)",
        ),
    ),
    Fault(
        "image-name-misspelled",
        replace(ARTICLE, "Look at the", "![Site logo](/favicon.svgz)\n\nLook at the"),
        (
            "content/articles/choosing-a-data-program.md:10: link: broken link '/favicon.svgz':"
            " image does not exist (put the file at static/favicon.svgz)",
        ),
    ),
    # URLs: only http(s) and site paths
    *(
        Fault(
            f"url-{label}",
            add_program_field(f"  url: {value}"),
            (f"content/programs/catalog.yaml:10: [0].url: URL scheme '{scheme}:' is not allowed {SCHEME}",),
        )
        for label, value, scheme in (
            ("javascript", "javascript:alert(1)", "javascript"),
            ("javascript-mixed-case", "JaVaScRiPt:alert(1)", "JaVaScRiPt"),
            ("javascript-leading-space", "' javascript:alert(1)'", "javascript"),
            ("javascript-tab-inside", '"java\\tscript:alert(1)"', "javascript"),
            ("javascript-entity-colon", "'javascript&#58;alert(1)'", "javascript"),
            ("javascript-named-entity", "'javascript&colon;alert(1)'", "javascript"),
            ("javascript-percent-encoded", "'javascript%3Aalert(1)'", "javascript"),
            ("data", "'data:text/html,<script>alert(1)</script>'", "data"),
            ("vbscript", "'vbscript:msgbox(1)'", "vbscript"),
        )
    ),
    Fault(
        "url-in-nav",
        replace(SITE, "url: /programs/}", "url: 'javascript:alert(1)'}"),
        (f"content/site.yaml:7: nav[1].url: URL scheme 'javascript:' is not allowed {SCHEME}",),
    ),
    Fault(
        "url-in-source",
        replace(GUIDE, 'url: "https://survey.example/"', 'url: "JAVASCRIPT:alert(1)"'),
        (
            f"content/guides/data-engineering.md:9: stats[0].source.url: URL scheme 'JAVASCRIPT:' is not allowed {SCHEME}",
        ),
    ),
    Fault(
        "url-http-lookalike",
        add_program_field("  url: 'https:example.edu'"),
        (
            "content/programs/catalog.yaml:10: [0].url: 'https:example.edu' is not a valid URL"
            " (write it as https://... or as a site path such as /guides/)",
        ),
    ),
    # Encoding
    Fault(
        "not-utf8",
        lambda site: site.write(
            ARTICLE, site.read(ARTICLE).replace("How to", "Caf\xe9 tips: how to").encode("latin-1")
        ),
        (
            "content/articles/choosing-a-data-program.md:4: not valid UTF-8: byte 0xe9 at offset 64"
            " (save the file as UTF-8)",
        ),
    ),
    Fault(
        "utf16",
        lambda site: site.write(SALARY, site.read(SALARY).encode("utf-16")),
        (
            "content/salaries/data.yaml:1: not valid UTF-8: byte 0xff at offset 0 (it is saved as UTF-16: save it as UTF-8)",
        ),
    ),
    # Templates
    Fault(
        "template-undefined-variable",
        replace("templates/article.html", "{{ meta.title }}", "{{ meta.titel }}"),
        (
            "templates/article.html:10: 'guidegen.content.models.ArticleMeta object' has no attribute 'titel'"
            " (rendering /articles/choosing-a-data-program/)",
        ),
    ),
    Fault(
        "template-undefined-name-in-a-partial",
        replace("templates/partials/program_card.html", "{{ program.institution }}", "{{ institution }}"),
        ("templates/partials/program_card.html:9: 'institution' is undefined (rendering /guides/data-engineering/)",),
    ),
    Fault(
        "template-syntax-error",
        replace("templates/article.html", "{{ meta.summary }}", "{{ meta.summary }"),
        ("templates/article.html:11: template syntax error: unexpected '}'",),
    ),
    Fault(
        "template-includes-a-missing-template",
        replace("templates/article.html", "{% block main %}", "{% block main %}{% include 'partials/byline.html' %}"),
        ("templates/article.html:3: template 'partials/byline.html' does not exist",),
    ),
    # Filesystem
    Fault(
        "symlink-outside-content",
        lambda site: (site.root / "content/articles/passwords.md").symlink_to("/etc/passwd"),
        (
            "content/articles/passwords.md: symlink points outside content/ (/etc/passwd)"
            " (copy the file into content/ instead of linking to it)",
        ),
    ),
    Fault(
        "symlink-to-project-file-outside-content",
        lambda site: (site.root / "content/articles/layout.md").symlink_to("../../templates/base.html"),
        (
            "content/articles/layout.md: symlink points outside content/ (../../templates/base.html)"
            " (copy the file into content/ instead of linking to it)",
        ),
    ),
    Fault(
        "symlink-outside-static",
        lambda site: site.write("static/readme.txt", "ours\n").with_name("passwd.txt").symlink_to("/etc/passwd"),
        ("static/passwd.txt: symlink points outside static/ (/etc/passwd)",),
    ),
    Fault(
        "named-pipe-instead-of-a-file",
        lambda site: os.mkfifo(site.root / "content/articles/notes.md"),
        ("content/articles/notes.md: cannot read file: it is a named pipe, not a regular file",),
    ),
    Fault(
        "folder-named-like-a-page-under-strict",
        lambda site: (site.root / "content/articles/drafts.md").mkdir(),
        (
            "content/articles/drafts.md: ignored: a folder (content/articles/ holds .md or .markdown files, not folders)",
        ),
        strict=True,
    ),
    Fault(
        "stray-file-under-strict",
        write("content/notes.txt", "todo\n"),
        (
            "content/notes.txt: ignored: not part of the content model"
            " (content/ holds site.yaml and the folders guides/, careers/, articles/, salaries/, programs/)",
        ),
        strict=True,
    ),
    Fault(
        "site-yaml-missing",
        lambda site: site.remove(SITE),
        ("content/site.yaml: file is missing (every site needs content/site.yaml with title, base_url, ...)",),
    ),
]


# The good site of this suite: the test site with its two unsourced figures given a source, so
# that it builds with nothing to report (lines stay where they are).
SOURCED = {
    GUIDE: ("source: {unsourced: true, note: Industry estimate.}", "source: {name: Industry Survey}"),
    SALARY: ("source: {unsourced: true, note: Compiled for tests.}", "source: {name: Pay Survey}"),
}


@pytest.fixture
def built(site: SiteFixture, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> SiteFixture:
    """The good site, built; on a fixed date, so that no figure turns stale as the years pass."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # 2026-09-21
    for name, (old, new) in SOURCED.items():
        replace(name, old, new)(site)
    assert main(["build", "--strict", "--root", str(site.root)]) == 0
    assert capsys.readouterr().err == ""
    return site


Build = Callable[..., tuple[int, str]]


@pytest.fixture
def build(capsys: pytest.CaptureFixture[str]) -> Build:
    """`guidegen build` in this process: (exit code, what it printed on stderr)."""

    def run(site: SiteFixture, *args: str) -> tuple[int, str]:
        code = main(["build", "--root", str(site.root), *args])
        return code, capsys.readouterr().err

    return run


def summary(report: tuple[str, ...]) -> str:
    errors = sum(": warning: " not in line for line in report)
    return f"guidegen: {errors} error{'s' if errors != 1 else ''}; nothing was written"


def leftovers(site: SiteFixture) -> list[str]:
    """Staging folders a build left next to the output (the kept previous output is not one)."""
    return sorted(p.name for p in site.out.parent.iterdir() if p.name.startswith(f".{site.out.name}.staging"))


def test_the_table_holds_forty_distinct_faults() -> None:
    names = [fault.name for fault in FAULTS]
    assert len(set(names)) == len(names) >= 40


@pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: fault.name)
def test_fault_is_reported_exactly_and_the_output_is_kept(fault: Fault, built: SiteFixture, build: Build) -> None:
    before = tree_snapshot(built.out)
    fault.inject(built)
    code, stderr = build(built, *(["--strict"] if fault.strict else []))
    assert stderr.splitlines() == [*fault.report, summary(fault.report)]
    assert code == 1
    assert tree_snapshot(built.out) == before
    assert leftovers(built) == []


@pytest.mark.parametrize(
    "chosen",
    [
        # links and #anchors are checked in the built pages, so only once the content itself is valid
        ["not-utf8", "career-does-not-exist", "enum-wrong-case", "salary-range-min-above-max", "template-syntax-error"],
        # with site.yaml unusable nothing can be linked, but every file is still read and checked
        ["url-in-nav", "not-utf8", "yaml-duplicate-key-in-front-matter", "enum-wrong-case", "yaml-tab-indentation"],
    ],
    ids=["content", "with-site-yaml"],
)
def test_every_problem_is_listed_at_once(chosen: list[str], built: SiteFixture, build: Build) -> None:
    """Faults in five files, one build: all of them, sorted by file and line."""
    faults = [fault for fault in FAULTS if fault.name in chosen]
    before = tree_snapshot(built.out)
    for fault in faults:
        fault.inject(built)
    code, stderr = build(built)
    report = sorted(line for fault in faults for line in fault.report)
    assert stderr.splitlines() == [*report, summary(tuple(report))]
    assert code == 1
    assert tree_snapshot(built.out) == before


def test_symlinked_folder_outside_content(built: SiteFixture, build: Build) -> None:
    before = tree_snapshot(built.out)
    outside = built.root / "careers"
    (built.root / "content/careers").rename(outside)
    (built.root / "content/careers").symlink_to(outside)
    code, stderr = build(built)
    assert stderr.splitlines() == [
        f"content/careers: folder is a symlink pointing outside content/ ({outside})"
        " (copy the folder into content/ instead of linking to it)",
        summary(("",)),
    ]
    assert code == 1
    assert tree_snapshot(built.out) == before


def test_unknown_field_is_a_warning_without_strict(built: SiteFixture, build: Build) -> None:
    replace(ARTICLE, "tags:", "sumary: x\ntags:")(built)
    code, stderr = build(built)
    assert code == 0
    assert stderr == (
        "content/articles/choosing-a-data-program.md:5: warning: sumary: unknown field (did you mean 'summary'?)\n"
    )
    assert leftovers(built) == []


def test_date_error_in_a_file_with_windows_line_endings(built: SiteFixture, build: Build) -> None:
    text = built.read(ARTICLE).replace("date: 2026-09-15", "date: soon")
    built.write(ARTICLE, text.replace("\n", "\r\n").encode("utf-8"))
    before = tree_snapshot(built.out)
    code, stderr = build(built)
    report = ('content/articles/choosing-a-data-program.md:3: date: expected a date as YYYY-MM-DD, got "soon"',)
    assert stderr.splitlines() == [*report, summary(report)]
    assert code == 1
    assert tree_snapshot(built.out) == before


def content_files(site: SiteFixture) -> list[str]:
    return [p.relative_to(site.root).as_posix() for p in sorted((site.root / "content").rglob("*")) if p.is_file()]


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: ("\ufeff" + text).encode("utf-8"), id="utf8-bom"),
        pytest.param(lambda text: text.replace("\n", "\r\n").encode("utf-8"), id="windows-line-endings"),
        pytest.param(lambda text: text.replace("\n", "\r").encode("utf-8"), id="old-mac-line-endings"),
    ],
)
def test_accepted_encodings_build_the_same_site(
    encode: Callable[[str], bytes], built: SiteFixture, build: Build
) -> None:
    """Every content file re-saved with a BOM or other line endings: the same site, byte for byte."""
    before = tree_snapshot(built.out)
    for name in content_files(built):
        built.write(name, encode(built.read(name).removeprefix("\ufeff")))
    code, stderr = build(built)
    assert (code, stderr) == (0, "")
    assert tree_snapshot(built.out) == before


def test_a_10_mb_page_is_built(built: SiteFixture, build: Build) -> None:
    paragraph = "Data engineers build pipelines that move data between systems and keep it correct. " * 8
    sections = [f"## Part {n}\n\n" + f"{paragraph}\n\n" * 20 for n in range(1500)]
    built.write(ARTICLE, built.read(ARTICLE) + "".join(sections) + "The last paragraph.\n")
    assert (built.root / ARTICLE).stat().st_size > 10_000_000
    code, stderr = build(built)
    assert (code, stderr) == (0, "")
    prose = built.html("/articles/choosing-a-data-program/").select_one(".prose")
    assert prose is not None
    assert prose.find_all("p")[-1].get_text() == "The last paragraph."
    assert len(prose.find_all("h2")) == 1 + 1500  # the article's own section and the added ones


def cli_under_file_permissions(site: SiteFixture, *args: str) -> subprocess.CompletedProcess[str]:
    """Run guidegen in a process that file permissions apply to.

    Root reads and writes whatever the permission bits say (capabilities DAC_OVERRIDE and
    DAC_READ_SEARCH), so `chmod 000` alone proves nothing when the tests run as root, as CI does.
    There the build runs under util-linux's setpriv with those two capabilities dropped: still
    root, but the kernel now refuses the read for real.
    """
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            message = "running as root without setpriv (util-linux): permission bits cannot be enforced"
            if os.environ.get("CI") == "true":
                pytest.fail(message)  # CI must run this case, not count a skip as a pass
            pytest.skip(message)
        dropped = "-dac_override,-dac_read_search"
        prefix = [setpriv, f"--bounding-set={dropped}", f"--inh-caps={dropped}"]
    return subprocess.run(
        [*prefix, sys.executable, "-m", "guidegen", *args, "--root", str(site.root)],
        capture_output=True,
        text=True,
        check=False,
        cwd=site.root,
    )


def test_unreadable_file(built: SiteFixture) -> None:
    before = tree_snapshot(built.out)
    (built.root / ARTICLE).chmod(0)
    result = cli_under_file_permissions(built, "build")
    report = (
        "content/articles/choosing-a-data-program.md: cannot read file: Permission denied"
        " (let your user read it, e.g. chmod a+r)",
    )
    assert result.stderr.splitlines() == [*report, summary(report)]
    assert result.returncode == 1
    assert tree_snapshot(built.out) == before


def test_output_folder_whose_parent_is_read_only(built: SiteFixture) -> None:
    before = tree_snapshot(built.out)
    replace(ARTICLE, "Look at the", "Now look at the")(built)  # something to write
    built.root.chmod(0o555)
    try:
        result = cli_under_file_permissions(built, "build")
    finally:
        built.root.chmod(0o755)
    assert result.stderr == f"guidegen: cannot write the output folder {built.out}: Permission denied\n"
    assert result.returncode == 3
    assert tree_snapshot(built.out) == before
    assert leftovers(built) == []


def test_output_folder_under_a_file(built: SiteFixture, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = built.write("not-a-folder", "a file where a folder should be\n")
    code = main(["build", "--root", str(built.root), "--out", str(blocker / "public")])
    assert (
        capsys.readouterr().err
        == f"guidegen: cannot write the output folder {blocker / 'public'}: {blocker} is a file, not a folder\n"
    )
    assert code == 3


def test_output_folder_that_is_a_file(built: SiteFixture, capsys: pytest.CaptureFixture[str]) -> None:
    target = built.write("site.html", "<p>a file, not a folder</p>\n")
    code = main(["build", "--root", str(built.root), "--out", str(target)])
    assert capsys.readouterr().err == f"guidegen: cannot build into {target}: it is a file\n"
    assert code == 2
    assert target.read_text() == "<p>a file, not a folder</p>\n"
