"""Jinja2's runtime as guidegen runs it (render/runtime.py).

Unmarked callables are called directly and marked ones as Jinja2 calls them; a template's globals are one
dict, and every page renders as in a plain Jinja2 environment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import jinja2.runtime
import pytest

from guidegen.render import runtime
from guidegen.render.environment import template_environment
from guidegen.render.theme import template_layers


class Counter:
    """A callable object of guidegen's own kind (its class's module is this test's, so: not guidegen's)."""

    def __call__(self, value: object) -> str:
        return f"counted {value}"


class _WantsContext:
    @jinja2.pass_context
    def __call__(self, context: jinja2.runtime.Context, name: str) -> object:
        return context.get(name)


Counter.__module__ = "guidegen.tests_callables"  # answered by its class, like program_card_html
_WantsContext.__module__ = "guidegen.tests_callables"


@pytest.fixture
def env(tmp_path: Path) -> jinja2.Environment:
    (tmp_path / "templates").mkdir()
    return template_environment(template_layers(tmp_path))


@pytest.fixture
def jinja_calls(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The callables that reached Jinja2's own Context.call."""
    seen: list[object] = []
    original = jinja2.runtime.Context.call

    def call(__self: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(__obj)
        return original(__self, __obj, *args, **kwargs)

    monkeypatch.setattr(jinja2.runtime.Context, "call", call)
    return seen


def plain(value: object) -> str:
    return f"plain {value}"


@jinja2.pass_context
def looks_up(context: jinja2.runtime.Context, name: str) -> object:
    return context.get(name)


@jinja2.pass_environment
def environment_name(environment: jinja2.Environment) -> str:
    return type(environment).__name__


def test_unmarked_functions_methods_builtins_and_macros_skip_jinjas_call(
    env: jinja2.Environment, jinja_calls: list[object]
) -> None:
    template = env.from_string(
        "{% macro twice(x) %}{{ x }}{{ x }}{% endmacro %}"
        "{% set found = {'a': 'A'} %}"
        "{% for item in items %}{{ plain(item) }}|{{ twice(item) }}|{{ found.get('a') }}|{{ counter(item) }}|"
        "{{ words.upper() }};{% endfor %}"
    )
    text = template.render(items=[1, 2], plain=plain, counter=Counter(), words="w")
    assert text == "plain 1|11|A|counted 1|W;plain 2|22|A|counted 2|W;"
    assert jinja_calls == []


def test_marked_callables_get_what_jinja_gives_them_inside_loops_and_blocks(
    env: jinja2.Environment, jinja_calls: list[object]
) -> None:
    source = (
        "{% macro bold(x) %}<b>{{ x }}</b>{% endmacro %}"
        "{% for item in items %}{% set inner = item * 10 %}{{ looks_up('item') }}:{{ looks_up('inner') }}:"
        "{{ wants('inner') }}:{{ bold(item) }};{% endfor %}{{ environment_name() }}"
        # a macro called where autoescaping is off returns plain text, escaped where it is shown
        "{% set kept = namespace() %}{% autoescape false %}{% set kept.text = bold('x') %}{% endautoescape %}"
        "{{ kept.text }}"
    )
    wants = _WantsContext()
    values = {"items": [1, "<i>"], "looks_up": looks_up, "wants": wants, "environment_name": environment_name}
    # the same template in a plain Jinja2 environment, which asks every callable at every call
    expected = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(source).render(values)
    jinja_calls.clear()
    text = env.from_string(source).render(values)
    assert text == expected
    assert "<b>&lt;i&gt;</b>" in text  # the macro escapes its argument once, and its own markup not at all
    assert text.endswith("&lt;b&gt;x&lt;/b&gt;")
    assert ":10:10:" in text  # a context-marked callable sees what the loop set
    assert looks_up in jinja_calls  # those are left to Jinja2
    assert wants in jinja_calls
    assert environment_name not in jinja_calls  # given the environment directly


def test_each_environment_remembers_its_own_answers(env: jinja2.Environment, tmp_path: Path) -> None:
    env.from_string("{{ plain(1) }}").render(plain=plain)
    other = template_environment(template_layers(tmp_path))
    assert plain in env.context_class.answers  # type: ignore[attr-defined]
    assert plain not in other.context_class.answers  # type: ignore[attr-defined]


def test_a_callable_that_raises_stopiteration_is_undefined_as_in_jinja(env: jinja2.Environment) -> None:
    def exhausted() -> object:
        raise StopIteration

    with pytest.raises(jinja2.UndefinedError, match="StopIteration"):
        env.from_string("{{ exhausted() }}").render(exhausted=exhausted)


def test_calling_an_undefined_name_is_the_same_error(env: jinja2.Environment) -> None:
    with pytest.raises(jinja2.UndefinedError, match="'missing' is undefined"):
        env.from_string("{{ missing(1) }}").render()


TEMPLATES = {
    "page.html": (
        '{% from "macros.html" import shout %}{% import "macros.html" as m with context %}'
        "{{ greet(page) }}|{{ shout(page) }}|{{ m.whisper() }}|{% include 'inner.html' %}|{{ site }}"
    ),
    "macros.html": (
        "{% macro shout(x) %}{{ x | upper }}{{ suffix }}{% endmacro %}"
        "{% macro whisper() %}{{ page | lower }}{% endmacro %}"
    ),
    "inner.html": "{{ page }} on {{ site }} {{ greet(site) }}",
}
GLOBALS = {"site": "Guides & Co", "suffix": "!", "greet": lambda name: f"hello <{name}>"}


def test_a_templates_globals_are_one_dict_and_pages_render_as_in_jinja() -> None:
    """Includes, imports with and without the context, and macros reading globals, as a plain Jinja2
    environment renders them."""
    env = runtime.Environment(loader=jinja2.DictLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined)
    env.globals.update(GLOBALS)
    plain_env = jinja2.Environment(
        loader=jinja2.DictLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    plain_env.globals.update(GLOBALS)

    template = env.get_template("page.html")
    assert type(template.globals) is dict  # not Jinja2's ChainMap, copied key by key for every context
    assert template.globals == dict(plain_env.get_template("page.html").globals)
    for page in ("Data <Science>", "MLOps"):
        assert template.render(page=page) == plain_env.get_template("page.html").render(page=page)
    assert template.render(page="MLOps") == (
        "hello &lt;MLOps&gt;|MLOPS!|mlops|MLOps on Guides &amp; Co hello &lt;Guides &amp; Co&gt;|Guides &amp; Co"
    )


def test_a_templates_own_globals_stay_its_own() -> None:
    env = runtime.Environment(loader=jinja2.DictLoader(TEMPLATES))
    env.globals.update(GLOBALS)
    own = env.get_template("inner.html", globals={"site": "Own"})
    assert own.render(page="p") == "p on Own hello <Own>"
    assert env.globals["site"] == "Guides & Co"
    assert env.from_string("{{ site }}").render() == "Guides & Co"
