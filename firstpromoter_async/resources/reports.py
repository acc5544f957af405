"""Aggregated reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from email.message import Message
from typing import Any, Literal, TypeVar

import msgspec

from .._exceptions import InvalidRequestError
from .._filters import check_sorting
from .._query_keys import QUERY_KEYS, REPORT_COLUMNS, TRAFFIC_COLUMNS, URL_COLUMNS
from .._resource import APIResource
from .._validation import check_choice, compact, require
from ..models.report import (
    CampaignReportRow,
    OverviewReportRow,
    PromoterReportRow,
    ReportFile,
    TrafficSourceReportRow,
    URLReportRow,
)

__all__ = ["Reports"]

T = TypeVar("T")

ReportColumn = Literal[
    "active_customers",
    "monthly_churn",
    "clicks_count",
    "net_revenue_amount",
    "revenue_amount",
    "referrals_count",
    "customers_count",
    "sales_count",
    "refunds_count",
    "cancelled_customers_count",
    "promoter_earnings_amount",
    "non_link_customers",
    "referrals_to_customers_cr",
    "3m_epc",
    "6m_epc",
    "clicks_to_customers_cr",
    "clicks_to_referrals_cr",
    "promoter_paid_amount",
    "signups_count",
]
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
URLColumn = Literal[
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
    "url",
]
GroupBy = Literal["day", "week", "month", "year"]
ReportType = Literal["overview", "campaigns", "promoters", "traffic_sources", "urls"]
DateTimeLike = dt.datetime | dt.date | str

# the vendor documents the download's 200 as text/csv; errors come as JSON
_CSV_OR_JSON = {"Accept": "text/csv, application/json"}
GROUP_BY = frozenset({"day", "week", "month", "year"})
COLUMNS_BY_REPORT: dict[str, frozenset[str]] = {
    "overview": REPORT_COLUMNS,
    "campaigns": REPORT_COLUMNS,
    "promoters": REPORT_COLUMNS,
    "traffic_sources": TRAFFIC_COLUMNS,
    "urls": URL_COLUMNS,
}


def _columns(value: Any, allowed: frozenset[str]) -> list[str]:
    require(value, "columns")
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Sequence):
        raise InvalidRequestError("columns", "must be a list of column names")
    columns = list(value)
    if not columns:
        raise InvalidRequestError("columns", "must not be empty")
    for column in columns:
        if column not in allowed:
            names = ", ".join(sorted(allowed))
            raise InvalidRequestError("columns", f"must be among {names}; got {column!r}")
    return columns


def _moment(value: Any, name: str) -> dt.datetime:
    """``value`` as a naive datetime, for ordering checks only."""
    require(value, name)
    moment: dt.datetime | None = None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time.min)
    elif isinstance(value, str):
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            moment = None
    if moment is None:
        raise InvalidRequestError(
            name, f"must be a datetime, a date or an ISO 8601 string, got {value!r}"
        )
    return moment.replace(tzinfo=None)


def _period(start_date: Any, end_date: Any) -> tuple[Any, Any]:
    if _moment(end_date, "end_date") < _moment(start_date, "start_date"):
        raise InvalidRequestError("end_date", "must not be before start_date")
    return start_date, end_date


def _report_file(status: int, headers: Mapping[str, str], body: bytes) -> ReportFile:
    parsed = Message()
    parsed["Content-Type"] = headers.get("Content-Type") or "application/octet-stream"
    disposition = headers.get("Content-Disposition")
    if disposition:
        parsed["Content-Disposition"] = disposition
    filename = parsed.get_filename()
    charset = parsed.get_content_charset()
    message: str | None = None
    if status == 202:
        try:
            answer = msgspec.json.decode(body)
        except msgspec.DecodeError:
            answer = None
        if isinstance(answer, dict) and answer.get("message") is not None:
            message = str(answer["message"])
    return ReportFile(
        content=body,
        content_type=parsed.get_content_type(),
        filename=filename,
        charset=charset,
        status=status,
        message=message,
    )


class Reports(APIResource):
    """Aggregated figures of the account (``/company/reports``).

    Every report takes ``columns`` (which figures), ``group_by`` (``day``, ``week``,
    ``month`` or ``year``) and the period ``start_date`` to ``end_date`` (datetimes, dates or
    ISO 8601 strings); optional ``q`` searches and ``sorting`` orders by the report's
    columns or ``period``, e.g. ``{"revenue_amount": "desc"}`` (another key raises
    ``InvalidRequestError``).
    """

    async def _report(
        self,
        name: str,
        row_type: type[T],
        *,
        columns: Any,
        group_by: Any,
        start_date: Any,
        end_date: Any,
        q: str | None,
        sorting: Any,
    ) -> list[T]:
        checked = _columns(columns, COLUMNS_BY_REPORT[name])
        check_choice(require(group_by, "group_by"), "group_by", GROUP_BY)
        start_date, end_date = _period(start_date, end_date)
        params = compact(
            columns=checked,
            q=q,
            group_by=group_by,
            start_date=start_date,
            end_date=end_date,
            sorting=check_sorting(sorting, QUERY_KEYS[f"/company/reports/{name}"]),
        )
        rows: Any = list[row_type]  # type: ignore[valid-type]
        result: list[T] = await self._request(
            "GET", f"/company/reports/{name}", cast_to=rows, params=params
        )
        return result

    async def overview(
        self,
        *,
        columns: Sequence[ReportColumn],
        group_by: GroupBy,
        start_date: DateTimeLike,
        end_date: DateTimeLike,
        q: str | None = None,
        sorting: Mapping[str, Literal["asc", "desc"]] | msgspec.Struct | None = None,
    ) -> list[OverviewReportRow]:
        """The account's figures, one row per period.

        Raises:
            InvalidRequestError: a required argument is missing, a column or ``group_by`` is
                not an allowed value, or ``end_date`` is before ``start_date``.
        """
        return await self._report(
            "overview",
            OverviewReportRow,
            columns=columns,
            group_by=group_by,
            start_date=start_date,
            end_date=end_date,
            q=q,
            sorting=sorting,
        )

    async def campaigns(
        self,
        *,
        columns: Sequence[ReportColumn],
        group_by: GroupBy,
        start_date: DateTimeLike,
        end_date: DateTimeLike,
        q: str | None = None,
        sorting: Mapping[str, Literal["asc", "desc"]] | msgspec.Struct | None = None,
    ) -> list[CampaignReportRow]:
        """Figures per campaign, each with its periods in ``sub_data`` (checks as
        ``overview``)."""
        return await self._report(
            "campaigns",
            CampaignReportRow,
            columns=columns,
            group_by=group_by,
            start_date=start_date,
            end_date=end_date,
            q=q,
            sorting=sorting,
        )

    async def promoters(
        self,
        *,
        columns: Sequence[ReportColumn],
        group_by: GroupBy,
        start_date: DateTimeLike,
        end_date: DateTimeLike,
        q: str | None = None,
        sorting: Mapping[str, Literal["asc", "desc"]] | msgspec.Struct | None = None,
    ) -> list[PromoterReportRow]:
        """Figures per promoter, each with its periods in ``sub_data`` (checks as
        ``overview``)."""
        return await self._report(
            "promoters",
            PromoterReportRow,
            columns=columns,
            group_by=group_by,
            start_date=start_date,
            end_date=end_date,
            q=q,
            sorting=sorting,
        )

    async def traffic_sources(
        self,
        *,
        columns: Sequence[TrafficColumn],
        group_by: GroupBy,
        start_date: DateTimeLike,
        end_date: DateTimeLike,
        q: str | None = None,
        sorting: Mapping[str, Literal["asc", "desc"]] | msgspec.Struct | None = None,
    ) -> list[TrafficSourceReportRow]:
        """Figures per traffic source, each with its periods in ``sub_data``; fewer columns
        are available than for ``overview`` (checks as ``overview``)."""
        return await self._report(
            "traffic_sources",
            TrafficSourceReportRow,
            columns=columns,
            group_by=group_by,
            start_date=start_date,
            end_date=end_date,
            q=q,
            sorting=sorting,
        )

    async def urls(
        self,
        *,
        columns: Sequence[URLColumn],
        group_by: GroupBy,
        start_date: DateTimeLike,
        end_date: DateTimeLike,
        q: str | None = None,
        sorting: Mapping[str, Literal["asc", "desc"]] | msgspec.Struct | None = None,
    ) -> list[URLReportRow]:
        """Figures per landing URL (the columns of ``traffic_sources`` plus ``url``; checks
        as ``overview``)."""
        return await self._report(
            "urls",
            URLReportRow,
            columns=columns,
            group_by=group_by,
            start_date=start_date,
            end_date=end_date,
            q=q,
            sorting=sorting,
        )

    async def download(
        self,
        *,
        report_type: ReportType,
        columns: Sequence[str],
        group_by: GroupBy,
        start_date: DateTimeLike,
        end_date: DateTimeLike,
        totals: bool | None = None,
    ) -> ReportFile:
        """One report as a CSV file.

        Args:
            report_type: ``overview``, ``campaigns``, ``promoters``, ``traffic_sources`` or
                ``urls``; ``columns`` must be columns of that report.
            totals: add a totals row.

        Returns:
            A ``ReportFile`` with the bytes, content type and file name. When the server
            builds a large report in the background (HTTP 202), ``ready`` is false and
            ``message`` says so.

        Raises:
            InvalidRequestError: as for the report itself, or ``report_type`` is unknown.
        """
        check_choice(require(report_type, "report_type"), "report_type", COLUMNS_BY_REPORT)
        checked = _columns(columns, COLUMNS_BY_REPORT[report_type])
        check_choice(require(group_by, "group_by"), "group_by", GROUP_BY)
        start_date, end_date = _period(start_date, end_date)
        params = compact(
            report_type=report_type,
            totals=totals,
            columns=checked,
            group_by=group_by,
            start_date=start_date,
            end_date=end_date,
        )
        response = await self._raw(
            "GET", "/company/reports/download", params=params, headers=_CSV_OR_JSON
        )
        return _report_file(response.status, response.headers, response.body)
