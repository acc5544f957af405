"""Load: 10,000 requests at concurrency 200; several clients sharing one rate limiter."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from firstpromoter_async import TokenBucket
from firstpromoter_async.testing import FakeFirstPromoter


@pytest.fixture
async def server_process() -> AsyncIterator[str]:
    """The fake in its own process (so the client's memory is measured alone)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "firstpromoter_async.testing",
        "--port",
        "0",
        "--seed-promoters",
        "20",
        "--rate-limit",
        "0",
        stdout=subprocess.PIPE,
    )
    assert process.stdout is not None
    line = (await asyncio.wait_for(process.stdout.readline(), 20)).decode()
    try:
        yield line.split(" on ")[1].split(" ")[0]
    finally:
        process.terminate()
        await process.wait()


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="RSS is read from /proc")
async def test_10000_requests_at_concurrency_200(server_process: str) -> None:
    base_url = server_process
    client = await asyncio.create_subprocess_exec(
        sys.executable,
        str(Path(__file__).with_name("_load_client.py")),
        base_url,
        stdout=subprocess.PIPE,
    )
    output, _ = await asyncio.wait_for(client.communicate(), 120)
    assert client.returncode == 0
    result = json.loads(output)
    assert result["ok"] == result["requests_sent"] == 10_000
    assert result["retries"] == 0
    assert result["distinct_ids"] == list(range(1, 21))
    # memory stays flat: after warm-up, 4,000 more requests twice over; the second 4,000 may
    # not grow the client process by more than 5 MiB
    warm, middle, end = result["rss_kib"]
    assert end - middle < 5 * 1024, f"RSS {warm} -> {middle} -> {end} KiB"

    async with (
        aiohttp.ClientSession() as http,
        http.get(base_url.replace("/api/v2", "/_fake/requests")) as resp,
    ):
        journal = await resp.json()
    assert len(journal) == 10_000
    assert all(entry["status"] == 200 for entry in journal)
    # the connection pool (100) held: never more connections than that
    assert len({entry["peer"] for entry in journal}) <= 100


async def test_eight_clients_sharing_one_limiter_get_no_429(fake: FakeFirstPromoter) -> None:
    fake.seed_promoters(1)
    fake.state.rate_limit_per_minute = 20
    fake.state.rate_limit_window = 2.0  # the server allows 10 requests a second
    shared = TokenBucket(480, burst=1)  # all clients together: 8 a second
    clients = [fake.client(rate_limiter=shared, max_retries=0) for _ in range(8)]
    try:
        results = await asyncio.gather(
            *(c.promoters.retrieve(1) for c in clients for _ in range(4))
        )
    finally:
        await asyncio.gather(*(c.aclose() for c in clients))
    assert len(results) == 32
    assert {r.status for r in fake.state.journal} == {200}


async def test_eight_clients_each_with_its_own_limiter_are_refused(fake: FakeFirstPromoter) -> None:
    fake.seed_promoters(1)
    fake.state.rate_limit_per_minute = 20
    fake.state.rate_limit_window = 2.0
    clients = [fake.client(rate_limiter=TokenBucket(480, burst=1), max_retries=0) for _ in range(8)]
    try:
        outcomes = await asyncio.gather(
            *(c.promoters.retrieve(1) for c in clients for _ in range(4)), return_exceptions=True
        )
    finally:
        await asyncio.gather(*(c.aclose() for c in clients))
    assert any(type(o).__name__ == "RateLimitError" for o in outcomes)
