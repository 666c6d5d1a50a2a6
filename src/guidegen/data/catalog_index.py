"""The program index the browser filters, in two dictionary-encoded JSON files: filters first, text after.

What the filters need (facet columns, sort keys, most of what a card shows) is one file; what
only text search and a card's name and link need (ids, names, schools: most of the bytes) is
the other, fetched after the filters are ready. Format (version 2), read by
static/js/program-index.js:

/data/programs.json, the filters:

    {"version": 2, "count": N, "base": "/programs/",
     "text": {"url": "/data/programs-text.json", "key": "..."},
     "dicts": {"institution": [...], "type": [...], "format": [...], "country": [...],
               "region": [...], "city": [...], "currency": [...], "tag": [...]},
     "columns": {"institution": [int], "type": [int], "format": [int],
                 "country": [int], "region": [int|-1], "city": [int],
                 "duration": [int|null], "cost": [int|null], "currency": [int|-1],
                 "tags": [[int, ...]]},
     "listings": {guide_slug: [first row, gap, gap, ...]},
     "currency_symbols": {"USD": "$", ...}}

/data/programs-text.json, the text:

    {"version": 2, "key": "...", "count": N, "schools": [...],
     "columns": {"id": [str], "name": [str], "school": [int|-1]}}

Rows are in catalog order (institution, then program name) in both files. Dictionary columns
hold an index into the matching `dicts` list (`schools` for school; -1 when the field is
absent); `base` + id + "/" is the program's page. `text.key` is a digest of the text file's columns, which the text file
repeats, so a script never pairs the filters of one build with the text of another (a cached
file, a half-finished upload). `listings` holds, for each guide with a program listing, the
rows it lists, as decided at build time: the first, then each one's distance from the one
before (small numbers, which compress far better than the rows themselves). `currency_symbols` maps US dollars and
the currencies in use that have a symbol ("$"); costs in other currencies read "CHF 60,000".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from guidegen.content.models import Program
from guidegen.render.formatting import SYMBOLS

VERSION = 2
DICTIONARY_FIELDS = ("institution", "type", "format", "country", "region", "city", "currency", "tag")


class _Dictionary:
    """Assigns each distinct value a small integer, in sorted order for stable output."""

    def __init__(self, values: set[str]) -> None:
        self.values = sorted(values)
        self.codes = {value: code for code, value in enumerate(self.values)}

    def code(self, value: str | None) -> int:
        return -1 if value is None else self.codes[value]


TextColumns = tuple[tuple[str, ...], tuple[str, ...], tuple[str | None, ...]]


def text_columns(programs: Sequence[Program]) -> TextColumns:
    """The ids, names and schools of programs (in catalog order): all the text file holds."""
    return tuple(p.id for p in programs), tuple(p.name for p in programs), tuple(p.school for p in programs)


def _text_key(columns: TextColumns) -> str:
    return hashlib.blake2b(json.dumps(columns).encode(), digest_size=8).hexdigest()


def program_text(ids: Sequence[str], names: Sequence[str], schools: Sequence[str | None]) -> dict[str, Any]:
    """The text file: each row's id (its page), name and school, which search and the cards' names read."""
    dictionary = _Dictionary({school for school in schools if school})
    return {
        "version": VERSION,
        "key": _text_key((tuple(ids), tuple(names), tuple(schools))),
        "count": len(ids),
        "schools": dictionary.values,
        "columns": {"id": list(ids), "name": list(names), "school": [dictionary.code(s) for s in schools]},
    }


def _gaps(rows: list[int]) -> list[int]:
    """Ascending rows as the first and then each one's distance from the one before."""
    return [row - before for row, before in zip(rows, [0, *rows], strict=False)]


def program_index(
    programs: Sequence[Program],
    programs_base: str,
    text_url: str,
    listings: Mapping[str, Sequence[Program]] | None = None,
) -> dict[str, Any]:
    """The filters' file for programs (already in catalog order) and the rows each guide listing holds."""
    raw: dict[str, set[str]] = {name: set() for name in DICTIONARY_FIELDS}
    for program in programs:
        raw["institution"].add(program.institution)
        raw["type"].add(program.type)
        raw["format"].add(program.format)
        raw["country"].add(program.location.country)
        raw["city"].add(program.location.city)
        raw["tag"].update(program.tags)
        if program.location.region:
            raw["region"].add(program.location.region)
        if program.cost:
            raw["currency"].add(program.cost.currency)
    dicts = {name: _Dictionary(values) for name, values in raw.items()}
    columns: dict[str, list[Any]] = {
        "institution": [dicts["institution"].code(p.institution) for p in programs],
        "type": [dicts["type"].code(p.type) for p in programs],
        "format": [dicts["format"].code(p.format) for p in programs],
        "country": [dicts["country"].code(p.location.country) for p in programs],
        "region": [dicts["region"].code(p.location.region) for p in programs],
        "city": [dicts["city"].code(p.location.city) for p in programs],
        "duration": [p.duration_months for p in programs],
        "cost": [p.cost.amount if p.cost else None for p in programs],
        "currency": [dicts["currency"].code(p.cost.currency if p.cost else None) for p in programs],
        "tags": [sorted(dicts["tag"].code(tag) for tag in p.tags) for p in programs],
    }
    row_of = {program.id: row for row, program in enumerate(programs)}
    currencies = sorted({"USD", *dicts["currency"].values})  # US dollars always: the cost range is in them
    return {
        "version": VERSION,
        "count": len(programs),
        "base": programs_base,
        "text": {"url": text_url, "key": _text_key(text_columns(programs))},
        "dicts": {name: dictionary.values for name, dictionary in dicts.items()},
        "columns": columns,
        "listings": {slug: _gaps(sorted(row_of[p.id] for p in members)) for slug, members in (listings or {}).items()},
        "currency_symbols": {code: SYMBOLS[code] for code in currencies if code in SYMBOLS},
    }
