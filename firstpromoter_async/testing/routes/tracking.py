"""Fake ``/track/...`` (v2): signups create referrals, sales and refunds create commissions.

Referrals are made with ``domain.referrals.new_referral``; every tracked event is kept in
``tracking_events``, which is how a repeated sale or refund ``event_id`` is refused with 409
instead of creating a second commission. A ``tid`` must be a visitor created with
``new_visitor``; a ``ref_id`` is a membership's ``ref_token``.
"""

from __future__ import annotations

import contextlib
from typing import Any

from aiohttp import web

from .._builders import route
from .._http import json_response
from .._state import FakeState, Record, Refused, now_iso
from ..domain import tracking
from ..domain.referrals import new_referral

routes = web.RouteTableDef()
BASE = "/api/v2/track"
_NO_REFERRAL = "Referral corresponding to email or uid parameter not found or promoter is banned."
_EVENT = "sale_amount original_sale_amount original_sale_currency event_id plan_id billing_period"


def _text(body: dict[str, Any], key: str) -> str | None:
    value = body.get(key)
    return None if value is None or value == "" else str(value)


def _event(state: FakeState, etype: str, referral: Record, **fields: Any) -> Record:
    event = {"etype": etype, **dict.fromkeys(_EVENT.split()), "created_at": now_iso()}
    person = {k: referral.get(k) for k in ("id", "email", "uid")}
    return state.table("tracking_events").insert(
        {**event, "referral": person, "commissions": [], **fields}
    )


def _signup(state: FakeState, body: dict[str, Any]) -> Record:
    memberships, tid, ref_id = (
        state.table("promoter_campaigns"),
        body.get("tid"),
        body.get("ref_id"),
    )
    visitor = state.table("visitors").find(tid=str(tid)) if tid else None
    if visitor is not None:
        membership, source = memberships.get(visitor["promoter_campaign_id"]), "cookie"
    else:
        membership, source = memberships.find(ref_token=str(ref_id)) if ref_id else None, "api"
    promoter = state.table("promoters").get(membership["promoter_id"]) if membership else None
    if membership is None or membership.get("state") == "blocked" or promoter is None:
        raise Refused(404, tracking.NO_VISITOR, None)
    email, uid, campaign_id = _text(body, "email"), _text(body, "uid"), membership["campaign_id"]
    return new_referral(
        state, promoter=promoter, email=email, uid=uid, campaign_id=campaign_id, entry_source=source
    )


def _money(state: FakeState, body: dict[str, Any], etype: str) -> tuple[Record | None, int, str]:
    """The referral, amount and event id of a sale or refund (refused when missing or seen)."""
    referral, amount = tracking.find_person(state, body), body.get("amount")
    if isinstance(amount, str) and amount.lstrip("-").isdigit():
        amount = int(amount)
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise Refused(400, "Error. Amount blank or invalid.", None)
    event_id = _text(body, "event_id")
    if event_id is None:
        raise Refused(400, "Error. Event id blank or invalid.", None)
    if state.table("tracking_events").find(etype=etype, event_id=event_id) is not None:
        raise Refused(409, f"The '{etype}' event with the id '{event_id}' already exists.", None)
    return referral, amount, event_id


@route(routes, "POST", BASE + "/signup")
def track_signup(state: FakeState, body: dict[str, Any]) -> Any:
    if tracking.find_person(state, body) is not None:
        return json_response(tracking.SIGNED_UP, 422)
    return _event(state, "signup", _signup(state, body))


@route(routes, "POST", BASE + "/sale")
def track_sale(state: FakeState, body: dict[str, Any]) -> Record:
    referral, amount, event_id = _money(state, body, "sale")
    if referral is None and (_text(body, "tid") or _text(body, "ref_id")):
        with contextlib.suppress(Refused):
            referral = _signup(state, body)
    memberships = state.table("promoter_campaigns")
    owner = referral and {k: referral[k] for k in ("promoter_id", "campaign_id")}
    membership = memberships.find(**owner) if owner else None
    promoter = state.table("promoters").get(owner["promoter_id"]) if owner else None
    if referral is None or promoter is None or (membership or {}).get("state") == "blocked":
        raise Refused(404, _NO_REFERRAL, "not_found")
    plan = _text(body, "plan")
    commission = tracking.sale_commission(state, referral, amount, event_id=event_id, plan_id=plan)
    if referral["state"] != "active":
        referral["state"] = "active"
        referral["customer_since"] = referral.get("customer_since") or now_iso()
        tracking.bump(state, referral, customers_count=1, active_customers_count=1)
    tracking.bump(state, referral, sales_count=1, revenue_amount=amount)
    sale = {"sale_amount": amount, "original_sale_amount": amount, "event_id": event_id}
    currency = _text(body, "currency")
    sale |= {"original_sale_currency": currency, "plan_id": plan, "commissions": [commission]}
    return _event(state, "sale", referral, **sale)


def _answer(state: FakeState, event: Record, referral: Record, **fields: Any) -> Record:
    """A refund's or cancellation's answer: the event, its reward, lead and promoter."""
    shown = {"id": event["id"], "type": event["etype"], "lead": tracking.render_lead(referral)}
    return {**shown, **fields, "promoter": tracking.render_tracking_promoter(state, referral)}


@route(routes, "POST", BASE + "/refund")
def track_refund(state: FakeState, body: dict[str, Any]) -> Record | None:
    referral, amount, event_id = _money(state, body, "refund")
    promoter = state.table("promoters").get(referral["promoter_id"]) if referral else None
    if referral is None or promoter is None:
        return None  # not a referred customer: nothing to do (204)
    note = f"Refund of {_text(body, 'sale_event_id') or 'a sale'}"
    commission = tracking.sale_commission(
        state, referral, -amount, event_id=event_id, internal_note=note
    )
    tracking.bump(state, referral, revenue_amount=-amount)
    event = _event(state, "refund", referral, event_id=event_id, sale_amount=-amount)
    reward = {k: commission[k] for k in ("id", "status", "amount", "unit", "created_at")}
    reward |= {
        "lead": tracking.render_lead(referral),
        "event_id": event_id,
        "conversion_amount": -amount,
    }
    reward |= {"tier_level": 1, "split_type": None}
    return _answer(state, event, referral, amount_cents=-amount, reward=reward)


@route(routes, "POST", BASE + "/cancellation")
def track_cancellation(state: FakeState, body: dict[str, Any]) -> Record:
    referral = tracking.find_person(state, body)
    if referral is None:
        raise Refused(404, _NO_REFERRAL, "not_found")
    if referral["state"] != "cancelled":
        if referral["state"] == "active":
            tracking.bump(state, referral, active_customers_count=-1)
        referral.update(state="cancelled", cancelled_at=now_iso())
    event = _event(state, "cancellation", referral)
    return _answer(state, event, referral, amount_cents=None, reward=None)
