"""The site's own images that pages show: their size (read with Pillow) and smaller WebP variants.

Before rendering, every local image a Markdown body refers to is opened once: its width
and height go into the page (no layout shift), and WebP copies at a few widths are made
for `srcset`. Variants are cached under .guidegen-cache/images/ by the digest of the
image's bytes, so an unchanged image is never converted twice, and are published under
/variants/ like static files.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from guidegen.content.site import Document, Origin, Site
from guidegen.errors import Problems
from guidegen.memo import Memo, Recompute

VARIANT_WIDTHS = (480, 960, 1440)  # a phone, a laptop's prose column at 2x, a large screen
VARIANTS = "/variants/"
CACHE = Path(".guidegen-cache") / "images"
RASTER = (".png", ".jpg", ".jpeg", ".webp")  # what gets variants; GIFs (often animated) only get their size
MEASURED = (*RASTER, ".gif", ".bmp", ".tif", ".tiff")
WEBP_QUALITY = 80
IMAGES_KIND = "images shown"  # what the build cache files the images a page shows under
SIZES = "(min-width: 48rem) 46rem, calc(100vw - 2.5rem)"  # the prose column (.prose, .wrap padding)

_MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*<?([^)\s>]+)")
_HTML_IMAGE = re.compile(r"""<img\b[^>]*?\ssrc\s*=\s*["']?([^"'\s>]+)""", re.I)


@dataclass(frozen=True)
class Variant:
    path: str  # site path, e.g. /variants/3f2a...-480.webp
    width: int
    file: Path  # the cached file the build publishes


@dataclass(frozen=True)
class ImageInfo:
    """What a page needs to show one image well."""

    width: int
    height: int
    variants: tuple[Variant, ...] = ()

    @property
    def srcset(self) -> str:
        return ", ".join(f"{variant.path} {variant.width}w" for variant in self.variants)


def referenced(text: str, start: int = 0) -> tuple[str, ...]:
    """The site paths of the local images a Markdown text shows from start on (Markdown images and <img> tags)."""
    found = []
    for pattern in (_MARKDOWN_IMAGE, _HTML_IMAGE):
        for match in pattern.finditer(text, start):
            src = match.group(1)
            if src.startswith("/") and not src.startswith("//"):
                found.append(unquote(urlsplit(src).path))
    return tuple(found)


def read_images(site: Site, problems: Problems, memo: Memo | None = None) -> dict[str, ImageInfo]:
    """Each local image the pages show, by site path; an unreadable image is an error at its first use.

    Which images a page's body shows is recalled for a file whose text is unchanged (memo)."""
    memo = memo or Recompute()
    uses: dict[str, Origin] = {}
    documents: list[Document[Any]] = [*site.guides.values(), *site.careers.values(), *site.articles.values()]
    for document in documents:
        origin = document.origin
        shown = functools.partial(referenced, origin.text, document.body_start)
        for path in memo.recall(IMAGES_KIND, origin.name, origin.text, shown):
            uses.setdefault(path, origin)
    found: dict[str, ImageInfo] = {}
    cache = site.project.root / CACHE
    measured = [
        (path, origin, site.project.static / path.lstrip("/"))
        for path, origin in sorted(uses.items())
        if path.lower().endswith(MEASURED)
    ]
    # a missing image is the link checker's to report; SVGs need no size
    measured = [(path, origin, file) for path, origin, file in measured if file.is_file()]
    if not measured:
        return found
    from PIL import Image, UnidentifiedImageError  # 57 ms to import: only for sites that show images

    for path, origin, file in measured:
        try:
            found[path] = _image_info(file, cache)
        except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
            problems.error(
                origin.name,
                f"image {path} cannot be read: {_reason(exc)}",
                line=origin.line_of_text(path),
                field="image",
                hint=f"replace static{path} with a PNG, JPEG, WebP or GIF file",
            )
    return found


def _reason(exc: Exception) -> str:
    from PIL import UnidentifiedImageError

    if isinstance(exc, UnidentifiedImageError):
        return "not an image file Pillow recognises"
    return " ".join(str(exc).split()) or type(exc).__name__


def _image_info(file: Path, cache: Path) -> ImageInfo:
    from PIL import Image

    data = file.read_bytes()
    digest = hashlib.blake2b(data, digest_size=10).hexdigest()
    with Image.open(io.BytesIO(data)) as image:
        width, height = image.size
        if not file.name.lower().endswith(RASTER):
            image.verify()
            return ImageInfo(width, height)
        widths = [w for w in VARIANT_WIDTHS if w < width] + [width]
        variants = tuple(Variant(f"{VARIANTS}{digest}-{w}.webp", w, cache / f"{digest}-{w}.webp") for w in widths)
        missing = [variant for variant in variants if not variant.file.is_file()]
        if missing:
            image.load()
            cache.mkdir(parents=True, exist_ok=True)
            source = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
            for variant in missing:
                height_at = max(1, round(height * variant.width / width))
                resized = (
                    source
                    if variant.width == width
                    else source.resize((variant.width, height_at), Image.Resampling.LANCZOS)
                )
                partial = variant.file.with_suffix(".partial")
                resized.save(partial, "WEBP", quality=WEBP_QUALITY, method=4)
                partial.replace(variant.file)  # never a half-written variant in the cache
    return ImageInfo(width, height, variants)


def variant_files(images: dict[str, ImageInfo]) -> list[tuple[Path, str]]:
    """(cached file, output path relative to the site root) of every variant, once each."""
    files = {variant.path: variant.file for info in images.values() for variant in info.variants}
    return [(file, path.lstrip("/")) for path, file in sorted(files.items())]


def images_digest(images: dict[str, ImageInfo]) -> bytes:
    """What the pages show of the images (sizes and variants): a page showing one is rebuilt when it changes."""
    hasher = hashlib.blake2b(digest_size=16)
    for path in sorted(images):
        info = images[path]
        hasher.update(f"{path}\0{info.width}x{info.height}\0{info.srcset}\0".encode())
    return hasher.digest()
