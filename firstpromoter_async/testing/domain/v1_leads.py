"""Records of v1 leads: the v2 referrals shown the v1 way: factories and renderers, no HTTP."""

from __future__ import annotations

from typing import Any

from .._state import FakeState, Record, Refused
from .promoters import membership_of
from .referrals import referral_record
from .v1_promoters import render_promotion, render_v1_promoter

__all__ = ["find_lead", "new_lead", "render_v1_lead"]

_SHOWN = "id state email uid first_name last_name customer_since cancelled_at plan_name"


def new_lead(
    state: FakeState,
    *,
    email: str,
    promoter_id: int,
    campaign_id: int = 1,
    uid: str | None = None,
    lead_state: str = "signup",
    **extra: Any,
) -> Record:
    """Create a lead (a ``referrals`` record) referred by ``promoter_id`` in ``campaign_id``.

    The record has the fields v2 shows for a referral (``promoter_campaign_id`` names the
    promoter's membership); ``extra`` may set ``customer_since``, ``plan_name``,
    ``first_name``, ``last_name``, ``username``, ``website``.
    """
    membership = membership_of(state, promoter_id, campaign_id)
    return state.table("referrals").insert(
        referral_record(
            email=email,
            uid=uid,
            state=lead_state,
            promoter_id=promoter_id,
            campaign_id=campaign_id,
            promoter_campaign_id=membership["id"] if membership else None,
            **{"plan_name": None, **extra},
        )
    )


def find_lead(state: FakeState, params: dict[str, Any]) -> Record | None:
    """The lead named by ``id``, ``uid`` or ``email`` (``lead_id`` too); refused (422)
    when none is given."""
    leads = state.table("referrals")
    lead_id = params.get("id") or params.get("lead_id")
    if lead_id:
        return leads.get(int(lead_id)) if str(lead_id).isdigit() else None
    if params.get("uid"):
        return leads.find(uid=params["uid"])
    if params.get("email"):
        return leads.find(email=params["email"])
    raise Refused(422, "You need to find the lead/customer either by id, uid or email.")


def render_v1_lead(state: FakeState, lead: Record, *, full: bool = True) -> Record:
    """A lead the v1 way; ``full=False`` leaves out its promotion and promoter."""
    rendered: Record = {key: lead.get(key) for key in _SHOWN.split()}
    rendered["suspicion"] = "no_suspicion"
    rendered |= {key: lead.get(key) for key in ("username", "website", "created_at")}
    rendered |= dict.fromkeys(("split_promotion_id", "custom_fields", "split_percentage_value"))
    rendered["visitor_sub_id"] = None
    if not full:
        return rendered
    membership = membership_of(state, lead.get("promoter_id"), lead.get("campaign_id"))
    promoter = state.table("promoters").get(lead.get("promoter_id") or 0)
    rendered["promotion"] = render_promotion(state, membership) if membership else None
    rendered["promoter"] = render_v1_promoter(state, promoter, full=False) if promoter else None
    return rendered
