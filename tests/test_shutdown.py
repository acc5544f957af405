"""Cancellation and shutdown leave no task running and no connection open."""

from __future__ import annotations

import asyncio
import gc

import pytest

from firstpromoter_async import APIConnectionError, AsyncFirstPromoter, FirstPromoterError
from firstpromoter_async.testing import FakeFirstPromoter, ThreadedFakeFirstPromoter


def _other_tasks() -> list[asyncio.Task[object]]:
    """Pending tasks besides this test's own and the fake server's request handlers."""
    return [
        t
        for t in asyncio.all_tasks()
        if t is not asyncio.current_task()
        and not t.done()
        and not t.get_coro().__qualname__.startswith("RequestHandler.")  # type: ignore[union-attr]
    ]


def _open_connections(client: AsyncFirstPromoter) -> int:
    session = client._transport._session
    if session is None or session.connector is None:
        return 0
    return len(session.connector._acquired)  # type: ignore[attr-defined]


async def test_cancelling_a_list_iteration(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(30)
    fake.inject("/company/promoters", kind="delay", delay=5.0, times=1)
    seen: list[int] = []

    async def walk() -> None:
        async for promoter in client.promoters.list(per_page=10):
            seen.append(promoter.id)

    task = asyncio.create_task(walk())
    await asyncio.sleep(0.2)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert seen == []
    assert _other_tasks() == []
    assert _open_connections(client) == 0


async def test_breaking_out_of_a_list_iteration(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(30)
    iterator = client.promoters.list(per_page=10).__aiter__()
    first = await iterator.__anext__()
    await iterator.aclose()  # type: ignore[attr-defined]
    assert first.id == 1
    assert len(fake.state.journal) == 1
    assert _open_connections(client) == 0


async def test_cancelling_a_retry_sleep(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(1)
    fake.inject("/company/promoters/1", status=503, retry_after=30, times=1)
    task = asyncio.create_task(client.promoters.retrieve(1))
    await asyncio.sleep(0.2)
    assert len(fake.state.journal) == 1  # sleeping before the retry
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert _other_tasks() == []
    assert _open_connections(client) == 0


async def test_cancelling_a_batch_wait(client: AsyncFirstPromoter, fake: FakeFirstPromoter) -> None:
    fake.seed_commissions(10)
    task = asyncio.create_task(client.commissions.approve(ids=range(1, 11)))
    await asyncio.sleep(0.005)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await asyncio.sleep(0)
    assert _other_tasks() == []


async def test_aclose_with_requests_in_flight_ends_them(fake: FakeFirstPromoter) -> None:
    fake.seed_promoters(1)
    fake.inject("/company/promoters/1", kind="delay", delay=5.0, times=5)
    client = fake.client(max_retries=0)
    calls = [asyncio.create_task(client.promoters.retrieve(1)) for _ in range(5)]
    await asyncio.sleep(0.2)
    await client.aclose()
    outcomes = await asyncio.wait_for(asyncio.gather(*calls, return_exceptions=True), 5)
    assert all(isinstance(o, FirstPromoterError) for o in outcomes), outcomes
    assert _other_tasks() == []
    with pytest.raises(APIConnectionError, match="closed"):
        await client.promoters.retrieve(1)


def test_sync_close_stops_its_thread(threaded_fake: ThreadedFakeFirstPromoter) -> None:
    threaded_fake.seed_promoters(1)
    fp = threaded_fake.sync_client()
    assert fp.promoters.retrieve(1).id == 1
    thread = fp._runner.thread
    assert thread is not None
    assert thread.is_alive()
    fp.close()
    assert not thread.is_alive()
    gc.collect()
