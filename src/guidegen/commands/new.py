"""`guidegen new`: start a guide, career or article with every required field in place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from guidegen.content.fields import SLUG_PATTERN
from guidegen.content.site import Project
from guidegen.errors import ConfigError
from guidegen.structure import urls

FOLDERS = {"guide": "guides", "career": "careers", "article": "articles"}


def _first_slug(folder: Path, suffixes: tuple[str, ...], fallback: str) -> str:
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix in suffixes and SLUG_PATTERN.match(path.stem):
                return path.stem
    return fallback


def _title(slug: str) -> str:
    return " ".join(word.capitalize() for word in slug.split("-"))


def create(project: Project, kind: str, slug: str) -> Path:
    """Write content/<kind>s/<slug>.md as a draft; refuse to overwrite."""
    if not SLUG_PATTERN.match(slug):
        raise ConfigError(f"'{slug}' is not a valid slug: use lowercase letters, digits and hyphens")
    if kind == "guide" and slug == urls.CATEGORY_SEGMENT:
        raise ConfigError(f"'{slug}' is reserved: {urls.GUIDES}{slug}/ holds the guide category pages")
    folder = project.content / FOLDERS[kind]
    path = folder / f"{slug}.md"
    if path.exists():
        raise ConfigError(f"{path.relative_to(project.root)} already exists")
    career = _first_slug(project.content / "careers", (".md",), slug)
    salary = _first_slug(project.content / "salaries", (".yaml", ".yml"), slug)
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(scaffold(kind, _title(slug), dt.date.today(), career, salary), encoding="utf-8")
    return path


def scaffold(kind: str, title: str, day: dt.date, career: str, salary: str) -> str:
    """The draft `guidegen new` writes; checks/content_quality.py warns about its placeholders left in."""
    today = day.isoformat()
    texts = {
        "guide": f"""---
title: "{title}"
kicker: "Specialization"
badge: "New"
category: "Specialization"  # guides of one category share a page at /guides/category/<slug>/
summary: "One sentence for search results and cards."
tldr: "Two sentences: what this specialization is and why it matters now."
stats:
  - value: "0"
    label: "Headline figure"
    source: {{unsourced: true, note: "Say where this figure comes from, or that it has no source."}}
    as_of: {today[:4]}
callout:
  title: "Why it matters"
  body: "A short paragraph in Markdown."
career: {career}  # the career this guide leads to (content/careers/)
salary: {salary}  # the salary table to show (content/salaries/)
programs:
  title: "{title} Programs"
  description: "What the listed programs have in common."
  tags: [machine-learning]
updated: {today}
draft: true  # remove this line to publish
---

## Why it matters now

## Career outlook and salary

## Key skills

## Real-world applications
""",
        "career": f"""---
title: "{title}"
summary: "One sentence on what the role does."
salary: {salary}  # the salary table to show (content/salaries/)
guides: []  # guides that lead to this career
updated: {today}
draft: true  # remove this line to publish
---

## What the role does

## How to get there
""",
        "article": f"""---
title: "{title}"
date: {today}
summary: "One sentence for the article list and search results."
tags: []
draft: true  # remove this line to publish
---

Write the article here, in Markdown.
""",
    }
    return texts[kind]
