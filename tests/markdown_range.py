"""guidegen's Markdown speed-ups at both ends of the Python-Markdown range it supports (`make test-markdown`).

The ends are derived, not listed: the lowest version pyproject.toml allows and the version
constraints.txt pins (the newest tested). For each, Python-Markdown's sdist is fetched once into
.venv-markdown/ (git-ignored) and put first on the path, and two checks run:

- tests/test_markdown_speed.py: guidegen's processors against stock Python-Markdown, and
- tests/markdown_peer.py: Python-Markdown's own test suite with guidegen's processors substituted.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / ".venv-markdown"


def supported_range() -> tuple[str, str]:
    """(lowest allowed by pyproject.toml, pinned by constraints.txt)."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirement = next(Requirement(text) for text in project["dependencies"] if Requirement(text).name == "markdown")
    floors = [spec.version for spec in requirement.specifier if spec.operator == ">="]
    pinned = re.search(r"(?im)^markdown==(\S+)$", (REPO / "constraints.txt").read_text(encoding="utf-8"))
    if len(floors) != 1 or pinned is None:
        sys.exit("pyproject.toml must give markdown one '>=' floor, and constraints.txt must pin it")
    return floors[0], pinned.group(1)


def sdist(version: str) -> Path:
    """The unpacked sdist of Python-Markdown `version`, downloaded on first use."""
    unpacked = CACHE / f"markdown-{version}"
    if (unpacked / "markdown" / "__init__.py").is_file():
        return unpacked
    CACHE.mkdir(exist_ok=True)
    download = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:"]
    subprocess.run([*download, f"markdown=={version}", "--dest", str(CACHE)], check=True)
    archive = next(p for p in CACHE.glob("*.tar.gz") if p.name.lower() == f"markdown-{version}.tar.gz")
    with tarfile.open(archive) as tar:
        top = tar.getnames()[0].split("/")[0]
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            tar.extractall(CACHE, filter="data")
        else:
            tar.extractall(CACHE)  # an sdist of Python-Markdown, fetched from the package index
    (CACHE / top).rename(unpacked)
    return unpacked


def check(version: str) -> bool:
    source = sdist(version)
    env = {**os.environ, "PYTHONPATH": str(source), "GUIDEGEN_MARKDOWN_VERSION": version}
    print(f"== Python-Markdown {version}", flush=True)
    pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_markdown_speed.py"]
    equivalent = subprocess.run(pytest, cwd=REPO, env=env).returncode == 0
    peer = subprocess.run([sys.executable, "tests/markdown_peer.py", str(source)], cwd=REPO, env=env).returncode == 0
    return equivalent and peer


def main() -> int:
    results = [check(version) for version in supported_range()]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
