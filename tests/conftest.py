"""Shared fixtures: the fake server over real HTTP on 127.0.0.1, and clients pointed at it."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest
from hypothesis import settings

from firstpromoter_async import AsyncFirstPromoter, AsyncPaginator
from firstpromoter_async.testing import FakeFirstPromoter, ThreadedFakeFirstPromoter

# property tests share two cores with the fake server: time each example by count, not clock
settings.register_profile("firstpromoter", deadline=None)
settings.load_profile("firstpromoter")


@pytest.fixture
async def fake() -> AsyncIterator[FakeFirstPromoter]:
    """The fake API, served from the test's own event loop."""
    async with FakeFirstPromoter() as server:
        yield server


@pytest.fixture
async def client(fake: FakeFirstPromoter) -> AsyncIterator[AsyncFirstPromoter]:
    """An async client pointed at ``fake``."""
    async with fake.client() as fp:
        yield fp


@pytest.fixture
def threaded_fake() -> Iterator[ThreadedFakeFirstPromoter]:
    """The fake API in a background thread, for plain synchronous tests."""
    with ThreadedFakeFirstPromoter() as server:
        yield server


class Caller:
    """Runs one operation through the async or the sync client and returns plain results.

    ``await call(lambda fp: fp.promoters.retrieve(1))`` works for both; a ``list`` result is
    collected into a Python list. Sync calls run in a worker thread, since the fake server
    lives in the test's event loop.
    """

    def __init__(self, kind: str, fake: FakeFirstPromoter) -> None:
        self.kind = kind
        self.fake = fake
        self._async: AsyncFirstPromoter | None = None
        self._sync: Any = None

    def _settings(self) -> dict[str, Any]:
        return self.fake.client_settings()

    @property
    def client(self) -> Any:
        if self.kind == "async":
            if self._async is None:
                self._async = AsyncFirstPromoter(**self._settings())
            return self._async
        if self._sync is None:
            from firstpromoter_sync import FirstPromoter

            self._sync = FirstPromoter(**self._settings())
        return self._sync

    async def __call__(self, operation: Callable[[Any], Any]) -> Any:
        if self.kind == "async":
            result = operation(self.client)
            if isinstance(result, AsyncPaginator):
                return await result.to_list()
            if inspect.isawaitable(result):
                return await result
            return result

        def run() -> Any:
            result = operation(self.client)
            if isinstance(result, Iterator):
                return list(result)
            return result

        return await asyncio.to_thread(run)

    async def aclose(self) -> None:
        if self._async is not None:
            await self._async.aclose()
        if self._sync is not None:
            await asyncio.to_thread(self._sync.close)


@pytest.fixture(params=["async", "sync"])
async def call(request: pytest.FixtureRequest, fake: FakeFirstPromoter) -> AsyncIterator[Caller]:
    """Each test using it runs twice: through ``AsyncFirstPromoter`` and ``FirstPromoter``."""
    caller = Caller(request.param, fake)
    try:
        yield caller
    finally:
        await caller.aclose()


@pytest.fixture
def redis_server(tmp_path: Any) -> Iterator[Any]:
    """A real ``redis-server`` on a free 127.0.0.1 port, stopped after the test.

    Skipped (with the reason) when the binary is missing on a developer's machine; the test
    fails instead when ``CI=true``.
    """
    from tests._redis import RedisServer, find_redis_server

    server = RedisServer(find_redis_server(), tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()
