"""Turn pydantic validation results into problems that name file, line and field."""

from __future__ import annotations

import functools
import re
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from guidegen.content.fields import FieldError, describe
from guidegen.content.foreign_fields import hint_for
from guidegen.content.yamlfile import YamlDocument
from guidegen.content.yamlfile import dotted as dotted  # field paths are spelled the same everywhere
from guidegen.errors import Problems, did_you_mean

M = TypeVar("M", bound=BaseModel)
_QUOTED = re.compile(r"\"([^\"]*)\"|'([^']*)'")


def validate(
    model: type[M],
    data: Any,
    doc: YamlDocument,
    name: str,
    problems: Problems,
    *,
    base: tuple[str | int, ...] = (),
) -> M | None:
    """Validate data against model; report every error and unknown field. None when invalid."""
    if not isinstance(data, dict):
        problems.error(
            name,
            f"expected a mapping of fields, got {describe(data)}",
            line=doc.line_for(base),
            field=doc.field_name(base) or None,
            column=doc.column_for(base),
            hint=_shape_hint(data, base),
        )
        return None
    report_unknown_fields(model, data, doc, name, problems, base)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            _report(error, doc, name, problems, base)
        return None


def _shape_hint(data: Any, base: tuple[str | int, ...]) -> str:
    if base:
        return "write each item as `- field: value` followed by its other fields, indented"
    if isinstance(data, list):
        return "write the fields as `field: value` lines, without a leading '- '"
    return "write the fields as `field: value` lines"


def _report(error: ErrorDetails, doc: YamlDocument, name: str, problems: Problems, base: tuple[str | int, ...]) -> None:
    path = (*base, *error["loc"])
    message, hint = _message(error)
    line, column = doc.line_for(path), doc.column_for(path)
    problems.error(name, message, line=line, field=doc.field_name(path) or None, hint=hint, column=column)


def _message(error: ErrorDetails) -> tuple[str, str | None]:
    kind = error["type"]
    value = error.get("input")
    context = error.get("ctx") or {}
    got = describe(value)
    if kind == "missing":
        if error["loc"] and isinstance(error["loc"][-1], int):
            return "expected [min, max]: this value is missing", None
        return "required field is missing", None
    if kind == "string_type":
        return f"expected text, got {got}", None
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {got}", None
    if kind in ("float_type", "float_parsing"):
        return f"expected a number, got {got}", None
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {got}", None
    if kind == "list_type":
        return f"expected a list, got {got}", None
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping of fields, got {got}", None
    if kind == "tuple_type":
        return f"expected [min, max], got {got}", None
    if kind == "too_long":
        return f"expected [min, max], got {context.get('actual_length')} values", None
    if kind == "too_short":
        if isinstance(value, str):
            return "must not be empty", None
        return f"needs at least {context.get('min_length')} item(s)", None
    if kind == "literal_error":
        choices = _literal_choices(str(context.get("expected", "")))
        text = f"expected one of {', '.join(repr(c) for c in choices)}, got {got}"
        return text, did_you_mean(str(value), choices) if isinstance(value, str) else None
    if kind in ("greater_than", "greater_than_equal"):
        bound = context.get("gt", context.get("ge"))
        relation = "greater than" if kind == "greater_than" else "at least"
        return f"must be {relation} {bound}, got {got}", None
    if kind == "string_pattern_mismatch":
        return f"does not match the expected form {context.get('pattern')}, got {got}", None
    if kind == "value_error":
        cause = context.get("error")
        if isinstance(cause, FieldError):
            return cause.message, cause.hint
        return str(cause or error["msg"]), None
    return error["msg"], None


def _literal_choices(expected: str) -> list[str]:
    # pydantic renders choices as `'A', "B's" or 'C'`: quoted with whichever quote the value lacks
    return [double or single for double, single in _QUOTED.findall(expected)]


def report_unknown_fields(
    model: type[BaseModel], data: Any, doc: YamlDocument, name: str, problems: Problems, base: tuple[str | int, ...]
) -> None:
    """Unknown fields are warnings (errors under --strict), with the closest known field.

    Walks the data as written rather than the validated model, so that unknown fields are listed
    even when the record also has errors: `ammount:` explains why `amount` is missing.
    """
    stack: list[tuple[type[BaseModel], Any, tuple[str | int, ...]]] = [(model, data, base)]
    while stack:
        current, values, path = stack.pop()
        if not isinstance(values, dict):
            continue
        known = list(current.model_fields)
        for key, value in values.items():
            nested_models = _nested_models(current, str(key))
            if nested_models is None:
                problems.warning(
                    name,
                    "unknown field",
                    line=doc.line_for((*path, str(key))),
                    field=doc.field_name((*path, str(key))),
                    column=doc.column_for((*path, str(key))),
                    hint=hint_for(str(key), known)
                    or did_you_mean(str(key), known)
                    or f"known fields: {', '.join(known)}",
                )
                continue
            for nested in nested_models:
                if isinstance(value, list):
                    stack.extend((nested, item, (*path, str(key), index)) for index, item in enumerate(value))
                else:
                    stack.append((nested, value, (*path, str(key))))


@functools.cache
def _nested_models(model: type[BaseModel], key: str) -> tuple[type[BaseModel], ...] | None:
    """The content models a field of model holds; None when model has no such field (asked per record)."""
    field = model.model_fields.get(key)
    return None if field is None else tuple(_models_in(field.annotation))


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The content models inside a field's type: Source in `Source | None`, Stat in `list[Stat]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for argument in get_args(annotation) for model in _models_in(argument)]
