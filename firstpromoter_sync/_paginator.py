"""The blocking paginator: a ``list`` call of ``FirstPromoter`` returns a ``SyncPaginator``.

It drives the async walk (``AsyncPaginator.pages()``) on the client's event loop thread, one
page per hand-off; the pages fetched ahead (``prefetch``) keep loading on the loop while the
caller works through the current one.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Generator, Iterator
from typing import TypeVar

from firstpromoter_async import APIConnectionError, AsyncPaginator, Page

from ._runner import PortalRunner

__all__ = ["SyncPaginator"]

T = TypeVar("T")


class SyncPaginator(Iterator[T]):
    """Every item of every page, fetched lazily page by page.

    ``for item in paginator`` (or ``next(paginator)``) walks all items; ``get_page()`` returns
    the first requested page only, in one request; ``for page in paginator.pages()`` walks
    whole pages. ``close()`` ends the item walk early and cancels the pages in flight (so does
    dropping the paginator).
    """

    def __init__(self, paginator: AsyncPaginator[T], runner: PortalRunner) -> None:
        if runner.closed:  # fail now rather than at the first next()
            raise APIConnectionError("The client is closed.", request_sent=False)
        self._async = paginator
        self._runner = runner
        self._items: Generator[T, None, None] | None = None

    @property
    def page(self) -> int:
        """The first page asked for."""
        return self._async.page

    @property
    def per_page(self) -> int:
        """The page size asked for."""
        return self._async.per_page

    @property
    def prefetch(self) -> int:
        """How many next pages are kept in flight while the caller works on one."""
        return self._async.prefetch

    def __iter__(self) -> SyncPaginator[T]:
        return self

    def __next__(self) -> T:
        if self._items is None:
            self._items = _walk_items(self._async, self._runner)
        return next(self._items)

    def get_page(self) -> Page[T]:
        """The first requested page (``page=``) only: one request."""
        return self._runner.call(self._async.get_page)

    def pages(self) -> Iterator[Page[T]]:
        """Each page in turn, starting at ``page``, until the last one (a walk of its own).

        Raises:
            APIResponseValidationError: the server repeats a page instead of moving on.
        """
        return _walk_pages(self._async, self._runner)

    def close(self) -> None:
        """Stop the item walk: pages in flight are cancelled; later ``next()`` stops."""
        if self._items is None:
            self._items = _walk_items(self._async, self._runner)
        self._items.close()

    def __repr__(self) -> str:
        return (
            f"SyncPaginator(page={self.page}, per_page={self.per_page}, prefetch={self.prefetch})"
        )


# module functions, not methods: a generator holding its paginator would make a reference
# cycle, and an abandoned walk would then wait for the cyclic GC to be closed


def _walk_items(paginator: AsyncPaginator[T], runner: PortalRunner) -> Generator[T, None, None]:
    pages = _walk_pages(paginator, runner)
    try:
        for current in pages:
            yield from current.data
    finally:
        pages.close()  # closes the async walk now, not when collected


def _walk_pages(
    paginator: AsyncPaginator[T], runner: PortalRunner
) -> Generator[Page[T], None, None]:
    pages = paginator.pages()
    exhausted = False
    try:
        while True:
            current = runner.call(_next_page, pages)
            if current is None:
                exhausted = True
                return
            yield current
    finally:
        if not exhausted:
            _aclose_quietly(pages, runner)


def _aclose_quietly(pages: AsyncIterator[Page[T]], runner: PortalRunner) -> None:
    """Close an abandoned walk on the loop, which cancels the pages it has in flight."""
    aclose = getattr(pages, "aclose", None)
    # on the loop thread we cannot block (the loop's finalizer hook closes it instead);
    # a closed runner's loop already finalized its generators
    if aclose is None or runner.closed or runner.thread is None or runner.in_portal_thread():
        return
    # closed meanwhile: the loop's shutdown closes the generator
    with contextlib.suppress(APIConnectionError):
        runner.call(aclose)


async def _next_page(pages: AsyncIterator[Page[T]]) -> Page[T] | None:
    # a sentinel instead of StopAsyncIteration, which should not cross the thread boundary
    try:
        return await pages.__anext__()
    except StopAsyncIteration:
        return None
