"""Long lists served a page at a time without JavaScript: page sizes, page paths and the window of page links."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
P = TypeVar("P", bound="Paging")

CATALOG_PAGE_SIZE = 50
ARTICLE_PAGE_SIZE = 50
PAGE_WINDOW = 2  # page links shown either side of the current one


@dataclass(frozen=True, kw_only=True)
class Paging:
    """One page of a long list as served without JavaScript, with the path of every page."""

    number: int  # 1-based
    total: int
    first_index: int  # 1-based position of the page's first item in the list
    last_index: int
    page_paths: tuple[str, ...]  # page n lives at page_paths[n - 1]

    @property
    def page_count(self) -> int:
        return len(self.page_paths)

    @property
    def page_window(self) -> tuple[int | None, ...]:
        """Page numbers to link: the first, the last and two either side of this one; None marks a gap."""
        near = range(max(1, self.number - PAGE_WINDOW), min(self.page_count, self.number + PAGE_WINDOW) + 1)
        shown = sorted({1, self.page_count, *near})
        window: list[int | None] = []
        previous = 0
        for number in shown:
            if number - previous == 2:  # a gap of one page: link it rather than print "…"
                window.append(previous + 1)
            elif number - previous > 2:
                window.append(None)
            window.append(number)
            previous = number
        return tuple(window)


def paginate(items: tuple[T, ...], page_size: int, page_path: Callable[[int], str], make: Callable[..., P]) -> list[P]:
    """make(slice, number=, total=, first_index=, last_index=, page_paths=) for each page of items."""
    paths = page_paths(len(items), page_size, page_path)
    return [
        make(
            items[start : start + page_size],
            number=number,
            total=len(items),
            first_index=start + 1,
            last_index=min(start + page_size, len(items)),
            page_paths=paths,
        )
        for number, start in enumerate(range(0, len(paths) * page_size, page_size), start=1)
    ]


def page_paths(total: int, page_size: int, page_path: Callable[[int], str]) -> tuple[str, ...]:
    page_count = max(1, math.ceil(total / page_size))
    return tuple(page_path(number) for number in range(1, page_count + 1))
