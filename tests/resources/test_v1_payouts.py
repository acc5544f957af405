"""v1 payouts: every operation on the wire, and a payout settling a promoter's rewards."""

from __future__ import annotations

from firstpromoter_async import AsyncFirstPromoter, V1Payout
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_async.testing.domain.v1_payouts import new_v1_payout

from ..operations import bad, row
from ._v1 import ann_reward


def _paid(fake: FakeFirstPromoter) -> None:
    ann_reward(fake)
    promoter = fake.state.table("promoters").get(1)
    assert promoter is not None
    new_v1_payout(fake.state, promoter)


OPERATIONS = [
    row("v1.payouts.list", "GET", V1Payout, _paid, promoter_id=1, status="pending"),
    row(
        "v1.payouts.create",
        "POST",
        V1Payout,
        ann_reward,
        promoter_email="ann@example.com",
        status="processing",
    ),
    row("v1.payouts.update", "PUT", V1Payout, _paid, id=1, status="completed"),
]

INVALID = [
    bad("v1.payouts.list", "status", status="paid"),
    bad("v1.payouts.create", "promoter_email"),
    bad("v1.payouts.create", "promoter_id", promoter_id=0),
    bad("v1.payouts.update", "id", id=0),
]


async def test_create_then_list_then_complete(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    ann_reward(fake)
    created = await client.v1.payouts.create(promoter_id=1)
    assert (created.status, created.amount, created.unit) == ("pending", 500, "cash")
    assert created.promoter is not None
    assert created.campaign is not None
    assert [p.id async for p in client.v1.payouts.list(status="pending")] == [created.id]
    assert (await client.v1.payouts.create(promoter_id=1)).amount == 0  # nothing left unpaid
    done = await client.v1.payouts.update(id=created.id, status="completed")
    assert done.status == "completed"
    assert done.date_paid is not None
    assert [p.id async for p in client.v1.payouts.list(status="completed")] == [created.id]
