"""Read phase: find every content file, parse it and validate it into the typed Site."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from guidegen.errors import ConfigError, Problems, display_path
from guidegen.models import SLUG_PATTERN, ArticleMeta, CareerMeta, GuideMeta, Program, SalaryTableData, SiteConfig
from guidegen.site import Document, Origin, ProgramRecord, Project, SalaryTable, Site, Skipped
from guidegen.sources import is_inside, read_source, split_front_matter
from guidegen.validation import validate
from guidegen.yamlfile import YamlDocument, dotted, parse_yaml

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

MARKDOWN_SUFFIXES = (".md", ".markdown")
YAML_SUFFIXES = (".yaml", ".yml")
SECTIONS = {
    "guides": MARKDOWN_SUFFIXES,
    "careers": MARKDOWN_SUFFIXES,
    "articles": MARKDOWN_SUFFIXES,
    "salaries": YAML_SUFFIXES,
    "programs": YAML_SUFFIXES,
}


def read_site(project: Project, problems: Problems) -> Site | None:
    """Read and validate everything under content/. None when site.yaml itself is unusable."""
    if not project.content.is_dir():
        raise ConfigError(f"no content/ directory in {project.root}: run guidegen in a project folder or pass --root")
    config_loaded = _read_config(project, problems)
    _warn_about_strays(project, problems)
    # every file is read and checked even when site.yaml is unusable, so that all problems are listed at once
    skipped = Skipped()
    guides = _read_documents(project, "guides", GuideMeta, skipped, problems)
    careers = _read_documents(project, "careers", CareerMeta, skipped, problems)
    articles = _read_documents(project, "articles", ArticleMeta, skipped, problems)
    salaries = _read_salaries(project, skipped, problems)
    programs = _read_programs(project, skipped, problems)
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


def _read_config(project: Project, problems: Problems) -> tuple[SiteConfig, Origin] | None:
    path = project.content / "site.yaml"
    name = display_path(path, project.root)
    if not path.is_file():
        problems.error(name, "file is missing", hint="every site needs content/site.yaml with title, base_url, ...")
        return None
    doc = _read_yaml_file(path, project, problems)
    if doc is None:
        return None
    config = validate(SiteConfig, doc.data, doc, name, problems)
    if config is None:
        return None
    if project.base_url is not None:
        config = _with_base_url(config, project.base_url)
    return config, Origin(name, doc)


def _with_base_url(config: SiteConfig, base_url: str) -> SiteConfig:
    """site.yaml with the base URL given on the command line, validated like the one in the file."""
    try:
        return SiteConfig.model_validate({**config.model_dump(), "base_url": base_url})
    except ValidationError as exc:
        message = exc.errors(include_url=False)[0]["msg"].removeprefix("Value error, ")
        raise ConfigError(f"--base-url: {message}") from None


def _read_yaml_file(path: Path, project: Project, problems: Problems) -> YamlDocument | None:
    source = read_source(path, project.root, problems, within=project.content)
    if source is None:
        return None
    doc = parse_yaml(source.text, source.name, problems)
    if doc is not None and doc.data is None:
        problems.error(source.name, "file is empty", line=1, hint="add the fields this file needs, or delete it")
        return None
    return doc


def _section_files(project: Project, section: str, skipped: Skipped, problems: Problems) -> Iterator[tuple[str, Path]]:
    """(slug, path) of each content file of a section, after checking names and collisions."""
    folder = project.content / section
    if not folder.is_dir():
        return
    if not is_inside(folder, project.content):
        skipped.folders.add(section)
        problems.error(
            display_path(folder, project.root),
            f"folder is a symlink pointing outside content/ ({folder.resolve()})",
            hint="copy the folder into content/ instead of linking to it",
        )
        return
    by_slug: dict[str, Path] = {}
    by_lower: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if _ignored(path):
            continue
        name = display_path(path, project.root)
        kinds = " or ".join(SECTIONS[section])
        if path.is_dir():
            problems.warning(name, f"ignored: a folder (content/{section}/ holds {kinds} files, not folders)")
            continue
        if path.suffix.lower() not in SECTIONS[section]:
            problems.warning(name, f"ignored: files in content/{section}/ must be {kinds}")
            continue
        slug = path.stem
        if section == "programs":  # a catalog file's name is not part of any URL
            yield slug, path
            continue
        if not SLUG_PATTERN.match(slug):
            suggestion = "-".join("".join(c if c.isalnum() else " " for c in slug.lower()).split())
            problems.error(
                name,
                f"file name '{slug}' is not a valid slug: use lowercase letters, digits and hyphens",
                hint=f"rename it to {suggestion}{path.suffix}" if suggestion else None,
            )
        if slug in by_slug:
            problems.error(
                name,
                f"maps to the same URL as {display_path(by_slug[slug], project.root)} (/{section}/{slug}/)",
                hint="keep one of the two files",
            )
            continue
        if slug.lower() in by_lower:
            problems.error(
                name,
                f"differs only in letter case from {display_path(by_lower[slug.lower()], project.root)}",
                hint="the two would overwrite each other on case-insensitive file systems",
            )
            continue
        by_slug[slug] = path
        by_lower[slug.lower()] = path
        yield slug, path


def _ignored(path: Path) -> bool:
    """Hidden files and editor backups are not content."""
    return path.name.startswith((".", "#")) or path.name.endswith(("~", ".swp", ".tmp"))


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
    project: Project, section: str, meta: type[M], skipped: Skipped, problems: Problems
) -> dict[str, Document[M]]:
    documents: dict[str, Document[M]] = {}
    for slug, path in _section_files(project, section, skipped, problems):
        document = _read_document(project, slug, path, meta, problems)
        if document is None:
            skipped.add(skipped.failed, section, slug)
        elif getattr(document.meta, "draft", False):
            log.info("skipping draft %s", document.origin.name)
            skipped.add(skipped.drafts, section, slug)
        else:
            documents[slug] = document
    return documents


def _read_document(project: Project, slug: str, path: Path, meta: type[M], problems: Problems) -> Document[M] | None:
    source = read_source(path, project.root, problems, within=project.content)
    if source is None:
        return None
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
    return Document(slug, validated, split.body, Origin(source.name, doc, source.text))


def _read_salaries(project: Project, skipped: Skipped, problems: Problems) -> dict[str, SalaryTable]:
    tables: dict[str, SalaryTable] = {}
    for table_id, path in _section_files(project, "salaries", skipped, problems):
        name = display_path(path, project.root)
        doc = _read_yaml_file(path, project, problems)
        data = None if doc is None else validate(SalaryTableData, doc.data, doc, name, problems)
        if doc is None or data is None:
            skipped.add(skipped.failed, "salaries", table_id)
            continue
        origin = Origin(name, doc)
        _check_unique(origin, "levels", "level", [level.level for level in data.levels], problems)
        _check_unique(origin, "locations", "name", [location.name for location in data.locations], problems)
        tables[table_id] = SalaryTable(table_id, data, origin)
    return tables


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


def _read_programs(project: Project, skipped: Skipped, problems: Problems) -> dict[str, ProgramRecord]:
    programs: dict[str, ProgramRecord] = {}
    for _stem, path in _section_files(project, "programs", skipped, problems):
        name = display_path(path, project.root)
        doc = _read_yaml_file(path, project, problems)
        if doc is None:
            skipped.add(skipped.failed, "programs", name)
            continue
        records = doc.data if isinstance(doc.data, list) else [doc.data]
        is_list = isinstance(doc.data, list)
        for index, record in enumerate(records):
            base: tuple[str | int, ...] = (index,) if is_list else ()
            program = validate(Program, record, doc, name, problems, base=base)
            if program is None:
                skipped.add(skipped.failed, "programs", f"{name}[{index}]")
                continue
            origin = Origin(name, doc, base=base)
            existing = programs.get(program.id)
            if existing is not None:
                first = f"{existing.origin.name}:{existing.origin.line_of('id')}"
                problems.error(
                    name,
                    f"duplicate program id '{program.id}' (also in {first})",
                    line=origin.line_of("id"),
                    field=dotted((*base, "id")),
                    hint="every program needs its own id: it is the program's URL",
                )
                continue
            programs[program.id] = ProgramRecord(program, origin)
    return programs
