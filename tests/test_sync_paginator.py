"""Pages on both clients: ``get_page()``, ``pages()``, ``has_next``; the sync paginator."""

from __future__ import annotations

import asyncio
import inspect
import re
import threading
from collections.abc import AsyncGenerator, Iterator

import firstpromoter_sync
from firstpromoter_async import AsyncFirstPromoter, AsyncPaginator, Page, Promoter
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_sync import FirstPromoter, SyncPaginator
from firstpromoter_sync._runner import PortalRunner


async def test_async_get_page_is_one_request(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(25)
    paginator = client.promoters.list(page=3, per_page=10)

    page = await paginator.get_page()

    assert isinstance(page, Page)
    assert [p.id for p in page.data] == list(range(21, 26))
    assert (page.page, page.per_page, page.has_next) == (3, 10, False)
    assert len(fake.state.journal) == 1


async def test_sync_get_page_is_one_request(fake: FakeFirstPromoter) -> None:
    fake.seed_promoters(25)

    def run() -> tuple[Page[Promoter], Page[Promoter]]:
        with FirstPromoter(**fake.client_settings()) as fp:
            return fp.promoters.list(per_page=10).get_page(), fp.promoters.list(
                page=3, per_page=10
            ).get_page()

    first, last = await asyncio.to_thread(run)

    assert isinstance(first, Page)
    assert [p.id for p in first.data] == list(range(1, 11))
    assert all(isinstance(p, Promoter) for p in first)
    assert (first.page, first.per_page, first.has_next) == (1, 10, True)
    assert first.meta is not None
    assert (last.page, len(last), last.has_next) == (3, 5, False)
    assert [r.query_dict()["page"] for r in fake.state.journal] == [["1"], ["3"]]


async def test_sync_pages_yields_each_page(fake: FakeFirstPromoter) -> None:
    fake.seed_promoters(25)

    def run() -> list[Page[Promoter]]:
        with FirstPromoter(**fake.client_settings()) as fp:
            return list(fp.promoters.list(per_page=10).pages())

    pages = await asyncio.to_thread(run)

    assert all(isinstance(page, Page) for page in pages)
    assert [(page.page, len(page), page.has_next) for page in pages] == [
        (1, 10, True),
        (2, 10, True),
        (3, 5, False),
    ]
    assert len(fake.state.journal) == 3


async def test_sync_list_is_still_an_iterator_over_every_item(fake: FakeFirstPromoter) -> None:
    fake.seed_promoters(25)

    def run() -> tuple[SyncPaginator[Promoter], int, list[int], list[int]]:
        with FirstPromoter(**fake.client_settings()) as fp:
            items = fp.promoters.list(per_page=10)
            first = next(items).id
            rest = [p.id for p in items]
            again = [p.id for p in fp.promoters.list(per_page=10)]
            return items, first, rest, again

    items, first, rest, again = await asyncio.to_thread(run)

    assert isinstance(items, Iterator)
    assert isinstance(items, SyncPaginator)
    assert first == 1
    assert rest == list(range(2, 26))
    assert again == list(range(1, 26))
    assert repr(items) == "SyncPaginator(page=1, per_page=10, prefetch=1)"


def test_sync_list_methods_return_the_sync_paginator_and_say_so() -> None:
    async_words = re.compile(r"async for|AsyncPaginator|\bawait(ing)?\b")
    checked = 0
    for module in _sync_resource_modules():
        for cls in vars(module).values():
            method = getattr(cls, "list", None) if inspect.isclass(cls) else None
            if method is None or cls.__module__ != module.__name__:
                continue
            returns = inspect.signature(method).return_annotation
            doc = method.__doc__ or ""
            assert str(returns).startswith("SyncPaginator["), (cls, returns)
            assert not async_words.search(doc), (cls, doc)
            assert "get_page()" in doc, (cls, doc)
            checked += 1
    assert checked >= 10
    assert "SyncPaginator" in firstpromoter_sync.__all__
    assert "Page" in firstpromoter_sync.__all__


def _sync_resource_modules() -> list[object]:
    import importlib
    import pkgutil

    import firstpromoter_sync.resources as package

    return [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
    ]


class ClosingPaginator(AsyncPaginator[int]):
    """Three pages of two numbers; records when its page generator is closed."""

    def __init__(self) -> None:
        super().__init__(self._fetch, page=1, per_page=2, prefetch=0)
        self.fetched: list[int] = []
        self.closed_on: threading.Thread | None = None

    async def _fetch(self, number: int, url: str | None) -> Page[int]:
        self.fetched.append(number)
        data = [2 * number - 1, 2 * number] if number < 3 else [5]
        return Page(data=data, page=number, per_page=2)

    async def pages(self) -> AsyncGenerator[Page[int], None]:
        try:
            async for page in super().pages():
                yield page
        finally:
            self.closed_on = threading.current_thread()


def test_an_abandoned_sync_walk_is_closed_on_the_loop() -> None:
    runner = PortalRunner()
    paginator = ClosingPaginator()
    try:
        for number in SyncPaginator(paginator, runner):
            if number == 3:
                break

        assert paginator.fetched == [1, 2]
        assert paginator.closed_on is runner.thread  # closed right away, on the loop
        assert list(SyncPaginator(ClosingPaginator(), runner)) == [1, 2, 3, 4, 5]
    finally:
        runner.close()
