"""One client across event loops (issue 14, point 13): successive loops work, each loop's
connections are closed by its own shutdown, and concurrent loops get a clear error."""

from __future__ import annotations

import asyncio
import gc
import threading
import time
from collections.abc import Iterator

import aiohttp
import pytest

from firstpromoter_async import AsyncFirstPromoter, FirstPromoterError
from firstpromoter_async.testing import ThreadedFakeFirstPromoter


@pytest.fixture
def fake() -> Iterator[ThreadedFakeFirstPromoter]:
    with ThreadedFakeFirstPromoter() as server:
        server.seed_promoters(3)
        yield server


def test_one_client_serves_successive_asyncio_runs(fake: ThreadedFakeFirstPromoter) -> None:
    use_in_three_loops(fake)
    assert len(fake.requests("GET")) == 3
    gc.collect()  # an unclosed session or connector would warn here, failing the test


def use_in_three_loops(fake: ThreadedFakeFirstPromoter) -> None:
    fp = fake.client()
    sessions: list[aiohttp.ClientSession] = []

    async def retrieve(promoter_id: int) -> int:
        promoter = await fp.promoters.retrieve(promoter_id)
        assert fp._transport._session is not None
        sessions.append(fp._transport._session)
        return promoter.id

    assert asyncio.run(retrieve(1)) == 1
    assert asyncio.run(retrieve(2)) == 2  # RuntimeError('Event loop is closed') before

    async def last() -> int:
        async with fp:
            return await retrieve(3)

    assert asyncio.run(last()) == 3
    # each loop had its own session, closed when that loop shut down (or by aclose)
    assert len({id(s) for s in sessions}) == 3
    assert all(session.closed for session in sessions)


def test_a_client_never_closed_leaves_nothing_open_when_its_loop_ends(
    fake: ThreadedFakeFirstPromoter,
) -> None:
    async def use_and_forget() -> aiohttp.ClientSession:
        fp = fake.client()
        await fp.promoters.retrieve(1)
        assert fp._transport._session is not None
        return fp._transport._session

    session = asyncio.run(use_and_forget())
    assert session.closed
    gc.collect()


def test_a_client_in_use_on_another_threads_loop_is_refused_clearly(
    fake: ThreadedFakeFirstPromoter,
) -> None:
    fake.inject("/company/promoters/1", kind="delay", delay=1.0)
    fp = fake.client()
    outcome: list[object] = []

    def slow_call() -> None:
        async def run() -> None:
            outcome.append(await fp.promoters.retrieve(1))

        asyncio.run(run())

    worker = threading.Thread(target=slow_call)
    worker.start()
    deadline = time.monotonic() + 10
    while not fake.requests("GET") and time.monotonic() < deadline:
        time.sleep(0.01)  # until the worker's request is in flight
    assert fake.requests("GET")

    async def meanwhile() -> None:
        await fp.promoters.retrieve(2)

    with pytest.raises(FirstPromoterError, match="one event loop at a time"):
        asyncio.run(meanwhile())
    worker.join(timeout=10)
    assert len(outcome) == 1
    assert len(fake.requests("GET")) == 1  # the refused call sent nothing
    asyncio.run(fp.aclose())


def test_a_callers_session_from_another_loop_is_refused_clearly(
    fake: ThreadedFakeFirstPromoter,
) -> None:
    async def make_session() -> aiohttp.ClientSession:
        return aiohttp.ClientSession()

    loop = asyncio.new_event_loop()
    try:
        session = loop.run_until_complete(make_session())
        fp = AsyncFirstPromoter(**fake.client_settings(session=session))

        async def call() -> None:
            await fp.promoters.retrieve(1)

        with pytest.raises(FirstPromoterError, match="belongs to another event loop"):
            asyncio.run(call())
        assert fake.state.journal == []
        loop.run_until_complete(session.close())
    finally:
        loop.close()
