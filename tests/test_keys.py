"""Page keys of long tuples: a page's slice of programs and a column of plain values, each read in one call."""

from __future__ import annotations

from dataclasses import dataclass

from guidegen.incremental.keys import SHARED_TUPLE, PageKeys, TemplateGraph


@dataclass(frozen=True)
class Listed:
    template: str
    items: tuple[object, ...]


@dataclass(frozen=True)
class Record:
    name: str


def _keys(content: dict[int, bytes] | None = None) -> PageKeys:
    return PageKeys(TemplateGraph({}, {}), content or {}, {}, "content/site.yaml", "/")


def test_a_slice_of_content_objects_changes_key_with_any_of_their_digests_or_their_order() -> None:
    records = tuple(Record(f"r{number}") for number in range(SHARED_TUPLE + 8))
    digests = {id(record): bytes([number]) * 16 for number, record in enumerate(records)}
    sliced = _keys(digests).key(Listed("t.html", records))
    assert _keys(dict(digests)).key(Listed("t.html", records)) == sliced
    edited = dict(digests) | {id(records[3]): b"x" * 16}
    assert _keys(edited).key(Listed("t.html", records)) != sliced
    swapped = (records[1], records[0], *records[2:])
    assert _keys(digests).key(Listed("t.html", swapped)) != sliced
    # the same records unknown to the build count by their fields: another key
    assert _keys().key(Listed("t.html", records)) != sliced


def test_columns_of_plain_values_keep_every_value_apart() -> None:
    long = SHARED_TUPLE + 1
    columns: list[tuple[object, ...]] = [
        ("1",) * long,
        (1,) * long,
        (1.0,) * long,
        (True,) * long,
        (None,) * long,
        ("a", "b") + ("",) * (long - 2),
        ("a\0b",) + ("",) * (long - 1),
    ]
    keys = [_keys().key(Listed("t.html", column)) for column in columns]
    assert len(set(keys)) == len(columns)
    assert _keys().key(Listed("t.html", ("é",) * long)) == _keys().key(Listed("t.html", ("é",) * long))
