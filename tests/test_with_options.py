"""``fp.with_options(...)``: a view with its own timeout, retries and headers, sharing the rest."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from firstpromoter_async import (
    APIConnectionError,
    APITimeoutError,
    AsyncFirstPromoter,
    InternalServerError,
    InvalidRequestError,
)
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_sync import FirstPromoter

from .conftest import Caller

MakeCaller = Callable[..., Caller]


class CountingLimiter:
    def __init__(self) -> None:
        self.acquired = 0

    async def acquire(self) -> None:
        self.acquired += 1


@pytest.fixture(params=["async", "sync"])
async def make_call(
    request: pytest.FixtureRequest, fake: FakeFirstPromoter
) -> AsyncIterator[MakeCaller]:
    made: list[Caller] = []

    def make(**overrides: Any) -> Caller:
        caller = Caller(request.param, fake)
        caller._settings = lambda: fake.client_settings(**overrides)  # type: ignore[method-assign]
        made.append(caller)
        return caller

    try:
        yield make
    finally:
        for caller in made:
            await caller.aclose()


def inner(client: Any) -> AsyncFirstPromoter:
    """The async client behind a sync one (or the client itself)."""
    return client if isinstance(client, AsyncFirstPromoter) else client._async


async def test_a_short_timeout_view_times_out_where_the_client_does_not(
    make_call: MakeCaller, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(1)
    call = make_call(timeout=30)
    fake.inject("/company/promoters/1", kind="delay", delay=1.0)
    with pytest.raises(APITimeoutError):
        await call(lambda fp: fp.with_options(timeout=0.5, max_retries=0).promoters.retrieve(1))
    fake.inject("/company/promoters/1", kind="delay", delay=1.0)
    promoter = await call(lambda fp: fp.promoters.retrieve(1))
    assert promoter.id == 1


async def test_extra_headers_reach_the_wire_only_through_the_view(
    make_call: MakeCaller, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(1)
    call = make_call()
    await call(
        lambda fp: fp.with_options(extra_headers={"X-Trace-Id": "t-1"}).promoters.retrieve(1)
    )
    await call(lambda fp: fp.promoters.retrieve(1))
    await call(
        lambda fp: fp.with_options(extra_headers={"X-Trace-Id": "t-2"}).request(
            "GET", "/company/promoters/1"
        )
    )
    traces = [r.headers.get("X-Trace-Id") for r in fake.requests("GET")]
    assert traces == ["t-1", None, "t-2"]
    assert all(
        r.headers["Authorization"] == f"Bearer {fake.state.api_key}" for r in fake.requests()
    )


async def test_a_view_without_retries_does_not_retry(
    make_call: MakeCaller, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(1)
    call = make_call(max_retries=2)
    fake.inject("/company/promoters/1", status=503, retry_after=0)
    with pytest.raises(InternalServerError):
        await call(lambda fp: fp.with_options(max_retries=0).promoters.retrieve(1))
    assert len(fake.requests("GET")) == 1
    fake.inject("/company/promoters/1", status=503, retry_after=0, times=3)
    with pytest.raises(InternalServerError):
        await call(lambda fp: fp.with_options(max_retries=1).promoters.retrieve(1))
    assert len(fake.requests("GET")) == 1 + 2
    promoter = await call(lambda fp: fp.promoters.retrieve(1))  # the client still retries
    assert promoter.id == 1
    assert [r.status for r in fake.requests("GET")][3:] == [503, 200]


async def test_a_view_shares_the_connections_limiter_and_poller(
    make_call: MakeCaller, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(2)
    fake.seed_commissions(8)
    limiter = CountingLimiter()
    call = make_call(rate_limiter=limiter)
    client = call.client
    view = client.with_options(timeout=10, extra_headers={"X-View": "1"})
    assert inner(view)._transport is inner(client)._transport
    assert inner(view)._batch_poller is inner(client)._batch_poller
    assert inner(view).rate_limiter is limiter
    await call(lambda fp: fp.promoters.retrieve(1))
    await call(lambda fp: view.promoters.retrieve(2))
    result = await call(lambda fp: view.commissions.approve(ids=range(1, 9)))
    assert result.status == "completed"
    sent = fake.requests()
    assert limiter.acquired == len(sent)
    # one keep-alive connection served the client and its view alike
    assert len({r.peer for r in sent}) == 1
    assert view.requests_sent == client.requests_sent == len(sent)


async def test_closing_a_view_leaves_the_client_open_and_closing_the_client_ends_views(
    make_call: MakeCaller, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(1)
    call = make_call()
    client = call.client
    view = client.with_options(max_retries=0)
    if isinstance(client, FirstPromoter):
        await asyncio.to_thread(view.close)
    else:
        async with view:
            pass
    assert (await call(lambda fp: fp.promoters.retrieve(1))).id == 1
    assert (await call(lambda fp: view.promoters.retrieve(1))).id == 1
    await call.aclose()
    sent = len(fake.requests())
    with pytest.raises(APIConnectionError, match="closed"):
        await call(lambda fp: view.promoters.retrieve(1))
    assert len(fake.requests()) == sent


async def test_views_stack_their_options(make_call: MakeCaller, fake: FakeFirstPromoter) -> None:
    call = make_call(timeout=30, max_retries=2)
    client = call.client
    view = client.with_options(timeout=5).with_options(extra_headers={"X-A": "a"})
    assert inner(view).timeout == 5
    assert inner(view).max_retries == 2
    deeper = view.with_options(max_retries=0, extra_headers={"X-B": "b"})
    assert inner(deeper)._options.extra_headers == {"X-A": "a", "X-B": "b"}
    assert inner(deeper)._view_of is inner(client)
    assert inner(client).timeout == 30


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"timeout": 0}, "timeout"),
        ({"timeout": float("inf")}, "timeout"),
        ({"timeout": "5"}, "timeout"),
        ({"max_retries": -1}, "max_retries"),
        ({"max_retries": 1.5}, "max_retries"),
        ({"extra_headers": {"Authorization": "Bearer other"}}, "extra_headers"),
        ({"extra_headers": {"x-api-key": "other"}}, "extra_headers"),
        ({"extra_headers": {"X-Trace": "a\r\nX-Injected: 1"}}, "extra_headers"),
        ({"extra_headers": {"Bad Name": "x"}}, "extra_headers"),
        ({"extra_headers": [("X-Trace", "1")]}, "extra_headers"),
    ],
)
def test_bad_view_options_are_refused(kwargs: dict[str, Any], param: str) -> None:
    client = AsyncFirstPromoter(api_key="k", account_id="a")
    with pytest.raises(InvalidRequestError) as info:
        client.with_options(**kwargs)
    assert info.value.param == param
    with (
        FirstPromoter(api_key="k", account_id="a") as sync_client,
        pytest.raises(InvalidRequestError),
    ):
        sync_client.with_options(**kwargs)
