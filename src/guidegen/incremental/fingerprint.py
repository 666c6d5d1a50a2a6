"""One fingerprint of the code a build runs: guidegen's own files, the Python running it, the libraries shaping output.

The build cache and the up-to-date check both key on it, so that what one version of the code
built is never taken for what another would build. Only the standard library is imported:
the up-to-date check must answer faster than importing the build machinery would.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import sys
from pathlib import Path

# import name -> distribution name, of every library whose version can change what a build writes
LIBRARIES = {
    "jinja2": "jinja2",
    "markdown": "markdown",
    "markupsafe": "markupsafe",
    "pydantic": "pydantic",
    "pydantic_core": "pydantic_core",
    "yaml": "pyyaml",
    "pagefind": "pagefind",  # installing or removing it turns search on or off
    "pagefind_bin": "pagefind_bin",
}


@functools.cache
def code_fingerprint() -> str:
    """Changes whenever guidegen's files, the Python or one of LIBRARIES (its version or its files) change."""
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(sys.version.encode())
    for name, distribution in LIBRARIES.items():
        hasher.update(_library(name, distribution).encode())
    hasher.update(package_digest())
    return hasher.hexdigest()


def _library(name: str, distribution: str) -> str:
    """Where a library is installed, its version and the stat of its entry file, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.origin:
        return f"{name}:missing;"
    origin = Path(spec.origin)
    try:
        info = origin.stat()
    except OSError:
        return f"{name}:{origin}:unreadable;"
    return f"{name}:{origin}:{info.st_size}:{info.st_mtime_ns}:{_version(origin, distribution)};"


def _version(origin: Path, distribution: str) -> str:
    """The version in the name of the distribution's `NAME-VERSION.dist-info` folder beside the package."""
    folder = origin.parent.parent if origin.name == "__init__.py" else origin.parent
    wanted = distribution.replace("-", "_").lower()
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return "?"
    for entry in names:
        project, _, version = entry.removesuffix(".dist-info").rpartition("-")
        if entry.endswith(".dist-info") and project.replace("-", "_").lower() == wanted:
            return version
    return "?"


@functools.cache
def package_digest() -> bytes:
    """Every file of the guidegen package (its code and whatever it ships with it), read once per process."""
    hasher = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        relative = path.relative_to(package)
        if "__pycache__" not in relative.parts and path.is_file():
            hasher.update(relative.as_posix().encode() + b"\0")
            hasher.update(path.read_bytes())
    return hasher.digest()
