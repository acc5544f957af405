"""Fake ``/company/contracts``, ``/company/contract_documents``, ``/company/dashboards/*`` and
the admin API's ``/custom_referral_statuses``."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._builders import Page, collection, filtered, record_route, route
from .._state import FakeState, Record, Refused, now_iso
from ..domain.campaigns import new_record

routes = web.RouteTableDef()
BASE = "/api/v2/company"
CONTRACT: Record = {
    **dict.fromkeys(("name", "checkbox_label", "content", "external_link")),
    "content_hosted": True,
    "campaign_ids": [],
    "default": False,
}


def _new_contract(state: FakeState, body: dict[str, Any]) -> Record:
    contract = new_record(state, "contracts", CONTRACT, body, "name", "checkbox_label")
    for promoter in state.table("promoters"):  # every promoter gets a copy to sign
        content = f"<h1>{contract['name']}</h1>{contract['content'] or ''}"
        new = {"contract_id": contract["id"], "promoter_id": promoter["id"], "content": content}
        state.table("contract_documents").insert(
            {**new, "status": "pending", "signed_at": None, "created_at": now_iso()}
        )
    return contract


collection(
    routes, BASE + "/contracts", "contracts", create=_new_contract, updatable=CONTRACT, delete=True
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


@record_route(routes, "GET", BASE + "/contract_documents/{id}", "contract_documents")
def _document(state: FakeState, document: Record, query: dict[str, Any]) -> Any:
    if query.get("content_type") != "pdf":
        return document
    name = f'attachment; filename="contract-{document["id"]}.pdf"'
    pdf = b"%PDF-1.4\n" + str(document.get("content")).encode()
    return web.Response(
        body=pdf, content_type="application/pdf", headers={"Content-Disposition": name}
    )


def _dashboard(state: FakeState, query: dict[str, Any]) -> dict[str, Any]:
    def of(table: str, campaign: Any) -> list[Record]:  # filters[campaign_id]: one or a list
        return filtered(state.table(table), query, filters={"campaign_id": campaign})

    commissions = of("commissions", lambda c: c["promoter_campaign"]["campaign_id"])
    payouts, referrals = of("payouts", "campaign_id"), of("referrals", "campaign_id")

    def total(rows: list[Record], status: str) -> int:
        return sum(r["amount"] for r in rows if r["status"] == status)

    pending = sum(1 for c in commissions if c["status"] == "pending")
    return {
        "stats": {
            "revenue_amount": sum(c["sale_amount"] for c in commissions),
            "referrals_count": len(referrals),
            "promoters_count": len(state.table("promoters")),
            "pending_actions": {"commissions": pending},
        },
        "trendings": {"promoters": [], "campaigns": []},
        "chart_data": {"data": [], **{k: query.get(k) for k in ("selection", "period_from")}},
        "payouts_and_commissions": {
            "pending_commissions_amount": total(commissions, "pending"),
            "approved_commissions_amount": total(commissions, "approved"),
            "due_payouts_amount": total(payouts, "pending"),
            "paid_payouts_amount": total(payouts, "completed"),
        },
    }


@route(routes, "GET", BASE + "/dashboards/{name}")
def dashboard(state: FakeState, query: dict[str, Any]) -> Any:
    answers = _dashboard(state, query)
    if query["name"] not in answers:
        raise Refused(404, "Not found", "not_found")
    return answers[query["name"]]


STATUSES = "/api/admin/v1/custom_referral_statuses"


def _statuses(state: FakeState) -> list[Record]:
    return sorted(state.table("custom_referral_statuses"), key=lambda status: status["order"])


route(routes, "GET", STATUSES)(lambda state, _: Page(_statuses(state)))


@route(routes, "PUT", STATUSES + "/update")
def update_statuses(state: FakeState, body: dict[str, Any]) -> list[Record]:
    table = state.table("custom_referral_statuses")
    for item in body.get("custom_referral_statuses") or []:
        existing = table.get(item["id"]) if item.get("id") else None
        if item.get("id") and existing is None:
            raise Refused(404, f"Custom referral status {item['id']} not found", "not_found")
        if item.get("_destroy"):
            table.delete(item["id"])
            continue
        fields = {k: item.get(k) for k in ("name", "description", "order")}
        record = existing or table.insert({"company_id": 1, "created_at": now_iso()})
        record.update(fields, updated_at=now_iso())
    return _statuses(state)
