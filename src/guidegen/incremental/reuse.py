"""Memo.reuse for a long-running server: what the last plan made from the same arguments, handed back.

While a source file is unchanged, a server's read phase returns the same object for it
(see cache.BuildCache.read); a page or record made only from such objects (an article's
page from the article and its breadcrumbs) is then the one made last time. Handing back
the object itself also spares the page keys walking it again (keys.ValueDigests). What a
page is made from is the arguments its maker receives, nothing listed beside them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

T = TypeVar("T")


class Reuse:
    """Keeps what each call made, for one plan after it."""

    def __init__(self) -> None:
        self._previous: dict[tuple[str, int], tuple[tuple[object, ...], object]] = {}
        self._current: dict[tuple[str, int], tuple[tuple[object, ...], object]] = {}

    def start(self) -> None:
        """A new plan: keep what the last one made; forget what the one before it made."""
        self._previous, self._current = self._current, {}

    def __call__(self, kind: str, make: Callable[..., T], *args: object) -> T:
        """make(*args), or what it returned last time for the same arguments.

        The first argument names what is made (one of a kind per object in a plan). Each
        argument must be the very object of last time, or a tuple of the very objects (a plan
        makes its tuples afresh). The arguments are kept with what they made, so that their
        ids cannot pass to other objects meanwhile. Identity, not equality: comparing two
        versions of a page's content for equality would cost what making the page costs.
        """
        key = (kind, id(args[0]))
        found = self._previous.get(key)
        if found is not None and len(found[0]) == len(args) and all(map(_same, found[0], args)):
            made = found[1]
        else:
            made = make(*args)
        self._current[key] = (args, made)
        return cast(T, made)


def _same(before: object, now: object) -> bool:
    if before is now:
        return True
    if type(before) is tuple and type(now) is tuple:
        return len(before) == len(now) and all(map(_same_item, before, now))
    return False


def _same_item(before: object, now: object) -> bool:
    """The very object; or, for a small value a plan makes afresh each time (a class that says it is
    `compared_by_value`: a few strings, e.g. a link to a landing page), an equal one."""
    if before is now:
        return True
    kind = type(before)
    return kind is type(now) and getattr(kind, "compared_by_value", False) and before == now
