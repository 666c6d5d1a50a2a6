"""The Python-Markdown internals markup/speed.py builds on, checked once against the installed version.

Python-Markdown keeps its inline loop private (the name-mangled `InlineProcessor.__handleInline`)
and does not document the toc extension's helpers. speed.py reaches them only through this
module. Where one is missing or takes other parameters, the speed-up that needs it is left out
and the stock processor runs in its place (the same output, slower), with a debug log naming
what changed, rather than a failure or a page rendered wrong.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, MutableSet
from dataclasses import dataclass

from markdown.extensions import toc
from markdown.treeprocessors import InlineProcessor

from guidegen.shapes import takes

logger = logging.getLogger(__name__)

# What FastInlineProcessor calls or replaces, with the parameters (after self) it passes.
INLINE_LOOP: dict[str, tuple[str, ...]] = {
    "_InlineProcessor__handleInline": ("data", "patternIndex"),
    "_InlineProcessor__applyPattern": ("pattern", "data", "patternIndex", "startIndex"),
}
# The toc helpers HeadingIds calls, with the parameters it passes (as in Python-Markdown 3.6 to 3.11).
TOC_HELPERS: dict[str, tuple[str, ...]] = {
    "slugify": ("value", "separator"),
    "unique": ("id", "ids"),
    "strip_tags": ("text",),
    "escape_cdata": ("text",),
    "unescape": ("text",),
    "run_postprocessors": ("text", "md"),
    "render_inner_html": ("el", "md"),
    "remove_fnrefs": ("root",),
    "nest_toc_tokens": ("toc_list",),
}
STOCK_INLINE = "the stock inline processor runs"
STOCK_TOC = "the stock toc extension runs"


@dataclass(frozen=True)
class Internals:
    """Which speed-ups the installed Python-Markdown allows."""

    inline_loop: bool  # FastInlineProcessor may replace the stock inline loop
    toc_helpers: bool  # HeadingIds may stand in for the stock toc extension
    unique_counters: bool  # toc.unique takes its cache of counters (Python-Markdown 3.11.3 and later)


def _changed(owner: object, expected: dict[str, tuple[str, ...]], *, method: bool) -> list[str]:
    return [name for name, wanted in expected.items() if not takes(getattr(owner, name, None), wanted, method=method)]


@functools.cache
def internals() -> Internals:
    """The check, made once per process when the first converter is set up."""
    inline = _changed(InlineProcessor, INLINE_LOOP, method=True)
    helpers = _changed(toc, TOC_HELPERS, method=False)
    if inline:
        logger.debug("Python-Markdown's inline loop changed shape (%s): %s", ", ".join(inline), STOCK_INLINE)
    if helpers:
        logger.debug("Python-Markdown's toc helpers changed shape (%s): %s", ", ".join(helpers), STOCK_TOC)
    return Internals(
        inline_loop=not inline,
        toc_helpers=not helpers,
        unique_counters=takes(getattr(toc, "unique", None), ("id", "ids", "counters")),
    )


def unique_id(wanted: str, ids: MutableSet[str], counters: dict[str, int]) -> str:
    """toc.unique: the id made unique among ids, passing the counters cache where this version takes it.

    The cache only skips suffixes already known to be taken, so the id is the same either way."""
    unique: Callable[..., str] = toc.unique
    if internals().unique_counters:
        return unique(wanted, ids, counters)
    return unique(wanted, ids)
