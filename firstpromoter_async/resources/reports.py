"""Aggregated reports, and a report as a CSV file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal

import msgspec

from .._exceptions import InvalidRequestError
from .._operation import op
from .._query_keys import QUERY_KEYS
from .._resource import APIResource
from ..models.report import (
    CampaignReportRow,
    OverviewReportRow,
    PromoterReportRow,
    ReportFile,
    TrafficSourceReportRow,
    URLReportRow,
)

__all__ = ["Reports"]

TrafficColumn = Literal[
    "clicks_count",
    "revenue_amount",
    "promoter_earnings_amount",
    "referrals_count",
    "customers_count",
    "sales_count",
    "refunds_count",
    "cancelled_customers_count",
    "referrals_to_customers_cr",
    "clicks_to_customers_cr",
    "clicks_to_referrals_cr",
]
ReportColumn = Literal[
    TrafficColumn,
    "active_customers",
    "monthly_churn",
    "net_revenue_amount",
    "non_link_customers",
    "3m_epc",
    "6m_epc",
    "promoter_paid_amount",
    "signups_count",
]
URLColumn = Literal[TrafficColumn, "url"]
GroupBy = Literal["day", "week", "month", "year"]
ReportType = Literal["overview", "campaigns", "promoters", "traffic_sources", "urls"]
DateTimeLike = dt.datetime | dt.date | str
Sorting = Mapping[str, Literal["asc", "desc"]] | msgspec.Struct | None


def _moment(fields: dict[str, Any], name: str) -> dt.datetime:
    text = str(fields[name]).strip()
    try:
        moment = dt.datetime.fromisoformat(text[:-1] + "+00:00" if text[-1:] in "Zz" else text)
    except ValueError:
        message = f"must be a datetime, a date or an ISO 8601 string, got {fields[name]!r}"
        raise InvalidRequestError(name, message) from None
    return moment.replace(tzinfo=None)


def _day(value: Any) -> dt.date | None:
    """The day ``value`` names when it is a date alone (``2025-01-01``), else ``None``."""
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def _period(fields: dict[str, Any]) -> None:
    for name in ("start_date", "end_date"):  # date-time parameters: a day is sent as its start
        day = _day(fields[name])
        if day is not None:
            fields[name] = dt.datetime.combine(day, dt.time(), dt.timezone.utc).isoformat()
    if _moment(fields, "end_date") < _moment(fields, "start_date"):
        raise InvalidRequestError("end_date", "must not be before start_date")


def _report_columns(fields: dict[str, Any]) -> None:
    allowed = QUERY_KEYS[f"/company/reports/{fields['report_type']}"].sorting - {"period"}
    for column in fields["columns"]:
        if column not in allowed:
            names = ", ".join(sorted(allowed))
            raise InvalidRequestError("columns", f"must be among {names}; got {column!r}")


class Reports(APIResource):
    """Aggregated figures (``/company/reports``): ``columns``, ``group_by`` and the period
    ``start_date`` to ``end_date`` (datetimes, dates sent as their midnight UTC, or ISO strings);
    ``q`` searches, ``sorting``
    orders by the report's columns or ``period``. A bad argument raises ``InvalidRequestError``."""

    @op("GET", "/company/reports/overview", checks=[_period])
    async def overview(
        self,
        *,
        columns: Annotated[Sequence[ReportColumn], msgspec.Meta(min_length=1)],
        group_by: GroupBy,
        start_date: DateTimeLike,
        end_date: DateTimeLike,
        q: str | None = None,
        sorting: Sorting = None,
    ) -> list[OverviewReportRow]:
        """The account's figures, one row per period (``end_date`` not before ``start_date``)."""
        return await self._call(self.overview, locals())

    @op("GET", "/company/reports/campaigns", checks=[_period])
    async def campaigns(
        self,
        *,
        columns: Annotated[Sequence[ReportColumn], msgspec.Meta(min_length=1)],
        group_by: GroupBy,
        start_date: DateTimeLike,
        end_date: DateTimeLike,
        q: str | None = None,
        sorting: Sorting = None,
    ) -> list[CampaignReportRow]:
        """Figures per campaign, each with its periods in ``sub_data``."""
        return await self._call(self.campaigns, locals())

    @op("GET", "/company/reports/promoters", checks=[_period])
    async def promoters(
        self,
        *,
        columns: Annotated[Sequence[ReportColumn], msgspec.Meta(min_length=1)],
        group_by: GroupBy,
        start_date: DateTimeLike,
        end_date: DateTimeLike,
        q: str | None = None,
        sorting: Sorting = None,
    ) -> list[PromoterReportRow]:
        """Figures per promoter, each with its periods in ``sub_data``."""
        return await self._call(self.promoters, locals())

    @op("GET", "/company/reports/traffic_sources", checks=[_period])
    async def traffic_sources(
        self,
        *,
        columns: Annotated[Sequence[TrafficColumn], msgspec.Meta(min_length=1)],
        group_by: GroupBy,
        start_date: DateTimeLike,
        end_date: DateTimeLike,
        q: str | None = None,
        sorting: Sorting = None,
    ) -> list[TrafficSourceReportRow]:
        """Figures per traffic source, with periods in ``sub_data`` (fewer columns)."""
        return await self._call(self.traffic_sources, locals())

    @op("GET", "/company/reports/urls", checks=[_period])
    async def urls(
        self,
        *,
        columns: Annotated[Sequence[URLColumn], msgspec.Meta(min_length=1)],
        group_by: GroupBy,
        start_date: DateTimeLike,
        end_date: DateTimeLike,
        q: str | None = None,
        sorting: Sorting = None,
    ) -> list[URLReportRow]:
        """Figures per landing URL (the columns of ``traffic_sources`` plus ``url``)."""
        return await self._call(self.urls, locals())

    @op(
        "GET",
        "/company/reports/download",
        accept="text/csv, application/json",  # the 200 is CSV; errors come as JSON
        checks=[_period, _report_columns],
    )
    async def download(
        self,
        *,
        report_type: ReportType,
        columns: Annotated[Sequence[str], msgspec.Meta(min_length=1)],
        group_by: GroupBy,
        start_date: DateTimeLike,
        end_date: DateTimeLike,
        totals: bool | None = None,
    ) -> ReportFile:
        """One report as a CSV file (a totals row with ``totals``). When the server builds it in
        the background (HTTP 202), ``ready`` is false and ``message`` says so."""
        return await self._download(self.download, locals())
