"""Fake ``/company/commissions``: commissions and their bulk actions."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._builders import Apply, batch_action
from .._http import body_of, error, json_response, page_of, query_of, state_of
from .._state import FakeState, Record, now_iso
from ..domain.commissions import new_commission

__all__ = ["routes"]

routes = web.RouteTableDef()
BASE = "/api/v2/company/commissions"


def _matches(commission: Record, query: dict[str, Any]) -> bool:
    ids = query.get("ids")
    if ids and str(commission["id"]) not in ids:
        return False
    q = query.get("q")
    if q:
        haystack = (
            f"{commission['promoter_campaign']['promoter']['email']} {commission['event_id']}"
        )
        if q.lower() not in haystack.lower():
            return False
    filters = query.get("filters") or {}
    if "status" in filters and commission["status"] != filters["status"]:
        return False
    if "paid" in filters and commission["is_paid"] != (filters["paid"] == "yes"):
        return False
    if "fulfilled" in filters and commission["is_fulfilled"] != (filters["fulfilled"] == "yes"):
        return False
    pc = commission["promoter_campaign"]
    if "promoter_id" in filters and str(pc["promoter_id"]) != str(filters["promoter_id"]):
        return False
    return not ("campaign_id" in filters and str(pc["campaign_id"]) != str(filters["campaign_id"]))


@routes.get(BASE)
async def list_commissions(request: web.Request) -> web.Response:
    state = state_of(request)
    query = query_of(request)
    found = [c for c in state.table("commissions") if _matches(c, query)]
    for field, direction in (query.get("sorting") or {}).items():
        found.sort(key=lambda c: c.get(field) or 0, reverse=direction == "desc")
    return page_of(request, found, envelope=False)


@routes.post(BASE)
async def create_commission(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    kind = body.get("commission_type")
    if kind == "sale":
        referral = state.table("referrals").get(int(body.get("referral_id") or 0))
        if referral is None:
            return error(422, "Referral not found", "invalid")
        promoter = state.table("promoters").get(int(referral.get("promoter_id") or 0))
        if promoter is None:
            return error(422, "Referral has no promoter", "invalid")
        sale_amount = int(body.get("sale_amount") or 0)
        amount = sale_amount * 20 // 100
        campaign_id = int(referral.get("campaign_id") or 1)
    elif kind == "custom":
        membership = state.table("promoter_campaigns").get(
            int(body.get("promoter_campaign_id") or 0)
        )
        if membership is None:
            return error(422, "Promoter campaign not found", "invalid")
        promoter = state.table("promoters").get(membership["promoter_id"])
        assert promoter is not None
        referral, sale_amount, amount = None, 0, int(body.get("amount") or 0)
        campaign_id = membership["campaign_id"]
    else:
        return error(422, "commission_type must be sale or custom", "invalid")
    commission = new_commission(
        state,
        promoter=promoter,
        amount=amount,
        sale_amount=sale_amount,
        commission_type=kind,
        unit=body.get("unit") or "cash",
        event_id=body.get("event_id"),
        referral=referral,
        campaign_id=campaign_id,
        internal_note=body.get("internal_note"),
        external_note=body.get("external_note"),
        plan_id=body.get("plan_id"),
        created_by_user_email="api@example.com",
        created_by_user_at=now_iso(),
    )
    return json_response([commission])


@routes.put(BASE + "/{id}")
async def update_commission(request: web.Request) -> web.Response:
    state = state_of(request)
    commission = state.table("commissions").get(int(request.match_info["id"]))
    if commission is None:
        return error(404, "Commission not found", "not_found")
    body = await body_of(request)
    for field in ("internal_note", "external_note"):
        if field in body:
            commission[field] = body[field]
    return json_response(commission)


def _set_status(new_status: str) -> Apply:
    def apply_one(state: FakeState, commission: Record, body: dict[str, Any]) -> str | None:
        if commission["is_paid"]:
            return f"Commission {commission['id']} is already paid"
        commission["status"] = new_status
        commission["status_updated_at"] = now_iso()
        return None

    return apply_one


def _set_fulfilled(value: bool) -> Apply:
    def apply_one(state: FakeState, commission: Record, body: dict[str, Any]) -> str | None:
        if commission["unit"] == "cash":
            return f"Commission {commission['id']} is monetary"
        commission["is_fulfilled"] = value
        return None

    return apply_one


def _destroy(state: FakeState, commission: Record, body: dict[str, Any]) -> str | None:
    state.table("commissions").delete(commission["id"])
    return None


def _generate_payout(state: FakeState, commission: Record, body: dict[str, Any]) -> str | None:
    if commission["status"] != "approved" or commission["is_paid"]:
        return f"Commission {commission['id']} is not an approved unpaid commission"
    pc = commission["promoter_campaign"]
    state.table("payouts").insert(
        {
            "status": "pending",
            "amount": commission["amount"],
            "unit": commission["unit"],
            "promoter_id": pc["promoter_id"],
            "campaign_id": pc["campaign_id"],
            "commission_ids": [commission["id"]],
            "created_at": now_iso(),
        }
    )
    commission["payout_generated"] = True
    return None


batch_action(
    routes, "POST", BASE + "/approve", "commissions", "commission/approve", _set_status("approved")
)
batch_action(
    routes, "POST", BASE + "/deny", "commissions", "commission/deny", _set_status("denied")
)
batch_action(
    routes,
    "POST",
    BASE + "/mark_fulfilled",
    "commissions",
    "commission/mark_fulfilled",
    _set_fulfilled(True),
)
batch_action(
    routes,
    "POST",
    BASE + "/mark_unfulfilled",
    "commissions",
    "commission/mark_unfulfilled",
    _set_fulfilled(False),
)
batch_action(routes, "DELETE", BASE + "/destroy", "commissions", "commission/delete", _destroy)
batch_action(
    routes,
    "POST",
    BASE + "/generate_payouts",
    "commissions",
    "commission/generate_payouts",
    _generate_payout,
)
