"""Fake ``/track/...`` (v2): signups create referrals, sales and refunds create commissions.

Referrals are made with ``routes.referrals.new_referral`` (table ``referrals``: ``id, email,
uid, state, promoter_id, campaign_id, created_at``, ``customer_since``, ...); every tracked event
is kept in ``tracking_events``, which is how a repeated sale or refund ``event_id`` is refused
with 409 instead of creating a second commission. A ``tid`` must be a visitor created with
``new_visitor``; a ``ref_id`` is a membership's ``ref_token``.
"""

from __future__ import annotations

import contextlib
from typing import Any

from aiohttp import web

from .._http import body_of, error, json_response, state_of
from .._state import FakeState, Record, Refused, now_iso
from ..domain.commissions import new_commission
from ..domain.referrals import new_referral
from ..domain.tracking import render_lead, render_tracking_promoter

__all__ = ["routes"]

routes = web.RouteTableDef()
BASE = "/api/v2/track"
COMMISSION_PERCENT = 20
_BLANK_PERSON = "Error. Email and uid can not be blank!"
_NO_VISITOR = (
    "Visitor invalid, not found or you are trying to use the signup tracking test via API "
    "which doesn't work on API calls."
)
_NO_REFERRAL = "Referral corresponding to email or uid parameter not found or promoter is banned."


def _bump(state: FakeState, referral: Record, stat: str, by: int) -> None:
    promoter = state.table("promoters").get(referral["promoter_id"])
    stats = promoter.get("stats") if promoter else None
    if isinstance(stats, dict):
        stats[stat] = int(stats.get(stat) or 0) + by


def _text(body: dict[str, Any], key: str) -> str | None:
    value = body.get(key)
    if value is None or value == "":
        return None
    return str(value)


def _find_referral(state: FakeState, body: dict[str, Any]) -> Record | None:
    referrals = state.table("referrals")
    uid, email = _text(body, "uid"), _text(body, "email")
    if uid is not None:
        found = referrals.find(uid=uid)
        if found is not None:
            return found
    return referrals.find(email=email) if email is not None else None


def _membership(state: FakeState, body: dict[str, Any]) -> tuple[Record | None, str]:
    """The promoter membership a signup is credited to, and the entry source."""
    memberships = state.table("promoter_campaigns")
    tid, ref_id = _text(body, "tid"), _text(body, "ref_id")
    if tid is not None:
        visitor = state.table("visitors").find(tid=tid)
        if visitor is not None:
            return memberships.get(visitor["promoter_campaign_id"]), "cookie"
    if ref_id is not None:
        return memberships.find(ref_token=ref_id), "api"
    return None, "api"


def _amount(body: dict[str, Any]) -> int | None:
    value = body.get("amount")
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return None


def _event(state: FakeState, etype: str, referral: Record, **fields: Any) -> Record:
    return state.table("tracking_events").insert(
        {
            "etype": etype,
            "sale_amount": None,
            "original_sale_amount": None,
            "original_sale_currency": None,
            "event_id": None,
            "plan_id": None,
            "billing_period": None,
            "created_at": now_iso(),
            "referral": {k: referral.get(k) for k in ("id", "email", "uid")},
            "commissions": [],
            **fields,
        }
    )


def _banned(state: FakeState, referral: Record) -> bool:
    membership = state.table("promoter_campaigns").find(
        promoter_id=referral["promoter_id"], campaign_id=referral["campaign_id"]
    )
    return membership is not None and membership.get("state") == "blocked"


def _signup(state: FakeState, body: dict[str, Any]) -> Record:
    membership, source = _membership(state, body)
    promoter = state.table("promoters").get(membership["promoter_id"]) if membership else None
    if membership is None or membership.get("state") == "blocked" or promoter is None:
        raise Refused(404, _NO_VISITOR, None)
    return new_referral(
        state,
        promoter=promoter,
        email=_text(body, "email"),
        uid=_text(body, "uid"),
        campaign_id=membership["campaign_id"],
        entry_source=source,
    )


def _person(body: dict[str, Any]) -> None:
    if _text(body, "email") is None and _text(body, "uid") is None:
        raise Refused(400, _BLANK_PERSON, None)


def _money(state: FakeState, body: dict[str, Any], etype: str) -> tuple[int, str]:
    """The amount and event id of a sale or refund (refused when missing or already seen)."""
    _person(body)
    amount = _amount(body)
    if amount is None or amount < 0:
        raise Refused(400, "Error. Amount blank or invalid.", None)
    event_id = _text(body, "event_id")
    if event_id is None:
        raise Refused(400, "Error. Event id blank or invalid.", None)
    if state.table("tracking_events").find(etype=etype, event_id=event_id) is not None:
        raise Refused(409, f"The '{etype}' event with the id '{event_id}' already exists.", None)
    return amount, event_id


@routes.post(BASE + "/signup")
async def track_signup(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    _person(body)
    if _find_referral(state, body) is not None:
        return json_response(
            {"transaction_id": "there is already a signup event registered on this lead"}, 422
        )
    return json_response(_event(state, "signup", _signup(state, body)))


@routes.post(BASE + "/sale")
async def track_sale(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    amount, event_id = _money(state, body, "sale")
    referral = _find_referral(state, body)
    if referral is None and (_text(body, "tid") or _text(body, "ref_id")):
        with contextlib.suppress(Refused):
            referral = _signup(state, body)
    if referral is None or _banned(state, referral):
        return error(404, _NO_REFERRAL, "not_found")
    promoter = state.table("promoters").get(referral["promoter_id"])
    if promoter is None:
        return error(404, _NO_REFERRAL, "not_found")
    commission = new_commission(
        state,
        promoter=promoter,
        amount=amount * COMMISSION_PERCENT // 100,
        sale_amount=amount,
        event_id=event_id,
        referral=referral,
        campaign_id=referral["campaign_id"],
        plan_id=_text(body, "plan"),
    )
    if referral["state"] != "active":
        referral["state"] = "active"
        referral["customer_since"] = referral.get("customer_since") or now_iso()
        _bump(state, referral, "customers_count", 1)
        _bump(state, referral, "active_customers_count", 1)
    _bump(state, referral, "sales_count", 1)
    _bump(state, referral, "revenue_amount", amount)
    event = _event(
        state,
        "sale",
        referral,
        sale_amount=amount,
        original_sale_amount=amount,
        original_sale_currency=_text(body, "currency"),
        event_id=event_id,
        plan_id=_text(body, "plan"),
        commissions=[commission],
    )
    return json_response(event)


@routes.post(BASE + "/refund")
async def track_refund(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    amount, event_id = _money(state, body, "refund")
    referral = _find_referral(state, body)
    promoter = state.table("promoters").get(referral["promoter_id"]) if referral else None
    if referral is None or promoter is None:
        return web.Response(status=204)  # not a referred customer: nothing to do
    commission = new_commission(
        state,
        promoter=promoter,
        amount=-(amount * COMMISSION_PERCENT // 100),
        sale_amount=-amount,
        event_id=event_id,
        referral=referral,
        campaign_id=referral["campaign_id"],
        internal_note=f"Refund of {_text(body, 'sale_event_id') or 'a sale'}",
    )
    _bump(state, referral, "revenue_amount", -amount)
    lead = render_lead(referral)
    event = _event(state, "refund", referral, event_id=event_id, sale_amount=-amount)
    return json_response(
        {
            "id": event["id"],
            "type": "refund",
            "amount_cents": -amount,
            "reward": {
                "id": commission["id"],
                "status": commission["status"],
                "amount": commission["amount"],
                "unit": commission["unit"],
                "created_at": commission["created_at"],
                "lead": lead,
                "event_id": event_id,
                "conversion_amount": -amount,
                "tier_level": 1,
                "split_type": None,
            },
            "lead": lead,
            "promoter": render_tracking_promoter(state, referral),
        }
    )


@routes.post(BASE + "/cancellation")
async def track_cancellation(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    _person(body)
    referral = _find_referral(state, body)
    if referral is None:
        return error(404, _NO_REFERRAL, "not_found")
    if referral["state"] != "cancelled":
        if referral["state"] == "active":
            _bump(state, referral, "active_customers_count", -1)
        referral["state"] = "cancelled"
        referral["cancelled_at"] = now_iso()
    event = _event(state, "cancellation", referral)
    return json_response(
        {
            "id": event["id"],
            "type": "cancellation",
            "amount_cents": None,
            "reward": None,
            "lead": render_lead(referral),
            "promoter": render_tracking_promoter(state, referral),
        }
    )
