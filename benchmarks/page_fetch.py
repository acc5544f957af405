"""1. Page fetch throughput: fetches of one 100-promoter page at concurrency 1, 10 and 50.

Every contender asks the same server process for ``GET /company/promoters?page=1&per_page=100``
and decodes the answer; a pool of ``concurrency`` workers shares the fetches. Connections are
opened by a warm-up (one fetch per worker) before the clock starts; every client keeps up to
100 connections alive.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import aiohttp
import msgspec

from benchmarks import _peer_msgspec
from benchmarks._machine import installed
from benchmarks._server import BenchServer
from benchmarks._stats import (
    DASH,
    TIMES,
    Section,
    Target,
    describe,
    interleave,
    median,
    paired_ratio,
)
from firstpromoter_async import AsyncFirstPromoter

__all__ = ["run"]

PATH = "/company/promoters"
PARAMS = {"page": 1, "per_page": 100}
PAGE_SIZE = 100
CONCURRENCY = (1, 10, 50)

Fetch = Callable[[], Awaitable[int]]  # one fetch; returns how many promoters it decoded
Contender = Callable[[BenchServer], AbstractAsyncContextManager[Fetch]]

SDK = "SDK (AsyncFirstPromoter)"
AIOHTTP_JSON = "aiohttp + json.loads"
AIOHTTP_MSGSPEC = "aiohttp + msgspec Structs"
HTTPX_PYDANTIC = "httpx + pydantic v2"


@asynccontextmanager
async def sdk(server: BenchServer) -> AsyncIterator[Fetch]:
    async with AsyncFirstPromoter(**server.sdk_settings()) as fp:

        async def fetch() -> int:
            page = await fp.promoters.list(page=1, per_page=PAGE_SIZE)
            return len(page.data)

        yield fetch


@asynccontextmanager
async def aiohttp_json(server: BenchServer) -> AsyncIterator[Fetch]:
    async with aiohttp.ClientSession(headers=server.headers) as session:
        url = server.base_url + PATH

        async def fetch() -> int:
            async with session.get(url, params=PARAMS) as response:
                response.raise_for_status()
                body = await response.read()
            return len(json.loads(body)["data"])

        yield fetch


@asynccontextmanager
async def aiohttp_msgspec(server: BenchServer) -> AsyncIterator[Fetch]:
    decoder = msgspec.json.Decoder(_peer_msgspec.PromoterPage)
    async with aiohttp.ClientSession(headers=server.headers) as session:
        url = server.base_url + PATH

        async def fetch() -> int:
            async with session.get(url, params=PARAMS) as response:
                response.raise_for_status()
                body = await response.read()
            return len(decoder.decode(body).data)

        yield fetch


@asynccontextmanager
async def httpx_pydantic(server: BenchServer) -> AsyncIterator[Fetch]:
    import httpx

    from benchmarks._peer_pydantic import PromoterPage

    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
    async with httpx.AsyncClient(
        base_url=server.base_url, headers=server.headers, limits=limits
    ) as client:

        async def fetch() -> int:
            response = await client.get(PATH, params=PARAMS)
            response.raise_for_status()
            return len(PromoterPage.model_validate_json(response.content).data)

        yield fetch


def contenders() -> dict[str, Contender]:
    found: dict[str, Contender] = {
        SDK: sdk,
        AIOHTTP_JSON: aiohttp_json,
        AIOHTTP_MSGSPEC: aiohttp_msgspec,
    }
    if installed("httpx") and installed("pydantic"):
        found[HTTPX_PYDANTIC] = httpx_pydantic
    return found


async def drive(fetch: Fetch, total: int, concurrency: int) -> float:
    """Seconds for ``total`` fetches by ``concurrency`` workers, after a warm-up round."""
    warm = await asyncio.gather(*(fetch() for _ in range(concurrency)))
    assert all(count == PAGE_SIZE for count in warm), warm
    remaining = total

    async def worker() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            await fetch()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - started


async def measure(contender: Contender, server: BenchServer, total: int, concurrency: int) -> float:
    async with contender(server) as fetch:
        return await drive(fetch, total, concurrency)


def run(quick: bool) -> Section:
    total, rounds = (300, 2) if quick else (2000, 5)
    found = contenders()
    results: dict[int, dict[str, list[float]]] = {}
    with BenchServer() as server:
        server.seed(promoters=PAGE_SIZE)
        for concurrency in CONCURRENCY:
            results[concurrency] = interleave(
                list(found),
                rounds,
                lambda name, c=concurrency: asyncio.run(measure(found[name], server, total, c)),
            )
    return report(results, total, rounds)


def report(results: dict[int, dict[str, list[float]]], total: int, rounds: int) -> Section:
    rows = []
    for concurrency, samples in results.items():
        for name, values in samples.items():
            ratio = paired_ratio(values, samples[SDK])
            rows.append(
                [
                    str(concurrency),
                    name,
                    describe(values),
                    f"{total / median(values):,.0f}",
                    f"{ratio:.2f} {TIMES}",
                ]
            )
    top = results[CONCURRENCY[-1]]
    return Section(
        title=f"1. Page fetch: {total:,} fetches of a {PAGE_SIZE}-promoter page",
        description=(
            f"Wall time for {total:,} fetches, median (min{DASH}max) of {rounds} interleaved "
            f"rounds; fetches/s from the median; last column: time relative to the SDK in the "
            "same round (median of per-round ratios; above 1 means slower than the SDK)."
        ),
        headers=["concurrency", "contender", "wall time", "fetches/s", f"time {TIMES} SDK"],
        rows=rows,
        targets=targets(top),
        chart={name: median(values) for name, values in top.items()},
        chart_unit=f"seconds for {total:,} fetches at concurrency {CONCURRENCY[-1]}",
    )


def targets(samples: dict[str, list[float]]) -> list[Target]:
    sdk_vs_msgspec = paired_ratio(samples[SDK], samples[AIOHTTP_MSGSPEC])
    found = [
        Target(
            f"page fetch, concurrency 50: SDK ≤ 1.10 {TIMES} aiohttp + msgspec time",
            f"{sdk_vs_msgspec:.2f} {TIMES}",
            sdk_vs_msgspec <= 1.10,
        )
    ]
    if HTTPX_PYDANTIC in samples:
        speedup = paired_ratio(samples[HTTPX_PYDANTIC], samples[SDK])
        found.append(
            Target(
                f"page fetch, concurrency 50: SDK ≥ 5 {TIMES} faster than httpx + pydantic",
                f"{speedup:.2f} {TIMES} faster",
                speedup >= 5,
            )
        )
    return found
