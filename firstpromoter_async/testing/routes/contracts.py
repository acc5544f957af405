"""Fake ``/company/contracts``, ``/company/contract_documents``, ``/company/dashboards/*`` and
the admin API's ``/custom_referral_statuses``."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._builders import collection, record_route, sorted_by
from .._http import body_of, json_response, query_of, state_of
from .._state import FakeState, Record, Refused, now_iso
from ..domain.campaigns import new_record

__all__ = ["routes"]

routes = web.RouteTableDef()
BASE = "/api/v2/company"
CONTRACT: Record = {
    "name": None,
    "checkbox_label": None,
    "content_hosted": True,
    "content": None,
    "external_link": None,
    "campaign_ids": [],
    "default": False,
}


def _new_contract(state: FakeState, body: dict[str, Any]) -> Record:
    contract = new_record(state, "contracts", CONTRACT, body, "name", "checkbox_label")
    for promoter in state.table("promoters"):  # every promoter gets a copy to sign
        state.table("contract_documents").insert(
            {
                "contract_id": contract["id"],
                "promoter_id": promoter["id"],
                "status": "pending",
                "content": f"<h1>{contract['name']}</h1>{contract['content'] or ''}",
                "signed_at": None,
                "created_at": now_iso(),
            }
        )
    return contract


collection(
    routes,
    BASE + "/contracts",
    "contracts",
    create=_new_contract,
    updatable=CONTRACT,
    delete=True,
)
collection(
    routes,
    BASE + "/contract_documents",
    "contract_documents",
    search=("content",),
    filters={k: k for k in ("status", "promoter_id", "contract_id")},
    sort_key=lambda record, field: record.get(field) or "",
    retrieve=False,
)


def _document(state: FakeState, document: Record, query: dict[str, Any]) -> Any:
    if query.get("content_type") != "pdf":
        return document
    name = f'attachment; filename="contract-{document["id"]}.pdf"'
    pdf = b"%PDF-1.4\n" + str(document.get("content")).encode()
    return web.Response(
        body=pdf, content_type="application/pdf", headers={"Content-Disposition": name}
    )


record_route(routes, "GET", BASE + "/contract_documents/{id}", "contract_documents", _document)


def _campaign_ids(query: dict[str, Any]) -> set[str] | None:
    wanted = (query.get("filters") or {}).get("campaign_id")
    return (
        None
        if wanted is None
        else {str(v) for v in (wanted if isinstance(wanted, list) else [wanted])}
    )


def _dashboard(state: FakeState, query: dict[str, Any]) -> dict[str, Any]:
    ids = _campaign_ids(query)
    commissions = [
        c
        for c in state.table("commissions")
        if ids is None or str(c["promoter_campaign"]["campaign_id"]) in ids
    ]
    payouts = [p for p in state.table("payouts") if ids is None or str(p["campaign_id"]) in ids]
    referrals = [
        r for r in state.table("referrals") if ids is None or str(r.get("campaign_id")) in ids
    ]

    def total(rows: list[Record], **match: Any) -> int:
        return sum(r["amount"] for r in rows if all(r.get(k) == v for k, v in match.items()))

    return {
        "stats": {
            "revenue_amount": sum(c["sale_amount"] for c in commissions),
            "referrals_count": len(referrals),
            "customers_count": sum(1 for r in referrals if r.get("state") == "active"),
            "promoters_count": len(state.table("promoters")),
            "pending_actions": {
                "commissions": sum(1 for c in commissions if c["status"] == "pending")
            },
        },
        "trendings": {"promoters": [], "campaigns": [{"id": int(i)} for i in sorted(ids or ())]},
        "chart_data": {
            "selection": query.get("selection", "revenue"),
            "period_from": query.get("period_from"),
            "period_to": query.get("period_to"),
            "data": [],
        },
        "payouts_and_commissions": {
            "pending_commissions_amount": total(commissions, status="pending"),
            "approved_commissions_amount": total(commissions, status="approved"),
            "due_payouts_amount": total(payouts, status="pending"),
            "paid_payouts_amount": total(payouts, status="completed"),
        },
    }


@routes.get(BASE + "/dashboards/{name}")
async def dashboard(request: web.Request) -> web.Response:
    answers = _dashboard(state_of(request), query_of(request))
    if request.match_info["name"] not in answers:
        raise Refused(404, "Not found", "not_found")
    return json_response(answers[request.match_info["name"]])


STATUSES = "/api/admin/v1/custom_referral_statuses"


def _statuses(state: FakeState) -> list[Record]:
    return sorted_by(
        list(state.table("custom_referral_statuses")), {"order": "asc"}, lambda r, f: r[f]
    )


@routes.get(STATUSES)
async def list_statuses(request: web.Request) -> web.Response:
    return json_response(_statuses(state_of(request)))


@routes.put(STATUSES + "/update")
async def update_statuses(request: web.Request) -> web.Response:
    state, body = state_of(request), await body_of(request)
    table = state.table("custom_referral_statuses")
    for item in body.get("custom_referral_statuses") or []:
        existing = table.get(item["id"]) if item.get("id") else None
        if item.get("id") and existing is None:
            raise Refused(404, f"Custom referral status {item['id']} not found", "not_found")
        if item.get("_destroy"):
            table.delete(item["id"])
            continue
        fields = {k: item.get(k) for k in ("name", "description", "order")}
        if existing is None:
            table.insert(
                {**fields, "company_id": 1, "created_at": now_iso(), "updated_at": now_iso()}
            )
        else:
            existing.update(fields, updated_at=now_iso())
    return json_response(_statuses(state))
