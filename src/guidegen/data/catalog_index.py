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
    """Assigns each distinct value a small integer, in sorted order for stable output (so codes sort as values do)."""

    def __init__(self, values: set[str]) -> None:
        self.values = sorted(values)
        self.codes: dict[str | None, int] = {value: code for code, value in enumerate(self.values)}
        self.codes[None] = -1  # the field is absent

    def column(self, values: Sequence[str | None]) -> list[int]:
        return list(map(self.codes.__getitem__, values))


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
        "columns": {"id": list(ids), "name": list(names), "school": dictionary.column(schools)},
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
    """The filters' file for programs (already in catalog order) and the rows each guide listing holds.

    The programs are read in one pass, into a list per field: at 100,000 programs, spread over the
    heap as a build leaves them, a pass per column took 3.3 s, most of it waiting for memory."""
    institution: list[str] = []
    kind: list[str] = []
    form: list[str] = []
    country: list[str] = []
    region: list[str | None] = []
    city: list[str] = []
    duration: list[int | None] = []
    amount: list[int | None] = []
    currency: list[str | None] = []
    tags: list[tuple[str, ...]] = []
    ids: list[str] = []
    names: list[str] = []
    schools: list[str | None] = []
    for program in programs:
        location, cost = program.location, program.cost
        ids.append(program.id)
        names.append(program.name)
        schools.append(program.school)
        institution.append(program.institution)
        kind.append(program.type)
        form.append(program.format)
        country.append(location.country)
        region.append(location.region)
        city.append(location.city)
        duration.append(program.duration_months)
        amount.append(cost.amount if cost else None)
        currency.append(cost.currency if cost else None)
        tags.append(tuple(program.tags))
    raw = {
        "institution": set(institution),
        "type": set(kind),
        "format": set(form),
        "country": set(country),
        "region": {value for value in set(region) if value},
        "city": set(city),
        "currency": {value for value in set(currency) if value is not None},
        "tag": {tag for program_tags in tags for tag in program_tags},
    }
    dicts = {name: _Dictionary(values) for name, values in raw.items()}
    tag_code = dicts["tag"].codes.__getitem__
    coded: dict[tuple[str, ...], list[int]] = {}  # many programs share a set of topics
    for program_tags in tags:
        if program_tags not in coded:
            coded[program_tags] = sorted(map(tag_code, program_tags))
    columns: dict[str, list[Any]] = {
        "institution": dicts["institution"].column(institution),
        "type": dicts["type"].column(kind),
        "format": dicts["format"].column(form),
        "country": dicts["country"].column(country),
        "region": dicts["region"].column(region),
        "city": dicts["city"].column(city),
        "duration": duration,
        "cost": amount,
        "currency": dicts["currency"].column(currency),
        "tags": [coded[program_tags] for program_tags in tags],
    }
    row_of = {id(program): row for row, program in enumerate(programs)}  # a listing holds these very objects
    currencies = sorted({"USD", *dicts["currency"].values})  # US dollars always: the cost range is in them
    return {
        "version": VERSION,
        "count": len(programs),
        "base": programs_base,
        "text": {"url": text_url, "key": _text_key((tuple(ids), tuple(names), tuple(schools)))},
        "dicts": {name: dictionary.values for name, dictionary in dicts.items()},
        "columns": columns,
        "listings": {
            slug: _gaps(sorted(map(row_of.__getitem__, map(id, members)))) for slug, members in (listings or {}).items()
        },
        "currency_symbols": {code: SYMBOLS[code] for code in currencies if code in SYMBOLS},
    }
