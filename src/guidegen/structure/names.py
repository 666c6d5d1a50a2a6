"""Names as readers compare them: without accents or letter case."""

from __future__ import annotations

import unicodedata


def folded(name: str) -> str:
    """A name without accents or letter case: Zürich and zurich are written alike, and sort alike."""
    if name.isascii():  # nothing to decompose (a national catalog's names are mostly ASCII)
        return name.casefold()
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
