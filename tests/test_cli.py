"""The command line: build summary, check writes nothing, new scaffolds valid drafts."""

from __future__ import annotations

import re

from conftest import SiteFixture


def test_build_prints_a_one_line_summary(site: SiteFixture) -> None:
    result = site.cli("build")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"Built into \S+: \d+ pages, 3 programs, \d+ static files in \d+ ms\n", result.stdout)


def test_check_writes_nothing(site: SiteFixture) -> None:
    result = site.cli("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Checked: ")
    assert not site.out.exists()


def test_new_creates_drafts_that_pass_check(site: SiteFixture) -> None:
    for kind, slug in (("guide", "cloud-security"), ("career", "security-engineer"), ("article", "hello-world")):
        result = site.cli("new", kind, slug)
        assert result.returncode == 0, result.stderr
    assert (site.root / "content/guides/cloud-security.md").is_file()
    check = site.cli("check")
    assert check.returncode == 0, check.stderr
    again = site.cli("new", "article", "hello-world")
    assert again.returncode == 2
    assert "already exists" in again.stderr


def test_new_refuses_bad_slug(site: SiteFixture) -> None:
    result = site.cli("new", "guide", "../escape")
    assert result.returncode == 2
    assert "not a valid slug" in result.stderr
    reserved = site.cli("new", "guide", "category")
    assert reserved.returncode == 2
    assert reserved.stderr == "guidegen: 'category' is reserved: /guides/category/ holds the guide category pages\n"


def test_build_refuses_to_replace_a_foreign_folder(site: SiteFixture) -> None:
    site.write("public/precious.txt", "keep me")
    result = site.cli("build")
    assert result.returncode == 2
    assert "refusing to replace" in result.stderr
    assert (site.out / "precious.txt").read_text() == "keep me"


def test_missing_content_folder_is_a_clear_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "guidegen", "build", "--root", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "no content/ directory" in result.stderr


def test_a_reader_that_stops_reading_ends_the_command_without_a_traceback(site: SiteFixture) -> None:
    import os
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)  # as `guidegen build | head -0` leaves it: nobody reads the summary
    try:
        result = subprocess.run(
            [sys.executable, "-m", "guidegen", "build", "--root", str(site.root)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (site.out / "index.html").is_file()  # the site was built all the same
