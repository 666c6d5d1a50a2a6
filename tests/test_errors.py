"""Bad content fails with file:line:field messages, and a failed build leaves the old output untouched."""

from __future__ import annotations

from conftest import SiteFixture, tree_snapshot


def test_yaml_syntax_error_names_file_and_line(site: SiteFixture) -> None:
    site.write("content/salaries/data.yaml", "title: Data\ncurrency: USD\nlevels:\n  - level: Entry\n    base: [1, 2\n")
    result = site.cli("build")
    assert result.returncode == 1
    assert (
        "content/salaries/data.yaml:5: YAML syntax error at the end: did not find expected ',' or ']'"
        " (while parsing a flow sequence that starts on line 5)\n" in result.stderr
    )


def test_front_matter_error_line_is_counted_from_the_top_of_the_file(site: SiteFixture) -> None:
    guide = site.read("content/guides/data-engineering.md")
    site.write("content/guides/data-engineering.md", guide.replace("updated: 2026-10-01", "updated: someday"))
    result = site.cli("check")
    assert result.returncode == 1
    assert (
        'content/guides/data-engineering.md:24: updated: expected a date as YYYY-MM-DD, got "someday"' in result.stderr
    )


def test_failed_build_leaves_previous_output_untouched(site: SiteFixture) -> None:
    site.build()
    before = tree_snapshot(site.out)
    site.write(
        "content/programs/catalog.yaml",
        site.read("content/programs/catalog.yaml").replace("format: Online", "format: online"),
    )
    result = site.cli("build")
    assert result.returncode == 1
    assert (
        "format: expected one of 'On-Campus', 'Online', 'Hybrid', got \"online\" (did you mean 'Online'?)"
        in result.stderr
    )
    assert tree_snapshot(site.out) == before


def test_all_problems_are_reported_at_once(site: SiteFixture) -> None:
    guide = site.read("content/guides/data-engineering.md")
    guide = guide.replace("career: data-engineer", "career: data-engneer").replace("salary: data\n", "salary: dta\n")
    site.write("content/guides/data-engineering.md", guide)
    result = site.cli("check")
    assert result.returncode == 1
    assert (
        "content/guides/data-engineering.md:18: career: 'data-engneer' does not exist (did you mean 'data-engineer'?)"
        in result.stderr
    )
    assert "content/guides/data-engineering.md:19: salary: 'dta' does not exist (did you mean 'data'?)" in result.stderr
    assert "2 errors" in result.stderr


def test_missing_required_field(site: SiteFixture) -> None:
    site.write("content/articles/choosing-a-data-program.md", "---\ntitle: T\ndate: 2026-01-01\n---\nBody\n")
    result = site.cli("check")
    assert "content/articles/choosing-a-data-program.md:2: summary: required field is missing" in result.stderr


def test_unknown_field_warns_and_fails_under_strict(site: SiteFixture) -> None:
    article = site.read("content/articles/choosing-a-data-program.md")
    site.write("content/articles/choosing-a-data-program.md", article.replace("tags:", "sumary: x\ntags:"))
    lenient = site.cli("build")
    assert lenient.returncode == 0
    warning = "content/articles/choosing-a-data-program.md:5: warning: sumary: unknown field (did you mean 'summary'?)"
    assert warning in lenient.stderr
    strict = site.cli("build", "--strict")
    assert strict.returncode == 1
    assert (
        "content/articles/choosing-a-data-program.md:5: sumary: unknown field (did you mean 'summary'?)"
        in strict.stderr
    )
