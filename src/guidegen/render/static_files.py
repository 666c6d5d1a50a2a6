"""The files published as they are: static/ (the site's over the theme's) and the WebP variants of images."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from guidegen.content.site import Project
from guidegen.content.sources import is_inside
from guidegen.errors import BuildError, Problems
from guidegen.hashing import digest
from guidegen.render.environment import Renderer
from guidegen.render.images import variant_files
from guidegen.render.security_headers import HEADERS_FILE
from guidegen.render.theme import static_layers
from guidegen.structure.contexts import Page


@dataclass(frozen=True)
class StaticFile:
    path: Path
    relative: str
    key: bytes  # digest of its bytes


def static_files(project: Project, pages: list[Page], problems: Problems) -> list[StaticFile]:
    """Files under static/ (the site's, over the theme's) are copied as they are; none may take the place of a page."""
    generated = {page.output for page in pages}
    found: list[StaticFile] = []
    for relative, layer, path in static_layers(project.root).files():
        shown = layer.shown(relative, project.root)
        if not layer.is_theme and not is_inside(path, project.static):
            problems.error(shown, f"symlink points outside static/ ({os.readlink(path)})")
            continue
        if relative == HEADERS_FILE.lstrip("/"):
            problems.error(
                f"static/{relative}",
                "the build writes _headers from content/site.yaml",
                hint="delete this file; list the hosts pages may show images from in site.yaml's image_hosts",
            )
            continue
        if relative in generated:
            problems.error(shown, f"would overwrite the generated page /{relative}")
            continue
        try:
            key = digest(b"static\0" + path.read_bytes())
        except OSError as exc:
            raise BuildError(f"cannot read {path}: {exc.strerror or exc}") from exc
        found.append(StaticFile(path, relative, key))
    return found


def image_variants(renderer: Renderer) -> list[StaticFile]:
    """The WebP variants of the images pages show, published like static files (keyed by their name: a digest)."""
    return [
        StaticFile(file, relative, digest(b"variant\0" + relative.encode()))
        for file, relative in variant_files(renderer.images)
    ]
