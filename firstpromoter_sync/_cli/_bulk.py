"""Approving many commissions: concurrent batches, one aggregated progress count."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from firstpromoter_async import (
    AsyncFirstPromoter,
    BatchProcess,
    BatchProgress,
    FirstPromoterError,
    InvalidRequestError,
)

__all__ = ["BulkResult", "approve_in_batches", "pending_commission_ids"]

BATCH_SIZE = 500
CONCURRENCY = 10


@dataclass
class BulkResult:
    """What a bulk approval did: the final batch processes and the errors of the others."""

    requested: int
    processes: list[BatchProcess] = field(default_factory=list)
    errors: list[FirstPromoterError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """Ids the server could not approve, in batches that ran."""
        return sum(process.failed_count or 0 for process in self.processes)

    @property
    def approved(self) -> int:
        """Ids approved, in batches that ran."""
        done = sum(process.processed_count or 0 for process in self.processes)
        return done - self.failed

    @property
    def ok(self) -> bool:
        """Every batch ran and every id was approved."""
        return not self.errors and self.failed == 0

    def problems(self) -> list[str]:
        """One line per failed batch and per id the server refused (first few of each)."""
        lines = [f"{type(e).__name__}: {e}" for e in self.errors]
        for process in self.processes:
            lines.extend(str(error) for error in (process.processing_errors or [])[:5])
        return lines


async def pending_commission_ids(
    fp: AsyncFirstPromoter, on_page: Callable[[int], None] | None = None
) -> list[int]:
    """Every pending commission's id, walking all pages; ``on_page`` gets the count so far."""
    ids: list[int] = []
    async for page in fp.commissions.list(filters={"status": "pending"}).pages():
        ids.extend(commission.id for commission in page.data)
        if on_page is not None:
            on_page(len(ids))
    return ids


async def approve_in_batches(
    fp: AsyncFirstPromoter,
    ids: Sequence[int],
    *,
    batch_size: int = BATCH_SIZE,
    concurrency: int = CONCURRENCY,
    on_progress: Callable[[int], None] | None = None,
) -> BulkResult:
    """Approve ``ids`` as batches of ``batch_size``, at most ``concurrency`` at a time.

    The client's one batch poller awaits them all; ``on_progress`` receives the number of
    ids done so far over all batches. A batch that fails (``BatchProcessError``, an API
    error) does not stop the others: its error is kept in the result.
    """
    chunks = [list(ids[start : start + batch_size]) for start in range(0, len(ids), batch_size)]
    done: dict[int, int] = {}
    slots = asyncio.Semaphore(concurrency)

    async def approve(index: int, chunk: list[int]) -> BatchProcess:
        def report(update: BatchProgress) -> None:
            done[index] = len(chunk) * int(update.progress) // 100
            if on_progress is not None:
                on_progress(sum(done.values()))

        async with slots:
            return await fp.commissions.approve(ids=chunk, on_progress=report)

    outcomes = await asyncio.gather(
        *(approve(index, chunk) for index, chunk in enumerate(chunks)), return_exceptions=True
    )
    result = BulkResult(requested=len(ids))
    for outcome in outcomes:
        if isinstance(outcome, BatchProcess):
            result.processes.append(outcome)
        elif isinstance(outcome, FirstPromoterError) and not isinstance(
            outcome, InvalidRequestError
        ):
            result.errors.append(outcome)
        else:
            raise outcome  # bad arguments, a bug, a cancellation: not a batch outcome
    return result
