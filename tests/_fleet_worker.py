"""One process of a fleet test: its own client and limiter, some calls, a JSON report.

``python -m tests._fleet_worker '<json settings>'`` prints ``ready``, waits for a line on
standard input (so that every worker of a test starts together), makes its calls and prints
one JSON line: how many succeeded, were refused with 429, or failed otherwise.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

from firstpromoter_async import (
    AsyncFirstPromoter,
    RateLimiter,
    RateLimitError,
    RedisRateLimiter,
    TokenBucket,
)


def build_limiter(settings: dict[str, Any]) -> RateLimiter:
    if settings["limiter"] == "redis":
        return RedisRateLimiter(
            settings["redis_url"],
            account=settings["account_id"],
            requests_per_minute=settings["rate"],
            period=settings["period"],
        )
    return TokenBucket(settings["rate"], period=settings["period"])


async def run(settings: dict[str, Any]) -> dict[str, int]:
    limiter = build_limiter(settings)
    counts = {"ok": 0, "429": 0, "other": 0}
    async with AsyncFirstPromoter(
        api_key=settings["api_key"],
        account_id=settings["account_id"],
        base_url=settings["base_url"],
        rate_limiter=limiter,
        max_retries=0,
    ) as fp:
        calls = iter(range(settings["calls"]))

        async def lane() -> None:
            for _ in calls:
                try:
                    await fp.promoters.retrieve(settings["promoter_id"])
                    counts["ok"] += 1
                except RateLimitError:
                    counts["429"] += 1
                except Exception:
                    counts["other"] += 1

        print("ready", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        await asyncio.gather(*(lane() for _ in range(settings["concurrency"])))
    if isinstance(limiter, RedisRateLimiter):
        await limiter.aclose()
    return counts


if __name__ == "__main__":
    print(json.dumps(asyncio.run(run(json.loads(sys.argv[1])))), flush=True)
