"""Proofreading: what it flags, and that its quick pre-tests never hide a finding of the full scans."""

from __future__ import annotations

import re
import shutil
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import REPO, SiteFixture
from guidegen.checks import proofread
from guidegen.checks.proofread import JOINED_ALLOWED, MISSPELLINGS


def reference_findings(prose: str) -> list[tuple[str, int, str | None]]:
    """The three scans run on every text, with no pre-test (what _findings must equal)."""
    found: list[tuple[str, int, str | None]] = []
    for match in re.finditer(r"\b[A-Za-z][A-Za-z']*\b", prose):
        correction = MISSPELLINGS.get(match.group(0).lower())
        if correction:
            found.append((f"possible misspelling '{match.group(0)}'", match.start(), f"did you mean '{correction}'?"))
    for match in re.finditer(r"\b[a-z]{3,}[A-Z][A-Za-z]*\b", prose):
        if match.group(0) not in JOINED_ALLOWED:
            split = re.sub(r"([a-z])([A-Z])", r"\1 \2", match.group(0), count=1)
            found.append((f"words run together: '{match.group(0)}'", match.start(), f"did you mean '{split}'?"))
    for match in re.finditer(r"\b([A-Za-z]+)\s+\1\b", prose, re.I):
        if match.group(1).isalpha() and len(match.group(1)) > 1:
            found.append((f"doubled word '{match.group(0)}'", match.start(), None))
    return found


PIECES = [
    "the",
    "The",
    "THE",
    "recieve",
    "Recieve",
    "seperate",
    "dataPipeline",
    "macOS",
    "abc",
    "s",
    "o",
    "so",
    "ok",
    "kit",
    "\u212ait",
    " ",
    "  ",
    "\n",
    "\t",
    "\x1c",  # a separator that \s matches
    "\xa0",  # no-break space
    "\u2028",
    ".",
    ",",
    "'",
    "-",
    "_",
    "2",
    "(",
    ")",
    "é",
    "—",
    "\u0130",  # İ, lowercases to i + a combining dot
    "\u0131",  # ı, matched by [a-z] under re.I
    "\u017f",  # ſ, likewise
    "\u212a",  # Kelvin sign, lowercases to k
    "\u00df",  # ß, uppercases to SS
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
@example(["\u212ait", " ", "kit"])  # the scans read the Kelvin sign as a k: 'Kit kit' is doubled
@example(["\u017fo", " ", "\u017fo"])  # and ſ, ı and İ as letters
@example(["\u0131t", " ", "\u0131t"])
@example(["\u0130t", " ", "\u0130t"])
@example(["foo-bar", " ", "bar"])
@example(["the", "\xa0", "the"])
@example(["model", ".", " ", "Model"])  # not doubled: the pre-test lets it through, the scan says no
def test_quick_pre_tests_find_exactly_what_the_full_scans_find(pieces: list[str]) -> None:
    prose = "".join(pieces)
    assert proofread._findings(prose) == reference_findings(prose)


def test_the_only_letters_the_pre_test_must_hand_to_the_scans_are_listed() -> None:
    letters = re.compile(r"[A-Za-z]", re.I)
    lookalikes = [
        chr(code)
        for code in range(0x80, sys.maxunicode + 1)
        if letters.match(chr(code)) or re.search("[A-Za-z]", chr(code).lower())
    ]
    assert lookalikes == list(proofread._ASCII_LOOKALIKES)


def test_findings_in_the_shipped_articles_are_unchanged() -> None:
    for path in sorted((REPO / "content").rglob("*.md")):
        prose = proofread._prose(path.read_text(encoding="utf-8"))
        assert proofread._findings(prose) == reference_findings(prose)


def test_a_build_warns_about_each_kind_of_finding(site: SiteFixture) -> None:
    text = site.read("content/articles/choosing-a-data-program.md")
    site.write(
        "content/articles/choosing-a-data-program.md",
        text + "\nWe recieve the the dataPipeline on macOS, and `recieve` in code.\n",
    )
    report = site.build()
    shown = [problem.format() for problem in report.warnings]
    name = "content/articles/choosing-a-data-program.md:12: warning:"
    assert shown == [
        f"{name} doubled word 'the the'",
        f"{name} possible misspelling 'recieve' (did you mean 'receive'?)",
        f"{name} words run together: 'dataPipeline' (did you mean 'data Pipeline'?)",
    ]


def test_proofreading_in_worker_processes_finds_what_this_process_finds(
    site: SiteFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(6):
        site.write(
            f"content/articles/note-{number}.md",
            f"---\ntitle: Note {number}\ndate: 2026-01-0{number + 1}\nsummary: s\n---\n\n"
            f"We {'recieve' if number % 2 else 'receive'} the the dataPipeline {number}.\n",
        )
    in_process = [problem.format() for problem in site.build().warnings]
    # each note: a doubled word and words run together; every other note: a misspelling
    assert len(in_process) == 6 + 6 + 3
    monkeypatch.setattr(proofread, "PARALLEL_FROM", 1)
    monkeypatch.setattr(proofread, "CHUNK", 2)
    shutil.rmtree(site.root / ".guidegen-cache")  # nothing remembered: every text is proofread again
    assert [problem.format() for problem in site.build().warnings] == in_process
