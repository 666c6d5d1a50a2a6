"""`guidegen build` with nothing to do: answer from a snapshot of the inputs, before loading anything else.

After each successful build, `.guidegen-cache/inputs.json` records the size, modification
time and inode of every file under content/, templates/ and static/ and the theme's (taken before the
build read them), the build date, the code's fingerprint (fingerprint.py) and the output it wrote. When all of
that still holds, the output is already what a build would write: the command reprints
the last build's warnings and summary. A file modified within two seconds of the
snapshot is never trusted on its stat alone (its clock may not have ticked), and any
doubt falls through to a normal build, which decides by content digests.

This module imports only the standard library: the answer must come faster than
importing the build machinery would.
"""

from __future__ import annotations

import json
import os
import stat
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from guidegen.incremental.fingerprint import code_fingerprint
from guidegen.render.formatting import build_date, publishing_now
from guidegen.render.theme import theme_folders

SNAPSHOT = Path(".guidegen-cache") / "inputs.json"
INPUT_FOLDERS = ("content", "templates", "static")
RACY_NANOSECONDS = 2_000_000_000
MARKER = ".guidegen-output"  # output.MARKER, not imported: output.py imports more than this needs

Stats = dict[str, list[int]]


@dataclass(frozen=True)
class Inputs:
    """The stat of every input file, taken at one moment."""

    files: Stats
    taken: int  # time.time_ns() when the snapshot began


@dataclass(frozen=True)
class UpToDate:
    """What the last build printed, to print again."""

    summary: str
    warnings: list[str]


def summary_line(verb: str, pages: int, programs: int, static_files: int, milliseconds: int) -> str:
    return f"{verb}: {pages} pages, {programs} programs, {static_files} static files in {milliseconds} ms"


def snapshot(root: Path) -> Inputs:
    taken = time.time_ns()
    files: Stats = {}
    for folder in INPUT_FOLDERS:
        _walk(root / folder, folder, files)
    for theme in theme_folders(root):  # the default theme's files, which the site's own files override
        _walk(theme, str(theme), files)
    return Inputs(files, taken)


def refreshed(previous: Inputs, root: Path, names: Iterable[str]) -> Inputs:
    """previous, with the files named (relative to root) looked at again: a server's file events name them.

    A file that changed unseen keeps its old stat here, so the next check finds it changed:
    a stale snapshot costs a build, never a wrong answer.
    """
    taken = time.time_ns()
    files = dict(previous.files)
    for name in names:
        try:
            info = os.stat(root / name)  # follows symlinks, as the snapshot does
        except FileNotFoundError:
            files.pop(name, None)
            continue
        except OSError:
            files[name] = [-1, -1, -1]
            continue
        if stat.S_ISDIR(info.st_mode):
            return snapshot(root)  # a folder came or went: look at everything
        files[name] = [info.st_size, info.st_mtime_ns, info.st_ino]
    return Inputs(files, taken)


def _walk(folder: Path, relative: str, files: Stats) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        name = f"{relative}/{entry.name}"
        try:
            info = entry.stat()  # follows symlinks: a link's target is the input
        except OSError:
            files[name] = [-1, -1, -1]
            continue
        if entry.is_dir():
            _walk(Path(entry.path), name, files)
        else:
            files[name] = [info.st_size, info.st_mtime_ns, info.st_ino]


def record(
    root: Path,
    out: Path,
    inputs: Inputs,
    token: str,
    counts: tuple[int, int, int],
    warnings: list[str],
    base_url: str | None,
    search: bool | None = None,
    *,
    future: bool = False,
    until: int | None = None,
) -> None:
    """Remember a successful build (counts: pages, programs, static files; base_url: a --base-url override;
    search: False for --no-search)."""
    state = {
        "code": code_fingerprint(),
        "date": build_date().isoformat(),
        "out": str(out.resolve()),
        "base_url": base_url,
        "search": search,
        "future": future,
        "until": until,  # the next publish_date or expiry_date to come: the output is stale from then on
        "token": token,
        "files": inputs.files,
        "taken": inputs.taken,
        "counts": list(counts),
        "warnings": warnings,
    }
    path = root / SNAPSHOT
    try:
        path.parent.mkdir(exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_text(json.dumps(state), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass  # the next build is slower, not wrong


def check(
    root: Path,
    out: Path,
    *,
    strict: bool,
    base_url: str | None,
    shown_out: Path,
    future: bool = False,
    search: bool | None = None,
) -> UpToDate | None:
    """The last build's output, when nothing it was built from has changed; None when in doubt."""
    started = time.perf_counter()
    try:
        state = json.loads((root / SNAPSHOT).read_text(encoding="utf-8"))
        token = (out / MARKER).read_text(encoding="utf-8").splitlines()[1]
    except (OSError, ValueError, IndexError):
        return None
    if (
        state.get("code") != code_fingerprint()
        or state.get("date") != build_date().isoformat()
        or state.get("out") != str(out.resolve())
        or state.get("base_url") != base_url
        or state.get("search") != search
        or state.get("future", False) != future
        or (state.get("until") is not None and publishing_now().timestamp() >= state["until"])
        or state.get("token") != token
        or (strict and state.get("warnings"))
    ):
        return None
    recorded: Stats = state["files"]
    now = snapshot(root).files
    if now != recorded:
        return None
    trusted_before = int(state["taken"]) - RACY_NANOSECONDS
    if any(mtime >= trusted_before for _, mtime, _ in now.values()):
        return None
    pages, programs, statics = state["counts"]
    milliseconds = round((time.perf_counter() - started) * 1000)
    return UpToDate(summary_line(f"Built into {shown_out}", pages, programs, statics, milliseconds), state["warnings"])
