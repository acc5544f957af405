"""Records of commissions: factories and renderers, no HTTP."""

from __future__ import annotations

from typing import Any

from .._state import FakeState, Record, now_iso
from .promoters import ensure_campaign, membership_of

__all__ = ["new_commission"]


def new_commission(
    state: FakeState,
    *,
    promoter: Record,
    amount: int,
    sale_amount: int = 0,
    status: str = "pending",
    commission_type: str = "sale",
    unit: str = "cash",
    event_id: str | None = None,
    referral: Record | None = None,
    campaign_id: int = 1,
    **extra: Any,
) -> Record:
    """Create a commission record earned by ``promoter``."""
    campaign = ensure_campaign(state, campaign_id)
    membership = membership_of(state, promoter["id"], campaign_id)
    created = now_iso()
    return state.table("commissions").insert(
        {
            "status": status,
            "metadata": {},
            "commission_type": commission_type,
            "sale_amount": sale_amount,
            "original_sale_amount": sale_amount,
            "original_sale_currency": "USD",
            "event_id": event_id,
            "tier": 1,
            "unit": unit,
            "fraud_check": "no_suspicion",
            "amount": amount,
            "created_at": created,
            "promoter_campaign": {
                "id": membership["id"] if membership else 0,
                "campaign_id": campaign_id,
                "promoter_id": promoter["id"],
                "created_at": created,
                "promoter": {k: promoter[k] for k in ("id", "email", "name")},
                "campaign": {k: campaign[k] for k in ("id", "name", "color")},
            },
            "referral": {k: referral.get(k) for k in ("id", "email", "uid")} if referral else None,
            "reward": {"id": 1, "name": "20% recurring commission"},
            **dict.fromkeys(("is_self_referral", "is_paid", "is_split", "is_fulfilled"), False),
            **dict.fromkeys(("created_by_user_email", "created_by_user_at", "plan_id")),
            **dict.fromkeys(
                ("internal_note", "external_note", "status_updated_at", "split_details")
            ),
            **extra,
        }
    )
