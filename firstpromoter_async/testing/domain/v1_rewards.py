"""Records of v1 rewards: v2 commissions shown the v1 way: factories and renderers, no HTTP."""

from __future__ import annotations

from .._state import FakeState, Record
from .promoters import membership_of
from .v1_leads import render_v1_lead
from .v1_promoters import render_promotion, render_v1_promoter, v1_unit

__all__ = ["render_v1_reward"]


def render_v1_reward(state: FakeState, commission: Record) -> Record:
    """A commission the v1 way, with its lead, promoter and promotion."""
    pc = commission["promoter_campaign"]
    referral = commission.get("referral")
    lead = state.table("referrals").get(referral["id"]) if referral else None
    promoter = state.table("promoters").get(pc["promoter_id"])
    membership = membership_of(state, pc["promoter_id"], pc["campaign_id"])
    return {
        "id": commission["id"],
        "status": commission["status"],
        "amount": commission["amount"],
        "unit": v1_unit(commission["unit"]),
        "created_at": commission["created_at"],
        "lead": render_v1_lead(state, lead, full=False) if lead else None,
        "event_id": commission["event_id"],
        "conversion_amount": commission.get("sale_amount"),
        "tier_level": commission.get("tier"),
        "split_type": None,
        "promoter": render_v1_promoter(state, promoter, full=False) if promoter else None,
        "promotion": render_promotion(state, membership) if membership else None,
    }
