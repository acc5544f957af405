"""Fake v1 ``/rewards/...``: a v1 reward is a v2 commission (the shared ``commissions``)."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._builders import Page, found_route, route
from .._state import FakeState, Record, Refused
from ..domain.commissions import new_commission
from ..domain.promoters import membership_of
from ..domain.v1_leads import find_lead
from ..domain.v1_promoters import V1_UNITS, find_membership, in_scope
from ..domain.v1_rewards import render_v1_reward

routes = web.RouteTableDef()
BASE = "/api/v1/rewards"

_REWARD_TYPES = frozenset(
    {"cash", "points", "credits", "free_months", "discount_per", "discount_mon"}
)
# v1 reward types as v2 commission units
_V2_UNITS = {v1: v2 for v2, v1 in V1_UNITS.items()}


@route(routes, "POST", BASE + "/create")
def create_reward(state: FakeState, body: dict[str, Any]) -> Record:
    reward_type = body.get("reward_type")
    if reward_type not in _REWARD_TYPES:
        raise Refused(422, "Reward type is invalid")
    try:
        amount = int(body.get("amount", ""))
    except ValueError:
        raise Refused(422, "Amount is invalid") from None
    status = body.get("status") or "approved"
    if status not in ("approved", "pending", "denied"):
        raise Refused(422, "Status is invalid")
    lead = None
    if any(body.get(k) for k in ("lead_id", "email", "uid")):
        lead = find_lead(state, body)
        if lead is None:
            raise Refused(422, "Lead not found.")
        membership = membership_of(state, lead["promoter_id"], lead["campaign_id"])
    else:
        membership = find_membership(state, body.get("promotion_id"), body.get("ref_id"))
    if membership is None:
        raise Refused(422, "Promotion not found.")
    promoter = state.table("promoters").get(membership["promoter_id"])
    if promoter is None:
        raise Refused(422, "Promoter not found.")
    fields: dict[str, Any] = {"amount": amount, "status": status, "referral": lead}
    fields |= {"unit": _V2_UNITS.get(reward_type, reward_type), "commission_type": "custom"}
    fields["campaign_id"] = membership["campaign_id"]
    return render_v1_reward(state, new_commission(state, promoter=promoter, **fields))


@route(routes, "GET", BASE + "/list")
def list_rewards(state: FakeState, query: dict[str, Any]) -> Page:
    owners = ((c, c["promoter_campaign"]) for c in state.table("commissions"))
    scoped = [c for c, pc in owners if in_scope(state, query, pc["promoter_id"], pc["campaign_id"])]
    return Page([render_v1_reward(state, c) for c in scoped], always_link=True)


def _find(state: FakeState, params: dict[str, Any]) -> Record | None:
    if params.get("id"):
        return state.table("commissions").get(int(params["id"]))
    if params.get("event_id"):
        return state.table("commissions").find(event_id=params["event_id"])
    raise Refused(422, "You need to find the reward either by id or event_id.")


def _update(state: FakeState, commission: Record, body: dict[str, Any]) -> Record:
    if body.get("status") not in (None, "approved", "pending", "denied"):
        raise Refused(422, "Status is invalid")
    commission["status"] = body.get("status") or commission["status"]
    return render_v1_reward(state, commission)


found_route(routes, "PUT", BASE + "/update", _find, missing="Reward not found.")(_update)
