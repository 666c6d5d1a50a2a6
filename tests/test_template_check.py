"""Templates checked in a worker process while the content is read find what checking them here finds."""

from __future__ import annotations

import shutil

import pytest

from conftest import SiteFixture, tree_snapshot
from guidegen.commands.build import load
from guidegen.errors import ContentError, Problems
from guidegen.memo import Recompute
from guidegen.render import template_check
from guidegen.render.environment import FILTERS, template_environment
from guidegen.render.output import MARKER
from guidegen.render.theme import template_layers

BROKEN = "{% extends 'base.html' %}{% block main %}{{ page.title | no_such_filter }}{% endblock %}\n"
MISSING = "{% extends 'base.html' %}{% block main %}{% include 'partials/not-there.html' %}{% endblock %}\n"


def _output(site: SiteFixture) -> dict[str, bytes]:
    files = tree_snapshot(site.out)
    del files[MARKER]  # the build's own token
    return files


def _problems(site: SiteFixture) -> list[str]:
    with pytest.raises(ContentError) as failed:
        site.build()
    return [problem.format() for problem in failed.value.problems]


@pytest.fixture(params=["in a worker", "in this process"])
def where(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test runs once with every template checked in a worker, once with all checked here."""
    monkeypatch.setattr(template_check, "IN_WORKER_FROM", 1 if request.param == "in a worker" else 1_000_000)
    monkeypatch.setattr(template_check, "_CHECKED", {})  # nothing this process checked before
    return str(request.param)


def test_a_worker_checks_the_templates_only_when_many_are_new(site: SiteFixture, where: str) -> None:
    layers = template_layers(site.root)
    reading = template_check.start_checks(template_environment(layers), layers, Recompute())
    try:
        assert (reading.started is not None) == (where == "in a worker")
    finally:
        reading.close()


def test_the_pages_are_the_same_wherever_the_templates_were_checked(
    site: SiteFixture, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.build()
    pages = _output(site)
    shutil.rmtree(site.out)
    shutil.rmtree(site.root / ".guidegen-cache")
    template_check._CHECKED.clear()
    monkeypatch.setattr(template_check, "IN_WORKER_FROM", 1_000_000 if where == "in a worker" else 1)  # the other way
    site.build()
    assert _output(site) == pages


def test_template_errors_are_the_same_wherever_the_templates_were_checked(site: SiteFixture, where: str) -> None:
    site.write("templates/article.html", BROKEN)
    site.write("templates/career.html", MISSING)
    found = _problems(site)
    assert found == [
        "templates/article.html:1: template syntax error: No filter named 'no_such_filter'.",
        "templates/career.html:1: template 'partials/not-there.html' does not exist",
    ]


def test_a_renderer_compiles_with_the_filters_a_worker_compiles_with(site: SiteFixture) -> None:
    """Generated code names each filter and passes it a context when the filter asks for one: the
    environment a worker checks templates in must agree with a Renderer's on both."""
    loaded = load(site.project, Problems())
    assert loaded is not None
    renderer = loaded[1]
    checking = template_environment(template_layers(site.root))
    assert sorted(renderer.env.filters) == sorted(checking.filters)
    assert set(FILTERS) <= set(checking.filters)
    for name, function in renderer.env.filters.items():
        asks = getattr(function, "jinja_pass_arg", None)
        assert asks == getattr(checking.filters[name], "jinja_pass_arg", None), name
