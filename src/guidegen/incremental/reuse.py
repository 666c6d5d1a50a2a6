"""Memo.reuse for a long-running server: what the last plan made from the same arguments, handed back.

While a source file is unchanged, a server's read phase returns the same object for it
(see cache.BuildCache.read); a page or record made only from such objects (an article's
page from the article and its breadcrumbs) is then the one made last time. Handing back
the object itself also spares the page keys walking it again (keys.ValueDigests). What a
page is made from is the arguments its maker receives, nothing listed beside them.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import TypeVar, cast

T = TypeVar("T")


class Reuse:
    """Keeps what each call made, for one plan after it."""

    def __init__(self) -> None:
        self._previous: dict[tuple[str, object], tuple[tuple[object, ...], object]] = {}
        self._current: dict[tuple[str, object], tuple[tuple[object, ...], object]] = {}

    def start(self) -> None:
        """A new plan: keep what the last one made; forget what the one before it made."""
        self._previous, self._current = self._current, {}

    def __call__(self, kind: str, make: Callable[..., T], *args: object) -> T:
        """make(*args), or what it returned last time for the same arguments.

        The first argument names what is made: one of a kind per object in a plan, or per number
        or string (a page's number in a list). Each argument must be the very object of last
        time, a small value equal to last time's (see _same_item), or a tuple of such (a plan
        makes its tuples afresh). The arguments are kept with what they made, so that their ids
        cannot pass to other objects meanwhile. Identity, not equality, for content: comparing two
        versions of a page's content for equality would cost what making the page costs.
        """
        name = args[0]
        key = (kind, name if type(name) in _SCALARS else id(name))
        found = self._previous.get(key)
        if found is not None and len(found[0]) == len(args) and _all_same(found[0], args):
            made = found[1]
        else:
            made = make(*args)
        self._current[key] = (args, made)
        return cast(T, made)


def _all_same(before: tuple[object, ...], now: tuple[object, ...]) -> bool:
    # the very objects of last time, as most often: told apart without a Python call per argument
    return all(map(operator.is_, before, now)) or all(map(_same, before, now))


def _same(before: object, now: object) -> bool:
    if type(before) is tuple and type(now) is tuple:
        return len(before) == len(now) and all(map(_same_item, before, now))
    return _same_item(before, now)


def _same_item(before: object, now: object) -> bool:
    """The very object; or, for a small value a plan makes afresh each time (a number, a string, or a class
    that says it is `compared_by_value`: a link to a landing page, one page of a list), an equal one."""
    if before is now:
        return True
    kind = type(before)
    return kind is type(now) and (kind in _SCALARS or getattr(kind, "compared_by_value", False)) and before == now


_SCALARS = frozenset({str, int, float, bool})
