"""Fake ``/company/promo_codes``: promo codes crediting promoters' campaign memberships."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._builders import collection
from .._state import FakeState, Record, Refused, now_iso
from ..domain.promo_codes import new_promo_code, render_promo_code

__all__ = ["routes"]

routes = web.RouteTableDef()
BASE = "/api/v2/company/promo_codes"


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _code_taken(state: FakeState, code: str, except_id: int | None = None) -> bool:
    return any(
        record["id"] != except_id
        and record["archived_at"] is None
        and str(record["code"]).lower() == code.lower()
        for record in state.table("promo_codes")
    )


def _listed(state: FakeState, record: Record, query: dict[str, Any]) -> bool:
    wanted = query.get("promoter_campaign_id")
    return record["archived_at"] is None and (
        wanted is None or str(record["promoter_campaign_id"]) == str(wanted)
    )


def _create(state: FakeState, body: dict[str, Any]) -> Record:
    missing = [k for k in ("code", "reward_id", "promoter_campaign_id") if not body.get(k)]
    if missing:
        raise Refused(422, f"param is missing or the value is empty: {missing[0]}")
    code = str(body["code"])
    membership_id = _int(body["promoter_campaign_id"])
    if membership_id is None or state.table("promoter_campaigns").get(membership_id) is None:
        raise Refused(422, "Promoter campaign not found")
    if _code_taken(state, code):
        raise Refused(422, "Code has already been taken", "taken")
    return new_promo_code(
        state,
        code=code,
        promoter_campaign_id=membership_id,
        reward_id=_int(body["reward_id"]) or 1,
        description=body.get("description"),
        metadata=body.get("metadata"),
        details=body.get("details"),
    )


def _update(state: FakeState, record: Record, body: dict[str, Any]) -> None:
    if record["archived_at"] is not None and record["ext_id"]:
        raise Refused(422, "An archived promo code can not be updated", "archived")
    if "code" in body:
        code = str(body["code"] or "")
        if not code:
            raise Refused(422, "Code can't be blank")
        if _code_taken(state, code, except_id=record["id"]):
            raise Refused(422, "Code has already been taken", "taken")
        record["code"] = code
    if "promoter_campaign_id" in body:
        membership_id = _int(body["promoter_campaign_id"])
        membership = state.table("promoter_campaigns").get(membership_id) if membership_id else None
        if membership is None:
            raise Refused(422, "Promoter campaign not found")
        record["promoter_campaign_id"] = membership["id"]
        record["promoter_id"] = membership["promoter_id"]


def _archive(state: FakeState, record: Record) -> web.Response:
    if record["archived_at"] is None:
        record["archived_at"] = now_iso()
    return web.Response(status=200)


collection(
    routes,
    BASE,
    "promo_codes",
    render=lambda state, record: render_promo_code(record),
    matches=_listed,
    create=_create,
    created_status=200,
    update=_update,
    updatable=("description", "metadata", "details"),
    delete=_archive,
)
