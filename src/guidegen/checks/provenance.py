"""Provenance of figures: warn when a stat or salary table has no named source or is older than the site allows."""

from __future__ import annotations

import datetime as dt

from guidegen.content.fields import AsOfValue
from guidegen.content.models import Source
from guidegen.content.site import Origin, Site
from guidegen.content.validation import dotted
from guidegen.errors import Problems
from guidegen.render import formatting


def check_provenance(site: Site, problems: Problems, today: dt.date, *, declared_unsourced: bool = True) -> None:
    """Every figure should say where it comes from and be recent; `strict_provenance` lets --strict enforce it.

    These stay warnings under --strict unless site.yaml sets `strict_provenance: true`: a figure that
    honestly says "Unsourced" on the page is allowed to be published. declared_unsourced=False leaves
    out the figures whose source says `unsourced: true` (the build's choice; `check` lists them)."""
    config = site.config
    figures = _Figures(
        problems,
        today,
        config.stale_after_months,
        promotable=config.strict_provenance,
        declared_unsourced=declared_unsourced,
    )
    for guide in site.guides.values():
        for index, stat in enumerate(guide.meta.stats):
            figures.check(guide.origin, ("stats", index), f"stat '{stat.label}'", stat.source, stat.as_of)
    for table in site.salaries.values():
        figures.check(table.origin, (), "salary table", table.data.source, table.data.as_of)


class _Figures:
    def __init__(
        self, problems: Problems, today: dt.date, max_months: int, *, promotable: bool, declared_unsourced: bool
    ) -> None:
        self.problems = problems
        self.today = today
        self.max_months = max_months
        self.promotable = promotable
        self.declared_unsourced = declared_unsourced

    def check(
        self,
        origin: Origin,
        path: tuple[str | int, ...],
        what: str,
        source: Source | None,
        as_of: AsOfValue | None,
    ) -> None:
        if source is None:
            self._warn(
                origin,
                path,
                f"{what} has no source",
                hint="add `source: {name, url}`, or `source: {unsourced: true, note}` to say so on the page",
            )
        elif source.unsourced and self.declared_unsourced:
            self._warn(origin, (*path, "source"), f"{what} is unsourced (the page says so)")
        if as_of is not None and formatting.is_stale(as_of, self.max_months, self.today):
            age = formatting.months_old(as_of, self.today)
            self._warn(
                origin,
                (*path, "as_of"),
                f"{what} is {age} months old (as of {formatting.as_of(as_of)}), "
                f"more than the site's stale_after_months of {self.max_months}",
                hint="update the figure and its as_of date",
            )

    def _warn(self, origin: Origin, path: tuple[str | int, ...], message: str, hint: str | None = None) -> None:
        self.problems.warning(
            origin.name,
            message,
            line=origin.line_of(*path) if path else None,
            field=dotted(path) or None,
            hint=hint,
            promotable=self.promotable,
        )
