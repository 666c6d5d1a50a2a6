"""The choices a program form offers: the formats, types and places present in the catalog."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from guidegen.content.models import PROGRAM_FORMATS, PROGRAM_TYPES, Program
from guidegen.render import formatting
from guidegen.structure.names import folded


@dataclass(frozen=True)
class Place:
    """A country and the regions (states, provinces) of its programs."""

    country: str
    regions: tuple[str, ...]


@dataclass(frozen=True)
class ProgramFacets:
    formats: tuple[str, ...]  # in the content model's order
    types: tuple[str, ...]  # in the content model's order
    places: tuple[Place, ...]  # countries and regions by name
    symbols: dict[str, str]  # how each catalog currency with a symbol is written, e.g. {"USD": "$"}


def _name_order(name: str) -> tuple[str, str]:
    """Case- and accent-insensitive, and total: "Zurich" and "Zürich" always come in the same order,
    whatever order a set of names is in (it changes with the interpreter's hash seed)."""
    return folded(name), name


def program_facets(programs: Sequence[Program]) -> ProgramFacets:
    """In one pass over the programs: at 100,000, shuffled as a build's heap leaves them, four passes took 730 ms
    and one takes 303 ms, most of it reading memory."""
    formats: set[str] = set()
    types: set[str] = set()
    currencies: set[str] = set()
    regions: dict[str, set[str]] = {}
    for program in programs:
        formats.add(program.format)
        types.add(program.type)
        if program.cost:
            currencies.add(program.cost.currency)
        location = program.location
        found = regions.setdefault(location.country, set())
        if location.region:
            found.add(location.region)
    return ProgramFacets(
        formats=tuple(name for name in PROGRAM_FORMATS if name in formats),
        types=tuple(name for name in PROGRAM_TYPES if name in types),
        places=tuple(
            Place(country, tuple(sorted(regions[country], key=_name_order)))
            for country in sorted(regions, key=_name_order)
        ),
        symbols={code: formatting.SYMBOLS[code] for code in sorted(currencies) if code in formatting.SYMBOLS},
    )
