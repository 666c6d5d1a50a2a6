"""Whether a dependency's private function still takes the parameters guidegen passes it.

The adapters around private APIs (markup/internals.py, commands/reload_logging.py) ask this once at
start-up and fall back to the public path when the answer is no.
"""

from __future__ import annotations

import inspect

_VARIADIC = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)


def takes(function: object, parameters: tuple[str, ...], *, method: bool = False) -> bool:
    """Whether function takes these parameters first, in this order, and requires no other.

    method: function is looked up on a class, so its first parameter (self) is passed for it."""
    if not callable(function):
        return False
    try:
        found = list(inspect.signature(function).parameters.values())
    except (TypeError, ValueError):
        return False
    if method:
        found = found[1:]
    if [parameter.name for parameter in found[: len(parameters)]] != list(parameters):
        return False
    return all(
        parameter.default is not parameter.empty or parameter.kind in _VARIADIC
        for parameter in found[len(parameters) :]
    )
