"""Fake v1 ``/leads/...``: the leads are the v2 referrals (the shared ``referrals`` table)."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._http import body_of, json_response, query_of, state_of
from .._state import FakeState, Record, now_iso
from .v1_promoters import find_membership, render_promotion, render_v1_promoter, v1_error

__all__ = ["assign_lead", "find_lead", "new_lead", "render_v1_lead", "routes"]

routes = web.RouteTableDef()
BASE = "/api/v1/leads"

_STATES = frozenset({"signup", "subscribed", "active", "denied", "cancelled"})


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
    membership = state.table("promoter_campaigns").find(
        promoter_id=promoter_id, campaign_id=campaign_id
    )
    return state.table("referrals").insert(
        {
            "email": email,
            "uid": uid,
            "state": lead_state,
            "metadata": {},
            "entry_source": "api",
            "created_at": now_iso(),
            "customer_since": None,
            "cancelled_at": None,
            "fraud_check": "no_suspicion",
            "created_by_user_email": None,
            "username": None,
            "split_details": None,
            "first_name": None,
            "last_name": None,
            "website": None,
            "comment": None,
            "is_expired": False,
            "plan_name": None,
            "promoter_id": promoter_id,
            "campaign_id": campaign_id,
            "promoter_campaign_id": membership["id"] if membership else None,
            **extra,
        }
    )


def find_lead(state: FakeState, params: dict[str, Any]) -> Record | web.Response | None:
    """The lead named by ``id``, ``uid`` or ``email`` (``lead_id`` too); a 422 answer when
    none is given."""
    leads = state.table("referrals")
    lead_id = params.get("id") or params.get("lead_id")
    if lead_id:
        return leads.get(int(lead_id)) if str(lead_id).isdigit() else None
    if params.get("uid"):
        return leads.find(uid=params["uid"])
    if params.get("email"):
        return leads.find(email=params["email"])
    return v1_error(422, "You need to find the lead/customer either by id, uid or email.")


def render_v1_lead(state: FakeState, lead: Record, *, full: bool = True) -> Record:
    """A lead the v1 way; ``full=False`` leaves out its promotion and promoter."""
    rendered: Record = {
        "id": lead["id"],
        "state": lead["state"],
        "email": lead["email"],
        "uid": lead.get("uid"),
        "first_name": lead.get("first_name"),
        "last_name": lead.get("last_name"),
        "customer_since": lead.get("customer_since"),
        "cancelled_at": lead.get("cancelled_at"),
        "plan_name": lead.get("plan_name"),
        "suspicion": "no_suspicion",
        "username": lead.get("username"),
        "website": lead.get("website"),
        "created_at": lead["created_at"],
        "split_promotion_id": None,
        "custom_fields": None,
        "split_percentage_value": None,
        "visitor_sub_id": None,
    }
    if not full:
        return rendered
    membership = state.table("promoter_campaigns").find(
        promoter_id=lead.get("promoter_id"), campaign_id=lead.get("campaign_id")
    )
    promoter = state.table("promoters").get(lead.get("promoter_id") or 0)
    rendered["promotion"] = render_promotion(state, membership) if membership else None
    rendered["promoter"] = render_v1_promoter(state, promoter, full=False) if promoter else None
    return rendered


def assign_lead(lead: Record, membership: Record) -> None:
    """Make the promoter of ``membership`` the lead's referrer."""
    lead["promoter_id"] = membership["promoter_id"]
    lead["campaign_id"] = membership["campaign_id"]
    lead["promoter_campaign_id"] = membership["id"]


def _timestamp(value: Any) -> Any:
    """A date sent as ``YYYY-MM-DD`` stored as the API shows times (midnight UTC)."""
    if isinstance(value, str) and len(value) == 10:
        return f"{value}T00:00:00.000Z"
    return value or None


def _set_state(lead: Record, new_state: str) -> None:
    lead["state"] = new_state
    if new_state == "active" and not lead.get("customer_since"):
        lead["customer_since"] = now_iso()
    if new_state == "cancelled":
        lead["cancelled_at"] = now_iso()


@routes.post(BASE + "/create")
async def create_lead(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    email = body.get("email")
    if not email or "@" not in str(email):
        return v1_error(422, "Email is invalid")
    if not body.get("promotion_id") and not body.get("ref_id"):
        return v1_error(422, "You need to find the promotion either by promotion_id or ref_id.")
    membership = find_membership(
        state, promotion_id=body.get("promotion_id"), ref_id=body.get("ref_id")
    )
    if membership is None:
        return v1_error(422, "Promotion not found.")
    if state.table("referrals").find(email=email) is not None:
        return v1_error(422, "Lead has already been taken")
    lead_state = body.get("state") or "signup"
    if lead_state not in _STATES:
        return v1_error(422, f"State {lead_state} is invalid")
    lead = new_lead(
        state,
        email=email,
        uid=body.get("uid"),
        promoter_id=membership["promoter_id"],
        campaign_id=membership["campaign_id"],
        customer_since=_timestamp(body.get("customer_since")),
        plan_name=body.get("plan_name"),
    )
    _set_state(lead, lead_state)
    return json_response(render_v1_lead(state, lead))


@routes.put(BASE + "/update")
async def update_lead(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    lead = find_lead(state, body)
    if isinstance(lead, web.Response):
        return lead
    if lead is None:
        return v1_error(404, "Lead not found.")
    if body.get("state") and body["state"] not in _STATES:
        return v1_error(422, f"State {body['state']} is invalid")
    if body.get("new_ref_id"):
        membership = find_membership(state, ref_id=body["new_ref_id"])
        if membership is None:
            return v1_error(422, "Promotion not found.")
        assign_lead(lead, membership)
    if body.get("new_uid"):
        lead["uid"] = body["new_uid"]
    if body.get("new_email"):
        lead["email"] = body["new_email"]
    if "customer_since" in body:
        lead["customer_since"] = _timestamp(body["customer_since"])
    if "plan_name" in body:
        lead["plan_name"] = body["plan_name"]
    if body.get("state"):
        _set_state(lead, body["state"])
    return json_response(render_v1_lead(state, lead))


@routes.get(BASE + "/show")
async def show_lead(request: web.Request) -> web.Response:
    state = state_of(request)
    lead = find_lead(state, query_of(request))
    if isinstance(lead, web.Response):
        return lead
    if lead is None:
        return v1_error(404, "Lead not found.")
    return json_response(render_v1_lead(state, lead))


@routes.delete(BASE + "/delete")
async def delete_lead(request: web.Request) -> web.Response:
    state = state_of(request)
    lead = find_lead(state, await body_of(request))
    if isinstance(lead, web.Response):
        return lead
    if lead is None:
        return v1_error(404, "Lead not found.")
    state.table("referrals").delete(lead["id"])
    return json_response({"message": "Lead removed."})
