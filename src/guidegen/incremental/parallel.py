"""Rendering many pages at once: in this process for a few, in forked worker processes for many.

Workers are forked after the site is read, linked and planned, so they inherit it and
nothing large is pickled; each writes the pages it renders straight into the staging
folder and sends back only what the build keeps of them (links, converted Markdown).
Other work started in workers (proofreading) is guidegen/workers.py's.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from guidegen.checks import links as linkcheck
from guidegen.heap import frozen
from guidegen.markup.converter import Rendered
from guidegen.render.environment import Renderer, TemplateRenderError
from guidegen.render.output import replace_file
from guidegen.structure.contexts import Page
from guidegen.workers import usable_cores as _usable_cores

PARALLEL_FROM = 400  # pages; below this, starting workers costs more than it saves (see bench/)
CHUNK_PAGES = 64
# A worker copies, page by page of memory, the parent's objects it touches (reading a Python object
# writes its reference count): after this many pages it is replaced by a fresh fork, which bounds
# the copies (at 14,500 pages: 280 MB for all processes together instead of 335 MB).
WORKER_PAGES = 1_600

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class PageResult:
    """The outcome of rendering one page: its links, or what went wrong."""

    index: int  # position in the sequence given to render_pages
    links: linkcheck.PageLinks | None = None  # None for files that are not HTML
    template_error: tuple[str, int | None, str] | None = None  # file, line, message
    write_error: str | None = None
    markdown: tuple[bytes, ...] = ()  # the keys of the Markdown it showed (markup/converter.py)
    converted: Mapping[bytes, Rendered] = field(default_factory=dict)  # what it converted anew


@dataclass(frozen=True)
class _Job:
    pages: Sequence[Page]
    renderer: Renderer
    staging: Path | None


_job: _Job | None = None  # set in the parent just before forking; workers inherit it


def render_pages(
    pages: Sequence[Page], renderer: Renderer, staging: Path | None, workers: int | None = None
) -> Iterator[PageResult]:
    """Render every page (writing it under staging, when given); results arrive in any order."""
    job = _Job(pages, renderer, staging)
    count = workers if workers is not None else _usable_cores()
    if count < 2 or len(pages) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        yield from _render_range(job, range(len(pages)))
        return
    global _job
    chunks = _chunks(len(pages))
    # Fresh workers every WORKER_PAGES pages come from a fresh pool, not from maxtasksperchild: a pool
    # forks its replacement workers from a thread of its own while its other threads run, and a
    # process must never fork with other threads alive (see serve_builds.py). A pool's first
    # workers are forked before it starts its threads, and closing it joins them.
    per_pool = count * max(1, WORKER_PAGES // CHUNK_PAGES)
    renderer.warm(pages)  # what many pages share, made once for all workers
    _job = job
    try:
        with frozen():  # the workers' collector then leaves the inherited objects alone: fewer pages copied
            for first in range(0, len(chunks), per_pool):
                with multiprocessing.get_context("fork").Pool(count) as pool:
                    for results in pool.imap_unordered(_render_chunk, chunks[first : first + per_pool]):
                        yield from results
    finally:
        _job = None


def _chunks(count: int) -> list[range]:
    """The pages' indices in chunks, the last chunk first.

    A plan ends with the files made from the whole site (structure/planning.py): the catalog's
    data files and the sitemap, the largest pages to make. Made first, they are made while this
    process holds the fewest results (each page's links), which grow through the render: at
    100,000 programs the peak of all processes fell from 1,445 to 1,212 MB. The others keep the
    plan's order (all of them reversed put 4,000 articles last, and raised that site's peak)."""
    # counted from the end, so that the last chunk is a whole one
    backwards = [range(max(0, end - CHUNK_PAGES), end) for end in range(count, 0, -CHUNK_PAGES)]
    return backwards[:1] + backwards[:0:-1]


def _render_chunk(indices: range) -> list[PageResult]:
    assert _job is not None, "workers are forked by render_pages"
    return list(_render_range(_job, indices))


def _render_range(job: _Job, indices: range) -> Iterator[PageResult]:
    markdown = job.renderer.markdown
    for index in indices:
        page = job.pages[index]
        try:
            text = job.renderer.render(page)
        except TemplateRenderError as exc:
            markdown.take()
            yield PageResult(index, template_error=(exc.file, exc.line, exc.message))
            continue
        used, converted = markdown.take()
        data = text.encode("utf-8")
        links = linkcheck.scan(data) if page.output.endswith(".html") else None
        if job.staging is not None:
            target = job.staging / page.output
            try:
                replace_file(target, data)
            except OSError as exc:
                yield PageResult(index, links, write_error=f"cannot write {target}: {exc.strerror or exc}")
                continue
        yield PageResult(index, links, markdown=used, converted=converted)
