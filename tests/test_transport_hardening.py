"""The transport under hostile answers: redirects, echoed keys, slow servers, a full pool,
a closed client, empty bodies, and what body-less requests put on the wire."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import aiohttp
import pytest
from aiohttp import web

from firstpromoter_async import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncFirstPromoter,
    AuthenticationError,
)
from firstpromoter_async.testing import FakeFirstPromoter

KEY = "sk_live_hostile_0123456789"
V1_KEY = "v1_hostile_9876543210"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@asynccontextmanager
async def serve(handler: Handler) -> AsyncIterator[str]:
    """Serve ``handler`` for every method and path on 127.0.0.1; yields the base URL."""
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


def client_for(base: str, **overrides: object) -> AsyncFirstPromoter:
    settings: dict[str, object] = {
        "api_key": KEY,
        "v1_api_key": V1_KEY,
        "account_id": "acc_1",
        "base_url": f"{base}/api/v2",
        "v1_base_url": f"{base}/api/v1",
        "max_retries": 0,
        "requests_per_minute": None,
    }
    settings.update(overrides)
    return AsyncFirstPromoter(**settings)  # type: ignore[arg-type]


# -- 14.1 redirects --------------------------------------------------------------------------


@pytest.mark.parametrize("status", [301, 302, 307, 308])
async def test_redirect_to_another_origin_sends_no_credentials(status: int) -> None:
    received: list[tuple[str, str, dict[str, str]]] = []

    async def other_origin(request: web.Request) -> web.Response:
        received.append((request.method, request.path, dict(request.headers)))
        return web.json_response({"id": 666, "email": "attacker@example.com"})

    async with serve(other_origin) as other:

        async def api(request: web.Request) -> web.Response:
            body = b'{"moved": true}'
            return web.Response(
                status=status, body=body, headers={"Location": f"{other}{request.path_qs}"}
            )

        async with serve(api) as base, client_for(base) as fp:
            with pytest.raises(APIStatusError) as v2_get:
                await fp.promoters.retrieve(1)
            with pytest.raises(APIStatusError) as v1_get:
                await fp.v1.promoters.retrieve(id=1)
            with pytest.raises(APIStatusError) as create:
                await fp.promoters.create(email="ann@example.com")
            with pytest.raises(APIStatusError) as v1_create:
                await fp.v1.promoters.create(email="ann@example.com")

    assert received == []  # nothing, credentials or not, reached the other origin
    for info in (v2_get, v1_get, create, v1_create):
        error = info.value
        assert type(error) is APIStatusError
        assert error.status_code == status
        assert other in error.message
        assert "not followed" in error.message
        assert error.body == b'{"moved": true}'
    assert create.value.method == "POST"


async def test_a_redirect_is_not_retried_and_a_post_is_sent_once() -> None:
    seen: list[str] = []

    async def api(request: web.Request) -> web.Response:
        seen.append(request.method)
        raise web.HTTPFound(f"{request.scheme}://{request.host}/elsewhere")

    async with serve(api) as base, client_for(base, max_retries=2) as fp:
        with pytest.raises(APIStatusError) as info:
            await fp.promoters.create(email="ann@example.com")
    assert info.value.status_code == 302
    assert seen == ["POST"]  # not replayed as a GET, not retried


# -- 14.3 echoed key in response headers -----------------------------------------------------


async def test_key_echoed_in_response_headers_is_scrubbed_from_the_error() -> None:
    async def api(request: web.Request) -> web.Response:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        return web.json_response(
            {"message": f"bad key {token}"},
            status=401,
            headers={
                "WWW-Authenticate": f'Bearer realm="api", error="invalid_token", token="{token}"',
                "X-Echo-Key": request.headers.get("x-api-key", ""),
            },
        )

    async with serve(api) as base, client_for(base) as fp:
        with pytest.raises(AuthenticationError) as v2:
            await fp.promoters.retrieve(1)
        with pytest.raises(AuthenticationError) as v1:
            await fp.v1.promoters.retrieve(id=1)

    for error in (v2.value, v1.value):
        headers = dict(error.response)
        assert headers  # the headers are kept ...
        for secret in (KEY, V1_KEY):  # ... without the key anywhere
            assert secret not in repr(headers)
            assert secret not in error.message
            assert secret.encode() not in error.body
    assert 'token="***"' in v2.value.response["WWW-Authenticate"]


# -- 14.8 timeout with a caller-owned session -------------------------------------------------


@pytest.mark.timeout(20)
async def test_timeout_applies_to_a_caller_owned_session(fake: FakeFirstPromoter) -> None:
    fake.inject("/company/promoters/1", kind="delay", delay=30)
    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=300))
    async with session, fake.client(session=session, timeout=1, max_retries=0) as fp:
        with pytest.raises(APITimeoutError):
            await fp.promoters.retrieve(1)


# -- 14.11 a closed client --------------------------------------------------------------------


@pytest.mark.parametrize("used_before", [False, True])
async def test_a_closed_client_raises_at_once_without_retrying(
    fake: FakeFirstPromoter, caplog: pytest.LogCaptureFixture, used_before: bool
) -> None:
    fake.seed_promoters(1)
    fp = fake.client()
    if used_before:
        await fp.promoters.retrieve(1)
    await fp.aclose()
    sent = len(fake.requests())
    caplog.set_level(logging.INFO, logger="firstpromoter")

    with pytest.raises(APIConnectionError) as info:
        await fp.promoters.create(email="ann@example.com")
    with pytest.raises(APIConnectionError):
        await fp.promoters.retrieve(1)

    assert type(info.value) is APIConnectionError
    assert info.value.message == "The client is closed."
    assert info.value.request_sent is False
    assert fp.retries == 0
    assert [r for r in caplog.records if "retrying" in r.getMessage()] == []
    assert len(fake.requests()) == sent


async def test_calls_queued_for_a_connection_when_the_client_closes_are_not_sent(
    fake: FakeFirstPromoter,
) -> None:
    fake.inject("/company/promoters", method="POST", kind="delay", delay=0.5)
    session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=1))
    async with session:
        fp = fake.client(session=session)
        calls = [
            asyncio.ensure_future(fp.promoters.create(email=f"p{i}@example.com")) for i in range(3)
        ]
        for _ in range(500):  # until the first create reached the server
            if fake.requests("POST", "/company/promoters"):
                break
            await asyncio.sleep(0.01)
        await fp.aclose()
        results = await asyncio.gather(*calls, return_exceptions=True)
    closed = [r for r in results if isinstance(r, APIConnectionError)]
    assert len(closed) == 2
    assert all(e.message == "The client is closed." and not e.request_sent for e in closed)
    assert len(fake.requests("POST", "/company/promoters")) == 1
    assert fp.retries == 0


# -- 14.12 waiting for a free connection ------------------------------------------------------


@pytest.mark.timeout(60)
async def test_calls_waiting_for_a_pooled_connection_are_not_timed_out_as_sent(
    fake: FakeFirstPromoter,
) -> None:
    # each create takes 1.2 s; 300 at once on 100 connections take three waves (about 3.6 s),
    # so without a wait for a free connection the third wave times out before it is sent
    fake.state.rate_limit_per_minute = None
    fake.inject("/company/promoters", method="POST", kind="delay", delay=1.2, times=300)
    async with fake.client(timeout=2.5, max_retries=0, requests_per_minute=None) as fp:
        results = await asyncio.gather(
            *(fp.promoters.create(email=f"p{i}@example.com") for i in range(300)),
            return_exceptions=True,
        )
    errors = [r for r in results if isinstance(r, BaseException)]
    assert errors == []
    creates = fake.requests("POST", "/company/promoters")
    assert len(creates) == 300
    assert len({r.peer for r in creates}) <= 100  # the pool limit held


@pytest.mark.timeout(60)
async def test_a_caller_owned_session_pool_limit_is_respected(fake: FakeFirstPromoter) -> None:
    fake.state.rate_limit_per_minute = None
    fake.inject("/company/promoters", method="POST", kind="delay", delay=1.2, times=15)
    connector = aiohttp.TCPConnector(limit=5)
    session = aiohttp.ClientSession(connector=connector)
    async with session, fake.client(session=session, timeout=2.5, max_retries=0) as fp:
        results = await asyncio.gather(
            *(fp.promoters.create(email=f"p{i}@example.com") for i in range(15)),
            return_exceptions=True,
        )
    assert [r for r in results if isinstance(r, BaseException)] == []
    assert len(fake.requests("POST", "/company/promoters")) == 15


# -- 14.18 empty bodies ------------------------------------------------------------------------


async def test_an_empty_2xx_body_where_an_object_is_expected_says_empty_body() -> None:
    async def api(request: web.Request) -> web.Response:
        if request.path.endswith("/track/sale"):
            return web.Response(status=204)
        return web.Response(status=200 if request.method == "GET" else 204, body=b"")

    async with serve(api) as base, client_for(base) as fp:
        with pytest.raises(APIResponseValidationError) as get:
            await fp.promoters.retrieve(1)
        with pytest.raises(APIResponseValidationError) as put:
            await fp.promoters.update(1, email="new@example.com")
        # a 204 that means "not a referral" stays a normal outcome
        sale = await fp.v1.tracking.sale(email="ann@example.com", event_id="e1", amount=100)

    assert sale is None
    message = str(get.value)
    assert "empty body" in message
    assert "truncated" not in message
    assert "GET /api/v2/company/promoters/1" in message
    assert "200" in message
    assert get.value.body == b""
    assert "PUT /api/v2/company/promoters/1" in str(put.value)
    assert "204" in str(put.value)
    assert put.value.status_code == 204


# -- smaller defects: what goes on the wire ----------------------------------------------------


async def test_report_download_accepts_csv(
    fake: FakeFirstPromoter, client: AsyncFirstPromoter
) -> None:
    with contextlib.suppress(APIStatusError):  # the answer does not matter, the Accept does
        await client.reports.download(
            report_type="overview",
            columns=["clicks_count"],
            group_by="day",
            start_date="2026-01-01",
            end_date="2026-01-31",
        )
    (sent,) = fake.requests("GET", "/company/reports/download")
    assert sent.headers["Accept"] == "text/csv, application/json"


async def test_bodyless_posts_carry_no_octet_stream_content_type(
    fake: FakeFirstPromoter, client: AsyncFirstPromoter
) -> None:
    operations = [
        lambda: client.emails.copy(1),
        lambda: client.emails.send_now(1),
        lambda: client.emails.send_test(1),
        lambda: client.emails.test_custom_template(),
        lambda: client.referrals.import_events(1, wait=False),
        lambda: client.webhooks.deliveries.retry(1, 1),
    ]
    for operation in operations:
        # a 404 for a missing record is fine: the request is what is checked
        with contextlib.suppress(APIStatusError):
            await operation()
    posts = fake.requests("POST")
    assert len(posts) == len(operations)
    for sent in posts:
        content_type = sent.headers.get("Content-Type")
        assert content_type in (None, "application/json"), (sent.path, content_type)
        if content_type is None:
            assert sent.body == b""
