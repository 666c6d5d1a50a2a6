"""The same articles as a Hugo project with a minimal layout, for the guidegen / Hugo ratio.

An article's <main> carries data-pagefind-body, as a Hugo site searched with Pagefind marks
the content to index (the Pagefind CLI then indexes only those pages, and only that part).
"""

from __future__ import annotations

import shutil
from pathlib import Path

CONFIG = """\
baseURL = "https://example.org/"
languageCode = "en"
title = "Benchmark"
disableKinds = ["taxonomy", "term", "RSS"]
[markup.highlight]
  codeFences = false
"""
SINGLE = """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }}</title>
<meta name="description" content="{{ .Summary | plainify }}"></head>
<body>
<main data-pagefind-body>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "January 2, 2006" }}</time></p>
{{ .Content }}
</main>
</body>
</html>
"""
LIST = """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul></main></body>
</html>
"""


def write_hugo_project(site_root: Path, hugo_root: Path) -> None:
    """A Hugo project holding site_root's articles (same files) and a minimal layout."""
    if hugo_root.exists():
        shutil.rmtree(hugo_root)
    layouts = hugo_root / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (hugo_root / "config.toml").write_text(CONFIG)
    (layouts / "single.html").write_text(SINGLE)
    (layouts / "list.html").write_text(LIST)
    (hugo_root / "layouts" / "index.html").write_text(LIST)
    shutil.copytree(site_root / "content" / "articles", hugo_root / "content" / "articles")
