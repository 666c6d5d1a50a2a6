"""Converted Markdown kept between builds, page by page: a template edit renders pages without converting again.

Each page's entry maps the keys of the Markdown it showed (markup/converter.py: the digest of
the text and of what shapes its HTML) to the conversion. Entries live in shard files by page,
so a build that renders a few pages reads and rewrites a few shards, and one that renders every
page (a base.html edit) reads them all. A page's entry is replaced when it is rendered again and
dropped when the page is gone; a key that no page uses any more goes with its page's entry.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from guidegen.markup.converter import Rendered

FILES = "markdown-*.pickle"
SHARDS = 64

Entries = dict[bytes, Rendered]  # key -> conversion, for one page


def shard_of(output: str) -> str:
    return FILES.replace("*", f"{zlib.crc32(output.encode('utf-8')) % SHARDS:02d}")


class ConvertedMarkdown:
    """The shard files under the cache folder, read when a build first asks for one of their pages."""

    def __init__(self, folder: Path, read: Callable[[Path], object], *, persistent: bool) -> None:
        self._folder = folder
        self._read = read  # a cache file's content, or None when it is missing, damaged or of another version
        self._persistent = persistent
        self._shards: dict[str, dict[str, Entries]] = {}  # shard file -> page output -> its entries
        self.dirty: set[str] = set()

    def known(self, outputs: Iterable[str]) -> Entries:
        """What earlier builds converted for these pages, to be handed back instead of converted again."""
        found: Entries = {}
        for output in outputs:
            found.update(self._shard(shard_of(output)).get(output, {}))
        return found

    def rendered(self, output: str, used: tuple[bytes, ...], known: Mapping[bytes, Rendered]) -> None:
        """A page was rendered: keep the conversions it used. known holds what earlier builds converted and
        what this build's pages reported so far (a worker reports a conversion with the first page that
        made it); a key it lacks is simply not kept, and converted again next time."""
        entries = {key: known[key] for key in used if key in known}
        name = shard_of(output)
        shard = self._shard(name)
        if shard.get(output) != entries:
            shard[output] = entries
            self.dirty.add(name)

    def forget(self, outputs: Iterable[str]) -> None:
        """Pages that are gone."""
        for output in outputs:
            name = shard_of(output)
            if self._shard(name).pop(output, None) is not None:
                self.dirty.add(name)

    def files_to_write(self) -> Iterable[tuple[str, dict[str, Entries]]]:
        for name in sorted(self.dirty):
            yield name, self._shard(name)
        self.dirty.clear()

    def _shard(self, name: str) -> dict[str, Entries]:
        shard = self._shards.get(name)
        if shard is None:
            stored = self._read(self._folder / name) if self._persistent else None
            shard = self._shards[name] = stored if isinstance(stored, dict) else {}
        return shard
