"""The dashboard's figures; answers keep their JSON in ``raw``."""

from __future__ import annotations

from typing import Literal

from .._fields import Day, Filters
from .._operation import op
from .._resource import APIResource
from ..models.dashboard import (
    DashboardChartData,
    DashboardPayoutsAndCommissions,
    DashboardStats,
    DashboardTrendings,
)

__all__ = ["Dashboards"]

Selection = Literal["revenue", "commissions", "clicks", "referrals", "customers", "cancellations"]


class Dashboards(APIResource):
    """``/company/dashboards``: ``filters={"campaign_id": id or [ids]}`` narrows each."""

    @op("GET", "/company/dashboards/stats")
    async def stats(self, *, filters: Filters = None) -> DashboardStats:
        """The top figures and pending actions."""
        return await self._call(self.stats, locals())

    @op("GET", "/company/dashboards/trendings")
    async def trendings(self, *, filters: Filters = None) -> DashboardTrendings:
        """The leading promoters and campaigns."""
        return await self._call(self.trendings, locals())

    @op("GET", "/company/dashboards/chart_data")
    async def chart_data(
        self,
        *,
        filters: Filters = None,
        period_from: Day | None = None,
        period_to: Day | None = None,
        selection: Selection | None = None,
    ) -> DashboardChartData:
        """One chart of ``selection`` over the period."""
        return await self._call(self.chart_data, locals())

    @op("GET", "/company/dashboards/payouts_and_commissions")
    async def payouts_and_commissions(
        self, *, filters: Filters = None
    ) -> DashboardPayoutsAndCommissions:
        """Commission and payout totals."""
        return await self._call(self.payouts_and_commissions, locals())
