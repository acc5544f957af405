"""Tracked visitors, and leads and promoters as tracking answers show them; no HTTP."""

from __future__ import annotations

import secrets

from .._state import FakeState, Record, now_iso

__all__ = ["new_visitor", "render_lead", "render_tracking_promoter"]

_LEAD = "id state email uid customer_since cancelled_at plan_name created_at"
_LEAD_NONE = "username website split_promotion_id custom_fields split_percentage_value"
_PROMOTER = ("id", "cust_id", "email", "name", "note", "auth_token")
_PROMOTER_NONE = ("temp_password", "w8_form_url", "w9_form_url", "parent_promoter_id")


def new_visitor(state: FakeState, membership: Record, *, tid: str | None = None) -> Record:
    """A tracked visit of a promoter's referral link; its ``tid`` can be sent to signup."""
    tid = tid or f"tid_{secrets.token_hex(8)}"
    visit = {"tid": tid, "promoter_campaign_id": membership["id"], "created_at": now_iso()}
    return state.table("visitors").insert(visit)


def render_lead(referral: Record) -> Record:
    """A referral as the tracking answers show it."""
    shown = {key: referral.get(key) for key in _LEAD.split()}
    nothing = dict.fromkeys([*_LEAD_NONE.split(), "visitor_sub_id"])
    return {**shown, **nothing, "suspicion": "no_suspicion"}


def render_tracking_promoter(state: FakeState, referral: Record) -> Record | None:
    """The referral's promoter in the long shape of the tracking answers."""
    promoter = state.table("promoters").get(referral["promoter_id"])
    if promoter is None:
        return None
    memberships = state.table("promoter_campaigns")
    membership = memberships.find(promoter_id=promoter["id"], campaign_id=referral["campaign_id"])
    ref, cash = (membership or {}).get("ref_token"), (promoter.get("balances") or {}).get("cash")
    return {
        **{key: promoter.get(key) for key in _PROMOTER},
        **dict.fromkeys(_PROMOTER_NONE),
        "status": "active",
        "created_at": promoter.get("joined_at"),
        "default_promotion_id": (membership or {}).get("id"),
        "pref": ref,
        "default_ref_id": ref,
        "earnings_balance": {"cash": int(cash or 0)},
        "current_balance": {"cash": int(cash or 0)},
        "paid_balance": {"cash": 0},
    }
