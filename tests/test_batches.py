"""Awaiting batch processes: one shared poller, progress, cancellation."""

from __future__ import annotations

import asyncio

import pytest

from firstpromoter_async import AsyncFirstPromoter, BatchProgress
from firstpromoter_async.testing import FakeFirstPromoter


async def test_30_concurrent_waits_share_one_progress_request_per_poll(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_commissions(30 * 6)
    batches = [list(range(n * 6 + 1, n * 6 + 7)) for n in range(30)]
    results = await asyncio.gather(*(client.commissions.approve(ids=ids) for ids in batches))
    assert {r.status for r in results} == {"completed"}
    assert sorted(r.id for r in results) == list(range(1, 31))
    # every poll advanced all 30 jobs; it took batch_steps polls, one request each
    progress_requests = fake.requests("GET", "/company/batch_processes/progress")
    assert len(progress_requests) == fake.state.batch_steps == client._batch_poller.polls
    # each finished process was fetched once by id for its final state
    retrieves = [
        r
        for r in fake.state.journal
        if r.path.startswith("/api/v2/company/batch_processes/") and r.path[-1].isdigit()
    ]
    assert len(retrieves) == 30
    assert len({r.path for r in retrieves}) == 30


async def test_progress_updates_reach_the_callback(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.state.batch_steps = 4
    fake.seed_commissions(10)
    updates: list[BatchProgress] = []

    async def on_progress(update: BatchProgress) -> None:
        updates.append(update)

    await client.commissions.approve(ids=range(1, 11), on_progress=on_progress)
    assert [u.progress for u in updates] == [25, 50, 75, 100]
    assert {u.total for u in updates} == {10}
    assert updates[-1].status == "completed"
    assert updates[0].status == "in_progress"


async def test_cancelled_wait_leaves_no_poller_running(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_commissions(10)
    client._batch_poller.interval = 10
    task = asyncio.create_task(client.commissions.approve(ids=range(1, 11)))
    await asyncio.sleep(0.05)
    assert client._batch_poller._task is not None
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await asyncio.sleep(0)
    assert client._batch_poller._task is None
    assert client._batch_poller._waiters == {}
    others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    assert all(t.get_name() != "firstpromoter-batch-poller" or t.done() for t in others)


async def test_a_poll_failure_reaches_every_waiter(fake: FakeFirstPromoter) -> None:
    fake.seed_commissions(12)
    async with fake.client(max_retries=0) as fp:
        fake.inject("/company/batch_processes/progress", status=403, times=1)
        outcomes = await asyncio.gather(
            fp.commissions.approve(ids=range(1, 7)),
            fp.commissions.approve(ids=range(7, 13)),
            return_exceptions=True,
        )
    assert [type(o).__name__ for o in outcomes] == ["PermissionDeniedError"] * 2


async def test_aclose_cancels_waits(fake: FakeFirstPromoter) -> None:
    fake.seed_commissions(8)
    fp = fake.client()
    fp._batch_poller.interval = 10
    task = asyncio.create_task(fp.commissions.approve(ids=range(1, 9)))
    await asyncio.sleep(0.05)
    await fp.aclose()
    with pytest.raises(asyncio.CancelledError):
        await task
