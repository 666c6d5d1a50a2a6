"""The build pipeline: load -> read -> validate -> link -> render -> check -> write -> report."""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from guidegen import linkcheck
from guidegen.content import read_site
from guidegen.errors import ContentError, Problem, Problems
from guidegen.formatting import build_date
from guidegen.linking import LinkedSite, link_site
from guidegen.output import Output
from guidegen.pages import Page, plan_pages
from guidegen.proofread import proofread
from guidegen.provenance import check_provenance
from guidegen.render import Renderer, TemplateRenderError
from guidegen.site import Project
from guidegen.sources import is_inside
from guidegen.urls import UrlScheme

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildReport:
    pages: int
    programs: int
    static_files: int
    milliseconds: int
    warnings: tuple[Problem, ...]
    written: bool
    base_url: str

    def summary(self, out: Path) -> str:
        verb = f"Built into {out}" if self.written else "Checked"
        return (
            f"{verb}: {self.pages} pages, {self.programs} programs, "
            f"{self.static_files} static files in {self.milliseconds} ms"
        )


def load(project: Project, problems: Problems) -> tuple[LinkedSite, Renderer] | None:
    """Read, validate and link everything; compile the templates. None when content is unusable."""
    site = read_site(project, problems)
    if site is None:
        return None
    linked = link_site(site, problems)
    renderer = Renderer(linked)
    renderer.check_templates(problems)
    proofread(site, problems)
    check_provenance(site, problems, build_date())
    return linked, renderer


def build(project: Project, *, strict: bool = False, write: bool = True) -> BuildReport:
    """Build the site; with write=False, do everything except touching the output folder."""
    started = time.perf_counter()
    problems = Problems()
    loaded = load(project, problems)
    _raise_on_errors(problems, strict)
    assert loaded is not None  # no errors means site.yaml was read
    linked, renderer = loaded

    pages = plan_pages(linked)
    output = Output(project.out, project.root) if write else None
    if output is not None:
        output.open()
    try:
        scanned, files = _render(pages, renderer, output, problems)
        static_files = _copy_static(project, output, files, problems)
        _check_links(pages, scanned, files, renderer.urls, problems)
        _raise_on_errors(problems, strict)
        if output is not None:
            output.commit()
    finally:
        if output is not None:
            output.discard()
    elapsed = round((time.perf_counter() - started) * 1000)
    return BuildReport(
        pages=len(pages),
        programs=len(linked.programs),
        static_files=static_files,
        milliseconds=elapsed,
        warnings=tuple(sorted(set(problems.warnings))),
        written=write,
        base_url=linked.site.config.base_url,
    )


def _raise_on_errors(problems: Problems, strict: bool) -> None:
    if strict:
        problems.promote_warnings()
    if problems.errors:
        raise ContentError(problems.sorted())


def _render(
    pages: list[Page], renderer: Renderer, output: Output | None, problems: Problems
) -> tuple[dict[str, linkcheck.PageLinks], set[str]]:
    scanned: dict[str, linkcheck.PageLinks] = {}
    files: set[str] = set()
    failed_templates: set[tuple[str, int | None, str]] = set()
    for page in pages:
        file = page.output
        files.add(file)  # even when it fails: links to it are not broken, the template is
        try:
            text = renderer.render(page)
        except TemplateRenderError as exc:
            key = (exc.file, exc.line, exc.message.split(" (rendering")[0])
            if key not in failed_templates:  # one report per template fault, not one per page
                failed_templates.add(key)
                problems.error(exc.file, exc.message, line=exc.line)
            continue
        if file.endswith(".html"):
            scanned[page.path] = linkcheck.scan(text)
        if output is not None:
            output.write_text(file, text)
    return scanned, files


def _copy_static(project: Project, output: Output | None, files: set[str], problems: Problems) -> int:
    if not project.static.is_dir():
        return 0
    count = 0
    for path in sorted(project.static.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(project.static).parts):
            continue
        relative = path.relative_to(project.static).as_posix()
        if not is_inside(path, project.static):
            problems.error(f"static/{relative}", f"symlink points outside static/ ({os.readlink(path)})")
            continue
        if relative in files:
            problems.error(f"static/{relative}", f"would overwrite the generated page /{relative}")
            continue
        files.add(relative)
        count += 1
        if output is not None:
            output.copy_file(path, relative)
    return count


def _check_links(
    pages: list[Page],
    scanned: dict[str, linkcheck.PageLinks],
    files: set[str],
    scheme: UrlScheme,
    problems: Problems,
) -> None:
    by_path = {page.path: page for page in pages}
    for broken in linkcheck.check(scanned, files, scheme):
        page = by_path[broken.page]
        written = broken.href
        site_form = scheme.site_path(written)
        origin = page.origin
        line = None
        if origin is not None:
            for needle in filter(None, (f"({site_form}" if site_form else None, f"({written}", site_form, written)):
                line = origin.line_of_text(needle)
                if line is not None:
                    break
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
