"""Fake v1 ``/rewards/...``: a v1 reward is a v2 commission (the shared ``commissions``)."""

from __future__ import annotations

from aiohttp import web

from .._http import body_of, json_response, state_of, v1_error
from ..domain.commissions import new_commission
from ..domain.v1_leads import find_lead
from ..domain.v1_promoters import (
    V1_UNITS,
    find_membership,
)
from ..domain.v1_rewards import render_v1_reward

__all__ = ["routes"]

routes = web.RouteTableDef()
BASE = "/api/v1/rewards"

_REWARD_TYPES = frozenset(
    {"cash", "points", "credits", "free_months", "discount_per", "discount_mon"}
)
# v1 reward types as v2 commission units
_V2_UNITS = {v1: v2 for v2, v1 in V1_UNITS.items()}


@routes.post(BASE + "/create")
async def create_reward(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    reward_type = body.get("reward_type")
    if reward_type not in _REWARD_TYPES:
        return v1_error(422, "Reward type is invalid")
    try:
        amount = int(body.get("amount", ""))
    except ValueError:
        return v1_error(422, "Amount is invalid")
    status = body.get("status") or "approved"
    if status not in ("approved", "pending", "denied"):
        return v1_error(422, "Status is invalid")
    lead = None
    if any(body.get(k) for k in ("lead_id", "email", "uid")):
        lead = find_lead(state, body)
        if lead is None:
            return v1_error(422, "Lead not found.")
        membership = state.table("promoter_campaigns").find(
            promoter_id=lead["promoter_id"], campaign_id=lead["campaign_id"]
        )
    else:
        membership = find_membership(
            state, promotion_id=body.get("promotion_id"), ref_id=body.get("ref_id")
        )
    if membership is None:
        return v1_error(422, "Promotion not found.")
    promoter = state.table("promoters").get(membership["promoter_id"])
    if promoter is None:
        return v1_error(422, "Promoter not found.")
    commission = new_commission(
        state,
        promoter=promoter,
        amount=amount,
        status=status,
        commission_type="custom",
        unit=_V2_UNITS.get(reward_type, reward_type),
        referral=lead,
        campaign_id=membership["campaign_id"],
    )
    return json_response(render_v1_reward(state, commission))
