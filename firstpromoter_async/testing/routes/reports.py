"""Fake ``/company/reports``: figures computed from the fake's own records.

Every figure comes from dated events: a click (``clicks`` table, see ``new_click``) counts in
``clicks_count``; a referral (``referrals`` table) in ``referrals_count`` and
``signups_count``, and, once a customer, in ``customers_count``; a sale commission
(``commissions`` table) adds its ``sale_amount`` to ``revenue_amount`` and every commission
its ``amount`` to ``promoter_earnings_amount``. Rates are derived from those sums. Only
clicks (and referrals that carry a ``source``/``url``) have a traffic source and a URL.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from .._http import error, json_response, query_of, state_of
from .._state import FakeState, Record
from ..domain.reports import (
    ReportEvent,
    events_of,
    figures,
)

__all__ = ["routes"]

routes = web.RouteTableDef()
BASE = "/api/v2/company/reports"

REPORT_COLUMNS = (
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
)
TRAFFIC_COLUMNS = (
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
)
COLUMNS = {
    "overview": REPORT_COLUMNS,
    "campaigns": REPORT_COLUMNS,
    "promoters": REPORT_COLUMNS,
    "traffic_sources": TRAFFIC_COLUMNS,
    "urls": (*TRAFFIC_COLUMNS, "url"),
}
GROUP_BY = ("day", "week", "month", "year")
MAX_PERIODS = 1000
MAX_DAYS = 20 * 366
SYNC_DOWNLOAD_DAYS = 366  # longer downloads are "processed in the background" (202)


def _period_label(day: dt.date, group_by: str) -> str:
    if group_by == "week":
        return (day - dt.timedelta(days=day.weekday())).isoformat()
    if group_by == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if group_by == "year":
        return f"{day.year:04d}"
    return day.isoformat()


def _period_labels(start: dt.date, end: dt.date, group_by: str) -> list[str]:
    labels: list[str] = []
    day = start
    while day <= end:
        label = _period_label(day, group_by)
        if not labels or labels[-1] != label:
            labels.append(label)
        day += dt.timedelta(days=1)
    return labels


@dataclass
class _Params:
    name: str
    columns: list[str]
    group_by: str
    start: dt.date
    end: dt.date
    q: str | None
    sorting: dict[str, str]


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return None


def _params(request: web.Request, name: str) -> _Params | web.Response:
    query = query_of(request)
    raw_columns = query.get("columns")
    if isinstance(raw_columns, str):
        raw_columns = [raw_columns]
    for key, value in (
        ("columns", raw_columns),
        ("group_by", query.get("group_by")),
        ("start_date", query.get("start_date")),
        ("end_date", query.get("end_date")),
    ):
        if not value:
            return error(422, f"param is missing or the value is empty: {key}", "invalid_params")
    assert isinstance(raw_columns, list)
    unknown = [c for c in raw_columns if c not in COLUMNS[name]]
    if unknown:
        return error(422, f"Invalid columns: {', '.join(unknown)}", "invalid_params")
    group_by = query["group_by"]
    if group_by not in GROUP_BY:
        return error(422, f"Invalid group_by: {group_by}", "invalid_params")
    start, end = _parse_date(query["start_date"]), _parse_date(query["end_date"])
    if start is None or end is None:
        return error(422, "start_date and end_date must be ISO 8601 dates", "invalid_params")
    if end < start:
        return error(422, "end_date must not be before start_date", "invalid_params")
    if (end - start).days > MAX_DAYS:
        return error(422, "The period may not be longer than 20 years", "invalid_params")
    if len(_period_labels(start, end, group_by)) > MAX_PERIODS:
        return error(422, "Too many periods: choose a larger group_by", "invalid_params")
    sorting = query.get("sorting") or {}
    if not isinstance(sorting, dict) or any(v not in ("asc", "desc") for v in sorting.values()):
        return error(422, "sorting values must be asc or desc", "invalid_params")
    q = query.get("q")
    return _Params(name, list(raw_columns), group_by, start, end, q or None, sorting)


def _data(events: list[ReportEvent], columns: list[str], url: str | None = None) -> Record:
    all_figures = figures(events)
    data: Record = {}
    for column in columns:
        data[column] = url if column == "url" else all_figures[column]
    return data


def _periods(events: list[ReportEvent], p: _Params) -> list[Record]:
    by_period: dict[str, list[ReportEvent]] = {}
    for event in events:
        by_period.setdefault(_period_label(event.day, p.group_by), []).append(event)
    return [
        {"period": label, "id": label, "data": _data(by_period.get(label, []), p.columns)}
        for label in _period_labels(p.start, p.end, p.group_by)
    ]


def _sort(rows: list[Record], sorting: dict[str, str]) -> list[Record]:
    for key, direction in reversed(list(sorting.items())):

        def sort_key(row: Record, key: str = key) -> Any:
            value = row.get(key, row["data"].get(key))
            return (value is None, value if value is not None else 0)

        rows.sort(key=sort_key, reverse=direction == "desc")
    return rows


def _grouped(
    events: list[ReportEvent],
    p: _Params,
    groups: Iterable[tuple[Any, Any]],
    key_of: Callable[[ReportEvent], Any],
    label: str,
    with_periods: bool = True,
) -> list[Record]:
    rows = []
    for key, identity in groups:
        mine = [e for e in events if key_of(e) == key]
        url = key if label == "url" else None
        row: Record = {label: identity, "id": key, "data": _data(mine, p.columns, url=url)}
        if with_periods:
            row["sub_data"] = _periods(mine, p)
        rows.append(row)
    return rows


def _in_range(state: FakeState, p: _Params) -> list[ReportEvent]:
    return [e for e in events_of(state) if p.start <= e.day <= p.end]


def _matches(q: str | None, *texts: Any) -> bool:
    if not q:
        return True
    return q.lower() in " ".join(str(t) for t in texts if t is not None).lower()


def _rows(state: FakeState, p: _Params) -> list[Record]:
    events = _in_range(state, p)
    if p.name == "overview":
        if p.q:
            promoters = {
                r["id"]
                for r in state.table("promoters")
                if _matches(p.q, r.get("email"), r.get("name"))
            }
            events = [e for e in events if e.promoter_id in promoters]
        return _sort(_periods(events, p), p.sorting)
    groups: list[tuple[Any, Any]]
    if p.name == "campaigns":
        groups = [
            (c["id"], {k: c.get(k) for k in ("id", "name", "color")})
            for c in state.table("campaigns")
            if _matches(p.q, c.get("name"))
        ]
        rows = _grouped(events, p, groups, lambda e: e.campaign_id, "campaign")
    elif p.name == "promoters":
        groups = [
            (r["id"], {k: r.get(k) for k in ("id", "email", "name")})
            for r in state.table("promoters")
            if _matches(p.q, r.get("email"), r.get("name"))
        ]
        rows = _grouped(events, p, groups, lambda e: e.promoter_id, "promoter")
    elif p.name == "traffic_sources":
        sources = sorted({e.source for e in events if e.source and _matches(p.q, e.source)})
        groups = [(s, s) for s in sources]
        rows = _grouped(events, p, groups, lambda e: e.source, "source")
    else:
        urls = sorted({e.url for e in events if e.url and _matches(p.q, e.url)})
        groups = [(u, u) for u in urls]
        rows = _grouped(events, p, groups, lambda e: e.url, "url", with_periods=False)
    return _sort(rows, p.sorting)


def _report_route(name: str) -> None:
    async def handler(request: web.Request) -> web.Response:
        p = _params(request, name)
        if isinstance(p, web.Response):
            return p
        return json_response(_rows(state_of(request), p))

    routes.get(f"{BASE}/{name}")(handler)


@routes.get(BASE + "/download")
async def download_report(request: web.Request) -> web.Response:
    report_type = request.query.get("report_type")
    if not report_type:
        return error(422, "param is missing or the value is empty: report_type", "invalid_params")
    if report_type not in COLUMNS:
        return error(422, f"Invalid report_type: {report_type}", "invalid_params")
    p = _params(request, report_type)
    if isinstance(p, web.Response):
        return p
    if (p.end - p.start).days > SYNC_DOWNLOAD_DAYS:
        return json_response(
            {"message": "The report is being generated and will be emailed to you"}, status=202
        )
    state = state_of(request)
    rows = _rows(state, p)
    label = {
        "overview": "period",
        "campaigns": "campaign",
        "promoters": "promoter",
        "traffic_sources": "source",
        "urls": "url",
    }[report_type]
    columns = [c for c in p.columns if c != "url"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([label, *columns])
    for row in rows:
        identity = row.get(label)
        if isinstance(identity, dict):
            identity = identity.get("name") or identity.get("email") or identity.get("id")
        writer.writerow([identity, *(row["data"].get(c) for c in columns)])
    if request.query.get("totals") == "true":
        total = figures(_in_range(state, p))
        writer.writerow(["Total", *(total[c] for c in columns)])
    filename = f"{report_type}_report_{p.start.isoformat()}_{p.end.isoformat()}.csv"
    return web.Response(
        body=out.getvalue().encode(),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


for _name in ("overview", "campaigns", "promoters", "traffic_sources", "urls"):
    _report_route(_name)
