"""7. Prefetch: export 40 pages from a server that takes 150 ms per page.

A walk that asks for one page after another spends nearly all its time waiting for the
server. ``list(..., prefetch=N)`` keeps N next pages in flight while the caller consumes the
current one. The server here is a small aiohttp app on 127.0.0.1, in its own thread, that
sleeps 150 ms before answering each page of ``GET /company/commissions``; the clients run
without a client-side rate limit (the limiter is not what is measured). Every walk must yield
the same ids in the same order.

    python benchmarks/prefetch.py            # prints the table and the target
"""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

if not __package__:  # run as a script: make the ``benchmarks`` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiohttp import web

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

PAGES = 40
PER_PAGE = 100
ITEMS = (PAGES - 1) * PER_PAGE + PER_PAGE // 2  # the 40th page is short: no empty probe
LATENCY = 0.150  # seconds the server takes per page
PREFETCH = 4
TARGET = 0.4  # prefetch=4 takes at most this share of the sequential time

ASYNC_SEQUENTIAL = "async, prefetch=0"
ASYNC_PREFETCH = f"async, prefetch={PREFETCH}"
SYNC_SEQUENTIAL = "sync, prefetch=0"
SYNC_PREFETCH = f"sync, prefetch={PREFETCH}"


class SlowPageServer:
    """``GET /company/commissions``: ``ITEMS`` commissions, each page after ``LATENCY``."""

    def __init__(self) -> None:
        self.base_url = ""
        self.requests = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="slow-page-server")
        self._runner: web.AppRunner | None = None

    def __enter__(self) -> SlowPageServer:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=10)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_get("/company/commissions", self._page)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.base_url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def _page(self, request: web.Request) -> web.Response:
        self.requests += 1
        number = int(request.query["page"])
        per_page = int(request.query["per_page"])
        first = (number - 1) * per_page + 1
        ids = range(first, min(first + per_page, ITEMS + 1))
        await asyncio.sleep(LATENCY)
        return web.json_response([{"id": n, "amount": 1000, "status": "pending"} for n in ids])

    def client_settings(self) -> dict[str, Any]:
        return {
            "api_key": "bench",
            "account_id": "1",
            "base_url": self.base_url,
            "requests_per_minute": None,
        }


def export_async(server: SlowPageServer, prefetch: int) -> tuple[float, list[int]]:
    async def walk() -> tuple[float, list[int]]:
        async with AsyncFirstPromoter(**server.client_settings()) as fp:
            started = time.perf_counter()
            ids = [c.id async for c in fp.commissions.list(per_page=PER_PAGE, prefetch=prefetch)]
            return time.perf_counter() - started, ids

    return asyncio.run(walk())


def export_sync(server: SlowPageServer, prefetch: int) -> tuple[float, list[int]]:
    with FirstPromoter(**server.client_settings()) as fp:
        started = time.perf_counter()
        ids = [c.id for c in fp.commissions.list(per_page=PER_PAGE, prefetch=prefetch)]
        return time.perf_counter() - started, ids


def contenders(quick: bool) -> dict[str, Callable[[SlowPageServer], tuple[float, list[int]]]]:
    found: dict[str, Callable[[SlowPageServer], tuple[float, list[int]]]] = {
        ASYNC_SEQUENTIAL: lambda server: export_async(server, 0),
        ASYNC_PREFETCH: lambda server: export_async(server, PREFETCH),
    }
    if not quick:
        found[SYNC_SEQUENTIAL] = lambda server: export_sync(server, 0)
        found[SYNC_PREFETCH] = lambda server: export_sync(server, PREFETCH)
    return found


def run(quick: bool) -> Section:
    rounds = 1 if quick else 3
    found = contenders(quick)
    expected = list(range(1, ITEMS + 1))
    requests: dict[str, list[int]] = {name: [] for name in found}
    with SlowPageServer() as server:

        def measure(name: str) -> float:
            before = server.requests
            elapsed, ids = found[name](server)
            if ids != expected:
                raise AssertionError(f"{name}: the export's items differ from the server's")
            requests[name].append(server.requests - before)
            return elapsed

        results = interleave(list(found), rounds, measure)
    return report(results, requests, rounds)


def report(results: dict[str, list[float]], requests: dict[str, list[int]], rounds: int) -> Section:
    rows = []
    for name, values in results.items():
        sequential = ASYNC_SEQUENTIAL if name.startswith("async") else SYNC_SEQUENTIAL
        ratio = paired_ratio(values, results[sequential])
        rows.append(
            [
                name,
                describe(values),
                f"{PAGES / median(values):.1f}",
                f"{max(requests[name])}",
                f"{ratio:.2f} {TIMES}",
            ]
        )
    found = []
    for sequential, ahead in ((ASYNC_SEQUENTIAL, ASYNC_PREFETCH), (SYNC_SEQUENTIAL, SYNC_PREFETCH)):
        if ahead in results:
            ratio = paired_ratio(results[ahead], results[sequential])
            found.append(
                Target(
                    f"export of {PAGES} pages at {LATENCY * 1000:.0f} ms/page "
                    f"({ahead.split(',')[0]}): prefetch={PREFETCH} ≤ {TARGET} {TIMES} "
                    "sequential time, same items in the same order",
                    f"{ratio:.2f} {TIMES}",
                    ratio <= TARGET,
                )
            )
    return Section(
        title=f"7. Prefetch: exporting {PAGES} pages at {LATENCY * 1000:.0f} ms per page",
        description=(
            f"{ITEMS:,} commissions, {PER_PAGE} per page, from a local server that answers each "
            f"page after {LATENCY * 1000:.0f} ms; median (min{DASH}max) of {rounds} interleaved "
            "rounds. Every walk yielded the same ids in the same order. Last column: time "
            "relative to the same client with prefetch=0 in the same round."
        ),
        headers=["walk", "wall time", "pages/s", "requests", f"time {TIMES} prefetch=0"],
        rows=rows,
        targets=found,
        chart={name: median(values) for name, values in results.items()},
        chart_unit=f"seconds to export {PAGES} pages",
    )


def main() -> None:
    section = run(quick="--quick" in sys.argv[1:])
    print(section.markdown())
    print()
    for target in section.targets:
        print(f"{target.verdict}: {target.goal}: {target.measured}")


if __name__ == "__main__":
    main()
