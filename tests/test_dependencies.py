"""What a template depends on, for the page keys: the templates it names, and whether it reads the whole site."""

from __future__ import annotations

import jinja2
import pytest

from guidegen.render.template_facts import TemplateFacts, template_facts

ENV = jinja2.Environment()


@pytest.mark.parametrize(
    ("source", "facts"),
    [
        ("{{ page.title }}", TemplateFacts((), False, False)),
        ('{% extends "base.html" %}{% include "b.html" %}', TemplateFacts(("b.html", "base.html"), False, False)),
        ("{% include page.template %}", TemplateFacts((), True, False)),
        ("{{ linked.programs | length }}", TemplateFacts((), False, True)),
        ("{% for guide in linked.guides %}{{ guide.slug }}{% endfor %}", TemplateFacts((), False, True)),
        # a variable of its own that happens to be called linked is not the global
        ("{% set linked = page.title %}{{ linked }}", TemplateFacts((), False, False)),
        ("{% for linked in page.items %}{{ linked }}{% endfor %}", TemplateFacts((), False, False)),
        ("{{ page.article.origin.name }}", TemplateFacts((), False, True)),
        ("{{ page.article['origin'] }}", TemplateFacts((), False, True)),
    ],
)
def test_template_facts(source: str, facts: TemplateFacts) -> None:
    assert template_facts(ENV.parse(source)) == facts


def test_a_template_that_does_not_parse_depends_on_everything() -> None:
    assert template_facts(None) == TemplateFacts((), True, True)
