"""Render phase: the Jinja2 environment, its filters, and template errors with file:line."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from types import CodeType, TracebackType

import jinja2
import markupsafe
from jinja2.bccache import Bucket

from guidegen.errors import Problems, display_path
from guidegen.hashing import digest
from guidegen.markup.converter import MarkdownRenderer, Rendered
from guidegen.memo import Memo
from guidegen.render import charts, formatting, percentile_charts, runtime, template_check
from guidegen.render.fragments import ProgramCards
from guidegen.render.images import ImageInfo
from guidegen.render.structured_data import StructuredData
from guidegen.render.template_check import TEMPLATE_SUFFIXES, TemplateReading
from guidegen.render.template_facts import TemplateFacts
from guidegen.render.theme import Layers, template_layers
from guidegen.search.page import SEARCH, SearchBox
from guidegen.structure import urls
from guidegen.structure.contexts import DataFile, Page
from guidegen.structure.linking import LinkedSite
from guidegen.structure.urls import UrlScheme

# what would end a <script> element or a JavaScript string early, as JSON writes it instead; replaced one
# character after another (str.translate takes ~20 µs on a page's 1 KB of JSON-LD, replace about 1)
_SCRIPT_UNSAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
_COMPACT_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def script_json(data: object) -> str:
    """Compact JSON that stays inert even if a page ever embeds it in a <script> element."""
    text = _COMPACT_JSON.encode(data)
    for unsafe, escaped in _SCRIPT_UNSAFE:
        if unsafe in text:
            text = text.replace(unsafe, escaped)
    return text + "\n"


def _script_json_markup(data: object) -> markupsafe.Markup:
    """JSON-LD for a <script type="application/ld+json"> block: already safe there, so not HTML-escaped."""
    return markupsafe.Markup(script_json(data))


class _CompiledTemplates(jinja2.BytecodeCache):
    """Templates' compiled code: what check_templates compiled from the tree it parsed, else what is
    kept on disk between builds (Jinja2 checks each against its source)."""

    def __init__(self, folder: Path | None) -> None:
        self.disk: jinja2.FileSystemBytecodeCache | None = None
        if folder is not None:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                self.disk = jinja2.FileSystemBytecodeCache(str(folder))
            except OSError:
                pass
        self.compiled: dict[str, tuple[str, CodeType]] = {}

    def keep(self, env: jinja2.Environment, name: str, filename: str, source: str, code: CodeType) -> None:
        bucket = Bucket(env, self.get_cache_key(name, filename), self.get_source_checksum(source))
        bucket.code = code
        self.compiled[bucket.key] = (bucket.checksum, code)
        self.dump_bytecode(bucket)

    def load_bytecode(self, bucket: Bucket) -> None:
        found = self.compiled.get(bucket.key)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]
        elif self.disk is not None:
            self.disk.load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        if self.disk is not None:
            self.disk.dump_bytecode(bucket)


class TemplateRenderError(Exception):
    """A template failed to render; carries the file and line inside templates/."""

    def __init__(self, file: str, line: int | None, message: str) -> None:
        super().__init__(message)
        self.file = file
        self.line = line
        self.message = message


def _markdown_placeholder(text: str) -> str:
    raise RuntimeError("Markdown renders only in a Renderer's environment")


# Every filter by name. Compiling a template reads only their names (and Jinja2's pass_context
# marks, which none has), so an environment made with these compiles what a Renderer's does; a
# Renderer binds the two Markdown filters to its own converter.
FILTERS: dict[str, Callable[..., object]] = {
    "markdown": _markdown_placeholder,
    "markdown_inline": _markdown_placeholder,
    "money": formatting.money_short,
    "money_exact": formatting.money_exact,
    "money_range": formatting.money_range,
    "date": formatting.long_date,
    "as_of": formatting.as_of,
    "duration": formatting.duration,
    "number": formatting.number,
    "iso_date": dt.date.isoformat,
    "script_json": _script_json_markup,
    "level_chart": charts.level_chart,
    "location_chart": charts.location_chart,
    "level_percentile_chart": percentile_charts.level_percentile_chart,
    "location_percentile_chart": percentile_charts.location_percentile_chart,
    "wage": formatting.wage,
}


def template_environment(layers: Layers, bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """The Jinja2 environment of a site's templates (its own over the theme's), with every filter."""
    env = runtime.Environment(
        loader=jinja2.FileSystemLoader(layers.folders),
        autoescape=jinja2.select_autoescape(["html", "xml", "svg"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        cache_size=-1,
        bytecode_cache=bytecode_cache,
    )
    env.filters.update(FILTERS)
    return env


class Renderer:
    """Compiles templates once and renders pages with a documented context: `site` and `page`."""

    def __init__(
        self,
        linked: LinkedSite,
        bytecode_folder: Path | None = None,
        images: dict[str, ImageInfo] | None = None,
        *,
        search: bool = False,
    ) -> None:
        project = linked.site.project
        self.linked = linked
        self.search = search  # the site has a search page (and every page the header's search box)
        self.root = project.root
        self.templates = project.templates
        self.layers = template_layers(project.root)  # the site's templates/ over the theme's
        self.urls = UrlScheme(linked.site.config.base_url)
        self.images = images or {}  # the local images pages show, by site path (render/images.py)
        self.markdown = MarkdownRenderer(self.urls, linked.site.config.heading_ids, self.images)
        self.template_facts: dict[str, TemplateFacts] = {}  # by name, found by check_templates
        self.template_digests: dict[str, bytes] = {}
        self.compiled = _CompiledTemplates(bytecode_folder)
        self.env = template_environment(self.layers, self.compiled)
        config = linked.site.config
        today = formatting.build_date()

        def is_stale(as_of: dt.date | int) -> bool:
            """Whether a figure dated as_of is older than site.yaml's stale_after_months today."""
            return formatting.is_stale(as_of, config.stale_after_months, today)

        self.cards = ProgramCards(self.env)
        # every global is set here, before a template is loaded: each template takes a copy (runtime.Environment)
        self.env.globals.update(
            site=config,
            is_stale=is_stale,
            url=self.urls.href,
            abs_url=self.urls.absolute,
            paths=urls,
            structured_data=StructuredData(config, self.urls).for_page,
            program_card_html=self.cards,
            search_box=SearchBox(SEARCH) if search else None,
        )
        self.env.filters.update(markdown=self._markdown_document, markdown_inline=self._markdown_inline)
        self.env.globals.update(
            percentile_text=percentile_charts.percentile_text,
            percentile_columns=percentile_charts.percentile_columns,
            has_unreleased=percentile_charts.has_unreleased,
            shows_employment=percentile_charts.shows_employment,
        )

    def render_card(self, card: object) -> str:
        """The SVG of a social card (templates/card.svg)."""
        return self.env.get_template("card.svg").render(card=card)

    def _markdown_document(self, text: str) -> Rendered:
        """Markdown to a converter.Rendered: `.html`, and `.toc`, the headings of levels 2 and 3."""
        return self.markdown.document(text)

    def _markdown_inline(self, text: str) -> object:
        """One line of Markdown to HTML without its paragraph, e.g. a TL;DR or a stat's label."""
        return self.markdown.fragment(text, inline=True).html

    def check_templates(
        self, problems: Problems, memo: Memo | None = None, reading: TemplateReading | None = None
    ) -> None:
        """Compile every template and check that every template it names exists; learn what each refers to.

        memo (the build cache) recalls the checks of an earlier build; reading (from
        template_check.start_checks) brings the templates' texts, read once a build, and the checks a
        worker made while the content was read.
        """
        if not self.layers.exists():
            problems.error(display_path(self.templates, self.root), "templates folder is missing")
            return
        sources, checks, code = template_check.check_all(self.env, self.layers, problems, memo, reading)
        for source in sources:
            self.template_facts[source.name] = checks[source.name].facts
            self.template_digests[source.name] = digest(source.source.encode("utf-8"))
            if source.name in code:  # else the bytecode cache on disk has it
                self.compiled.keep(self.env, source.name, source.filename, source.source, code[source.name])
            if not checks[source.name].problems:
                self.env.get_template(source.name)  # compiled once, before render workers fork and share it

    def warm(self, pages: Sequence[Page]) -> None:
        """Render what many of pages share (program cards) here, before workers fork to render them."""

        def render(page: Page) -> None:
            self.render(page)
            self.markdown.take()  # what it converted is the worker's to report, with the page

        self.cards.warm(pages, render)

    def render(self, page: Page) -> str:
        """Render one page; template faults become TemplateRenderError with the template's file and line."""
        if isinstance(page, DataFile):
            return script_json(page.payload())
        try:
            template = self.env.get_template(page.template)
            return template.render(page=page)
        except jinja2.TemplateNotFound as exc:
            missing = self.layers.shown(str(exc.name))
            raise TemplateRenderError(missing, None, f"template does not exist (rendering {page.path})") from exc
        except jinja2.TemplateSyntaxError as exc:
            file = self._shown_file(exc.filename) if exc.filename else page.template
            raise TemplateRenderError(file, exc.lineno, f"template syntax error: {exc.message}") from exc
        except (jinja2.UndefinedError, TypeError, AttributeError, ValueError, KeyError) as exc:
            file, line = self._template_frame(exc.__traceback__, page.template)
            what = str(exc) if isinstance(exc, jinja2.UndefinedError) else f"{type(exc).__name__}: {exc}"
            raise TemplateRenderError(file, line, f"{what} (rendering {page.path})") from exc

    def _template_frame(self, tb: TracebackType | None, fallback: str) -> tuple[str, int | None]:
        """The innermost traceback frame that is a template line."""
        found: tuple[str, int | None] = (self.layers.shown(fallback), None)
        while tb is not None:
            filename = tb.tb_frame.f_code.co_filename
            if filename.endswith(TEMPLATE_SUFFIXES) and self.layers.owner(Path(filename)) is not None:
                found = (self._shown_file(filename), tb.tb_lineno)
            tb = tb.tb_next
        return found

    def _shown_file(self, filename: str) -> str:
        """How a message names a template file given by its path: in the site's folder or the theme's."""
        path = Path(filename)
        layer = self.layers.owner(path)
        if layer is None:
            return display_path(path, self.root)
        return layer.shown(path.resolve().relative_to(layer.folder.resolve()).as_posix(), self.root)
