"""Links that fail the check, reported where an editor wrote them: the source file and line, else the template."""

from __future__ import annotations

import dataclasses

from guidegen.checks.links import PageLinks, check
from guidegen.content.site import Origin
from guidegen.errors import Problems
from guidegen.structure.contexts import Page
from guidegen.structure.redirects import alias_targets, links_to_aliases
from guidegen.structure.urls import UrlScheme


def report_broken_links(
    pages: list[Page],
    scanned: dict[str, PageLinks],
    files: set[str],
    scheme: UrlScheme,
    problems: Problems,
    only: set[str] | None,
    unpublished: dict[str, str],
) -> None:
    """An error for each broken internal link of the pages in only (None: every page), at the line that wrote it."""
    by_path = {page.path: page for page in pages}
    checked = None if only is None else [path for path in scanned if path in only]
    for broken in check(scanned, files, scheme, checked):
        why = unpublished.get(broken.target.split("#", 1)[0])
        if why is not None:  # a page left out by its schedule: say why, rather than "does not exist"
            broken = dataclasses.replace(broken, reason=f"the page is {why}, so it is not published", hint=None)
        page = by_path[broken.page]
        written = broken.href
        site_form = scheme.site_path(written)
        origin = page.origin
        line = line_of_link(origin, written, scheme) if origin is not None else None
        shown = site_form or written
        if origin is not None and line is not None:
            problems.error(
                origin.name, f"broken link '{shown}': {broken.reason}", line=line, field="link", hint=broken.hint
            )
        else:
            problems.error(
                f"templates/{page.template}",
                f"broken link '{shown}' on {page.path}: {broken.reason}",
                hint=broken.hint,
            )


def warn_about_alias_links(
    pages: list[Page], scanned: dict[str, PageLinks], scheme: UrlScheme, problems: Problems
) -> None:
    """A link to an old address works (through a redirect), but should name the page's address now.

    Every page is looked at on every build, unchanged ones too: a warning is not remembered by the cache.
    """
    by_path = {page.path: page for page in pages}
    for link in links_to_aliases(scanned, alias_targets(pages), scheme):
        message = f"'{scheme.site_path(link.href) or link.href}' is an old address of {link.target} (a redirect)"
        hint = f"link to '{link.target}' instead"
        origin = by_path[link.page].origin
        line = line_of_link(origin, link.href, scheme) if origin is not None else None
        if origin is not None and line is not None:
            problems.warning(origin.name, message, line=line, field="link", hint=hint)
        else:
            problems.warning(f"templates/{by_path[link.page].template}", f"{message}, on {link.page}", hint=hint)


def line_of_link(origin: Origin, written: str, scheme: UrlScheme) -> int | None:
    """The line of the file where a link of its page was written."""
    site_form = scheme.site_path(written)
    for needle in filter(None, (f"({site_form}" if site_form else None, f"({written}", site_form, written)):
        line = origin.line_of_text(needle)
        if line is not None:
            return line
    return None
