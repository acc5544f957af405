"""Profile one contender of a benchmark with cProfile and print the top entries.

    python -m benchmarks.profile_sdk page_fetch            # the SDK at concurrency 50
    python -m benchmarks.profile_sdk page_fetch --contender "aiohttp + msgspec Structs"
    python -m benchmarks.profile_sdk sync_path --sort cumulative
    python -m benchmarks.profile_sdk decode

cProfile sees the calling thread only: for ``firstpromoter_sync`` that is the time spent
handing calls to the event loop thread and waiting for it.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from benchmarks import decode, page_fetch, sync_path
from benchmarks._server import BenchServer

__all__ = ["main"]


Workload = Callable[[], object]


@contextmanager
def page_fetch_workload(contender: str | None) -> Iterator[Workload]:
    make = page_fetch.contenders()[contender or page_fetch.SDK]
    with _server(promoters=page_fetch.PAGE_SIZE) as server:
        concurrency = page_fetch.CONCURRENCY[-1]
        yield lambda: asyncio.run(page_fetch.measure(make, server, 2000, concurrency))


@contextmanager
def sync_path_workload(contender: str | None) -> Iterator[Workload]:
    measure = sync_path.contenders()[contender or sync_path.SYNC]
    with _server(promoters=sync_path.PROMOTERS) as server:
        yield lambda: measure(server, 1000)


@contextmanager
def decode_workload(contender: str | None) -> Iterator[Workload]:
    body, decoder = decode.page_body(), decode.decoders()[contender or decode.SDK]
    yield lambda: decode.time_decodes(decoder, body, 2000)


@contextmanager
def _server(*, promoters: int) -> Iterator[BenchServer]:
    with BenchServer() as server:
        server.seed(promoters=promoters)
        yield server


WORKLOADS = {
    "page_fetch": page_fetch_workload,
    "sync_path": sync_path_workload,
    "decode": decode_workload,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("benchmark", choices=sorted(WORKLOADS))
    parser.add_argument("--contender", help="a contender's name as the table shows it")
    parser.add_argument("--sort", default="tottime", help="pstats sort key (default tottime)")
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    profiler = cProfile.Profile()
    with WORKLOADS[args.benchmark](args.contender) as workload:
        seconds = profiler.runcall(workload)
    print(f"measured: {seconds:.3f} s (under the profiler)")
    pstats.Stats(profiler).strip_dirs().sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
