"""Approve thousands of commissions quickly: concurrent batch processes, one progress line.

    export FIRSTPROMOTER_API_KEY=...  FIRSTPROMOTER_ACCOUNT_ID=...
    python examples/bulk_approve.py              # every pending commission
    python examples/bulk_approve.py 101 102 103  # only these ids

Each ``approve`` call with more than 5 ids starts a batch process on the server and waits
for it. Started together with ``asyncio.gather``, the batches run side by side, and the
client still sends one progress request per poll interval for all of them (its shared batch
poller), so waiting costs the same for 1 batch or 20.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence

from firstpromoter_async import (
    AsyncFirstPromoter,
    BatchProcess,
    BatchProgress,
    FirstPromoterError,
)

BATCH_SIZE = 500  # ids per batch process
CONCURRENCY = 8  # batch processes running at once


class ProgressLine:
    """``approving: 2,500/5,000 (50%)`` on stderr: redrawn in place on a terminal, else a
    line every 10 %."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done_by_batch: dict[int, int] = {}
        self.shown = -1
        self.live = sys.stderr.isatty()

    def update(self, batch: int, done: int) -> None:
        self.done_by_batch[batch] = done
        done_now = sum(self.done_by_batch.values())
        percent = done_now * 100 // max(self.total, 1)
        step = 1 if self.live else 10
        if percent // step == self.shown // step:
            return
        self.shown = percent
        end = "\r" if self.live and percent < 100 else "\n"
        print(f"approving: {done_now:,}/{self.total:,} ({percent}%)", end=end, file=sys.stderr)


async def pending_ids(fp: AsyncFirstPromoter) -> list[int]:
    """Every pending commission's id; ``async for`` walks the pages lazily."""
    return [c.id async for c in fp.commissions.list(filters={"status": "pending"})]


async def approve_all(
    fp: AsyncFirstPromoter,
    ids: Sequence[int],
    *,
    batch_size: int = BATCH_SIZE,
    concurrency: int = CONCURRENCY,
) -> list[BatchProcess]:
    """Approve ``ids`` in batches of ``batch_size``, ``concurrency`` at a time.

    Returns each batch's final process. A batch that ends ``failed`` or ``stopped`` raises
    ``BatchProcessError`` (pass ``return_exceptions=True`` to gather to carry on instead).
    """
    chunks = [list(ids[i : i + batch_size]) for i in range(0, len(ids), batch_size)]
    progress = ProgressLine(len(ids))
    slots = asyncio.Semaphore(concurrency)

    async def approve(index: int, chunk: list[int]) -> BatchProcess:
        def on_progress(update: BatchProgress) -> None:
            progress.update(index, len(chunk) * int(update.progress) // 100)

        async with slots:
            return await fp.commissions.approve(ids=chunk, on_progress=on_progress)

    return list(await asyncio.gather(*(approve(i, chunk) for i, chunk in enumerate(chunks))))


async def main(argv: Sequence[str] = ()) -> int:
    """Approve the ids in ``argv``, or every pending commission; return the exit status."""
    try:
        given = [int(arg) for arg in argv]
    except ValueError:
        print("usage: bulk_approve.py [COMMISSION_ID ...]", file=sys.stderr)
        return 2
    try:
        # FIRSTPROMOTER_API_KEY / FIRSTPROMOTER_ACCOUNT_ID (and FIRSTPROMOTER_BASE_URL) apply.
        async with AsyncFirstPromoter() as fp:
            ids = given or await pending_ids(fp)
            if not ids:
                print("No pending commissions.")
                return 0
            processes = await approve_all(fp, ids)
            sent = fp.requests_sent
    except FirstPromoterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    failed = sum(p.failed_count or 0 for p in processes)
    approved = sum(p.processed_count or 0 for p in processes) - failed
    print(
        f"Approved {approved:,} of {len(ids):,} commissions in {len(processes)} batches "
        f"({failed:,} refused, {sent} requests)."
    )
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
