"""Fake ``/company/promo_codes``: promo codes crediting promoters' campaign memberships."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._builders import collection
from .._state import FakeState, Record, Refused, now_iso
from ..domain.promo_codes import new_promo_code, render_promo_code

routes = web.RouteTableDef()


def _membership(state: FakeState, value: Any) -> Record:
    key = str(value)
    membership = state.table("promoter_campaigns").get(int(key)) if key.isdigit() else None
    if membership is None:
        raise Refused(422, "Promoter campaign not found")
    return membership


def _free(state: FakeState, code: Any, record_id: int | None = None) -> str:
    """``code``, refused when blank or when a live code other than ``record_id`` has it."""
    if not code:
        raise Refused(422, "Code can't be blank")
    for record in state.table("promo_codes"):
        same = str(record["code"]).lower() == str(code).lower()
        if same and record["id"] != record_id and record["archived_at"] is None:
            raise Refused(422, "Code has already been taken", "taken")
    return str(code)


def _listed(state: FakeState, record: Record, query: dict[str, Any]) -> bool:
    wanted = query.get("promoter_campaign_id", record["promoter_campaign_id"])
    return record["archived_at"] is None and str(wanted) == str(record["promoter_campaign_id"])


def _create(state: FakeState, body: dict[str, Any]) -> Record:
    missing = [k for k in ("code", "reward_id", "promoter_campaign_id") if not body.get(k)]
    if missing:
        raise Refused(422, f"param is missing or the value is empty: {missing[0]}")
    membership = _membership(state, body["promoter_campaign_id"])
    fields = {k: body.get(k) for k in ("description", "metadata", "details")}
    reward = int(body["reward_id"]) if str(body["reward_id"]).isdigit() else 1
    code = _free(state, body["code"])
    return new_promo_code(
        state, code=code, promoter_campaign_id=membership["id"], reward_id=reward, **fields
    )


def _update(state: FakeState, record: Record, body: dict[str, Any]) -> None:
    if record["archived_at"] is not None and record["ext_id"]:
        raise Refused(422, "An archived promo code can not be updated", "archived")
    if "code" in body:
        record["code"] = _free(state, body["code"], record["id"])
    if "promoter_campaign_id" in body:
        membership = _membership(state, body["promoter_campaign_id"])
        record.update(promoter_campaign_id=membership["id"], promoter_id=membership["promoter_id"])


def _archive(state: FakeState, record: Record) -> web.Response:
    record["archived_at"] = record["archived_at"] or now_iso()
    return web.Response(status=200)


collection(
    routes,
    "/api/v2/company/promo_codes",
    "promo_codes",
    render=lambda state, record: render_promo_code(record),
    matches=_listed,
    create=_create,
    created_status=200,
    update=_update,
    updatable=("description", "metadata", "details"),
    delete=_archive,
)
