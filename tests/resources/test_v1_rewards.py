"""v1 rewards: the operation on the wire, and rewards as the commissions v2 lists."""

from __future__ import annotations

from firstpromoter_async import AsyncFirstPromoter
from firstpromoter_async.models.v1_reward import V1Reward
from firstpromoter_async.testing import FakeFirstPromoter

from ..operations import bad, bad_from, row
from ._v1 import ann_and_lead, ann_reward

OPERATIONS = [
    row(
        "v1.rewards.create",
        "POST",
        V1Reward,
        ann_and_lead,
        reward_type="points",
        amount=10,
        uid="cus_lead",
        status="pending",
        skip_email_notification=True,
    ),
    row("v1.rewards.list", "GET", V1Reward, ann_reward, promotion_id=1, promoter_id=1),
    row("v1.rewards.update", "PUT", V1Reward, ann_reward, event_id="evt_1", status="denied"),
]


_create = bad_from("v1.rewards.create", reward_type="points", amount=1)


INVALID = [
    _create("reward_type", reward_type=None, uid="u"),
    _create("reward_type", reward_type="bitcoin", uid="u"),
    _create("amount", amount=None, uid="u"),
    _create("amount", amount=9.5, uid="u"),
    _create("amount", amount=True, uid="u"),
    _create("amount", amount="10", uid="u"),
    _create("lead_id"),
    _create("lead_id", lead_id=0),
    _create("ref_id", ref_id="A"),
    _create("status", uid="u", status="x"),
    bad("v1.rewards.list", "promoter_id", promoter_id=-1),
    bad("v1.rewards.update", "id", status="denied"),
    bad("v1.rewards.update", "fields", id=1),
    bad("v1.rewards.update", "status", id=1, status="paid"),
]


async def test_rewards_fill_balances_and_are_v2_commissions(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    ann_and_lead(fake)
    cash = await client.v1.rewards.create(reward_type="cash", amount=500, ref_id="ann")
    assert (cash.status, cash.unit, cash.amount, cash.lead) == ("approved", "cash", 500, None)
    assert cash.promotion is not None
    assert cash.promotion.ref_id == "ann"
    assert cash.promoter is not None
    assert cash.promoter.earnings_balance == {"cash": 500}

    for_lead = await client.v1.rewards.create(
        reward_type="discount_mon", amount=300, email="lead@example.com"
    )
    assert for_lead.unit == "discount_mon"
    assert for_lead.lead is not None
    assert for_lead.lead.uid == "cus_lead"

    promoter = await client.v1.promoters.retrieve(ref_id="ann")
    assert promoter.earnings_balance == {"cash": 500, "discount_mon": 300}
    assert promoter.current_balance == {"cash": 500, "discount_mon": 300}
    assert promoter.paid_balance is None
    commissions = [c async for c in client.commissions.list()]
    assert sorted((c.unit, c.amount) for c in commissions) == [("cash", 500), ("mon_discount", 300)]


async def test_update_changes_the_listed_reward(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    ann_reward(fake)
    denied = await client.v1.rewards.update(id=1, status="denied")
    assert denied.status == "denied"
    assert [(r.id, r.status) async for r in client.v1.rewards.list(ref_id="ann")] == [(1, "denied")]
    assert [r async for r in client.v1.rewards.list(campaign_id=2)] == []


async def test_sync_client_round_trip(call, fake: FakeFirstPromoter) -> None:  # type: ignore[no-untyped-def]
    ann_and_lead(fake)
    reward = await call(lambda fp: fp.v1.rewards.create(reward_type="credits", amount=5, lead_id=1))
    assert isinstance(reward, V1Reward)
    assert reward.unit == "credits"
