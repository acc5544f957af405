"""Promoter campaigns (memberships) as the API shows them; no HTTP."""

from __future__ import annotations

from .._state import FakeState, Record
from .reports import ReportEvent, events_of, figures

__all__ = ["DEFAULT_REWARD", "membership_events", "render_promoter_campaign"]

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
_SHOWN = "id campaign_id promoter_id created_at campaign state coupon display_coupon ref_token"
_SHOWN_TOO = "ref_link direct_url"
_STATS = "clicks_count referrals_count sales_count customers_count revenue_amount"
_CUSTOM = ("promoter_rewards_customized", "referral_rewards_customized")


def membership_events(state: FakeState, membership: Record) -> list[ReportEvent]:
    """The report events of the membership's promoter in its campaign."""
    owner = (membership["promoter_id"], membership["campaign_id"])
    return [e for e in events_of(state) if (e.promoter_id, e.campaign_id) == owner]


def render_promoter_campaign(state: FakeState, membership: Record) -> Record:
    """A membership as the promoter_campaigns endpoints show it."""
    promoter = state.table("promoters").get(membership["promoter_id"]) or {}
    totals = figures(membership_events(state, membership))
    custom = {key: bool(membership.get(key)) for key in _CUSTOM}
    codes = state.table("promo_codes")
    return {
        **{key: membership.get(key) for key in f"{_SHOWN} {_SHOWN_TOO}".split()},
        "promoter": {key: promoter.get(key) for key in ("id", "email", "name")},
        "stats": {key: totals[key] for key in _STATS.split()},
        "is_customized": any(custom.values()),
        **custom,
        "rewards_for_promoters": membership.get("rewards_for_promoters") or [DEFAULT_REWARD],
        "rewards_for_referrals": membership.get("rewards_for_referrals") or [],
        "promo_codes": [
            c["code"]
            for c in codes
            if c.get("promoter_campaign_id") == membership["id"] and c.get("archived_at") is None
        ],
    }
