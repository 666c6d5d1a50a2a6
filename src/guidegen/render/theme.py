"""The default theme shipped inside the package, and a site's own templates/ and static/ laid over it.

A site folder with only content/ builds with the theme. A site that wants its own
base.html copies just that file into templates/: a file in the site's folder takes the
place of the theme's file of the same name, every other file still comes from the theme.
In a checkout of guidegen itself the theme *is* the repository's templates/ and static/
(src/guidegen/theme/ links to them), so that site has one layer, not two copies.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from guidegen.errors import display_path

THEME = Path(__file__).resolve().parent.parent / "theme"
THEME_LABEL = "guidegen theme"  # how messages name a theme file: "guidegen theme: templates/base.html"


@dataclass(frozen=True)
class Layer:
    """One folder of templates or static files: the site's own, or the theme's."""

    folder: Path
    is_theme: bool

    def shown(self, relative: str, root: Path) -> str:
        """How a message names a file of this layer."""
        if self.is_theme:
            return f"{THEME_LABEL}: {self.folder.name}/{relative}"
        return display_path(self.folder / relative, root)


@dataclass(frozen=True)
class Layers:
    """The site's folder over the theme's: the first layer holding a file wins."""

    layers: tuple[Layer, ...]
    root: Path

    @property
    def folders(self) -> list[Path]:
        return [layer.folder for layer in self.layers]

    def exists(self) -> bool:
        return any(layer.folder.is_dir() for layer in self.layers)

    def find(self, relative: str) -> tuple[Layer, Path] | None:
        """The layer a file comes from, and its path there."""
        for layer in self.layers:
            path = layer.folder / relative
            if path.is_file():
                return layer, path
        return None

    def shown(self, relative: str) -> str:
        found = self.find(relative)
        layer = found[0] if found is not None else self.layers[0]
        return layer.shown(relative, self.root)

    def owner(self, path: Path) -> Layer | None:
        """The layer a file path lies in (a template's file name in a traceback, for instance)."""
        resolved = str(path.resolve())
        for layer in self.layers:
            folder = str(layer.folder.resolve())
            if resolved == folder or resolved.startswith(folder + os.sep):
                return layer
        return None

    def files(self) -> Iterator[tuple[str, Layer, Path]]:
        """Every file by its relative name (hidden ones left out), from the layer that wins it, in name order."""
        chosen: dict[str, tuple[Layer, Path]] = {}
        for layer in reversed(self.layers):  # the theme first, so the site's files replace its entries
            if not layer.folder.is_dir():
                continue
            for path in layer.folder.rglob("*"):
                parts = path.relative_to(layer.folder).parts
                if any(part.startswith(".") for part in parts) or not path.is_file():
                    continue
                chosen["/".join(parts)] = (layer, path)
        for name in sorted(chosen):
            yield name, *chosen[name]


def _layers(own: Path, theme: Path, root: Path) -> Layers:
    site = Layer(own, is_theme=False)
    if theme.is_dir() and own.is_dir() and own.resolve() == theme.resolve():
        return Layers((site,), root)  # guidegen's own repository: the site's folder is the theme
    return Layers((site, Layer(theme, is_theme=True)), root)


def template_layers(root: Path) -> Layers:
    return _layers(root / "templates", THEME / "templates", root)


def static_layers(root: Path) -> Layers:
    return _layers(root / "static", THEME / "static", root)


def theme_folders(root: Path) -> list[Path]:
    """The theme's folders a build of the site at root reads (none when the site's folders are the theme)."""
    return [
        layer.folder
        for layers in (template_layers(root), static_layers(root))
        for layer in layers.layers
        if layer.is_theme
    ]


# The override contract: templates a site may copy and change, with the blocks and macros guidegen keeps
# from one release to the next (a change to these is a breaking change, named in the release notes).
# Everything else in the theme may change in any release; `guidegen check` reports an override that
# takes a block or macro its parent no longer has.
STABLE: dict[str, tuple[str, ...]] = {
    "base.html": ("title", "head", "main", "scripts"),
    "home.html": ("main",),
    "guide.html": ("head", "main", "scripts"),
    "guides.html": ("main",),
    "career.html": ("head", "main"),
    "careers.html": ("main",),
    "article.html": ("main",),
    "articles.html": ("main",),
    "program.html": ("main",),
    "programs.html": ("head", "main", "scripts"),
    "404.html": ("head", "main"),
    "partials/provenance.html": ("provenance",),
    "partials/program_card.html": ("program_card",),
    "partials/pagination.html": ("pagination",),
    "partials/salary.html": ("salary_tables",),
}
