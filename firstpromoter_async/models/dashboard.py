"""The dashboard's figures (``/company/dashboards/*``). The vendor documents no answer body:
the fields are what its descriptions name; ``raw`` keeps the whole JSON object."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ._base import OpenModel
from .promoter_campaign import ChartPoint


class DashboardStats(OpenModel):
    """The top figures and the pending actions."""

    revenue_amount: int | float | None = None
    referrals_count: int | None = None
    customers_count: int | None = None
    clicks_count: int | None = None
    promoters_count: int | None = None
    pending_actions: dict[str, Any] | None = None


class DashboardTrendings(OpenModel):
    """The leading promoters and campaigns of the period."""

    promoters: list[dict[str, Any]] | None = None
    campaigns: list[dict[str, Any]] | None = None


class DashboardChartData(OpenModel):
    """One chart: ``selection`` per day between ``period_from`` and ``period_to``."""

    selection: str | None = None
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    data: list[ChartPoint] | None = None


class DashboardPayoutsAndCommissions(OpenModel):
    """Commission and payout totals, in cents."""

    pending_commissions_amount: int | float | None = None
    approved_commissions_amount: int | float | None = None
    due_payouts_amount: int | float | None = None
    paid_payouts_amount: int | float | None = None
