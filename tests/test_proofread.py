"""Proofreading: what it flags, and that its quick pre-tests never hide a finding of the full scans."""

from __future__ import annotations

import io
import re
import shutil
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PIL import Image

from conftest import SiteFixture
from guidegen.checks import file_checks, proofread

PIECES = [
    "the",
    "The",
    "THE",
    "recieve",
    "Recieve",
    "seperate",
    "dataPipeline",
    "theCloud",
    "Sie",
    "sie",
    "[the]",
    "## ",
    "`x`",
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
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.sampled_from(["en", "de", "tr"]))
@example(["\u212ait", " ", "kit"], "en")  # the scans read the Kelvin sign as a k: 'Kit kit' is doubled
@example(["\u017fo", " ", "\u017fo"], "en")  # and ſ, ı and İ as letters
@example(["\u0131t", " ", "\u0131t"], "en")
@example(["\u0130t", " ", "\u0130t"], "en")
@example(["foo-bar", " ", "bar"], "en")
@example(["the", "\xa0", "the"], "en")
@example(["model", ".", " ", "Model"], "en")  # not doubled: the pre-test lets it through, the scan says no
def test_quick_pre_tests_find_exactly_what_the_full_scans_find(pieces: list[str], language: str) -> None:
    text = "".join(pieces)
    prose, running = proofread._prose(text), proofread._running(text)
    reading = proofread.Reading(language)
    assert proofread._findings(prose, running, reading) == proofread._findings(prose, running, reading, quick=False)


def test_the_only_letters_the_pre_test_must_hand_to_the_scans_are_listed() -> None:
    letters = re.compile(r"[A-Za-z]", re.I)
    lookalikes = [
        chr(code)
        for code in range(0x80, sys.maxunicode + 1)
        if letters.match(chr(code)) or re.search("[A-Za-z]", chr(code).lower())
    ]
    assert lookalikes == list(proofread._ASCII_LOOKALIKES)


def test_a_build_warns_about_each_kind_of_finding(site: SiteFixture) -> None:
    text = site.read("content/articles/choosing-a-data-program.md")
    site.write(
        "content/articles/choosing-a-data-program.md",
        text + "\nWe recieve the the theCloud on macOS, and `recieve` in code.\n",
    )
    report = site.build()
    shown = [problem.format() for problem in report.warnings]
    name = "content/articles/choosing-a-data-program.md:12: warning:"
    assert shown == [
        f"{name} doubled word 'the the'",
        f"{name} possible misspelling 'recieve' (did you mean 'receive'?)",
        f"{name} words run together: 'theCloud' (did you mean 'the Cloud'?)",
    ]


def test_proofreading_and_content_checks_in_worker_processes_find_what_this_process_finds(
    site: SiteFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(6):
        site.write(
            f"content/articles/note-{number}.md",
            f"---\ntitle: Note {number}\ndate: 2026-01-0{number + 1}\nsummary: s\n---\n\n"
            f"We {'recieve' if number % 2 else 'receive'} the the theCloud {number}.\n\n### Deep\n\nText.\n",
        )
    in_process = [problem.format() for problem in site.build().warnings]
    # each note: a doubled word, words run together and a skipped heading level; every other: a misspelling
    assert len(in_process) == 6 + 6 + 6 + 3
    monkeypatch.setattr(file_checks, "PARALLEL_FROM", 1)
    monkeypatch.setattr(file_checks, "CHUNK", 2)
    shutil.rmtree(site.root / ".guidegen-cache")  # nothing remembered: every text is proofread again
    assert [problem.format() for problem in site.build().warnings] == in_process


def _warnings(site: SiteFixture, name: str, text: str) -> list[str]:
    site.write(f"content/articles/{name}.md", text)
    image = io.BytesIO()
    Image.new("RGB", (8, 8)).save(image, "PNG")
    site.write("static/img/tf.png", image.getvalue())
    return [problem.format() for problem in site.build().warnings if problem.file == f"content/articles/{name}.md"]


def _page(language: str, body: str) -> str:
    return f"---\ntitle: Notes\ndate: 2026-01-01\nsummary: Short notes.\nlanguage: {language}\n---\n\n{body}"


EDITED_PROSE_FALSE_ALARMS = [
    ("de", "Wenn Sie sie fragen, antworten sie gern. Die Frau, die die Karte hat, wartet.\n"),
    ("tr", "Bu projeye sık sık katkıda bulunuyoruz ve yavaş yavaş büyüyor.\n"),
    ("en", "## TensorFlow\n\n![TensorFlow](/img/tf.png)\n"),
    ("en", "**Docker**: [Docker](https://docker.example/) runs the service.\n"),
    ("en", "Thanks to rrousselGit, freeCodeCamp and the mongoDB team; call forEach on yourName.\n"),
    ("en", "The list ends with the\n\nthe next paragraph starts here.\n"),
    ("en", "He said that that was fine, and she had had enough of `x` x.\n"),
    ("en", "Use `print` print statements sparingly.\n"),
    ("de", "Das ist eine agressive Strategie, sagt er.\n"),  # English spelling list: not on a German page
]


@pytest.mark.parametrize(("language", "body"), EDITED_PROSE_FALSE_ALARMS)
def test_grammatical_and_structural_repeats_are_not_flagged(site: SiteFixture, language: str, body: str) -> None:
    assert _warnings(site, "notes", _page(language, body)) == []


def test_a_doubled_word_across_a_line_break_is_one_line_of_message(site: SiteFixture) -> None:
    english = "We compared the\nthe programs.\n"
    assert _warnings(site, "notes", _page("en", english)) == [
        "content/articles/notes.md:8: warning: doubled word 'the the'"
    ]
    german = "Wir haben das\ndas Programm gesehen, und es ist\nist gut.\n"  # "das das" may be grammatical
    assert _warnings(site, "notes", _page("de", german)) == [
        "content/articles/notes.md:9: warning: doubled word 'ist ist'"
    ]


def test_a_warning_can_be_silenced_where_it_stands(site: SiteFixture) -> None:
    body = (
        "An agressive plan. <!-- proofread: ignore -->\n\n"
        "<!-- proofread: ignore -->\nThe band The The played\nand and stayed.\n\n"
        "An agressive second plan.\n"
    )
    assert _warnings(site, "notes", _page("en", body)) == [
        "content/articles/notes.md:14: warning: possible misspelling 'agressive' (did you mean 'aggressive'?)"
    ]


def test_the_site_can_accept_words_everywhere(site: SiteFixture) -> None:
    site.write("content/site.yaml", site.read("content/site.yaml") + "accepted_words: [theMachine, agressive]\n")
    body = "The theMachine band played an agressive set, and theCloud too.\n"
    assert _warnings(site, "notes", _page("en", body)) == [
        "content/articles/notes.md:8: warning: words run together: 'theCloud' (did you mean 'the Cloud'?)"
    ]
