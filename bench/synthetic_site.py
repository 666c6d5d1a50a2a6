"""A deterministic synthetic site: the shipped project plus N articles and M programs.

Each article is ~700 words of Markdown with H2 sections, a list, a pipe table, a fenced
code block, links (to shipped pages, other articles and its own sections) and emphasis.
The same (articles, programs, seed) always writes the same bytes.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

try:  # the catalog benchmark's generator, when it is present
    from synthetic_programs import generate_programs
except ImportError:  # pragma: no cover - depends on which benchmarks are checked out
    from minimal_programs import generate_programs

REPO = Path(__file__).resolve().parent.parent
PROGRAMS_PER_FILE = 250

WORDS = (  # noqa: SIM905 - a paragraph of words reads better than a list of strings
    "model data pipeline team service platform feature training deploy monitor metric latency budget "
    "review release cluster storage queue schema contract version rollback cost owner customer product "
    "report engineer manager analyst question answer practice habit process test result signal alert "
    "dashboard incident runbook shift request response cache index batch stream window partition replica "
    "region network policy access secret token audit record change plan goal risk estimate forecast "
    "benchmark baseline sample label dataset annotation drift quality accuracy recall precision threshold "
    "experiment notebook library framework language runtime container image registry artifact package "
    "build compile profile trace span log event job task worker scheduler resource memory disk core "
    "simple careful steady clear useful small large early late common rare quick slow strong weak new "
    "old open shared private local remote manual automatic weekly daily yearly first second final "
    "helps moves keeps makes shows finds needs builds runs checks writes reads ships learns grows "
    "measures tracks compares explains reduces improves protects supports replaces tests"
).split()
CONNECTORS = ("and", "but", "so", "while", "because", "when", "before", "after", "unless", "since")
SECTION_TITLES = (
    "Getting started",
    "What the role involves",
    "Tools of the trade",
    "Measuring progress",
    "Common mistakes",
    "Costs and budgets",
    "Working with other teams",
    "Where to go next",
    "Planning the first year",
    "Questions to ask",
)
SHIPPED_LINKS = (
    ("the MLOps guide", "/guides/mlops-ai-engineering/"),
    ("the program catalog", "/programs/"),
    ("the Salary Calculator", "/tools/salary-calculator/"),
    ("the MLOps career path", "/careers/mlops-engineer/"),
    ("all articles", "/articles/"),
)
LANGUAGES = ("python", "yaml", "sh")


def article_slug(number: int) -> str:
    return f"synthetic-{number:05d}"


def _sentence(rng: random.Random, words: int) -> str:
    chosen: list[str] = []
    while len(chosen) < words:
        word = rng.choice(WORDS)
        if not chosen or chosen[-1] != word:
            chosen.append(word)
    middle = len(chosen) // 2
    chosen.insert(middle, rng.choice(CONNECTORS))
    if rng.random() < 0.3:
        at = rng.randrange(len(chosen))
        if chosen[at] not in CONNECTORS:
            chosen[at] = f"*{chosen[at]}*" if rng.random() < 0.5 else f"**{chosen[at]}**"
    text = " ".join(chosen)
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, rng.randint(9, 15)) for _ in range(sentences))


def _heading_id(title: str) -> str:
    return "-".join(title.lower().split())


def article_text(number: int, total: int, seed: int = 7) -> str:
    """One article's Markdown file, front matter included."""
    rng = random.Random(seed * 1_000_003 + number)
    title = f"Synthetic article {number}: {rng.choice(SECTION_TITLES).lower()}"
    date = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(2_400))
    sections = rng.sample(SECTION_TITLES, 5)
    other = article_slug(rng.randrange(total)) if total > 1 else article_slug(number)
    shipped_name, shipped_path = rng.choice(SHIPPED_LINKS)
    front = {
        "title": title,
        "date": date.isoformat(),
        "summary": _sentence(rng, 18),
        "tags": sorted(set(rng.sample(("mlops", "careers", "data", "salaries", "programs", "tools"), 2))),
    }
    header = "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=200) + "---\n\n"
    parts = [_paragraph(rng, 5)]
    parts.append(
        f"Read {shipped_name} at [this link]({shipped_path}), a [related article](/articles/{other}/) "
        f"and the section on [{sections[-1].lower()}](#{_heading_id(sections[-1])})."
    )
    for index, section in enumerate(sections):
        parts.append(f"## {section}")
        parts.append(_paragraph(rng, 4))
        if index == 1:
            parts.append("\n".join(f"- {_sentence(rng, 8)}" for _ in range(5)))
        if index == 2:
            rows = [f"| {rng.choice(WORDS)} | {rng.randint(1, 99)} | {_sentence(rng, 5)} |" for _ in range(4)]
            parts.append("\n".join(["| Item | Score | Note |", "|---|---:|---|", *rows]))
        if index == 3:
            language = rng.choice(LANGUAGES)
            code = "\n".join(f"step_{i} = run('{rng.choice(WORDS)}', retries={i})" for i in range(5))
            parts.append(f"```{language}\n{code}\n```")
        parts.append(_paragraph(rng, 3))
    return header + "\n\n".join(parts) + "\n"


def _chunks(records: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(records), size):
        yield records[start : start + size]


def generate_site(root: Path, *, articles: int, programs: int, seed: int = 7) -> None:
    """Write a project at root: the repository's templates, static files and content, plus synthetic content."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for folder in ("templates", "static", "content"):
        shutil.copytree(REPO / folder, root / folder)
    # social cards are drawn once each and kept across builds by digest (render/cards.py); the build
    # benchmark measures pages, so its thousands of synthetic articles get none
    with (root / "content" / "site.yaml").open("a", encoding="utf-8") as config:
        config.write("social_cards: false\n")
    article_folder = root / "content" / "articles"
    for number in range(articles):
        (article_folder / f"{article_slug(number)}.md").write_text(article_text(number, articles, seed), "utf-8")
    records = generate_programs(programs, seed) if programs else []
    for index, chunk in enumerate(_chunks(records, PROGRAMS_PER_FILE)):
        text = yaml.safe_dump(chunk, sort_keys=False, allow_unicode=True, width=200)
        (root / "content" / "programs" / f"synthetic-{index:03d}.yaml").write_text(text, "utf-8")
