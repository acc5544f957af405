"""Tracked visitors, and leads and promoters as tracking answers show them; no HTTP."""

from __future__ import annotations

import secrets

from .._state import FakeState, Record, now_iso

__all__ = ["new_visitor", "render_lead", "render_tracking_promoter"]


def new_visitor(state: FakeState, membership: Record, *, tid: str | None = None) -> Record:
    """A tracked visit of a promoter's referral link; its ``tid`` can be sent to signup."""
    return state.table("visitors").insert(
        {
            "tid": tid or f"tid_{secrets.token_hex(8)}",
            "promoter_campaign_id": membership["id"],
            "created_at": now_iso(),
        }
    )


def render_lead(referral: Record) -> Record:
    """A referral as the tracking answers show it."""
    return {
        "id": referral["id"],
        "state": referral["state"],
        "email": referral.get("email"),
        "uid": referral.get("uid"),
        "customer_since": referral.get("customer_since"),
        "cancelled_at": referral.get("cancelled_at"),
        "plan_name": referral.get("plan_name"),
        "suspicion": "no_suspicion",
        "username": None,
        "website": None,
        "created_at": referral["created_at"],
        "split_promotion_id": None,
        "custom_fields": None,
        "split_percentage_value": None,
        "visitor_sub_id": None,
    }


def render_tracking_promoter(state: FakeState, referral: Record) -> Record | None:
    """The referral's promoter in the long shape of the tracking answers."""
    promoter = state.table("promoters").get(referral["promoter_id"])
    if promoter is None:
        return None
    membership = state.table("promoter_campaigns").find(
        promoter_id=promoter["id"], campaign_id=referral["campaign_id"]
    )
    balances = promoter.get("balances") or {}
    cash = int(balances.get("cash") or 0)
    return {
        "id": promoter["id"],
        "status": "active",
        "cust_id": promoter.get("cust_id"),
        "email": promoter["email"],
        "name": promoter.get("name"),
        "created_at": promoter.get("joined_at"),
        "temp_password": None,
        "default_promotion_id": membership["id"] if membership else None,
        "pref": membership["ref_token"] if membership else None,
        "default_ref_id": membership["ref_token"] if membership else None,
        "note": promoter.get("note"),
        "w8_form_url": None,
        "w9_form_url": None,
        "parent_promoter_id": None,
        "earnings_balance": {"cash": cash},
        "current_balance": {"cash": cash},
        "paid_balance": {"cash": 0},
        "auth_token": promoter.get("auth_token"),
    }
