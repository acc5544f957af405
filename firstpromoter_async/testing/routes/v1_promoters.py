"""Fake v1 ``/promoters/...``: the same promoters as v2, shown the v1 way.

A v1 promoter is a record of the shared ``promoters`` table; its promotions are its campaign
memberships (``promoter_campaigns``) and its balances are summed from its commissions. What
only v1 knows (temp password, landing URL, PayPal email ...) sits in ``v1_promoter_settings``,
keyed by the promoter id, so v2 answers stay as they are.
"""

from __future__ import annotations

import functools
import secrets
from typing import Any

from aiohttp import web

from .._builders import Page, found_route, route
from .._http import json_response
from .._state import FakeState, Record, Refused
from ..domain.promoters import join_campaign, membership_of
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

routes = web.RouteTableDef()
BASE = "/api/v1/promoters"


def _bad_email(problem: str) -> web.Response:
    answer = {"company_user.user.email": [problem], "message": f"Email {problem}"}
    return json_response(answer, 422)


@route(routes, "POST", BASE + "/create")
def create_promoter(state: FakeState, body: dict[str, Any]) -> Any:
    email = body.get("email")
    if not email or "@" not in str(email):
        return _bad_email("is invalid")
    if state.table("promoters").find(email=email) is not None:
        return _bad_email("has already been taken")
    if body.get("ref_id") and find_membership(state, ref_id=body["ref_id"]) is not None:
        raise Refused(422, "Referral id has already been taken")
    fields = {k: v for k, v in body.items() if k != "email"}
    return render_v1_promoter(state, new_v1_promoter(state, email=email, **fields))


_promoter_route = functools.partial(
    found_route, routes, find=find_v1_promoter, missing="Promoter not found."
)


@_promoter_route("PUT", BASE + "/update")
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


@_promoter_route("PUT", BASE + "/refresh_token")
def _refresh_token(state: FakeState, promoter: Record, body: dict[str, Any]) -> Record:
    promoter["auth_token"] = secrets.token_urlsafe(24)
    return {"auth_token": promoter["auth_token"]}


@_promoter_route("DELETE", BASE + "/delete")
def _delete(state: FakeState, promoter: Record, body: dict[str, Any]) -> Record:
    for membership in memberships_of(state, promoter["id"]):
        state.table("promoter_campaigns").delete(membership["id"])
    state.table("v1_promoter_settings").delete(promoter["id"])
    state.table("promoters").delete(promoter["id"])
    return {"message": "Promoter removed"}


_promoter_route("GET", BASE + "/show")(
    lambda state, promoter, _: render_v1_promoter(state, promoter)
)


@route(routes, "GET", BASE + "/list")
def list_promoters(state: FakeState, query: dict[str, Any]) -> Page:
    shown = [
        render_v1_promoter(state, promoter)
        for promoter in state.table("promoters")
        if not query.get("campaign_id")
        or any(
            in_scope(state, query, m["promoter_id"], m["campaign_id"])
            for m in memberships_of(state, promoter["id"])
        )
    ]
    return Page(shown, always_link=True)


@_promoter_route("POST", BASE + "/add_to_campaign")
def _add(state: FakeState, promoter: Record, body: dict[str, Any]) -> Record:
    join_campaign(state, promoter, int(body["campaign_id"]), "accepted")
    return render_v1_promoter(state, promoter)


@_promoter_route("POST", BASE + "/move_to_campaign")
def _move(state: FakeState, promoter: Record, body: dict[str, Any]) -> Record:
    source, to = int(body["source_campaign_id"]), int(body["destination_campaign_id"])
    membership = membership_of(state, promoter["id"], source)
    if membership is None:
        raise Refused(422, "Promoter is not in the source campaign.")
    state.table("promoter_campaigns").delete(membership["id"])
    join_campaign(state, promoter, to, "accepted")
    return render_v1_promoter(state, promoter)
