"""What templates offer each other (blocks, macros) and take from each other, so that an override that
fills a block or calls a macro its parent no longer has is an error, not a silently missing part of a page.

Jinja2 itself drops a child's block that its parent lacks without a word, and reports an
imported macro that is missing only when a page renders. A site that overrides one theme
template keeps working across theme upgrades only if these are checked at build time.
Each template's facts come from its own text alone (so they can be remembered with it);
check() combines them across templates on every build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from jinja2 import nodes

from guidegen.errors import Problems
from guidegen.render.template_facts import Walk


@dataclass(frozen=True)
class Use:
    """A name one template takes from another: a block it fills, or a macro it imports or calls."""

    kind: str  # "block" or "macro"
    name: str
    target: str  # the template it is taken from
    line: int


@dataclass(frozen=True)
class TemplateInterface:
    extends: str | None
    blocks: frozenset[str]  # every block the template defines, at any depth
    exports: frozenset[str]  # macros and top-level {% set %} names, what {% import %} offers
    uses: tuple[Use, ...]


UNKNOWN = TemplateInterface(None, frozenset(), frozenset(), ())  # a template that does not parse


def interface(tree: nodes.Template, walk: Walk | None = None) -> TemplateInterface:
    """The blocks and macros a parsed template defines and those it takes from other templates."""
    walk = walk or Walk(tree)
    extends = next(
        (
            node.template.value
            for node in walk.find_all(nodes.Extends)
            if isinstance(node.template, nodes.Const) and isinstance(node.template.value, str)
        ),
        None,
    )
    blocks = frozenset(node.name for node in walk.find_all(nodes.Block))
    exports = {node.name for node in tree.body if isinstance(node, nodes.Macro)}
    for node in tree.body:
        if isinstance(node, nodes.Assign) and isinstance(node.target, nodes.Name):
            exports.add(node.target.name)
    uses: list[Use] = []
    if extends is not None:
        uses.extend(Use("block", block.name, extends, block.lineno) for block in _outer_blocks(tree))
    aliases: dict[str, str] = {}
    for imported in walk.find_all(nodes.FromImport):
        target = _constant(imported.template)
        if target is None:
            continue
        for name in imported.names:
            uses.append(Use("macro", name if isinstance(name, str) else name[0], target, imported.lineno))
    for module in walk.find_all(nodes.Import):
        target = _constant(module.template)
        if target is not None:
            aliases[module.target] = target
    for attribute in walk.find_all(nodes.Getattr):
        if isinstance(attribute.node, nodes.Name) and attribute.node.name in aliases:
            uses.append(Use("macro", attribute.attr, aliases[attribute.node.name], attribute.lineno))
    return TemplateInterface(extends, blocks, frozenset(exports), tuple(uses))


def _constant(node: nodes.Expr) -> str | None:
    return node.value if isinstance(node, nodes.Const) and isinstance(node.value, str) else None


def _outer_blocks(node: nodes.Node) -> Iterator[nodes.Block]:
    """Blocks not inside another block: those a child template fills in its parent."""
    for child in node.iter_child_nodes():
        if isinstance(child, nodes.Block):
            yield child
        else:
            yield from _outer_blocks(child)


def check(interfaces: Mapping[str, TemplateInterface], shown: Callable[[str], str], problems: Problems) -> None:
    """Report every block or macro a template takes from another template that does not offer it.

    A missing target template is reported by the template check itself, so it is skipped here.
    """
    for name in sorted(interfaces):
        for use in interfaces[name].uses:
            if use.target not in interfaces:
                continue
            if use.kind == "block":
                offered = _blocks_of_chain(use.target, interfaces)
                what = f"block '{use.name}' is not in '{use.target}' or the templates it extends"
                hint = "its content would never be shown; rename the block to one the parent has"
            else:
                offered = interfaces[use.target].exports
                what = f"macro '{use.name}' is not defined in '{use.target}'"
                hint = "the template it comes from may have renamed or removed it"
            if use.name not in offered:
                problems.error(shown(name), what, line=use.line, hint=hint)


def _blocks_of_chain(name: str, interfaces: Mapping[str, TemplateInterface]) -> frozenset[str]:
    found: set[str] = set()
    seen: set[str] = set()
    current: str | None = name
    while current is not None and current in interfaces and current not in seen:
        seen.add(current)
        found |= interfaces[current].blocks
        current = interfaces[current].extends
    return frozenset(found)
