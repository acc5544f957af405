"""Reports: figures per period, campaign, promoter, traffic source or URL, and CSV files."""

from __future__ import annotations

import msgspec

from ._base import Model
from .common import CampaignRef, PromoterRef
from .file import FileResult


class ReportData(Model):
    """The figures of one report row; only the requested ``columns`` are present.

    Amounts are in cents; ``*_cr`` are conversion rates in percent; ``epc_3m`` and ``epc_6m``
    are the API's ``3m_epc`` and ``6m_epc`` (earnings per click over 3 and 6 months).
    """

    active_customers: int | float | None = None
    monthly_churn: int | float | None = None
    clicks_count: int | None = None
    net_revenue_amount: int | float | None = None
    revenue_amount: int | float | None = None
    referrals_count: int | None = None
    customers_count: int | None = None
    sales_count: int | None = None
    refunds_count: int | None = None
    cancelled_customers_count: int | None = None
    promoter_earnings_amount: int | float | None = None
    non_link_customers: int | None = None
    referrals_to_customers_cr: int | float | None = None
    epc_3m: int | float | None = msgspec.field(default=None, name="3m_epc")
    epc_6m: int | float | None = msgspec.field(default=None, name="6m_epc")
    clicks_to_customers_cr: int | float | None = None
    clicks_to_referrals_cr: int | float | None = None
    promoter_paid_amount: int | float | None = None
    signups_count: int | None = None
    url: str | None = None


class ReportPeriodRow(Model):
    """The figures of one period (``period`` is its label, e.g. ``2025-01``)."""

    period: str | None = None
    id: str | int | None = None
    data: ReportData | None = None


class OverviewReportRow(ReportPeriodRow):
    """A row of the overview report: one period of the whole account."""


class _GroupRow(Model):
    id: int | str | None = None
    data: ReportData | None = None
    sub_data: list[ReportPeriodRow] | None = None


class CampaignReportRow(_GroupRow):
    """A row of the campaigns report: one campaign, with its periods in ``sub_data``."""

    campaign: CampaignRef | None = None


class PromoterReportRow(_GroupRow):
    """A row of the promoters report: one promoter, with its periods in ``sub_data``."""

    promoter: PromoterRef | None = None


class TrafficSourceReportRow(_GroupRow):
    """A row of the traffic sources report: one source, with its periods in ``sub_data``."""

    source: str | None = None


class URLReportRow(_GroupRow):
    """A row of the URLs report: one landing URL."""

    url: str | None = None


class ReportFile(FileResult, kw_only=True):
    """A downloaded report (CSV): see ``FileResult``."""
