"""Experiment behind the sync-path analysis in RESULTS.md: ways to run one async call from
blocking code, timed on the same sequential ``promoters.retrieve(id)`` calls.

    python -m benchmarks.sync_handoff

- ``firstpromoter_sync`` as shipped: ``anyio`` ``BlockingPortal.call`` to the loop thread;
- the same loop thread, reached with ``asyncio.run_coroutine_threadsafe`` (one round trip);
- no hand-off: the calling thread runs an event loop itself (``loop.run_until_complete``);
- the async client awaited in sequence (the floor), and ``requests`` (the peer).

It reaches into private attributes of the sync client to get at its loop: an experiment only,
not one of the benchmarks ``run.py`` reports.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from benchmarks import sync_path
from benchmarks._server import BenchServer
from benchmarks._stats import interleave, markdown_table, median, paired_ratio
from firstpromoter_async import AsyncFirstPromoter
from firstpromoter_sync import FirstPromoter

__all__ = ["main"]

CALLS = 300
ROUNDS = 7


def threadsafe(server: BenchServer, calls: int) -> float:
    with FirstPromoter(**server.sdk_settings()) as fp:
        fp.promoters.retrieve(1)
        loop = fp._runner._get_portal().call(asyncio.get_running_loop)
        retrieve = fp._async.promoters.retrieve
        started = time.perf_counter()
        for id in sync_path._ids(calls):
            asyncio.run_coroutine_threadsafe(retrieve(id), loop).result()
        return time.perf_counter() - started


def caller_loop(server: BenchServer, calls: int) -> float:
    loop = asyncio.new_event_loop()
    fp = AsyncFirstPromoter(**server.sdk_settings())
    try:
        loop.run_until_complete(fp.promoters.retrieve(1))
        started = time.perf_counter()
        for id in sync_path._ids(calls):
            loop.run_until_complete(fp.promoters.retrieve(id))
        return time.perf_counter() - started
    finally:
        loop.run_until_complete(fp.aclose())
        loop.close()


WAYS: dict[str, Callable[[BenchServer, int], float]] = {
    "anyio BlockingPortal.call (as shipped)": sync_path.sync_sdk,
    "asyncio.run_coroutine_threadsafe, same loop thread": threadsafe,
    "loop.run_until_complete in the calling thread": caller_loop,
    "async client awaited in sequence": sync_path.async_sdk,
    "requests.Session + json.loads": sync_path.requests_json,
}


def main() -> None:
    with BenchServer() as server:
        server.seed(promoters=sync_path.PROMOTERS)
        results = interleave(list(WAYS), ROUNDS, lambda name: WAYS[name](server, CALLS))
    floor, peer = (
        results["async client awaited in sequence"],
        results["requests.Session + json.loads"],
    )
    rows = [
        [
            name,
            f"{median(values) / CALLS * 1e6:.0f} µs",
            f"{paired_ratio(values, floor):.2f}",
            f"{paired_ratio(values, peer):.2f}",
        ]
        for name, values in results.items()
    ]
    print(f"{CALLS} sequential calls, medians of {ROUNDS} interleaved rounds\n")
    headers = ["way", "per call", "time / async in sequence", "time / requests"]
    print(markdown_table(headers, rows))


if __name__ == "__main__":
    main()
