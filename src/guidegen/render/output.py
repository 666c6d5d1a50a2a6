"""Write phase: build into a staging folder, then swap it into place in one step.

The output folder is never changed in place. A build writes a complete new tree
beside it and swaps the two with one atomic rename; the swapped-out tree is kept as
`.<out>.previous` so the next build can start from it and rewrite only what changed
(unchanged files are hard links shared by both trees, so files are always replaced,
never rewritten in place).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import fcntl
import functools
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from guidegen.errors import BuildError, ConfigError

log = logging.getLogger(__name__)

MARKER = ".guidegen-output"
MARKER_TEXT = "This folder is written by guidegen; it is replaced on every build.\n"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@contextlib.contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Held while a build writes into out: a second build into the same folder waits until the first is done.

    The lock is an flock on `.<out>.lock` beside the folder; the system releases it when the
    process holding it ends, however it ends. The holder writes its process id there for
    the message of the build that waits.
    """
    try:
        lock_file = out.with_name(f".{out.name}.lock")
        out.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    except (OSError, ValueError) as exc:
        # nothing can be written there: the build says why when it opens the output folder
        log.debug("cannot lock the output folder %s: %s", out, exc)
        yield
        return
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
            log.warning(
                "guidegen: another build (process %s) is writing %s; waiting for it to finish", holder or "?", out
            )
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(descriptor)  # releases the lock


class Output:
    """The output folder of one build. Nothing under `out` changes until commit()."""

    def __init__(self, out: Path, project_root: Path) -> None:
        self.out = out
        self.project_root = project_root
        self.staging: Path | None = None
        self.files_written = 0

    @property
    def previous(self) -> Path:
        """Where the output of the build before the current one is kept, to start the next build from."""
        return self.out.with_name(f".{self.out.name}.previous")

    def open(self, *, from_previous: bool = False) -> None:
        """Start a staging folder: empty, or (from_previous) the previous output, which the caller then updates."""
        self._check_target()
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.staging-", dir=self.out.parent))
            if from_previous:
                os.rename(self.previous, staging)  # replaces the empty folder; a failed build discards it
            staging.chmod(0o755)
        except OSError as exc:
            reason = blocking_file(self.out) or exc.strerror or str(exc)
            raise BuildError(f"cannot write the output folder {self.out}: {reason}") from exc
        self.staging = staging

    def token(self, folder: Path | None = None) -> str | None:
        """The build token in a folder's marker: which build wrote it (the output folder by default)."""
        try:
            lines = ((folder or self.out) / MARKER).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return None
        return lines[1] if len(lines) > 1 else None

    def _check_target(self) -> None:
        out = self.out.resolve()
        root = self.project_root.resolve()
        protected = {root, root / "content", root / "templates", root / "static", root / "src", Path.home().resolve()}
        if out in protected or out in root.parents or out == Path("/"):
            raise ConfigError(f"refusing to build into {self.out}: choose a folder of its own, such as public/")
        if out.exists() and not out.is_dir():
            raise ConfigError(f"cannot build into {self.out}: it is a file")
        if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
            raise ConfigError(
                f"refusing to replace {self.out}: it was not made by guidegen (no {MARKER} file); "
                "empty it or choose another --out"
            )

    def path(self, relative: str) -> Path:
        assert self.staging is not None, "open() first"
        return self.staging / relative

    def write_text(self, relative: str, text: str) -> None:
        self.write_bytes(relative, text.encode("utf-8"))

    def write_bytes(self, relative: str, data: bytes) -> None:
        target = self.path(relative)
        try:
            replace_file(target, data)
        except OSError as exc:
            raise BuildError(f"cannot write {target}: {exc.strerror or exc}") from exc
        self.files_written += 1

    def copy_file(self, source: Path, relative: str) -> None:
        target = self.path(relative)
        try:
            _make_room(target)
            shutil.copyfile(source, target)
        except OSError as exc:
            raise BuildError(f"cannot copy {source} to {target}: {exc.strerror or exc}") from exc
        self.files_written += 1

    def link_unchanged(self, relative: str) -> None:
        """Take a file the build did not change from the current output (a hard link, or a copy)."""
        source, target = self.out / relative, self.path(relative)
        try:
            _make_room(target)
            try:
                os.link(source, target)
            except OSError:  # another file system, or no hard links there
                shutil.copyfile(source, target)
        except OSError as exc:
            raise BuildError(f"cannot copy {source} to {target}: {exc.strerror or exc}") from exc

    def remove(self, relative: str) -> None:
        """Delete a file the new output no longer has, and the folders it leaves empty."""
        assert self.staging is not None, "open() first"
        target = self.path(relative)
        try:
            target.unlink(missing_ok=True)
            for folder in target.parents:
                if folder == self.staging or any(folder.iterdir()):
                    break
                folder.rmdir()
        except OSError as exc:
            raise BuildError(f"cannot remove {target}: {exc.strerror or exc}") from exc

    def commit(self, token: str = "") -> None:
        """Replace the old output with the new one in a single rename; keep the old one to start the next build."""
        assert self.staging is not None, "open() first"
        replace_file(self.staging / MARKER, f"{MARKER_TEXT}{token}\n".encode())
        staging, self.staging = self.staging, None
        try:
            if self.out.exists():
                exchange(staging, self.out)
                shutil.rmtree(self.previous, ignore_errors=True)
                os.rename(staging, self.previous)  # staging now holds the output being replaced
            else:
                os.rename(staging, self.out)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise BuildError(f"cannot replace {self.out}: {exc.strerror or exc}") from exc

    def discard(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None


def blocking_file(out: Path) -> str | None:
    """'<path> is a file' when a file stands where one of out's parent folders should be."""
    for parent in out.parents:
        if parent.exists():
            return None if parent.is_dir() else f"{parent} is a file, not a folder"
    return None


def replace_file(target: Path, data: bytes) -> None:
    """Write a file as a new inode: the old name may be a hard link shared with the live output.

    With os.open and os.write, as open(target, "xb") would but without its buffered file object: a
    build writes thousands of pages, and that object cost about 7 µs of each page's 17."""
    _make_room(target)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    try:
        remaining = memoryview(data)
        while remaining:
            remaining = remaining[os.write(fd, remaining) :]
    finally:
        os.close(fd)


def _make_room(target: Path) -> None:
    try:
        os.unlink(target)
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)


def exchange(a: Path, b: Path) -> None:
    """Atomically swap two paths (Linux renameat2); elsewhere, two renames in quick succession."""
    renameat2 = getattr(_libc(), "renameat2", None)
    if renameat2 is not None:
        result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
        if result == 0:
            return
        error = ctypes.get_errno()
        log.debug("renameat2 exchange failed (%s); falling back to two renames", os.strerror(error))
    parked = b.with_name(b.name + ".previous")
    shutil.rmtree(parked, ignore_errors=True)
    os.rename(b, parked)
    os.rename(a, b)
    os.rename(parked, a)


@functools.cache
def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
