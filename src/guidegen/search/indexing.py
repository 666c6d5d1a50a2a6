"""When the index is built: beside rendering (guidegen build), or in the background (guidegen serve).

A build hands its records to an indexer as soon as the pages are planned, renders, and then
asks for the index files to put into the staging folder, so the atomic swap publishes the
pages and their index together. `files()` answering None means: keep the index the live
output has (the dev server's next index is not ready yet).
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Protocol

from guidegen.errors import GuidegenError
from guidegen.search.service import IndexFile, Record, build_index
from guidegen.search.stable import stable_index

log = logging.getLogger(__name__)

QUIET_SECONDS = 1.0  # guidegen serve indexes once no rebuild has finished for this long


class PendingIndex(Protocol):
    def files(self) -> list[IndexFile] | None: ...


class Indexer(Protocol):
    def start(self, records: Sequence[Record]) -> PendingIndex: ...


def records_digest(records: Sequence[Record]) -> bytes:
    hasher = hashlib.blake2b(digest_size=16)
    for record in records:
        hasher.update(json.dumps(asdict(record), sort_keys=True).encode("utf-8") + b"\0")
    return hasher.digest()


class _Ready:
    def __init__(self, files: list[IndexFile] | None) -> None:
        self._files = files

    def files(self) -> list[IndexFile] | None:
        return self._files


class _Running:
    """Pagefind indexes in its own process while this one renders; files() waits for it."""

    def __init__(self, records: Sequence[Record]) -> None:
        self._records = records
        self._result: list[IndexFile] | None = None
        self._error: GuidegenError | None = None
        self._thread = threading.Thread(target=self._run, name="guidegen-search-index", daemon=True)
        self._started = time.perf_counter()
        self._thread.start()

    def _run(self) -> None:
        try:
            self._result = stable_index(build_index(self._records))
        except GuidegenError as exc:
            self._error = exc

    def files(self) -> list[IndexFile] | None:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        size = sum(len(file.content) for file in self._result)
        log.info(
            "search index: %d records, %d files, %.1f MB, ready %.0f ms after indexing started",
            len(self._records),
            len(self._result),
            size / 1e6,
            (time.perf_counter() - self._started) * 1000,
        )
        return self._result


class IndexNow:
    """guidegen build: every build indexes every record (Pagefind has no incremental indexing)."""

    def start(self, records: Sequence[Record]) -> PendingIndex:
        return _Running(records)


class IndexInBackground:
    """guidegen serve: a rebuild publishes the pages at once and keeps the last index; once the browsers
    have reloaded (after_reload()), the new index is built in a thread, so Pagefind never competes with
    the rebuild a browser waits for, and on_ready() then asks for a rebuild that publishes it (without
    reloading the browsers). Edits made meanwhile coalesce: only the newest records are indexed."""

    def __init__(self, on_ready: Callable[[], None]) -> None:
        self.on_ready = on_ready
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._ready: tuple[bytes, list[IndexFile]] | None = None
        self._wanted: tuple[bytes, Sequence[Record]] | None = None
        self._thread = threading.Thread(target=self._loop, name="guidegen-search-index", daemon=True)
        self._thread.start()

    def start(self, records: Sequence[Record]) -> PendingIndex:
        key = records_digest(records)
        with self._lock:
            if self._ready is not None and self._ready[0] == key:
                return _Ready(self._ready[1])
            self._wanted = (key, records)
        return _Ready(None)

    def after_reload(self) -> None:
        """The rebuild is served: index what it asked for, if anything."""
        self._wake.set()

    def _loop(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            time.sleep(QUIET_SECONDS)  # a burst of saves: index once, after the last of its rebuilds
            if self._wake.is_set():
                continue
            with self._lock:
                wanted, self._wanted = self._wanted, None
            if wanted is None:
                continue
            started = time.perf_counter()
            try:
                files = stable_index(build_index(wanted[1]))
            except GuidegenError as exc:
                log.warning("search index not updated: %s", exc)
                continue
            log.info("Search index: %d records in %.0f ms", len(wanted[1]), (time.perf_counter() - started) * 1000)
            with self._lock:
                self._ready = (wanted[0], files)
                newer = self._wanted is not None
            if not newer:
                self.on_ready()
