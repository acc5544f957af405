"""Event hooks told about every try, and proxies (environment, ``proxy=``) over real HTTP."""

from __future__ import annotations

import asyncio
import base64
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from firstpromoter_async import (
    APIConnectionError,
    AsyncFirstPromoter,
    InvalidRequestError,
    RequestEvent,
    ResponseEvent,
    RetryEvent,
)
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_sync import FirstPromoter
from firstpromoter_sync._cli import main as cli_main


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@dataclass
class Recorder:
    """Hooks that keep every event they are given."""

    events: list[Any] = field(default_factory=list)

    def hooks(self) -> dict[str, list[Any]]:
        async def on_response(event: ResponseEvent) -> None:  # async hooks are awaited
            self.events.append(event)

        return {
            "request": [self.events.append],
            "response": [on_response],
            "retry": [self.events.append],
        }

    def of(self, kind: type) -> list[Any]:
        return [e for e in self.events if isinstance(e, kind)]


# -- 12.3 event hooks --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["async", "sync"])
async def test_hooks_see_every_try_of_a_retried_get(fake: FakeFirstPromoter, kind: str) -> None:
    fake.seed_promoters(1)
    fake.inject("/company/promoters/1", method="GET", status=503, retry_after=0)
    recorder = Recorder()
    settings = fake.client_settings(event_hooks=recorder.hooks())
    if kind == "async":
        async with AsyncFirstPromoter(**settings) as fp:
            promoter = await fp.promoters.retrieve(1)
    else:

        def run() -> Any:
            with FirstPromoter(**settings) as fp:
                return fp.promoters.retrieve(1)

        promoter = await asyncio.to_thread(run)

    assert promoter.id == 1
    assert [e.status_code for e in recorder.of(ResponseEvent)] == [503, 200]
    assert [e.attempt for e in recorder.of(RequestEvent)] == [1, 2]
    assert [e.attempt for e in recorder.of(ResponseEvent)] == [1, 2]
    (retry,) = recorder.of(RetryEvent)
    assert (retry.attempt, retry.wait, retry.reason, retry.status_code) == (1, 0, "HTTP 503", 503)
    assert [type(e).__name__ for e in recorder.events] == [
        "RequestEvent",
        "ResponseEvent",
        "RetryEvent",
        "RequestEvent",
        "ResponseEvent",
    ]
    for event in recorder.events:
        assert event.method == "GET"
        assert event.url == f"{fake.base_url}/company/promoters/1"
    assert all(e.elapsed >= 0 for e in recorder.of(ResponseEvent))


async def test_hook_urls_are_scrubbed(fake: FakeFirstPromoter) -> None:
    recorder = Recorder()
    key = fake.state.api_key
    async with fake.client(event_hooks=recorder.hooks()) as fp:
        await fp.promoters.list(q=key)  # one page
    urls = [e.url for e in recorder.events]
    assert urls
    assert all(key not in url and "***" in url for url in urls)


async def test_a_try_without_an_answer_reaches_the_response_hook() -> None:
    recorder = Recorder()
    async with AsyncFirstPromoter(
        api_key="k",
        account_id="a",
        base_url="http://127.0.0.1:9/api/v2",  # discard port: nothing listens
        max_retries=0,
        event_hooks=recorder.hooks(),
    ) as fp:
        with pytest.raises(APIConnectionError):
            await fp.promoters.retrieve(1)
    (response,) = recorder.of(ResponseEvent)
    assert (response.status_code, response.error) == (None, "APIConnectionError")


async def test_a_raising_hook_is_logged_and_does_not_break_the_call(
    fake: FakeFirstPromoter, caplog: pytest.LogCaptureFixture
) -> None:
    fake.seed_promoters(1)
    fake.inject("/company/promoters/1", method="GET", status=503, retry_after=0)
    key = fake.state.api_key

    def broken(event: object) -> None:
        raise RuntimeError(f"hook failed with {key}")

    async def broken_async(event: object) -> None:
        raise RuntimeError(f"async hook failed with {key}")

    hooks = {"request": [broken], "response": [broken_async], "retry": [broken]}
    caplog.set_level(logging.WARNING, logger="firstpromoter")
    async with fake.client(event_hooks=hooks) as fp:
        promoter = await fp.promoters.retrieve(1)

    assert promoter.id == 1
    failures = [r.getMessage() for r in caplog.records if "event hook" in r.getMessage()]
    assert len(failures) == 5  # 2 requests, 2 responses, 1 retry
    assert all(key not in message and "RuntimeError" in message for message in failures)
    assert all(key not in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    "hooks",
    [{"sent": [print]}, {"request": [42]}, {"request": print}, ["request"]],
    ids=["unknown-event", "not-callable", "not-a-list", "not-a-mapping"],
)
def test_event_hooks_are_checked_at_construction(hooks: Any) -> None:
    with pytest.raises(InvalidRequestError) as info:
        AsyncFirstPromoter(api_key="k", account_id="a", event_hooks=hooks)
    assert info.value.param == "event_hooks"


# -- 12.5 proxies ------------------------------------------------------------------------------


@dataclass
class ForwardingProxy:
    """An HTTP proxy on 127.0.0.1: takes absolute-form requests and forwards them."""

    url: str = ""
    seen: list[tuple[str, str]] = field(default_factory=list)
    credentials: list[str | None] = field(default_factory=list)


@pytest.fixture
async def proxy() -> AsyncIterator[ForwardingProxy]:
    state = ForwardingProxy()
    hop_by_hop = {
        "host",
        "connection",
        "proxy-connection",
        "proxy-authorization",
        "content-length",
        "keep-alive",
    }

    async with aiohttp.ClientSession() as upstream:  # trust_env=False: never loops back

        async def forward(request: web.Request) -> web.Response:
            target = str(request.url)
            state.seen.append((request.method, target))
            state.credentials.append(request.headers.get("Proxy-Authorization"))
            headers = {k: v for k, v in request.headers.items() if k.lower() not in hop_by_hop}
            async with upstream.request(
                request.method,
                target,
                headers=headers,
                data=await request.read(),
                allow_redirects=False,
            ) as answer:
                body = await answer.read()
                kept = {
                    k: v
                    for k, v in answer.headers.items()
                    if k.lower() not in hop_by_hop | {"transfer-encoding", "content-encoding"}
                }
                return web.Response(status=answer.status, body=body, headers=kept)

        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", forward)
        runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=0.1)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        state.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
        try:
            yield state
        finally:
            await runner.cleanup()


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No proxy variable from the machine running the tests, in either case."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch


async def test_environment_proxy_is_used(
    fake: FakeFirstPromoter, proxy: ForwardingProxy, clean_env: pytest.MonkeyPatch
) -> None:
    fake.seed_promoters(1)
    clean_env.setenv("HTTP_PROXY", proxy.url)
    async with fake.client() as fp:
        promoter = await fp.promoters.retrieve(1)
    assert promoter.id == 1
    assert proxy.seen == [("GET", f"{fake.base_url}/company/promoters/1")]
    assert len(fake.requests("GET", "/company/promoters/1")) == 1


async def test_a_proxy_without_a_scheme_and_with_credentials_is_used(
    fake: FakeFirstPromoter, proxy: ForwardingProxy, clean_env: pytest.MonkeyPatch
) -> None:
    fake.seed_promoters(1)
    clean_env.setenv("http_proxy", "ops:s3cret@" + proxy.url.removeprefix("http://"))
    async with fake.client() as fp:
        await fp.promoters.retrieve(1)
    assert proxy.seen == [("GET", f"{fake.base_url}/company/promoters/1")]
    assert proxy.credentials == [basic("ops", "s3cret")]


async def test_a_netrc_entry_for_the_api_host_does_not_break_calls(
    fake: FakeFirstPromoter, clean_env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # aiohttp's trust_env would add the netrc login and refuse our Authorization header
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1\nlogin someone\npassword else\n")
    netrc.chmod(0o600)
    clean_env.setenv("NETRC", str(netrc))
    fake.seed_promoters(1)
    async with fake.client() as fp:
        promoter = await fp.promoters.retrieve(1)
    assert promoter.id == 1
    (sent,) = fake.requests("GET", "/company/promoters/1")
    assert sent.headers["Authorization"] == f"Bearer {fake.state.api_key}"


@pytest.mark.parametrize("no_proxy", ["127.0.0.1", "localhost,127.0.0.0/8", "*"])
async def test_no_proxy_bypasses_the_environment_proxy(
    fake: FakeFirstPromoter, proxy: ForwardingProxy, clean_env: pytest.MonkeyPatch, no_proxy: str
) -> None:
    fake.seed_promoters(1)
    clean_env.setenv("HTTP_PROXY", proxy.url)
    clean_env.setenv("NO_PROXY", no_proxy)
    async with fake.client() as fp:
        await fp.promoters.retrieve(1)
    assert proxy.seen == []
    assert len(fake.requests("GET", "/company/promoters/1")) == 1


@pytest.mark.parametrize("kind", ["async", "sync"])
async def test_proxy_keyword_sends_every_request_through_the_proxy(
    fake: FakeFirstPromoter, proxy: ForwardingProxy, clean_env: pytest.MonkeyPatch, kind: str
) -> None:
    fake.seed_promoters(1)
    clean_env.setenv("NO_PROXY", "*")  # proxy= wins over the environment
    settings = fake.client_settings(proxy=proxy.url.replace("http://", "http://ops:pw@"))
    if kind == "async":
        async with AsyncFirstPromoter(**settings) as fp:
            await fp.promoters.retrieve(1)
            await fp.v1.promoters.create(email="ann@example.com")
    else:

        def run() -> None:
            with FirstPromoter(**settings) as fp:
                fp.promoters.retrieve(1)
                fp.v1.promoters.create(email="ann@example.com")

        await asyncio.to_thread(run)
    assert proxy.seen == [
        ("GET", f"{fake.base_url}/company/promoters/1"),
        ("POST", f"{fake.v1_base_url}/promoters/create"),
    ]
    assert proxy.credentials == [basic("ops", "pw")] * 2


@pytest.mark.parametrize("trust_env", [False, True])
async def test_a_caller_owned_session_keeps_its_own_trust_env(
    fake: FakeFirstPromoter,
    proxy: ForwardingProxy,
    clean_env: pytest.MonkeyPatch,
    trust_env: bool,
) -> None:
    fake.seed_promoters(1)
    clean_env.setenv("HTTP_PROXY", proxy.url)
    session = aiohttp.ClientSession(trust_env=trust_env)
    async with session, fake.client(session=session) as fp:
        await fp.promoters.retrieve(1)
    assert len(proxy.seen) == (1 if trust_env else 0)


async def test_the_cli_uses_the_environment_proxy(
    fake: FakeFirstPromoter,
    proxy: ForwardingProxy,
    clean_env: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fake.seed_promoters(2)
    settings = fake.client_settings()
    for name, key in [
        ("FIRSTPROMOTER_API_KEY", "api_key"),
        ("FIRSTPROMOTER_ACCOUNT_ID", "account_id"),
        ("FIRSTPROMOTER_BASE_URL", "base_url"),
        ("FIRSTPROMOTER_V1_BASE_URL", "v1_base_url"),
    ]:
        clean_env.setenv(name, str(settings[key]))
    clean_env.setenv("HTTP_PROXY", proxy.url)
    status = await asyncio.to_thread(cli_main, ["promoters", "list", "--json"])
    assert status == 0, capsys.readouterr().err
    assert proxy.seen
    assert all(url.startswith(fake.base_url) for _, url in proxy.seen)


@pytest.mark.parametrize("value", [123, "not a url", "ftp://127.0.0.1:1"])
def test_proxy_keyword_is_checked_without_echoing_it(value: Any) -> None:
    with pytest.raises(InvalidRequestError) as info:
        AsyncFirstPromoter(api_key="k", account_id="a", proxy=value)
    assert info.value.param == "proxy"
    assert str(value) not in str(info.value)
