"""Records of payouts (with their period, method and totals): factories and renderers, no HTTP."""

from __future__ import annotations

import datetime as dt
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


def new_payout(
    state: FakeState,
    *,
    promoter: Record,
    amount: int,
    unit: str = "cash",
    campaign_id: int = 1,
    status: str = "pending",
    commission_ids: list[int] | None = None,
    **extra: Any,
) -> Record:
    """Create a payout record owed to ``promoter``."""
    ensure_campaign(state, campaign_id)
    return state.table("payouts").insert(
        {
            "status": status,
            "amount": amount,
            "unit": unit,
            "promoter_id": promoter["id"],
            "campaign_id": campaign_id,
            "commission_ids": list(commission_ids or []),
            "created_at": now_iso(),
            **extra,
        }
    )


def seed_payouts(state: FakeState, count: int, *, status: str = "pending") -> list[Record]:
    """Create ``count`` payouts spread over the existing promoters (three made if none)."""
    promoters = list(state.table("promoters"))
    if not promoters:
        ensure_campaign(state, 1)
        promoters = [
            new_promoter(state, email=f"earner{n}@example.com", campaign_id=1) for n in (1, 2, 3)
        ]
    created = []
    for n in range(count):
        extra: dict[str, Any] = {"paid_at": now_iso()} if status == "completed" else {}
        created.append(
            new_payout(
                state,
                promoter=promoters[n % len(promoters)],
                amount=1000 + (n * 2500) % 20000,
                status=status,
                **extra,
            )
        )
    return created


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


def payout_method(promoter: Record | None, with_details: bool = True) -> Record | None:
    method = promoter.get("selected_payout_method") if promoter else None
    if not method:
        return None
    shown = {
        "id": method["id"],
        "method": method.get("method"),
        "date_added": method.get("date_added"),
        "is_disabled": method.get("is_disabled", False),
        "meta": {},
        "is_selected": True,
        "managed_payouts": False,
    }
    if with_details:
        shown["details"] = method.get("details") or {}
    return shown


def total_incl_tax(payout: Record) -> float:
    rate = float(payout.get("tax_rate") or 0)
    return round(float(payout["amount"]) * (1 + rate / 100), 2)


def render_payout(state: FakeState, payout: Record) -> Record:
    """A payout as the API shows it."""
    promoter = state.table("promoters").get(payout["promoter_id"])
    campaign = ensure_campaign(state, payout["campaign_id"])
    period_start, period_end = payout_period(payout)
    return {
        "id": payout["id"],
        "status": payout["status"],
        "amount": payout["amount"],
        "payments_batch_id": payout.get("payments_batch_id"),
        "tax_rate": payout.get("tax_rate", 0),
        "unit": payout["unit"],
        "period_start": period_start,
        "period_end": period_end,
        "paid_at": payout.get("paid_at"),
        "processing_started_at": payout.get("processing_started_at"),
        "failed_at": payout.get("failed_at"),
        "error": payout.get("error"),
        "total_incl_tax": total_incl_tax(payout),
        "created_at": payout["created_at"],
        "payout_method": payout_method(promoter),
        "promoter": {k: promoter[k] for k in ("id", "email", "name")} if promoter else None,
        "campaign": {k: campaign[k] for k in ("id", "name", "color")},
    }
