"""The index's files in the staging folder: written with the pages, swapped in with them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from guidegen.errors import BuildError
from guidegen.render.output import Output
from guidegen.search.page import BUNDLE
from guidegen.search.service import IndexFile

ENTRY = "pagefind-entry.json"  # names every language's index by a digest of its content


def place_index(output: Output, files: list[IndexFile] | None, *, search: bool) -> None:
    """Replace the staging folder's index with files; None keeps the live output's; without search, none."""
    folder = output.path(BUNDLE)
    try:
        shutil.rmtree(folder, ignore_errors=False)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise BuildError(f"cannot remove the old search index {folder}: {exc.strerror or exc}") from exc
    if not search:
        return
    if files is None:
        live = output.out / BUNDLE
        for path in sorted(_files_under(live)):
            output.link_unchanged(f"{BUNDLE}/{path.relative_to(live).as_posix()}")
        return
    for file in files:
        output.write_bytes(f"{BUNDLE}/{file.relative}", file.content)


def index_unchanged(out: Path, files: list[IndexFile] | None, *, search: bool) -> bool:
    """Whether the live output already has this index (or, without search, has none)."""
    live_entry = out / BUNDLE / ENTRY
    if not search:
        return not (out / BUNDLE).exists()
    if files is None:
        return True
    entry = next((file.content for file in files if file.relative == ENTRY), None)
    try:
        return entry is not None and live_entry.read_bytes() == entry
    except OSError:
        return False


def _files_under(folder: Path) -> list[Path]:
    found: list[Path] = []
    for parent, _, names in os.walk(folder):
        found.extend(Path(parent) / name for name in names)
    return found
