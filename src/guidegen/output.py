"""Write phase: build into a staging folder, then swap it into place in one step."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import os
import shutil
import tempfile
from pathlib import Path

from guidegen.errors import BuildError, ConfigError

log = logging.getLogger(__name__)

MARKER = ".guidegen-output"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class Output:
    """The output folder of one build. Nothing under `out` changes until commit()."""

    def __init__(self, out: Path, project_root: Path) -> None:
        self.out = out
        self.project_root = project_root
        self.staging: Path | None = None
        self.files_written = 0

    def open(self) -> None:
        self._check_target()
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.staging-", dir=self.out.parent))
            staging.chmod(0o755)
        except OSError as exc:
            reason = _blocking_file(self.out) or exc.strerror or str(exc)
            raise BuildError(f"cannot write the output folder {self.out}: {reason}") from exc
        self.staging = staging

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
        target = self.path(relative)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        except OSError as exc:
            raise BuildError(f"cannot write {target}: {exc.strerror or exc}") from exc
        self.files_written += 1

    def copy_file(self, source: Path, relative: str) -> None:
        target = self.path(relative)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        except OSError as exc:
            raise BuildError(f"cannot copy {source} to {target}: {exc.strerror or exc}") from exc
        self.files_written += 1

    def commit(self) -> None:
        """Replace the old output with the new one in a single rename."""
        assert self.staging is not None, "open() first"
        (self.staging / MARKER).write_text("This folder is written by guidegen; it is replaced on every build.\n")
        staging, self.staging = self.staging, None
        try:
            if self.out.exists():
                _exchange(staging, self.out)
                shutil.rmtree(staging, ignore_errors=True)  # now the previous output
            else:
                os.rename(staging, self.out)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise BuildError(f"cannot replace {self.out}: {exc.strerror or exc}") from exc

    def discard(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None


def _blocking_file(out: Path) -> str | None:
    """'<path> is a file' when a file stands where one of out's parent folders should be."""
    for parent in out.parents:
        if parent.exists():
            return None if parent.is_dir() else f"{parent} is a file, not a folder"
    return None


def _exchange(a: Path, b: Path) -> None:
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
