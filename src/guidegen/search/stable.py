"""Pagefind's index in one byte order: two builds of the same records write the same files.

Pagefind keeps filters in hash maps seeded anew in every run, so the order of the filters
in its metadata file, and of the values inside each filter file, changes from run to run;
the files' names (digests of their bytes) change with them, and every build would publish
a different index for the same site. This puts both in name order and names the files by
a digest of the result. It touches only those files and the entry file that names them (the
rest of the bundle stays where Pagefind wrote it), and only when they have the shape it
knows (Pagefind 1.5: "pagefind_dcd" and CBOR, gzipped); otherwise the files stay as Pagefind
wrote them, which is a valid index that merely differs between builds.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
from pathlib import Path
from typing import Any

import cbor2

from guidegen.search.pagefind_cli import ENTRY

log = logging.getLogger(__name__)

SIGNATURE = b"pagefind_dcd"
META_FILTERS = 3  # the metadata's position of its [filter name, filter file] pairs


class _UnknownShapeError(Exception):
    pass


def stable_index(bundle: Path) -> None:
    """Put the index in the bundle folder in name order; leave it as it is when its files are not as expected."""
    touched = {
        path.relative_to(bundle).as_posix(): path
        for path in [*bundle.glob("filter/*.pf_filter"), *bundle.glob("pagefind.*.pf_meta"), bundle / ENTRY]
    }
    try:
        stable = _stable({name: path.read_bytes() for name, path in touched.items()})
    except (_UnknownShapeError, ValueError, EOFError, OSError, cbor2.CBORError) as exc:
        log.debug("search index left in Pagefind's order: %s", exc)
        return
    for path in touched.values():
        path.unlink()
    for name, content in stable.items():
        (bundle / name).write_bytes(content)


def _stable(by_name: dict[str, bytes]) -> dict[str, bytes]:
    """The filter files, the metadata files and the entry file, in name order and named by their digests."""
    renamed: dict[str, str] = {}  # a filter file's hash as Pagefind wrote it -> the stable one
    metas: dict[str, str] = {}  # the same for each language's metadata, which pagefind-entry.json names
    out: dict[str, bytes] = {}
    for name, content in by_name.items():
        if name.startswith("filter/") and name.endswith(".pf_filter"):
            data = _decode(content)
            if not (isinstance(data, list) and len(data) == 2 and isinstance(data[1], list)):
                raise _UnknownShapeError(f"{name}: not [name, values]")
            data[1].sort(key=_first_text)
            old = name.removeprefix("filter/").removesuffix(".pf_filter")
            encoded = _encode(data)
            new = f"{_language(old)}_{hashlib.sha256(encoded).hexdigest()[:7]}"
            renamed[old] = new
            out[f"filter/{new}.pf_filter"] = encoded
    for name, content in by_name.items():
        if name.startswith("pagefind.") and name.endswith(".pf_meta"):
            data = _decode(content)
            if not (isinstance(data, list) and len(data) > META_FILTERS and isinstance(data[META_FILTERS], list)):
                raise _UnknownShapeError(f"{name}: no filter list")
            pairs = data[META_FILTERS]
            for pair in pairs:
                if not (isinstance(pair, list) and len(pair) == 2 and pair[1] in renamed):
                    raise _UnknownShapeError(f"{name}: a filter entry {pair!r:.60}")
                pair[1] = renamed[pair[1]]
            pairs.sort(key=_first_text)
            old = name.removeprefix("pagefind.").removesuffix(".pf_meta")
            encoded = _encode(data)
            new = f"{_language(old)}_{hashlib.sha256(encoded).hexdigest()[:10]}"
            metas[old] = new
            out[f"pagefind.{new}.pf_meta"] = encoded
    entry = by_name.get(ENTRY)
    if entry is None:
        raise _UnknownShapeError(f"no {ENTRY}")
    for old, new in metas.items():
        entry = entry.replace(f'"hash":"{old}"'.encode(), f'"hash":"{new}"'.encode())
    out[ENTRY] = entry
    return out


def _language(file_hash: str) -> str:
    """en_94a998d -> en (a language tag has no underscore: Pagefind joins it to the digest with one)."""
    language, separator, _ = file_hash.rpartition("_")
    if not separator:
        raise _UnknownShapeError(f"a file name without a language: {file_hash}")
    return language


def _first_text(item: Any) -> str:
    if not (isinstance(item, list) and item and isinstance(item[0], str)):
        raise _UnknownShapeError(f"an entry {item!r:.60}")
    return item[0]


def _decode(content: bytes) -> Any:
    raw = gzip.decompress(content)
    if not raw.startswith(SIGNATURE):
        raise _UnknownShapeError("no pagefind_dcd signature")
    return cbor2.loads(raw[len(SIGNATURE) :])


def _encode(data: Any) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(data), mtime=0)
