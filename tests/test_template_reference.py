"""docs/templates.md is generated from the code, and what it says of the templates holds."""

from __future__ import annotations

from conftest import REPO
from guidegen.commands.build import load
from guidegen.commands.reference import contexts_named, reference
from guidegen.content.site import Project
from guidegen.errors import Problems
from guidegen.structure.planning import plan_pages


def test_the_template_reference_is_current() -> None:
    written = (REPO / "docs/templates.md").read_text(encoding="utf-8")
    assert written == reference(REPO), "docs/templates.md is out of date: run `make docs` and commit it"


def test_each_page_is_rendered_with_the_template_that_names_its_context() -> None:
    loaded = load(Project(root=REPO, out=REPO / "public"), Problems())
    assert loaded is not None
    linked, renderer = loaded
    named = contexts_named(renderer)
    planned = {(page.template, type(page).__name__) for page in plan_pages(linked) if page.template}
    assert len(planned) >= 15
    assert {(template, named.get(template)) for template, _ in planned} == planned


def test_templates_see_no_global_that_exposes_the_whole_site() -> None:
    loaded = load(Project(root=REPO, out=REPO / "public"), Problems())
    assert loaded is not None
    assert "linked" not in loaded[1].env.globals
