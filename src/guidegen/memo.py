"""The one question the phases ask of earlier builds: "what did this make before, from the same input?"

Checking a template, proofreading a page and planning a page can each be skipped when its
input is what it was last time. Those phases take a Memo and ask it; they never know
whether, or how, it remembers. `Recompute` remembers nothing (a build without a cache);
incremental/cache.py remembers across builds, and across a server's rebuilds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

T = TypeVar("T")


class Memo(Protocol):
    def recall(self, kind: str, name: str, text: str, make: Callable[[], T]) -> T:
        """make(), or what it returned before for a file of this name and text (make reads nothing else)."""
        ...

    def knows(self, kind: str, name: str, text: str) -> bool:
        """Whether recall() has the answer already, without calling make."""
        ...

    def reuse(self, kind: str, make: Callable[..., T], *args: object) -> T:
        """make(*args), or what it returned last time for the very same objects (or tuples of them).

        make must be a pure function of its arguments: they are all that decides whether it runs."""
        ...


class Recompute:
    """No memory of earlier builds: everything is made again."""

    def recall(self, kind: str, name: str, text: str, make: Callable[[], T]) -> T:
        return make()

    def knows(self, kind: str, name: str, text: str) -> bool:
        return False

    def reuse(self, kind: str, make: Callable[..., T], *args: object) -> T:
        return make(*args)
