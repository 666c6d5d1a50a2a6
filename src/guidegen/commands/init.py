"""`guidegen init [DIR]`: a working site, its content written for a starter, its design left to the theme."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from guidegen import __version__
from guidegen.errors import BuildError, ConfigError
from guidegen.render.formatting import build_date

STARTER = Path(__file__).resolve().parent.parent / "starter"
# files whose names a wheel cannot carry as they are (package data leaves out hidden files)
RENAMED = {"gitignore": ".gitignore", "github/workflows/site.yml": ".github/workflows/site.yml"}
TITLE = "My Career Guides"  # content/site.yaml's title, repeated in the README


@dataclass(frozen=True)
class Created:
    folder: Path
    written: tuple[str, ...]  # relative paths, in order
    kept: tuple[str, ...]  # files that were there already (with add_missing)


def starter_files(today: dt.date) -> dict[str, str]:
    """What init writes: relative path -> text, with the day's date and the running guidegen version."""
    files: dict[str, str] = {}
    for path in sorted(STARTER.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        relative = path.relative_to(STARTER).as_posix()
        text = path.read_text(encoding="utf-8")
        text = text.replace("@today@", today.isoformat()).replace("@version@", __version__).replace("@title@", TITLE)
        files[RENAMED.get(relative, relative)] = text
    return files


def create_site(folder: Path, *, add_missing: bool = False) -> Created:
    """Write the starter site into folder, which must be empty or missing (unless add_missing)."""
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"cannot create a site in {folder}: it is a file")
    files = starter_files(build_date())
    existing = [name for name in files if (folder / name).exists()]
    if folder.is_dir() and any(folder.iterdir()) and not add_missing:
        raise ConfigError(
            f"refusing to create a site in {folder}: the folder is not empty; choose an empty or new folder, "
            "or pass --add-missing to add only the starter files it does not have"
        )
    written: list[str] = []
    for name, text in files.items():
        if name in existing:
            continue
        target = folder / name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "x", encoding="utf-8") as stream:  # never replaces a file
                stream.write(text)
        except OSError as exc:
            raise BuildError(f"cannot write {target}: {exc.strerror or exc}") from exc
        written.append(name)
    return Created(folder, tuple(written), tuple(existing))
