"""Scheduled publishing: a page with a publish_date still to come, or an expiry_date gone by, is not built.

"Now" is the clock, or SOURCE_DATE_EPOCH when it is set (reproducible builds, tests).
A date means the start of that day, and a time without an offset is read, in site.yaml's
`timezone` (an IANA name, UTC by default). Pages left out here are out of every listing,
since every listing is made from the site that remains. `guidegen serve` and `build
--future` keep pages still to be published, each with a banner saying so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo
from collections.abc import Iterator
from typing import TYPE_CHECKING, TypeVar

from guidegen.content.site import Document, Site
from guidegen.errors import Problems
from guidegen.render.formatting import long_date, publishing_now
from guidegen.structure import urls

if TYPE_CHECKING:
    from guidegen.structure.contexts import Page

P = TypeVar("P", bound="Page")
SECTIONS = ("guides", "careers", "articles")


def instant(moment: dt.date | dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    if isinstance(moment, dt.datetime):
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)
    return dt.datetime.combine(moment, dt.time(0), tzinfo=zone)


def shown(moment: dt.date | dt.datetime, zone_name: str) -> str:
    """2027-01-15, or 2027-01-15 09:00 Europe/Berlin: as an editor writes it, in messages."""
    if isinstance(moment, dt.datetime):
        zone = f" {zone_name}" if moment.tzinfo is None else moment.strftime(" %z")
        return moment.strftime("%Y-%m-%d %H:%M") + zone
    return moment.isoformat()


def apply_schedule(site: Site, problems: Problems, *, future: bool = False) -> None:
    """Leave out the pages not online now; note the next instant at which that changes."""
    zone_name = site.config.timezone
    zone = zoneinfo.ZoneInfo(zone_name)
    now = publishing_now()
    coming: list[dt.datetime] = []
    for section in SECTIONS:
        documents: dict[str, Document[object]] = getattr(site, section)
        for slug, document in list(documents.items()):
            publish, expiry = _moments(document)
            if publish is None and expiry is None:
                continue
            starts = instant(publish, zone) if publish is not None else None
            ends = instant(expiry, zone) if expiry is not None else None
            if starts is not None and ends is not None and ends <= starts:
                origin = document.origin
                problems.error(
                    origin.name,
                    f"expiry_date {shown(expiry, zone_name)} is not after publish_date {shown(publish, zone_name)}",  # type: ignore[arg-type]
                    line=origin.line_of("expiry_date"),
                    field="expiry_date",
                )
                continue
            coming.extend(moment for moment in (starts, ends) if moment is not None and moment > now)
            reason = None
            if starts is not None and starts > now:
                reason = f"scheduled for {shown(publish, zone_name)}"  # type: ignore[arg-type]
                if future:
                    site.publishing.previews[document.origin.name] = (
                        f"This page is scheduled for {_banner_moment(publish, zone_name)}; "  # type: ignore[arg-type]
                        "it is shown here only in a preview (guidegen serve or build --future)."
                    )
                    continue
            elif ends is not None and ends <= now:
                reason = f"expired on {shown(expiry, zone_name)}"  # type: ignore[arg-type]
            if reason is not None:
                del documents[slug]
                site.publishing.hidden.setdefault(section, {})[slug] = reason
    site.publishing.next_change = int(min(coming).timestamp()) if coming else None


def _moments(document: Document[object]) -> tuple[dt.date | dt.datetime | None, dt.date | dt.datetime | None]:
    meta = document.meta
    return getattr(meta, "publish_date", None), getattr(meta, "expiry_date", None)


def _banner_moment(moment: dt.date | dt.datetime, zone_name: str) -> str:
    if isinstance(moment, dt.datetime):
        zone = zone_name if moment.tzinfo is None else moment.strftime("UTC%z")
        return f"{long_date(moment.date())} at {moment.strftime('%H:%M')} ({zone})"
    return long_date(moment)


def hidden_paths(site: Site) -> Iterator[tuple[str, str, str]]:
    """(section, slug, why) of every page left out by its schedule."""
    for section, slugs in site.publishing.hidden.items():
        for slug, reason in slugs.items():
            yield section, slug, reason


PAGE_PATHS = {"guides": urls.guide, "careers": urls.career, "articles": urls.article}


def unpublished(site: Site) -> dict[str, str]:
    """The site path of every page left out by its schedule, with why."""
    return {PAGE_PATHS[section](slug): reason for section, slug, reason in hidden_paths(site)}


def with_previews(pages: list[P], previews: dict[str, str]) -> list[P]:
    """The pages, those shown before their publish_date carrying the banner that says so."""
    if not previews:
        return pages
    return [
        dataclasses.replace(page, scheduled=previews[page.origin.name])
        if page.origin is not None and page.origin.name in previews
        else page
        for page in pages
    ]
