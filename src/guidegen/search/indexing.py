"""When the index is built: beside rendering (guidegen build), or after the reload (guidegen serve).

Pagefind indexes in a process of its own (`python -m guidegen.search`), started with the
records once the pages are planned: it writes the index into a work folder beside the
output while the build renders. `guidegen build` waits for it before the swap and moves the
index into the staging folder, so the swap publishes the pages and their index together.
`guidegen serve` publishes a rebuild with the index the live output has, and keeps the
way to its records: once the browsers have reloaded, `LaterIndex.index()` makes them (about
130 ms at 4,000 articles, which the reload no longer waits for), indexes them unless the
live index holds them, and `publish()` exchanges the new index folder with the live one in
one rename.

The build's own process starts no thread for this: it forks render workers, and a process
must not fork while another of its threads runs (see commands/serve_builds.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import BinaryIO, Protocol

from guidegen.errors import BuildError
from guidegen.render.output import blocking_file
from guidegen.search.pagefind_cli import Record

log = logging.getLogger(__name__)

FAILED = 2  # the indexing process's exit status when Pagefind is missing or failed; stderr's last line says why


class PendingIndex(Protocol):
    def bundle(self) -> Path | None:
        """The new index's folder, once it is written; None: keep the live output's index."""
        ...

    def discard(self) -> None: ...


class Records:
    """A build's search records and their digest, made when an indexer first asks for them.

    key, when given, is the digest an earlier build's records had when they were made from the same
    pages (search.records.records_source): asking for the key then makes no record.
    """

    def __init__(self, make: Callable[[], Sequence[Record]], key: bytes | None = None) -> None:
        self._make = make
        self._key = key
        self._made: tuple[Sequence[Record], bytes] | None = None

    @property
    def records(self) -> Sequence[Record]:
        return self._made_now()[0]

    @property
    def key(self) -> bytes:
        """records_digest of the records: equal keys, equal indexes."""
        known = self.known_key
        return known if known is not None else self._made_now()[1]

    @property
    def known_key(self) -> bytes | None:
        """The key, if it is known without making the records: once made, theirs."""
        return self._made[1] if self._made is not None else self._key

    def _made_now(self) -> tuple[Sequence[Record], bytes]:
        if self._made is None:
            started = time.perf_counter()
            records = self._make()
            self._made = (records, records_digest(records))
            log.debug("search records: %.0f ms", (time.perf_counter() - started) * 1000)
            if self._key is not None and self._key != self._made[1]:  # made, they are what counts
                log.warning("search records differ from those an earlier build made of the same pages")
        return self._made


class Indexer(Protocol):
    def start(self, records: Records, out: Path, live: bytes | None) -> PendingIndex:
        """Index records for the output folder out; live is the key of the records the live output's index
        holds, when that is known (search/publish.py, live_index)."""
        ...


def records_digest(records: Sequence[Record]) -> bytes:
    hasher = hashlib.blake2b(digest_size=16)
    for record in records:
        # vars(), not asdict(): the same JSON without a deep copy of every record
        hasher.update(json.dumps(vars(record), sort_keys=True).encode("utf-8") + b"\0")
    return hasher.digest()


WORK_SUFFIX = ".search-"  # a work folder is .public.search-XXXX beside public/
OWNER_FILE = "owner"  # in a work folder: the id of the process indexing into it, or DISCARDED
DISCARDED = "discarded"  # its owner is done with it and left it to the next remove_abandoned()


def remove_abandoned(out: Path) -> None:
    """Remove the work folders beside out that were discarded, or whose process is gone (a build or server
    that was killed)."""
    for folder in out.parent.glob(f".{out.name}{WORK_SUFFIX}*"):
        try:
            said = (folder / OWNER_FILE).read_text(encoding="ascii")
            owner = None if said == DISCARDED else int(said)
        except (OSError, ValueError):
            continue  # not one of ours, or its owner has not written its id yet
        if owner is not None and (owner == os.getpid() or _alive(owner)):
            continue
        shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive, and not ours to clean up after
        return True
    return True


class IndexJob:
    """Pagefind indexing records in a process of its own, into a work folder beside the output folder."""

    def __init__(self, records: Sequence[Record], out: Path) -> None:
        self.count = len(records)
        self.work: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self._errors: BinaryIO | None = None
        self._started = time.perf_counter()
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            remove_abandoned(out)
            self.work = Path(tempfile.mkdtemp(prefix=f".{out.name}{WORK_SUFFIX}", dir=out.parent))
            (self.work / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
            records_file = self.work / "records.json"
            records_file.write_text(json.dumps([asdict(record) for record in records]), encoding="utf-8")
            self._errors = (self.work / "errors.txt").open("w+b")
            self.folder = self.work / "pagefind"
            self.folder.mkdir()
            command = [sys.executable, "-m", "guidegen.search", str(records_file), str(self.folder)]
            # a session of its own: discard() stops it and the Pagefind it started together
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self._errors,
                start_new_session=True,
            )
        except OSError as exc:  # its work folder is beside the output folder: that place is not writable
            self.discard()
            reason = blocking_file(out) or exc.strerror or str(exc)
            raise BuildError(f"cannot write the output folder {out}: {reason}") from exc

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def bundle(self) -> Path:
        """Wait for Pagefind; the folder holding the whole index, or BuildError saying why there is none."""
        assert self.process is not None, "discarded"
        assert self._errors is not None
        code = self.process.wait()
        if code != 0:
            self._errors.seek(0)
            said = self._errors.read().decode("utf-8", "replace").strip().splitlines()
            if code == FAILED and said:
                raise BuildError(said[-1])
            detail = f": {said[-1]}" if said else ""
            raise BuildError(f"the search index could not be built (exit code {code}){detail}")
        files = [path for path in self.folder.rglob("*") if path.is_file()]
        log.info(
            "search index: %d records, %d files, %.1f MB, ready %.0f ms after indexing started",
            self.count,
            len(files),
            sum(path.stat().st_size for path in files) / 1e6,
            (time.perf_counter() - self._started) * 1000,
        )
        return self.folder

    def discard(self, *, remove: bool = True) -> None:
        """Stop Pagefind if it still runs, and remove the work folder (and whatever is left in it); remove=False
        only marks the folder for the next remove_abandoned(), for a caller that must not wait for it now: an
        indexing stopped midway leaves a page per record, 63 ms to remove at 4,058 records (in /dev/shm)."""
        if self.process is not None:
            if self.process.poll() is None:  # still running, so its id is still its group's
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)  # it and the Pagefind it started
            self.process.wait()
            self.process = None
        if self._errors is not None:
            self._errors.close()
            self._errors = None
        if self.work is not None:
            if remove:
                shutil.rmtree(self.work, ignore_errors=True)
            else:
                (self.work / OWNER_FILE).write_text(DISCARDED, encoding="ascii")
            self.work = None


class IndexNow:
    """guidegen build: a build indexes every record (Pagefind has no incremental indexing), unless the
    live output's index holds exactly these records: then the build takes that index as it is."""

    def start(self, records: Records, out: Path, live: bytes | None) -> PendingIndex:
        return _KeepLive() if records.key == live else IndexJob(records.records, out)


class _KeepLive:
    def bundle(self) -> Path | None:
        return None

    def discard(self) -> None:
        pass


class LaterIndex:
    """guidegen serve: a build keeps the live output's index and remembers how to make its records; index()
    makes and indexes them afterwards, and published() notes which records the live output's index holds."""

    def __init__(self) -> None:
        self._latest: tuple[Records, Path] | None = None  # the latest build's records
        self._published: bytes | None = None  # the key of the records of the index the live output has

    def start(self, records: Records, out: Path, live: bytes | None) -> PendingIndex:
        self._latest = (records, out)
        if live is not None:
            self._published = live
        return _KeepLive()

    def index(self) -> tuple[IndexJob, bytes] | None:
        """Start indexing the latest build's records, unless the live output's index holds them already."""
        if self._latest is None:
            return None
        records, out = self._latest
        if records.key == self._published:
            return None
        return IndexJob(records.records, out), records.key

    def published(self, key: bytes) -> None:
        self._published = key
