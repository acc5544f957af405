"""Fake ``/company/payout_methods`` and ``/company/payments_batches/{id}``."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._builders import collection, record_route
from .._state import FakeState, Record, Refused, now_iso
from ..domain.campaigns import new_record

routes = web.RouteTableDef()
BASE = "/api/v2/company"
METHOD: Record = {
    **dict.fromkeys(("method", "promoter_id")),
    **dict.fromkeys(("is_disabled", "is_selected", "managed_payouts"), False),
    **{key: {} for key in ("details", "meta")},
}


def _deleted(_: Any) -> web.Response:
    return web.Response(status=200)  # the vendor documents a 200 with no body


def _new_method(state: FakeState, body: dict[str, Any]) -> Record:
    method = new_record(state, "payout_methods", METHOD, body, "method", "promoter_id", "details")
    method["date_added"] = method["created_at"]
    return method


def _promoter_given(state: FakeState, method: Record, query: dict[str, Any]) -> bool:
    if "promoter_id" not in (query.get("filters") or {}):
        raise Refused(422, "filters[promoter_id] is required")
    return True


collection(
    routes,
    BASE + "/payout_methods",
    "payout_methods",
    filters={"promoter_id": "promoter_id"},
    matches=_promoter_given,
    create=_new_method,
    created_status=200,
    updatable=METHOD,
    delete=lambda state, method: _deleted(state.table("payout_methods").delete(method["id"])),
)


@record_route(routes, "POST", BASE + "/payments_batches/{id}/pay", "payments_batches")
def _pay(state: FakeState, batch: Record, body: dict[str, Any]) -> Record:
    if not body.get("otp"):
        raise Refused(422, "otp is required")
    if not batch["is_payable"]:
        raise Refused(422, f"Payments batch {batch['id']} is not payable")
    batch.update(status="processing", is_payable=False, processing_started_at=now_iso())
    return batch


@record_route(routes, "DELETE", BASE + "/payments_batches/{id}", "payments_batches")
def _delete_batch(state: FakeState, batch: Record, body: dict[str, Any]) -> web.Response:
    for payout in state.table("payouts"):
        if payout.get("payments_batch_id") == batch["id"]:
            payout["payments_batch_id"] = None
    return _deleted(state.table("payments_batches").delete(batch["id"]))
