"""Fake v1 ``/promoters/...``: the same promoters as v2, shown the v1 way.

A v1 promoter is a record of the shared ``promoters`` table; its promotions are its campaign
memberships (``promoter_campaigns``) and its balances are summed from its commissions. What
only v1 knows (temp password, landing URL, PayPal email ...) sits in ``v1_promoter_settings``,
keyed by the promoter id, so v2 answers stay as they are.
"""

from __future__ import annotations

import secrets
from typing import Any

from aiohttp import web

from .._builders import Act, found_route
from .._http import body_of, json_response, page_of, query_of, state_of, v1_error
from .._state import FakeState, Record, Refused
from ..domain.promoters import join_campaign
from ..domain.v1_promoters import (
    apply_v1_fields,
    find_membership,
    find_v1_promoter,
    in_scope,
    memberships_of,
    new_v1_promoter,
    render_v1_promoter,
    set_ref_id,
)

__all__ = ["routes"]

routes = web.RouteTableDef()
BASE = "/api/v1/promoters"


@routes.post(BASE + "/create")
async def create_promoter(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    email = body.get("email")
    if not email or "@" not in str(email):
        return json_response(
            {"company_user.user.email": ["is invalid"], "message": "Email is invalid"}, 422
        )
    if state.table("promoters").find(email=email) is not None:
        return json_response(
            {
                "company_user.user.email": ["has already been taken"],
                "message": "Email has already been taken",
            },
            422,
        )
    if body.get("ref_id") and find_membership(state, ref_id=body["ref_id"]) is not None:
        return v1_error(422, "Referral id has already been taken")
    fields = {k: v for k, v in body.items() if k != "email"}
    promoter = new_v1_promoter(state, email=email, **fields)
    return json_response(render_v1_promoter(state, promoter))


def _update(state: FakeState, promoter: Record, body: dict[str, Any]) -> Record:
    if body.get("new_ref_id"):
        taken = find_membership(state, ref_id=body["new_ref_id"])
        if taken is not None and taken["promoter_id"] != promoter["id"]:
            raise Refused(422, "Referral id has already been taken")
    if body.get("email") and body["email"] != promoter["email"]:
        if state.table("promoters").find(email=body["email"]) is not None:
            raise Refused(422, "Email has already been taken")
        promoter["email"] = body["email"]
    if "new_cust_id" in body:
        promoter["cust_id"] = body["new_cust_id"]
    apply_v1_fields(state, promoter, body)
    memberships = memberships_of(state, promoter["id"])
    if body.get("campaign_id") and str(body["campaign_id"]).isdigit():
        join_campaign(state, promoter, int(body["campaign_id"]), "accepted")
        memberships = memberships_of(state, promoter["id"])
    if memberships and body.get("new_ref_id"):
        set_ref_id(memberships[0], body["new_ref_id"])
    if memberships and body.get("promo_code"):
        memberships[0]["coupon"] = body["promo_code"]
    return render_v1_promoter(state, promoter)


def _refresh_token(state: FakeState, promoter: Record, body: dict[str, Any]) -> Record:
    promoter["auth_token"] = secrets.token_urlsafe(24)
    return {"auth_token": promoter["auth_token"]}


def _delete(state: FakeState, promoter: Record, body: dict[str, Any]) -> Record:
    for membership in memberships_of(state, promoter["id"]):
        state.table("promoter_campaigns").delete(membership["id"])
    state.table("v1_promoter_settings").delete(promoter["id"])
    state.table("promoters").delete(promoter["id"])
    return {"message": "Promoter removed"}


def _promoter_route(method: str, path: str, act: Act) -> None:
    found_route(routes, method, BASE + path, find_v1_promoter, act, missing="Promoter not found.")


_promoter_route("PUT", "/update", _update)
_promoter_route("GET", "/show", lambda state, promoter, query: render_v1_promoter(state, promoter))
_promoter_route("PUT", "/refresh_token", _refresh_token)
_promoter_route("DELETE", "/delete", _delete)


@routes.get(BASE + "/list")
async def list_promoters(request: web.Request) -> web.Response:
    state, query = state_of(request), query_of(request)
    shown = [
        render_v1_promoter(state, promoter)
        for promoter in state.table("promoters")
        if not query.get("campaign_id")
        or any(
            in_scope(state, query, m["promoter_id"], m["campaign_id"])
            for m in memberships_of(state, promoter["id"])
        )
    ]
    return page_of(request, shown, envelope=False, always_link=True)


def _add(state: FakeState, promoter: Record, body: dict[str, Any]) -> Record:
    join_campaign(state, promoter, int(body["campaign_id"]), "accepted")
    return render_v1_promoter(state, promoter)


def _move(state: FakeState, promoter: Record, body: dict[str, Any]) -> Record:
    source, to = int(body["source_campaign_id"]), int(body["destination_campaign_id"])
    membership = state.table("promoter_campaigns").find(
        promoter_id=promoter["id"], campaign_id=source
    )
    if membership is None:
        raise Refused(422, "Promoter is not in the source campaign.")
    state.table("promoter_campaigns").delete(membership["id"])
    join_campaign(state, promoter, to, "accepted")
    return render_v1_promoter(state, promoter)


_promoter_route("POST", "/add_to_campaign", _add)
_promoter_route("POST", "/move_to_campaign", _move)
