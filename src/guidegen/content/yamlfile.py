"""Parse YAML with a line number for every field and a check for duplicate keys."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # the libyaml parser is several times faster; fall back when it is not built
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was installed
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

from guidegen.errors import Problems

Path_ = tuple[str | int, ...]

# Aliases (`*name`) may repeat a node; a file whose aliases multiply it past this many values, and
# past ALIAS_GROWTH times its written size, is refused before anything walks it ("billion laughs").
ALIAS_VALUE_LIMIT = 100_000
ALIAS_GROWTH = 10
# Where an anchor can start: '&' at the start of a line or after a space or a flow or block indicator
# (`key: &a`, `- &a`, `[&a`). '&' inside a word ("Texas A&M") anchors nothing.
_ANCHOR = re.compile(r"(?:^|[\s\[\]{},:?-])&[^\s\[\]{},]")


class _Loader(Loader):
    """The safe loader, except that a date-like value that is no real date stays text.

    PyYAML raises a bare ValueError for `2026-13-01`, losing the line; kept as text, it reaches
    validation, which reports it with its file, line and field.
    """


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


@dataclass
class YamlDocument:
    """Parsed data plus the line where each field (by path) starts."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    first_line: int = 1
    _index: YamlDocument | None = field(default=None, compare=False, repr=False)

    def line_index(self) -> YamlDocument:
        """The document without its data: all that messages need once the data is validated into models.

        One object however often it is asked (by each of a catalog's records), so it is stored once."""
        if self._index is None:
            self._index = YamlDocument(None, self.lines, self.first_line)
        return self._index

    def restored(self, text: str) -> YamlDocument:
        """The index as parsed, from a stored one and its source's text (see LinesWhenNeeded)."""
        return self

    def line_for(self, path: Path_) -> int:
        """The line of path, or of its nearest ancestor that exists in the file."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), self.first_line)

    def column_for(self, path: Path_) -> int | None:
        """The column of path, for sources that have columns (a spreadsheet's); YAML names lines only."""
        return None

    def field_name(self, path: Path_) -> str:
        """How messages name the field at path: levels[2].base."""
        return dotted(path)


@dataclass
class LinesWhenNeeded(YamlDocument):
    """A document parsed without a line for each field: the lines are found, by parsing its text again,
    the first time a message asks for one. A large catalog is read in half the time, and the
    index of its every field (1.6 million paths at 100,000 programs) is built only for a file with errors.

    A cache stores it without the text, which the source gives back when the cache is read (restored).
    """

    text: str | None = field(default=None, repr=False, compare=False)
    indexed: bool = False
    first_index: int = 0  # the number of the text's first item in its file (a part of a catalog, CatalogPart)

    def line_index(self) -> YamlDocument:
        if self._index is None:
            index = LinesWhenNeeded(
                None, self.lines, self.first_line, text=self.text, indexed=self.indexed, first_index=self.first_index
            )
            index._index = index  # the index is its own: lines are found once, whichever of the two asks
            self._index = index
        return self._index

    def line_for(self, path: Path_) -> int:
        index = self.line_index()
        if index is not self:
            return index.line_for(path)
        if not self.indexed and self.text is not None:
            loader = _Loader(self.text)
            try:
                node = loader.get_single_node()
                if node is not None:  # it parsed before, so it parses again
                    _index_lines(node, (), self.first_line - 1, self.lines, self.first_index)
            finally:
                loader.dispose()
            self.indexed, self.text = True, None
        return super().line_for(path)

    def restored(self, text: str) -> YamlDocument:
        if not self.indexed and self.text is None:
            self.text = text  # the same text this was parsed from: the cache matched its digest
        return self

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "text": None}


def parse_yaml(
    text: str, name: str, problems: Problems, *, first_line: int = 1, lines_when_needed: bool = False
) -> YamlDocument | None:
    """Parse one YAML document; record syntax errors and duplicate keys as problems.

    With lines_when_needed, a text that parses cleanly and has no anchors, merge keys or tags of
    its own is read without a line index (LinesWhenNeeded); any other text takes the full path,
    which reports what is wrong with it."""
    if lines_when_needed and not _ANCHOR.search(text):
        data = _plain_items(text)
        if data is _NOT_PLAIN:
            data = _plain_data(text)
        if data is not _NOT_PLAIN:
            return LinesWhenNeeded(data, {(): first_line}, first_line, text=text)
    offset = first_line - 1
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(None, {(): first_line}, first_line)
        # an alias needs an anchor (&name): a text without one cannot grow through aliases, and walking
        # the node graph to count is a third of the time of a large catalog's parse
        expanded, written = _value_counts(node) if _ANCHOR.search(text) else (0, 0)
        if expanded > max(ALIAS_VALUE_LIMIT, ALIAS_GROWTH * written):
            problems.error(
                name,
                f"YAML aliases expand this file to {expanded:,} values (it is written with {written:,})",
                line=first_line,
                hint="write the values out instead of repeating them through aliases (*name)",
            )
            return None
        lines: dict[Path_, int] = {}
        duplicates = _index_lines(node, (), offset, lines)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        _report_syntax_error(exc, text, name, problems, offset)
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML parse error is marked
        problems.error(name, f"YAML error: {exc}")
        return None
    finally:
        loader.dispose()
    for path, line, first in duplicates:
        problems.error(
            name,
            f"duplicate key '{path[-1]}' (first defined on line {first})",
            line=line,
            field=dotted(path),
            hint="YAML keeps only the last value; remove one of them",
        )
    return YamlDocument(data, lines, first_line)


_NOT_PLAIN = object()
_ITEM = re.compile(r"^-(?:[ \t\r]|$)", re.M)  # a line that starts an item of a list at the top of the text
ITEMS_PER_PARSE = 1_000
_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class _NotPlainError(Exception):
    """A node the plain reading leaves to the full parse: a duplicate or merge key, a key that is not text,
    a tag of the document's own."""


@dataclass(frozen=True)
class CatalogPart:
    """ITEMS_PER_PARSE items of a list at the top of a text, as a text of their own."""

    text: str
    first_line: int  # the line of the file the part starts on
    first_index: int  # the number of its first item in the file's list
    items: int


def catalog_parts(text: str) -> list[CatalogPart] | None:
    """A list at the top of the text (a catalog) in parts of ITEMS_PER_PARSE items; None if it is no such list.

    An item starts where a line starts with "- " (or is "-"). A line inside a quoted or flow value could
    start so too; the part before it then fails to parse (read_part), and the whole text is read at once."""
    starts = [found.start() for found in _ITEM.finditer(text)]
    if not starts or any(line.strip() and not line.lstrip().startswith("#") for line in text[: starts[0]].splitlines()):
        return None  # not a list, or one with a directive or document marker before it
    parts = []
    line = text.count("\n", 0, starts[0]) + 1
    for first in range(0, len(starts), ITEMS_PER_PARSE):
        after = first + ITEMS_PER_PARSE
        part = text[starts[first] : starts[after] if after < len(starts) else len(text)]
        parts.append(CatalogPart(part, line, first, len(starts[first:after])))
        line += part.count("\n")
    return parts


def read_part(part: CatalogPart) -> LinesWhenNeeded | None:
    """A part's items, without a line index (LinesWhenNeeded); None when the part needs the whole text's
    full parse: it does not parse alone, or holds an anchor, or something else the plain reading leaves."""
    data = None if _ANCHOR.search(part.text) else _part_items(part)
    if data is None:
        return None
    lines: dict[Path_, int] = {(): part.first_line}
    return LinesWhenNeeded(data, lines, part.first_line, text=part.text, first_index=part.first_index)


def _part_items(part: CatalogPart) -> list[Any] | None:
    """A part's items by the plain reading; None unless it reads alone as exactly the items it was cut at."""
    data = _plain_data(part.text)
    return data if isinstance(data, list) and len(data) == part.items else None


def _plain_items(text: str) -> Any:
    """A list at the top of the text (a catalog), read a part at a time (catalog_parts); _NOT_PLAIN otherwise.

    Nodes take several times the memory of the data they make: a 100,000-program file's whole node graph
    was 1.3 GB."""
    parts = catalog_parts(text)
    if parts is None:
        return _NOT_PLAIN
    items: list[Any] = []
    for part in parts:
        data = _part_items(part)
        if data is None:
            return _NOT_PLAIN
        items.extend(data)
    return items


def _plain_data(text: str) -> Any:
    """The data of a text without anchors, built straight from its nodes; _NOT_PLAIN when it needs the full parse.

    Equal to what the full parse constructs: scalars go to the same constructors (dates stay text
    when they are no real date), lists and mappings are built alike."""
    loader = _Loader(text)
    constructors = loader.yaml_constructors

    def build(node: yaml.Node) -> Any:
        kind = type(node)
        if kind is yaml.ScalarNode:
            if node.tag == _STR:
                return node.value
            if node.tag not in constructors:
                raise _NotPlainError
            return constructors[node.tag](loader, node)
        if kind is yaml.SequenceNode and node.tag == _SEQ:
            return [build(item) for item in node.value]
        if kind is yaml.MappingNode and node.tag == _MAP:
            mapping: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if type(key_node) is not yaml.ScalarNode or key_node.tag != _STR:
                    raise _NotPlainError
                key = key_node.value
                if key in mapping or key == "<<":
                    raise _NotPlainError
                mapping[key] = build(value_node)
            return mapping
        raise _NotPlainError

    try:
        node = loader.get_single_node()
        return _NOT_PLAIN if node is None else build(node)
    except (_NotPlainError, yaml.YAMLError, ValueError, TypeError, RecursionError):
        return _NOT_PLAIN  # the full parse reports it, with its line
    finally:
        loader.dispose()


def dotted(path: Path_) -> str:
    """levels.2.base -> 'levels[2].base', the way an editor reads a YAML path."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _report_syntax_error(exc: yaml.MarkedYAMLError, text: str, name: str, problems: Problems, offset: int) -> None:
    """`file:line: YAML syntax error at column C: what (where the enclosing construct started)`."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 + offset if mark else None
    where = f" at column {mark.column + 1}" if mark else ""
    written = text.rstrip()
    if mark is not None and mark.index >= len(written):  # PyYAML points past the last line
        line = written.count("\n") + 1 + offset
        where = " at the end"
    problem = exc.problem or "invalid YAML"
    hint = None
    if "tab" in problem and ("'\\t'" in problem or "tab character" in problem):
        problem = "a tab character is not allowed here"
        hint = "indent YAML with spaces, not tabs"
    elif exc.context:
        hint = exc.context
        started = exc.context_mark
        if started is not None and exc.problem_mark is not None and started.line != exc.problem_mark.line:
            hint += f" that starts on line {started.line + 1 + offset}"
    problems.error(name, f"YAML syntax error{where}: {problem}", line=line, hint=hint)


def _value_counts(root: yaml.Node) -> tuple[int, int]:
    """(values once aliases are expanded, values as written) of a node graph."""
    expanded: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in expanded:
            continue
        children = _children(node)
        if children_done or not children:
            expanded[id(node)] = 1 + sum(expanded[id(child)] for child in children)
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in expanded)
    return expanded[id(root)], len(expanded)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _index_lines(
    node: yaml.Node, path: Path_, offset: int, lines: dict[Path_, int], first_index: int = 0
) -> list[tuple[Path_, int, int]]:
    """Fill lines with path -> line; return duplicate keys as (path, line, first_line).

    The items of a list at the top are numbered from first_index (a part of a catalog)."""
    duplicates: list[tuple[Path_, int, int]] = []
    stack: list[tuple[yaml.Node, Path_]] = [(node, path)]
    lines[path] = node.start_mark.line + 1 + offset
    while stack:
        current, where = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in current.value:
                key = str(key_node.value)
                line = key_node.start_mark.line + 1 + offset
                if key in seen and key != "<<":
                    duplicates.append(((*where, key), line, seen[key]))
                    continue
                seen[key] = line
                child = (*where, key)
                lines[child] = line
                if not isinstance(value_node, yaml.ScalarNode):
                    stack.append((value_node, child))
        elif isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value, start=first_index if where == path else 0):
                child = (*where, index)
                lines[child] = item.start_mark.line + 1 + offset
                if not isinstance(item, yaml.ScalarNode):
                    stack.append((item, child))
    return duplicates
