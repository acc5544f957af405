"""Dated events (clicks, referrals, commissions) and the report figures summed from them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .._state import FakeState, Record, now_iso

__all__ = ["ReportEvent", "events_of", "figures", "new_click"]

_SUMS = (
    "clicks_count referrals_count signups_count customers_count active_customers "
    "cancelled_customers_count non_link_customers sales_count refunds_count revenue_amount "
    "net_revenue_amount promoter_earnings_amount promoter_paid_amount"
)


@dataclass
class ReportEvent:
    """One dated thing that counts in reports."""

    day: dt.date
    promoter_id: int | None
    campaign_id: int | None
    source: str | None
    url: str | None
    counts: dict[str, int]


def new_click(
    state: FakeState,
    *,
    promoter: Record,
    campaign_id: int = 1,
    source: str = "google.com",
    url: str = "https://example.com/",
    created_at: str | None = None,
) -> Record:
    """Record a click on ``promoter``'s link (counts in reports and membership stats)."""
    click = {"promoter_id": promoter["id"], "campaign_id": campaign_id, "source": source}
    return state.table("clicks").insert(
        {**click, "url": url, "created_at": created_at or now_iso()}
    )


def _event(dated: Record, owner: Record, counts: dict[str, int]) -> ReportEvent | None:
    try:
        day = dt.date.fromisoformat(str(dated.get("created_at"))[:10])
    except ValueError:
        return None
    promoter_id, campaign_id = (owner.get(k) for k in ("promoter_id", "campaign_id"))
    return ReportEvent(
        day,
        None if promoter_id is None else int(promoter_id),
        None if campaign_id is None else int(campaign_id),
        owner.get("source"),
        owner.get("url"),
        {key: value for key, value in counts.items() if value},
    )


def _referral(referral: Record) -> ReportEvent | None:
    membership = referral.get("promoter_campaign") or {}
    owner = {k: referral.get(k) or membership.get(k) for k in ("promoter_id", "campaign_id")}
    state = referral.get("state")
    customer = bool(referral.get("customer_since")) or state in ("active", "cancelled", "refunded")
    counts = {
        "referrals_count": 1,
        "signups_count": 1,
        "customers_count": customer,
        "non_link_customers": customer and referral.get("entry_source") not in (None, "cookie"),
        "active_customers": state == "active",
        "cancelled_customers_count": state == "cancelled",
    }
    return _event(referral, {**referral, **owner}, {k: int(v) for k, v in counts.items()})


def _commission(commission: Record) -> ReportEvent | None:
    amount, sale = (int(commission.get(k) or 0) for k in ("amount", "sale_amount"))
    is_sale = commission.get("commission_type") == "sale"
    counts = {
        "promoter_earnings_amount": amount,
        "promoter_paid_amount": amount if commission.get("is_paid") else 0,
        "net_revenue_amount": sale if is_sale else 0,
        "refunds_count": int(is_sale and sale < 0),
        "sales_count": int(is_sale and sale >= 0),
        "revenue_amount": sale if is_sale and sale >= 0 else 0,
    }
    membership = commission.get("promoter_campaign") or {}
    return _event(
        commission, {k: membership.get(k) for k in ("promoter_id", "campaign_id")}, counts
    )


def events_of(state: FakeState) -> list[ReportEvent]:
    """Every click, referral and commission of the fake as report events."""
    events = [_event(click, click, {"clicks_count": 1}) for click in state.table("clicks")]
    events += map(_referral, state.table("referrals"))
    events += map(_commission, state.table("commissions"))
    return [event for event in events if event is not None]


def _rate(part: int, whole: int) -> float:
    return round(part * 100 / whole, 2) if whole else 0.0


def figures(events: Iterable[ReportEvent]) -> dict[str, Any]:
    """Every report column, summed over ``events`` (rates derived from the sums)."""
    sums = dict.fromkeys(_SUMS.split(), 0)
    for event in events:
        for key, value in event.counts.items():
            sums[key] += value
    clicks, referrals, customers = (
        sums[k + "_count"] for k in ("clicks", "referrals", "customers")
    )
    epc = round(sums["revenue_amount"] / clicks, 2) if clicks else 0.0
    return {
        **sums,
        "monthly_churn": _rate(sums["cancelled_customers_count"], customers),
        "referrals_to_customers_cr": _rate(customers, referrals),
        "clicks_to_customers_cr": _rate(customers, clicks),
        "clicks_to_referrals_cr": _rate(referrals, clicks),
        "3m_epc": epc,
        "6m_epc": epc,
    }
