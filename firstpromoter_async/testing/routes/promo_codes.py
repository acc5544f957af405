"""Fake ``/company/promo_codes``: promo codes crediting promoters' campaign memberships."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._http import body_of, error, json_response, page_of, query_of, state_of
from .._state import FakeState, Record, now_iso
from ..domain.promo_codes import new_promo_code, render_promo_code

__all__ = ["routes"]

routes = web.RouteTableDef()
BASE = "/api/v2/company/promo_codes"


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _get(state: FakeState, request: web.Request) -> Record | None:
    id = _int(request.match_info["id"])
    return state.table("promo_codes").get(id) if id is not None else None


def _code_taken(state: FakeState, code: str, except_id: int | None = None) -> bool:
    return any(
        record["id"] != except_id
        and record["archived_at"] is None
        and str(record["code"]).lower() == code.lower()
        for record in state.table("promo_codes")
    )


@routes.get(BASE)
async def list_promo_codes(request: web.Request) -> web.Response:
    state = state_of(request)
    query = query_of(request)
    wanted = query.get("promoter_campaign_id")
    found = [
        render_promo_code(r)
        for r in state.table("promo_codes")
        if r["archived_at"] is None
        and (wanted is None or str(r["promoter_campaign_id"]) == str(wanted))
    ]
    return page_of(request, found, envelope=False)


@routes.post(BASE)
async def create_promo_code(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    missing = [k for k in ("code", "reward_id", "promoter_campaign_id") if not body.get(k)]
    if missing:
        return error(422, f"param is missing or the value is empty: {missing[0]}", "invalid")
    code = str(body["code"])
    membership_id = _int(body["promoter_campaign_id"])
    if membership_id is None or state.table("promoter_campaigns").get(membership_id) is None:
        return error(422, "Promoter campaign not found", "invalid")
    if _code_taken(state, code):
        return error(422, "Code has already been taken", "taken")
    record = new_promo_code(
        state,
        code=code,
        promoter_campaign_id=membership_id,
        reward_id=_int(body["reward_id"]) or 1,
        description=body.get("description"),
        metadata=body.get("metadata"),
        details=body.get("details"),
    )
    return json_response(render_promo_code(record))


@routes.get(BASE + "/{id}")
async def retrieve_promo_code(request: web.Request) -> web.Response:
    record = _get(state_of(request), request)
    if record is None:
        return error(404, "Promo code not found", "not_found")
    return json_response(render_promo_code(record))


@routes.put(BASE + "/{id}")
async def update_promo_code(request: web.Request) -> web.Response:
    state = state_of(request)
    record = _get(state, request)
    if record is None:
        return error(404, "Promo code not found", "not_found")
    if record["archived_at"] is not None and record["ext_id"]:
        return error(422, "An archived promo code can not be updated", "archived")
    body = await body_of(request)
    if "code" in body:
        code = str(body["code"] or "")
        if not code:
            return error(422, "Code can't be blank", "invalid")
        if _code_taken(state, code, except_id=record["id"]):
            return error(422, "Code has already been taken", "taken")
        record["code"] = code
    if "promoter_campaign_id" in body:
        membership_id = _int(body["promoter_campaign_id"])
        membership = state.table("promoter_campaigns").get(membership_id) if membership_id else None
        if membership is None:
            return error(422, "Promoter campaign not found", "invalid")
        record["promoter_campaign_id"] = membership["id"]
        record["promoter_id"] = membership["promoter_id"]
    for field in ("description", "metadata", "details"):
        if field in body:
            record[field] = body[field]
    return json_response(render_promo_code(record))


@routes.delete(BASE + "/{id}")
async def archive_promo_code(request: web.Request) -> web.Response:
    record = _get(state_of(request), request)
    if record is None:
        return error(404, "Promo code not found", "not_found")
    if record["archived_at"] is None:
        record["archived_at"] = now_iso()
    return web.Response(status=200)
