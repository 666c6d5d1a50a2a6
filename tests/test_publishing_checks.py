"""The publisher's checks: provenance warnings, `guidegen schema`, `check --links` and the CI workflow."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import REPO, SiteFixture

TODAY = "1795737600"  # SOURCE_DATE_EPOCH of 2026-11-27, so the age of figures does not depend on the test date


@pytest.fixture
def dated_site(site: SiteFixture, monkeypatch: pytest.MonkeyPatch) -> SiteFixture:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY)
    return site


def _guide_with_unchecked_figures(site: SiteFixture) -> None:
    """First stat loses its source; the second is dated January 2025, 22 months before the build."""
    guide = site.read("content/guides/data-engineering.md")
    guide = guide.replace('    source: {name: Example Survey, url: "https://survey.example/"}\n', "")
    guide = guide.replace("    as_of: 2026\n", "    as_of: 2025-01-15\n", 1)
    site.write("content/guides/data-engineering.md", guide)


PROVENANCE_WARNINGS = [
    "content/guides/data-engineering.md:7: warning: stats[0]: stat 'Data Engineer Salary' has no source "
    "(add `source: {name, url}`, or `source: {unsourced: true, note}` to say so on the page)",
    "content/guides/data-engineering.md:12: warning: stats[1].source: stat 'Growth in 5 Years' is unsourced "
    "(the page says so)",
    "content/guides/data-engineering.md:13: warning: stats[1].as_of: stat 'Growth in 5 Years' is 22 months old "
    "(as of January 2025), more than the site's stale_after_months of 18 (update the figure and its as_of date)",
    "content/salaries/data.yaml:5: warning: source: salary table is unsourced (the page says so)",
]


def test_check_warns_about_unsourced_and_stale_figures_but_strict_lets_them_through(dated_site: SiteFixture) -> None:
    site = dated_site
    _guide_with_unchecked_figures(site)
    result = site.cli("check", "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == PROVENANCE_WARNINGS


def test_strict_provenance_in_site_yaml_makes_strict_fail_on_them(dated_site: SiteFixture) -> None:
    site = dated_site
    _guide_with_unchecked_figures(site)
    site.write("content/site.yaml", site.read("content/site.yaml") + "strict_provenance: true\n")
    assert site.cli("check").returncode == 0  # without --strict they stay warnings
    result = site.cli("build", "--strict")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        *(line.replace(": warning: ", ": ") for line in PROVENANCE_WARNINGS),
        "guidegen: 4 errors; nothing was written",
    ]
    assert not site.out.exists()


def test_the_age_limit_comes_from_site_yaml(dated_site: SiteFixture) -> None:
    site = dated_site
    site.write("content/site.yaml", site.read("content/site.yaml") + "stale_after_months: 4\n")
    result = site.cli("check")
    # the named stat is from June 2026: five months before the build
    assert (
        "content/guides/data-engineering.md:10: warning: stats[0].as_of: stat 'Data Engineer Salary' is 5 months old "
        "(as of June 2026), more than the site's stale_after_months of 4 (update the figure and its as_of date)"
    ) in result.stderr.splitlines()


def test_stale_and_unsourced_figures_are_shown_plainly_on_the_page(dated_site: SiteFixture) -> None:
    site = dated_site
    _guide_with_unchecked_figures(site)
    site.build()
    first, second = (
        " ".join(p.get_text(" ").split()) for p in site.html("/guides/data-engineering/").select(".stat .provenance")
    )
    assert first == "Unsourced · As of June 2026."
    assert second == "Unsourced · As of January 2025. Older than 18 months."


def _yaml_front_matter(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def _as_json(data: object) -> object:
    """YAML dates become strings, as a YAML language server sees them."""
    return json.loads(json.dumps(data, default=str))


def test_schema_command_writes_schemas_the_shipped_content_satisfies(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "guidegen", "schema", "--root", str(REPO), "--schemas", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "article.schema.json",
        "career.schema.json",
        "guide.schema.json",
        "programs.schema.json",
        "salary-table.schema.json",
        "site.schema.json",
    ]
    content = REPO / "content"
    files = {
        "site": [content / "site.yaml"],
        "guide": sorted((content / "guides").glob("*.md")),
        "career": sorted((content / "careers").glob("*.md")),
        "article": sorted((content / "articles").glob("*.md")),
        "salary-table": sorted((content / "salaries").glob("*.yaml")),
        "programs": sorted((content / "programs").glob("*.yaml")),
    }
    for name, paths in files.items():
        schema = json.loads((tmp_path / f"{name}.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        assert paths, name
        for path in paths:
            data = _yaml_front_matter(path) if path.suffix == ".md" else yaml.safe_load(path.read_text("utf-8"))
            assert [e.message for e in validator.iter_errors(_as_json(data))] == [], path


def _schema(tmp_path: Path, name: str) -> jsonschema.Draft202012Validator:
    from guidegen.commands.schema import write_schemas

    write_schemas(tmp_path)
    schema = json.loads((tmp_path / f"{name}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _leaf_messages(errors: Iterable[jsonschema.ValidationError]) -> Iterator[str]:
    """The specific reasons behind 'not valid under any of the given schemas' (an optional field's anyOf)."""
    for error in errors:
        if error.context:
            yield from (m for m in _leaf_messages(error.context) if not m.endswith("is not of type 'null'"))
        else:
            yield error.message


def test_program_schema_flags_what_guidegen_rejects_and_unknown_fields(tmp_path: Path) -> None:
    validator = _schema(tmp_path, "programs")
    one_record = jsonschema.Draft202012Validator(
        {"$defs": validator.schema["$defs"], "$ref": "#/$defs/Program"}, format_checker=jsonschema.FormatChecker()
    )
    program = {
        "id": "x-ms",
        "institution": "X University",
        "name": "MS",
        "type": "Master's",
        "format": "Online",
        "location": {"city": "Oslo", "country": "Norway"},
    }
    assert list(validator.iter_errors([program])) == []
    assert list(validator.iter_errors(program)) == []  # a file may hold a single record
    bad = [{**program, "format": "online", "id": "X MS", "cost": {"amount": "160k", "currency": "usd"}, "nmae": "x"}]
    assert not validator.is_valid(bad)
    messages = sorted(_leaf_messages(one_record.iter_errors(bad[0])))
    assert messages == [
        "'160k' is not of type 'integer'",
        "'X MS' does not match '^[a-z0-9]+(?:-[a-z0-9]+)*$'",
        "'online' is not one of ['On-Campus', 'Online', 'Hybrid']",
        "'usd' does not match '^[A-Z]{3}$'",
        "Additional properties are not allowed ('nmae' was unexpected)",
    ]


def test_guide_schema_accepts_numbers_as_text_like_guidegen_does(tmp_path: Path) -> None:
    validator = _schema(tmp_path, "guide")
    guide = _as_json(_yaml_front_matter(REPO / "content/guides/mlops-ai-engineering.md"))
    assert isinstance(guide, dict)
    guide["badge"] = 2027  # guidegen reads `badge: 2027` as the text "2027"
    assert list(validator.iter_errors(guide)) == []
    guide["stats"][0]["as_of"] = "last year"
    assert [e.json_path for e in validator.iter_errors(guide)] == ["$.stats[0].as_of"]


def test_check_links_reads_the_built_site_and_lists_external_links(site: SiteFixture) -> None:
    site.write(
        "content/articles/choosing-a-data-program.md",
        site.read("content/articles/choosing-a-data-program.md") + "\nSee [the survey](https://survey.example/data).\n",
    )
    assert site.cli("build").returncode == 0
    result = site.cli("check", "--links")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1:] == [
        "External links (listed, not fetched): 2",
        "  https://survey.example/",
        "  https://survey.example/data",
        "Links: no broken internal links in public",
    ]


def test_check_links_reports_a_broken_link_in_the_built_site(site: SiteFixture) -> None:
    assert site.cli("build").returncode == 0
    page = site.out / "careers/data-engineer/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('href="/guides/"', 'href="/guidez/"'), encoding="utf-8")
    (site.out / "programs/beta-db-cert/index.html").unlink()
    result = site.cli("check", "--links")
    assert result.returncode == 1
    errors = result.stderr.splitlines()
    assert [line.split(" (did you mean")[0] for line in errors if not line.startswith("content/")] == [
        "public/careers/data-engineer/index.html: broken link '/guidez/': page does not exist",
        "public/guides/data-engineering/index.html: broken link '/programs/beta-db-cert/': page does not exist",
        "public/programs/index.html: broken link '/programs/beta-db-cert/': page does not exist",
        "guidegen: 3 broken links",
    ]


def test_check_links_needs_a_built_site(site: SiteFixture) -> None:
    result = site.cli("check", "--links")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == "guidegen: no built site in public: run guidegen build first"


WORKFLOW = REPO / ".github/workflows/site.yml"


def test_ci_workflow_lints_clean_with_actionlint() -> None:
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert actionlint, "actionlint is a test dependency (pip install -e '.[test]')"
    result = subprocess.run([actionlint, "-no-color", str(WORKFLOW)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_workflow_builds_tests_checks_links_and_publishes_only_the_default_branch() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert {"push", "pull_request"} <= set(triggers)
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    runs = [step.get("run", "") for step in build["steps"]]
    uses = [step.get("uses", "").split("@")[0] for step in build["steps"]]
    order = [
        next(i for i, run in enumerate(runs) if "guidegen build --strict" in run),
        runs.index("make test"),
        next(i for i, run in enumerate(runs) if "guidegen check --strict --links" in run),
        uses.index("actions/upload-pages-artifact"),
    ]
    assert order == sorted(order)
    default_branch = "github.ref == format('refs/heads/{0}', github.event.repository.default_branch)"
    upload = build["steps"][order[-1]]
    assert upload["with"]["path"] == "public"
    assert default_branch in upload["if"]
    assert "pull_request" in upload["if"]
    assert default_branch in deploy["if"]
    assert deploy["needs"] == "build"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
