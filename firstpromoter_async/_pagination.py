"""Lazy pagination: a ``list`` call returns an ``AsyncPaginator``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import msgspec

__all__ = ["AsyncPaginator", "Page", "PageFetcher"]

T = TypeVar("T")

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 100


@dataclass
class Page(Generic[T]):
    """One page of a list: its items, where it stands, and the server's ``meta`` if any."""

    data: list[T]
    page: int
    per_page: int
    meta: dict[str, Any] | None = None
    next_url: str | None = field(default=None, repr=False)
    has_links: bool = field(default=False, repr=False)

    def __iter__(self) -> Any:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    @property
    def has_next(self) -> bool:
        """Whether another page may follow (Link header, else a full page)."""
        if self.next_url is not None:
            return True
        if self.has_links:
            return False
        return len(self.data) >= self.per_page > 0


class ListEnvelope(msgspec.Struct, Generic[T]):
    """The ``{"data": [...], "meta": {...}}`` shape of a list answer."""

    data: list[T]
    meta: dict[str, Any] | None = None


PageFetcher = Callable[[int, "str | None"], Awaitable[Page[T]]]


class AsyncPaginator(Generic[T]):
    """Every item of every page, fetched lazily page by page.

    ``async for item in paginator`` walks all items; ``await paginator`` returns the first
    requested page only; ``async for page in paginator.pages()`` walks whole pages.
    """

    def __init__(self, fetch: PageFetcher[T], *, page: int, per_page: int) -> None:
        self._fetch = fetch
        self.page = page
        self.per_page = per_page

    def __await__(self) -> Generator[Any, None, Page[T]]:
        return self._fetch(self.page, None).__await__()

    async def pages(self) -> AsyncIterator[Page[T]]:
        """Each page in turn, starting at ``page``, until the last one."""
        number, url = self.page, None
        while True:
            current = await self._fetch(number, url)
            yield current
            if not current.has_next:
                return
            number, url = number + 1, current.next_url

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()

    async def _items(self) -> AsyncIterator[T]:
        async for current in self.pages():
            for item in current.data:
                yield item

    async def to_list(self) -> list[T]:
        """Every item of every page, in order."""
        return [item async for item in self]

    def __repr__(self) -> str:
        return f"AsyncPaginator(page={self.page}, per_page={self.per_page})"
