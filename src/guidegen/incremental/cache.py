"""The build cache in `.guidegen-cache/`: what each source parsed to, and what each output file was built from.

Everything is keyed on content digests, never on timestamps: a source whose text is
unchanged parses to what it parsed to before; a page whose key (see dependencies.py)
is unchanged renders to the bytes it rendered to before. The cache is an optimisation
only: deleting it, or a cache written by another version of guidegen, means a full build.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import pickle
import stat
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from guidegen.checks.links import PageLinks
from guidegen.content.site import Origin, Project
from guidegen.content.sources import SourceText, read_source
from guidegen.errors import Problem, Problems
from guidegen.hashing import digest
from guidegen.heap import collection_paused
from guidegen.incremental.converted import ConvertedMarkdown
from guidegen.incremental.fingerprint import code_fingerprint
from guidegen.incremental.keys import ValueDigests
from guidegen.incremental.reuse import Reuse
from guidegen.incremental.uptodate import RACY_NANOSECONDS
from guidegen.incremental.words import BodyWords

if TYPE_CHECKING:
    from guidegen.content.reader import Listing

log = logging.getLogger(__name__)

FOLDER = ".guidegen-cache"
STATE_FILE = "state.pickle"  # what the last builds rendered and wrote
PARSED_FILES = "parsed-*.pickle"  # what the sources parsed to, in shards of a content folder (see _shard)
SHARDS_PER_FOLDER = 16

T = TypeVar("T")


@dataclass
class Parsed:
    """One source file's parse: the digest of its text, the result and the problems found."""

    text: bytes
    result: object
    problems: list[Problem]
    records: tuple[bytes, ...] = ()  # digests of each program of a program file, in order
    slim: bool = False  # stored without the texts it can take back from its source (see _slim)
    keeps_text: bool = False  # the result holds its source's text (a Markdown page)


@dataclass
class OutputState:
    """What the output folder and the previous output (`.<out>.previous`) hold, file by file."""

    folder: str  # the output folder these describe
    token: str  # written in the output's marker by the build that wrote it
    live: dict[str, bytes]  # relative file -> the key it was built from
    previous: dict[str, bytes] | None = None  # the previous output, while it is intact
    previous_token: str | None = None
    # the live output's search index: the digest of the records it holds and of its entry file
    # (search/publish.py), or None when it has none or what it holds is not known
    index: tuple[bytes, bytes] | None = None
    base_url: str | None = None  # the address its links were checked against


@dataclass
class CacheState:
    code: str
    parsed: dict[str, Parsed] = field(default_factory=dict)  # by source name (saved in PARSED_FILES)
    scans: dict[bytes, PageLinks | None] = field(default_factory=dict)  # page key -> its HTML's ids and links
    analysed: dict[tuple[str, str, bytes], object] = field(default_factory=dict)  # (kind, name, text digest)
    output: OutputState | None = None
    # the search records' digest, by the records_source digest of the pages they were made from
    search_records: tuple[bytes, bytes] | None = None


class BuildCache:
    """Loads the cache, answers the build's questions, and saves what the build learned."""

    def __init__(self, project: Project, state: CacheState | None = None, *, persistent: bool = True) -> None:
        self.project = project
        self.folder = project.root / FOLDER
        self.persistent = persistent
        self.state = state or CacheState(code_fingerprint())
        self.digests: dict[int, bytes] = {}  # id() of a content object of this build -> its digest
        self.source_digests: dict[str, bytes] = {}  # source name -> text digest, for this build
        self._used: set[str] = set()
        self._used_analyses: set[tuple[str, str, bytes]] = set()
        self._dirty: set[str] = set()  # parsed files to save, and STATE_FILE
        self._texts: dict[str, tuple[tuple[int, int, int, int], SourceText, int]] = {}  # stat, text, read at
        self._listings: dict[str, tuple[tuple[int, int, int], Listing, int]] = {}  # folder: stat, listing, at
        self._wholes: dict[str, tuple[bytes, bytes]] = {}  # source name -> (text digest, digest with the name)
        # id() of a text -> (the text, which keeps the id from being reused, and its digest), by build
        self._text_digests: dict[int, tuple[str, bytes]] = {}
        self._earlier_text_digests: dict[int, tuple[str, bytes]] = {}
        self.inputs_record: Callable[[], None] | None = None  # uptodate.record of the last good build
        self.long_running = False  # see keep_between_builds
        self.plan: Reuse | None = None  # pages made from unchanged objects, kept by a long-running caller
        self.values: ValueDigests | None = None
        self.parsed_fresh = 0
        self._id_sets: dict[frozenset[str], frozenset[str]] = {}  # see PageLinks.shared
        self.markdown = ConvertedMarkdown(self.folder, self._read_file, persistent=persistent)
        self.words = BodyWords(self.folder, self._read_file, self.text_digest, persistent=persistent)

    def _read_file(self, path: Path) -> object:
        return _read(path, self.state.code)

    @classmethod
    def load(cls, project: Project) -> BuildCache:
        folder = project.root / FOLDER
        code = code_fingerprint()
        state = _read(folder / STATE_FILE, code)
        if not isinstance(state, CacheState):
            return cls(project)
        for path in sorted(folder.glob(PARSED_FILES)):
            parsed = _read(path, code)
            if isinstance(parsed, dict):
                state.parsed.update(parsed)
        return cls(project, state)

    @classmethod
    def disabled(cls, project: Project) -> BuildCache:
        return cls(project, persistent=False)

    def begin(self) -> None:
        """Start a build: forget what the previous build (of a long-running server) saw."""
        self.digests = {}
        self.source_digests = {}
        self._used = set()
        self._used_analyses = set()
        self._earlier_text_digests, self._text_digests = self._text_digests, {}
        self.words.begin()
        if self.plan is not None and self.values is not None:
            self.plan.start()
            self.values.start()
        self.parsed_fresh = 0

    def keep_between_builds(self) -> None:
        """For a caller that builds again and again (guidegen serve): keep the texts of files whose stat is
        unchanged, and the pages (and their keys) planned from unchanged objects, from one build to the
        next. A single build would only pay for keeping them."""
        self.long_running = True
        self.plan = Reuse()
        self.values = ValueDigests()

    def text_digest(self, text: str, *, remember: bool = True) -> bytes:
        """The digest of a text; a long-running server does not hash again a text it still holds.

        Remembering a text keeps it alive for the build (so that its id cannot pass to another text)."""
        known = self._text_digests.get(id(text)) or self._earlier_text_digests.get(id(text))
        if known is None or known[0] is not text:
            known = (text, digest(text.encode("utf-8")))
        if remember:
            self._text_digests[id(text)] = known
        return known[1]

    # The read phase (memo.Memo)
    def listing(self, folder: Path, list_folder: Callable[[], Listing]) -> Listing:
        """A content folder's listing; a long-running server lists again only a folder whose stat changed
        (a file coming, going or renamed changes its folder's), and never one holding a symlink."""
        if not self.long_running:
            return list_folder()
        name = str(folder)
        try:
            info = os.lstat(name)
        except OSError:
            return list_folder()
        signature = (info.st_mtime_ns, info.st_ino, info.st_ctime_ns)
        known = self._listings.get(name)
        if known is not None and known[0] == signature and info.st_mtime_ns < known[2] - RACY_NANOSECONDS:
            return known[1]
        listed_at = time.time_ns()
        listing = list_folder()
        if listing.symlinks:
            self._listings.pop(name, None)
        else:
            self._listings[name] = (signature, listing, listed_at)
        return listing

    def read(self, path: Path, root: Path, problems: Problems) -> SourceText | None:
        """A source file's text; a long-running server (keep_between_builds) skips reading files whose stat
        is unchanged."""
        name = str(path)  # a cheaper dictionary key than the Path
        try:
            info = os.lstat(name)
        except OSError:
            return read_source(path, root, problems)  # which reports the problem
        signature = (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)
        known = self._texts.get(name)
        # a file changed within the clock's granularity after it was read keeps its stat: trust old stats only
        if known is not None and known[0] == signature and info.st_mtime_ns < known[2] - RACY_NANOSECONDS:
            return known[1]
        read_at = time.time_ns()
        source = read_source(path, root, problems)
        if source is not None and not stat.S_ISLNK(info.st_mode) and self.long_running:
            self._texts[name] = (signature, source, read_at)
        return source

    def parse(
        self,
        source: SourceText,
        parse: Callable[[Problems], T],
        problems: Problems,
        *,
        variant: bytes = b"",
        part: str = "",
    ) -> T:
        """parse()'s result for this text; variant is whatever else the parse reads (a CSV file's column map),
        part names a part of the source (memo.Memo.parse), which is filed under a name of its own."""
        name, text = self._parse_key(source, variant, part)
        self.source_digests[name] = text
        self._used.add(name)
        entry = self.state.parsed.get(name)
        if entry is None or entry.text != text:
            found = Problems()
            result = parse(found)
            entry = Parsed(text, result, found.items, _record_digests(result), keeps_text=_keeps_text(result))
            self.state.parsed[name] = entry
            self.parsed_fresh += 1
            self._dirty.add(_shard(name))
        elif entry.slim:
            entry = self.state.parsed[name] = _restore(entry, source)
        if self.long_running or entry.keeps_text:  # a page keeps its text anyway
            self._text_digests[id(source.text)] = (source.text, text)  # proofreading asks for it again
        problems.extend(entry.problems)
        self._remember_digests(name, entry)
        return entry.result  # type: ignore[return-value]

    def parses(self, source: SourceText, *, variant: bytes = b"", part: str = "") -> bool:
        name, text = self._parse_key(source, variant, part)
        entry = self.state.parsed.get(name)
        return entry is None or entry.text != text

    def _parse_key(self, source: SourceText, variant: bytes, part: str) -> tuple[str, bytes]:
        """The name a parse is filed under, and the digest of what it reads."""
        text = self.text_digest(source.text, remember=False)
        if variant:
            text = digest(text + variant)
        return (f"{source.name}#{part}" if part else source.name), text

    def _remember_digests(self, name: str, entry: Parsed) -> None:
        result = entry.result
        if isinstance(result, list) and entry.records:  # records (programs), each by its own digest
            for record, record_digest in zip(result, entry.records, strict=True):
                self.digests[id(record.identity())] = record_digest
        elif result is not None:
            known = self._wholes.get(name)
            if known is not None and known[0] == entry.text:
                whole = known[1]
            else:
                whole = digest(name.encode() + entry.text)
                if self.long_running:
                    self._wholes[name] = (entry.text, whole)
            self.digests[id(result)] = whole
            if isinstance(result, tuple):  # several objects from one file (site.yaml: config, origin)
                for part in result:
                    self.digests[id(part)] = whole

    def knows(self, kind: str, name: str, text: str) -> bool:
        """Whether recall() has what make() made of this text already (memo.Memo)."""
        return (kind, name, self.text_digest(text)) in self.state.analysed

    def recall(self, kind: str, name: str, text: str, make: Callable[[], T]) -> T:
        """What make() made of a file's text (a template's check, a page's proofreading), remembered."""
        key = (kind, name, self.text_digest(text))
        self._used_analyses.add(key)
        if key not in self.state.analysed:
            self.state.analysed[key] = make()
            self._dirty.add(STATE_FILE)
        return self.state.analysed[key]  # type: ignore[return-value]

    def reuse(self, kind: str, make: Callable[..., T], *args: object) -> T:
        """make(*args), or, in a long-running server, what it made from the same objects last time."""
        return make(*args) if self.plan is None else self.plan(kind, make, *args)

    def changed(self) -> None:
        """The build changed what the cache knows of pages and output folders."""
        self._dirty.add(STATE_FILE)

    def save(self) -> None:
        """Forget sources that are gone, then write what changed (each file atomically)."""
        if self.inputs_record is not None:  # what `guidegen build` checks to answer "up to date"
            self.inputs_record()
            self.inputs_record = None
        gone = [name for name in self.state.parsed if name not in self._used]
        for name in gone:
            del self.state.parsed[name]
            self._dirty.add(_shard(name))
        unused = [key for key in self.state.analysed if key not in self._used_analyses]
        for key in unused:
            del self.state.analysed[key]
            self._dirty.add(STATE_FILE)
        words = list(self.words.files_to_write())
        if not self.persistent or not (self._dirty or self.markdown.dirty or words):
            return
        shards: dict[str, dict[str, Parsed]] = {}
        for name, entry in self.state.parsed.items():
            shards.setdefault(_shard(name), {})[name] = entry
        try:
            self.folder.mkdir(exist_ok=True)
            with collection_paused():
                for file in sorted(self._dirty):
                    if file == STATE_FILE:
                        _write(self.folder / file, self.state.code, dataclasses.replace(self.state, parsed={}))
                    elif file in shards:
                        slim = {name: _slim(entry) for name, entry in shards[file].items()}
                        _write(self.folder / file, self.state.code, slim)
                for file, shard in self.markdown.files_to_write():
                    _write(self.folder / file, self.state.code, shard)
                for file, words_shard in words:
                    _write(self.folder / file, self.state.code, words_shard)
            for stale in self.folder.glob(PARSED_FILES):  # emptied, or left by another version
                if stale.name not in shards:
                    stale.unlink(missing_ok=True)
        except OSError as exc:  # the next build is slower, not wrong
            log.warning("cannot write the build cache in %s: %s", self.folder, exc.strerror or exc)
        self._dirty.clear()

    def keep_scans(self, keys: set[bytes]) -> None:
        """Keep the scans of this build's pages and of the two output folders; forget the rest."""
        output = self.state.output
        if output is not None:
            keys = keys | set(output.live.values()) | set((output.previous or {}).values())
        kept = {key: links for key, links in self.state.scans.items() if key in keys}
        if len(kept) != len(self.state.scans):
            self._dirty.add(STATE_FILE)
        self.state.scans = kept
        self._id_sets = {links.ids: links.ids for links in kept.values() if links is not None}

    def scanned(self, key: bytes, links: PageLinks | None) -> None:
        if key not in self.state.scans:
            self._dirty.add(STATE_FILE)
        self.state.scans[key] = links.shared(self._id_sets) if links is not None else None


def _shard(name: str) -> str:
    """The parsed-*.pickle file of a source: a folder's sources spread over 16 files by name, so that an edit
    rewrites a sixteenth of its folder's (at 4,000 articles, rewriting the whole folder's took ~50 ms)."""
    parts = name.split("/")
    if len(parts) <= 2:
        return PARSED_FILES.replace("*", "site")
    return PARSED_FILES.replace("*", f"{parts[1]}-{zlib.crc32(name.encode()) % SHARDS_PER_FOLDER:02d}")


def _read(path: Path, code: str) -> object:
    try:
        with open(path, "rb") as stream, collection_paused():
            stored_code, content = pickle.load(stream)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a damaged or foreign cache is ignored: it only ever saves time
        log.info("ignoring the build cache file %s: %s", path, exc)
        return None
    if stored_code != code:
        log.info("%s was written by another version of guidegen; ignoring it", path)
        return None
    return content


def _write(path: Path, code: str, content: object) -> None:
    with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=".tmp-", delete=False) as stream:
        pickle.dump((code, content), stream, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(stream.name, path)


def _slim(entry: Parsed) -> Parsed:
    """What is stored of a parse: no raw YAML data (only its line index is used after validation) and,
    for Markdown pages, no text (the next build has the same text in hand when the digest matches)."""
    return dataclasses.replace(entry, result=_with_origins(entry.result, Origin.stored), slim=True)


def _restore(entry: Parsed, source: SourceText) -> Parsed:
    result = _with_origins(entry.result, lambda origin: origin.restored(source.text))
    return dataclasses.replace(entry, result=result, slim=False)


def _with_origins(value: T, change: Callable[[Origin], Origin]) -> T:
    """value with every Origin in it changed: in lists, tuples and dataclass fields, whatever the content kind."""
    if isinstance(value, Origin):
        return change(value)  # type: ignore[return-value]
    if isinstance(value, list):
        return [_with_origins(item, change) for item in value]  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(_with_origins(item, change) for item in value)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {}
        for part in dataclasses.fields(value):
            old = getattr(value, part.name)
            new = _with_origins(old, change)
            if new is not old:
                changed[part.name] = new
        return dataclasses.replace(value, **changed) if changed else value
    return value


def _keeps_text(value: object) -> bool:
    """Whether a parse result holds its source's text (a Markdown page's origin does)."""
    found: list[bool] = []

    def look(origin: Origin) -> Origin:
        found.append(bool(origin.text))
        return origin

    _with_origins(value, look)
    return any(found)


def _record_digests(result: object) -> tuple[bytes, ...]:
    """A digest for each record of a file of many (a program of a catalog), so that one edit changes only
    that record's pages. A record says what pages are built from (identity()) and what it holds (content())."""
    if isinstance(result, list) and result and all(hasattr(record, "content") for record in result):
        return tuple(digest(record.content()) for record in result)
    return ()
