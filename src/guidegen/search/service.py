"""The one place that talks to Pagefind's indexing service (`pagefind --service`).

Pagefind's Python API (`pagefind.index.PagefindIndex`) speaks this protocol too, but it reads
one reply per tenth of a second (it sleeps between reads), so 1,000 records take 100 s. This
adapter speaks the same messages, typed by the package's own `pagefind.service.types`: every
request is written at once, and the replies are read as fast as the service sends them. Each
reply's shape is checked, so a Pagefind release that changes the protocol fails with a clear
error rather than a broken index (pyproject.toml bounds the version).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import subprocess
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guidegen.errors import BuildError

# Pagefind's own search interfaces: the site renders results with its own markup (static/js/search.js)
UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.", "playground/")
INSTALL_HINT = "install it with: pip install 'guidegen[search]'"


class SearchNotInstalledError(BuildError):
    """Pagefind, or its binary, is not installed."""


@dataclass(frozen=True)
class IndexFile:
    relative: str  # inside the bundle folder, e.g. pagefind.js, fragment/en_1a2b3c.pf_fragment
    content: bytes


@dataclass(frozen=True)
class Record:
    """One search result as Pagefind takes it (an AddRecord request)."""

    url: str
    content: str
    language: str
    meta: dict[str, str]
    filters: dict[str, list[str]]
    sort: dict[str, str]


def executable() -> Path:
    """The Pagefind binary, or SearchNotInstalledError naming the package to install."""
    try:
        from pagefind.service import get_executable
    except ImportError as exc:
        raise SearchNotInstalledError(f"site search needs Pagefind, which is not installed; {INSTALL_HINT}") from exc
    try:
        found = get_executable()
    except OSError:  # pagefind_bin is installed without its binary
        found = None
    if found is None:
        problem = "the Pagefind binary, which is not installed"
    elif not found.is_file():
        problem = f"the Pagefind binary, and {found} is not a file"
    else:
        return found
    raise SearchNotInstalledError(f"site search needs {problem}; {INSTALL_HINT}")


def build_index(records: Sequence[Record], binary: Path | None = None) -> list[IndexFile]:
    """Index the records in one Pagefind service run; the files of the bundle, in memory."""
    binary = binary or executable()
    try:
        process = subprocess.Popen(
            [str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    except OSError as exc:
        raise BuildError(f"cannot start Pagefind ({binary}): {exc.strerror or exc}; {INSTALL_HINT}") from exc
    session = _Session(process, binary)
    try:
        index_id = session.ask([{"type": "NewIndex", "config": None}], "NewIndex")[0]["index_id"]
        if not isinstance(index_id, int):
            raise session.unexpected(f"NewIndex answered index_id {index_id!r}")
        adds = (_add_record(index_id, record) for record in records)
        session.ask(adds, "IndexedFile", count=len(records))
        reply = session.ask([{"type": "GetFiles", "index_id": index_id}], "GetFiles")[0]
        files = [IndexFile(_relative(file["path"]), base64.b64decode(file["content"])) for file in reply["files"]]
        return [file for file in files if not file.relative.startswith(UNUSED)]
    except (KeyError, TypeError, ValueError) as exc:
        raise session.unexpected(f"{type(exc).__name__}: {exc}") from exc
    finally:
        session.close()


def _add_record(index_id: int, record: Record) -> dict[str, Any]:
    return {
        "type": "AddRecord",
        "index_id": index_id,
        "url": record.url,
        "content": record.content,
        "language": record.language,
        "meta": record.meta,
        "filters": record.filters,
        "sort": record.sort,
    }


def _relative(path: str) -> str:
    """GetFiles names each file inside the bundle folder, sometimes with the folder or a leading slash."""
    parts = [part for part in path.replace("\\", "/").split("/") if part not in ("", ".")]
    if any(part == ".." for part in parts) or not parts:
        raise ValueError(f"index file outside the bundle: {path!r}")
    if parts[0] == "pagefind" and len(parts) > 1:
        parts = parts[1:]
    return "/".join(parts)


class _Session:
    """Requests written from a thread while this one reads the replies: neither pipe can fill up."""

    def __init__(self, process: subprocess.Popen[bytes], binary: Path) -> None:
        self.process = process
        self.binary = binary
        self.next_id = 0
        self.stderr = b""
        self._buffer = bytearray()
        self._stderr_reader = threading.Thread(target=self._drain_stderr, daemon=True)
        self._stderr_reader.start()

    def _drain_stderr(self) -> None:
        assert self.process.stderr is not None
        self.stderr = self.process.stderr.read()

    def ask(self, payloads: Iterable[dict[str, Any]], expected: str, count: int = 1) -> list[dict[str, Any]]:
        """Send count requests and return their replies in order; an Error reply fails the build."""
        first = self.next_id + 1
        self.next_id += count
        writer = threading.Thread(target=self._write, args=(payloads, first), daemon=True)
        writer.start()
        replies: dict[int, dict[str, Any]] = {}
        while len(replies) < count:
            message = self._read()
            payload = message.get("payload")
            if not isinstance(payload, dict):
                raise self.unexpected(f"a reply without payload: {message!r:.200}")
            if payload.get("type") == "Error":
                raise BuildError(f"Pagefind could not index the site: {payload.get('message', 'unknown error')}")
            if payload.get("type") != expected:
                raise self.unexpected(f"expected {expected}, got {payload.get('type')!r}")
            message_id = message.get("message_id")
            if not isinstance(message_id, int) or not first <= message_id < first + count:
                raise self.unexpected(f"a reply to message {message_id!r}")
            replies[message_id] = payload
        writer.join()
        return [replies[message_id] for message_id in range(first, first + count)]

    def _write(self, payloads: Iterable[dict[str, Any]], first: int) -> None:
        assert self.process.stdin is not None
        try:
            for message_id, payload in enumerate(payloads, start=first):
                request = json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")
                self.process.stdin.write(base64.b64encode(request) + b",")
            self.process.stdin.flush()
        except (BrokenPipeError, ValueError):  # the service stopped; the reader reports why
            pass

    def _read(self) -> dict[str, Any]:
        """The next reply: base64 of a JSON object, ended by a comma."""
        assert self.process.stdout is not None
        while (end := self._buffer.find(b",")) == -1:
            data = os.read(self.process.stdout.fileno(), 1 << 20)
            if not data:
                raise self.stopped()
            self._buffer += data
        encoded = bytes(self._buffer[:end])
        del self._buffer[: end + 1]
        try:
            message = json.loads(base64.b64decode(encoded))
        except ValueError as exc:
            raise self.unexpected(f"{encoded[:80]!r} is not a reply") from exc
        if not isinstance(message, dict):
            raise self.unexpected(f"{message!r:.80} is not a reply")
        return message

    def unexpected(self, what: str) -> BuildError:
        return BuildError(
            f"Pagefind ({self.binary}) answered in a way this guidegen does not understand ({what}); "
            f"install the version pyproject.toml allows: pip install 'guidegen[search]'"
        )

    def stopped(self) -> BuildError:
        self.process.wait()
        self._stderr_reader.join(timeout=1)
        said = self.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = f": {said[-1]}" if said else ""
        return BuildError(
            f"Pagefind stopped while indexing (exit code {self.process.returncode}){detail}; "
            "reinstall it with: pip install --force-reinstall 'guidegen[search]'"
        )

    def close(self) -> None:
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._stderr_reader.join(timeout=5)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
