"""RedisRateLimiter in one process: outages, modes, keys, forks, loops; a real redis-server."""

from __future__ import annotations

import asyncio
import logging
import os
import pickle
import subprocess
import sys
from collections.abc import AsyncIterator
from typing import Any

import pytest

from firstpromoter_async import (
    AsyncFirstPromoter,
    FirstPromoterError,
    InvalidRequestError,
    RedisRateLimiter,
    RedisUnavailableError,
    TokenBucket,
)
from firstpromoter_async.testing import FakeFirstPromoter, ThreadedFakeFirstPromoter
from tests._redis import RedisServer, free_port

KEY = "firstpromoter:ratelimit:{acc_test}"


def _redis(server: RedisServer) -> Any:
    import redis

    return redis.Redis.from_url(server.url)


def _outage_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING and "did not answer the rate limiter" in r.getMessage()
    ]


@pytest.fixture
async def silent_redis() -> AsyncIterator[str]:
    """A TCP server that accepts connections and never answers: a hung Redis."""

    async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()  # until the client gives up and closes
        writer.close()

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.close()
        await server.wait_closed()


async def test_the_client_builds_a_shared_limiter_from_redis_url(
    fake: FakeFirstPromoter, redis_server: RedisServer
) -> None:
    fake.seed_promoters(1)
    async with fake.client(redis_url=redis_server.url) as fp:
        assert isinstance(fp.rate_limiter, RedisRateLimiter)
        assert fp.rate_limiter.requests_per_minute == 400
        await fp.promoters.retrieve(1)
    fields = set(_redis(redis_server).hgetall(KEY))
    assert {b"tat", b"paused"} < fields  # the schedule, and this process's presence
    assert len([name for name in fields if name.startswith(b"p:")]) == 1


async def test_firstpromoter_redis_url_in_the_environment(
    fake: FakeFirstPromoter, redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake.seed_promoters(1)
    monkeypatch.setenv("FIRSTPROMOTER_REDIS_URL", redis_server.url)
    async with fake.client() as fp:
        await fp.promoters.retrieve(1)
    assert _redis(redis_server).exists(KEY)
    # requests_per_minute=None still means no limit at all; rate_limiter= wins over the URL
    assert fake.client(requests_per_minute=None).rate_limiter is None
    bucket = TokenBucket(100)
    assert fake.client(rate_limiter=bucket).rate_limiter is bucket


async def test_a_v1_only_client_keys_on_a_hash_of_its_key(
    fake: FakeFirstPromoter, redis_server: RedisServer
) -> None:
    fake.seed_promoters(1)
    settings = fake.client_settings(redis_url=redis_server.url)
    del settings["account_id"], settings["api_key"]
    async with AsyncFirstPromoter(**settings) as fp:
        await fp.v1.promoters.retrieve(id=1)
    keys = [k.decode() for k in _redis(redis_server).keys("*")]
    assert keys
    assert all(k.startswith("firstpromoter:ratelimit:{v1-") for k in keys)
    assert not [k for k in keys if fake.state.api_key in k]


def test_the_sync_client_takes_redis_url(
    threaded_fake: ThreadedFakeFirstPromoter, redis_server: RedisServer
) -> None:
    threaded_fake.seed_promoters(1)
    with threaded_fake.sync_client(redis_url=redis_server.url) as fp:
        assert fp.promoters.retrieve(1).id == 1
    assert _redis(redis_server).exists(KEY)


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"redis_url": "http://127.0.0.1:6379"}, "redis_url"),
        ({"redis_url": "redis://127.0.0.1:6379", "requests_per_minute": None}, "redis_url"),
    ],
)
def test_bad_redis_settings_name_the_keyword(kwargs: dict[str, Any], param: str) -> None:
    with pytest.raises(InvalidRequestError) as info:
        AsyncFirstPromoter(api_key="k", account_id="1", **kwargs)
    assert info.value.param == param


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"account": ""}, "account"),
        ({"account": "a}b"}, "account"),
        ({"on_redis_error": "ignore"}, "on_redis_error"),
        ({"timeout": 0}, "timeout"),
        ({"recheck_interval": float("inf")}, "recheck_interval"),
        ({"requests_per_minute": -1}, "requests_per_minute"),
    ],
)
def test_bad_limiter_settings_name_the_keyword(kwargs: dict[str, Any], param: str) -> None:
    settings: dict[str, Any] = {"account": "1", **kwargs}
    with pytest.raises(InvalidRequestError) as info:
        RedisRateLimiter("redis://127.0.0.1:6379", **settings)
    assert info.value.param == param


async def test_redis_stopped_then_restarted(
    fake: FakeFirstPromoter, redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    fake.seed_promoters(1)
    fake.state.rate_limit_per_minute = None
    limiter = RedisRateLimiter(
        redis_server.url, account="acc_test", requests_per_minute=6000, recheck_interval=0.2
    )
    store = _redis(redis_server)
    caplog.set_level(logging.INFO, logger="firstpromoter")
    async with fake.client(rate_limiter=limiter, max_retries=0) as fp:
        for _ in range(5):
            await fp.promoters.retrieve(1)
        assert store.exists(KEY)

        redis_server.stop()
        for _ in range(30):  # calls go on, under the local limit
            await fp.promoters.retrieve(1)
        assert limiter.fallback_grants > 0
        assert len(_outage_warnings(caplog)) == 1  # one warning for the whole outage

        redis_server.start()  # empty: it keeps nothing on disk
        for _ in range(1000):  # until the limiter asks again (every 0.2 s) and finds it
            await fp.promoters.retrieve(1)
            if store.exists(KEY):
                break
        assert store.exists(KEY)  # the shared budget resumed
        assert any("answers again" in r.getMessage() for r in caplog.records)
        grants_before = limiter.fallback_grants
        for _ in range(5):
            await fp.promoters.retrieve(1)
        assert limiter.fallback_grants == grants_before

        redis_server.stop()  # a second outage: a second warning
        await fp.promoters.retrieve(1)
        assert len(_outage_warnings(caplog)) == 2
    await limiter.aclose()
    assert {r.status for r in fake.state.journal} == {200}
    assert all("***" not in m for m in _outage_warnings(caplog))


async def test_raise_mode_raises_at_once_and_sends_nothing(fake: FakeFirstPromoter) -> None:
    fake.seed_promoters(1)
    limiter = RedisRateLimiter(
        f"redis://:s3cret-pw@127.0.0.1:{free_port()}/0", account="acc_test", on_redis_error="raise"
    )
    async with fake.client(rate_limiter=limiter) as fp:
        with pytest.raises(RedisUnavailableError) as info:
            await fp.promoters.retrieve(1)
    await limiter.aclose()
    assert isinstance(info.value, FirstPromoterError)
    assert "nothing was sent" in str(info.value)
    assert "s3cret-pw" not in str(info.value) + repr(limiter)  # the URL's password stays out
    assert fake.state.journal == []
    assert info.value.__cause__ is not None
    copy = pickle.loads(pickle.dumps(info.value))
    assert (type(copy), copy.message) == (RedisUnavailableError, info.value.message)


async def test_a_hung_redis_raises_after_the_timeout(
    fake: FakeFirstPromoter, silent_redis: str
) -> None:
    fake.seed_promoters(1)
    limiter = RedisRateLimiter(
        silent_redis, account="acc_test", on_redis_error="raise", timeout=0.2
    )
    async with fake.client(rate_limiter=limiter) as fp:
        with pytest.raises(RedisUnavailableError):
            await fp.promoters.retrieve(1)
    await limiter.aclose()
    assert fake.state.journal == []


async def test_a_hung_redis_falls_back_instead_of_hanging(
    fake: FakeFirstPromoter, silent_redis: str, caplog: pytest.LogCaptureFixture
) -> None:
    fake.seed_promoters(1)
    limiter = RedisRateLimiter(silent_redis, account="acc_test", timeout=0.2)
    async with fake.client(rate_limiter=limiter) as fp:
        results = await asyncio.gather(*(fp.promoters.retrieve(1) for _ in range(20)))
    await limiter.aclose()
    assert len(results) == 20
    assert limiter.fallback_grants == 20
    assert len(_outage_warnings(caplog)) == 1


async def test_the_fallback_takes_this_process_share_of_the_budget(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    # three processes seen in the last period: each takes a third of the budget when Redis
    # goes away
    limiters = [
        RedisRateLimiter(redis_server.url, account="share", requests_per_minute=600)
        for _ in range(3)
    ]
    for limiter in [*limiters, limiters[0]]:
        await limiter.acquire()
    redis_server.stop()
    await limiters[0].acquire()
    for limiter in limiters:
        await limiter.aclose()
    [warning] = _outage_warnings(caplog)
    assert "limits itself to 200 requests per 60s" in warning


async def test_a_flushed_script_is_loaded_again(redis_server: RedisServer) -> None:
    limiter = RedisRateLimiter(redis_server.url, account="flush", requests_per_minute=6000)
    await limiter.acquire()
    _redis(redis_server).script_flush()
    for _ in range(3):
        await limiter.acquire()
    await limiter.aclose()
    assert limiter.fallback_grants == 0


def test_each_event_loop_gets_its_own_connections(redis_server: RedisServer) -> None:
    limiter = RedisRateLimiter(redis_server.url, account="loops", requests_per_minute=6000)

    async def use() -> None:
        for _ in range(3):
            await limiter.acquire()
        await limiter.aclose()

    for _ in range(3):  # e.g. successive asyncio.run calls, or the sync client's loop
        asyncio.run(use())
    assert limiter.fallback_grants == 0


def test_a_forked_child_opens_its_own_connections(redis_server: RedisServer) -> None:
    limiter = RedisRateLimiter(redis_server.url, account="fork", requests_per_minute=60_000)

    async def use(times: int) -> int:
        for _ in range(times):
            await limiter.acquire()
        return limiter.fallback_grants

    loop = asyncio.new_event_loop()
    try:
        assert loop.run_until_complete(use(5)) == 0  # the parent's connections exist
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child
            code = 1
            try:
                code = 0 if asyncio.run(use(200)) == 0 else 2
            finally:
                os._exit(code)
        assert loop.run_until_complete(use(200)) == 0
        _, status = os.waitpid(child, 0)
        loop.run_until_complete(limiter.aclose())
    finally:
        loop.close()
    assert os.waitstatus_to_exitcode(status) == 0
    # two processes registered on the account's budget: the child has an identity of its own
    assert _redis(redis_server).keys("firstpromoter:ratelimit:*") == [
        b"firstpromoter:ratelimit:{fork}"
    ]
    fields = _redis(redis_server).hkeys("firstpromoter:ratelimit:{fork}")
    assert sum(1 for name in fields if name.startswith(b"p:")) == 2  # one key per account


def test_importing_the_sdk_does_not_import_redis() -> None:
    code = (
        "import sys, firstpromoter_async, firstpromoter_sync\n"
        "firstpromoter_async.AsyncFirstPromoter(api_key='k', account_id='1')\n"
        "assert 'redis' not in sys.modules, sorted(m for m in sys.modules if 'redis' in m)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "FIRSTPROMOTER_REDIS_URL"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=60)


async def test_one_round_trip_when_idle_two_when_saturated(redis_server: RedisServer) -> None:
    store = _redis(redis_server)
    limiter = RedisRateLimiter(
        redis_server.url, account="trips", requests_per_minute=20, burst=1, period=1.0
    )
    await limiter.acquire()  # loads the script
    await asyncio.sleep(0.1)  # the next slot is free: idle

    def script_calls() -> int:
        stats = store.info("commandstats")
        return int(stats.get("cmdstat_evalsha", {}).get("calls", 0))

    store.config_resetstat()
    await limiter.acquire()
    idle = script_calls()
    store.config_resetstat()
    await limiter.acquire()  # right behind the previous one: it waits for its slot
    saturated = script_calls()
    await limiter.aclose()
    assert (idle, saturated) == (1, 2)
