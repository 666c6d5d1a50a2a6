"""Checking templates: each is parsed and compiled, the templates it names must exist, and what it refers to is learnt.

Checking the default theme's templates costs a first build about 0.3 s, the largest part of its
read phase that runs in the build process. Three things spare it:
- the build cache recalls the check of a template whose text, and the list of templates, are
  unchanged since an earlier build (the compiled code is then on disk, in Jinja2's bytecode cache);
- a process that builds again (the dev server, a test suite) keeps every check and its code;
- on a first build, a worker process checks the templates while the build reads the content,
  and sends back the Python code Jinja2 generated, which this process compiles (a tenth of the work).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from types import CodeType

import jinja2
from jinja2 import nodes

from guidegen import workers
from guidegen.errors import Problem, Problems
from guidegen.memo import Memo, Recompute
from guidegen.render import template_interface
from guidegen.render.template_facts import TemplateFacts, Walk, template_facts
from guidegen.render.template_interface import TemplateInterface
from guidegen.render.theme import Layers

TEMPLATE_SUFFIXES = (".html", ".xml", ".txt", ".json", ".svg")
KIND = "template-check"  # what the build cache files checks under
IN_WORKER_FROM = 8  # templates to check; for fewer, forking a worker costs more than it saves
_CHECKED_LIMIT = 1_000  # templates a process keeps; forgotten all at once beyond this


@dataclass(frozen=True)
class TemplateCheck:
    """What checking one template found: its problems, and the templates it refers to."""

    problems: tuple[Problem, ...]
    facts: TemplateFacts
    interface: TemplateInterface = template_interface.UNKNOWN  # the blocks and macros it offers and takes


@dataclass(frozen=True)
class TemplateSource:
    """One template's text, with all else its check reads: how messages name it and the list of templates."""

    name: str
    filename: str  # the name the loader gives its file, which its compiled code carries
    shown: str
    source: str
    listing: str  # every template's name, one a line

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.name, self.filename, self.shown, self.listing, self.source)

    @property
    def remembered_as(self) -> str:
        """The text the build cache keeps the check under: the file a message names is part of it."""
        return f"{self.listing}\0{self.shown}\0{self.source}"


# a template's key, its check, and the Python code Jinja2 generated for it (what a worker sends back)
Checked = tuple[tuple[str, str, str, str, str], TemplateCheck, str | None]

# What checking a template found and the code it compiled to, by everything that decides them. The
# environment's settings that compiling reads are the same for every site (template_environment).
_CHECKED: dict[tuple[str, str, str, str, str], tuple[TemplateCheck, CodeType | None]] = {}


@dataclass
class TemplateReading:
    """Every template's text, read once a build, and the checks a worker makes of them meanwhile."""

    sources: list[TemplateSource]
    available: set[str]  # the names of all templates, readable or not
    unreadable: tuple[Problem, ...]
    started: workers.Started[Checked] | None = None  # what start_checks began

    def close(self) -> None:
        if self.started is not None:
            self.started.close()


def read_templates(env: jinja2.Environment, layers: Layers) -> TemplateReading:
    """Every template's text (an unreadable one is a problem), and the names of all templates."""
    available = set(env.list_templates(extensions=[s.lstrip(".") for s in TEMPLATE_SUFFIXES]))
    listing = "\n".join(sorted(available))
    sources = []
    problems = Problems()
    for name in sorted(available):
        found = layers.find(name)
        shown = layers.shown(name)
        try:
            if found is None:
                raise OSError(f"{name} is not in any templates folder")
            source = found[1].read_text(encoding="utf-8")
            filename = (env.loader.get_source(env, name)[1] if env.loader is not None else None) or str(found[1])
        except (OSError, UnicodeDecodeError, jinja2.TemplateNotFound) as exc:
            problems.error(shown, f"cannot read template: {exc}")
            continue
        sources.append(TemplateSource(name, filename, shown, source, listing))
    return TemplateReading(sources, available, tuple(problems.items))


def start_checks(env: jinja2.Environment, layers: Layers, memo: Memo) -> TemplateReading:
    """Read the templates, and check in a worker process those that neither memo nor this process knows,
    unless they are few; check_all finishes the work."""
    reading = read_templates(env, layers)
    if not layers.exists():
        return reading
    new = [s for s in reading.sources if s.key not in _CHECKED and not memo.knows(KIND, s.name, s.remembered_as)]
    if len(new) >= IN_WORKER_FROM:
        check = functools.partial(_generated, env, reading.available)
        reading.started = workers.start_in_workers(check, new, len(new), processes=1)
    return reading


def check_all(
    env: jinja2.Environment,
    layers: Layers,
    problems: Problems,
    memo: Memo | None = None,
    reading: TemplateReading | None = None,
) -> tuple[list[TemplateSource], dict[str, TemplateCheck], dict[str, CodeType]]:
    """Every template's source, its check, and the code of those this process compiled or was sent.

    Problems the checks found, and blocks or macros a template takes from one that lacks them,
    go to problems. reading (from start_checks) brings the texts and what a worker checked meanwhile;
    without it, the templates are read now."""
    reading = reading or read_templates(env, layers)
    if reading.started is not None:
        for key, check, generated in reading.started.results():
            _remember(key, check, None if generated is None else compile(generated, key[1], "exec"))
    problems.extend(reading.unreadable)
    sources, available = reading.sources, reading.available
    checks: dict[str, TemplateCheck] = {}
    code: dict[str, CodeType] = {}
    for source in sources:
        made = functools.partial(_checked, env, available, source)
        checks[source.name] = (memo or Recompute()).recall(KIND, source.name, source.remembered_as, made)
        problems.extend(checks[source.name].problems)
        known = _CHECKED.get(source.key)
        if known is not None and known[1] is not None:
            code[source.name] = known[1]
    interfaces = {name: check.interface for name, check in checks.items()}
    template_interface.check(interfaces, layers.shown, problems)
    return sources, checks, code


def _generated(env: jinja2.Environment, available: set[str], source: TemplateSource) -> Checked:
    """In a worker: the check, and the Python code Jinja2 generated (a code object does not pickle)."""
    check, generated = _check(env, available, source)
    return source.key, check, generated


def _checked(env: jinja2.Environment, available: set[str], source: TemplateSource) -> TemplateCheck:
    """The check of a template, made once per process for the same file, text and list of templates."""
    known = _CHECKED.get(source.key)
    if known is None:
        check, generated = _check(env, available, source)
        known = _remember(source.key, check, None if generated is None else compile(generated, source.filename, "exec"))
    return known[0]


def _remember(
    key: tuple[str, str, str, str, str], check: TemplateCheck, code: CodeType | None
) -> tuple[TemplateCheck, CodeType | None]:
    if len(_CHECKED) >= _CHECKED_LIMIT:
        _CHECKED.clear()
    _CHECKED[key] = (check, code)
    return check, code


def _check(env: jinja2.Environment, available: set[str], source: TemplateSource) -> tuple[TemplateCheck, str | None]:
    """What checking a template finds, and the Python code Jinja2 generates for it (None when it fails)."""
    found = Problems()
    try:
        tree = env.parse(source.source, source.name, source.filename)
        # generated from this tree rather than parsed again by get_template, which will find the code
        generated = env.compile(tree, source.name, source.filename, raw=True)
    except jinja2.TemplateSyntaxError as exc:
        found.error(source.shown, f"template syntax error: {exc.message}", line=exc.lineno)
        return TemplateCheck(tuple(found.items), template_facts(None)), None
    walk = Walk(tree)
    for node in walk.nodes:
        if not isinstance(node, (nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
            continue
        target = getattr(node, "template", None)
        if isinstance(target, nodes.Const) and isinstance(target.value, str) and target.value not in available:
            found.error(source.shown, f"template '{target.value}' does not exist", line=node.lineno)
    interface = template_interface.interface(tree, walk)
    return TemplateCheck(tuple(found.items), template_facts(tree, walk), interface), generated
