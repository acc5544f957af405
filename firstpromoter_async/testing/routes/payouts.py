"""Fake ``/company/payouts``: payouts, their statistics, payments batches and bulk actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from aiohttp import web

from .._builders import Apply, batch_actions, collection, filtered, in_date_range, route
from .._state import FakeState, Record, Refused, now_iso
from ..domain.payouts import (
    PAYOUT_TERMS,
    due_date,
    due_window,
    iso,
    method_name,
    month_of,
    parse_time,
    payout_method,
    payout_period,
    render_payout,
    total_incl_tax,
    totals,
)

routes = web.RouteTableDef()
BASE = "/api/v2/company/payouts"
_FILTERS = {k: k for k in ("status", "campaign_id", "payments_batch_id", "promoter_id")}


def _matches(state: FakeState, payout: Record, query: dict[str, Any]) -> bool:
    promoter = state.table("promoters").get(payout["promoter_id"]) or {}
    q, filters = query.get("q"), query.get("filters") or {}
    if q and q.lower() not in f"{promoter.get('email')} {promoter.get('name')}".lower():
        return False
    if filters.get("payout_method", method_name(state, payout)) != method_name(state, payout):
        return False
    pending = payout["status"] == "pending"
    if filters.get("only_payable") == "true" and not pending:
        return False
    overdue = pending and due_date(payout) < dt.date.today()
    due = {"next": pending and not overdue, "overdue": overdue}
    if "due_period" in filters and not due.get(filters["due_period"], False):
        return False
    wanted = filters.get("fraud_suspicions")
    suspicions = promoter.get("fraud_suspicions") or ["no_suspicion"]
    if wanted and not set(wanted if isinstance(wanted, list) else [wanted]) & set(suspicions):
        return False
    start, end = payout_period(payout)
    return in_date_range(start, filters.get("period_start")) and in_date_range(
        end, filters.get("period_end")
    )


def _found(state: FakeState, query: dict[str, Any]) -> list[Record]:
    found = filtered(state.table("payouts"), query, filters=_FILTERS)
    return [p for p in found if _matches(state, p, query)]


def _by(payouts: list[Record], key: Callable[[Record], Any]) -> dict[Any, list[Record]]:
    groups: dict[Any, list[Record]] = {}
    for payout in payouts:
        groups.setdefault(key(payout), []).append(payout)
    return dict(sorted(groups.items()))


collection(
    routes,
    BASE,
    "payouts",
    render=render_payout,
    filters=_FILTERS,
    matches=_matches,
    sort_rendered=True,
    retrieve=False,
)


@route(routes, "GET", BASE + "/stats")
def payout_stats(state: FakeState, query: dict[str, Any]) -> Record:
    payouts = _found(state, query)
    wanted = {k for k, v in (query.get("stats_by") or {}).items() if v == "true"}
    wanted = wanted or {"paid_period", "status", "payout_method"}
    data: dict[str, Any] = {}
    if "status" in wanted:
        data["by_status"] = {k: totals(g) for k, g in _by(payouts, lambda p: p["status"]).items()}
    if "payout_method" in wanted:
        groups = _by(payouts, lambda p: method_name(state, p))
        data["by_payout_method"] = {k: totals(g) for k, g in groups.items()}
    if "paid_period" in wanted:
        paid = [p for p in payouts if p["status"] == "completed" and p.get("paid_at")]
        months = _by(paid, lambda p: month_of(parse_time(p["paid_at"]))[0])
        data["by_paid_period"] = [
            {"period_start": iso(start), "period_end": iso(month_of(start)[1]), **totals(group)}
            for start, group in months.items()
        ]
    return {"data": data, "meta": PAYOUT_TERMS}


def _month_end(months_back: int = 0) -> dt.datetime:
    end = month_of(dt.datetime.now(dt.timezone.utc))[1]
    for _ in range(months_back):
        end = month_of(end.replace(day=1) - dt.timedelta(days=1))[1]
    return end


@route(routes, "GET", BASE + "/due_stats")
def payout_due_stats(state: FakeState, query: dict[str, Any]) -> Record:
    pending = [p for p in _found(state, query) if p["status"] == "pending"]
    overdue = [p for p in pending if due_date(p) < dt.date.today()]
    data = {
        "next": {**totals(p for p in pending if p not in overdue), **due_window(_month_end())},
        "overdue": {**totals(overdue), **due_window(_month_end(1))},
        "custom": totals([]),
    }
    return {"data": data, "meta": PAYOUT_TERMS}


@route(routes, "GET", BASE + "/group_by_promoters")
def payouts_by_promoter(state: FakeState, query: dict[str, Any]) -> Record:
    filters = query.get("filters") or {}
    payouts = [p for p in _found(state, query) if "status" in filters or p["status"] == "pending"]
    with_details = query.get("include_payout_method_details") == "true"
    entries = []
    for promoter_id, group in _by(payouts, lambda p: p["promoter_id"]).items():
        promoter = state.table("promoters").get(promoter_id) or {"id": promoter_id}
        amount = sum(p["amount"] for p in group)
        if amount < int(filters.get("min_payment") or 0):
            continue
        shown = {
            **{"id": promoter_id, "email": promoter.get("email"), "name": promoter.get("name")},
            "invoice_details_status": promoter.get("invoice_details_status"),
            "fraud_suspicions": promoter.get("fraud_suspicions") or [],
            "profile": {"invoice_details_validation_errors": {}},
        }
        entries.append(
            {
                "promoter": shown,
                "payout_method": payout_method(promoter, with_details),
                "payouts": [render_payout(state, p) for p in group],
                "is_amount_payable": amount > 0 and amount >= PAYOUT_TERMS["min_payment"],
                "payout_ids": [p["id"] for p in group],
                "amount": amount,
                "total_incl_tax": sum(total_incl_tax(p) for p in group),
            }
        )
    meta = {
        "total": sum(e["amount"] for e in entries),
        "promoters_count": len(entries),
        "total_incl_tax": sum(e["total_incl_tax"] for e in entries),
        **due_window(_month_end()),
    }
    return {"data": entries, "meta": meta}


@route(routes, "POST", BASE + "/create_payments_batch", status=201)
def create_payments_batch(state: FakeState, body: dict[str, Any]) -> Record:
    method = body.get("method")
    if method not in ("paypal", "bank", "wise", "crypto", "dots"):
        raise Refused(422, "method must be paypal, bank, wise, crypto or dots")
    payable = [
        p
        for p in state.table("payouts")
        if p["status"] == "pending" and not p.get("payments_batch_id") and p["unit"] == "cash"
    ]
    included, failed = [], []
    for payout in payable:
        paid_by = method_name(state, payout)
        if paid_by in ("not_set", method):
            included.append(payout)
            continue
        problem = f"The promoter is paid by {paid_by}"
        failed.append(
            {"payout_id": payout["id"], "promoter_id": payout["promoter_id"], "error": problem}
        )
    if not included:
        raise Refused(422, f"No payable payouts for {method}")
    empty = ("ext_reference", "ext_id", "scheduled_at", "processing_started_at", "completed_at")
    batch = state.table("payments_batches").insert(
        {
            **dict.fromkeys((*empty, "error")),
            **{"status": "awaiting_confirmation", "is_payable": True, "is_retriable": False},
            "is_payment_otp_required": False,
            "total": sum(p["amount"] for p in included),
            "promoters_count": len({p["promoter_id"] for p in included}),
        }
    )
    for payout in included:
        payout["payments_batch_id"] = batch["id"]
    return {"data": batch, "meta": {"failed": failed}}


def _commissions_of(state: FakeState, payout: Record, **flags: bool) -> str | None:
    """Set ``flags`` on the payout's commissions; done (no error) for a batch."""
    for commission_id in payout.get("commission_ids") or []:
        commission = state.table("commissions").get(commission_id)
        if commission is not None:
            commission.update(flags)
    return None


def _paid(state: FakeState, payout: Record, paid: bool) -> str | None:
    payout.update(status="completed" if paid else "pending", paid_at=now_iso() if paid else None)
    return _commissions_of(state, payout, is_paid=paid)


def _mark_paid(state: FakeState, payout: Record, body: dict[str, Any]) -> str | None:
    if payout["status"] in ("completed", "cancelled"):
        paid = payout["status"] == "completed"
        return f"Payout {payout['id']} is {'already paid' if paid else 'cancelled'}"
    return _paid(state, payout, True)


def _mark_unpaid(state: FakeState, payout: Record, body: dict[str, Any]) -> str | None:
    if payout["status"] != "completed":
        return f"Payout {payout['id']} is not paid"
    return _paid(state, payout, False)


def _destroy(state: FakeState, payout: Record, body: dict[str, Any]) -> str | None:
    if payout["status"] == "completed":
        return f"Payout {payout['id']} is paid and cannot be deleted"
    state.table("payouts").delete(payout["id"])
    return _commissions_of(state, payout, payout_generated=False)


def _batch_meta(state: FakeState, ids: list[int]) -> dict[str, Any]:
    selected = [p for p in (state.table("payouts").get(i) for i in ids) if p is not None]
    shown = totals(selected)
    return {
        "total": sum(shown["amounts"].values()),
        "promoters_count": shown["promoters_count"],
        "total_incl_tax": shown["total_incl_tax"],
        "all_promoters_count": len({p["promoter_id"] for p in state.table("payouts")}),
    }


ACTIONS: dict[str, Apply] = {
    "POST /mark_as_paid": _mark_paid,
    "POST /mark_as_unpaid": _mark_unpaid,
    "DELETE /destroy": _destroy,
}
batch_actions(routes, BASE, "payouts", ACTIONS, meta=_batch_meta)
