"""What each page is built from, reduced to one key: a page is rendered again only when its key changes.

A page's key covers
- its context (`page`), walked field by field, where each content object it reaches
  (a guide, career, article, program or salary table) counts by the digest of its source;
- its template and every template that one extends, includes or imports;
- site.yaml and the build date (`site`, `is_stale`), which every page can read.

A data file's context holds the arguments its payload is made from, so they are in its key.
Templates that reach past `page` (the `linked` global, or an object's `origin`) depend on
every source. Origins (file and line, for messages) are not
part of the key: templates must not print them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import cast

from pydantic import BaseModel

from guidegen.content.site import Document, Origin
from guidegen.render import formatting
from guidegen.render.template_facts import TemplateFacts
from guidegen.structure.contexts import Page


class TemplateGraph:
    """Each template's digest together with everything it extends, includes or imports."""

    def __init__(self, facts: Mapping[str, TemplateFacts], digests: Mapping[str, bytes]) -> None:
        self.facts = facts
        self.digests = digests
        self._closures: dict[str, tuple[bytes, bool]] = {}
        everything = hashlib.blake2b(digest_size=16)
        for name in sorted(digests):
            everything.update(name.encode() + b"\0" + digests[name])
        self._all = everything.digest()

    def closure(self, name: str) -> tuple[bytes, bool]:
        """(digest of the template and all it uses, whether any of them reads the whole site)."""
        if name not in self._closures:
            seen: set[str] = set()
            stack = [name]
            dynamic = site_wide = False
            while stack:
                current = stack.pop()
                if current in seen:
                    continue
                seen.add(current)
                facts = self.facts.get(current)
                if facts is None:
                    continue  # a missing template is reported by check_templates
                dynamic |= facts.dynamic
                site_wide |= facts.site_wide
                stack.extend(facts.references)
            if dynamic:
                self._closures[name] = (self._all, site_wide)
            else:
                hasher = hashlib.blake2b(digest_size=16)
                for used in sorted(seen):
                    hasher.update(used.encode() + b"\0" + self.digests.get(used, b"missing"))
                self._closures[name] = (hasher.digest(), site_wide)
        return self._closures[name]


class ValueDigests:
    """The digest of each page and record walked, by the object itself, kept from one build to the next
    (by a long-running server: a single build needs no more than PageKeys' own memo).

    Pages and records are never changed once made, so an object the plan hands back
    unchanged (see reuse.Reuse) has the digest it had; each object is kept with its
    digest, so that its id() cannot pass to another object meanwhile.
    """

    def __init__(self) -> None:
        self._previous: dict[int, tuple[object, bytes]] = {}
        self._current: dict[int, tuple[object, bytes]] = {}

    def start(self) -> None:
        """A new build: keep the last build's digests; forget those of the build before it."""
        self._previous, self._current = self._current, {}

    def get(self, value: object) -> bytes | None:
        found = self._current.get(id(value)) or self._previous.get(id(value))
        if found is None or found[0] is not value:
            return None
        self._current[id(value)] = found
        return found[1]

    def put(self, value: object, digest: bytes) -> None:
        self._current[id(value)] = (value, digest)


class PageKeys:
    """One key per page; equal keys mean equal output bytes."""

    def __init__(
        self,
        templates: TemplateGraph,
        content: Mapping[int, bytes],
        sources: Mapping[str, bytes],
        config: str,
        base_url: str,
        values: ValueDigests | None = None,
        assets: bytes = b"",
        switches: tuple[str, ...] = (),
    ) -> None:
        self.templates = templates
        self.content = content  # id() of each content object -> digest of its source
        self._memo: dict[int, bytes] = {}  # records live for the whole build: their ids are stable
        self._kept = values
        site = hashlib.blake2b(digest_size=16)
        for name in sorted(sources):
            site.update(name.encode() + b"\0" + sources[name])
        self._site = site.digest()
        # every page may read `site` (site.yaml, whose base_url a command-line option may replace)
        # and the build date (`is_stale`); a page body may show any of the site's images (assets: their sizes);
        # switches are what the build turns on beside site.yaml that every page shows (`search`: the header's box)
        shared = [formatting.build_date().isoformat().encode(), sources.get(config, b""), base_url.encode(), assets]
        shared += [switch.encode() for switch in switches]
        self._shared = b"\0".join(shared)

    def key(self, page: Page) -> bytes:
        hasher = hashlib.blake2b(digest_size=16)
        hasher.update(self._shared)
        hasher.update(self._value(page))
        if page.template:
            closure, site_wide = self.templates.closure(page.template)
            hasher.update(closure)
            if site_wide:
                hasher.update(self._site)
        return hasher.digest()

    def shown(self, page: Page) -> bytes:
        """The digest of what the page shows, without its templates, site.yaml or build date (see key)."""
        return self._value(page)

    def _value(self, value: object) -> bytes:
        """The digest of a content object, a page or another record a template may read."""
        known = self.content.get(id(value)) or self._memo.get(id(value))
        if known is not None:
            return known
        known = self._kept.get(value) if self._kept is not None else None
        if known is None:
            parts: list[bytes] = []
            self._fields(value, parts)
            known = hashlib.blake2b(b"".join(parts), digest_size=16).digest()
        self._memo[id(value)] = known
        if self._kept is not None:
            self._kept.put(value, known)
        return known

    def _collect(self, value: object, parts: list[bytes]) -> None:
        kind = type(value)
        if kind is str:
            text = value.encode("utf-8", "surrogatepass")  # type: ignore[attr-defined]
            parts.append(b"s%d:" % len(text))
            parts.append(text)
        elif kind is tuple and len(value) > SHARED_TUPLE:  # type: ignore[arg-type]
            parts.append(self._tuple(value))  # type: ignore[arg-type]
        elif kind is tuple or kind is list:
            parts.append(b"[%d" % len(value))  # type: ignore[arg-type]
            for item in value:  # type: ignore[attr-defined]
                self._collect(item, parts)
        elif value is None or kind is bool or kind is int or kind is float:
            parts.append(b"v" + repr(value).encode())
        elif kind is Origin or callable(value):
            parts.append(b"-")  # where a value came from; the code making a data file (in the fingerprint)
        elif kind in _RECORDS:
            parts.append(self._value(value))
        elif dataclasses.is_dataclass(value) or isinstance(value, BaseModel):
            _RECORDS.add(kind)
            parts.append(self._value(value))
        elif isinstance(value, dt.date):
            parts.append(b"d" + value.isoformat().encode())
        elif isinstance(value, str):  # Markup and other str subclasses
            self._collect(str(value), parts)
        elif isinstance(value, dict):
            parts.append(b"{%d" % len(value))
            for item_key, item in value.items():
                self._collect(item_key, parts)
                self._collect(item, parts)
        else:
            parts.append(b"r" + kind.__qualname__.encode() + repr(value).encode())

    def _tuple(self, value: tuple[object, ...]) -> bytes:
        """The digest of a long tuple, which many pages may share (a pagination's page paths: walking those on
        each of a catalog's 2,000 pages was 4 million steps), remembered for the build like a record: the
        pages hold their tuples for the whole build, so an id stays the tuple's."""
        known = self._memo.get(id(value))
        if known is None:
            parts: list[bytes]
            if set(map(type, value)) <= _PLAIN:  # a column of names or numbers: encoded in one call
                text = json.dumps(value, ensure_ascii=False, allow_nan=True).encode("utf-8", "surrogatepass")
                parts = [b"j%d:" % len(value), text]
            elif None not in (found := list(map(self.content.get, map(id, value)))):
                # a page's slice of a list of programs: what _collect makes of each, at once
                parts = [b"[%d" % len(value), *cast(list[bytes], found)]
            else:
                parts = [b"[%d" % len(value)]
                for item in value:
                    self._collect(item, parts)
            known = self._memo[id(value)] = hashlib.blake2b(b"".join(parts), digest_size=16).digest()
        return known

    def _fields(self, value: object, parts: list[bytes]) -> None:
        parts.append(type(value).__qualname__.encode())
        if isinstance(value, BaseModel):
            parts.append(value.model_dump_json().encode())
            return
        for name in _fields(type(value)):
            item = getattr(value, name)
            if type(item) is str:  # most fields: as _collect has it, without the call
                text = item.encode("utf-8", "surrogatepass")
                parts.append(b"s%d:" % len(text))
                parts.append(text)
            else:
                self._collect(item, parts)
        if isinstance(value, Document):  # its body is not a field of its own, and its origin is skipped
            self._collect(value.body, parts)


# items JSON writes one way each, and tells apart (1, 1.0, "1", true); a str subclass (Markup) counts as its text,
# as in _collect
_PLAIN = frozenset({str, int, float, bool, type(None)})
SHARED_TUPLE = 32  # items; a longer tuple is digested once a build, however many pages hold it
_RECORDS: set[type] = set()  # dataclasses and models met so far: digested as a whole and remembered
_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(cls: type) -> tuple[str, ...]:
    if cls not in _FIELDS:
        _FIELDS[cls] = tuple(item.name for item in dataclasses.fields(cls))
    return _FIELDS[cls]
