"""The client-side rate limiter: the arithmetic on a virtual clock, and a burst over HTTP."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import sys
import threading
from collections.abc import Awaitable
from typing import Any

import pytest

from firstpromoter_async import (
    AsyncFirstPromoter,
    InvalidRequestError,
    PausableRateLimiter,
    RateLimitError,
    TokenBucket,
)
from firstpromoter_async.testing import FakeFirstPromoter


class VirtualClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)


def _max_in_window(times: list[float], window: float) -> int:
    best, start = 0, 0
    for end, t in enumerate(times):
        while times[start] <= t - window:
            start += 1
        best = max(best, end - start + 1)
    return best


@pytest.mark.parametrize(("rpm", "burst"), [(400, None), (60, 1), (120, 10), (1000, 50)])
async def test_no_minute_ever_sees_more_than_the_rate(rpm: int, burst: int | None) -> None:
    clock = VirtualClock()
    bucket = TokenBucket(rpm, burst=burst, clock=clock, sleep=clock.sleep)
    grants = []
    for _ in range(rpm * 3):
        await bucket.acquire()
        grants.append(clock.now)
    assert _max_in_window(grants, 60.0) <= rpm
    assert grants[bucket.burst - 1] < 1e-9  # the burst goes at once
    assert grants[-1] >= 60.0 * 2  # three minutes' worth needs at least two minutes


async def test_pause_holds_everyone_back() -> None:
    clock = VirtualClock()
    bucket = TokenBucket(600, clock=clock, sleep=clock.sleep)
    assert isinstance(bucket, PausableRateLimiter)
    bucket.pause(5.0)
    await bucket.acquire()
    assert clock.now >= 5.0


async def test_a_burst_stays_under_the_server_limit(fake: FakeFirstPromoter) -> None:
    fake.seed_promoters(1)
    fake.state.rate_limit_per_minute = 10  # per rate_limit_window seconds
    fake.state.rate_limit_window = 1.0
    # 8 per second with no burst leaves room for scheduling jitter under the server's 10
    async with fake.client(rate_limiter=TokenBucket(480, burst=1), max_retries=0) as fp:
        results = await asyncio.gather(*(fp.promoters.retrieve(1) for _ in range(25)))
    assert len(results) == 25
    assert all(r.status == 200 for r in fake.state.journal)


async def test_without_the_limiter_the_same_burst_is_refused(fake: FakeFirstPromoter) -> None:
    fake.seed_promoters(1)
    fake.state.rate_limit_per_minute = 10
    fake.state.rate_limit_window = 1.0
    async with fake.client(requests_per_minute=None, max_retries=0) as fp:
        outcomes = await asyncio.gather(
            *(fp.promoters.retrieve(1) for _ in range(25)), return_exceptions=True
        )
    refused = [o for o in outcomes if isinstance(o, RateLimitError)]
    assert len(refused) == 15
    assert refused[0].response["Retry-After"] == "1"


def test_rate_must_be_positive() -> None:
    with pytest.raises(InvalidRequestError) as info:
        AsyncFirstPromoter(api_key="k", account_id="1", requests_per_minute=0)
    assert info.value.param == "requests_per_minute"


class VirtualTime:
    """A virtual clock for many concurrent tasks: whenever every task waits, time jumps to the
    next wake-up."""

    def __init__(self) -> None:
        self.now = 0.0
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._count = 0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        future = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self.now + max(0.0, seconds), self._count, future))
        self._count += 1
        await future

    async def run(self, *coroutines: Awaitable[Any]) -> None:
        tasks = [asyncio.ensure_future(c) for c in coroutines]
        while not all(task.done() for task in tasks):
            for _ in range(5):  # let every ready task run on to its next sleep
                await asyncio.sleep(0)
            if self._sleepers:
                when, _, future = heapq.heappop(self._sleepers)
                self.now = max(self.now, when)
                future.set_result(None)
        for task in tasks:
            task.result()


@pytest.mark.parametrize("rpm", [400, 60, 120, 1000, 6000])
async def test_a_long_run_uses_at_least_97_percent_of_the_budget(rpm: int) -> None:
    clock = VirtualClock()
    bucket = TokenBucket(rpm, clock=clock, sleep=clock.sleep)
    grants = []
    while clock.now < 600.0:  # ten minutes of demand
        await bucket.acquire()
        grants.append(clock.now)
    granted = sum(1 for t in grants if t < 600.0)
    assert granted >= 0.97 * rpm * 10
    assert _max_in_window(grants, 60.0) <= rpm


async def test_a_fractional_budget_spaces_single_requests() -> None:
    clock = VirtualClock()
    bucket = TokenBucket(0.5, clock=clock, sleep=clock.sleep)
    grants = []
    for _ in range(4):
        await bucket.acquire()
        grants.append(clock.now)
    assert bucket.burst == 1
    assert grants == pytest.approx([0.0, 120.0, 240.0, 360.0])


async def test_waiters_are_requeued_after_a_pause_not_released_together() -> None:
    clock = VirtualTime()
    bucket = TokenBucket(600, clock=clock, sleep=clock.sleep)
    grants: list[float] = []

    async def waiter() -> None:
        await bucket.acquire()
        grants.append(clock.now)

    async def rate_limited_at_one_second() -> None:
        await clock.sleep(1.0)
        bucket.pause(2.0)

    await clock.run(rate_limited_at_one_second(), *(waiter() for _ in range(60)))
    assert len(grants) == 60
    assert not [t for t in grants if 1.0 < t < 3.0]  # nobody went during the pause
    after = sorted(t for t in grants if t >= 3.0)
    assert len(after) >= 20
    interval = 60.0 / (600 - bucket.burst + 1)
    gaps = [b - a for a, b in itertools.pairwise(after)]
    assert min(gaps) >= interval * 0.999  # one at a time from the pause's end: no burst
    assert _max_in_window(sorted(grants), 60.0) <= 600


def test_threads_each_with_a_loop_sharing_one_bucket_never_overgrant() -> None:
    # a frozen clock: every reservation is a distinct future slot, recorded by the sleep
    bucket_sleeps: list[float] = []

    async def record(seconds: float) -> None:
        bucket_sleeps.append(seconds)

    bucket = TokenBucket(6000, burst=1, clock=lambda: 0.0, sleep=record)
    threads, per_thread = 4, 50_000

    async def reserve_many() -> None:
        for _ in range(per_thread):
            await bucket.acquire()

    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible, mid-reservation too
    try:
        workers = [
            threading.Thread(target=asyncio.run, args=(reserve_many(),)) for _ in range(threads)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    finally:
        sys.setswitchinterval(switch)
    # the very first reservation starts at once; every other one got a slot of its own
    assert len(bucket_sleeps) == threads * per_thread - 1
    slots = sorted(bucket_sleeps)
    interval = 60.0 / (6000 * 0.999)
    assert min(b - a for a, b in itertools.pairwise(slots)) >= interval * 0.999
    assert slots[-1] == pytest.approx((threads * per_thread - 1) * interval, rel=1e-6)


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"requests_per_minute": 0}, "requests_per_minute"),
        ({"requests_per_minute": float("nan")}, "requests_per_minute"),
        ({"requests_per_minute": "400"}, "requests_per_minute"),
        ({"requests_per_minute": 400, "burst": 0}, "burst"),
        ({"requests_per_minute": 400, "burst": 401}, "burst"),
        ({"requests_per_minute": 400, "period": 0}, "period"),
    ],
)
def test_bad_settings_name_the_keyword(kwargs: dict[str, Any], param: str) -> None:
    with pytest.raises(InvalidRequestError) as info:
        TokenBucket(**kwargs)
    assert info.value.param == param
