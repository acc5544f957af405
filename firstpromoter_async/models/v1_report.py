"""v1 reports: metrics per period, per campaign or per promoter."""

from __future__ import annotations

import msgspec

from ._base import Model

Metric = str | int | float | None
"""Amounts come formatted (``"$613.17"``), counts and rates as numbers."""


class V1Report(Model):
    """One period's metrics: the ``selected_fields`` asked for (``None`` when not asked)."""

    period: str | None = None
    revenue_amount: Metric = None
    clicks_count: Metric = None
    referrals_count: Metric = None
    customers_count: Metric = None
    active_customers: Metric = None
    monthly_churn: Metric = None
    net_revenue_amount: Metric = None
    sales_count: Metric = None
    refunds_count: Metric = None
    cancelled_customers_count: Metric = None
    promoter_earnings_amount: Metric = None
    non_link_customers: Metric = None
    referrals_to_customers_cr: Metric = None
    epc_3m: Metric = msgspec.field(default=None, name="3m_epc")
    epc_6m: Metric = msgspec.field(default=None, name="6m_epc")
    clicks_to_customers_cr: Metric = None
    clicks_to_referrals_cr: Metric = None
    promoter_paid_amount: Metric = None


class V1CampaignReport(V1Report):
    """A campaign's totals over the period, and its metrics per period (``items``)."""

    campaign_id: int | None = None
    campaign_name: str | None = None
    items: list[V1Report] | None = None


class V1PromoterReport(V1Report):
    """A promoter's totals over the period, and their metrics per period (``items``)."""

    promoter_id: int | None = None
    promoter_name: str | None = None
    items: list[V1Report] | None = None
