"""The index's folder in the output: moved into the staging folder by a build, or swapped into the live output."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from guidegen.errors import BuildError
from guidegen.hashing import digest
from guidegen.render.output import Output, exchange, output_lock
from guidegen.search.page import BUNDLE
from guidegen.search.pagefind_cli import ENTRY


def place_index(output: Output, bundle: Path | None, *, search: bool) -> None:
    """Replace the staging folder's index with bundle; None keeps the live output's; without search, none."""
    folder = output.path(BUNDLE)
    live = output.out / BUNDLE
    held = index_identity(folder) if search and bundle is None else None
    if held is not None and held == index_identity(live):
        return  # the staging folder started as the previous output, which had the live index already
    _remove(folder)
    if not search:
        return
    if bundle is None:
        for path in sorted(_files_under(live)):
            output.link_unchanged(f"{BUNDLE}/{path.relative_to(live).as_posix()}")
        return
    try:
        os.rename(bundle, folder)
    except OSError as exc:
        raise BuildError(f"cannot move the search index into {folder}: {exc.strerror or exc}") from exc


def index_unchanged(out: Path, bundle: Path | None, *, search: bool) -> bool:
    """Whether the live output already has this index (or, without search, has none)."""
    if not search:
        return not (out / BUNDLE).exists()
    if bundle is None:
        return True
    identity = index_identity(bundle)
    return identity is not None and identity == index_identity(out / BUNDLE)


def index_identity(bundle: Path) -> bytes | None:
    """What tells one index from another: the digest of its entry file, which names each language's index by
    a digest of its content; None when the folder has no index."""
    try:
        return digest((bundle / ENTRY).read_bytes())
    except OSError:
        return None


def live_index(out: Path, recorded: tuple[bytes, bytes] | None) -> tuple[bytes, bytes] | None:
    """What the build cache recorded of the live output's index (the digest of its records, its
    index_identity), if the index there is still that one; else None."""
    if recorded is None or index_identity(out / BUNDLE) != recorded[1]:
        return None
    return recorded


def publish_live(out: Path, bundle: Path) -> bool:
    """Put a new index into the live output in one rename (guidegen serve); False when it had this one already.

    The new folder and the live one are exchanged, so a request sees the old index or the new one,
    never half of each; the old one is then removed from where the new one was written."""
    with output_lock(out):
        if index_unchanged(out, bundle, search=True):
            return False
        live = out / BUNDLE
        try:
            if live.exists():
                exchange(bundle, live)
                shutil.rmtree(bundle, ignore_errors=True)
            else:
                os.rename(bundle, live)
        except OSError as exc:
            raise BuildError(f"cannot publish the search index into {live}: {exc.strerror or exc}") from exc
    return True


def _remove(folder: Path) -> None:
    try:
        shutil.rmtree(folder)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise BuildError(f"cannot remove the old search index {folder}: {exc.strerror or exc}") from exc


def _files_under(folder: Path) -> list[Path]:
    found: list[Path] = []
    for parent, _, names in os.walk(folder):
        found.extend(Path(parent) / name for name in names)
    return found
