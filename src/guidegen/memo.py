"""The one question the phases ask of earlier builds: "what did this make before, from the same input?"

Reading a content folder, reading a file and parsing it, checking a template, proofreading a
page and planning a page can each be skipped when its input is what it was last time. Those
phases take a Memo and ask it; they never know whether, or how, it remembers. `Recompute`
remembers nothing (a build without a cache); incremental/cache.py remembers across builds, and
across a server's rebuilds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from guidegen.content.sources import SourceText, read_source
from guidegen.errors import Problems

if TYPE_CHECKING:
    from guidegen.content.reader import Listing

T = TypeVar("T")


class Memo(Protocol):
    def listing(self, folder: Path, list_folder: Callable[[], Listing]) -> Listing:
        """A content folder's files: list_folder(), or the listing from before when the folder is unchanged."""
        ...

    def read(self, path: Path, root: Path, problems: Problems) -> SourceText | None:
        """A source file's text, or the text from before when the file is unchanged."""
        ...

    def parse(
        self,
        source: SourceText,
        parse: Callable[[Problems], T],
        problems: Problems,
        *,
        variant: bytes = b"",
        part: str = "",
    ) -> T:
        """parse()'s result for this text, or what it returned before for the same text; variant is
        whatever else the parse reads (a CSV file's column map). Problems it found are reported again.

        A source read in parts (a large catalog) passes each part's text as source.text, and part names
        it: each part is remembered on its own, so that an edit parses one part again."""
        ...

    def parses(self, source: SourceText, *, variant: bytes = b"", part: str = "") -> bool:
        """Whether parse() would call its parse function for this text, rather than give what it returned before."""
        ...

    def recall(self, kind: str, name: str, text: str, make: Callable[[], T]) -> T:
        """make(), or what it returned before for a file of this name and text (make reads nothing else)."""
        ...

    def knows(self, kind: str, name: str, text: str) -> bool:
        """Whether recall() has the answer already, without calling make."""
        ...

    def reuse(self, kind: str, make: Callable[..., T], *args: object) -> T:
        """make(*args), or what it returned last time for the very same objects (or tuples of them).

        make must be a pure function of its arguments: they are all that decides whether it runs."""
        ...


class Recompute:
    """No memory of earlier builds: everything is read and made again."""

    def listing(self, folder: Path, list_folder: Callable[[], Listing]) -> Listing:
        return list_folder()

    def read(self, path: Path, root: Path, problems: Problems) -> SourceText | None:
        return read_source(path, root, problems)

    def parse(
        self,
        source: SourceText,
        parse: Callable[[Problems], T],
        problems: Problems,
        *,
        variant: bytes = b"",
        part: str = "",
    ) -> T:
        return parse(problems)

    def parses(self, source: SourceText, *, variant: bytes = b"", part: str = "") -> bool:
        return True

    def recall(self, kind: str, name: str, text: str, make: Callable[[], T]) -> T:
        return make()

    def knows(self, kind: str, name: str, text: str) -> bool:
        return False

    def reuse(self, kind: str, make: Callable[..., T], *args: object) -> T:
        return make(*args)
