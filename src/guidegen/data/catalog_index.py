"""The program index the browser filters: one compact, dictionary-encoded JSON file.

Format (version 1), read by static/js/program-index.js:

    {"version": 1, "count": N, "base": "/programs/",
     "dicts": {"institution": [...], "school": [...], "type": [...], "format": [...], "country": [...],
               "region": [...], "city": [...], "currency": [...], "tag": [...]},
     "columns": {"id": [str], "name": [str],
                 "institution": [int], "school": [int|-1], "type": [int], "format": [int],
                 "country": [int], "region": [int|-1], "city": [int],
                 "duration": [int|null], "cost": [int|null], "currency": [int|-1],
                 "tags": [[int, ...]]},
     "listings": {guide_slug: [row, ...]},
     "currency_symbols": {"USD": "$", ...}}

Rows are in catalog order (institution, then program name). Dictionary columns hold an
index into the matching `dicts` list (-1 when the field is absent); `base` + id + "/" is
the program's page. `listings` holds, for each guide with a program listing, the rows it
lists (ascending), as decided at build time. `currency_symbols` maps US dollars and the
currencies in use that have a symbol ("$"); costs in other currencies read "CHF 60,000".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from guidegen.content.models import Program
from guidegen.render.formatting import SYMBOLS

DICTIONARY_FIELDS = ("institution", "school", "type", "format", "country", "region", "city", "currency", "tag")


class _Dictionary:
    """Assigns each distinct value a small integer, in sorted order for stable output."""

    def __init__(self, values: set[str]) -> None:
        self.values = sorted(values)
        self.codes = {value: code for code, value in enumerate(self.values)}

    def code(self, value: str | None) -> int:
        return -1 if value is None else self.codes[value]


def program_index(
    programs: Sequence[Program], programs_base: str, listings: Mapping[str, Sequence[Program]] | None = None
) -> dict[str, Any]:
    """Build the index for programs (already in catalog order) and the rows each guide listing holds."""
    raw: dict[str, set[str]] = {name: set() for name in DICTIONARY_FIELDS}
    for program in programs:
        raw["institution"].add(program.institution)
        raw["type"].add(program.type)
        raw["format"].add(program.format)
        raw["country"].add(program.location.country)
        raw["city"].add(program.location.city)
        raw["tag"].update(program.tags)
        if program.school:
            raw["school"].add(program.school)
        if program.location.region:
            raw["region"].add(program.location.region)
        if program.cost:
            raw["currency"].add(program.cost.currency)
    dicts = {name: _Dictionary(values) for name, values in raw.items()}
    columns: dict[str, list[Any]] = {
        "id": [p.id for p in programs],
        "name": [p.name for p in programs],
        "institution": [dicts["institution"].code(p.institution) for p in programs],
        "school": [dicts["school"].code(p.school) for p in programs],
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
        "version": 1,
        "count": len(programs),
        "base": programs_base,
        "dicts": {name: dictionary.values for name, dictionary in dicts.items()},
        "columns": columns,
        "listings": {slug: sorted(row_of[p.id] for p in members) for slug, members in (listings or {}).items()},
        "currency_symbols": {code: SYMBOLS[code] for code in currencies if code in SYMBOLS},
    }
