"""Setups of the v1 tests: the fake's usual promoter, her lead and its reward."""

from __future__ import annotations

from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_async.testing.domain.commissions import new_commission
from firstpromoter_async.testing.domain.v1_leads import new_lead
from firstpromoter_async.testing.domain.v1_promoters import new_v1_promoter


def ann(fake: FakeFirstPromoter) -> None:
    """A v1 promoter: Ann, cust_id ``cus_ann``, ref_id ``ann`` (id 1, token ``tok_000001``)."""
    new_v1_promoter(
        fake.state, email="ann@example.com", cust_id="cus_ann", ref_id="ann", first_name="Ann"
    )


def ann_and_lead(fake: FakeFirstPromoter) -> None:
    """``ann`` and her lead ``lead@example.com`` (uid ``cus_lead``, id 1)."""
    ann(fake)
    new_lead(fake.state, email="lead@example.com", uid="cus_lead", promoter_id=1)


def ann_reward(fake: FakeFirstPromoter) -> None:
    """``ann_and_lead`` and a 500-cent approved cash reward (id 1, ``evt_1``) for the lead."""
    ann_and_lead(fake)
    state = fake.state
    promoter, lead = state.table("promoters").get(1), state.table("referrals").get(1)
    assert promoter is not None
    new_commission(
        state,
        promoter=promoter,
        amount=500,
        sale_amount=2500,
        status="approved",
        event_id="evt_1",
        referral=lead,
    )
