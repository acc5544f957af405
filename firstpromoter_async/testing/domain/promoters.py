"""Promoters and their campaign memberships (campaigns made on demand); no HTTP."""

from __future__ import annotations

import re
from typing import Any

from .._state import FakeState, Record, now_iso

__all__ = ["ensure_campaign", "join_campaign", "membership_of", "new_promoter", "render_promoter"]

_STATS = ["clicks_count", "referrals_count", "sales_count", "customers_count", "revenue_amount"]
_STATS.append("active_customers_count")


def ensure_campaign(state: FakeState, id: int = 1, name: str | None = None) -> Record:
    """The campaign ``id``, created when missing."""
    campaigns = state.table("campaigns")
    made = {"id": id, "name": name or f"Campaign {id}", "color": "#3b82f6", "created_at": now_iso()}
    return campaigns.get(id) or campaigns.insert(made)


def membership_of(state: FakeState, promoter_id: Any, campaign_id: Any) -> Record | None:
    """The promoter's membership of the campaign, if any."""
    return state.table("promoter_campaigns").find(promoter_id=promoter_id, campaign_id=campaign_id)


def join_campaign(state: FakeState, promoter: Record, campaign_id: int, status: str) -> Record:
    """Add (or re-state) the promoter's membership of a campaign."""
    membership = membership_of(state, promoter["id"], campaign_id)
    if membership is None:
        campaign = ensure_campaign(state, campaign_id)
        # ref ids hold only lower-case letters, digits, '-' and '_'
        ref = re.sub(r"[^a-z0-9_-]", "", promoter["email"].split("@")[0].lower()) + str(
            promoter["id"]
        )
        membership = state.table("promoter_campaigns").insert(
            {
                "campaign_id": campaign_id,
                "promoter_id": promoter["id"],
                "state": status,
                "created_at": now_iso(),
                "campaign": {k: campaign[k] for k in ("id", "name", "color")},
                "coupon": None,
                "ref_token": ref,
                "ref_link": f"https://example.com/?fpr={ref}",
            }
        )
    membership["state"] = status
    return membership


def new_promoter(
    state: FakeState,
    *,
    email: str,
    cust_id: str | None = None,
    profile: dict[str, Any] | None = None,
    campaign_id: int | None = 1,
    campaign_state: str = "accepted",
) -> Record:
    """Create a promoter record (and its first campaign membership)."""
    profile = dict(profile or {})
    first = profile.get("first_name") or email.split("@")[0].capitalize()
    last = profile.get("last_name") or ""
    profile.setdefault("first_name", first)
    profile.setdefault("last_name", last)
    promoter = state.table("promoters").insert(
        {
            "email": email,
            "name": f"{first} {last}".strip(),
            "cust_id": cust_id,
            "note": None,
            "stats": dict.fromkeys(_STATS, 0),
            "is_customized": False,
            "fraud_suspicions": [],
            "is_confirmed": True,
            "invoice_details_status": "pending",
            "profile": profile,
            "joined_at": now_iso(),
            **dict.fromkeys(
                ("last_login_at", "archived_at", "password_setup_url", "first_event_at")
            ),
            "custom_fields": {},
            "balances": dict.fromkeys(("cash", "credits", "points", "free_months", "discount"), 0),
            "track_ad_traffic": False,
            **dict.fromkeys(("auth_provider", "selected_payout_method", "parent_promoter")),
        }
    )
    promoter["auth_token"] = f"tok_{promoter['id']:06d}"
    if campaign_id is not None:
        join_campaign(state, promoter, campaign_id, campaign_state)
    return promoter


def render_promoter(state: FakeState, promoter: Record) -> Record:
    """A promoter as the API shows it, memberships included."""
    memberships = [dict(m) for m in state.table("promoter_campaigns")]
    memberships = [m for m in memberships if m["promoter_id"] == promoter["id"]]
    shown = {k: v for k, v in promoter.items() if k != "auth_token"}
    return {**shown, "promoter_campaigns": memberships}
