"""Records of payouts (with their period, method and totals): factories and renderers, no HTTP.

A payout record holds ``status``, ``amount``, ``unit``, ``promoter_id``, ``campaign_id``,
``commission_ids`` and ``created_at`` (as ``commissions.generate_payouts`` makes them), plus
optional ``payments_batch_id``, ``paid_at`` and ``tax_rate``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from .._state import FakeState, Record, now_iso
from .promoters import ensure_campaign, new_promoter

__all__ = ["PAYOUT_TERMS", "new_payout", "render_payout", "seed_payouts"]

PAYOUT_TERMS: dict[str, Any] = {
    "net_payout_days": 30,
    "payout_cycle": "monthly",
    "min_payment": 0,
    "min_paying_customers": 0,
    "terms_description": "Paid monthly, 30 days after the end of the month",
    "selected_payout_methods": ["paypal", "bank", "wise"],
    "payout_method_options": {},
    "managed_payouts": False,
}
NET = dt.timedelta(days=PAYOUT_TERMS["net_payout_days"])


def new_payout(
    state: FakeState, *, promoter: Record, amount: int, campaign_id: int = 1, **fields: Any
) -> Record:
    """Create a payout record owed to ``promoter`` (``status``, ``unit`` and more in
    ``fields``)."""
    ensure_campaign(state, campaign_id)
    defaults = {"status": "pending", "unit": "cash", "commission_ids": [], "created_at": now_iso()}
    return state.table("payouts").insert(
        {**defaults, "amount": amount, "promoter_id": promoter["id"], "campaign_id": campaign_id}
        | fields
    )


def seed_payouts(state: FakeState, count: int, *, status: str = "pending") -> list[Record]:
    """Create ``count`` payouts spread over the existing promoters (three made if none)."""
    promoters = list(state.table("promoters"))
    if not promoters:
        ensure_campaign(state, 1)
        promoters = [new_promoter(state, email=f"earner{n}@example.com") for n in (1, 2, 3)]
    paid: dict[str, Any] = {"paid_at": now_iso()} if status == "completed" else {}
    return [
        new_payout(
            state,
            promoter=promoters[n % len(promoters)],
            amount=1000 + (n * 2500) % 20000,
            status=status,
            **paid,
        )
        for n in range(count)
    ]


def parse_time(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def month_of(moment: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The first and the last instant of ``moment``'s month."""
    start = moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    return start, following - dt.timedelta(milliseconds=1)


def payout_period(payout: Record) -> tuple[str, str]:
    if payout.get("period_start") and payout.get("period_end"):
        return payout["period_start"], payout["period_end"]
    start, end = month_of(parse_time(payout["created_at"]))
    return iso(start), iso(end)


def due_date(payout: Record) -> dt.date:
    return (parse_time(payout_period(payout)[1]) + NET).date()


def method_name(state: FakeState, payout: Record) -> str:
    method = (state.table("promoters").get(payout["promoter_id"]) or {}).get(
        "selected_payout_method"
    )
    return str(method.get("method")) if method else "not_set"


def payout_method(promoter: Record | None, with_details: bool = True) -> Record | None:
    method = promoter.get("selected_payout_method") if promoter else None
    if not method:
        return None
    details = {"details": method.get("details") or {}} if with_details else {}
    return {
        **{k: method.get(k) for k in ("id", "method", "date_added")},
        **{"is_disabled": method.get("is_disabled", False), "meta": {}, "is_selected": True},
        **{"managed_payouts": False, **details},
    }


def total_incl_tax(payout: Record) -> float:
    return round(float(payout["amount"]) * (1 + float(payout.get("tax_rate") or 0) / 100), 2)


def totals(payouts: Iterable[Record]) -> Record:
    """Amounts by unit, the total with tax and the promoters of ``payouts``."""
    amounts: dict[str, float] = {}
    promoters: set[int] = set()
    total = 0.0
    for payout in payouts:
        amounts[payout["unit"]] = amounts.get(payout["unit"], 0) + payout["amount"]
        total += total_incl_tax(payout)
        promoters.add(payout["promoter_id"])
    return {"amounts": amounts, "total_incl_tax": total, "promoters_count": len(promoters)}


def due_window(end: dt.datetime) -> Record:
    """The due date and period end of the payout period ending at ``end``."""
    return {"due_date": (end + NET).date().isoformat(), "period_end": end.date().isoformat()}


def render_payout(state: FakeState, payout: Record) -> Record:
    """A payout as the API shows it."""
    promoter = state.table("promoters").get(payout["promoter_id"])
    campaign = ensure_campaign(state, payout["campaign_id"])
    optional = ("payments_batch_id", "paid_at", "processing_started_at", "failed_at", "error")
    period_start, period_end = payout_period(payout)
    return {
        **{k: payout[k] for k in ("id", "status", "amount")},
        **{k: payout.get(k) for k in optional},
        "tax_rate": payout.get("tax_rate", 0),
        "unit": payout["unit"],
        "period_start": period_start,
        "period_end": period_end,
        "total_incl_tax": total_incl_tax(payout),
        "created_at": payout["created_at"],
        "payout_method": payout_method(promoter),
        "promoter": {k: promoter[k] for k in ("id", "email", "name")} if promoter else None,
        "campaign": {k: campaign[k] for k in ("id", "name", "color")},
    }
