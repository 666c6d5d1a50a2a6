"""Fragments many pages share, rendered once per process: a program's card is on up to a dozen listings.

A national catalog puts each program on the catalog's page, on the landing page of its format, type,
country, region and each topic, and on the guide listings that include it: at 100,000 programs that
is about a million cards, so rendering each card's macro once and reusing its HTML is most of the
listings' time. The card is the theme's `program_card` macro (partials/program_card.html, which a
site may override); the page that shows it still imports that template, so the pages' dependency
keys know it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import jinja2
from markupsafe import Markup

from guidegen.content.models import Program
from guidegen.structure.contexts import Page, ProgramPaging

CARD_TEMPLATE = "partials/program_card.html"


class ProgramCards:
    """`program_card(program, heading_level)`'s HTML, remembered by program and heading level.

    A renderer lives for one build, so a program edited since is a new object with new HTML; the
    key is the object itself (programs are immutable), not its id.
    """

    def __init__(self, env: jinja2.Environment) -> None:
        self._env = env
        self._html: dict[tuple[int, int], tuple[Program, Markup]] = {}
        self._levels: set[int] = set()  # the heading levels asked for (see warm)

    def __call__(self, program: Program, heading_level: int = 3) -> Markup:
        self._levels.add(heading_level)
        key = (id(program), heading_level)
        found = self._html.get(key)
        if found is not None and found[0] is program:
            return found[1]
        macro = self._env.get_template(CARD_TEMPLATE).module.program_card  # type: ignore[attr-defined]
        html = Markup(macro(program, heading_level=heading_level))
        self._html[key] = (program, html)  # the program is kept, so its id is not reused meanwhile
        return html

    def warm(self, pages: Sequence[Page], render: Callable[[Page], object]) -> None:
        """Make, in this process, the cards that the listings among pages show, before workers fork to render them.

        A worker lives for 1,600 pages (incremental/parallel.py), and a program's cards are on
        listings spread over all of them: made in each worker, a card is rarely asked for twice
        there. Made here, every worker inherits them all. Worth it when a card is on two listings or
        more on average. render() renders one page of each listing template here first, which
        shows the heading levels its cards are asked in. Whatever fails here fails again, and is
        reported, when the page renders in a worker.
        """
        pagings = ((page, getattr(page, "paging", None)) for page in pages)
        listings = [(page, paging.programs) for page, paging in pagings if isinstance(paging, ProgramPaging)]
        shown = sum(len(programs) for _page, programs in listings)
        if shown < 2 * len({id(program) for _page, programs in listings for program in programs}):
            return
        levels: dict[str | None, set[int]] = {}
        try:
            for page, programs in listings:
                if page.template not in levels:
                    self._levels = set()
                    render(page)
                    levels[page.template] = self._levels
                for level in levels[page.template]:
                    for program in programs:
                        self(program, level)
        except Exception:  # an optimization: the worker rendering the page reports it
            return
