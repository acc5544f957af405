"""Tracked visitors, and leads and promoters as tracking answers show them; no HTTP."""

from __future__ import annotations

import secrets
from typing import Any

from .._state import FakeState, Record, Refused, now_iso
from .commissions import new_commission
from .promoters import membership_of

__all__ = ["bump", "find_person", "new_visitor", "render_lead", "render_tracking_promoter"]
__all__ += ["NO_VISITOR", "SIGNED_UP", "sale_commission"]

COMMISSION_PERCENT = 20
"""The share of a tracked sale a promoter earns on the fake server."""
NO_VISITOR = (
    "Visitor invalid, not found or you are trying to use the signup tracking test via API "
    "which doesn't work on API calls."
)
"""Why a signup naming no visitor or referrer is refused (404, v1 and v2)."""
SIGNED_UP = {"transaction_id": "there is already a signup event registered on this lead"}
"""The answer (422) to a second signup of a lead (v1 and v2)."""

_LEAD = "id state email uid customer_since cancelled_at plan_name created_at"
_LEAD_NONE = "username website split_promotion_id custom_fields split_percentage_value"
_PROMOTER = ("id", "cust_id", "email", "name", "note", "auth_token")
_PROMOTER_NONE = ("temp_password", "w8_form_url", "w9_form_url", "parent_promoter_id")


def new_visitor(state: FakeState, membership: Record, *, tid: str | None = None) -> Record:
    """A tracked visit of a promoter's referral link; its ``tid`` can be sent to signup."""
    tid = tid or f"tid_{secrets.token_hex(8)}"
    visit = {"tid": tid, "promoter_campaign_id": membership["id"], "created_at": now_iso()}
    return state.table("visitors").insert(visit)


def find_person(state: FakeState, body: dict[str, Any]) -> Record | None:
    """The referral (v1: lead) the body's ``uid`` (first) or ``email`` names; refused 400 when
    neither is given."""
    uid, email = (None if body.get(k) in (None, "") else str(body[k]) for k in ("uid", "email"))
    if uid is None and email is None:
        raise Refused(400, "Error. Email and uid can not be blank!", None)
    referrals = state.table("referrals")
    found = referrals.find(uid=uid) if uid is not None else None
    return found or (referrals.find(email=email) if email is not None else None)


def bump(state: FakeState, referral: Record, **by: int) -> None:
    """Add ``by`` to the stats of the referral's promoter."""
    promoter = state.table("promoters").get(referral["promoter_id"])
    stats = promoter.get("stats") if promoter else None
    if isinstance(stats, dict):
        stats.update({stat: int(stats.get(stat) or 0) + n for stat, n in by.items()})


def sale_commission(state: FakeState, referral: Record, amount: int, **fields: Any) -> Record:
    """The commission of the referral's promoter on a tracked sale (a refund: ``amount`` < 0)."""
    promoter = state.table("promoters").get(referral["promoter_id"])
    share = abs(amount) * COMMISSION_PERCENT // 100 * (1 if amount >= 0 else -1)
    fields |= {"amount": share, "sale_amount": amount, "campaign_id": referral["campaign_id"]}
    return new_commission(state, promoter=promoter or {}, referral=referral, **fields)


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
    membership = membership_of(state, promoter["id"], referral["campaign_id"])
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
