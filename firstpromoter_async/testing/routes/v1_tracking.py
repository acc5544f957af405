"""Fake v1 ``/track/...``: signups add leads, sales and refunds add commissions.

A sale of someone who is not a lead answers 204 (not a referral sale); a second sale or
refund with the same ``event_id`` answers 409 and adds nothing.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._http import body_of, json_response, state_of, v1_error
from .._state import FakeState, Record, now_iso
from ..domain.commissions import new_commission
from ..domain.v1_leads import assign_lead, new_lead, render_v1_lead
from ..domain.v1_promoters import find_membership, render_v1_promoter
from ..domain.v1_rewards import render_v1_reward

__all__ = ["routes"]

routes = web.RouteTableDef()
BASE = "/api/v1/track"

_BLANK_PERSON = "Error. Email and uid can not be blank!"
COMMISSION_PERCENT = 20
"""The share of a sale a promoter earns on the fake server."""


def _message(status: int, message: str) -> web.Response:
    return json_response({"message": message}, status)


def _find_lead(state: FakeState, body: dict[str, Any]) -> Record | None:
    leads = state.table("referrals")
    if body.get("uid"):
        lead = leads.find(uid=body["uid"])
        if lead is not None:
            return lead
    if body.get("email"):
        return leads.find(email=body["email"])
    return None


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
    return new_lead(
        state,
        email=body.get("email") or f"{body['uid']}@unknown.invalid",
        uid=body.get("uid"),
        promoter_id=membership["promoter_id"],
        campaign_id=membership["campaign_id"],
        **extra,
    )


def _event(
    state: FakeState,
    kind: str,
    lead: Record,
    *,
    amount_cents: int | None = None,
    commission: Record | None = None,
    event_id: str | None = None,
) -> web.Response:
    event = state.table("v1_tracking_events").insert(
        {
            "type": kind,
            "event_id": event_id,
            "lead_id": lead["id"],
            "commission_id": commission["id"] if commission else None,
            "created_at": now_iso(),
        }
    )
    promoter = state.table("promoters").get(lead["promoter_id"])
    return json_response(
        {
            "id": event["id"],
            "type": kind,
            "amount_cents": amount_cents,
            "reward": render_v1_reward(state, commission) if commission else None,
            "lead": render_v1_lead(state, lead, full=False),
            "promoter": render_v1_promoter(state, promoter, full=False) if promoter else None,
        }
    )


def _duplicate(state: FakeState, kind: str, event_id: str) -> web.Response | None:
    """A 409 when a sale (or refund) commission with this ``event_id`` exists already."""
    for commission in state.table("commissions"):
        if (
            commission["event_id"] == event_id
            and commission["commission_type"] == "sale"
            and ((commission.get("sale_amount") or 0) < 0) == (kind == "refund")
        ):
            return _message(409, f"The '{kind}' event with the id '{event_id}' already exists.")
    return None


def _money(state: FakeState, body: dict[str, Any], kind: str) -> tuple[int, str] | web.Response:
    """The amount and event id of a sale or refund, or the answer refusing it."""
    amount = int(body["amount"]) if str(body.get("amount", "")).lstrip("-").isdigit() else None
    if amount is None or (amount < 0 and kind == "sale"):
        return _message(400, "Error. Amount blank or invalid.")
    event_id = body.get("event_id")
    if not event_id:
        return _message(400, "Error. Event id can not be blank!")
    if not body.get("email") and not body.get("uid"):
        return _message(400, _BLANK_PERSON)
    return _duplicate(state, kind, event_id) or (amount, event_id)


def _commission(state: FakeState, lead: Record, sale_amount: int, event_id: str) -> Record:
    promoter = state.table("promoters").get(lead["promoter_id"])
    assert promoter is not None
    return new_commission(
        state,
        promoter=promoter,
        amount=abs(sale_amount) * COMMISSION_PERCENT // 100 * (1 if sale_amount >= 0 else -1),
        sale_amount=sale_amount,
        status="approved",
        event_id=event_id,
        referral=lead,
        campaign_id=lead["campaign_id"],
    )


@routes.post(BASE + "/signup")
async def track_signup(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    if not body.get("email") and not body.get("uid"):
        return _message(400, _BLANK_PERSON)
    membership = _referrer(state, body)
    if membership is None:
        return _message(
            404,
            "Visitor invalid, not found or you are trying to use the signup tracking test "
            "via API which doesn't work on API calls.",
        )
    lead = _find_lead(state, body)
    if lead is not None:
        if str(body.get("override_existing_lead")).lower() != "true":
            return json_response(
                {"transaction_id": "there is already a signup event registered on this lead"}, 422
            )
        assign_lead(lead, membership)
    else:
        fields = ("first_name", "last_name", "username", "website")
        lead = _new_lead(state, body, membership, **{k: body.get(k) for k in fields})
    promoter = state.table("promoters").get(membership["promoter_id"])
    if promoter is not None:
        promoter["stats"]["referrals_count"] += 1
    return _event(state, "signup", lead)


@routes.post(BASE + "/sale")
async def track_sale(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    checked = _money(state, body, "sale")
    if isinstance(checked, web.Response):
        return checked
    amount, event_id = checked
    lead = _find_lead(state, body)
    if lead is None:
        membership = _referrer(state, body)
        if membership is None:
            return web.Response(status=204)  # not a referral: nothing to track
        lead = _new_lead(state, body, membership)
    first_sale = lead["state"] != "active"
    lead["state"] = "active"
    lead["customer_since"] = lead.get("customer_since") or body.get("created_at") or now_iso()
    for field in ("first_name", "last_name"):
        if body.get(field):
            lead[field] = body[field]
    if body.get("plan"):
        lead["plan_name"] = body["plan"]
    commission = _commission(state, lead, amount, event_id)
    promoter = state.table("promoters").get(lead["promoter_id"])
    if promoter is not None:
        stats = promoter["stats"]
        stats["sales_count"] += 1
        stats["revenue_amount"] += amount
        if first_sale:
            stats["customers_count"] += 1
            stats["active_customers_count"] += 1
    return _event(
        state, "sale", lead, amount_cents=amount, commission=commission, event_id=event_id
    )


@routes.post(BASE + "/refund")
async def track_refund(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    checked = _money(state, body, "refund")
    if isinstance(checked, web.Response):
        return checked
    amount, event_id = checked
    lead = _find_lead(state, body)
    if lead is None:
        return web.Response(status=204)
    commission = _commission(state, lead, -abs(amount), event_id)
    promoter = state.table("promoters").get(lead["promoter_id"])
    if promoter is not None:
        promoter["stats"]["revenue_amount"] -= abs(amount)
    return _event(
        state, "refund", lead, amount_cents=-abs(amount), commission=commission, event_id=event_id
    )


@routes.post(BASE + "/cancellation")
async def track_cancellation(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    if not body.get("email") and not body.get("uid"):
        return _message(400, _BLANK_PERSON)
    lead = _find_lead(state, body)
    if lead is None:
        return v1_error(404, "Lead not found.")
    was_active = lead["state"] == "active"
    lead["state"] = "cancelled"
    lead["cancelled_at"] = body.get("created_at") or now_iso()
    promoter = state.table("promoters").get(lead["promoter_id"])
    if promoter is not None and was_active:
        promoter["stats"]["active_customers_count"] -= 1
    return _event(state, "cancellation", lead, event_id=body.get("event_id"))


@routes.post(BASE + "/subscriber")
async def track_subscriber(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    if not body.get("email") and not body.get("uid"):
        return _message(400, _BLANK_PERSON)
    membership = _referrer(state, body)
    if membership is None:
        named = body.get("tid") or body.get("ref_id")
        return (
            _message(404, "Visitor or referral id not found.")
            if named
            else web.Response(status=204)
        )
    lead = _find_lead(state, body)
    events = state.table("v1_tracking_events")
    if lead is not None and events.find(type="subscriber", lead_id=lead["id"]) is not None:
        return _message(409, "A subscriber event for this lead already exists.")
    if lead is None:
        lead = _new_lead(state, body, membership, lead_state="subscribed")
    return _event(state, "subscriber", lead)
