"""Mechanical proofreading of editors' prose: words run together, known misspellings, doubled words."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from typing import Protocol

from guidegen.errors import Problem, Problems
from guidegen.site import Origin, Site

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
# A file with more findings than this is not a matter of typos: report the first ones and a count.
MAX_FINDINGS_PER_FILE = 20


class Remember(Protocol):
    """Returns what analyse() makes of a file's text, possibly remembered from an earlier build."""

    def __call__(self, kind: str, name: str, text: str, analyse: Callable[[], list[Problem]]) -> list[Problem]: ...


def analyse_now(kind: str, name: str, text: str, analyse: Callable[[], list[Problem]]) -> list[Problem]:
    return analyse()


def proofread(site: Site, problems: Problems, remember: Remember = analyse_now) -> None:
    """Warn about what a machine can flag in Markdown pages (front matter and body)."""
    origins = [
        *(guide.origin for guide in site.guides.values()),
        *(career.origin for career in site.careers.values()),
        *(article.origin for article in site.articles.values()),
    ]
    for origin in origins:
        problems.extend(remember("proofread", origin.name, origin.text, functools.partial(_proofread, origin)))


def _proofread(origin: Origin) -> list[Problem]:
    found = Problems()
    prose = _prose(origin.text)
    findings = sorted(_findings(prose), key=lambda finding: finding[1])
    newlines = [match.start() for match in re.finditer("\n", prose)]
    for message, offset, hint in findings[:MAX_FINDINGS_PER_FILE]:
        found.warning(origin.name, message, line=bisect.bisect_left(newlines, offset) + 1, hint=hint)
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
        text = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return text


def _findings(prose: str) -> list[tuple[str, int, str | None]]:
    """(message, offset in the text, hint) for each finding."""
    found: list[tuple[str, int, str | None]] = []
    words = set(map(str.lower, _WORD.findall(prose)))  # most texts have no misspelling: find that out in C
    for match in _WORD.finditer(prose) if not words.isdisjoint(MISSPELLINGS) else ():
        word = match.group(0)
        correction = MISSPELLINGS.get(word.lower())
        if correction:
            found.append((f"possible misspelling '{word}'", match.start(), f"did you mean '{correction}'?"))
    for match in _JOINED.finditer(prose):
        word = match.group(0)
        if word not in JOINED_ALLOWED:
            split = re.sub(r"([a-z])([A-Z])", r"\1 \2", word, count=1)
            found.append((f"words run together: '{word}'", match.start(), f"did you mean '{split}'?"))
    for match in _DOUBLED.finditer(prose):
        if match.group(1).isalpha() and len(match.group(1)) > 1:
            found.append((f"doubled word '{match.group(0)}'", match.start(), None))
    return found
