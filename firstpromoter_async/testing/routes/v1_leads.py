"""Fake v1 ``/leads/...``: the leads are the v2 referrals (the shared ``referrals`` table)."""

from __future__ import annotations

import functools
from typing import Any

from aiohttp import web

from .._builders import Page, found_route, route
from .._state import FakeState, Record, Refused, now_iso
from ..domain.referrals import assign_referral
from ..domain.v1_leads import find_lead, new_lead, render_v1_lead
from ..domain.v1_promoters import find_membership, in_scope

routes = web.RouteTableDef()
BASE = "/api/v1/leads"

_STATES = frozenset({"signup", "subscribed", "active", "denied", "cancelled"})


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


@route(routes, "POST", BASE + "/create")
def create_lead(state: FakeState, body: dict[str, Any]) -> Record:
    email = body.get("email")
    if not email or "@" not in str(email):
        raise Refused(422, "Email is invalid")
    if not body.get("promotion_id") and not body.get("ref_id"):
        raise Refused(422, "You need to find the promotion either by promotion_id or ref_id.")
    membership = find_membership(state, body.get("promotion_id"), body.get("ref_id"))
    if membership is None:
        raise Refused(422, "Promotion not found.")
    if state.table("referrals").find(email=email) is not None:
        raise Refused(422, "Lead has already been taken")
    lead_state = body.get("state") or "signup"
    if lead_state not in _STATES:
        raise Refused(422, f"State {lead_state} is invalid")
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
    return render_v1_lead(state, lead)


_lead_route = functools.partial(found_route, routes, find=find_lead, missing="Lead not found.")


@_lead_route("PUT", BASE + "/update")
def _update(state: FakeState, lead: Record, body: dict[str, Any]) -> Record:
    if body.get("state") and body["state"] not in _STATES:
        raise Refused(422, f"State {body['state']} is invalid")
    if body.get("new_ref_id"):
        membership = find_membership(state, ref_id=body["new_ref_id"])
        if membership is None:
            raise Refused(422, "Promotion not found.")
        assign_referral(lead, membership)
    lead.update({key: body[f"new_{key}"] for key in ("uid", "email") if body.get(f"new_{key}")})
    if "customer_since" in body:
        lead["customer_since"] = _timestamp(body["customer_since"])
    if "plan_name" in body:
        lead["plan_name"] = body["plan_name"]
    if body.get("state"):
        _set_state(lead, body["state"])
    return render_v1_lead(state, lead)


@_lead_route("DELETE", BASE + "/delete")
def _delete(state: FakeState, lead: Record, body: dict[str, Any]) -> Record:
    state.table("referrals").delete(lead["id"])
    return {"message": "Lead removed."}


_lead_route("GET", BASE + "/show")(lambda state, lead, query: render_v1_lead(state, lead))


@route(routes, "GET", BASE + "/list")
def list_leads(state: FakeState, query: dict[str, Any]) -> Page:
    leads = state.table("referrals")
    scoped = [
        r for r in leads if in_scope(state, query, r.get("promoter_id"), r.get("campaign_id"))
    ]
    return Page([render_v1_lead(state, lead) for lead in scoped], always_link=True)
