"""The naive baseline: one process, a fresh markdown.Markdown per file, Jinja2, no cache.

Builds the same articles as guidegen with a minimal layout, the way a first Python site
generator loop would: read, parse front matter, convert, render, write.

    python bench/naive.py SITE_ROOT OUT_DIR
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import jinja2
import markdown
import yaml
from markupsafe import Markup

LAYOUT = """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ meta.title }}</title><meta name="description" content="{{ meta.summary }}"></head>
<body>
<main>
<h1>{{ meta.title }}</h1>
<p><time datetime="{{ meta.date }}">{{ meta.date }}</time></p>
{{ body }}
</main>
</body>
</html>
"""
INDEX = """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Articles</title></head>
<body><main><h1>Articles</h1><ul>
{% for slug, meta in articles %}<li><a href="/articles/{{ slug }}/">{{ meta.title }}</a></li>
{% endfor %}</ul></main></body>
</html>
"""


def build(root: Path, out: Path) -> int:
    env = jinja2.Environment(autoescape=True)
    page = env.from_string(LAYOUT)
    listing = env.from_string(INDEX)
    if out.exists():
        shutil.rmtree(out)
    articles = []
    for path in sorted((root / "content" / "articles").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front)
        converter = markdown.Markdown(extensions=["tables", "fenced_code", "toc"])
        html = Markup(converter.convert(body))
        target = out / "articles" / path.stem / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.render(meta=meta, body=html), encoding="utf-8")
        articles.append((path.stem, meta))
    (out / "articles" / "index.html").write_text(listing.render(articles=articles), encoding="utf-8")
    return len(articles) + 1


if __name__ == "__main__":
    pages = build(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"naive: {pages} pages")
