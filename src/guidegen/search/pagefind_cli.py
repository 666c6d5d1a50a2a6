"""The one place that runs Pagefind: the records written as minimal pages, indexed by its command line.

Pagefind indexes either HTML pages (its command line, `pagefind --site`) or records sent to its
indexing service (`pagefind --service`, which its Python API speaks). The service adds records
one at a time on one core; the command line reads pages on every core. On this project's
benchmark sites, the same records as pages took 0.69x the service's time at 1,000 articles and
0.68x at 4,000, and every fragment (URL, content, title, kind, language) came out the same.

So each record becomes a page holding only what the record holds: its text in the element
Pagefind indexes (`data-pagefind-body`), its metadata and filters in an element Pagefind reads
them from but does not index (`data-pagefind-ignore`), its language as `<html lang>`. A record
for `/articles/x/` is `articles/x/index.html`, which Pagefind publishes at `/articles/x/` again.
Pagefind runs in a folder of its own with no `PAGEFIND_*` variables, so neither a `pagefind.yml`
nor the environment can change what it indexes.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from guidegen.errors import BuildError

# Pagefind's own search interfaces: the site renders results with its own markup (static/js/search.js)
UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")
UNUSED_FOLDER = "playground"
INSTALL_HINT = "install it with: pip install 'guidegen[search]'"
ENTRY = "pagefind-entry.json"  # every index has one: it names each language's index by a digest of its content


class SearchNotInstalledError(BuildError):
    """Pagefind, or its binary, is not installed."""


@dataclass(frozen=True)
class Record:
    """One search result: the page's site path, its words, and what a result shows and is filtered by."""

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


def build_index(records: Sequence[Record], bundle: Path, binary: Path | None = None) -> None:
    """Index the records in one Pagefind run, writing the index into bundle (a folder not yet there, or empty);
    the pages Pagefind reads are written beside it meanwhile, and removed."""
    binary = binary or executable()
    if not records:  # Pagefind refuses to index no page; the search page then finds nothing, as it should
        build_index([_PLACEHOLDER], bundle, binary)
        _without_pages(bundle)
        return
    bundle.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pagefind-", dir=bundle.parent) as folder:
        pages = Path(folder).resolve() / "pages"
        for record in records:
            target = pages / page_file(record.url)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(record_page(record), encoding="utf-8")
            except OSError as exc:  # a full disk, or a site path no file system takes (a name too long)
                raise BuildError(f"cannot write the search record of {record.url} for Pagefind: {exc}") from exc
        command = [str(binary), "--site", str(pages), "--output-path", str(bundle.resolve()), "--quiet"]
        env = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
        try:
            done = subprocess.run(command, cwd=folder, env=env, stdin=subprocess.DEVNULL, capture_output=True)
        except OSError as exc:
            raise BuildError(f"cannot start Pagefind ({binary}): {exc.strerror or exc}; {INSTALL_HINT}") from exc
    if done.returncode != 0:
        said = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
        detail = f": {said[-1].strip()}" if said else ""
        raise BuildError(
            f"Pagefind stopped while indexing (exit code {done.returncode}){detail}; "
            "reinstall it with: pip install --force-reinstall 'guidegen[search]'"
        )
    if not (bundle / ENTRY).is_file():
        raise BuildError(
            f"Pagefind ({binary}) wrote no {ENTRY}, so this guidegen does not understand its index; "
            "install the version pyproject.toml allows: pip install 'guidegen[search]'"
        )
    for path in list(bundle.iterdir()):
        if path.name.startswith(UNUSED) or path.name == UNUSED_FOLDER:
            shutil.rmtree(path) if path.is_dir() else path.unlink()


_PLACEHOLDER = Record("/", "placeholder", "en", {}, {}, {})
_NO_LANGUAGE = ("pagefind.js", "pagefind-worker.js", "wasm.unknown.pagefind")  # an index's files for every language


def _without_pages(bundle: Path) -> None:
    """The index in bundle made an index of no page: the files no language's index is part of, and an entry
    naming no language."""
    entry = json.loads((bundle / ENTRY).read_bytes())
    entry["languages"] = {}
    for path in list(bundle.iterdir()):
        if path.name not in (*_NO_LANGUAGE, ENTRY):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    (bundle / ENTRY).write_bytes(json.dumps(entry, separators=(",", ":"), ensure_ascii=False).encode())


def page_file(url: str) -> PurePosixPath:
    """The page file Pagefind publishes at this site path: /a/b/ is a/b/index.html, /a/b.html is a/b.html."""
    parts = url.split("/")
    if not url.startswith("/") or any(part in ("", ".", "..") for part in parts[1:-1]):
        raise ValueError(f"a search record's URL must be a site path: {url!r}")
    if url.endswith("/"):
        return PurePosixPath(*parts[1:-1], "index.html")
    if url.endswith(".html"):
        return PurePosixPath(*parts[1:])
    raise ValueError(f"a search record's URL must end in / or .html: {url!r}")


def record_page(record: Record) -> str:
    """The record as a page Pagefind indexes to the same fragment: its words, meta, filters and language."""
    tagged = [
        *(_tag("meta", name, value) for name, value in record.meta.items()),
        *(_tag("filter", name, value) for name, values in record.filters.items() for value in values),
        *(_tag("sort", name, value) for name, value in record.sort.items()),
    ]
    return (
        f'<!DOCTYPE html><html lang="{html.escape(record.language)}"><head><meta charset="utf-8"></head>'
        f"<body><main data-pagefind-body><div data-pagefind-ignore>{''.join(tagged)}</div>"
        f"<p>{html.escape(record.content, quote=False)}</p></main></body></html>"
    )


def _tag(kind: str, name: str, value: str) -> str:
    return f'<span data-pagefind-{kind}="{html.escape(name)}">{html.escape(value, quote=False)}</span>'
