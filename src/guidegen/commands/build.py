"""The build pipeline: load -> read -> validate -> link -> render -> check -> write -> report."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from guidegen.checks import links as linkcheck
from guidegen.checks.content_quality import content_quality_checks
from guidegen.checks.file_checks import checking_files
from guidegen.checks.image_hosts import check_image_hosts
from guidegen.checks.link_report import report_broken_links, warn_about_alias_links
from guidegen.checks.proofread import proofreading_checks
from guidegen.checks.provenance import check_provenance
from guidegen.commands.progress import Progress
from guidegen.content.reader import read_site
from guidegen.content.schedule import apply_schedule, unpublished, with_previews
from guidegen.content.site import Project
from guidegen.errors import BuildError, ContentError, Problem, Problems, display_path
from guidegen.heap import collection_paused, frozen
from guidegen.incremental import uptodate
from guidegen.incremental.cache import BuildCache
from guidegen.incremental.keys import PageKeys, TemplateGraph
from guidegen.incremental.parallel import render_pages
from guidegen.incremental.plan import OutputPlan, live_state, next_state, pages_to_check, plan_output
from guidegen.render import cards, template_check
from guidegen.render.environment import Renderer, template_environment
from guidegen.render.formatting import build_date
from guidegen.render.images import images_digest, read_images
from guidegen.render.output import Output, output_lock
from guidegen.render.security_headers import SecurityHeaders
from guidegen.render.static_files import StaticFile, image_variants, static_files
from guidegen.render.template_check import TemplateReading
from guidegen.render.theme import template_layers
from guidegen.search.indexing import Indexer, IndexNow, PendingIndex, Records
from guidegen.search.page import with_search
from guidegen.search.publish import index_identity, index_unchanged, live_index, place_index
from guidegen.search.records import records_source, search_records
from guidegen.search.settings import search_on
from guidegen.structure.contexts import HeadersPage, Page, SocialCard
from guidegen.structure.linking import LinkedSite, link_site
from guidegen.structure.planning import plan_pages
from guidegen.structure.redirects import redirect_pages

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
    rendered: int = 0  # pages rendered by this build (the others were unchanged)
    files_written: int = 0

    def summary(self, out: Path) -> str:
        verb = f"Built into {out}" if self.written else "Checked"
        return uptodate.summary_line(verb, self.pages, self.programs, self.static_files, self.milliseconds)


def load(
    project: Project, problems: Problems, cache: BuildCache | None = None, *, audit: bool = False
) -> tuple[LinkedSite, Renderer] | None:
    """Read, validate and link everything; compile the templates. None when content is unusable.

    audit (guidegen check) also lists figures their editors declared unsourced: a build publishes
    them with an "Unsourced" label and stays quiet about them unless site.yaml sets strict_provenance.
    """
    cache = cache or BuildCache.disabled(project)
    layers = template_layers(project.root)
    # a worker checks the templates meanwhile, when many are new
    templates = template_check.start_checks(template_environment(layers), layers, cache)
    try:
        return _load(project, problems, cache, audit, templates)
    finally:
        templates.close()


def _load(
    project: Project, problems: Problems, cache: BuildCache, audit: bool, templates: TemplateReading
) -> tuple[LinkedSite, Renderer] | None:
    site = read_site(project, problems, cache)
    if site is None:
        return None
    apply_schedule(site, problems, future=project.future)
    # proofreading and content checks, in worker processes meanwhile when there is much to read
    with checking_files(proofreading_checks(site) + content_quality_checks(site), problems, cache):
        linked = link_site(site, problems)
        images = read_images(site, problems, cache)
        folder = cache.folder / "templates" if cache.persistent else None
        renderer = Renderer(linked, folder, images, search=search_on(site.config))
        renderer.check_templates(problems, cache, templates)
        declared = audit or site.config.strict_provenance
        check_provenance(site, problems, build_date(), declared_unsourced=declared)
    return linked, renderer


def build(
    project: Project,
    *,
    strict: bool = False,
    write: bool = True,
    incremental: bool = True,
    cache: BuildCache | None = None,
    inputs: uptodate.Inputs | None = None,
    progress: Progress | None = None,
    indexer: Indexer | None = None,
) -> BuildReport:
    """Build the site; with write=False, do everything except touching the output folder.

    With incremental (the default), the cache in .guidegen-cache/ lets the build skip
    parsing unchanged sources and rendering pages whose inputs did not change; a
    long-running caller (the dev server) passes the same cache to every build, and the
    snapshot of the inputs it keeps up to date from file events, and an indexer that leaves
    the search index for later instead of waiting for it before the swap (search/indexing.py).
    A build that writes holds the output folder's lock: another build into the same folder
    waits for it. progress (a terminal's line) is told each phase and each page rendered,
    and erased before the build returns or fails.
    """
    try:
        # what the build reads and plans lives until it ends: collections leave it alone (heap.py)
        with output_lock(project.out) if write else contextlib.nullcontext(), frozen():
            return _build(project, strict, write, incremental, cache, inputs, progress, indexer or IndexNow())
    finally:
        if progress is not None:
            progress.finish()


def _build(
    project: Project,
    strict: bool,
    write: bool,
    incremental: bool,
    cache: BuildCache | None,
    inputs: uptodate.Inputs | None,
    progress: Progress | None,
    indexer: Indexer,
) -> BuildReport:
    started = time.perf_counter()
    # taken before anything is read: an edit during the build counts
    inputs = inputs or uptodate.snapshot(project.root)
    problems = Problems()
    own_cache = cache is None
    if cache is None:
        cache = BuildCache.load(project) if incremental else BuildCache.disabled(project)
    cache.begin()
    _phase(progress, "reading and checking content")
    with collection_paused():
        with _timed("read, validate, link"):
            loaded = load(project, problems, cache, audit=not write)
        _raise_on_errors(problems, strict)
        assert loaded is not None  # no errors means site.yaml was read
        linked, renderer = loaded
        _phase(progress, "planning pages")
        with _timed("plan pages"):
            pages = plan_pages(linked, cache)
            if renderer.search:
                pages = with_search(pages, linked.site.config)
            pages += redirect_pages(linked, pages, problems)
            pages = with_previews(pages, linked.site.publishing.previews)
            pages, cards, painter = _social_cards(pages, renderer, cache, write)
        _raise_on_errors(problems, strict)
        with _timed("dependency keys"):
            keys, page_keys = _page_keys(pages, renderer, cache)
    statics = static_files(project, pages, problems) + image_variants(renderer)
    wanted = {page.output: keys[index] for index, page in enumerate(pages)} | {s.relative: s.key for s in statics}
    wanted |= {relative: key for relative, key, _svg in cards}
    output = Output(project.out, project.root) if write else None
    folder = str(project.out.resolve())
    live_token = output.token() if output is not None else None
    if output is not None:
        plan = plan_output(wanted, cache.state.output, folder, live_token, output.token(output.previous))
    else:  # checking only: render what the cache has not seen rendered
        plan = OutputPlan(from_previous=False)
    plan.produce.update(page.output for index, page in enumerate(pages) if keys[index] not in cache.state.scans)
    plan.take = [file for file in plan.take if file not in plan.produce]
    to_render = [index for index, page in enumerate(pages) if page.output in plan.produce]
    pending: PendingIndex | None = None
    records: Records | None = None
    kept_index = placed = None  # the live output's index, while it is what the cache recorded; the new output's
    if output is not None and renderer.search:
        language, words = linked.site.config.language, cache.words
        source = records_source(pages, language, page_keys.shown)
        earlier = cache.state.search_records
        # the same pages as the build that recorded it make the same records: their digest is known
        known_key = earlier[1] if earlier is not None and earlier[0] == source else None
        records = Records(lambda: list(search_records(pages, language, words)), known_key)
        known = live_state(cache.state.output, folder, live_token)
        kept_index = live_index(project.out, known.index) if known is not None else None
        live = kept_index[0] if kept_index is not None else None
        # Pagefind indexes in a process of its own while this one renders, unless the live index holds these
        # records; guidegen serve's indexer makes them only once the browsers have reloaded
        pending = indexer.start(records, project.out, live)
    try:
        bundle = None
        if output is not None and plan.up_to_date(wanted):
            bundle = pending.bundle() if pending is not None else None
            if index_unchanged(project.out, bundle, search=renderer.search):
                output = None  # the output folder already holds exactly this build
        if output is not None:
            output.open(from_previous=plan.from_previous)
        _phase(progress, "rendering pages")
        with _timed(f"render {len(to_render)} pages"):
            scanned = _render(pages, to_render, keys, renderer, output, cache, problems, progress)
        if output is not None:
            with _timed("carry over unchanged files"):
                _carry_over(output, plan, statics)
                _copy_cards(output, plan, cards, painter)
            with _timed("search index (waiting for it, then moving it in)"):
                if pending is not None and bundle is None:
                    bundle = pending.bundle()
                identity = index_identity(bundle) if bundle is not None else None
                placed = (records.key, identity) if records is not None and identity is not None else kept_index
                place_index(output, bundle, search=renderer.search)
        last = cache.state.output
        if last is not None:  # the conversions of pages that are gone
            cache.markdown.forget(output for output in last.live if output not in wanted)
        changed = {
            page.output: page.path
            for page in pages
            if last is None or last.live.get(page.output) != wanted[page.output]
        }
        only = pages_to_check(wanted, changed, last, cache.state.scans, renderer.urls.base_url)
        _phase(progress, "checking links")
        with _timed("check links"):
            report_broken_links(pages, scanned, set(wanted), renderer.urls, problems, only, unpublished(linked.site))
            warn_about_alias_links(pages, scanned, renderer.urls, problems)
            check_image_hosts(pages, scanned, _security_headers(pages), problems)
        _raise_on_errors(problems, strict)
        if output is not None:
            token = secrets.token_hex(8)
            _phase(progress, "writing the site")
            with _timed("swap output"):
                output.commit(token)
            cache.state.output = next_state(wanted, cache.state.output, folder, live_token, token)
            cache.state.output.index = placed if renderer.search else None
            cache.state.output.base_url = renderer.urls.base_url
            if records is not None and records.known_key is not None:
                cache.state.search_records = (source, records.known_key)
            cache.changed()
        if incremental and write and not problems.errors:
            token = (output or Output(project.out, project.root)).token() or ""
            counts = (len(pages), len(linked.programs), len(statics))
            warnings = [problem.format() for problem in sorted(set(problems.warnings))]
            # written with the cache: a long-running caller saves once the browsers have reloaded
            cache.inputs_record = functools.partial(
                uptodate.record,
                project.root,
                project.out,
                inputs,
                token,
                counts,
                warnings,
                project.base_url,
                project.search,
                future=project.future,
                until=linked.site.publishing.next_change,
            )
    finally:
        if pending is not None:
            pending.discard()
        if output is not None:
            output.discard()
        cache.keep_scans(set(keys))
        if own_cache:  # a long-running caller saves when it suits it
            _phase(progress, "saving the build cache")
            with _timed("save cache"):
                cache.save()
    elapsed = round((time.perf_counter() - started) * 1000)
    written = output.files_written if output is not None else 0
    log.info(
        "rendered %d of %d pages, wrote %d files, parsed %d sources, checked the links of %s pages",
        len(to_render),
        len(pages),
        written,
        cache.parsed_fresh,
        "all" if only is None else len(only),
    )
    return BuildReport(
        pages=len(pages),
        programs=len(linked.programs),
        static_files=len(statics),
        milliseconds=elapsed,
        warnings=tuple(sorted(set(problems.warnings))),
        written=write,
        base_url=linked.site.config.base_url,
        rendered=len(to_render),
        files_written=written,
    )


@contextlib.contextmanager
def _timed(phase: str) -> Iterator[None]:
    """Log how long a phase took (guidegen -v), for profiling builds."""
    started = time.perf_counter()
    yield
    log.debug("%s: %.0f ms", phase, (time.perf_counter() - started) * 1000)


def _phase(progress: Progress | None, name: str) -> None:
    if progress is not None:
        progress.phase(name)


def _raise_on_errors(problems: Problems, strict: bool) -> None:
    if strict:
        problems.promote_warnings()
    if problems.errors:
        raise ContentError(problems.sorted())


def _page_keys(pages: list[Page], renderer: Renderer, cache: BuildCache) -> tuple[list[bytes], PageKeys]:
    """The dependency key of every page (see dependencies.py), and what made them (for each page's content)."""
    templates = TemplateGraph(renderer.template_facts, renderer.template_digests)
    config = display_path(renderer.linked.site.project.content / "site.yaml", renderer.root)
    base_url = renderer.linked.site.config.base_url  # site.yaml's, or the --base-url override
    assets = images_digest(renderer.images)
    switches = ("search",) if renderer.search else ()  # site.yaml's `search`, --no-search, Pagefind installed
    page_keys = PageKeys(
        templates, cache.digests, cache.source_digests, config, base_url, cache.values, assets, switches
    )
    return [page_keys.key(page) for page in pages], page_keys


def _security_headers(pages: list[Page]) -> SecurityHeaders:
    return next(page.headers for page in reversed(pages) if isinstance(page, HeadersPage))


def _render(
    pages: list[Page],
    to_render: list[int],
    keys: list[bytes],
    renderer: Renderer,
    output: Output | None,
    cache: BuildCache,
    problems: Problems,
    progress: Progress | None = None,
) -> dict[str, linkcheck.PageLinks]:
    """Render the pages that changed; the links of the others come from the cache."""
    failed_templates: set[tuple[str, int | None, str]] = set()
    staging = output.staging if output is not None else None
    selected = [pages[index] for index in to_render]
    # what these pages' Markdown converted to in earlier builds: workers forked next inherit it
    earlier = renderer.markdown.known = cache.markdown.known(page.output for page in selected)
    known = dict(earlier)  # and what this build's pages converted, as their results arrive
    for done, result in enumerate(render_pages(selected, renderer, staging), start=1):
        if progress is not None:
            progress.count(done, len(selected))
        page = selected[result.index]
        if result.template_error is not None:
            file, line, message = result.template_error
            key = (file, line, message.split(" (rendering")[0])
            if key not in failed_templates:  # one report per template fault, not one per page
                failed_templates.add(key)
                problems.error(file, message, line=line)
            continue
        if result.write_error is not None:
            raise BuildError(result.write_error)
        cache.scanned(keys[to_render[result.index]], result.links)
        known.update(result.converted)
        cache.markdown.rendered(page.output, result.markdown, known)
        if output is not None:
            output.files_written += 1
    scanned: dict[str, linkcheck.PageLinks] = {}
    for index, page in enumerate(pages):
        links = cache.state.scans.get(keys[index])
        if links is not None:
            scanned[page.path] = links
    return scanned


def _social_cards(
    pages: list[Page], renderer: Renderer, cache: BuildCache, write: bool
) -> tuple[list[Page], list[tuple[str, bytes, str]], cards.CardPainter | None]:
    """The pages with their social cards, and each card's output file, key and SVG (drawn only when copied)."""
    config = renderer.linked.site.config
    if not config.social_cards:
        return pages, [], None
    if not cards.available():
        cards.warn_unavailable()
        return pages, [], None
    found = cards.page_cards(pages, config.title, config.base_url)
    painter = cards.CardPainter(cards.cache_folders(cache.folder), renderer.render_card)
    planned = painter.plan((path, text) for _index, path, text in found)
    with_cards = list(pages)
    for index, path, text in found:
        with_cards[index] = dataclasses.replace(pages[index], card=SocialCard(path, cards.alt_text(text)))
    return with_cards, planned, painter


def _copy_cards(
    output: Output, plan: OutputPlan, planned: list[tuple[str, bytes, str]], painter: cards.CardPainter | None
) -> None:
    """Cards whose digest the output does not hold yet: from the cache, drawn first if the cache lacks them."""
    for relative, key, svg in planned:
        if relative in plan.produce and painter is not None:
            output.copy_file(painter.source(key, svg), relative)


def _carry_over(output: Output, plan: OutputPlan, statics: list[StaticFile]) -> None:
    """Complete the staging folder: copy changed static files, take unchanged files, drop deleted ones."""
    for static in statics:
        if static.relative in plan.produce:
            output.copy_file(static.path, static.relative)
    for relative in plan.take:
        output.link_unchanged(relative)
    for relative in plan.remove:
        output.remove(relative)
