"""Records of report events and the figures summed from them: factories and renderers, no HTTP."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .._state import FakeState, Record, now_iso

__all__ = ["ReportEvent", "events_of", "figures", "new_click"]


_CUSTOMER_STATES = ("active", "cancelled", "refunded")


_SUMS = (
    "clicks_count",
    "referrals_count",
    "signups_count",
    "customers_count",
    "active_customers",
    "cancelled_customers_count",
    "non_link_customers",
    "sales_count",
    "refunds_count",
    "revenue_amount",
    "net_revenue_amount",
    "promoter_earnings_amount",
    "promoter_paid_amount",
)


@dataclass
class ReportEvent:
    """One dated thing that counts in reports."""

    day: dt.date
    promoter_id: int | None
    campaign_id: int | None
    source: str | None = None
    url: str | None = None
    counts: dict[str, int] = field(default_factory=dict)


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
    return state.table("clicks").insert(
        {
            "promoter_id": promoter["id"],
            "campaign_id": campaign_id,
            "source": source,
            "url": url,
            "created_at": created_at or now_iso(),
        }
    )


def _day(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _referral_owner(referral: Record) -> tuple[int | None, int | None]:
    membership = referral.get("promoter_campaign") or {}
    promoter_id = referral.get("promoter_id") or membership.get("promoter_id")
    campaign_id = referral.get("campaign_id") or membership.get("campaign_id")
    return (
        int(promoter_id) if promoter_id is not None else None,
        int(campaign_id) if campaign_id is not None else None,
    )


def events_of(state: FakeState) -> list[ReportEvent]:
    """Every click, referral and commission of the fake as report events."""
    events: list[ReportEvent] = []
    for click in state.table("clicks"):
        day = _day(click.get("created_at"))
        if day is not None:
            events.append(
                ReportEvent(
                    day,
                    click.get("promoter_id"),
                    click.get("campaign_id"),
                    click.get("source"),
                    click.get("url"),
                    {"clicks_count": 1},
                )
            )
    for referral in state.table("referrals"):
        day = _day(referral.get("created_at"))
        if day is None:
            continue
        promoter_id, campaign_id = _referral_owner(referral)
        referral_state = referral.get("state")
        customer = bool(referral.get("customer_since")) or referral_state in _CUSTOMER_STATES
        counts = {"referrals_count": 1, "signups_count": 1}
        if customer:
            counts["customers_count"] = 1
            if referral.get("entry_source") not in (None, "cookie"):
                counts["non_link_customers"] = 1
        if referral_state == "active":
            counts["active_customers"] = 1
        if referral_state == "cancelled":
            counts["cancelled_customers_count"] = 1
        events.append(
            ReportEvent(
                day,
                promoter_id,
                campaign_id,
                referral.get("source"),
                referral.get("url"),
                counts,
            )
        )
    for commission in state.table("commissions"):
        day = _day(commission.get("created_at"))
        if day is None:
            continue
        membership = commission.get("promoter_campaign") or {}
        amount = int(commission.get("amount") or 0)
        counts = {"promoter_earnings_amount": amount}
        if commission.get("is_paid"):
            counts["promoter_paid_amount"] = amount
        if commission.get("commission_type") == "sale":
            sale = int(commission.get("sale_amount") or 0)
            counts["net_revenue_amount"] = sale
            if sale < 0:
                counts["refunds_count"] = 1
            else:
                counts["sales_count"] = 1
                counts["revenue_amount"] = sale
        events.append(
            ReportEvent(
                day,
                membership.get("promoter_id"),
                membership.get("campaign_id"),
                None,
                None,
                counts,
            )
        )
    return events


def _rate(part: int, whole: int) -> float:
    return round(part * 100 / whole, 2) if whole else 0.0


def figures(events: Iterable[ReportEvent]) -> dict[str, Any]:
    """Every report column, summed over ``events`` (rates derived from the sums)."""
    sums = dict.fromkeys(_SUMS, 0)
    for event in events:
        for key, value in event.counts.items():
            sums[key] += value
    clicks, referrals, customers = (
        sums["clicks_count"],
        sums["referrals_count"],
        sums["customers_count"],
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
