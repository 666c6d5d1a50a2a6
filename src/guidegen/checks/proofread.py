"""Mechanical proofreading of editors' prose: words run together, known misspellings, doubled words."""

from __future__ import annotations

import functools
import hashlib
import itertools
import operator
import re
from dataclasses import dataclass

from guidegen.checks.file_checks import FileCheck
from guidegen.content.site import Origin, Site
from guidegen.errors import Problem, Problems

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
# "Words run together" is only claimed where the first word is an English function word that no
# identifier, handle or product name starts with: 'theCloud', 'andThe'. Anything else in camelCase
# (rrousselGit, freeCodeCamp, mongoDB, forEach, yourName) is a name, not a typo.
JOINED_FIRST_WORDS = (
    "the|and|that|which|there|have|been|would|could|should|about|than|when|what|where|also|but|are|was|were"
    "|will|into|very|because|after|before|these|those|they|them"
)
# Doubled words that are grammatical: English "that that", "had had"; German "die die" (article and
# relative pronoun), French "nous nous"; and languages where reduplication is grammar (Turkish
# "sık sık", Indonesian, Hindi, ...), where a doubled word is never flagged.
GRAMMATICAL_DOUBLES = {
    "en": {"that", "had", "is", "bye", "no", "ha"},
    "de": {"die", "der", "das", "den", "dem", "des", "sie"},  # "bevor sie sie aufnehmen"
    "nl": {"die", "dat"},
    "fr": {"nous", "vous", "en"},  # "en en affichant": the gerund's en, then the pronoun
    "it": {"passo", "piano", "via", "poco"},  # "passo passo": step by step
}
REDUPLICATING = frozenset(
    {"tr", "az", "id", "ms", "tl", "jv", "su", "hi", "bn", "ur", "fa", "mr", "ta", "te", "ko", "vi"}
)
IGNORE_MARK = "proofread: ignore"  # <!-- proofread: ignore --> in Markdown, # proofread: ignore in YAML

_CODE_BLOCK = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|<!--.*?-->|<[^>\n]+>|https?://\S+", re.S)
_LINK = re.compile(r"!?\[[^\]\n]*\](?:\([^)\n]*\))?")  # a link or image, its text and target
# what is not running text: headings and front matter keys (besides links, tags and code)
_NOT_RUNNING = re.compile(r"\[[^\]\n]*\]|^[ \t]*#{1,6}[ \t].*$|^[\w-]+:(?=\s)", re.M)
_WORD = re.compile(r"\b[A-Za-z][A-Za-z']*\b")
_JOINED = re.compile(rf"(?<![\w@#$%{{<./\\-])(?:{JOINED_FIRST_WORDS})[A-Z][a-z]{{2,}}(?![\w(/.@-])")
_UWORD = re.compile(r"[^\W\d_]+")  # a run of letters, in any script
_ONE_LINE_BREAK = re.compile(r"[ \t\r\f\v\xa0]*\n?[ \t\r\f\v\xa0]*")
# Quick tests, in C, that a text cannot hold what the scans above find (most texts hold nothing).
_LETTER_RUNS = re.compile(r"([a-z]+)")
_CAMEL = re.compile(r"[A-Z](?<=[a-z][A-Z])")  # a lowercase letter, then a capital
# The only non-ASCII characters that [A-Za-z] matches under re.I, or that lowercase to ASCII letters
_ASCII_LOOKALIKES = ("\u0130", "\u0131", "\u017f", "\u212a")  # İ ı ſ K (Kelvin)
_BLANK = re.compile(r"[^\n]")
# A file with more findings than this is not a matter of typos: report the first ones and a count.
MAX_FINDINGS_PER_FILE = 20

KIND = "proofread"  # what the build cache files the findings under


@dataclass(frozen=True)
class Reading:
    """How one text is proofread: the language it is written in, and the words the site accepts."""

    language: str
    accepted: frozenset[str] = frozenset()

    @property
    def primary(self) -> str:
        return self.language.split("-")[0].lower()

    @property
    def english(self) -> bool:
        """Misspellings and words run together are English checks; other languages get the doubled words."""
        return self.primary == "en"


def proofreading_checks(site: Site) -> list[FileCheck]:
    """Proofreading of every Markdown page (front matter and body), as checks of one file each.

    What is found depends on a page's text, its language (the site's, unless the page names its
    own) and the words site.yaml accepts; the kind the findings are filed under names the latter
    two. Proofreading costs about 1 ms a page: checks/file_checks.py runs it in workers on a first build.
    """
    config = site.config
    accepted = frozenset(config.accepted_words)
    languages = [
        *((guide.origin, guide.meta.language) for guide in site.guides.values()),
        *((career.origin, career.meta.language) for career in site.careers.values()),
        *((article.origin, article.meta.language) for article in site.articles.values()),
    ]
    # what the findings depend on besides a text: the site's language (a page's default) and word list
    kind = f"{KIND}:{hashlib.blake2b(repr((config.language, sorted(accepted))).encode(), digest_size=8).hexdigest()}"
    readings = [(origin, Reading(language or config.language, accepted)) for origin, language in languages]
    return [
        FileCheck(kind, origin.name, origin.text, functools.partial(_proofread, origin, reading))
        for origin, reading in readings
    ]


def _proofread(origin: Origin, reading: Reading) -> list[Problem]:
    found = Problems()
    prose = _prose(origin.text)
    silenced = _silenced(origin.text)
    findings = []
    for message, offset, hint in sorted(_findings(prose, _running(origin.text), reading), key=lambda f: f[1]):
        line = prose.count("\n", 0, offset) + 1
        if line not in silenced:
            findings.append((message, line, hint))
    for message, line, hint in findings[:MAX_FINDINGS_PER_FILE]:
        found.warning(origin.name, message, line=line, hint=hint)
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


def _running(text: str) -> str:
    """Only the running text: code, tags, link and alt text, headings and field names become a barrier
    character (no word is doubled across one), kept the same length for line numbers."""
    for pattern in (_CODE_BLOCK, _CODE_SPAN, _LINK, _LINK_TARGET, _NOT_RUNNING):
        text = pattern.sub(lambda m: _BLANK.sub("\u00a6", m.group(0)), text)
    return text


def _silenced(text: str) -> set[int]:
    """Lines whose findings the editor silenced: a line holding the mark, and the block after a line that is
    only the mark."""
    lines = text.split("\n")
    silenced: set[int] = set()
    for index, line in enumerate(lines):
        if IGNORE_MARK not in line:
            continue
        silenced.add(index + 1)
        if line.strip() in (f"<!-- {IGNORE_MARK} -->", f"# {IGNORE_MARK}"):
            following = index + 1
            while following < len(lines) and lines[following].strip():
                silenced.add(following + 1)
                following += 1
    return silenced


def _findings(prose: str, running: str, reading: Reading, *, quick: bool = True) -> list[tuple[str, int, str | None]]:
    """(message, offset in the text, hint) for each finding; quick lets the pre-tests skip scans that find nothing."""
    found: list[tuple[str, int, str | None]] = []
    accepted = reading.accepted
    if reading.english:
        may_misspell = _word_candidates(prose) if quick else True
        for match in _WORD.finditer(prose) if may_misspell else ():
            word = match.group(0)
            correction = MISSPELLINGS.get(word.lower())
            if correction and word not in accepted:
                found.append((f"possible misspelling '{word}'", match.start(), f"did you mean '{correction}'?"))
        for match in _JOINED.finditer(running) if not quick or _CAMEL.search(running) else ():
            word = match.group(0)
            if word not in JOINED_ALLOWED and word not in accepted:
                split = re.sub(r"([a-z])([A-Z])", r"\1 \2", word, count=1)
                found.append((f"words run together: '{word}'", match.start(), f"did you mean '{split}'?"))
    found.extend(_doubled(running, reading, quick=quick))
    return found


def _doubled(running: str, reading: Reading, *, quick: bool = True) -> list[tuple[str, int, str | None]]:
    """A word written twice in a row within one sentence of running text (spaces and at most one line break between).

    Only neighbours equal but for case can be doubled words (in English equal but for case, elsewhere
    equal): quick looks at those alone, and otherwise every pair is looked at."""
    primary = reading.primary
    if primary in REDUPLICATING:
        return []
    folded = [word.casefold() for word in _UWORD.findall(running)]
    every = range(1, len(folded))
    pairs = list(itertools.compress(every, map(operator.eq, folded, folded[1:]))) if quick else every
    if not pairs:
        return []  # no two neighbouring words are equal, whatever their case
    words = list(_UWORD.finditer(running))
    english = primary == "en"
    accepted = reading.accepted
    grammatical = GRAMMATICAL_DOUBLES.get(primary, set())
    found: list[tuple[str, int, str | None]] = []
    for index in pairs:
        first, second = words[index - 1], words[index]
        one, two = first.group(0), second.group(0)
        same = folded[index - 1] == folded[index] if english else one == two
        if not same or len(one) < 2 or folded[index] in grammatical or one in accepted:
            continue
        if one.istitle() and two.istitle():
            continue  # a name that repeats a word ("Estável Antiga Antiga", the band The The)
        if not _whole_word(running, first.start(), second.end()):
            continue  # part of a longer word: kernel-package package, ext ext2
        if _ONE_LINE_BREAK.fullmatch(running, first.end(), second.start()):
            found.append((f"doubled word '{one} {two}'", first.start(), None))
    return found


def _whole_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] neither continues a word before it (letters, digits, -, ', _) nor after it."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "-'_\u2019" or after.isalnum() or after in "-_")


def _word_candidates(prose: str) -> bool:
    """Whether the text may hold a misspelling: False only when the scan would find none.

    A misspelling is a maximal run of ASCII letters (the characters around it are not word
    characters), so in the lowercased text it is a run of [a-z]. The few non-ASCII letters the
    scan treats as ASCII ones send the text to the scan.
    """
    if any(char in prose for char in _ASCII_LOOKALIKES):
        return True
    return not MISSPELLINGS.keys().isdisjoint(_LETTER_RUNS.findall(prose.lower()))
