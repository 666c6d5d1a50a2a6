"""Python-Markdown's own test suite, run with guidegen's processors in place of the stock ones.

Usage: python tests/markdown_peer.py SDIST_DIR

SDIST_DIR is an unpacked Python-Markdown sdist: its `markdown/` package goes first on the path and
its `tests/` are discovered, with FastMarkdown standing in for markdown.Markdown, FastInlineProcessor
for the inline processor every Markdown instance builds, and FastAttrList for attr_list's tree pass.
A peer's suite of about a thousand cases is a stronger check than guidegen's own. Exits non-zero
when a test fails or when the substitution did not take.
"""

from __future__ import annotations

import sys
import unittest
from pathlib import Path
from typing import Any

MINIMUM_TESTS = 900  # Python-Markdown 3.6 has about 1,000, 3.11.3 has 1,141: fewer means discovery broke


def substitute() -> None:
    """Put guidegen's classes where Python-Markdown's own code looks its classes up."""
    import markdown
    import markdown.core
    import markdown.treeprocessors
    from markdown.extensions import attr_list

    from guidegen.markup.internals import internals
    from guidegen.markup.speed import FastAttrList, FastInlineProcessor, FastMarkdown

    if not internals().inline_loop or not internals().toc_helpers:
        sys.exit(f"Python-Markdown {markdown.__version__} is outside what guidegen's speed-ups support: {internals()}")
    stock_treeprocessors = markdown.treeprocessors.build_treeprocessors

    def build_treeprocessors(md: markdown.Markdown, **kwargs: Any) -> Any:
        processors = stock_treeprocessors(md, **kwargs)
        processors.register(FastInlineProcessor(md), "inline", 20)
        return processors

    markdown.Markdown = markdown.core.Markdown = FastMarkdown  # type: ignore[misc]
    markdown.core.build_treeprocessors = build_treeprocessors
    attr_list.AttrListTreeprocessor = FastAttrList  # type: ignore[misc]

    probe = markdown.Markdown(extensions=["attr_list"])
    kinds = (type(probe), type(probe.treeprocessors["inline"]), type(probe.treeprocessors["attr_list"]))
    if kinds != (FastMarkdown, FastInlineProcessor, FastAttrList):
        sys.exit(f"the substitution did not take: {kinds}")


def main(sdist: Path) -> int:
    sys.path.insert(0, str(sdist))
    substitute()
    import markdown

    suite = unittest.defaultTestLoader.discover(str(sdist / "tests"), top_level_dir=str(sdist))
    result = unittest.TextTestRunner(stream=sys.stderr, verbosity=0).run(suite)
    print(f"Python-Markdown {markdown.__version__}'s own suite with guidegen's processors: {result.testsRun} tests")
    if result.testsRun < MINIMUM_TESTS:
        print(f"expected at least {MINIMUM_TESTS} tests", file=sys.stderr)
        return 1
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1]).resolve()))
