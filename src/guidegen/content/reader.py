"""Read phase: find every content file, parse it and validate it into the typed Site."""

from __future__ import annotations

import functools
import json
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from guidegen import workers
from guidegen.content.fields import SLUG_PATTERN
from guidegen.content.models import (
    ArticleMeta,
    CareerMeta,
    GuideMeta,
    Program,
    SalaryTableData,
    SiteConfig,
)
from guidegen.content.program_sources import parse_program_csv, parse_program_json
from guidegen.content.salary_rules import check_salary_table
from guidegen.content.site import Document, Origin, ProgramRecord, Project, SalaryTable, Site, Skipped
from guidegen.content.sources import SourceText, is_inside, split_front_matter, stays_inside
from guidegen.content.validation import validate
from guidegen.content.yamlfile import CatalogPart, YamlDocument, catalog_parts, dotted, parse_yaml, read_part
from guidegen.errors import ConfigError, Problem, Problems, display_path
from guidegen.memo import Memo, Recompute

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

MARKDOWN_SUFFIXES = (".md", ".markdown")
YAML_SUFFIXES = (".yaml", ".yml")
PROGRAM_TABLE_SUFFIXES = (".csv", ".json")  # spreadsheets and database exports (program_sources.py)
# A YAML catalog with this many parts (of ITEMS_PER_PARSE programs) to parse is parsed by worker processes:
# at 100,000 programs parsing and validating it took 12 s of one core while the other waited.
PARTS_IN_WORKERS = 4
SECTIONS = {
    "guides": MARKDOWN_SUFFIXES,
    "careers": MARKDOWN_SUFFIXES,
    "articles": MARKDOWN_SUFFIXES,
    "salaries": YAML_SUFFIXES,
    "programs": (*YAML_SUFFIXES, *PROGRAM_TABLE_SUFFIXES),
}


@dataclass(frozen=True)
class Listing:
    """A section folder's content files, (slug, path) in name order, and what listing them found wrong."""

    files: tuple[tuple[str, Path], ...]
    problems: tuple[Problem, ...]
    symlinks: bool  # a symlink's target can change while the folder does not


def read_site(project: Project, problems: Problems, memo: Memo | None = None) -> Site | None:
    """Read and validate everything under content/. None when site.yaml itself is unusable."""
    if not project.content.is_dir():
        raise ConfigError(f"no content/ directory in {project.root}: run guidegen in a project folder or pass --root")
    memo = memo or Recompute()
    config_loaded = _read_config(project, problems, memo)
    _warn_about_strays(project, problems)
    # every file is read and checked even when site.yaml is unusable, so that all problems are listed at once
    skipped = Skipped()
    guides = _read_documents(project, "guides", GuideMeta, skipped, problems, memo)
    careers = _read_documents(project, "careers", CareerMeta, skipped, problems, memo)
    articles = _read_documents(project, "articles", ArticleMeta, skipped, problems, memo)
    salaries = _read_salaries(project, skipped, problems, memo)
    columns = config_loaded[0].programs_columns if config_loaded is not None else {}
    programs = _read_programs(project, columns, skipped, problems, memo)
    if config_loaded is None:
        return None
    config, config_origin = config_loaded
    return Site(
        project,
        config,
        config_origin,
        guides=guides,
        careers=careers,
        articles=articles,
        salaries=salaries,
        programs=programs,
        skipped=skipped,
    )


def _read_config(project: Project, problems: Problems, memo: Memo) -> tuple[SiteConfig, Origin] | None:
    path = project.content / "site.yaml"
    name = display_path(path, project.root)
    if not path.is_file():
        problems.error(name, "file is missing", hint="every site needs content/site.yaml with title, base_url, ...")
        return None
    if not stays_inside(path, project.content, project.root, problems):
        return None
    source = memo.read(path, project.root, problems)
    if source is None:
        return None

    def parse(found: Problems) -> tuple[SiteConfig, Origin] | None:
        doc = _parse_yaml_file(source, found)
        if doc is None:
            return None
        config = validate(SiteConfig, doc.data, doc, name, found)
        return None if config is None else (config, Origin(name, doc.line_index()))

    loaded = memo.parse(source, parse, problems)
    if loaded is None:
        return loaded
    config, origin = loaded
    if project.search is not None:  # --no-search
        config = config.model_copy(update={"search": project.search})
    if project.base_url is None:
        return config, origin
    return _with_base_url(config, project.base_url), origin


def _with_base_url(config: SiteConfig, base_url: str) -> SiteConfig:
    """site.yaml with the base URL given on the command line, validated like the one in the file."""
    try:
        return SiteConfig.model_validate({**config.model_dump(), "base_url": base_url})
    except ValidationError as exc:
        message = exc.errors(include_url=False)[0]["msg"].removeprefix("Value error, ")
        raise ConfigError(f"--base-url: {message}") from None


def _parse_yaml_file(source: SourceText, problems: Problems, *, lines_when_needed: bool = False) -> YamlDocument | None:
    doc = parse_yaml(source.text, source.name, problems, lines_when_needed=lines_when_needed)
    if doc is not None and doc.data is None:
        problems.error(source.name, "file is empty", line=1, hint="add the fields this file needs, or delete it")
        return None
    return doc


def _section_files(
    project: Project, section: str, skipped: Skipped, problems: Problems, memo: Memo
) -> Iterable[tuple[str, Path]]:
    """(slug, path) of each content file of a section, after checking names, symlinks and collisions."""
    folder = project.content / section
    if not folder.is_dir():
        return ()
    if not is_inside(folder, project.content):
        skipped.folders.add(section)
        problems.error(
            display_path(folder, project.root),
            f"folder is a symlink pointing outside content/ ({folder.resolve()})",
            hint="copy the folder into content/ instead of linking to it",
        )
        return ()
    listing = memo.listing(folder, functools.partial(_list_section, project, section, folder, skipped))
    problems.extend(listing.problems)
    return listing.files


def _list_section(project: Project, section: str, folder: Path, skipped: Skipped) -> Listing:
    problems = Problems()
    files: list[tuple[str, Path]] = []
    symlinks = False
    by_slug: dict[str, Path] = {}
    by_lower: dict[str, Path] = {}
    kinds = " or ".join(SECTIONS[section])
    for entry in sorted(os.scandir(folder), key=lambda entry: entry.name):
        if _ignored_name(entry.name):
            continue
        path = folder / entry.name
        # a plain file in a folder inside content/ stays inside: only symlinks need resolving
        link = entry.is_symlink()
        symlinks = symlinks or link
        if path.is_dir() if link else entry.is_dir(follow_symlinks=False):
            problems.warning(
                display_path(path, project.root),
                f"ignored: a folder (content/{section}/ holds {kinds} files, not folders)",
            )
            continue
        if path.suffix.lower() not in SECTIONS[section]:
            problems.warning(display_path(path, project.root), f"ignored: files in content/{section}/ must be {kinds}")
            continue
        if link and not stays_inside(path, project.content, project.root, problems):
            skipped.add(skipped.failed, section, path.stem)
            continue
        slug = path.stem
        if section == "programs":  # a catalog file's name is not part of any URL
            files.append((slug, path))
            continue
        if not SLUG_PATTERN.match(slug):
            suggestion = "-".join("".join(c if c.isalnum() else " " for c in slug.lower()).split())
            problems.error(
                display_path(path, project.root),
                f"file name '{slug}' is not a valid slug: use lowercase letters, digits and hyphens",
                hint=f"rename it to {suggestion}{path.suffix}" if suggestion else None,
            )
        if slug in by_slug:
            problems.error(
                display_path(path, project.root),
                f"maps to the same URL as {display_path(by_slug[slug], project.root)} (/{section}/{slug}/)",
                hint="keep one of the two files",
            )
            continue
        if slug.lower() in by_lower:
            problems.error(
                display_path(path, project.root),
                f"differs only in letter case from {display_path(by_lower[slug.lower()], project.root)}",
                hint="the two would overwrite each other on case-insensitive file systems",
            )
            continue
        by_slug[slug] = path
        by_lower[slug.lower()] = path
        files.append((slug, path))
    return Listing(tuple(files), tuple(problems.items), symlinks)


def _ignored(path: Path) -> bool:
    """Hidden files and editor backups are not content."""
    return _ignored_name(path.name)


def _ignored_name(name: str) -> bool:
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".tmp"))


def _warn_about_strays(project: Project, problems: Problems) -> None:
    for path in sorted(project.content.iterdir()):
        if _ignored(path) or path.name == "site.yaml" or (path.is_dir() and path.name in SECTIONS):
            continue
        known = ", ".join(f"{s}/" for s in SECTIONS)
        problems.warning(
            display_path(path, project.root),
            "ignored: not part of the content model",
            hint=f"content/ holds site.yaml and the folders {known}",
        )


def _read_documents(
    project: Project, section: str, meta: type[M], skipped: Skipped, problems: Problems, memo: Memo
) -> dict[str, Document[M]]:
    documents: dict[str, Document[M]] = {}
    for slug, path in _section_files(project, section, skipped, problems, memo):
        source = memo.read(path, project.root, problems)
        document = (
            None
            if source is None
            else memo.parse(source, functools.partial(_parse_document, source, slug, meta), problems)
        )
        if document is None:
            skipped.add(skipped.failed, section, slug)
        elif getattr(document.meta, "draft", False):
            log.info("skipping draft %s", document.origin.name)
            skipped.add(skipped.drafts, section, slug)
        else:
            documents[slug] = document
    return documents


def _parse_document(source: SourceText, slug: str, meta: type[M], problems: Problems) -> Document[M] | None:
    split = split_front_matter(source, problems)
    if split is None:
        return None
    doc = parse_yaml(split.front_matter, source.name, problems, first_line=split.front_matter_line)
    if doc is None:
        return None
    if doc.data is None:
        problems.error(
            source.name, "front matter is empty", line=1, hint="add the required fields between the '---' lines"
        )
        return None
    validated = validate(meta, doc.data, doc, source.name, problems)
    if validated is None:
        return None
    origin = Origin(source.name, doc.line_index(), source.text)
    return Document(slug, validated, split.body_start, origin)


def _read_salaries(project: Project, skipped: Skipped, problems: Problems, memo: Memo) -> dict[str, SalaryTable]:
    tables: dict[str, SalaryTable] = {}
    for table_id, path in _section_files(project, "salaries", skipped, problems, memo):
        source = memo.read(path, project.root, problems)
        table = (
            None
            if source is None
            else memo.parse(source, functools.partial(_parse_salary_table, source, table_id), problems)
        )
        if table is None:
            skipped.add(skipped.failed, "salaries", table_id)
        else:
            tables[table_id] = table
    return tables


def _parse_salary_table(source: SourceText, table_id: str, problems: Problems) -> SalaryTable | None:
    doc = _parse_yaml_file(source, problems)
    if doc is None:
        return None
    data = validate(SalaryTableData, doc.data, doc, source.name, problems)
    if data is None:
        return None
    origin = Origin(source.name, doc.line_index())
    _check_unique(origin, "levels", "level", [level.level for level in data.levels], problems)
    _check_unique(origin, "locations", "name", [location.name for location in data.locations], problems)
    errors_before = len(problems.errors)
    check_salary_table(data, origin, problems)
    if len(problems.errors) > errors_before:
        return None
    return SalaryTable(table_id, data, origin)


def _check_unique(origin: Origin, section: str, key: str, values: list[str], problems: Problems) -> None:
    """Level and location names must be unique within a table (compared case-insensitively)."""
    first: dict[str, int] = {}
    for index, value in enumerate(values):
        folded = value.casefold()
        if folded in first:
            problems.error(
                origin.name,
                f"duplicate {section[:-1]} '{value}' (already on line {origin.line_of(section, first[folded], key)})",
                line=origin.line_of(section, index, key),
                field=dotted((section, index, key)),
            )
        else:
            first[folded] = index


def _read_programs(
    project: Project, columns: Mapping[str, str], skipped: Skipped, problems: Problems, memo: Memo
) -> dict[str, ProgramRecord]:
    programs: dict[str, ProgramRecord] = {}
    for _stem, path in _section_files(project, "programs", skipped, problems, memo):
        shown = display_path(path, project.root)
        errors_before = len(problems.errors)
        source = memo.read(path, project.root, problems)
        records = [] if source is None else _parse_programs(source, columns, problems, memo)
        if len(problems.errors) > errors_before:  # the file, or some record in it, has errors
            skipped.add(skipped.failed, "programs", shown)
        for record in records:
            program, origin, name = record.program, record.origin, record.origin.name
            base = origin.base
            existing = programs.get(program.id)
            if existing is not None:
                first = f"{existing.origin.name}:{existing.origin.line_of('id')}"
                problems.error(
                    name,
                    f"duplicate program id '{program.id}' (also in {first})",
                    line=origin.line_of("id"),
                    column=origin.doc.column_for((*base, "id")),
                    field=origin.doc.field_name((*base, "id")),
                    hint="every program needs its own id: it is the program's URL",
                )
                continue
            programs[program.id] = record
    return programs


def _parse_programs(
    source: SourceText, columns: Mapping[str, str], problems: Problems, memo: Memo
) -> list[ProgramRecord]:
    suffix = source.path.suffix.lower()
    if suffix == ".csv":
        # the column map is part of what the file parses to
        variant = json.dumps(sorted(columns.items())).encode() if columns else b""
        parse = functools.partial(parse_program_csv, source, columns)
        return memo.parse(source, parse, problems, variant=variant)
    if suffix == ".json":
        return memo.parse(source, functools.partial(parse_program_json, source), problems)
    return _parse_program_yaml(source, problems, memo)


def _parse_program_yaml(source: SourceText, problems: Problems, memo: Memo) -> list[ProgramRecord]:
    """A YAML catalog of more than one part (catalog_parts) is read and validated part by part, each part
    remembered on its own, so that an edit reads one part again. If a part does not read alone, the
    file is read as one text, so that every message is the one the whole file gives."""
    parts = catalog_parts(source.text)
    if parts is None or len(parts) == 1:
        return memo.parse(source, functools.partial(_parse_program_file, source), problems)
    found = Problems()
    programs: list[ProgramRecord] = []
    pieces = [
        # its lines and numbers are part of it
        (part, SourceText(source.path, source.name, part.text), f"{part.first_line}:{part.first_index}".encode())
        for part in parts
    ]
    fresh = [
        number
        for number, (_, piece, position) in enumerate(pieces)
        if memo.parses(piece, variant=position, part=str(number))
    ]
    # many parts to parse: worker processes parse them, and memo.parse is given what they made
    ahead = _read_in_workers([pieces[number][:2] for number in fresh]) if len(fresh) >= PARTS_IN_WORKERS else None
    made = dict(zip(fresh, ahead, strict=True)) if ahead is not None else {}
    for number, (part, piece, position) in enumerate(pieces):
        parse = made.get(number) or functools.partial(_parse_program_part, piece, part)
        read = memo.parse(piece, parse, found, variant=position, part=str(number))
        if read is None:
            return memo.parse(source, functools.partial(_parse_program_file, source), problems)
        programs.extend(read)
    problems.extend(found.items)
    return programs


@dataclass(frozen=True)
class _ReadAhead:
    """A part's parse, made in a worker process: what it returned and what it reported, given to memo.parse."""

    result: list[ProgramRecord] | None
    problems: tuple[Problem, ...]

    def __call__(self, problems: Problems) -> list[ProgramRecord] | None:
        problems.extend(self.problems)
        return self.result


def _read_in_workers(pieces: list[tuple[CatalogPart, SourceText]]) -> list[_ReadAhead] | None:
    """Parse and validate these parts of a catalog in worker processes; None when no worker can start
    (one core, or no fork), and the parts are parsed here."""
    started = workers.start_in_workers(_read_ahead, pieces, 1)
    if started is None:
        return None
    try:
        return started.results()
    finally:
        started.close()


def _read_ahead(piece: tuple[CatalogPart, SourceText]) -> _ReadAhead:
    part, source = piece
    problems = Problems()
    return _ReadAhead(_parse_program_part(source, part, problems), tuple(problems.items))


def _parse_program_part(source: SourceText, part: CatalogPart, problems: Problems) -> list[ProgramRecord] | None:
    doc = read_part(part)
    return None if doc is None else _validated_programs(doc, source.name, problems, part.first_index)


def _parse_program_file(source: SourceText, problems: Problems) -> list[ProgramRecord]:
    doc = _parse_yaml_file(source, problems, lines_when_needed=True)  # a catalog may be large
    return [] if doc is None else _validated_programs(doc, source.name, problems)


def _validated_programs(doc: YamlDocument, name: str, problems: Problems, first_index: int = 0) -> list[ProgramRecord]:
    """The programs of a file (or of a part of one whose first item is number first_index) that validate."""
    records = doc.data if isinstance(doc.data, list) else [doc.data]
    is_list = isinstance(doc.data, list)
    parsed: list[ProgramRecord] = []
    lines = doc.line_index()
    for index, record in enumerate(records, start=first_index):
        base: tuple[str | int, ...] = (index,) if is_list else ()
        program = validate(Program, record, doc, name, problems, base=base)
        if program is not None:
            parsed.append(ProgramRecord(program, Origin(name, lines, base=base)))
    return parsed
