"""Front-matter fields as Hugo, Jekyll and Astro name them, and what guidegen calls the same thing."""

from __future__ import annotations

from collections.abc import Sequence

# other tools' field -> guidegen's fields that mean the same, best first (the first one the model has wins)
SAME_MEANING: dict[str, tuple[str, ...]] = {
    "description": ("summary",),
    "lastmod": ("updated",),
    "last_modified_at": ("updated",),
    "modified": ("updated",),
    "publishDate": ("publish_date", "date"),
    "pubDate": ("publish_date", "date"),
    "categories": ("category", "tags"),
    "keywords": ("tags",),
    "lang": ("language",),
}
# fields with no guidegen counterpart, and what to do instead
NO_COUNTERPART: dict[str, str] = {
    "author": "guidegen publishes every page under the site's name (site.yaml title); leave the field out",
    "authors": "guidegen publishes every page under the site's name (site.yaml title); leave the field out",
    "image": "show the image in the body with ![what it shows](/img/name.png); the file goes in static/img/",
    "cover": "show the image in the body with ![what it shows](/img/name.png); the file goes in static/img/",
    "slug": "the file name is the slug: rename the file to change the page's address",
    "url": "the file name decides the page's address: rename the file to change it",
    "permalink": "the file name decides the page's address: rename the file to change it",
    "layout": "each kind of page has its template in templates/; leave the field out",
}


def hint_for(field: str, known: Sequence[str]) -> str | None:
    """A hint for a field another generator would understand, or None."""
    for candidate in SAME_MEANING.get(field, ()):
        if candidate in known:
            return f"did you mean '{candidate}'? Hugo, Jekyll and Astro's '{field}' is guidegen's '{candidate}'"
    return NO_COUNTERPART.get(field)
