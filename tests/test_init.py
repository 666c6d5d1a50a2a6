"""`guidegen init`: a working site in one command, with its own workflow, and nothing of the theme copied."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from guidegen import __version__

STARTER = [
    ".github/workflows/site.yml",
    ".gitignore",
    "README.md",
    "content/articles/welcome.md",
    "content/careers/mlops-engineer.md",
    "content/guides/mlops-engineering.md",
    "content/programs/examples.yaml",
    "content/salaries/mlops.yaml",
    "content/site.yaml",
    "requirements.txt",
]


def guidegen(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "guidegen", *args], capture_output=True, text=True, check=False, cwd=cwd, timeout=300
    )


def files_under(folder: Path) -> list[str]:
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site made by `guidegen init NAME` and built with --strict."""
    home = tmp_path_factory.mktemp("init")
    result = guidegen("init", "my-site", cwd=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "Next: cd my-site && guidegen serve   (then open http://127.0.0.1:8000/)"
    return home / "my-site"


def test_init_writes_the_starter_and_nothing_of_the_theme(started: Path) -> None:
    assert files_under(started) == STARTER
    assert not (started / "templates").exists()
    assert not (started / "static").exists()


def test_the_started_site_builds_strict_with_no_warning_and_the_themes_css(started: Path) -> None:
    result = guidegen("build", "--strict", cwd=started)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("Built into public: ")
    home = BeautifulSoup((started / "public/index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one("a.brand").get_text(strip=True) == "My Career Guides"
    assert (started / "public/css/site.css").is_file()
    guide = BeautifulSoup(
        (started / "public/guides/mlops-engineering/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert guide.select_one("link[rel=stylesheet]")["href"] == "/css/site.css"
    assert guide.select_one("h1").get_text(strip=True) == "MLOps Engineering"


def test_the_example_programs_are_marked_as_examples(started: Path) -> None:
    records = yaml.safe_load((started / "content/programs/examples.yaml").read_text(encoding="utf-8"))
    assert len(records) == 2
    for record in records:
        assert record["name"].endswith("(example record)")
        assert "Not a real program." in record["description"]
        assert "cost" not in record  # no invented figures
        assert "duration_months" not in record
    text = (started / "content/programs/examples.yaml").read_text(encoding="utf-8")
    assert text.count("# EXAMPLE RECORD: replace with a real program") == 2


def test_requirements_pin_the_running_version_and_say_where_to_point_them(started: Path) -> None:
    lines = (started / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == [f"guidegen[cards]=={__version__}"]
    assert any("not on PyPI yet" in line for line in lines)


def test_the_workflow_builds_strict_daily_and_deploys_with_pages(started: Path) -> None:
    workflow_file = started / ".github/workflows/site.yml"
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert actionlint, "actionlint is a test dependency (pip install -e '.[test]')"
    result = subprocess.run([actionlint, "-no-color", str(workflow_file)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    workflow = yaml.safe_load(workflow_file.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["schedule"] == [{"cron": "17 4 * * *"}]
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "python -m pip install -r requirements.txt" in runs
    assert any(run.startswith("guidegen build --strict") for run in runs)
    uses = [step.get("uses", "").split("@")[0] for step in steps] + [
        step.get("uses", "").split("@")[0] for step in workflow["jobs"]["deploy"]["steps"]
    ]
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = guidegen("init", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"guidegen: refusing to create a site in {tmp_path}: the folder is not empty; choose an empty or new "
        "folder, or pass --add-missing to add only the starter files it does not have\n"
    )
    assert files_under(tmp_path) == ["notes.txt"]


def test_add_missing_adds_only_what_is_not_there(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content/site.yaml").write_text("title: Mine\n", encoding="utf-8")
    result = guidegen("init", ".", "--add-missing", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "content/site.yaml").read_text(encoding="utf-8") == "title: Mine\n"
    assert files_under(tmp_path) == STARTER
    assert "Kept 1 file already there" in result.stdout.splitlines()
    assert "Created content/site.yaml" not in result.stdout.splitlines()


def test_the_started_site_serves(started: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    log = (started.parent / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "guidegen", "serve", "--port", str(port), "--out", str(started.parent / "served")],
        cwd=started,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/articles/welcome/", timeout=5) as response:
                    page = BeautifulSoup(response.read().decode("utf-8"), "html.parser")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        assert page.select_one("h1").get_text(strip=True) == "Welcome to the Site"
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
