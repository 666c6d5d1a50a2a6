"""Whether a path stays inside a folder: the quick answer equals resolving every symlink."""

from __future__ import annotations

import itertools
from pathlib import Path

from guidegen.content.sources import is_inside


def test_is_inside_agrees_with_resolving_symlinks(tmp_path: Path) -> None:
    real = tmp_path / "real"
    root = real / "project"
    (root / "content" / "articles").mkdir(parents=True)
    (root / "templates").mkdir()
    (root / "content" / "articles" / "a.md").write_text("a")
    (root / "templates" / "base.html").write_text("t")
    (tmp_path / "outside.md").write_text("o")
    (root / "content" / "articles" / "inside-link.md").symlink_to("a.md")
    (root / "content" / "articles" / "outside-link.md").symlink_to(tmp_path / "outside.md")
    (root / "content" / "articles" / "project-link.md").symlink_to("../../templates/base.html")
    (root / "content" / "linked-folder").symlink_to("../templates")
    (root / "content" / "dangling.md").symlink_to("missing.md")
    (tmp_path / "alias").symlink_to(real)  # the whole project reached through a symlink
    via_alias = tmp_path / "alias" / "project"

    paths = [
        root / "content" / "articles" / "a.md",
        root / "content" / "articles" / "inside-link.md",
        root / "content" / "articles" / "outside-link.md",
        root / "content" / "articles" / "project-link.md",
        root / "content" / "linked-folder" / "base.html",
        root / "content" / "dangling.md",
        root / "content" / "articles" / ".." / ".." / "templates" / "base.html",
        root / "content" / "not-there.md",
        root / "content",
        via_alias / "content" / "articles" / "a.md",
        via_alias / "content" / "articles" / "outside-link.md",
        tmp_path / "outside.md",
    ]
    roots = [root, root / "content", via_alias, via_alias / "content", root / "templates"]
    for path, boundary in itertools.product(paths, roots):
        expected = path.resolve().is_relative_to(boundary.resolve())
        assert is_inside(path, boundary) == expected, (path, boundary)
