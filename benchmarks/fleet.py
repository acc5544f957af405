"""Fleet benchmarks: worker processes on one account's budget, with and without Redis.

    python -m benchmarks.fleet            # about 3 minutes; rewrites the fleet block of RESULTS.md
    python -m benchmarks.fleet --quick    # shorter runs; prints the report only

Needs ``redis-server`` on the PATH and redis-py (``pip install -e ".[bench,redis]"``). Not part
of ``python -m benchmarks`` (nor of CI's ``--quick`` run): it measures a budget, so it takes time.

The fake API runs in this process and enforces its budget per account per rolling window,
answering 429 beyond. Time is scaled down for the fleet runs: the account's 6,000 requests a
minute are enforced as 100 per rolling second, and the workers' limiters count per second too
(``period=1.0``). Each worker is a process of its own (``--worker``) with its own client.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if not __package__:  # run as a script: make the ``benchmarks`` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._machine import describe_machine, load_average
from benchmarks._stats import Target, markdown_table
from firstpromoter_async import (
    AsyncFirstPromoter,
    FirstPromoterError,
    RateLimiter,
    RedisRateLimiter,
    TokenBucket,
)
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_async.testing._state import RecordedRequest

__all__ = ["main"]

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "RESULTS.md"
START, END = "<!-- fleet:start -->", "<!-- fleet:end -->"
WORKERS = 8
BUDGET = 100  # per rolling second: the account's 6,000 a minute, scaled down
CLIENT_RATE = 95  # what the fleet's limiters are told: 5 % below the server's count, for jitter


# -- the worker process ---------------------------------------------------------------------------


def build_limiter(settings: dict[str, Any]) -> RateLimiter:
    if settings["limiter"] == "redis":
        return RedisRateLimiter(
            settings["redis_url"],
            account=settings["account_id"],
            requests_per_minute=settings["rate"],
            period=settings["period"],
            recheck_interval=1.0,
        )
    return TokenBucket(settings["rate"], period=settings["period"])


class _CountWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


async def worker(settings: dict[str, Any]) -> dict[str, Any]:
    """Call ``promoters.retrieve`` from ``lanes`` tasks until ``duration`` is over."""
    warnings = _CountWarnings()
    logging.getLogger("firstpromoter").addHandler(warnings)
    limiter = build_limiter(settings)
    report = {"ok": 0, "gave_up_429": 0, "errors": 0, "warnings": 0, "fallback_grants": 0}
    async with AsyncFirstPromoter(
        api_key=settings["api_key"],
        account_id=settings["account_id"],
        base_url=settings["base_url"],
        rate_limiter=limiter,
        max_retries=settings["max_retries"],
    ) as fp:
        fp.retry_policy.max_delay = 1.0

        async def lane(deadline: float) -> None:
            while time.monotonic() < deadline:
                try:
                    await fp.promoters.retrieve(1)
                    report["ok"] += 1
                except FirstPromoterError as error:
                    key = "gave_up_429" if getattr(error, "status_code", 0) == 429 else "errors"
                    report[key] += 1

        print("ready", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        deadline = time.monotonic() + settings["duration"]
        results = await asyncio.gather(
            *(lane(deadline) for _ in range(settings["lanes"])), return_exceptions=True
        )
        report["errors"] += sum(1 for r in results if isinstance(r, BaseException))
    if isinstance(limiter, RedisRateLimiter):
        report["fallback_grants"] = limiter.fallback_grants
        await limiter.aclose()
    report["warnings"] = warnings.count
    return report


# -- the orchestrator -----------------------------------------------------------------------------


class TimedJournal(list[RecordedRequest]):
    """The fake's journal, with the arrival time of every request."""

    def __init__(self) -> None:
        super().__init__()
        self.times: list[float] = []

    def append(self, record: RecordedRequest) -> None:
        self.times.append(time.monotonic())
        super().append(record)


class RedisProcess:
    """``redis-server --save '' --appendonly no`` on a free 127.0.0.1 port."""

    def __init__(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise SystemExit("redis-server is not on the PATH (apt-get install redis-server)")
        self.binary = binary
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.directory = tempfile.mkdtemp(prefix="fp-fleet-redis-")
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *(self.binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", ""),
                *("--appendonly", "no", "--dir", self.directory, "--loglevel", "warning"),
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(500):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.02)
        raise RuntimeError("redis-server did not start")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)
        self.process = None


@dataclass
class Run:
    """One fleet run as the server saw it, and as the workers reported it."""

    name: str
    times: list[float]
    statuses: list[int | None]
    reports: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> int:
        return sum(1 for s in self.statuses if s == 200)

    @property
    def refused(self) -> int:
        return sum(1 for s in self.statuses if s == 429)

    @property
    def span(self) -> float:
        return self.times[-1] - self.times[0] if len(self.times) > 1 else 0.0

    def utilisation(self, budget_per_second: float) -> float:
        return self.ok / (budget_per_second * self.span) if self.span else 0.0

    def busiest_window(self, window: float) -> int:
        """The most 2xx answers in any rolling ``window`` seconds."""
        granted = [t for t, s in zip(self.times, self.statuses, strict=True) if s == 200]
        best, start = 0, 0
        for end, t in enumerate(granted):
            while granted[start] <= t - window:
                start += 1
            best = max(best, end - start + 1)
        return best

    def total(self, key: str) -> int:
        return sum(int(r[key]) for r in self.reports)


async def run_fleet(
    fake: FakeFirstPromoter,
    name: str,
    settings: dict[str, Any],
    *,
    workers: int = WORKERS,
    events: Sequence[tuple[float, Any]] = (),
) -> Run:
    """Start the workers, let them go together, fire ``events`` at their times, collect."""
    processes = []
    for _ in range(workers):
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "benchmarks.fleet",
            "--worker",
            json.dumps(settings),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            cwd=ROOT,
        )
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), 120)
        assert line.strip() == b"ready", line
        processes.append(process)
    journal = TimedJournal()
    fake.state.journal = journal
    fake.state.request_times.clear()
    reporting = [asyncio.ensure_future(p.communicate(b"go\n")) for p in processes]
    started = time.monotonic()
    for at, action in events:
        await asyncio.sleep(max(0.0, started + at - time.monotonic()))
        action()
    outputs = await asyncio.gather(*reporting)
    reports = [json.loads(out.splitlines()[-1]) for out, _ in outputs]
    return Run(name, journal.times, [r.status for r in journal], reports)


def _worker_settings(fake: FakeFirstPromoter, redis_url: str, **overrides: Any) -> dict[str, Any]:
    settings = {
        "api_key": fake.state.api_key,
        "account_id": fake.state.account_id,
        "base_url": fake.base_url,
        "redis_url": redis_url,
        "limiter": "redis",
        "rate": CLIENT_RATE,
        "period": 1.0,
        "duration": 15.0,
        "lanes": 4,
        "max_retries": 2,
    }
    settings.update(overrides)
    return settings


async def single_client(fake: FakeFirstPromoter, *, quick: bool) -> tuple[Run, float]:
    """One client, 50 tasks, 600 requests, the default TokenBucket (a minute's budget)."""
    if quick:  # scaled: 97 a second against the server's 100 per rolling second
        rate, period, budget = CLIENT_RATE, 1.0, BUDGET
        bucket = TokenBucket(rate, period=period)
    else:  # the real thing: 400 a minute against the server's 400 per rolling minute
        rate, period, budget = 400, 60.0, 400
        bucket = TokenBucket(400)
    fake.state.rate_limit_per_minute = budget
    fake.state.rate_limit_window = period
    journal = TimedJournal()
    fake.state.journal = journal
    fake.state.request_times.clear()
    calls = iter(range(600))
    async with fake.client(rate_limiter=bucket, max_retries=0) as fp:

        async def task() -> None:
            for _ in calls:
                await fp.promoters.retrieve(1)

        await asyncio.gather(*(task() for _ in range(50)))
    run = Run("one client, 50 tasks, 600 requests", journal.times, [r.status for r in journal])
    fake.state.rate_limit_window = 1.0
    fake.state.rate_limit_per_minute = BUDGET
    return run, rate / period


async def measure(quick: bool) -> str:
    duration = 6.0 if quick else 15.0
    redis = RedisProcess()
    redis.start()
    rows: list[list[str]] = []
    targets: list[Target] = []
    try:
        async with FakeFirstPromoter(rate_limit_per_minute=BUDGET, rate_limit_window=1.0) as fake:
            fake.seed_promoters(1)
            base = _worker_settings(fake, redis.url, duration=duration)

            def row(run: Run, what: str) -> list[str]:
                return [
                    run.name,
                    what,
                    f"{run.ok:,}",
                    f"{run.refused:,}",
                    f"{run.utilisation(BUDGET):.1%}",
                    str(run.busiest_window(1.0)),
                    str(run.total("errors") + run.total("gave_up_429")),
                    str(run.total("warnings")),
                ]

            print("fleet sharing Redis ...", file=sys.stderr, flush=True)
            shared = await run_fleet(fake, "8 workers, Redis", base)
            rows.append(row(shared, f"`RedisRateLimiter({CLIENT_RATE}/s)` each"))
            targets.append(
                Target(
                    "fleet of 8 sharing Redis: zero 429s",
                    f"{shared.refused} 429s",
                    shared.refused == 0,
                )
            )
            targets.append(
                Target(
                    "fleet of 8 sharing Redis: utilisation ≥ 90 % of the budget",
                    f"{shared.utilisation(BUDGET):.1%}",
                    shared.utilisation(BUDGET) >= 0.90,
                )
            )

            print("fleet with a TokenBucket each ...", file=sys.stderr, flush=True)
            local = await run_fleet(fake, "8 workers, no Redis", {**base, "limiter": "local"})
            rows.append(row(local, f"`TokenBucket({CLIENT_RATE}/s)` each (the account's rate)"))

            # the server suddenly refuses everything for 3 s (Retry-After: 1), e.g. because
            # another tool used the account's budget
            spell: dict[str, Any] = {}

            def refuse() -> None:
                spell["fault"] = fake.inject(
                    "/company/promoters/1", status=429, times=10**9, retry_after=1
                )

            def allow() -> None:
                fake.state.faults.remove(spell["fault"])

            events = [(duration / 3, refuse), (duration / 3 + 3.0, allow)]
            long_retries = {**base, "max_retries": 10}
            print("server refusing for 3 s, Redis ...", file=sys.stderr, flush=True)
            spell_shared = await run_fleet(
                fake, "refusal spell, Redis", long_retries, events=events
            )
            rows.append(row(spell_shared, "3 s of 429s (Retry-After: 1) from a third in"))
            print("server refusing for 3 s, no Redis ...", file=sys.stderr, flush=True)
            split = {**long_retries, "limiter": "local", "rate": CLIENT_RATE / WORKERS}
            spell_local = await run_fleet(fake, "refusal spell, no Redis", split, events=events)
            rows.append(row(spell_local, f"same; `TokenBucket({CLIENT_RATE / WORKERS:g}/s)` each"))
            targets.append(
                Target(
                    "server suddenly refusing: 429s ≤ the number of workers (8) with Redis",
                    f"{spell_shared.refused} with Redis vs {spell_local.refused} without",
                    spell_shared.refused <= WORKERS,
                )
            )

            print("Redis killed mid-run ...", file=sys.stderr, flush=True)
            killed = await run_fleet(
                fake, "Redis killed", base, events=[(duration / 3, redis.kill)]
            )
            rows.append(row(killed, "Redis SIGKILLed a third in; never back"))
            targets.append(
                Target(
                    "Redis killed mid-run: workers go on (fallback), no unhandled error",
                    f"{killed.ok:,} answers, {killed.total('errors')} errors, "
                    f"{killed.total('fallback_grants'):,} requests under the fallback",
                    killed.total("errors") == 0 and killed.total("fallback_grants") > 0,
                )
            )

            print("one client, 50 tasks, 600 requests ...", file=sys.stderr, flush=True)
            single, rate = await single_client(fake, quick=quick)
            use = single.ok / (rate * single.span)
            targets.append(
                Target(
                    "one client, 50 tasks, 600 requests: ≥ 97 % of requests_per_minute, no 429",
                    f"{use:.1%}, {single.refused} 429s",
                    use >= 0.97 and single.refused == 0,
                )
            )
    finally:
        redis.kill()
        shutil.rmtree(redis.directory, ignore_errors=True)

    window = "1 s" if quick else "60 s"
    scale = (
        f"scaled: {CLIENT_RATE} a second against the server's {BUDGET} per rolling second"
        if quick
        else "the default, 400 a minute, against the server's 400 per rolling minute"
    )
    single_what = (
        f"{single.ok} answers in {single.span:.1f} s = {use:.1%} of the limiter's rate; "
        f"busiest {window} window: {single.busiest_window(1.0 if quick else 60.0)}; "
        f"{single.refused} 429s"
    )
    return "\n\n".join(
        [
            f"## Fleet results ({dt.date.today().isoformat()}, `python -m benchmarks.fleet"
            f"{' --quick' if quick else ''}`)",
            f"Load average (1, 5, 15 min) after the run: {load_average()}. "
            + ", ".join(
                f"{k}: {v}" for k, v in describe_machine() if k in ("CPUs (nproc)", "Python")
            ),
            "### Targets",
            markdown_table(
                ["target", "measured", "verdict"],
                [[t.goal, t.measured, f"**{t.verdict}**"] for t in targets],
            ),
            f"### Fleets of {WORKERS} worker processes, {duration:g} s each",
            f"The server allows {BUDGET} requests per rolling second per account (the account's "
            f"6,000 a minute, scaled down); every worker runs 4 tasks calling "
            "`promoters.retrieve` back to back with the default retries (10 in the refusal "
            "runs). Utilisation: 2xx answers over the budget for the time between the first and "
            "the last request. Errors: calls that raised (retries exhausted included).",
            markdown_table(
                [
                    "run",
                    "limiters",
                    "2xx",
                    "429s",
                    "utilisation",
                    "busiest second (2xx)",
                    "errors",
                    "warnings",
                ],
                rows,
            ),
            "### One client",
            f"50 tasks share one client and its `TokenBucket` ({scale}): {single_what}.",
        ]
    )


def write_results(report: str) -> None:
    block = f"{START}\n{report}\n{END}"
    text = RESULTS.read_text()
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fleet", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="6 s fleets, a scaled single run")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(asyncio.run(worker(json.loads(args.worker)))), flush=True)
        return 0
    os.environ.pop("FIRSTPROMOTER_REDIS_URL", None)
    report = asyncio.run(measure(args.quick))
    print(report)
    if not args.quick:
        write_results(report)
        print(f"\nresults written to {RESULTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
