"""5. Streaming memory: walk 100,000 commissions and see how far the process's peak RSS grows.

The server process is seeded once; each walk runs in a fresh subprocess
(``python -m benchmarks.streaming CONTENDER BASE_URL``) that imports, builds its client, resets
the kernel's peak-RSS mark (``/proc/self/clear_refs``; where that is not possible the peak since
start is used), walks, and reports ``VmHWM`` after minus ``VmRSS`` before. Next to the SDK, the
reference is what a script often does: collect every page's JSON into one list.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks._server import ROOT, BenchServer, child_env
from benchmarks._stats import DASH, Section, Target, describe, interleave, median

__all__ = ["run"]

ITEMS = 100_000
LIMIT_MB = 30.0

ASYNC = "SDK async: async for over commissions.list()"
SYNC = "SDK sync: for over commissions.list()"
COLLECT = "aiohttp + json.loads, every page kept in a list"
CHILD_NAMES = {"async": ASYNC, "sync": SYNC, "collect": COLLECT}


# -- the child process -----------------------------------------------------------------------


def _memory_kib() -> tuple[int, int]:
    """``(current, peak)`` resident set size in KiB; where there is no ``/proc`` (macOS),
    ``getrusage`` gives the peak only, which then stands for both."""
    try:
        lines = Path("/proc/self/status").read_text().splitlines()
    except OSError:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peak //= 1024 if sys.platform == "darwin" else 1  # bytes there, KiB on Linux
        return peak, peak
    fields = dict(line.split(":", 1) for line in lines if ":" in line)
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


async def _walk_async(base_url: str) -> int:
    from firstpromoter_async import AsyncFirstPromoter

    count = 0
    async with AsyncFirstPromoter(**_settings(base_url)) as fp:
        async for _commission in fp.commissions.list():
            count += 1
    return count


def _walk_sync(base_url: str) -> int:
    from firstpromoter_sync import FirstPromoter

    with FirstPromoter(**_settings(base_url)) as fp:
        return sum(1 for _commission in fp.commissions.list())


async def _collect(base_url: str) -> int:
    import aiohttp

    settings = _settings(base_url)
    headers = {
        "Authorization": f"Bearer {settings['api_key']}",
        "Account-ID": settings["account_id"],
    }
    everything: list[dict[str, Any]] = []
    async with aiohttp.ClientSession(headers=headers) as session:
        for page in itertools.count(1):
            params = {"page": page, "per_page": 100}
            async with session.get(base_url + "/company/commissions", params=params) as response:
                response.raise_for_status()
                chunk = json.loads(await response.read())
            everything.extend(chunk)
            if len(chunk) < 100:
                break
    return len(everything)


def _settings(base_url: str) -> dict[str, Any]:
    from firstpromoter_async.testing import FakeState

    state = FakeState()  # the server's default credentials
    return {
        "api_key": state.api_key,
        "account_id": state.account_id,
        "base_url": base_url,
        "requests_per_minute": None,
    }


WALKS: dict[str, Callable[[str], int]] = {
    "async": lambda url: asyncio.run(_walk_async(url)),
    "sync": _walk_sync,
    "collect": lambda url: asyncio.run(_collect(url)),
}


def child(name: str, base_url: str) -> dict[str, Any]:
    """Walk every commission with contender ``name``; what it cost, as a dict."""
    _settings(base_url)  # imports done before the baseline: only the walk is measured
    import firstpromoter_sync  # noqa: F401

    reset = _reset_peak()
    before, _ = _memory_kib()
    started = time.perf_counter()
    items = WALKS[name](base_url)
    elapsed = time.perf_counter() - started
    return {
        "items": items,
        "growth_mb": (_memory_kib()[1] - before) / 1024,
        "seconds": elapsed,
        "reset": reset,
    }


# -- the parent ------------------------------------------------------------------------------


def walk_in_subprocess(name: str, server: BenchServer) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.streaming", name, server.base_url],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=child_env(),
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["items"] == ITEMS, result
    return result


def run(quick: bool) -> Section:
    rounds = 1 if quick else 3
    with BenchServer() as server:
        server.seed(promoters=10, commissions=ITEMS)
        results = interleave(
            list(CHILD_NAMES), rounds, lambda name: walk_in_subprocess(name, server)
        )
    return report(results, rounds)


def report(results: dict[str, list[dict[str, Any]]], rounds: int) -> Section:
    rows = []
    for key, walks in results.items():
        growth = [walk["growth_mb"] for walk in walks]
        rows.append(
            [
                CHILD_NAMES[key],
                describe(growth, lambda mb: f"{mb:.1f} MB"),
                describe([w["seconds"] for w in walks]),
            ]
        )
    notes = []
    if not all(walk["reset"] for walks in results.values() for walk in walks):
        notes.append(
            "The peak-RSS mark could not be reset here: growth is measured from process start."
        )
    return Section(
        title=f"5. Streaming memory: {ITEMS:,} commissions",
        description=(
            f"Peak RSS growth of a fresh process while walking {ITEMS:,} commissions (1,000 pages "
            f"of 100), median (min{DASH}max) of {rounds} round(s), and the walk's wall time."
        ),
        headers=["contender", "peak RSS growth", "wall time"],
        rows=rows,
        targets=targets(results),
        notes=notes,
        chart={
            CHILD_NAMES[key]: median([w["growth_mb"] for w in walks])
            for key, walks in results.items()
        },
        chart_unit="MB peak RSS growth",
    )


def targets(results: dict[str, list[dict[str, Any]]]) -> list[Target]:
    found = []
    for key in ("async", "sync"):
        worst = max(walk["growth_mb"] for walk in results[key])
        found.append(
            Target(
                f"streaming {ITEMS:,} items ({key} SDK): peak RSS growth < {LIMIT_MB:g} MB",
                f"{worst:.1f} MB (worst round)",
                worst < LIMIT_MB,
            )
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description="One streaming walk (run by benchmarks.streaming)."
    )
    parser.add_argument("contender", choices=sorted(WALKS))
    parser.add_argument("base_url")
    args = parser.parse_args()
    print(json.dumps(child(args.contender, args.base_url)))


if __name__ == "__main__":
    main()
