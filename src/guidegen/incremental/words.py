"""The words of each Markdown body, as the search records hold them, kept between builds.

A build with search makes the record of every guide, career and article (search/records.py),
whether or not it renders the page again, and reading a body's words costs about half a
millisecond: half a second of every build at 1,000 articles, two at 4,000. The words are kept
by the digest of the body, in shard files: a build reads them all (it makes every record) and
rewrites only those where a body is new or gone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

FILES = "words-*.pickle"
SHARDS = 16


def shard_of(key: bytes) -> str:
    return FILES.replace("*", f"{key[0] % SHARDS:02d}")


class BodyWords:
    """The shard files under the cache folder, read when a build first asks for a body's words."""

    def __init__(
        self,
        folder: Path,
        read: Callable[[Path], object],
        digest_of: Callable[[str], bytes],
        *,
        persistent: bool,
    ) -> None:
        self._folder = folder
        self._read = read  # a cache file's content, or None when it is missing, damaged or of another version
        self._digest_of = digest_of
        self._persistent = persistent
        self._shards: dict[str, dict[bytes, str]] | None = None  # None: no build asked yet
        self._used: set[bytes] = set()  # the bodies of this build's records
        self._asked = False  # whether this build made records
        self.dirty: set[str] = set()

    def begin(self) -> None:
        """A build starts: the bodies it asks for are those to keep."""
        self._used = set()
        self._asked = False

    def words(self, body: str, read_words: Callable[[str], str]) -> str:
        """read_words(body), or what it gave for the same body in an earlier build."""
        self._asked = True
        key = self._digest_of(body)
        name = shard_of(key)
        shard = self._load()[name]
        self._used.add(key)
        found = shard.get(key)
        if found is None:
            found = shard[key] = read_words(body)
            self.dirty.add(name)
        return found

    def files_to_write(self) -> Iterator[tuple[str, dict[bytes, str]]]:
        """The shards this build changed, without the bodies it did not ask for; none when it asked for none."""
        if self._shards is None:
            return
        if self._asked:  # a build that made records: what it did not ask for belongs to no page any more
            for name, shard in self._shards.items():
                gone = [key for key in shard if key not in self._used]
                for key in gone:
                    del shard[key]
                if gone:
                    self.dirty.add(name)
        for name in sorted(self.dirty):
            yield name, self._shards[name]
        self.dirty.clear()

    def _load(self) -> dict[str, dict[bytes, str]]:
        if self._shards is None:
            self._shards = {}
            for number in range(SHARDS):
                name = FILES.replace("*", f"{number:02d}")
                stored = self._read(self._folder / name) if self._persistent else None
                self._shards[name] = stored if isinstance(stored, dict) else {}
        return self._shards
