"""Batch processes: every operation on the wire."""

from __future__ import annotations

from firstpromoter_async import AsyncFirstPromoter, BatchProcess
from firstpromoter_async.testing import FakeFirstPromoter

from ..operations import bad, row


def _pending_batch(fake: FakeFirstPromoter) -> None:
    fake.seed_commissions(8)
    fake.state.start_batch("commission/approve", list(range(1, 9)), lambda _id: None)


B = "/company/batch_processes"
OPERATIONS = [
    row(
        "batch_processes.list",
        f"GET {B}?filters[status][]=pending&filters[status][]=in_progress",
        BatchProcess,
        _pending_batch,
        status=["pending", "in_progress"],
    ),
    row("batch_processes.retrieve", f"GET {B}/1", BatchProcess, _pending_batch, 1),
    row(
        "batch_processes.progress",
        f"GET {B}/progress?filters[status]=pending",
        dict,
        _pending_batch,
        status="pending",
    ),
]


async def test_progress_moves_until_done(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _pending_batch(fake)
    seen = [await client.batch_processes.progress() for _ in range(fake.state.batch_steps)]
    assert seen[0] == {1: 34.0}
    assert seen[-1] == {}
    process = await client.batch_processes.retrieve(1)
    assert process.status == "completed"
    assert process.is_done
    assert process.created_at is not None


INVALID = [
    bad("batch_processes.progress", "status", status="done"),
    bad("batch_processes.list", "status", status=["pending", "done"]),
    bad("batch_processes.retrieve", "id", 0),
]
