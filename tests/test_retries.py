"""The retry policy over real HTTP: what is retried, what never is, and how long it waits."""

from __future__ import annotations

import logging
import socket

import pytest

from firstpromoter_async import (
    APIConnectionError,
    APITimeoutError,
    AsyncFirstPromoter,
    InternalServerError,
    NotFoundError,
    RateLimitError,
    RetryPolicy,
    UnprocessableEntityError,
)
from firstpromoter_async.testing import FakeFirstPromoter


@pytest.fixture
async def fast_client(fake: FakeFirstPromoter):  # type: ignore[no-untyped-def]
    async with fake.client() as fp:
        fp.retry_policy.base_delay = 0.001
        yield fp


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
async def test_get_is_retried_then_succeeds(
    fast_client: AsyncFirstPromoter, fake: FakeFirstPromoter, status: int
) -> None:
    fake.seed_promoters(1)
    fake.inject("/company/promoters/1", status=status, times=2)
    promoter = await fast_client.promoters.retrieve(1)
    assert promoter.id == 1
    assert len(fake.requests("GET", "/company/promoters/1")) == 3
    assert fast_client.retries == 2


async def test_retries_stop_after_max_retries(fake: FakeFirstPromoter) -> None:
    fake.seed_promoters(1)
    fake.inject("/company/promoters/1", status=503, times=10)
    async with fake.client(max_retries=1) as fp:
        fp.retry_policy.base_delay = 0.001
        with pytest.raises(InternalServerError) as info:
            await fp.promoters.retrieve(1)
    assert info.value.status_code == 503
    assert len(fake.requests("GET", "/company/promoters/1")) == 2


@pytest.mark.parametrize(
    ("status", "error"), [(404, NotFoundError), (422, UnprocessableEntityError)]
)
async def test_client_errors_are_never_retried(
    fast_client: AsyncFirstPromoter, fake: FakeFirstPromoter, status: int, error: type[Exception]
) -> None:
    fake.seed_promoters(1)
    fake.inject("/company/promoters/1", status=status, times=3)
    with pytest.raises(error):
        await fast_client.promoters.retrieve(1)
    assert len(fake.requests("GET", "/company/promoters/1")) == 1
    assert fast_client.retries == 0


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_create_is_not_retried_after_a_server_error(
    fast_client: AsyncFirstPromoter, fake: FakeFirstPromoter, status: int
) -> None:
    fake.inject("/company/promoters", method="POST", status=status, times=1)
    with pytest.raises(InternalServerError):
        await fast_client.promoters.create(email="ann@example.com")
    assert len(fake.requests("POST", "/company/promoters")) == 1


async def test_create_is_retried_after_429(
    fast_client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.inject("/company/promoters", method="POST", status=429, times=1, retry_after=0)
    promoter = await fast_client.promoters.create(email="ann@example.com")
    assert promoter.email == "ann@example.com"
    assert len(fake.requests("POST", "/company/promoters")) == 2
    assert len(fake.state.table("promoters")) == 1


async def test_create_is_not_retried_when_the_connection_drops_mid_request(
    fast_client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.inject("/company/commissions", method="POST", kind="reset")
    with pytest.raises(APIConnectionError) as info:
        await fast_client.commissions.create(
            commission_type="custom", promoter_campaign_id=1, amount=500
        )
    assert info.value.request_sent
    assert len(fake.requests("POST", "/company/commissions")) == 1


async def test_get_is_retried_when_the_connection_drops(
    fast_client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(1)
    fake.inject("/company/promoters/1", kind="reset")
    assert (await fast_client.promoters.retrieve(1)).id == 1
    assert len(fake.requests("GET", "/company/promoters/1")) == 2


async def test_batch_actions_are_retried_after_a_server_error(
    fast_client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_commissions(2)
    fake.inject("/company/commissions/approve", status=503, times=1)
    result = await fast_client.commissions.approve(ids=[1, 2])
    assert result.status == "completed"
    assert len(fake.requests("POST", "/company/commissions/approve")) == 2


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_refused_connection_is_retried_even_for_create() -> None:
    port = _closed_port()
    async with AsyncFirstPromoter(
        api_key="k", account_id="1", base_url=f"http://127.0.0.1:{port}/api/v2"
    ) as fp:
        fp.retry_policy.base_delay = 0.001
        with pytest.raises(APIConnectionError) as info:
            await fp.promoters.create(email="ann@example.com")
        assert not info.value.request_sent
        assert fp.retries == 2
        assert fp.requests_sent == 3


async def test_retry_after_is_honoured(
    fast_client: AsyncFirstPromoter, fake: FakeFirstPromoter, caplog: pytest.LogCaptureFixture
) -> None:
    fake.seed_promoters(1)
    fake.inject("/company/promoters/1", status=429, times=1, retry_after=0.25)
    with caplog.at_level(logging.INFO, logger="firstpromoter"):
        await fast_client.promoters.retrieve(1)
    [line] = [r.getMessage() for r in caplog.records if r.getMessage().startswith("retrying")]
    assert "in 0.25s after RateLimitError" in line


async def test_retry_after_pauses_the_rate_limiter(
    fast_client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(1)
    fake.inject("/company/promoters/1", status=429, times=1, retry_after=0.2)
    await fast_client.promoters.retrieve(1)
    bucket = fast_client.rate_limiter
    assert bucket is not None
    assert bucket._paused_until > 0  # type: ignore[attr-defined]


async def test_rate_limit_error_after_retries_carries_the_answer(fake: FakeFirstPromoter) -> None:
    fake.seed_promoters(1)
    fake.inject("/company/promoters/1", status=429, times=5, retry_after=0)
    async with fake.client(max_retries=2) as fp:
        with pytest.raises(RateLimitError) as info:
            await fp.promoters.retrieve(1)
    assert info.value.response["Retry-After"] == "0"
    assert info.value.code == "injected"


async def test_timeout_raises_api_timeout_error(fake: FakeFirstPromoter) -> None:
    fake.seed_promoters(1)
    fake.inject("/company/promoters/1", kind="delay", delay=2.0)
    async with fake.client(timeout=0.2, max_retries=0) as fp:
        with pytest.raises(APITimeoutError):
            await fp.promoters.retrieve(1)


async def test_timeout_is_retried_for_reads(fake: FakeFirstPromoter) -> None:
    fake.seed_promoters(1)
    fake.inject("/company/promoters/1", kind="delay", delay=2.0, times=1)
    async with fake.client(timeout=0.3, max_retries=1) as fp:
        fp.retry_policy.base_delay = 0.001
        assert (await fp.promoters.retrieve(1)).id == 1


def test_policy_delays() -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=8)
    error = RateLimitError("x", status_code=429, body=b"", response={"retry-after": "3"})
    assert policy.delay(0, error) == 3
    too_long = RateLimitError("x", status_code=429, body=b"", response={"retry-after": "600"})
    assert 0 <= policy.delay(0, too_long) <= 0.5
    plain = InternalServerError("x", status_code=503, body=b"")
    assert all(0 <= policy.delay(n, plain) <= min(8, 0.5 * 2**n) for n in range(8))


class _RecordingLimiter:
    """A pausable limiter that grants at once and records each pause it is told to take."""

    def __init__(self) -> None:
        self.pauses: list[float] = []

    async def acquire(self) -> None:
        return None

    def pause(self, seconds: float) -> None:
        self.pauses.append(seconds)


async def test_a_429_pauses_the_limiter_for_the_wait_actually_taken(
    fake: FakeFirstPromoter,
) -> None:
    # no Retry-After: the wait is drawn at random, once, and used for both
    fake.seed_promoters(1)
    fake.inject("/company/promoters/1", status=429, times=2)
    limiter = _RecordingLimiter()
    waits: list[float] = []
    hooks = {"retry": [lambda event: waits.append(event.wait)]}
    async with fake.client(rate_limiter=limiter, event_hooks=hooks) as fp:
        fp.retry_policy.base_delay = 0.01
        await fp.promoters.retrieve(1)
    assert len(waits) == 2
    assert limiter.pauses == waits
