"""The same articles as an Eleventy project with a minimal layout, for the guidegen / Eleventy ratio.

Eleventy is pinned in bench/eleventy/package-lock.json (`make bench-build` runs `npm ci` there).
The layouts match bench/hugo_site.py's: an article page with its title, description, date and
body (<main> carries data-pagefind-body for the Pagefind CLI), the articles' list page and a
home page. Headings get ids from Eleventy's own IdAttributePlugin, as Hugo's and guidegen's do,
so the articles' links to their own sections resolve. The Markdown is not run through a
template language first (markdownTemplateEngine: false): the articles are plain Markdown, and
neither guidegen nor the naive loop templates a body, so Eleventy does no more than they do.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent / "eleventy"
MODULES = PACKAGE / "node_modules"

CONFIG = """\
import { IdAttributePlugin } from "@11ty/eleventy";

export default function (eleventyConfig) {
  eleventyConfig.addPlugin(IdAttributePlugin);
  eleventyConfig.addFilter("isoDate", (date) => date.toISOString().slice(0, 10));
  eleventyConfig.addFilter("readableDate", (date) =>
    date.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }),
  );
  eleventyConfig.addCollection("articles", (api) => api.getFilteredByGlob("content/articles/*.md"));
}

export const config = {
  dir: { input: "content", includes: "_includes" },
  markdownTemplateEngine: false,
};
"""
SINGLE = """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ title }}</title>
<meta name="description" content="{{ summary }}"></head>
<body>
<main data-pagefind-body>
<h1>{{ title }}</h1>
<p><time datetime="{{ page.date | isoDate }}">{{ page.date | readableDate }}</time></p>
{{ content | safe }}
</main>
</body>
</html>
"""
LIST = """\
---
title: Articles
permalink: /articles/
---
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1><ul>
{% for article in collections.articles %}<li><a href="{{ article.url }}">{{ article.data.title }}</a></li>
{% endfor %}</ul></main></body>
</html>
"""
HOME = """\
---
title: Benchmark
---
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1><ul><li><a href="/articles/">Articles</a></li></ul></main></body>
</html>
"""


def eleventy_binary() -> Path | None:
    """The installed Eleventy's command-line script (its package.json "bin"), or None before `npm ci`."""
    manifest = MODULES / "@11ty" / "eleventy" / "package.json"
    if not manifest.is_file():
        return None
    return manifest.parent / json.loads(manifest.read_text(encoding="utf-8"))["bin"]["eleventy"]


def eleventy_version() -> str:
    manifest = MODULES / "@11ty" / "eleventy" / "package.json"
    return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])


def write_eleventy_project(site_root: Path, eleventy_root: Path) -> None:
    """An Eleventy project holding site_root's articles (same files) and a minimal layout."""
    if eleventy_root.exists():
        shutil.rmtree(eleventy_root)
    content = eleventy_root / "content"
    (content / "_includes").mkdir(parents=True)
    (eleventy_root / "eleventy.config.mjs").write_text(CONFIG)
    # the config imports "@11ty/eleventy": Node resolves it from the project's own node_modules
    (eleventy_root / "node_modules").symlink_to(MODULES, target_is_directory=True)
    (content / "_includes" / "article.njk").write_text(SINGLE)
    (content / "articles.njk").write_text(LIST)
    (content / "index.njk").write_text(HOME)
    shutil.copytree(site_root / "content" / "articles", content / "articles")
    (content / "articles" / "articles.json").write_text(json.dumps({"layout": "article.njk"}))
