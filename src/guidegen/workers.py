"""Work on many items in forked worker processes, started now and collected later.

Workers are forked once the data they need is in memory, so they inherit it and nothing large
is pickled. Proofreading uses it: it runs in workers while the build goes on linking and
checking, and its results are collected before the pages render. A process with other threads
running never forks (see commands/serve_builds.py); rendering's own pool is incremental/parallel.py.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from guidegen.heap import frozen

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class _Work:
    function: Callable[[Any], Any]
    items: Sequence[Any]


_work: _Work | None = None  # set in the parent while it forks workers for start_in_workers


class Started(Generic[R]):
    """Work under way in worker processes: results() waits for it, close() stops the workers."""

    def __init__(self, pool: multiprocessing.pool.Pool, pending: multiprocessing.pool.MapResult[list[R]]) -> None:
        self._pool = pool
        self._pending = pending

    def results(self) -> list[R]:
        """function(item) for every item, in the order of the items."""
        return [result for chunk in self._pending.get() for result in chunk]

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()


def start_in_workers(
    function: Callable[[T], R], items: Sequence[T], chunk: int, *, processes: int | None = None
) -> Started[R] | None:
    """Start function(item) for every item in forked workers (one a core, or processes), and return at once.

    None without fork or a second core: the caller then does the work itself."""
    if usable_cores() < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    global _work
    _work = _Work(function, items)
    try:
        with frozen():  # as for rendering: the workers' collector leaves the inherited objects alone
            pool = multiprocessing.get_context("fork").Pool(processes or usable_cores())  # the workers are forked here
    finally:
        _work = None
    ranges = [range(start, min(start + chunk, len(items))) for start in range(0, len(items), chunk)]
    return Started(pool, pool.map_async(_work_range, ranges))


def _work_range(indices: range) -> list[Any]:
    assert _work is not None, "workers are forked by start_in_workers"
    return [_work.function(_work.items[index]) for index in indices]


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
