"""Fake v1 ``/payouts/...``: a payout settles a promoter's unpaid approved cash rewards."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._builders import Page, found_route, route
from .._state import FakeState, Record, Refused, now_iso
from ..domain.promoters import ensure_campaign
from ..domain.v1_payouts import new_v1_payout
from ..domain.v1_promoters import render_v1_promoter

routes = web.RouteTableDef()
BASE = "/api/v1/payouts"
_STATUSES = ("pending", "processing", "completed")


def _status(params: dict[str, Any], default: str) -> str:
    status = params.get("status") or default
    if status not in _STATUSES:
        raise Refused(422, "Status is invalid")
    return str(status)


def _render(state: FakeState, payout: Record) -> Record:
    promoter = state.table("promoters").get(payout["promoter_id"])
    campaign = ensure_campaign(state, payout["campaign_id"])
    return {
        **payout,
        "promoter": render_v1_promoter(state, promoter, full=False) if promoter else None,
        "campaign": {k: campaign.get(k) for k in ("id", "name", "color")},
    }


@route(routes, "GET", BASE + "/list")
def list_payouts(state: FakeState, query: dict[str, Any]) -> Page:
    wanted = {k: str(query[k]) for k in ("promoter_id", "campaign_id", "status") if query.get(k)}
    payouts = [
        _render(state, p)
        for p in state.table("v1_payouts")
        if all(str(p[k]) == v for k, v in wanted.items())
    ]
    return Page(payouts, always_link=True)


def _promoter(state: FakeState, params: dict[str, Any]) -> Record | None:
    if params.get("promoter_id"):
        return state.table("promoters").get(int(params["promoter_id"]))
    if params.get("promoter_email"):
        return state.table("promoters").find(email=params["promoter_email"])
    raise Refused(422, "You need to pass either promoter_email or promoter_id.")


@found_route(routes, "POST", BASE + "/create", _promoter, missing="Promoter not found.")
def _create(state: FakeState, promoter: Record, body: dict[str, Any]) -> Record:
    campaign_id = int(body["campaign_id"]) if body.get("campaign_id") else None
    return _render(state, new_v1_payout(state, promoter, campaign_id, _status(body, "pending")))


def _update(state: FakeState, payout: Record, body: dict[str, Any]) -> Record:
    payout["status"] = _status(body, payout["status"])
    if payout["status"] == "completed":
        payout["date_paid"] = payout["date_paid"] or now_iso()
    return _render(state, payout)


def _find(state: FakeState, params: dict[str, Any]) -> Record | None:
    if not str(params.get("id") or "").isdigit():
        raise Refused(422, "You need to find the payout by id.")
    return state.table("v1_payouts").get(int(params["id"]))


found_route(routes, "PUT", BASE + "/update", _find, missing="Payment not found")(_update)
