"""guidegen as a user gets it: the built wheel in a fresh virtualenv outside the repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO

# what the wheel is built from: the files a clone has (src/guidegen/theme/ links to templates/ and static/)
SOURCES = ("pyproject.toml", "README.md", "src", "templates", "static")


@dataclass(frozen=True)
class Installed:
    python: Path
    guidegen: Path
    home: Path  # a folder outside the repository to make sites in

    def run(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.guidegen), *args], capture_output=True, text=True, check=False, cwd=cwd, timeout=300
        )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    work = tmp_path_factory.mktemp("wheel")
    tree = work / "source"
    tree.mkdir()
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(
                source, tree / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
            )
        else:
            shutil.copy2(source, tree / name)
    wheels = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(wheels), str(tree)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(wheels.glob("guidegen-*.whl"))
    environment = work / "venv"
    venv.create(environment, with_pip=False)
    python = environment / "bin" / "python"
    # guidegen's dependencies are taken from the test environment rather than fetched again; guidegen itself
    # comes only from the wheel (the test environment's editable install is not on this path)
    site_packages = Path(
        subprocess.check_output(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True
        ).strip()
    )
    (site_packages / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    home = work / "home"
    home.mkdir()
    return Installed(python, environment / "bin" / "guidegen", home)


def test_guidegen_runs_from_the_wheel_not_the_repository(installed: Installed) -> None:
    where = subprocess.check_output([installed.python, "-c", "import guidegen; print(guidegen.__file__)"], text=True)
    assert Path(where.strip()).is_relative_to(installed.python.parent.parent)
    theme = Path(where.strip()).parent / "theme"
    assert (theme / "templates/base.html").is_file()
    assert not (theme / "templates").is_symlink()
    assert (theme / "static/css/site.css").read_bytes() == (REPO / "static/css/site.css").read_bytes()


def test_init_then_a_strict_build_carries_the_themes_css_and_takes_an_override(installed: Installed) -> None:
    result = installed.run("init", "my-site", cwd=installed.home)
    assert result.returncode == 0, result.stderr
    site = installed.home / "my-site"
    result = installed.run("build", "--strict", cwd=site)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # zero warnings
    page = BeautifulSoup(
        (site / "public/guides/mlops-engineering/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert page.select_one("link[rel=stylesheet]")["href"] == "/css/site.css"
    assert (site / "public/css/site.css").read_bytes() == (REPO / "static/css/site.css").read_bytes()

    base = (REPO / "templates/base.html").read_text(encoding="utf-8")
    (site / "templates").mkdir()
    (site / "templates/base.html").write_text(
        base.replace("<main ", '<p id="own">Our layout</p>\n<main '), encoding="utf-8"
    )
    result = installed.run("build", "--strict", cwd=site)
    assert result.returncode == 0, result.stderr
    for page_file in ("index.html", "guides/mlops-engineering/index.html", "articles/welcome/index.html"):
        page = BeautifulSoup((site / "public" / page_file).read_text(encoding="utf-8"), "html.parser")
        assert page.select_one("#own").get_text() == "Our layout"
