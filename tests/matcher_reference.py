"""The Program Matcher's documented rules (docs/tools.md), computed in Python from a catalog's YAML,
independently of static/js/program-match.js, to check the page against."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from guidegen.render.formatting import money_exact

NUMERIC = ("budget", "duration")


@dataclass(frozen=True)
class Criteria:
    tags: tuple[str, ...]
    formats: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    country: str = ""
    region: str = ""
    budget: int | None = None
    months: int | None = None


@dataclass
class Ranked:
    name: str
    reasons: list[tuple[str, str]]  # (met | missed | unknown, text)
    topics: int
    confirmed: int
    order: int
    near: list[bool] = field(default_factory=list)


@dataclass
class Outcome:
    matches: list[Ranked]
    near_misses: list[Ranked]
    left_out: int
    left_out_by: dict[str, int]
    off_topic: int


def _months(count: int) -> str:
    return f"{count} month" if count == 1 else f"{count} months"


def reasons(program: dict[str, Any], c: Criteria) -> list[tuple[str, str, str, bool]]:
    """(kind, status, text, near) for every check that applies, in the page's order."""
    out: list[tuple[str, str, str, bool]] = []
    topics = [tag for tag in c.tags if tag in program["tags"]]
    if topics:
        out.append(("topic", "met", f"Topics: {', '.join(topics)} ({len(topics)} of the goal's {len(c.tags)})", False))
    else:
        out.append(("topic", "missed", "None of the goal's topics", False))
    if c.formats:
        fmt = program["format"]
        out.append(
            ("format", "met", fmt, False)
            if fmt in c.formats
            else ("format", "missed", f"{fmt}: not a format you ticked", False)
        )
    if c.types:
        kind = program["type"]
        out.append(
            ("type", "met", kind, False)
            if kind in c.types
            else ("type", "missed", f"{kind}: not a type you ticked", False)
        )
    if c.country:
        loc = program["location"]
        where = ", ".join(part for part in (loc["city"], loc.get("region"), loc["country"]) if part)
        wanted = f"{c.region}, {c.country}" if c.region else c.country
        ok = loc["country"] == c.country and (not c.region or loc.get("region") == c.region)
        out.append(
            ("place", "met", f"In {where}", False) if ok else ("place", "missed", f"In {where}: not in {wanted}", False)
        )
    if c.budget is not None:
        cost = program.get("cost")
        if cost is None:
            out.append(("budget", "unknown", "Cost not listed", False))
        elif cost["currency"] != "USD":
            shown = money_exact(cost["amount"], cost["currency"])
            out.append(("budget", "unknown", f"Cost {shown}: not compared with a budget in US dollars", False))
        elif cost["amount"] <= c.budget:
            out.append(
                ("budget", "met", f"{money_exact(cost['amount'])}: within your {money_exact(c.budget)} budget", False)
            )
        else:
            near = cost["amount"] * 4 <= c.budget * 5
            out.append(
                ("budget", "missed", f"{money_exact(cost['amount'])}: over your {money_exact(c.budget)} budget", near)
            )
    if c.months is not None:
        months = program.get("duration_months")
        if months is None:
            out.append(("duration", "unknown", "Duration not listed", False))
        elif months <= c.months:
            out.append(("duration", "met", f"{_months(months)}: within your {c.months}", False))
        else:
            near = months * 4 <= c.months * 5
            out.append(("duration", "missed", f"{_months(months)}: longer than your {c.months}", near))
    return out


def rank(programs: list[dict[str, Any]], c: Criteria) -> Outcome:
    """programs in catalog order (institution, then name)."""
    matches: list[Ranked] = []
    near_misses: list[Ranked] = []
    left_out = 0
    left_out_by: dict[str, int] = {}
    off_topic = 0
    for order, program in enumerate(programs):
        checks = reasons(program, c)
        topics = len(set(c.tags) & set(program["tags"]))
        if topics == 0:
            off_topic += 1
            continue
        missed = [check for check in checks if check[1] == "missed"]
        confirmed = sum(1 for kind, status, _text, _near in checks if kind in NUMERIC and status == "met")
        entry = Ranked(
            program["name"], [(status, text) for _kind, status, text, _near in checks], topics, confirmed, order
        )
        if not missed:
            matches.append(entry)
        elif all(kind in NUMERIC and near for kind, _status, _text, near in missed):
            near_misses.append(entry)
        else:
            left_out += 1
            for kind, _status, _text, near in missed:
                if kind not in NUMERIC or not near:
                    left_out_by[kind] = left_out_by.get(kind, 0) + 1
    key = lambda r: (-r.topics, -r.confirmed, r.order)  # noqa: E731
    return Outcome(sorted(matches, key=key), sorted(near_misses, key=key), left_out, left_out_by, off_topic)
