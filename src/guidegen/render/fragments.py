"""Fragments many pages share, rendered once per process: a program's card is on up to a dozen listings.

A national catalog puts each program on the catalog's page, on the landing page of its format, type,
country, region and each topic, and on the guide listings that include it: at 100,000 programs that
is about a million cards, so rendering each card's macro once and reusing its HTML is most of the
listings' time. The card is the theme's `program_card` macro (partials/program_card.html, which a
site may override); the page that shows it still imports that template, so the pages' dependency
keys know it.
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from guidegen.content.models import Program

CARD_TEMPLATE = "partials/program_card.html"


class ProgramCards:
    """`program_card(program, heading_level)`'s HTML, remembered by program and heading level.

    A renderer lives for one build, so a program edited since is a new object with new HTML; the
    key is the object itself (programs are immutable), not its id.
    """

    def __init__(self, env: jinja2.Environment) -> None:
        self._env = env
        self._html: dict[tuple[int, int], tuple[Program, Markup]] = {}

    def __call__(self, program: Program, heading_level: int = 3) -> Markup:
        key = (id(program), heading_level)
        found = self._html.get(key)
        if found is not None and found[0] is program:
            return found[1]
        macro = self._env.get_template(CARD_TEMPLATE).module.program_card  # type: ignore[attr-defined]
        html = Markup(macro(program, heading_level=heading_level))
        self._html[key] = (program, html)  # the program is kept, so its id is not reused meanwhile
        return html
