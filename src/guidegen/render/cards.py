"""Social cards: the 1200x630 PNG a shared link shows, drawn from the theme's card.svg, cached by digest.

Each guide, career and article gets one, showing the site's name, the page's kicker and
title, and a guide's headline stat. The card's SVG is rendered from `card.svg` (a
template a site may override like any other) and drawn with resvg (the `guidegen[cards]`
extra). A PNG is kept in the user's cache folder ($XDG_CACHE_HOME/guidegen/cards/, else
~/.cache/guidegen/cards/; the project's .guidegen-cache/cards/ where that cannot be
written) under the digest of its SVG: an edit that does not change what a card shows never
draws it again, in any build of any site (drawing one costs far more than rendering a page);
and the output file's key is that digest, so an unchanged card is not even copied. Fonts come from the system
(Debian: fonts-dejavu-core for Latin, Greek, Cyrillic and Arabic, fonts-droid-fallback
for Chinese, Japanese and Korean); nothing is downloaded.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import os
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from guidegen.content.models import Stat
from guidegen.errors import BuildError
from guidegen.hashing import digest
from guidegen.render import formatting
from guidegen.structure.contexts import CARD_HEIGHT as HEIGHT
from guidegen.structure.contexts import CARD_WIDTH as WIDTH
from guidegen.structure.contexts import ArticlePage, CareerPage, GuidePage, Page

log = logging.getLogger(__name__)

TEMPLATE = "card.svg"
TITLE_UNITS = 26.0  # how many average Latin letters of the title fit on one line
TITLE_LINES = 3
CARD_FOLDER = "/cards/"


@dataclass(frozen=True)
class CardText:
    """What one card shows: `card` in card.svg."""

    site: str
    host: str
    kicker: str
    title_lines: tuple[str, ...]
    stat_value: str | None
    stat_label: str | None
    rtl: bool  # the title is written right to left (Arabic, Hebrew)


@dataclass(frozen=True)
class Drawn:
    relative: str  # output file, e.g. cards/guides/mlops.png
    source: Path  # the PNG in the cache
    key: bytes


def available() -> bool:
    """Whether resvg-py (guidegen[cards]) is installed."""
    return importlib.util.find_spec("resvg_py") is not None


def card_path(section: str, slug: str) -> str:
    return f"{CARD_FOLDER}{section}/{slug}.png"


def card_text(site_title: str, base_url: str, kicker: str, title: str, stat: tuple[str, str] | None = None) -> CardText:
    return CardText(
        site=site_title,
        host=(urlsplit(base_url).netloc + urlsplit(base_url).path).rstrip("/"),
        kicker=kicker,
        title_lines=wrap(title, TITLE_UNITS, TITLE_LINES),
        stat_value=stat[0] if stat else None,
        stat_label=stat[1] if stat else None,
        rtl=_right_to_left(title),
    )


def alt_text(text: CardText) -> str:
    stat = f" {text.stat_label}: {text.stat_value}." if text.stat_value and text.stat_label else ""
    return f"{text.kicker}: {' '.join(text.title_lines)}.{stat} {text.site}."


def _units(char: str) -> float:
    """The width of a character in average Latin letters: CJK and other wide characters count double."""
    return 2.0 if unicodedata.east_asian_width(char) in ("W", "F") else 1.0


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def wrap(text: str, units: float, lines: int) -> tuple[str, ...]:
    """Break text into at most `lines` lines of about `units` letters: at spaces, or between wide characters;
    what does not fit ends in an ellipsis."""
    words: list[str] = []
    for word in text.split():
        if any(_wide(char) for char in word):
            words.extend(word)  # CJK text breaks between any two characters
        else:
            words.append(word)
    result: list[str] = []
    current = ""
    for word in words:
        joiner = "" if not current or (_wide(word[0]) and _wide(current[-1])) else " "
        candidate = current + joiner + word
        if current and sum(map(_units, candidate)) > units:
            result.append(current)
            current = word
        else:
            current = candidate
    if current:
        result.append(current)
    if len(result) > lines:
        kept = result[:lines]
        kept[-1] = kept[-1].rstrip(" ,.;:") + "…"
        return tuple(kept)
    return tuple(result)


class CardPainter:
    """Draws cards into the cache folder, each once for the digest of its SVG."""

    def __init__(self, folders: list[Path], render_svg: Callable[[CardText], str]) -> None:
        self.folders = folders  # where drawn cards are kept, the first that can be written
        self.render_svg = render_svg
        self.drawn = 0  # cards drawn by this build (the others came from the cache)

    def plan(self, cards: Iterable[tuple[str, CardText]]) -> list[tuple[str, bytes, str]]:
        """(output file, key, svg) of each card: the key is the digest of what it shows."""
        planned = []
        for path, text in cards:
            svg = self.render_svg(text)
            key = digest(b"card\0" + svg.encode("utf-8"))
            planned.append((path.lstrip("/"), key, svg))
        return planned

    def source(self, key: bytes, svg: str) -> Path:
        """The PNG of a card in the cache, drawn now if it is not there."""
        name = f"{key.hex()}.png"
        for folder in self.folders:
            if (folder / name).is_file():
                return folder / name
        png = _draw(svg)
        self.drawn += 1
        failure: OSError | None = None
        for folder in self.folders:
            target = folder / name
            try:
                folder.mkdir(parents=True, exist_ok=True)
                temporary = target.with_name(f".{name}.{os.getpid()}")
                temporary.write_bytes(png)
                os.replace(temporary, target)
                return target
            except OSError as exc:
                failure = exc
        raise BuildError(f"cannot keep a drawn social card in {self.folders[-1]}: {failure}")


def cache_folders(project_cache: Path) -> list[Path]:
    """Where drawn cards are kept: the user's cache folder, then the project's build cache."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    user = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return [user / "guidegen" / "cards", project_cache / "cards"]


def _draw(svg: str) -> bytes:
    import resvg_py

    try:
        return bytes(resvg_py.svg_to_bytes(svg_string=svg, width=WIDTH, height=HEIGHT))
    except ValueError as exc:
        raise BuildError(f"cannot draw a social card from {TEMPLATE}: {exc}") from exc


@functools.cache
def warn_unavailable() -> None:
    """Said once per process: a build without resvg-py publishes pages without cards."""
    log.warning(
        "guidegen: social cards skipped: resvg-py is not installed (pip install 'guidegen[cards]'); "
        "pages share the site icon instead"
    )


def _provenance(stat: Stat) -> str:
    """Where the card's figure comes from, as the page says it: a card never shows a figure without it."""
    if stat.source is None:
        return "No source given"
    if stat.source.unsourced:
        return "Unsourced"
    as_of = f", as of {formatting.as_of(stat.as_of)}" if stat.as_of is not None else ""
    return f"Source: {stat.source.name}{as_of}"


def page_cards(pages: list[Page], site_title: str, base_url: str) -> list[tuple[int, str, CardText]]:
    """(index in pages, card path, what it shows) of every guide, career and article page."""
    found: list[tuple[int, str, CardText]] = []
    for index, page in enumerate(pages):
        if isinstance(page, GuidePage):
            meta = page.guide.meta
            stat = (
                (meta.stats[0].value, f"{meta.stats[0].label} · {_provenance(meta.stats[0])}") if meta.stats else None
            )
            text = card_text(site_title, base_url, meta.kicker, meta.title, stat)
            found.append((index, card_path("guides", page.guide.slug), text))
        elif isinstance(page, CareerPage):
            text = card_text(site_title, base_url, "Career path", page.career.meta.title)
            found.append((index, card_path("careers", page.career.slug), text))
        elif isinstance(page, ArticlePage):
            text = card_text(site_title, base_url, "Article", page.article.meta.title)
            found.append((index, card_path("articles", page.article.slug), text))
    return found
