"""What a template refers to, read from its syntax tree: the templates it names, and whether it reads the whole site.

The build checks every template once (render/environment.py) and keeps these facts; a page's key
(incremental/keys.py) then covers its template and every template that one reaches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from jinja2 import meta, nodes

N = TypeVar("N", bound=nodes.Node)

SITE_WIDE_GLOBALS = frozenset({"linked"})  # globals that expose the whole site, not just `page`


@dataclass(frozen=True)
class TemplateFacts:
    """What one template refers to, found in its syntax tree."""

    references: tuple[str, ...]  # templates it extends, includes or imports by name
    dynamic: bool  # it names a template by an expression: depends on every template
    site_wide: bool  # it reads the whole site (the `linked` global or an `origin`)


class Walk:
    """Every node of a parsed template, found in one walk: each question about it then filters a list.

    Jinja2's find_all walks the whole tree for every question, and the checks ask ten."""

    def __init__(self, tree: nodes.Template) -> None:
        self.tree = tree
        self.nodes = list(tree.find_all(nodes.Node))  # depth first, as find_all gives them

    def find_all(self, kind: type[N]) -> list[N]:
        return [node for node in self.nodes if isinstance(node, kind)]


def template_facts(tree: nodes.Template | None, walk: Walk | None = None) -> TemplateFacts:
    """What a parsed template refers to; None for one that does not parse."""
    if tree is None:
        return TemplateFacts((), True, True)  # the build reports it; depend on everything meanwhile
    walk = walk or Walk(tree)
    references = tuple(meta.find_referenced_templates(tree))
    names = tuple(sorted({ref for ref in references if ref is not None}))
    reads_origin = any(node.attr == "origin" for node in walk.find_all(nodes.Getattr)) or any(
        isinstance(node.arg, nodes.Const) and node.arg.value == "origin" for node in walk.find_all(nodes.Getitem)
    )
    site_wide = reads_origin or _reads_global(walk, SITE_WIDE_GLOBALS)
    return TemplateFacts(names, None in references, site_wide)


def _reads_global(walk: Walk, globals_: frozenset[str]) -> bool:
    """Whether the template reads one of these globals (a variable of that name it does not set itself)."""
    if not any(node.name in globals_ for node in walk.find_all(nodes.Name)):
        return False  # the usual answer, without the code generator's pass that tells variables apart
    return bool(meta.find_undeclared_variables(walk.tree) & globals_)
