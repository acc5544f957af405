"""Fake v1 ``/reports/...``: metrics computed from the leads and rewards of the shared state."""

from __future__ import annotations

import datetime as dt
from typing import Any

from aiohttp import web

from .._http import json_response, page_of, query_of, state_of
from .._state import FakeState, Record

__all__ = ["routes"]

routes = web.RouteTableDef()
BASE = "/api/v1/reports"
_DEFAULT = ["revenue_amount", "clicks_count", "referrals_count", "customers_count"]
_PERIODS = {"day": "%Y-%m-%d", "month": "%b %Y", "year": "%Y"}


def _metrics(leads: list[Record], rewards: list[Record], fields: list[str]) -> Record:
    sales = [c.get("sale_amount") or 0 for c in rewards]
    cash = sum(c["amount"] for c in rewards if c["unit"] == "cash")
    values = {
        "revenue_amount": f"${sum(s for s in sales if s > 0) / 100:.2f}",
        "net_revenue_amount": f"${sum(sales) / 100:.2f}",
        "referrals_count": len(leads),
        "customers_count": sum(1 for r in leads if r["state"] in ("active", "cancelled")),
        "active_customers": sum(1 for r in leads if r["state"] == "active"),
        "cancelled_customers_count": sum(1 for r in leads if r["state"] == "cancelled"),
        "sales_count": sum(1 for s in sales if s > 0),
        "refunds_count": sum(1 for s in sales if s < 0),
        "promoter_earnings_amount": f"${cash / 100:.2f}",
    }
    return {field: values.get(field, 0) for field in fields}


def _report(
    state: FakeState, query: dict[str, Any], promoter: Any = None, campaign: Any = None
) -> Record:
    """Totals and ``items`` (one per period) of the leads and rewards in scope."""
    fields = query.get("selected_fields") or _DEFAULT
    form = _PERIODS.get(query.get("group_by") or "month", "%b %Y")

    def mine(promoter_id: Any, campaign_id: Any) -> bool:
        return promoter in (None, promoter_id) and campaign in (None, campaign_id)

    leads = [
        r for r in state.table("referrals") if mine(r.get("promoter_id"), r.get("campaign_id"))
    ]
    rewards = [
        c
        for c in state.table("commissions")
        if mine(*(c["promoter_campaign"][k] for k in ("promoter_id", "campaign_id")))
    ]

    def period(record: Record) -> str:
        return dt.date.fromisoformat(record["created_at"][:10]).strftime(form)

    periods = sorted({period(r) for r in [*leads, *rewards]})
    items = [
        {
            "period": name,
            **_metrics(
                [r for r in leads if period(r) == name],
                [c for c in rewards if period(c) == name],
                fields,
            ),
        }
        for name in periods
    ]
    return {**_metrics(leads, rewards, fields), "items": items}


@routes.get(BASE + "/overview")
async def overview(request: web.Request) -> web.Response:
    return json_response(_report(state_of(request), query_of(request))["items"])


@routes.get(BASE + "/campaigns")
async def campaigns(request: web.Request) -> web.Response:
    state, query = state_of(request), query_of(request)
    return json_response(
        [
            {
                "campaign_id": c["id"],
                "campaign_name": c["name"],
                **_report(state, query, campaign=c["id"]),
            }
            for c in state.table("campaigns")
        ]
    )


@routes.get(BASE + "/promoters")
async def promoters(request: web.Request) -> web.Response:
    state, query = state_of(request), query_of(request)
    wanted = {str(i) for i in query.get("promoter_ids") or []}
    rows = [
        {
            "promoter_id": p["id"],
            "promoter_name": p.get("name"),
            **_report(state, query, promoter=p["id"]),
        }
        for p in state.table("promoters")
        if not wanted or str(p["id"]) in wanted
    ]
    return page_of(request, rows, envelope=False, always_link=True)
