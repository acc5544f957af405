"""Fake v1 ``/reports/...``: metrics computed from the leads and rewards of the shared state."""

from __future__ import annotations

import datetime as dt
from typing import Any

from aiohttp import web

from .._builders import Page, route
from .._state import FakeState, Record, Refused

routes = web.RouteTableDef()
BASE = "/api/v1/reports"
_DEFAULT = ["revenue_amount", "clicks_count", "referrals_count", "customers_count"]
_PERIODS = {"day": "%Y-%m-%d", "month": "%b %Y", "year": "%Y"}


def _metrics(leads: list[Record], rewards: list[Record], fields: list[str]) -> Record:
    sales = [c.get("sale_amount") or 0 for c in rewards]
    states = [r["state"] for r in leads]
    values = {
        "revenue_amount": f"${sum(s for s in sales if s > 0) / 100:.2f}",
        "net_revenue_amount": f"${sum(sales) / 100:.2f}",
        "promoter_earnings_amount": f"${sum(c['amount'] for c in rewards) / 100:.2f}",
        "referrals_count": len(leads),
        "customers_count": states.count("active") + states.count("cancelled"),
        "active_customers": states.count("active"),
        "cancelled_customers_count": states.count("cancelled"),
        "sales_count": sum(s > 0 for s in sales),
        "refunds_count": sum(s < 0 for s in sales),
    }
    return {field: values.get(field, 0) for field in fields}


def _report(state: FakeState, query: dict[str, Any], **scope: int) -> Record:
    """Totals and ``items`` (one per period) of the leads and rewards of ``scope``
    (``promoter_id``, ``campaign_id``)."""
    fields = query.get("selected_fields") or _DEFAULT
    form = _PERIODS.get(query.get("group_by", "month"))
    leads = [r for r in state.table("referrals") if all(r.get(k) == v for k, v in scope.items())]
    rewards = list(state.table("commissions"))
    rewards = [c for c in rewards if all(c["promoter_campaign"][k] == v for k, v in scope.items())]

    if form is None:
        raise Refused(422, "Group by is invalid")

    def period(record: Record) -> str:
        return dt.date.fromisoformat(record["created_at"][:10]).strftime(form)

    def during(records: list[Record], name: str) -> list[Record]:
        return [r for r in records if period(r) == name]

    items = [
        {"period": name, **_metrics(during(leads, name), during(rewards, name), fields)}
        for name in sorted({period(r) for r in [*leads, *rewards]})
    ]
    return {**_metrics(leads, rewards, fields), "items": items}


route(routes, "GET", BASE + "/overview")(lambda state, query: _report(state, query)["items"])


def _row(state: FakeState, query: dict[str, Any], kind: str, record: Record) -> Record:
    """The report of one campaign or promoter (``kind``), named by its id and name."""
    scope = {f"{kind}_id": record["id"]}
    return {**scope, f"{kind}_name": record.get("name"), **_report(state, query, **scope)}


@route(routes, "GET", BASE + "/campaigns")
def campaigns(state: FakeState, query: dict[str, Any]) -> list[Record]:
    return [_row(state, query, "campaign", c) for c in state.table("campaigns")]


@route(routes, "GET", BASE + "/promoters")
def promoters(state: FakeState, query: dict[str, Any]) -> Page:
    wanted, shown = query.get("promoter_ids"), state.table("promoters")
    rows = [
        _row(state, query, "promoter", p) for p in shown if not wanted or str(p["id"]) in wanted
    ]
    return Page(rows, always_link=True)
