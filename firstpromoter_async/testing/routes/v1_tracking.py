"""Fake v1 ``/track/...``: signups add leads, sales and refunds add commissions.

A sale of someone who is not a lead answers 204 (not a referral sale); a second sale or
refund with the same ``event_id`` answers 409 and adds nothing. Refusals answer
``{"message"}``, except an unknown lead on a cancellation (``{"error"}``).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._builders import route
from .._http import json_response
from .._state import FakeState, Record, Refused, now_iso
from ..domain.referrals import assign_referral
from ..domain.tracking import NO_VISITOR, SIGNED_UP, bump, find_person, sale_commission
from ..domain.v1_leads import new_lead, render_v1_lead
from ..domain.v1_promoters import find_membership, render_v1_promoter
from ..domain.v1_rewards import render_v1_reward

routes = web.RouteTableDef()
BASE = "/api/v1/track"


def _referrer(state: FakeState, body: dict[str, Any]) -> Record | None:
    """The membership a new lead is assigned to: by ``ref_id``, ``promoter_email`` or a
    promoter's ``promo_code``."""
    if body.get("ref_id"):
        return find_membership(state, ref_id=body["ref_id"])
    if body.get("promo_code"):
        return state.table("promoter_campaigns").find(coupon=body["promo_code"])
    if body.get("promoter_email"):
        promoter = state.table("promoters").find(email=body["promoter_email"])
        if promoter is not None:
            return state.table("promoter_campaigns").find(promoter_id=promoter["id"])
    return None


def _new_lead(state: FakeState, body: dict[str, Any], membership: Record, **extra: Any) -> Record:
    """A lead for the person of ``body`` (``email`` and/or ``uid``) referred by ``membership``."""
    email = body.get("email") or f"{body['uid']}@unknown.invalid"
    owner = {"promoter_id": membership["promoter_id"], "campaign_id": membership["campaign_id"]}
    return new_lead(state, email=email, uid=body.get("uid"), **owner, **extra)


def _event(
    state: FakeState,
    kind: str,
    lead: Record,
    commission: Record | None = None,
    *,
    amount_cents: int | None = None,
    event_id: Any = None,
) -> Record:
    """Keep the event and answer it with its reward, lead and promoter."""
    made = {"type": kind, "event_id": event_id, "lead_id": lead["id"]}
    made |= {"commission_id": commission["id"] if commission else None, "created_at": now_iso()}
    stored = state.table("v1_tracking_events").insert(made)
    promoter = state.table("promoters").get(lead["promoter_id"])
    return {
        "id": stored["id"],
        "type": kind,
        "amount_cents": amount_cents,
        "reward": render_v1_reward(state, commission) if commission else None,
        "lead": render_v1_lead(state, lead, full=False),
        "promoter": render_v1_promoter(state, promoter, full=False) if promoter else None,
    }


def _money(state: FakeState, body: dict[str, Any], kind: str) -> tuple[int, Any, Record | None]:
    """The amount, event id and lead of a sale or refund (refused when invalid or seen)."""
    amount = int(body["amount"]) if str(body.get("amount", "")).lstrip("-").isdigit() else None
    if amount is None or (amount < 0 and kind == "sale"):
        raise Refused(400, "Error. Amount blank or invalid.", None)
    event_id = body.get("event_id")
    if not event_id:
        raise Refused(400, "Error. Event id can not be blank!", None)
    lead, commissions = find_person(state, body), state.table("commissions")
    seen = (
        (c["event_id"], c["commission_type"], (c.get("sale_amount") or 0) < 0) for c in commissions
    )
    if (event_id, "sale", kind == "refund") in seen:
        raise Refused(409, f"The '{kind}' event with the id '{event_id}' already exists.", None)
    return amount, event_id, lead


@route(routes, "POST", BASE + "/signup")
def track_signup(state: FakeState, body: dict[str, Any]) -> Any:
    lead = find_person(state, body)
    membership = _referrer(state, body)
    if membership is None:
        raise Refused(404, NO_VISITOR, None)
    if lead is not None:
        if str(body.get("override_existing_lead")).lower() != "true":
            return json_response(SIGNED_UP, 422)
        assign_referral(lead, membership)
    else:
        fields = ("first_name", "last_name", "username", "website")
        lead = _new_lead(state, body, membership, **{k: body.get(k) for k in fields})
    bump(state, lead, referrals_count=1)
    return _event(state, "signup", lead)


@route(routes, "POST", BASE + "/sale")
def track_sale(state: FakeState, body: dict[str, Any]) -> Any:
    amount, event_id, lead = _money(state, body, "sale")
    if lead is None:
        membership = _referrer(state, body)
        if membership is None:
            return None  # not a referral: nothing to track (204)
        lead = _new_lead(state, body, membership)
    first_sale = lead["state"] != "active"
    lead["state"] = "active"
    lead["customer_since"] = lead.get("customer_since") or body.get("created_at") or now_iso()
    lead.update({field: body[field] for field in ("first_name", "last_name") if body.get(field)})
    if body.get("plan"):
        lead["plan_name"] = body["plan"]
    commission = sale_commission(state, lead, amount, status="approved", event_id=event_id)
    bump(state, lead, sales_count=1, revenue_amount=amount)
    if first_sale:
        bump(state, lead, customers_count=1, active_customers_count=1)
    return _event(state, "sale", lead, commission, amount_cents=amount, event_id=event_id)


@route(routes, "POST", BASE + "/refund")
def track_refund(state: FakeState, body: dict[str, Any]) -> Any:
    amount, event_id, lead = _money(state, body, "refund")
    if lead is None:
        return None  # 204
    commission = sale_commission(state, lead, -abs(amount), status="approved", event_id=event_id)
    bump(state, lead, revenue_amount=-abs(amount))
    return _event(state, "refund", lead, commission, amount_cents=-abs(amount), event_id=event_id)


@route(routes, "POST", BASE + "/cancellation")
def track_cancellation(state: FakeState, body: dict[str, Any]) -> Any:
    lead = find_person(state, body)
    if lead is None:
        raise Refused(404, "Lead not found.")
    if lead["state"] == "active":
        bump(state, lead, active_customers_count=-1)
    lead.update(state="cancelled", cancelled_at=body.get("created_at") or now_iso())
    return _event(state, "cancellation", lead, event_id=body.get("event_id"))


@route(routes, "POST", BASE + "/subscriber")
def track_subscriber(state: FakeState, body: dict[str, Any]) -> Any:
    lead = find_person(state, body)
    membership = _referrer(state, body)
    if membership is None:
        named = body.get("tid") or body.get("ref_id")
        if named:
            raise Refused(404, "Visitor or referral id not found.", None)
        return None  # 204
    events = state.table("v1_tracking_events")
    if lead is not None and events.find(type="subscriber", lead_id=lead["id"]) is not None:
        raise Refused(409, "A subscriber event for this lead already exists.", None)
    if lead is None:
        lead = _new_lead(state, body, membership, lead_state="subscribed")
    return _event(state, "subscriber", lead)
