"""Jinja2's runtime, with two costs it pays on every page paid once: asking callables what they take, and
copying the globals.

Calls. Jinja2 compiles `{{ url(path) }}` to `context.call(url, path)`. Context.call then looks on the
callable and on its `__call__` for a pass_context, pass_eval_context or pass_environment mark
(jinja2.utils._PassArg): two to four attribute lookups, most of them failing, on each call. A
program page makes about 90 such calls. What a function or a method's function answers is fixed
when it is defined, so here it is asked once and remembered; so is a class's, for macros and
guidegen's own callable objects. Every other callable goes through Jinja2's own Context.call.

Globals. Jinja2 gives each template a ChainMap of its own globals over the environment's, and each
context made from it (the page's, and one for every include and import) copies that ChainMap into a
dict and a set, key by key in Python: about 9 µs each, a tenth of rendering an article. Here a
template takes the environment's globals as one dict when it is loaded. Jinja2 asks that globals
not change once a template is loaded; guidegen sets them all before (Renderer.__init__).

This overrides internals of Jinja2's (Context.call, Environment.make_globals): pyproject.toml bounds
Jinja2 to the minor release they were checked against.
"""

from __future__ import annotations

import types
from collections.abc import MutableMapping
from typing import Any, ClassVar

import jinja2.runtime
from jinja2.utils import _PassArg

# the callables that are not functions whose answer is their class's: Jinja2's macros, and
# guidegen's objects (program_card_html); a mark set on one instance alone is not looked for
_BY_CLASS_FROM = ("guidegen.",)
_BUILTIN = object()  # the key of every builtin (dict.get, range): no mark can be set on them
_JINJA = object()  # the answer of a callable that wants the context: Jinja2 derives it for loops and blocks


class Context(jinja2.runtime.Context):
    """Jinja2's Context, with calls to functions, methods, macros and guidegen's objects made directly."""

    # what each function, method's function or class wants passed first: None, the eval context, the
    # environment, or _JINJA (the context)
    answers: ClassVar[dict[object, object]] = {_BUILTIN: None}

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja2's own signature
        key = _key(__obj)
        if key is None:
            return super().call(__obj, *args, **kwargs)
        answers = __self.answers
        if key in answers:
            wants = answers[key]
        else:
            wants = answers[key] = _wants(__obj)
        if wants is _JINJA:
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        if wants is _PassArg.eval_context:  # macros: whether to escape is the caller's
            args = (__self.eval_ctx, *args)
        elif wants is _PassArg.environment:
            args = (__self.environment, *args)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # as Jinja2 answers it
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


class Environment(jinja2.Environment):
    """Jinja2's Environment, with a Context class of its own (what it remembers goes with the
    environment) and each template's globals one dict, taken when the template is loaded."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.context_class = type("Context", (Context,), {"answers": {_BUILTIN: None}})

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


def _key(obj: object) -> object | None:
    """What decides obj's answer: itself, its function or its class; None to leave obj to Jinja2."""
    kind = type(obj)
    if kind is types.FunctionType:
        return obj
    if kind is types.BuiltinFunctionType:
        return _BUILTIN
    if isinstance(obj, types.MethodType):
        return obj.__func__
    if kind is jinja2.runtime.Macro or kind.__module__.startswith(_BY_CLASS_FROM):
        return kind
    return None


def _wants(obj: Any) -> object:
    """What Jinja2's Context.call would pass obj first (the test it makes at each call); _JINJA for the context."""
    if hasattr(obj, "__call__") and _PassArg.from_obj(obj.__call__) is not None:  # noqa: B004 - as Jinja2 tests it
        obj = obj.__call__
    wants = _PassArg.from_obj(obj)
    return _JINJA if wants is _PassArg.context else wants
