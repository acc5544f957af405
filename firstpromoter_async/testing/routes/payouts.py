"""Fake ``/company/payouts``: payouts, their statistics, payments batches and bulk actions.

Payout records hold ``status``, ``amount``, ``unit``, ``promoter_id``, ``campaign_id``,
``commission_ids`` and ``created_at`` (as ``commissions.generate_payouts`` makes them), plus
optional ``payments_batch_id``, ``paid_at`` and ``tax_rate``; ``render_payout`` adds what the
API nests (promoter, campaign, payout method) and the payout period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from aiohttp import web

from .._builders import batch_action, collection, filtered, in_date_range
from .._http import body_of, error, json_response, query_of, state_of
from .._state import FakeState, Record, now_iso
from ..domain.payouts import (
    PAYOUT_TERMS,
    iso,
    month_of,
    parse_time,
    payout_method,
    payout_period,
    render_payout,
    total_incl_tax,
)

__all__ = ["routes"]

routes = web.RouteTableDef()
BASE = "/api/v2/company/payouts"

PAYMENT_METHODS = frozenset({"paypal", "bank", "wise", "crypto", "dots"})


# -- rendering ---------------------------------------------------------------------------------


def _due_date(payout: Record) -> dt.date:
    end = parse_time(payout_period(payout)[1])
    return (end + dt.timedelta(days=PAYOUT_TERMS["net_payout_days"])).date()


def _method_name(state: FakeState, payout: Record) -> str:
    promoter = state.table("promoters").get(payout["promoter_id"])
    method = promoter.get("selected_payout_method") if promoter else None
    return str(method.get("method")) if method else "not_set"


def _totals(payouts: Iterable[Record]) -> Record:
    amounts: dict[str, float] = {}
    promoters: set[int] = set()
    total = 0.0
    for payout in payouts:
        amounts[payout["unit"]] = amounts.get(payout["unit"], 0) + payout["amount"]
        total += total_incl_tax(payout)
        promoters.add(payout["promoter_id"])
    return {"amounts": amounts, "total_incl_tax": total, "promoters_count": len(promoters)}


# -- finding -----------------------------------------------------------------------------------


def _as_list(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _matches(state: FakeState, payout: Record, query: dict[str, Any]) -> bool:
    promoter = state.table("promoters").get(payout["promoter_id"]) or {}
    q = query.get("q")
    if q and q.lower() not in f"{promoter.get('email')} {promoter.get('name')}".lower():
        return False
    filters = query.get("filters") or {}
    if "payout_method" in filters and _method_name(state, payout) != filters["payout_method"]:
        return False
    if filters.get("only_payable") == "true" and payout["status"] != "pending":
        return False
    due_period = filters.get("due_period")
    if due_period is not None:
        overdue = payout["status"] == "pending" and _due_date(payout) < dt.date.today()
        due_next = payout["status"] == "pending" and not overdue
        if {"next": due_next, "overdue": overdue}.get(due_period, False) is False:
            return False
    if "fraud_suspicions" in filters:
        suspicions = promoter.get("fraud_suspicions") or ["no_suspicion"]
        if not set(_as_list(filters["fraud_suspicions"])) & set(suspicions):
            return False
    period_start, period_end = payout_period(payout)
    return in_date_range(period_start, filters.get("period_start")) and in_date_range(
        period_end, filters.get("period_end")
    )


_FILTERS = {k: k for k in ("status", "campaign_id", "payments_batch_id", "promoter_id")}


def _found(state: FakeState, query: dict[str, Any]) -> list[Record]:
    found = filtered(state.table("payouts"), query, filters=_FILTERS)
    return [p for p in found if _matches(state, p, query)]


# -- routes ------------------------------------------------------------------------------------


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


@routes.get(BASE + "/stats")
async def payout_stats(request: web.Request) -> web.Response:
    state = state_of(request)
    query = query_of(request)
    payouts = _found(state, query)
    wanted = {k for k, v in (query.get("stats_by") or {}).items() if v == "true"}
    if not wanted:
        wanted = {"paid_period", "status", "payout_method"}
    data: dict[str, Any] = {}
    if "status" in wanted:
        statuses = sorted({p["status"] for p in payouts})
        data["by_status"] = {s: _totals(p for p in payouts if p["status"] == s) for s in statuses}
    if "payout_method" in wanted:
        methods = sorted({_method_name(state, p) for p in payouts})
        data["by_payout_method"] = {
            m: _totals(p for p in payouts if _method_name(state, p) == m) for m in methods
        }
    if "paid_period" in wanted:
        by_month: dict[dt.datetime, list[Record]] = {}
        for payout in payouts:
            if payout["status"] == "completed" and payout.get("paid_at"):
                start, _ = month_of(parse_time(payout["paid_at"]))
                by_month.setdefault(start, []).append(payout)
        data["by_paid_period"] = [
            {
                "period_start": iso(start),
                "period_end": iso(month_of(start)[1]),
                **_totals(group),
            }
            for start, group in sorted(by_month.items())
        ]
    return json_response({"data": data, "meta": PAYOUT_TERMS})


@routes.get(BASE + "/due_stats")
async def payout_due_stats(request: web.Request) -> web.Response:
    state = state_of(request)
    pending = [p for p in _found(state, query_of(request)) if p["status"] == "pending"]
    today = dt.date.today()
    overdue = [p for p in pending if _due_date(p) < today]
    due_next = [p for p in pending if _due_date(p) >= today]
    this_month_end = month_of(dt.datetime.now(dt.timezone.utc))[1]
    last_month_end = month_of(this_month_end.replace(day=1) - dt.timedelta(days=1))[1]
    net = dt.timedelta(days=PAYOUT_TERMS["net_payout_days"])
    data = {
        "next": {
            **_totals(due_next),
            "due_date": (this_month_end + net).date().isoformat(),
            "period_end": this_month_end.date().isoformat(),
        },
        "overdue": {
            **_totals(overdue),
            "due_date": (last_month_end + net).date().isoformat(),
            "period_end": last_month_end.date().isoformat(),
        },
        "custom": _totals([]),
    }
    return json_response({"data": data, "meta": PAYOUT_TERMS})


@routes.get(BASE + "/group_by_promoters")
async def payouts_by_promoter(request: web.Request) -> web.Response:
    state = state_of(request)
    query = query_of(request)
    filters = query.get("filters") or {}
    payouts = _found(state, query)
    if "status" not in filters:
        payouts = [p for p in payouts if p["status"] == "pending"]
    min_payment = int(filters.get("min_payment") or 0)
    with_details = query.get("include_payout_method_details") == "true"
    groups: dict[int, list[Record]] = {}
    for payout in payouts:
        groups.setdefault(payout["promoter_id"], []).append(payout)
    entries = []
    for promoter_id, group in groups.items():
        promoter = state.table("promoters").get(promoter_id) or {"id": promoter_id}
        amount = sum(p["amount"] for p in group)
        if amount < min_payment:
            continue
        entries.append(
            {
                "promoter": {
                    "id": promoter_id,
                    "email": promoter.get("email"),
                    "name": promoter.get("name"),
                    "invoice_details_status": promoter.get("invoice_details_status"),
                    "fraud_suspicions": promoter.get("fraud_suspicions") or [],
                    "profile": {"invoice_details_validation_errors": {}},
                },
                "payout_method": payout_method(promoter, with_details),
                "payouts": [render_payout(state, p) for p in group],
                "is_amount_payable": amount > 0 and amount >= PAYOUT_TERMS["min_payment"],
                "payout_ids": [p["id"] for p in group],
                "amount": amount,
                "total_incl_tax": sum(total_incl_tax(p) for p in group),
            }
        )
    this_month_end = month_of(dt.datetime.now(dt.timezone.utc))[1]
    meta = {
        "total": sum(e["amount"] for e in entries),
        "promoters_count": len(entries),
        "total_incl_tax": sum(e["total_incl_tax"] for e in entries),
        "due_date": (this_month_end + dt.timedelta(days=PAYOUT_TERMS["net_payout_days"]))
        .date()
        .isoformat(),
        "period_end": this_month_end.date().isoformat(),
    }
    return json_response({"data": entries, "meta": meta})


@routes.post(BASE + "/create_payments_batch")
async def create_payments_batch(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    method = body.get("method")
    if method not in PAYMENT_METHODS:
        return error(422, "method must be paypal, bank, wise, crypto or dots", "invalid")
    included: list[Record] = []
    failed: list[Record] = []
    for payout in state.table("payouts"):
        if payout["status"] != "pending" or payout.get("payments_batch_id"):
            continue
        if payout["unit"] != "cash":
            continue
        chosen = _method_name(state, payout)
        if chosen not in ("not_set", method):
            failed.append(
                {
                    "payout_id": payout["id"],
                    "promoter_id": payout["promoter_id"],
                    "error": f"The promoter is paid by {chosen}",
                }
            )
            continue
        included.append(payout)
    if not included:
        return error(422, f"No payable payouts for {method}", "invalid")
    batch = state.table("payments_batches").insert(
        {
            "status": "awaiting_confirmation",
            "ext_reference": None,
            "ext_id": None,
            "scheduled_at": None,
            "processing_started_at": None,
            "completed_at": None,
            "is_payable": True,
            "is_retriable": False,
            "is_payment_otp_required": False,
            "total": sum(p["amount"] for p in included),
            "promoters_count": len({p["promoter_id"] for p in included}),
            "error": None,
        }
    )
    for payout in included:
        payout["payments_batch_id"] = batch["id"]
    return json_response({"data": batch, "meta": {"failed": failed}}, status=201)


def _set_commissions_paid(state: FakeState, payout: Record, paid: bool) -> None:
    for commission_id in payout.get("commission_ids") or []:
        commission = state.table("commissions").get(commission_id)
        if commission is not None:
            commission["is_paid"] = paid


def _mark_paid(state: FakeState, payout: Record, body: dict[str, Any]) -> str | None:
    if payout["status"] == "completed":
        return f"Payout {payout['id']} is already paid"
    if payout["status"] == "cancelled":
        return f"Payout {payout['id']} is cancelled"
    payout["status"] = "completed"
    payout["paid_at"] = now_iso()
    _set_commissions_paid(state, payout, True)
    return None


def _mark_unpaid(state: FakeState, payout: Record, body: dict[str, Any]) -> str | None:
    if payout["status"] != "completed":
        return f"Payout {payout['id']} is not paid"
    payout["status"] = "pending"
    payout["paid_at"] = None
    _set_commissions_paid(state, payout, False)
    return None


def _destroy(state: FakeState, payout: Record, body: dict[str, Any]) -> str | None:
    if payout["status"] == "completed":
        return f"Payout {payout['id']} is paid and cannot be deleted"
    state.table("payouts").delete(payout["id"])
    for commission_id in payout.get("commission_ids") or []:
        commission = state.table("commissions").get(commission_id)
        if commission is not None:
            commission["payout_generated"] = False
    return None


def _batch_meta(state: FakeState, ids: list[int]) -> dict[str, Any]:
    selected = [p for p in (state.table("payouts").get(i) for i in ids) if p is not None]
    totals = _totals(selected)
    return {
        "total": sum(totals["amounts"].values()),
        "promoters_count": totals["promoters_count"],
        "total_incl_tax": totals["total_incl_tax"],
        "all_promoters_count": len({p["promoter_id"] for p in state.table("payouts")}),
    }


batch_action(
    routes,
    "POST",
    BASE + "/mark_as_paid",
    "payouts",
    "payout/mark_as_paid",
    _mark_paid,
    meta=_batch_meta,
)
batch_action(
    routes,
    "POST",
    BASE + "/mark_as_unpaid",
    "payouts",
    "payout/mark_as_unpaid",
    _mark_unpaid,
    meta=_batch_meta,
)
batch_action(
    routes, "DELETE", BASE + "/destroy", "payouts", "payout/destroy", _destroy, meta=_batch_meta
)
