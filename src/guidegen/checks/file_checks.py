"""Checks that each read one file's text and nothing else, run together while the build goes on.

Proofreading (checks/proofread.py) and the content-quality warnings (checks/content_quality.py)
look at one Markdown file at a time. What an earlier build found in the same text is recalled
from the build cache; when many texts are new (a first build), worker processes check them
while this process links the site and compiles the templates, and the findings are collected
when the block ends. Both checks of 1,000 new synthetic articles cost about 1.5 s of CPU, more
than the rest of the read phase.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from guidegen import workers
from guidegen.errors import Problem, Problems
from guidegen.memo import Memo, Recompute

PARALLEL_FROM = 200  # checks to run; for fewer, forking workers costs more than it saves
CHUNK = 50


@dataclass(frozen=True)
class FileCheck:
    """One check of one file: run() may read text and nothing else that changes between builds."""

    kind: str  # what the build cache files the findings under, with anything else they depend on
    name: str  # the file, as messages name it
    text: str
    run: Callable[[], Sequence[Problem]]


@contextlib.contextmanager
def checking_files(checks: Sequence[FileCheck], problems: Problems, memo: Memo | None = None) -> Iterator[None]:
    """Add every check's findings to problems once the block ends; the new ones run in workers meanwhile."""
    memo = memo or Recompute()
    new = [check for check in checks if not memo.knows(check.kind, check.name, check.text)]
    started = workers.start_in_workers(_run, new, CHUNK) if len(new) >= PARALLEL_FROM else None
    try:
        yield
        done = dict(zip(((check.kind, check.name) for check in new), started.results(), strict=True)) if started else {}
    finally:
        if started is not None:
            started.close()
    for check in checks:
        found = functools.partial(_found_or_run, done, check)
        problems.extend(memo.recall(check.kind, check.name, check.text, found))


def _run(check: FileCheck) -> tuple[Problem, ...]:
    return tuple(check.run())


def _found_or_run(done: Mapping[tuple[str, str], tuple[Problem, ...]], check: FileCheck) -> tuple[Problem, ...]:
    found = done.get((check.kind, check.name))
    return found if found is not None else _run(check)
