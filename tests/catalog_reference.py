"""A test catalog for the program filters, and what the filters must answer, computed in plain Python.

The expected results here follow docs/catalog-url.md directly (one program at a time), so the
browser tests check the catalog's indexed, typed-array implementation against a second one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

INSTITUTIONS = [
    ("Alpha University", "School of Computing"),
    ("Université de Montréal", None),
    ("Zürich Institute of Technology", "Department of Computer Science"),
    ("Beta College", None),
    ("Gamma State University", "Graduate School"),
    ("École Supérieure d'Informatique", None),
    ("Delta Polytechnic", None),
]
PLACES = [
    ("Austin", "Texas", "United States"),
    ("Boston", "Massachusetts", "United States"),
    ("Toronto", "Ontario", "Canada"),
    ("Montréal", "Québec", "Canada"),
    ("London", None, "United Kingdom"),
    ("Zürich", "Zürich", "Switzerland"),
    ("Dallas", "Texas", "United States"),
]
TYPES = ["Master's", "Certificate", "Bachelor's", "MBA", "PhD"]
FORMATS = ["On-Campus", "Online", "Hybrid"]
SUBJECTS = [
    ("Data Engineering", ["data-engineering"]),
    ("Machine Learning", ["machine-learning"]),
    ("Database Systems", ["databases", "data-engineering"]),
    ("MLOps", ["mlops", "machine-learning", "data-engineering"]),
    ("Business Analytics", ["business"]),
    ("Robotics", ["robotics", "machine-learning"]),
]
DURATIONS = [None, 9, 12, 13, 18, 24, 30, 48]
COSTS: list[tuple[int, str] | None] = [
    None,
    (15000, "USD"),
    (42000, "USD"),
    (40000, "USD"),
    (90000, "USD"),
    (30000, "EUR"),
    (60000, "CHF"),
    (9000, "USD"),
    None,
]
PROGRAM_COUNT = 130  # more than two pages of 50


def catalog_programs() -> list[dict[str, Any]]:
    """The test catalog: every combination is spread out by co-prime strides, deterministically."""
    programs = []
    for i in range(PROGRAM_COUNT):
        institution, school = INSTITUTIONS[i % len(INSTITUTIONS)]
        city, region, country = PLACES[(i * 3) % len(PLACES)]
        subject, tags = SUBJECTS[(i * 5) % len(SUBJECTS)]
        program_type = TYPES[(i // 2) % len(TYPES)]
        record: dict[str, Any] = {
            "id": f"p{i:03d}",
            "institution": institution,
            "name": f"{program_type} in {subject} {i:03d}",
            "type": program_type,
            "format": FORMATS[(i * i + i // 4) % len(FORMATS)],
            "location": {"city": city, "country": country} | ({"region": region} if region else {}),
            "tags": tags,
        }
        if school and i % 3:
            record["school"] = school
        duration = DURATIONS[(i * 3 + 1) % len(DURATIONS)]
        if duration:
            record["duration_months"] = duration
        cost = COSTS[(i * 7) % len(COSTS)]
        if cost:
            record["cost"] = {"amount": cost[0], "currency": cost[1]}
        programs.append(record)
    return programs


def programs_yaml() -> str:
    return yaml.safe_dump(catalog_programs(), allow_unicode=True, sort_keys=False)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def catalog_order(programs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Institution, then program name, ignoring case and accents (the order of /programs/)."""
    return sorted(programs, key=lambda p: (fold(p["institution"]), fold(p["name"]), p["id"]))


def bucket(program: dict[str, Any]) -> str:
    months = program.get("duration_months")
    if months is None:
        return "unlisted"
    return "short" if months <= 12 else "medium" if months <= 24 else "long"


def facet_values(program: dict[str, Any], facet: str) -> list[str]:
    location = program["location"]
    if facet == "country":
        return [location["country"]]
    if facet == "region":
        return [location["region"]] if "region" in location else []
    if facet == "tag":
        return list(program["tags"])
    if facet == "duration":
        return [bucket(program)]
    return [program[facet]]


FACETS = ("type", "format", "country", "region", "tag", "duration")


@dataclass
class Query:
    q: str = ""
    chosen: dict[str, list[str]] = field(default_factory=dict)  # facet -> values (OR)
    duration_max: int | None = None
    cost_min: int | None = None
    cost_max: int | None = None
    unlisted_cost: str = "include"
    sort: str = "name"


def _cost_ok(program: dict[str, Any], query: Query) -> bool:
    cost = program.get("cost")
    ranged = query.cost_min is not None or query.cost_max is not None
    if cost is None or (ranged and cost["currency"] != "USD"):
        return query.unlisted_cost != "exclude"
    if cost["currency"] != "USD":
        return True
    low = query.cost_min if query.cost_min is not None else 0
    high = query.cost_max if query.cost_max is not None else float("inf")
    return bool(low <= cost["amount"] <= high)


def matches(program: dict[str, Any], query: Query, ignore: str | None = None) -> bool:
    for facet, values in query.chosen.items():
        if facet != ignore and values and not set(values) & set(facet_values(program, facet)):
            return False
    text = fold(" ".join([program["institution"], program.get("school") or "", program["name"]]))
    if not all(word in text for word in fold(query.q).split()):
        return False
    months = program.get("duration_months")
    if query.duration_max is not None and (months is None or months > query.duration_max):
        return False
    return ignore == "cost" or _cost_ok(program, query)


def results(programs: list[dict[str, Any]], query: Query) -> list[dict[str, Any]]:
    found = [p for p in catalog_order(programs) if matches(p, query)]
    if query.sort == "name":
        return found
    if query.sort == "duration":
        with_months = [p for p in found if "duration_months" in p]
        return sorted(with_months, key=lambda p: p["duration_months"]) + [
            p for p in found if "duration_months" not in p
        ]
    priced = [p for p in found if "cost" in p]
    unpriced = [p for p in found if "cost" not in p]
    sign = 1 if query.sort == "cost-asc" else -1
    # US dollars first, then each other currency by code; within one currency by amount
    priced.sort(key=lambda p: (p["cost"]["currency"] != "USD", p["cost"]["currency"], sign * p["cost"]["amount"]))
    return priced + unpriced


def counts(programs: list[dict[str, Any]], query: Query, facet: str) -> dict[str, int]:
    """How many programs each value of `facet` yields, given every other filter (disjunctive)."""
    tally: dict[str, int] = {}
    for program in programs:
        for value in facet_values(program, facet):
            tally.setdefault(value, 0)
            if matches(program, query, ignore=facet):
                tally[value] += 1
    return tally


def in_listing(program: dict[str, Any], tags: list[str]) -> bool:
    return bool(set(program["tags"]) & set(tags))
