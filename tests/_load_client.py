"""The client side of the load test, run in its own process so its memory is measured alone.

python tests/_load_client.py BASE_URL  ->  one JSON line of results
"""

from __future__ import annotations

import asyncio
import gc
import json
import re
import sys
from pathlib import Path

from firstpromoter_async import AsyncFirstPromoter

TOTAL, CONCURRENCY, WARMUP = 10_000, 200, 2_000


def rss_kib() -> int:
    match = re.search(r"VmRSS:\s+(\d+) kB", Path("/proc/self/status").read_text())
    assert match is not None
    return int(match.group(1))


async def main(base_url: str) -> dict[str, object]:
    gate = asyncio.Semaphore(CONCURRENCY)
    rss: list[int] = []
    async with AsyncFirstPromoter(
        api_key="test_api_key", account_id="acc_test", base_url=base_url, requests_per_minute=None
    ) as fp:

        async def one(n: int) -> int:
            async with gate:
                return (await fp.promoters.retrieve(n % 20 + 1)).id

        ids: list[int] = []
        for start, stop in ((0, WARMUP), (WARMUP, 6_000), (6_000, TOTAL)):
            ids += await asyncio.gather(*(one(n) for n in range(start, stop)))
            gc.collect()
            rss.append(rss_kib())
        return {
            "ok": len(ids),
            "distinct_ids": sorted(set(ids)),
            "requests_sent": fp.requests_sent,
            "retries": fp.retries,
            "rss_kib": rss,
        }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1]))))
