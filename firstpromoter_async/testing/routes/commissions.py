"""Fake ``/company/commissions``: commissions and their bulk actions."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._builders import Apply, batch_actions, collection, route
from .._state import FakeState, Record, Refused, now_iso
from ..domain.commissions import new_commission

routes = web.RouteTableDef()
BASE = "/api/v2/company/commissions"


def _campaign_of(field: str) -> Any:
    return lambda commission: commission["promoter_campaign"][field]


collection(
    routes,
    BASE,
    "commissions",
    search=(lambda c: c["promoter_campaign"]["promoter"]["email"], "event_id"),
    filters={
        "status": "status",
        "paid": lambda c: "yes" if c["is_paid"] else "no",
        "fulfilled": lambda c: "yes" if c["is_fulfilled"] else "no",
        "promoter_id": _campaign_of("promoter_id"),
        "campaign_id": _campaign_of("campaign_id"),
    },
    retrieve=False,
    updatable=("internal_note", "external_note"),
)


@route(routes, "POST", BASE)
def create_commission(state: FakeState, body: dict[str, Any]) -> list[Record]:
    kind, referral = body.get("commission_type"), None
    if kind == "sale":
        referral = state.table("referrals").get(int(body.get("referral_id") or 0))
        if referral is None:
            raise Refused(422, "Referral not found")
        promoter = state.table("promoters").get(int(referral.get("promoter_id") or 0))
        if promoter is None:
            raise Refused(422, "Referral has no promoter")
        sale_amount = int(body.get("sale_amount") or 0)
        amount, campaign_id = sale_amount * 20 // 100, int(referral.get("campaign_id") or 1)
    elif kind == "custom":
        membership = state.table("promoter_campaigns").get(
            int(body.get("promoter_campaign_id") or 0)
        )
        if membership is None:
            raise Refused(422, "Promoter campaign not found")
        promoter = state.table("promoters").get(membership["promoter_id"])
        sale_amount, amount = 0, int(body.get("amount") or 0)
        campaign_id = membership["campaign_id"]
    else:
        raise Refused(422, "commission_type must be sale or custom")
    assert promoter is not None
    fields: dict[str, Any] = {"created_by_user_email": "api@example.com"}
    fields |= {k: body.get(k) for k in ("event_id", "internal_note", "external_note", "plan_id")}
    fields["created_by_user_at"] = now_iso()
    fields |= {"unit": body.get("unit") or "cash", "referral": referral, "campaign_id": campaign_id}
    fields |= {"sale_amount": sale_amount, "commission_type": kind}
    return [new_commission(state, promoter=promoter, amount=amount, **fields)]


def _set_status(new_status: str) -> Apply:
    def apply_one(state: FakeState, commission: Record, body: dict[str, Any]) -> str | None:
        if commission["is_paid"]:
            return f"Commission {commission['id']} is already paid"
        commission.update(status=new_status, status_updated_at=now_iso())
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
    payout = {key: commission[key] for key in ("amount", "unit")}
    payout |= {key: pc[key] for key in ("promoter_id", "campaign_id")}
    payout |= {"status": "pending", "commission_ids": [commission["id"]], "created_at": now_iso()}
    state.table("payouts").insert(payout)
    commission["payout_generated"] = True
    return None


ACTIONS: dict[str, Apply] = {
    "POST /approve": _set_status("approved"),
    "POST /deny": _set_status("denied"),
    "POST /mark_fulfilled": _set_fulfilled(True),
    "POST /mark_unfulfilled": _set_fulfilled(False),
    "POST /generate_payouts": _generate_payout,
    "DELETE /destroy commission/delete": _destroy,
}
batch_actions(routes, BASE, "commissions", ACTIONS)
