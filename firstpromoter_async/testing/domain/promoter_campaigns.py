"""Promoter campaigns (memberships) as the API shows them; no HTTP."""

from __future__ import annotations

from typing import Any

from .._state import FakeState, Record
from .reports import events_of, figures

__all__ = ["DEFAULT_REWARD", "render_promoter_campaign"]


DEFAULT_REWARD: Record = {
    "apply_on": "all",
    "product_ids": [],
    "reward_id": 1,
    "reward": {
        "name": "20% recurring commission",
        "promoter_reward_type": "per_referral",
        "hide_reward": False,
        "tier_level": 1,
        "coupon": None,
    },
    "products": [],
}


def membership_events(state: FakeState, membership: Record) -> list[Any]:
    return [
        e
        for e in events_of(state)
        if e.promoter_id == membership["promoter_id"] and e.campaign_id == membership["campaign_id"]
    ]


def render_promoter_campaign(state: FakeState, membership: Record) -> Record:
    """A membership as the promoter_campaigns endpoints show it."""
    promoter = state.table("promoters").get(membership["promoter_id"]) or {}
    totals = figures(membership_events(state, membership))
    promoter_custom = bool(membership.get("promoter_rewards_customized"))
    referral_custom = bool(membership.get("referral_rewards_customized"))
    return {
        "id": membership["id"],
        "campaign_id": membership["campaign_id"],
        "promoter_id": membership["promoter_id"],
        "created_at": membership.get("created_at"),
        "promoter": {k: promoter.get(k) for k in ("id", "email", "name")},
        "campaign": membership.get("campaign"),
        "state": membership.get("state"),
        "stats": {
            "clicks_count": totals["clicks_count"],
            "referrals_count": totals["referrals_count"],
            "sales_count": totals["sales_count"],
            "customers_count": totals["customers_count"],
            "revenue_amount": totals["revenue_amount"],
        },
        "coupon": membership.get("coupon"),
        "display_coupon": membership.get("display_coupon"),
        "ref_token": membership.get("ref_token"),
        "ref_link": membership.get("ref_link"),
        "is_customized": promoter_custom or referral_custom,
        "direct_url": membership.get("direct_url"),
        "referral_rewards_customized": referral_custom,
        "promoter_rewards_customized": promoter_custom,
        "rewards_for_promoters": membership.get("rewards_for_promoters") or [DEFAULT_REWARD],
        "rewards_for_referrals": membership.get("rewards_for_referrals") or [],
        "promo_codes": [
            c["code"]
            for c in state.table("promo_codes")
            if c.get("promoter_campaign_id") == membership["id"] and c.get("archived_at") is None
        ],
    }
