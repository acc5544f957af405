"""4. Bulk approve: 10,000 pending commissions approved as concurrent batches, then awaited.

The SDK awaits every batch through one shared poller (one progress request per interval for all
of them, then one read per finished process). The naive loop, what a script would write, polls
each batch by id every interval. Both use the same poll interval; the server's batch processes
advance with time (``benchmarks._server``), so both see them finish at the same moment. Request
counts are what the server received.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp

from benchmarks._server import BenchServer
from benchmarks._stats import DASH, TIMES, Section, Target, describe, interleave, median
from firstpromoter_async import AsyncFirstPromoter

__all__ = ["run"]

COMMISSIONS = 10_000
BATCH_COUNTS = (1, 8)
POLL_INTERVAL = 0.05
TERMINAL = frozenset({"completed", "failed", "stopped"})

APPROVE = "POST /api/v2/company/commissions/approve"
PROGRESS = "GET /api/v2/company/batch_processes/progress"
BY_ID = "GET /api/v2/company/batch_processes/{id}"

SDK = "SDK: commissions.approve, shared poller"
NAIVE = "aiohttp: poll each batch by id"

Approve = Callable[[BenchServer, list[list[int]]], Awaitable[int]]  # returns ids processed


@dataclass
class Outcome:
    seconds: float
    counts: dict[str, int]
    batches: int

    @property
    def requests(self) -> int:
        return sum(self.counts.values())

    @property
    def status_requests(self) -> int:
        return self.counts.get(PROGRESS, 0) + self.counts.get(BY_ID, 0)

    @property
    def polls_per_interval(self) -> float:
        """Status requests per poll interval, beyond the one final read every batch needs."""
        return (self.status_requests - self.batches) / (self.seconds / POLL_INTERVAL)


async def sdk(server: BenchServer, chunks: list[list[int]]) -> int:
    async with AsyncFirstPromoter(**server.sdk_settings(batch_poll_interval=POLL_INTERVAL)) as fp:
        done = await asyncio.gather(*(fp.commissions.approve(ids=chunk) for chunk in chunks))
    return sum(process.processed_count or 0 for process in done)


async def naive(server: BenchServer, chunks: list[list[int]]) -> int:
    async with aiohttp.ClientSession(server.url, headers=server.headers) as session:

        async def approve(ids: list[int]) -> dict[str, Any]:
            async with session.post(
                "/api/v2/company/commissions/approve", json={"ids": ids}
            ) as response:
                response.raise_for_status()
                process: dict[str, Any] = json.loads(await response.read())
            while process["status"] not in TERMINAL:
                await asyncio.sleep(POLL_INTERVAL)
                async with session.get(
                    f"/api/v2/company/batch_processes/{process['id']}"
                ) as response:
                    response.raise_for_status()
                    process = json.loads(await response.read())
            return process

        done = await asyncio.gather(*(approve(chunk) for chunk in chunks))
    return sum(process["processed_count"] for process in done)


CONTENDERS: dict[str, Approve] = {SDK: sdk, NAIVE: naive}


def measure(server: BenchServer, approve: Approve, batches: int) -> Outcome:
    server.seed(commissions=COMMISSIONS)
    ids = list(range(1, COMMISSIONS + 1))
    size = -(-COMMISSIONS // batches)
    chunks = [ids[start : start + size] for start in range(0, COMMISSIONS, size)]
    server.reset_counts()
    started = time.perf_counter()
    processed = asyncio.run(approve(server, chunks))
    seconds = time.perf_counter() - started
    assert processed == COMMISSIONS, processed
    return Outcome(seconds, server.counts(), batches)


def case(name: str, batches: int) -> str:
    """The label of one contender at one batch count."""
    return f"{name}, {batches} batch{'es' if batches > 1 else ''}"


CASES = {case(name, n): (name, n) for n in BATCH_COUNTS for name in CONTENDERS}


def run(quick: bool) -> Section:
    rounds = 2 if quick else 3
    with BenchServer() as server:

        def one(label: str) -> Outcome:
            name, batches = CASES[label]
            return measure(server, CONTENDERS[name], batches)

        results = interleave(list(CASES), rounds, one)
    return report(results, rounds)


def _median_count(outcomes: list[Outcome], key: str) -> str:
    return f"{median([o.counts.get(key, 0) for o in outcomes]):g}"


def report(results: dict[str, list[Outcome]], rounds: int) -> Section:
    rows = []
    for label, outcomes in results.items():
        name, batches = CASES[label]
        rows.append(
            [
                name,
                str(batches),
                f"{median([o.requests for o in outcomes]):g}",
                _median_count(outcomes, PROGRESS),
                _median_count(outcomes, BY_ID),
                describe([o.seconds for o in outcomes]),
                f"{median([o.polls_per_interval for o in outcomes]):.2f}",
            ]
        )
    return Section(
        title=f"4. Bulk approve: {COMMISSIONS:,} pending commissions",
        description=(
            f"Approved as 1 or 8 concurrent batches and awaited, poll interval "
            f"{POLL_INTERVAL * 1000:g} ms for both; each batch process takes about 1 s on the "
            f"server. Medians of {rounds} interleaved rounds (wall: median, min{DASH}max). Polls "
            "per interval: status requests (progress + by id) beyond one final read per batch, "
            "per poll interval of wall time."
        ),
        headers=[
            "contender",
            "batches",
            "requests",
            "progress GETs",
            "GETs by id",
            "wall time",
            "polls / interval",
        ],
        rows=rows,
        targets=targets(results),
        chart={label: median([o.status_requests for o in v]) for label, v in results.items()},
        chart_unit="status requests (progress + by id)",
    )


def targets(results: dict[str, list[Outcome]]) -> list[Target]:
    low, high = BATCH_COUNTS[0], BATCH_COUNTS[-1]
    few = median([o.polls_per_interval for o in results[case(SDK, low)]])
    many = median([o.polls_per_interval for o in results[case(SDK, high)]])
    return [
        Target(
            f"bulk approve: SDK polls per interval independent of the number of concurrent "
            f"batches ({low} vs {high})",
            f"{few:.2f} vs {many:.2f} per interval ({many / few:.2f} {TIMES})",
            many <= 1.25 * few,
        )
    ]
