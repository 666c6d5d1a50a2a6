"""Reading source files from disk: encoding, line endings, symlinks and front matter."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from guidegen.errors import Problems, display_path

BOM = "\ufeff"


@dataclass(frozen=True)
class SourceText:
    """The decoded text of one file, with the name used in messages."""

    path: Path
    name: str
    text: str


@dataclass(frozen=True)
class FrontMatterDocument:
    """A Markdown file split into its YAML front matter and its body."""

    source: SourceText
    front_matter: str
    front_matter_line: int  # line of the first front-matter line in the file
    body: str
    body_line: int  # line of the first body line in the file
    body_start: int  # offset of the body in source.text


def is_inside(path: Path, root: Path) -> bool:
    """True when path, with symlinks resolved, stays under root."""
    if _plainly_under(str(path), str(root)):
        return True
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _plainly_under(path: str, root: str) -> bool:
    """path is written under root and none of the names between them is a symlink (so it stays there).

    A few lstat calls instead of resolving both paths: content files are checked by the thousand.
    """
    if path == root:
        return True
    if not path.startswith(root.rstrip(os.sep) + os.sep):
        return False
    current = root.rstrip(os.sep)
    for name in path[len(current) + 1 :].split(os.sep):
        if name in ("..", "."):
            return False
        current += os.sep + name
        try:
            if stat.S_ISLNK(os.lstat(current).st_mode):
                return False
        except OSError:
            return False
    return True


def read_source(path: Path, root: Path, problems: Problems) -> SourceText | None:
    """Read a UTF-8 text file under root; on any fault, record a problem and return None."""
    name = display_path(path, root)
    if not stays_inside(path, root, root, problems):
        return None
    try:
        kind = _file_kind(path.stat().st_mode)
        if kind is not None:  # reading a FIFO would wait forever; a folder cannot be read
            problems.error(name, f"cannot read file: it is {kind}, not a regular file")
            return None
        data = path.read_bytes()
    except OSError as exc:
        problems.error(name, f"cannot read file: {exc.strerror or exc}", hint=_read_hint(exc))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
        problems.error(
            name,
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}",
            line=line,
            hint="it is saved as UTF-16: save it as UTF-8" if utf16 else "save the file as UTF-8",
        )
        return None
    if text.startswith(BOM):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(path, name, text)


def stays_inside(path: Path, boundary: Path, root: Path, problems: Problems) -> bool:
    """False, with a problem, when path (a symlink, or inside one) really lives outside boundary."""
    if is_inside(path, boundary):
        return True
    target = os.readlink(path) if path.is_symlink() else str(path.resolve())
    shown = display_path(boundary, root) + "/" if boundary != root else "the project"
    problems.error(
        display_path(path, root),
        f"symlink points outside {shown} ({target})",
        hint=f"copy the file into {shown} instead of linking to it",
    )
    return False


def _file_kind(mode: int) -> str | None:
    """What a path is, when it is not a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def _read_hint(exc: OSError) -> str | None:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "let your user read it, e.g. chmod a+r"
    if exc.errno == errno.ENOENT:
        return "it disappeared while reading: a broken symlink?"
    return None


def split_front_matter(source: SourceText, problems: Problems) -> FrontMatterDocument | None:
    """Split '---' delimited YAML front matter from a Markdown body."""
    text = source.text
    if not text.strip():
        problems.error(
            source.name,
            "file is empty",
            line=1,
            hint="start it with front matter between two '---' lines, or delete it",
        )
        return None
    if not text.startswith("---\n"):
        toml = text.startswith("+++")
        problems.error(
            source.name,
            "front matter must be YAML between '---' lines, not TOML between '+++'" if toml else "missing front matter",
            line=1,
            hint="start the file with a line '---', the YAML fields, then another '---'",
        )
        return None
    end = _closing_fence(text)
    if end is None:
        problems.error(
            source.name,
            "front matter is not closed",
            line=1,
            hint="add a line '---' after the last front-matter field",
        )
        return None
    front_matter = text[4:end]
    after = text.find("\n", end + 1)
    body_start = len(text) if after == -1 else after + 1
    body_line = text.count("\n", 0, after) + 2 if after != -1 else text.count("\n") + 2
    return FrontMatterDocument(source, front_matter, 2, text[body_start:], body_line, body_start)


def _closing_fence(text: str) -> int | None:
    """Offset of the newline before the closing '---' (or '...') line, if any."""
    position = 3
    while True:
        newline = text.find("\n", position)
        if newline == -1:
            return None
        line_end = text.find("\n", newline + 1)
        line = text[newline + 1 : line_end if line_end != -1 else len(text)]
        if line.rstrip() in ("---", "..."):
            return newline
        if line_end == -1:
            return None
        position = newline + 1
