"""Proofreading precision on published, edited prose that guidegen did not write.

The text is read from a folder outside the repository (never copied into it), one subfolder
per language named by its BCP 47 tag or a locale (de-DE, pt-BR, ja-JP); files are Markdown
(.md) or HTML (.html, turned into Markdown-like text: blocks, headings, code, links, images).
Every finding is printed with its context, for a person to judge true or false, and the
count per language closes the report:

    python bench/proofread_precision.py /tmp/corpus            # e.g. a book's HTML per language
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from guidegen.checks import proofread

BLOCKS = {"p", "li", "dd", "dt", "td", "th", "blockquote", "div", "section", "table", "tr", "ul", "ol", "dl"}


class _MarkdownText(HTMLParser):
    """HTML as the Markdown an editor migrating it would write: blocks, ## headings, `code`, *emphasis*, links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.pre = 0
        self.skip = 0
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("script", "style", "head"):
            self.skip += 1
        elif tag == "pre":
            self.pre += 1
            self.parts.append("\n\n```\n")
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.parts.append("\n\n## ")
        elif tag in BLOCKS:
            self.parts.append("\n\n")
        elif tag == "code" and not self.pre:
            self.parts.append("`")
        elif tag in ("em", "i", "strong", "b") and not self.pre:
            self.parts.append("*")
        elif tag == "a":
            self.links.append(found.get("href") or "#")
            self.parts.append("[")
        elif tag == "img":
            self.parts.append(f"![{found.get('alt') or ''}]({found.get('src') or ''})")
        elif tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self.skip = max(0, self.skip - 1)
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
            self.parts.append("\n```\n\n")
        elif tag in BLOCKS or (tag.startswith("h") and tag[1:].isdigit()):
            self.parts.append("\n\n")
        elif tag == "code" and not self.pre:
            self.parts.append("`")
        elif tag in ("em", "i", "strong", "b") and not self.pre:
            self.parts.append("*")
        elif tag == "a" and self.links:
            self.parts.append(f"]({self.links.pop()})")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        self.parts.append(data if self.pre else re.sub(r"\s+", " ", data))


def markdown_of(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix != ".html":
        return text
    parser = _MarkdownText()
    parser.feed(text)
    joined = "".join(parser.parts)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.strip() for line in joined.split("\n")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="a folder with one subfolder of texts per language")
    parser.add_argument("--quiet", action="store_true", help="only the counts")
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    words: Counter[str] = Counter()
    for folder in sorted(p for p in args.corpus.iterdir() if p.is_dir()):
        language = folder.name.split("_")[0]
        reading = proofread.Reading(language)
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".md", ".html"):
                continue
            text = markdown_of(path)
            words[language] += len(text.split())
            prose, running = proofread._prose(text), proofread._running(text)
            silenced = proofread._silenced(text)
            for message, offset, _hint in sorted(proofread._findings(prose, running, reading), key=lambda f: f[1]):
                line = prose.count("\n", 0, offset) + 1
                if line in silenced:
                    continue
                counts[language] += 1
                if not args.quiet:
                    context = " ".join(text[max(0, offset - 60) : offset + 60].split())
                    print(f"{language} {path.relative_to(args.corpus)}:{line}: {message} | {html.escape(context)}")
    print(f"\n{'language':<10} {'words':>9} {'findings':>9}")
    for language in sorted(words):
        print(f"{language:<10} {words[language]:>9} {counts[language]:>9}")
    print(f"{'all':<10} {sum(words.values()):>9} {sum(counts.values()):>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
