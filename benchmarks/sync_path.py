"""2. Sync path: sequential ``GET /company/promoters/{id}`` calls from blocking code.

``firstpromoter_sync`` runs the async client on an event loop thread (an anyio blocking portal)
and hands each call over to it; ``requests.Session`` is what a script would use instead. The
async client making the same calls in sequence shows what the hand-off itself costs. Each
contender makes one untimed call first (connection, and for the sync client the loop thread).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable

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
from firstpromoter_sync import FirstPromoter

__all__ = ["run"]

PROMOTERS = 100

Measure = Callable[[BenchServer, int], float]  # seconds for that many calls

SYNC = "firstpromoter_sync (FirstPromoter)"
REQUESTS = "requests.Session + json.loads"
ASYNC = "AsyncFirstPromoter, awaited in sequence"


def _ids(calls: int) -> list[int]:
    return [1 + n % PROMOTERS for n in range(calls)]


def sync_sdk(server: BenchServer, calls: int) -> float:
    with FirstPromoter(**server.sdk_settings()) as fp:
        fp.promoters.retrieve(1)
        started = time.perf_counter()
        for id in _ids(calls):
            fp.promoters.retrieve(id)
        return time.perf_counter() - started


def requests_json(server: BenchServer, calls: int) -> float:
    import requests

    with requests.Session() as session:
        session.headers.update(server.headers)
        url = server.base_url + "/company/promoters/{}"
        session.get(url.format(1)).raise_for_status()
        started = time.perf_counter()
        for id in _ids(calls):
            response = session.get(url.format(id))
            response.raise_for_status()
            json.loads(response.content)
        return time.perf_counter() - started


def async_sdk(server: BenchServer, calls: int) -> float:
    async def main() -> float:
        async with AsyncFirstPromoter(**server.sdk_settings()) as fp:
            await fp.promoters.retrieve(1)
            started = time.perf_counter()
            for id in _ids(calls):
                await fp.promoters.retrieve(id)
            return time.perf_counter() - started

    return asyncio.run(main())


def contenders() -> dict[str, Measure]:
    found: dict[str, Measure] = {SYNC: sync_sdk, ASYNC: async_sdk}
    if installed("requests"):
        found[REQUESTS] = requests_json
    return found


def run(quick: bool) -> Section:
    calls, rounds = (300, 3) if quick else (300, 7)
    found = contenders()
    with BenchServer() as server:
        server.seed(promoters=PROMOTERS)
        results = interleave(list(found), rounds, lambda name: found[name](server, calls))
    return report(results, calls, rounds)


def report(results: dict[str, list[float]], calls: int, rounds: int) -> Section:
    rows = [
        [
            name,
            describe(values),
            f"{median(values) / calls * 1e6:.0f} µs",
            f"{paired_ratio(values, results[SYNC]):.2f} {TIMES}",
        ]
        for name, values in results.items()
    ]
    return Section(
        title=f"2. Sync path: {calls} sequential calls",
        description=(
            f"Wall time for {calls} sequential `promoters.retrieve(id)` calls (or the same GET by "
            f"hand), median (min{DASH}max) of {rounds} interleaved rounds; last column: time "
            "relative to firstpromoter_sync in the same round."
        ),
        headers=["contender", "wall time", "per call", f"time {TIMES} sync SDK"],
        rows=rows,
        targets=targets(results),
        chart={name: median(values) for name, values in results.items()},
        chart_unit=f"seconds for {calls} sequential calls",
    )


def targets(results: dict[str, list[float]]) -> list[Target]:
    found = []
    if REQUESTS in results:
        ratio = paired_ratio(results[SYNC], results[REQUESTS])
        found.append(
            Target(
                f"sync: firstpromoter_sync ≤ 0.5 {TIMES} requests time",
                f"{ratio:.2f} {TIMES}",
                ratio <= 0.5,
            )
        )
    ratio = paired_ratio(results[SYNC], results[ASYNC])
    found.append(
        Target(
            f"sync: firstpromoter_sync ≤ 1.35 {TIMES} async client in sequence",
            f"{ratio:.2f} {TIMES}",
            ratio <= 1.35,
        )
    )
    return found
