"""Mechanical proofreading of editors' prose: words run together, known misspellings, doubled words."""

from __future__ import annotations

import contextlib
import functools
import operator
import re
from collections.abc import Iterator

from guidegen.content.site import Origin, Site
from guidegen.errors import Problem, Problems
from guidegen.incremental import parallel
from guidegen.memo import Memo, Recompute

# Words a machine can flag with confidence; the fix is unambiguous.
MISSPELLINGS = {
    "accomodate": "accommodate",
    "acheive": "achieve",
    "adress": "address",
    "agressive": "aggressive",
    "algoritm": "algorithm",
    "alogrithm": "algorithm",
    "analize": "analyze",
    "apparant": "apparent",
    "begining": "beginning",
    "beleive": "believe",
    "buisness": "business",
    "calender": "calendar",
    "commited": "committed",
    "comparision": "comparison",
    "completly": "completely",
    "concious": "conscious",
    "definately": "definitely",
    "dependancy": "dependency",
    "deployement": "deployment",
    "developement": "development",
    "enviroment": "environment",
    "existance": "existence",
    "experiance": "experience",
    "familar": "familiar",
    "finaly": "finally",
    "foriegn": "foreign",
    "goverment": "government",
    "guage": "gauge",
    "happend": "happened",
    "immediatly": "immediately",
    "independant": "independent",
    "infrastucture": "infrastructure",
    "infastructure": "infrastructure",
    "inteligence": "intelligence",
    "knowlege": "knowledge",
    "lenght": "length",
    "maintainance": "maintenance",
    "managment": "management",
    "neccessary": "necessary",
    "occured": "occurred",
    "occurence": "occurrence",
    "paralell": "parallel",
    "performence": "performance",
    "persistant": "persistent",
    "posession": "possession",
    "prefered": "preferred",
    "probaly": "probably",
    "proccess": "process",
    "publically": "publicly",
    "realy": "really",
    "recieve": "receive",
    "recomend": "recommend",
    "refered": "referred",
    "relevent": "relevant",
    "reponse": "response",
    "retreive": "retrieve",
    "scalibility": "scalability",
    "seperate": "separate",
    "sucess": "success",
    "succesful": "successful",
    "tommorow": "tomorrow",
    "truely": "truly",
    "untill": "until",
    "vechile": "vehicle",
    "vechiles": "vehicles",
    "wich": "which",
    "writting": "writing",
}
# Brand and product names that legitimately start lowercase and continue in capitals.
JOINED_ALLOWED = {
    "macOS",
    "iPadOS",
    "watchOS",
    "tvOS",
    "visionOS",
    "iCloud",
    "eBay",
    "gRPC",
    "npm",
    "nanoGPT",
    "minGPT",
}

_CODE_BLOCK = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|<[^>\n]+>|https?://\S+")
_WORD = re.compile(r"\b[A-Za-z][A-Za-z']*\b")
_JOINED = re.compile(r"\b[a-z]{3,}[A-Z][A-Za-z]*\b")
_DOUBLED = re.compile(r"\b([A-Za-z]+)\s+\1\b", re.I)
# Quick tests, in C, that a text cannot hold what the scans above find (most texts hold nothing).
_LETTER_RUNS = re.compile(r"([a-z]+)")
_CAMEL = re.compile(r"[A-Z](?<=[a-z][A-Z])")  # a lowercase letter, then a capital
# The only non-ASCII characters that [A-Za-z] matches under re.I, or that lowercase to ASCII letters
_ASCII_LOOKALIKES = ("\u0130", "\u0131", "\u017f", "\u212a")  # İ ı ſ K (Kelvin)
_BLANK = re.compile(r"[^\n]")
# A file with more findings than this is not a matter of typos: report the first ones and a count.
MAX_FINDINGS_PER_FILE = 20

KIND = "proofread"  # what the build cache files the findings under
PARALLEL_FROM = 200  # texts to proofread; for fewer, forking workers costs more than it saves
CHUNK = 50


@contextlib.contextmanager
def proofreading(site: Site, problems: Problems, memo: Memo | None = None) -> Iterator[None]:
    """Warn about what a machine can flag in Markdown pages (front matter and body), once the block ends.

    Texts proofread by an earlier build are recalled. When many are new (a first build),
    worker processes proofread them while the block runs: on two cores, the read phase
    otherwise spends a third of its time here (0.19 ms a page).
    """
    memo = memo or Recompute()
    origins = [
        *(guide.origin for guide in site.guides.values()),
        *(career.origin for career in site.careers.values()),
        *(article.origin for article in site.articles.values()),
    ]
    new = [origin for origin in origins if not memo.knows(KIND, origin.name, origin.text)]
    started = parallel.start_in_workers(_proofread, new, CHUNK) if len(new) >= PARALLEL_FROM else None
    try:
        yield
        done = dict(zip((origin.name for origin in new), started.results(), strict=True)) if started else {}
    finally:
        if started is not None:
            started.close()
    for origin in origins:
        analyse = functools.partial(_found_or_proofread, done, origin)
        problems.extend(memo.recall(KIND, origin.name, origin.text, analyse))


def _found_or_proofread(done: dict[str, list[Problem]], origin: Origin) -> list[Problem]:
    found = done.get(origin.name)
    return found if found is not None else _proofread(origin)


def _proofread(origin: Origin) -> list[Problem]:
    found = Problems()
    prose = _prose(origin.text)
    findings = sorted(_findings(prose), key=lambda finding: finding[1])
    for message, offset, hint in findings[:MAX_FINDINGS_PER_FILE]:
        found.warning(origin.name, message, line=prose.count("\n", 0, offset) + 1, hint=hint)
    if len(findings) > MAX_FINDINGS_PER_FILE:
        found.warning(
            origin.name,
            f"{len(findings) - MAX_FINDINGS_PER_FILE} more proofreading findings not listed",
            hint="fix the ones above and build again",
        )
    return found.items


def _prose(text: str) -> str:
    """The text with code and link targets blanked out (kept the same length for line numbers)."""
    for pattern in (_CODE_BLOCK, _CODE_SPAN, _LINK_TARGET):
        text = pattern.sub(lambda m: _BLANK.sub(" ", m.group(0)), text)
    return text


def _findings(prose: str) -> list[tuple[str, int, str | None]]:
    """(message, offset in the text, hint) for each finding."""
    found: list[tuple[str, int, str | None]] = []
    may_misspell, may_double = _word_candidates(prose)
    for match in _WORD.finditer(prose) if may_misspell else ():
        word = match.group(0)
        correction = MISSPELLINGS.get(word.lower())
        if correction:
            found.append((f"possible misspelling '{word}'", match.start(), f"did you mean '{correction}'?"))
    for match in _JOINED.finditer(prose) if _CAMEL.search(prose) else ():
        word = match.group(0)
        if word not in JOINED_ALLOWED:
            split = re.sub(r"([a-z])([A-Z])", r"\1 \2", word, count=1)
            found.append((f"words run together: '{word}'", match.start(), f"did you mean '{split}'?"))
    for match in _DOUBLED.finditer(prose) if may_double else ():
        if match.group(1).isalpha() and len(match.group(1)) > 1:
            found.append((f"doubled word '{match.group(0)}'", match.start(), None))
    return found


def _word_candidates(prose: str) -> tuple[bool, bool]:
    """Whether the text may hold a misspelling, and a doubled word: False only when the scans would find none.

    The regex scans cost a third of a millisecond per page; this test costs a third of that.
    Both findings are maximal runs of ASCII letters (the characters around them are not word
    characters), so in the lowercased text they are runs of [a-z]: a misspelling is one of
    those runs, a doubled word two equal runs with only whitespace between them. The few
    non-ASCII letters the scans treat as ASCII ones send the text to the scans.
    """
    if any(char in prose for char in _ASCII_LOOKALIKES):
        return True, True
    parts = _LETTER_RUNS.split(prose.lower())  # gap, run, gap, run, ..., gap
    runs, gaps = parts[1::2], parts[2:-1:2]  # gaps[i] lies between runs[i] and runs[i + 1]
    may_misspell = not MISSPELLINGS.keys().isdisjoint(runs)
    may_double = any(map(operator.and_, map(operator.eq, runs, runs[1:]), map(str.isspace, gaps)))
    return may_misspell, may_double
