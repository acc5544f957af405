"""``list(..., prefetch=N)``: up to N next pages in flight, items in order, nothing left running."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator
from typing import Any

import pytest

from firstpromoter_async import AsyncFirstPromoter, InvalidRequestError, NotFoundError
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_sync import FirstPromoter

from ._paging_server import PagingServer

pytestmark = pytest.mark.timeout(60)


def _fetch_tasks() -> list[asyncio.Task[Any]]:
    """Page fetches still running on this loop."""
    return [
        task
        for task in asyncio.all_tasks()
        if not task.done() and "_paginate.<locals>.fetch" in task.get_coro().__qualname__  # type: ignore[union-attr]
    ]


async def _fetch_tasks_async() -> list[asyncio.Task[Any]]:
    return _fetch_tasks()


@pytest.fixture
async def server() -> AsyncIterator[PagingServer]:
    async with PagingServer(total=20) as srv:  # 10 pages of 2
        yield srv


@pytest.fixture
async def fp(server: PagingServer) -> AsyncIterator[AsyncFirstPromoter]:
    async with AsyncFirstPromoter(**server.settings()) as client:
        yield client


async def test_n_next_pages_are_in_flight_while_the_caller_holds_one(
    server: PagingServer, fp: AsyncFirstPromoter
) -> None:
    server.hold(2, 3, 4, 5)
    pages = fp.commissions.list(per_page=2, prefetch=3).pages()

    first = await pages.__anext__()
    await server.wait_requested(4)  # pages 2, 3 and 4 asked for before the caller asks

    assert [c.id for c in first.data] == [1, 2]
    assert server.requested == [1, 2, 3, 4]
    server.release_all()
    rest = [page async for page in pages]
    assert [c.id for page in [first, *rest] for c in page.data] == list(range(1, 21))
    assert server.max_in_flight == 3
    assert server.requested[:10] == list(range(1, 11))  # asked for in page order
    assert len(server.requested) <= 10 + 3  # a short last page 10: at most 3 past it


async def test_items_stay_in_order_when_later_pages_answer_first(
    server: PagingServer, fp: AsyncFirstPromoter
) -> None:
    server.hold(2, 3, 4)
    walk = asyncio.create_task(fp.commissions.list(per_page=2, prefetch=3).to_list())
    await server.wait_requested(4)
    server.release(4)
    server.release(3)
    await asyncio.sleep(0.05)  # let pages 4 and 3 arrive first; order is checked below anyway
    server.release(2)

    items = await walk
    assert [c.id for c in items] == list(range(1, 21))


@pytest.mark.parametrize("kind", ["async", "sync"])
async def test_prefetch_zero_fetches_one_page_after_another(
    kind: str, server: PagingServer, fp: AsyncFirstPromoter
) -> None:
    server.delay = 0.01  # room for overlap, if the client made any
    if kind == "async":
        ids = [c.id async for c in fp.commissions.list(per_page=2, prefetch=0)]
    else:

        def run() -> list[int]:
            with FirstPromoter(**server.settings()) as client:
                return [c.id for c in client.commissions.list(per_page=2, prefetch=0)]

        ids = await asyncio.to_thread(run)

    assert ids == list(range(1, 21))
    assert server.max_in_flight == 1
    assert server.requested == list(range(1, 12))  # page 11 is the empty probe after 10 full


@pytest.mark.parametrize("kind", ["async", "sync"])
@pytest.mark.parametrize("count", [45, 40])
async def test_at_most_n_requests_past_the_last_page(
    kind: str, count: int, fake: FakeFirstPromoter
) -> None:
    fake.seed_commissions(count)
    if kind == "async":
        async with fake.client() as client:
            ids = [c.id async for c in client.commissions.list(per_page=10, prefetch=3)]
    else:

        def run() -> list[int]:
            with FirstPromoter(**fake.client_settings()) as client:
                return [c.id for c in client.commissions.list(per_page=10, prefetch=3)]

        ids = await asyncio.to_thread(run)

    assert ids == list(range(1, count + 1))
    needed = count // 10 + 1  # the short last page, or the empty one after a full last page
    assert needed <= len(fake.requests("GET", "/company/commissions")) <= needed + 3


async def test_a_page_ahead_that_fails_past_the_end_is_not_raised(
    server: PagingServer, fp: AsyncFirstPromoter
) -> None:
    server.total = 9  # page 5 is short
    server.past_end_status = 404  # pages 7 and on do not exist
    ids = [c.id async for c in fp.commissions.list(per_page=2, prefetch=4)]

    assert ids == list(range(1, 10))


async def test_each_page_goes_through_the_rate_limiter_and_retries(
    fake: FakeFirstPromoter,
) -> None:
    class CountingLimiter:
        def __init__(self) -> None:
            self.acquired = 0

        async def acquire(self) -> None:
            self.acquired += 1

    limiter = CountingLimiter()
    fake.seed_commissions(45)
    fake.inject("/company/commissions", kind="status", status=503, times=2)
    async with fake.client(rate_limiter=limiter) as client:
        ids = [c.id async for c in client.commissions.list(per_page=10, prefetch=3)]

    assert ids == list(range(1, 46))
    assert limiter.acquired == len(fake.requests("GET", "/company/commissions"))
    assert client._transport.retries == 2


@pytest.mark.parametrize("prefetch", [-1, 1.5, True, "2", None])
@pytest.mark.parametrize("kind", ["async", "sync"])
async def test_a_bad_prefetch_is_refused_before_anything_is_sent(
    kind: str, prefetch: Any, fake: FakeFirstPromoter
) -> None:
    if kind == "async":
        async with fake.client() as client:
            with pytest.raises(InvalidRequestError) as caught:
                client.commissions.list(prefetch=prefetch)
    else:
        with (
            FirstPromoter(**fake.client_settings()) as sync_client,
            pytest.raises(InvalidRequestError) as caught,
        ):
            sync_client.commissions.list(prefetch=prefetch)

    assert caught.value.param == "prefetch"
    assert fake.state.journal == []


# -- walks that end early cancel the pages in flight ------------------------------------------


async def test_aclose_cancels_the_pages_in_flight(
    server: PagingServer, fp: AsyncFirstPromoter
) -> None:
    server.hold(2, 3, 4)
    items = fp.commissions.list(per_page=2, prefetch=3).__aiter__()
    assert (await items.__anext__()).id == 1
    await server.wait_requested(4)
    assert len(_fetch_tasks()) == 3

    await items.aclose()  # type: ignore[attr-defined]

    assert _fetch_tasks() == []


async def test_breaking_out_of_async_for_cancels_the_pages_in_flight(
    server: PagingServer, fp: AsyncFirstPromoter
) -> None:
    server.hold(2, 3, 4)
    async for commission in fp.commissions.list(per_page=2, prefetch=3):
        await server.wait_requested(4)
        assert commission.id == 1
        break

    # the abandoned walk is closed by the loop's async generator finalizer, in a task
    for _ in range(100):
        if not _fetch_tasks():
            break
        await asyncio.sleep(0.01)
    assert _fetch_tasks() == []


async def test_cancelling_the_walking_task_cancels_the_pages_in_flight(
    server: PagingServer, fp: AsyncFirstPromoter
) -> None:
    server.hold(2, 3, 4)
    seen: list[int] = []

    async def walk() -> None:
        async for commission in fp.commissions.list(per_page=2, prefetch=3):
            seen.append(commission.id)

    task = asyncio.create_task(walk())
    await server.wait_requested(4)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    assert seen == [1, 2]
    assert _fetch_tasks() == []


async def test_a_failed_page_cancels_the_pages_in_flight(
    server: PagingServer, fp: AsyncFirstPromoter
) -> None:
    server.hold(3, 4)
    server.fail[2] = 404
    seen: list[int] = []

    async def collect() -> None:
        async for commission in fp.commissions.list(per_page=2, prefetch=3):
            seen.append(commission.id)

    with pytest.raises(NotFoundError):
        await collect()

    assert seen == [1, 2]
    assert server.requested[:2] == [1, 2]
    assert _fetch_tasks() == []


async def test_sync_close_cancels_the_pages_in_flight(server: PagingServer) -> None:
    server.hold(2, 3, 4)
    client = FirstPromoter(**server.settings())
    try:
        items = client.commissions.list(per_page=2, prefetch=3)
        first = await asyncio.to_thread(next, items)
        await server.wait_requested(4)
        running = await asyncio.to_thread(client._runner.call, _fetch_tasks_async)
        assert len(running) == 3

        await asyncio.to_thread(items.close)

        assert first.id == 1
        assert await asyncio.to_thread(client._runner.call, _fetch_tasks_async) == []
        assert await asyncio.to_thread(list, items) == []  # a closed walk yields nothing more
    finally:
        await asyncio.to_thread(client.close)


async def test_a_sync_walk_dropped_mid_page_cancels_the_pages_in_flight(
    server: PagingServer,
) -> None:
    server.hold(2, 3, 4)
    client = FirstPromoter(**server.settings())
    try:

        def start() -> int:
            items = client.commissions.list(per_page=2, prefetch=3)
            return next(items).id  # then ``items`` is dropped, mid-page

        assert await asyncio.to_thread(start) == 1
        await asyncio.to_thread(gc.collect)
        assert await asyncio.to_thread(client._runner.call, _fetch_tasks_async) == []
    finally:
        await asyncio.to_thread(client.close)
