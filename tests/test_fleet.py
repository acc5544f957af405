"""A fleet of processes on one account's budget, over real HTTP and a real redis-server.

The fake server enforces its budget per rolling window and answers 429 beyond; time is scaled
down (the budget is per second, ``period=1``) so that each test takes a few seconds.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from firstpromoter_async import RedisRateLimiter
from firstpromoter_async.testing import FakeFirstPromoter
from tests._redis import RedisServer

ROOT = Path(__file__).resolve().parent.parent


class Worker:
    """A ``tests._fleet_worker`` process: started, told to go, then read for its report."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    @classmethod
    async def start(cls, **settings: Any) -> Worker:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests._fleet_worker",
            json.dumps(settings),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            cwd=ROOT,
        )
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), 60)
        assert line.strip() == b"ready", line
        return cls(process)

    async def report(self) -> dict[str, int]:
        out, _ = await asyncio.wait_for(self.process.communicate(b"go\n"), 90)
        assert self.process.returncode == 0
        result: dict[str, int] = json.loads(out.splitlines()[-1])
        return result


def _settings(fake: FakeFirstPromoter, redis: RedisServer, **overrides: Any) -> dict[str, Any]:
    settings = {
        "api_key": fake.state.api_key,
        "account_id": fake.state.account_id,
        "base_url": fake.base_url,
        "redis_url": redis.url,
        "limiter": "redis",
        "rate": 16,
        "period": 1.0,
        "calls": 30,
        "concurrency": 4,
        "promoter_id": 1,
    }
    settings.update(overrides)
    return settings


async def _run_fleet(settings: list[dict[str, Any]]) -> list[dict[str, int]]:
    workers = [await Worker.start(**s) for s in settings]
    return list(await asyncio.gather(*(w.report() for w in workers)))


async def test_two_processes_share_one_budget(
    fake: FakeFirstPromoter, redis_server: RedisServer
) -> None:
    fake.seed_promoters(1)
    fake.state.rate_limit_per_minute = 20  # per rolling second (rate_limit_window)
    fake.state.rate_limit_window = 1.0
    # each process alone may send 16 a second: two would be 32; the shared budget keeps 16
    reports = await _run_fleet([_settings(fake, redis_server) for _ in range(2)])
    assert reports == [{"ok": 30, "429": 0, "other": 0}] * 2
    assert [r.status for r in fake.state.journal] == [200] * 60  # no window above the budget


async def test_two_processes_with_their_own_buckets_overrun_the_budget(
    fake: FakeFirstPromoter, redis_server: RedisServer
) -> None:
    # the same fleet without Redis: the server refuses part of it (this is what Redis fixes)
    fake.seed_promoters(1)
    fake.state.rate_limit_per_minute = 20
    fake.state.rate_limit_window = 1.0
    reports = await _run_fleet([_settings(fake, redis_server, limiter="local") for _ in range(2)])
    assert sum(r["429"] for r in reports) > 0
    assert sum(r["ok"] + r["429"] for r in reports) == 60


async def test_a_429_seen_by_one_process_pauses_the_other(
    fake: FakeFirstPromoter, redis_server: RedisServer
) -> None:
    fake.seed_promoters(2)
    fake.state.rate_limit_per_minute = None
    # the other process: one request after another on promoter 1, at 20 a second
    other = await Worker.start(
        **_settings(fake, redis_server, rate=20, calls=80, concurrency=1, promoter_id=1)
    )
    reporting = asyncio.ensure_future(other.report())
    for _ in range(6000):  # wait (at most a minute) until it is under way
        if len(fake.requests("GET", "/company/promoters/1")) >= 5:
            break
        await asyncio.sleep(0.01)
    # this process meets a 429 asking for 2 s on promoter 2; its retry waits for the pause
    fake.inject("/company/promoters/2", status=429, times=1, retry_after=2)
    limiter = RedisRateLimiter(
        redis_server.url, account=fake.state.account_id, requests_per_minute=20, period=1.0
    )
    async with fake.client(rate_limiter=limiter, max_retries=1) as fp:
        await fp.promoters.retrieve(2)
    await limiter.aclose()
    assert await reporting == {"ok": 80, "429": 0, "other": 0}

    paths = [r.path for r in fake.state.journal]
    refused = paths.index("/api/v2/company/promoters/2")
    retried = paths.index("/api/v2/company/promoters/2", refused + 1)
    # unpaused, the other process would have sent about 40 requests in those 2 seconds; it
    # sent at most the one in flight and the one reserved when the 429 came, and one at the
    # pause's end ahead of this process's retry
    assert retried - refused - 1 <= 3
    assert len(paths) - retried - 1 > 0  # and it went on after the pause
