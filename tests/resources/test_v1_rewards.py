"""v1 rewards: the operation on the wire, and rewards as the commissions v2 lists."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

from firstpromoter_async import AsyncFirstPromoter, InvalidRequestError
from firstpromoter_async.models.v1_reward import V1Reward
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_async.testing.domain.v1_leads import new_lead
from firstpromoter_async.testing.domain.v1_promoters import new_v1_promoter

from ..operations import Operation


def _ann_and_lead(fake: FakeFirstPromoter) -> None:
    new_v1_promoter(fake.state, email="ann@example.com", ref_id="ann")
    new_lead(fake.state, email="lead@example.com", uid="cus_lead", promoter_id=1)


OPERATIONS = [
    Operation(
        "v1.rewards.create",
        lambda fp: fp.v1.rewards.create(
            reward_type="points",
            amount=10,
            uid="cus_lead",
            status="pending",
            skip_email_notification=True,
        ),
        "POST",
        "/rewards/create",
        V1Reward,
        setup=_ann_and_lead,
        api="v1",
        form={
            "reward_type": "points",
            "amount": "10",
            "uid": "cus_lead",
            "status": "pending",
            "skip_email_notification": "true",
        },
    ),
]


async def test_rewards_fill_balances_and_are_v2_commissions(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _ann_and_lead(fake)
    cash = await client.v1.rewards.create(reward_type="cash", amount=500, ref_id="ann")
    assert cash.status == "approved"
    assert cash.unit == "cash"
    assert cash.amount == 500
    assert cash.lead is None
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
    assert sorted((c.unit, c.amount) for c in commissions) == [
        ("cash", 500),
        ("mon_discount", 300),
    ]


async def test_sync_client_round_trip(call, fake: FakeFirstPromoter) -> None:  # type: ignore[no-untyped-def]
    _ann_and_lead(fake)
    reward = await call(lambda fp: fp.v1.rewards.create(reward_type="credits", amount=5, lead_id=1))
    assert isinstance(reward, V1Reward)
    assert reward.unit == "credits"


async def _invoke(call: Callable[[Any], Any], client: AsyncFirstPromoter) -> None:
    result = call(client)
    if inspect.isawaitable(result):
        await result


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda fp: fp.v1.rewards.create(reward_type=None, amount=1, uid="u"), "reward_type"),
        (lambda fp: fp.v1.rewards.create(reward_type="bitcoin", amount=1, uid="u"), "reward_type"),
        (lambda fp: fp.v1.rewards.create(reward_type="cash", amount=None, uid="u"), "amount"),
        (lambda fp: fp.v1.rewards.create(reward_type="cash", amount=9.5, uid="u"), "amount"),
        (lambda fp: fp.v1.rewards.create(reward_type="cash", amount=True, uid="u"), "amount"),
        (lambda fp: fp.v1.rewards.create(reward_type="cash", amount="10", uid="u"), "amount"),
        (lambda fp: fp.v1.rewards.create(reward_type="points", amount=1), "lead_id"),
        (lambda fp: fp.v1.rewards.create(reward_type="points", amount=1, lead_id=0), "lead_id"),
        (lambda fp: fp.v1.rewards.create(reward_type="points", amount=1, ref_id="A"), "ref_id"),
        (
            lambda fp: fp.v1.rewards.create(reward_type="points", amount=1, uid="u", status="x"),
            "status",
        ),
    ],
)
async def test_invalid_arguments_send_nothing(
    client: AsyncFirstPromoter,
    fake: FakeFirstPromoter,
    call,
    param: str,  # type: ignore[no-untyped-def]
) -> None:
    with pytest.raises(InvalidRequestError) as info:
        await _invoke(call, client)
    assert info.value.param == param
    assert fake.state.journal == []
