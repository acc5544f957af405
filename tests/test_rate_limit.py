"""The client-side rate limiter: the arithmetic on a virtual clock, and a burst over HTTP."""

from __future__ import annotations

import asyncio

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
