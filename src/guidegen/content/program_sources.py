"""Program catalogs kept as spreadsheets (CSV) or database exports (JSON), read into the same records as YAML.

A CSV file has one header row of field names, nested fields dotted (`location.city`), list cells
(`tags`) separated by `|`; an empty cell leaves the field out. Cells are separated by commas, or by
semicolons or tabs when the header row holds more of those (a spreadsheet saved in a locale that
writes decimal commas exports `;`). A JSON file holds a list of program objects, as a YAML file does.
Both are validated by the same model as YAML; messages name the record's line and, in a CSV file,
its column: `content/programs/us.csv:6:7: format: expected one of ...`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from guidegen.content.models import Program, program_columns
from guidegen.content.site import Origin, ProgramRecord
from guidegen.content.sources import SourceText
from guidegen.content.validation import validate
from guidegen.content.yamlfile import Path_, YamlDocument, dotted
from guidegen.errors import Problems, did_you_mean

LIST_SEPARATOR = "|"
LIST_COLUMNS = ("tags", "aliases")
DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}


@dataclass
class TableLines(YamlDocument):
    """Where each record of a CSV file starts (its row's line) and the column of each field."""

    rows: list[int] = field(default_factory=list)  # record index -> line of the row
    columns: dict[Path_, int] = field(default_factory=dict)  # field path (location, city) -> 1-based column

    def line_for(self, path: Path_) -> int:
        if path and isinstance(path[0], int) and path[0] < len(self.rows):
            return self.rows[path[0]]
        return 1

    def column_for(self, path: Path_) -> int | None:
        where = tuple(part for part in path[1:] if isinstance(part, str))
        while where:
            if where in self.columns:
                return self.columns[where]
            where = where[:-1]
        return None

    def field_name(self, path: Path_) -> str:
        return dotted(tuple(part for part in path[1:] if isinstance(part, str)))  # the column, not the list item

    def line_index(self) -> YamlDocument:
        return self


@dataclass
class JsonLines(YamlDocument):
    """Where each record of a JSON file starts; the line of a field inside one is looked up in the text
    only when a message needs it (the text is dropped once the file is read)."""

    rows: list[int] = field(default_factory=list)

    def line_for(self, path: Path_) -> int:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.first_line

    def line_index(self) -> YamlDocument:
        return self


def parse_program_csv(source: SourceText, mapping: Mapping[str, str], problems: Problems) -> list[ProgramRecord]:
    """The programs of a CSV file; every problem is recorded with its row and column."""
    text = source.text
    if not text.strip():
        hint = "write a header row of field names, then one row for each program"
        problems.error(source.name, "file is empty", line=1, hint=hint)
        return []
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        problems.error(source.name, "not a text file: it contains NUL bytes", line=line)
        return []
    header_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=header_line.count)
    if header_line.count(delimiter) == 0:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
        columns = _header_columns(source, header, mapping, delimiter, problems)
        if columns is None:
            return []
        return _rows(source, reader, header, columns, problems)
    except csv.Error as exc:
        problems.error(
            source.name,
            f"CSV syntax error: {exc}",
            line=reader.line_num or 1,
            hint="a cell holding the delimiter, a quote or a line break must be quoted, with quotes inside doubled",
        )
        return []


def _header_columns(
    source: SourceText, header: list[str], mapping: Mapping[str, str], delimiter: str, problems: Problems
) -> dict[int, tuple[str, ...]] | None:
    """Cell index -> field path of every known column; None when the header cannot be used."""
    known = program_columns()
    columns: dict[int, tuple[str, ...]] = {}
    first: dict[str, int] = {}
    usable = True
    for index, written in enumerate(header):
        name = mapping.get(written.strip(), written.strip())
        if not name:
            if any(cell.strip() for cell in header[index + 1 :]):
                problems.error(source.name, "column has no name", line=1, column=index + 1, field="header")
                usable = False
            continue
        if name in first:
            problems.error(
                source.name,
                f"column '{name}' appears twice (first as column {first[name]})",
                line=1,
                column=index + 1,
                field="header",
                hint="keep one of the two columns",
            )
            usable = False
            continue
        first[name] = index + 1
        if name not in known:
            others = [other for other in DELIMITERS if other != delimiter and other in written]
            hint = did_you_mean(name, known)
            if others:
                hint = f"cells are separated by {_DELIMITER_NAMES[delimiter]} here; is the file separated by another?"
            problems.warning(
                source.name,
                f"unknown column '{written.strip()}': its cells are not read",
                line=1,
                column=index + 1,
                field="header",
                hint=hint or "name the column after a program field, or map it in site.yaml's programs_columns",
            )
            continue
        columns[index] = tuple(name.split("."))
    present = {".".join(path) for path in columns.values()}
    for required in _required_columns():
        if required not in present:
            problems.error(
                source.name,
                f"required column '{required}' is missing",
                line=1,
                field="header",
                hint="add the column, or map the export's own header to it in site.yaml's programs_columns",
            )
            usable = False
    return columns if usable else None


def _required_columns() -> list[str]:
    """The columns every program needs: required fields, and the required fields of required nested ones."""
    required: list[str] = []
    for name, info in Program.model_fields.items():
        if not info.is_required():
            continue
        nested = getattr(info.annotation, "model_fields", None)
        if nested is None:
            required.append(name)
        else:
            required.extend(f"{name}.{sub}" for sub, sub_info in nested.items() if sub_info.is_required())
    return required


def _rows(
    source: SourceText,
    reader: Any,
    header: list[str],
    columns: dict[int, tuple[str, ...]],
    problems: Problems,
) -> list[ProgramRecord]:
    lines = TableLines(None, columns={path: index + 1 for index, path in columns.items()})
    records: list[ProgramRecord] = []
    width = len(header)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        if not any(cell.strip() for cell in row):
            continue  # a blank line between records, as spreadsheets leave at the end
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            problems.error(
                source.name,
                f"row has {len(row)} cells, the header {width}",
                line=start,
                column=width + 1,
                hint="a cell holding the delimiter must be quoted",
            )
            continue
        record: dict[str, Any] = {}
        for index, path in columns.items():
            cell = row[index].strip() if index < len(row) else ""
            if not cell:
                continue
            value: Any = cell
            if path[-1] in LIST_COLUMNS and len(path) == 1:
                value = [item.strip() for item in cell.split(LIST_SEPARATOR) if item.strip()]
            target = record
            for part in path[:-1]:
                target = target.setdefault(part, {})
            target[path[-1]] = value
        index = len(lines.rows)
        lines.rows.append(start)
        program = validate(Program, record, lines, source.name, problems, base=(index,))
        if program is not None:
            records.append(ProgramRecord(program, Origin(source.name, lines, base=(index,))))
    return records


def parse_program_json(source: SourceText, problems: Problems) -> list[ProgramRecord]:
    """The programs of a JSON file: a list of objects (or one object), each validated like a YAML record."""
    text = source.text
    if not text.strip():
        problems.error(source.name, "file is empty", line=1, hint='write a list of programs: [{"id": ...}, ...]')
        return []
    duplicates: list[tuple[int, str]] = []  # (record, key)
    current = [0]

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in items:
            if key in seen:
                duplicates.append((current[0], key))
            seen[key] = value
        return seen

    decoder = json.JSONDecoder(object_pairs_hook=pairs)
    try:
        items, starts, is_list = _decode_records(text, decoder, current)
    except json.JSONDecodeError as exc:
        problems.error(source.name, f"JSON syntax error at column {exc.colno}: {exc.msg}", line=exc.lineno)
        return []
    lines = JsonLines(None, rows=[text.count("\n", 0, start) + 1 for start in starts])
    for index, start in enumerate(lines.rows):
        lines.lines[(index,) if is_list else ()] = start
    failed: set[int] = set()
    for index, key in duplicates:
        base: Path_ = (index,) if is_list else ()
        problems.error(
            source.name,
            f"duplicate key '{key}'",
            line=_key_line(text, starts[index], key),
            field=dotted((*base, key)),
            hint="JSON keeps only the last value; remove one of them",
        )
        failed.add(index)
    records: list[ProgramRecord] = []
    for index, item in enumerate(items):
        base = (index,) if is_list else ()
        found = Problems()
        program = validate(Program, item, lines, source.name, found, base=base)
        if found.items:  # name the line of each field a message is about
            _index_fields(text, starts[index], item, base, lines.lines)
            found = Problems()
            program = validate(Program, item, lines, source.name, found, base=base)
            problems.extend(found.items)
        if program is not None and index not in failed:
            records.append(ProgramRecord(program, Origin(source.name, lines, base=base)))
    return records


def _decode_records(text: str, decoder: json.JSONDecoder, current: list[int]) -> tuple[list[Any], list[int], bool]:
    """The top-level values and the offset where each starts: the items of a list, or the one value."""
    position = _skip_space(text, 0)
    if not text.startswith("[", position):
        value, end = decoder.raw_decode(text, position)
        _expect_end(text, end, decoder)
        return [value], [position], False
    items: list[Any] = []
    starts: list[int] = []
    position = _skip_space(text, position + 1)
    if text.startswith("]", position):
        _expect_end(text, position + 1, decoder)
        return items, starts, True
    while True:
        current[0] = len(items)
        value, end = decoder.raw_decode(text, position)
        items.append(value)
        starts.append(position)
        position = _skip_space(text, end)
        if text.startswith(",", position):
            position = _skip_space(text, position + 1)
            continue
        if text.startswith("]", position):
            _expect_end(text, position + 1, decoder)
            return items, starts, True
        raise json.JSONDecodeError("expected ',' or ']' after a program", text, position)


def _expect_end(text: str, position: int, decoder: json.JSONDecoder) -> None:
    end = _skip_space(text, position)
    if end < len(text):
        raise json.JSONDecodeError("extra data after the list of programs", text, end)


_SPACE = re.compile(r"[ \t\n\r]*")


def _skip_space(text: str, position: int) -> int:
    match = _SPACE.match(text, position)
    return match.end() if match else position


def _key_line(text: str, start: int, key: str) -> int:
    found = re.compile(re.escape(json.dumps(key)) + r"\s*:").search(text, start)
    return text.count("\n", 0, found.start() if found else start) + 1


def _index_fields(text: str, start: int, item: Any, base: Path_, lines: dict[Path_, int]) -> None:
    """The line of every key of one record, found in order after the record's start."""
    stack: list[tuple[Any, Path_, int]] = [(item, base, start)]
    while stack:
        value, path, after = stack.pop()
        if not isinstance(value, dict):
            continue
        for key, child in value.items():
            pattern = re.compile(re.escape(json.dumps(key)) + r"\s*:")
            found = pattern.search(text, after)
            if found is None:
                continue
            lines[(*path, key)] = text.count("\n", 0, found.start()) + 1
            stack.append((child, (*path, key), found.end()))
