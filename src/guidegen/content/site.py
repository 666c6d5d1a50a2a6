"""The in-memory site: every validated content object, with where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from guidegen.content.models import ArticleMeta, CareerMeta, GuideMeta, Program, SalaryTableData, SiteConfig
from guidegen.content.yamlfile import YamlDocument

M = TypeVar("M")


@dataclass(frozen=True)
class Origin:
    """The source file of an object, to point messages at the right line."""

    name: str  # path relative to the project root, e.g. content/guides/mlops.md
    doc: YamlDocument  # front matter or data, with a line for every field
    text: str = ""  # the whole file for Markdown pages (to find the line of a link)
    base: tuple[str | int, ...] = ()  # where the record starts inside the file
    text_dropped: bool = False  # stored without its text, which the source gives back (restored)

    def stored(self) -> Origin:
        """What a cache keeps: the line index without the data, and no text (the source has it)."""
        return Origin(self.name, self.doc.line_index(), "", self.base, text_dropped=bool(self.text))

    def restored(self, text: str) -> Origin:
        """The origin as parsed, from a stored one and its source's text."""
        doc = self.doc.restored(text)
        if self.text_dropped:
            return Origin(self.name, doc, text, self.base)
        return self if doc is self.doc else Origin(self.name, doc, self.text, self.base)

    def line_of(self, *path: str | int) -> int:
        return self.doc.line_for((*self.base, *path))

    def line_of_text(self, needle: str) -> int | None:
        """First line of the file containing needle, for messages about Markdown links."""
        index = self.text.find(needle)
        if index == -1:
            return None
        return self.text.count("\n", 0, index) + 1


@dataclass(frozen=True)
class Document(Generic[M]):
    """A Markdown page: front matter, body and origin."""

    slug: str
    meta: M
    body_start: int  # where the body begins in origin.text (the body is not kept twice)
    origin: Origin

    @property
    def body(self) -> str:
        return self.origin.text[self.body_start :]


Guide = Document[GuideMeta]
Career = Document[CareerMeta]
Article = Document[ArticleMeta]


@dataclass(frozen=True)
class SalaryTable:
    id: str
    data: SalaryTableData
    origin: Origin


@dataclass(frozen=True)
class ProgramRecord:
    program: Program
    origin: Origin

    # one of many records in a file, each with a digest of its own (incremental/cache.py)
    def identity(self) -> object:
        """The object pages are built from."""
        return self.program

    def content(self) -> bytes:
        """What the record holds, as bytes to digest."""
        return self.program.model_dump_json().encode("utf-8")


@dataclass(frozen=True)
class Project:
    """Where the inputs live and where the output goes."""

    root: Path
    out: Path
    base_url: str | None = None  # overrides site.yaml's base_url, e.g. the address a CI publishes to
    search: bool | None = None  # False (--no-search) overrides site.yaml's search
    future: bool = False  # also build pages whose publish_date is still to come (guidegen serve, --future)

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def static(self) -> Path:
        return self.root / "static"


@dataclass
class Skipped:
    """What exists under content/ but is not published, by section: the pages of a reference to
    one of them are not told it "does not exist", since the file's own problem is reported."""

    failed: dict[str, set[str]] = field(default_factory=dict)  # slugs (programs: "file[index]") with errors
    drafts: dict[str, set[str]] = field(default_factory=dict)
    folders: set[str] = field(default_factory=set)  # sections whose folder could not be read at all

    def add(self, kind: dict[str, set[str]], section: str, slug: str) -> None:
        kind.setdefault(section, set()).add(slug)

    def has_errors(self, section: str, slug: str | None = None) -> bool:
        """Whether the section's folder, the given slug, or (without slug) any file of it failed."""
        failed = self.failed.get(section, set())
        return section in self.folders or (slug in failed if slug is not None else bool(failed))


@dataclass
class Publishing:
    """What scheduled publishing decided for this build (see schedule.py)."""

    hidden: dict[str, dict[str, str]] = field(default_factory=dict)  # section -> slug -> why ("scheduled for ...")
    previews: dict[str, str] = field(default_factory=dict)  # source file -> banner of a page shown before its date
    next_change: int | None = None  # epoch seconds of the next publish or expiry instant still to come


@dataclass
class Site:
    """Everything read and validated, ready to be linked and rendered."""

    project: Project
    config: SiteConfig
    config_origin: Origin
    guides: dict[str, Guide] = field(default_factory=dict)
    careers: dict[str, Career] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    salaries: dict[str, SalaryTable] = field(default_factory=dict)
    programs: dict[str, ProgramRecord] = field(default_factory=dict)
    skipped: Skipped = field(default_factory=Skipped)
    publishing: Publishing = field(default_factory=Publishing)
