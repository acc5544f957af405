"""v1 reports: metrics over a period, overall, per campaign or per promoter."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Literal

from msgspec.structs import fields

from ..._fields import Day, Id, Paging, Unpack, one_of
from ..._operation import op
from ..._pagination import AsyncPaginator
from ..._resource import APIResource
from ...models.v1_report import V1CampaignReport, V1PromoterReport, V1Report

__all__ = ["V1Reports"]

Metric = Annotated[str, one_of(*(f.encode_name for f in fields(V1Report) if f.name != "period"))]
"""A metric a report may select: a field of ``V1Report`` as the API names it."""
GroupBy = Literal["day", "month", "year"]


class V1Reports(APIResource):
    """v1 reports (``/reports/...``): ``selected_fields`` picks the metrics (default revenue,
    clicks, referrals and customers), ``group_by`` the period (``day``: 90 days at most)."""

    _api = "v1"  # lists walk pages with v1's credentials

    @op("GET", "/reports/overview", api="v1")
    async def overview(
        self,
        *,
        selected_fields: Iterable[Metric] | None = None,
        sort: Metric | None = None,
        sort_dir: Literal["asc", "desc"] | None = None,
        group_by: GroupBy | None = None,
        start_date: Day | None = None,
        end_date: Day | None = None,
    ) -> list[V1Report]:
        """The account's metrics per period."""
        return await self._call(self.overview, locals())

    @op("GET", "/reports/campaigns", api="v1")
    async def campaigns(
        self,
        *,
        selected_fields: Iterable[Metric] | None = None,
        group_by: GroupBy | None = None,
        start_date: Day | None = None,
        end_date: Day | None = None,
    ) -> list[V1CampaignReport]:
        """Each campaign's metrics, in total and per period."""
        return await self._call(self.campaigns, locals())

    @op("GET", "/reports/promoters", api="v1")
    def promoters(
        self,
        *,
        selected_fields: Iterable[Metric] | None = None,
        promoter_ids: Iterable[Id] | None = None,
        group_by: GroupBy | None = None,
        start_date: Day | None = None,
        end_date: Day | None = None,
        **paging: Unpack[Paging],
    ) -> AsyncPaginator[V1PromoterReport]:
        """Every promoter's metrics, by total revenue, page after page (``Link`` header).
        The vendor's top-50 answer (no ``page``, ``top_50=``) is ``fp.request``'s to ask. Keywords:
        ``Paging``."""
        return self._paginate(self.promoters, locals())
