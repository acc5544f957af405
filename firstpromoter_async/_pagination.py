"""Lazy pagination: a ``list`` call returns an ``AsyncPaginator``.

A walk fetches pages in order and may keep ``prefetch`` next pages in flight (asyncio tasks)
while the caller consumes the current one. Closing, cancelling or abandoning the walk cancels
those tasks. A walk that the server sends round in circles (a ``Link`` back to a page already
fetched, or the same items again) stops with ``APIResponseValidationError``.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Generator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import msgspec

from ._exceptions import APIResponseValidationError, InvalidRequestError

__all__ = ["AsyncPaginator", "Page", "PageFetcher", "check_prefetch"]

T = TypeVar("T")

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 100
DEFAULT_PREFETCH = 1


@dataclass
class Page(Generic[T]):
    """One page of a list.

    Attributes:
        data: the page's items.
        page: its page number (counted from the walk's first page when following links).
        per_page: the page size asked for.
        meta: the server's ``meta`` object, if the answer had one.
        has_next: whether another page may follow (see the property).
    """

    data: list[T]
    page: int
    per_page: int
    meta: dict[str, Any] | None = None
    next_url: str | None = field(default=None, repr=False)
    has_links: bool = field(default=False, repr=False)
    # where the page came from and its raw answer: to notice a walk that loops, and report it
    _url: str = field(default="", repr=False, compare=False, kw_only=True)
    _body: bytes = field(default=b"", repr=False, compare=False, kw_only=True)

    def __iter__(self) -> Any:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    @property
    def has_next(self) -> bool:
        """Whether another page may follow.

        True when the answer had a ``Link: <...>; rel="next"`` header; without any ``Link``
        header, when the page is full (a full last page costs one more, empty, request).
        """
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


def check_prefetch(prefetch: Any) -> int:
    """``prefetch`` is an integer >= 0."""
    if isinstance(prefetch, bool) or not isinstance(prefetch, int) or prefetch < 0:
        raise InvalidRequestError("prefetch", f"must be an integer >= 0, got {prefetch!r}")
    return prefetch


class AsyncPaginator(Generic[T]):
    """Every item of every page, fetched lazily page by page.

    ``async for item in paginator`` walks all items; ``await paginator.get_page()`` (or
    ``await paginator``) returns the first requested page only, in one request;
    ``async for page in paginator.pages()`` walks whole pages. Each walk keeps up to
    ``prefetch`` next pages in flight while the caller works on the current one.
    """

    def __init__(
        self,
        fetch: PageFetcher[T],
        *,
        page: int,
        per_page: int,
        prefetch: int = DEFAULT_PREFETCH,
        path: str = "",
    ) -> None:
        self._fetch = fetch
        self.page = page
        self.per_page = per_page
        self.prefetch = check_prefetch(prefetch)
        self.path = path

    def __await__(self) -> Generator[Any, None, Page[T]]:
        return self.get_page().__await__()

    async def get_page(self) -> Page[T]:
        """The first requested page (``page=``) only: one request."""
        return await self._fetch(self.page, None)

    async def pages(self) -> AsyncGenerator[Page[T], None]:
        """Each page in turn, starting at ``page``, until the last one.

        Raises:
            APIResponseValidationError: the server repeats a page instead of moving on.
        """
        walk = _Walk(self)
        try:
            while True:
                current = await walk.next_page()
                if current is None:
                    return
                yield current
        finally:
            await walk.cancel()

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()

    async def _items(self) -> AsyncIterator[T]:
        pages = self.pages()
        try:
            async for current in pages:
                for item in current.data:
                    yield item
        finally:
            # close the walk now, not whenever the page generator is collected
            await pages.aclose()

    async def to_list(self) -> list[T]:
        """Every item of every page, in order."""
        return [item async for item in self]

    def __repr__(self) -> str:
        return (
            f"AsyncPaginator(page={self.page}, per_page={self.per_page}, prefetch={self.prefetch})"
        )


class _Walk(Generic[T]):
    """One walk over the pages: what comes next, the pages in flight, and what was seen."""

    def __init__(self, paginator: AsyncPaginator[T]) -> None:
        self._fetch = paginator._fetch
        self._prefetch = paginator.prefetch
        self._path = paginator.path
        self._number = paginator.page  # the page the caller gets next
        self._url: str | None = None  # ... and its Link URL, if the last page gave one
        self._done = False
        # fetches started ahead, in page order: (number, url, task)
        self._ahead: deque[tuple[int, str | None, asyncio.Future[Page[T]]]] = deque()
        self._cancelled: list[asyncio.Future[Page[T]]] = []  # until they have ended
        self._seen_urls: set[str] = set()
        self._previous: Page[T] | None = None
        self._previous_key: list[Any] | None = None

    async def next_page(self) -> Page[T] | None:
        """The next page in order, or None after the last one."""
        if self._done:
            return None
        number, url = self._number, self._url
        current = await self._take(number, url)
        if current._url:
            self._seen_urls.add(current._url)
        self._check_repeat(current)
        if current.has_next:
            self._number, self._url = number + 1, current.next_url
            self._schedule()
        else:
            self._done = True
            self._cancel_ahead()  # so at most ``prefetch`` requests go past the last page
        return current

    async def _take(self, number: int, url: str | None) -> Page[T]:
        if url is not None:
            if url in self._seen_urls:
                raise self._loop_error(
                    f"the Link rel=next of page {number - 1} points at a page this walk "
                    "already fetched"
                )
            self._seen_urls.add(url)
        if self._ahead and self._ahead[0][:2] == (number, url):
            return await self._ahead.popleft()[2]
        self._cancel_ahead()  # fetched by number, but the server answered with a Link
        return await self._fetch(number, url)

    def _schedule(self) -> None:
        """Start the next pages: up to ``prefetch`` by number, or the one ``Link`` known."""
        if self._prefetch < 1:
            return
        if self._ahead and self._ahead[0][:2] != (self._number, self._url):
            self._cancel_ahead()
        if self._url is not None:  # a Link walk knows one next URL at a time
            if not self._ahead and self._url not in self._seen_urls:
                self._start(self._number, self._url)
            return
        following = self._ahead[-1][0] + 1 if self._ahead else self._number
        while len(self._ahead) < self._prefetch:
            self._start(following, None)
            following += 1

    def _start(self, number: int, url: str | None) -> None:
        task = asyncio.ensure_future(self._fetch(number, url))
        task.add_done_callback(_retrieve)  # a page never reached must not log its error
        self._ahead.append((number, url, task))

    def _check_repeat(self, current: Page[T]) -> None:
        """A non-empty page with the previous page's items means the server ignores paging."""
        key = _items_key(current.data) if current.data else None
        if key is not None and key == self._previous_key and self._previous is not None:
            raise self._loop_error(
                f"page {current.page} repeats the items of page {self._previous.page} "
                "(the server seems to ignore the page asked for)",
                current,
            )
        self._previous, self._previous_key = current, key

    def _loop_error(self, problem: str, page: Page[T] | None = None) -> APIResponseValidationError:
        self._done = True
        self._cancel_ahead()
        last = page or self._previous
        where = f"GET {self._path}: " if self._path else ""
        return APIResponseValidationError(
            f"{where}{problem}; stopping here instead of walking the same pages forever",
            body=last._body if last is not None else b"",
        )

    def _cancel_ahead(self) -> None:
        self._cancelled = [task for task in self._cancelled if not task.done()]
        while self._ahead:
            task = self._ahead.popleft()[2]
            task.cancel()
            self._cancelled.append(task)

    async def cancel(self) -> None:
        """Cancel the pages in flight and wait until they have ended."""
        self._done = True
        self._cancel_ahead()
        pending, self._cancelled = self._cancelled, []
        if pending:
            await asyncio.wait(pending)


def _items_key(data: list[Any]) -> list[Any]:
    """What identifies a page's items: their ids when they all have one, else the items."""
    ids = [getattr(item, "id", None) for item in data]
    return data if None in ids else ids


def _retrieve(task: asyncio.Future[Any]) -> None:
    if not task.cancelled():
        task.exception()
