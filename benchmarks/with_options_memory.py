"""Memory of ``with_options`` views: rounds of 10,000 views, each used for one request.

A view must not leak (openai-python #865): it shares the client's session, limiter and poller
and registers nowhere, so dropping it frees it. This script prints the process's RSS after a
warm-up and after each round, and how many client objects are alive at the end; the numbers
stay flat when views do not leak. It is a script, not a timed test::

    python benchmarks/with_options_memory.py [--views 10000] [--rounds 3]

The server is a minimal aiohttp app on 127.0.0.1 in a background thread that keeps no state,
so any growth is the client's.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from aiohttp import web

if not __package__:  # run as a script: import the SDK from this checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from firstpromoter_async import AsyncFirstPromoter
from firstpromoter_sync import FirstPromoter

PROMOTER = b'{"id": 1, "email": "ann@example.com", "name": "Ann"}'


def rss_kib() -> int:
    """The process's resident set size in KiB (Linux ``/proc``; else the peak, from rusage)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


class Server:
    """A stateless HTTP server answering every GET with one promoter."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.runner: web.AppRunner | None = None
        self.port = 0

    async def _start(self) -> None:
        async def promoter(request: web.Request) -> web.Response:
            return web.Response(body=PROMOTER, content_type="application/json")

        app = web.Application()
        app.router.add_get("/{tail:.*}", promoter)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    def __enter__(self) -> Server:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(timeout=10)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.runner is not None
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v2"


def settings(server: Server) -> dict[str, object]:
    return {
        "api_key": "bench-key",
        "account_id": "acc_bench",
        "base_url": server.base_url,
        "requests_per_minute": None,
    }


def alive(cls: type) -> int:
    return sum(1 for obj in gc.get_objects() if type(obj) is cls)


def report(label: str, rounds: list[int], clients_alive: int) -> None:
    steps = ", ".join(f"{kib / 1024:.1f}" for kib in rounds)
    growth = (rounds[-1] - rounds[1]) / 1024
    print(f"{label}: RSS MiB after warm-up and each round: {steps}")
    print(f"{label}: growth after warm-up {growth:+.1f} MiB; client objects alive: {clients_alive}")


async def async_rounds(server: Server, views: int, rounds: int) -> None:
    async with AsyncFirstPromoter(**settings(server)) as fp:  # type: ignore[arg-type]

        async def use_views(count: int) -> None:
            for n in range(count):
                view = fp.with_options(timeout=10, extra_headers={"X-Call": str(n)})
                await view.promoters.retrieve(1)

        await use_views(1_000)  # warm-up: sessions, decoders, caches
        samples = [rss_kib()]
        gc.collect()
        samples.append(rss_kib())
        for _ in range(rounds):
            await use_views(views)
            gc.collect()
            samples.append(rss_kib())
        report(f"async, {views:,} views per round", samples, alive(AsyncFirstPromoter))


def sync_rounds(server: Server, views: int, rounds: int) -> None:
    with FirstPromoter(**settings(server)) as fp:  # type: ignore[arg-type]

        def use_views(count: int) -> None:
            for n in range(count):
                view = fp.with_options(max_retries=0, extra_headers={"X-Call": str(n)})
                view.promoters.retrieve(1)

        use_views(1_000)
        samples = [rss_kib()]
        gc.collect()
        samples.append(rss_kib())
        for _ in range(rounds):
            use_views(views)
            gc.collect()
            samples.append(rss_kib())
        report(f"sync, {views:,} views per round", samples, alive(FirstPromoter))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--views", type=int, default=10_000, help="views per round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    run: list[Callable[[], None]] = []
    with Server() as server:
        run.append(lambda: asyncio.run(async_rounds(server, args.views, args.rounds)))
        run.append(lambda: sync_rounds(server, args.views, args.rounds))
        for step in run:
            step()
    return 0


if __name__ == "__main__":
    sys.exit(main())
