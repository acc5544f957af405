"""Fake ``/company/reports``: figures computed from the fake's own records.

Every figure comes from dated events (``domain.reports``): a click (``new_click``) counts in
``clicks_count``; a referral in ``referrals_count`` and ``signups_count``, and, once a
customer, in ``customers_count``; a sale commission adds its ``sale_amount`` to
``revenue_amount`` and every commission its ``amount`` to ``promoter_earnings_amount``. Rates
are derived from those sums. Only clicks (and referrals that carry a ``source``/``url``) have a
traffic source and a URL. One route serves every report; ``/download`` writes one as CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from ..._query_keys import QUERY_KEYS
from .._builders import route
from .._http import json_response
from .._state import FakeState, Record, Refused
from ..domain.reports import ReportEvent, events_of, figures

routes = web.RouteTableDef()
BASE = "/api/v2/company/reports"
MAX_PERIODS, MAX_DAYS = 1000, 20 * 366
SYNC_DOWNLOAD_DAYS = 366  # longer downloads are "processed in the background" (202)
# per report: a row's label, the event field grouping it, the table of groups, shown, searched
GROUPS: dict[str, tuple[str, str, str | None, str, str]] = {
    "overview": ("period", "", None, "", ""),
    "campaigns": ("campaign", "campaign_id", "campaigns", "id name color", "name"),
    "promoters": ("promoter", "promoter_id", "promoters", "id email name", "email name"),
    "traffic_sources": ("source", "source", None, "", ""),
    "urls": ("url", "url", None, "", ""),
}


def _refuse(message: str) -> Refused:
    return Refused(422, message, "invalid_params")


def _label(day: dt.date, group_by: str) -> str:
    if group_by == "week":
        return (day - dt.timedelta(days=day.weekday())).isoformat()
    return day.isoformat()[: {"month": 7, "year": 4}.get(group_by, 10)]


def _labels(start: dt.date, end: dt.date, group_by: str) -> list[str]:
    days = (start + dt.timedelta(days=n) for n in range((end - start).days + 1))
    return list(dict.fromkeys(_label(day, group_by) for day in days))


def _date(value: str) -> dt.date | None:
    text = value.strip()
    try:
        return dt.datetime.fromisoformat(text[:-1] + "+00:00" if text[-1:] in "Zz" else text).date()
    except ValueError:
        return None


@dataclass
class _Report:
    name: str
    columns: list[str]
    group_by: str
    start: dt.date
    end: dt.date
    q: str | None
    sorting: dict[str, str]


def _report(query: dict[str, Any], name: str) -> _Report:
    given = query.get("columns")
    columns: list[str] = [given] if isinstance(given, str) else given or []
    for key in ("columns", "group_by", "start_date", "end_date"):
        if not (columns if key == "columns" else query.get(key)):
            raise _refuse(f"param is missing or the value is empty: {key}")
    allowed = QUERY_KEYS[f"/company/reports/{name}"].sorting - {"period"}
    unknown = [c for c in columns if c not in allowed]
    if unknown:
        raise _refuse(f"Invalid columns: {', '.join(unknown)}")
    if query["group_by"] not in ("day", "week", "month", "year"):
        raise _refuse(f"Invalid group_by: {query['group_by']}")
    start, end = _date(query["start_date"]), _date(query["end_date"])
    if start is None or end is None:
        raise _refuse("start_date and end_date must be ISO 8601 dates")
    if end < start:
        raise _refuse("end_date must not be before start_date")
    if (end - start).days > MAX_DAYS:
        raise _refuse("The period may not be longer than 20 years")
    if len(_labels(start, end, query["group_by"])) > MAX_PERIODS:
        raise _refuse("Too many periods: choose a larger group_by")
    sorting = query.get("sorting") or {}
    if not isinstance(sorting, dict) or any(v not in ("asc", "desc") for v in sorting.values()):
        raise _refuse("sorting values must be asc or desc")
    return _Report(name, columns, query["group_by"], start, end, query.get("q") or None, sorting)


def _data(events: list[ReportEvent], columns: list[str], url: str | None = None) -> Record:
    totals = figures(events)
    return {column: url if column == "url" else totals[column] for column in columns}


def _periods(events: list[ReportEvent], r: _Report) -> list[Record]:
    by_period: dict[str, list[ReportEvent]] = {}
    for event in events:
        by_period.setdefault(_label(event.day, r.group_by), []).append(event)
    return [
        {"period": label, "id": label, "data": _data(by_period.get(label, []), r.columns)}
        for label in _labels(r.start, r.end, r.group_by)
    ]


def _sort(rows: list[Record], sorting: dict[str, str]) -> list[Record]:
    for key, direction in reversed(list(sorting.items())):

        def sort_key(row: Record, key: str = key) -> Any:
            value = row.get(key, row["data"].get(key))
            return (value is None, value if value is not None else 0)

        rows.sort(key=sort_key, reverse=direction == "desc")
    return rows


def _matches(q: str | None, *texts: Any) -> bool:
    return not q or q.lower() in " ".join(str(t) for t in texts if t is not None).lower()


def _rows(state: FakeState, r: _Report) -> list[Record]:
    events = [e for e in events_of(state) if r.start <= e.day <= r.end]
    label, key, table, shown, searched = GROUPS[r.name]
    if r.name == "overview":
        if r.q:
            promoters = state.table("promoters")
            found = {p["id"] for p in promoters if _matches(r.q, p.get("email"), p.get("name"))}
            events = [e for e in events if e.promoter_id in found]
        return _sort(_periods(events, r), r.sorting)
    groups: list[tuple[Any, Any]]
    if table is not None:
        records = [g for g in state.table(table) if _matches(r.q, *map(g.get, searched.split()))]
        groups = [(g["id"], {k: g.get(k) for k in shown.split()}) for g in records]
    else:
        values = {getattr(e, key) for e in events}
        groups = [(v, v) for v in sorted(v for v in values if v and _matches(r.q, v))]
    rows = []
    for group, identity in groups:
        mine = [e for e in events if getattr(e, key) == group]
        url = group if key == "url" else None
        row = {label: identity, "id": group, "data": _data(mine, r.columns, url)}
        rows.append(row if r.name == "urls" else {**row, "sub_data": _periods(mine, r)})
    return _sort(rows, r.sorting)


route(routes, "GET", BASE + r"/{name:overview|campaigns|promoters|traffic_sources|urls}")(
    lambda state, query: _rows(state, _report(query, query["name"]))
)


@route(routes, "GET", BASE + "/download")
def download_report(state: FakeState, query: dict[str, Any]) -> web.Response:
    report_type = query.get("report_type")
    if not report_type:
        raise _refuse("param is missing or the value is empty: report_type")
    if report_type not in GROUPS:
        raise _refuse(f"Invalid report_type: {report_type}")
    r = _report(query, report_type)
    if (r.end - r.start).days > SYNC_DOWNLOAD_DAYS:
        message = "The report is being generated and will be emailed to you"
        return json_response({"message": message}, status=202)
    label, columns = GROUPS[report_type][0], [c for c in r.columns if c != "url"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([label, *columns])
    for row in _rows(state, r):
        identity = row.get(label)
        if isinstance(identity, dict):
            identity = identity.get("name") or identity.get("email") or identity.get("id")
        writer.writerow([identity, *(row["data"].get(c) for c in columns)])
    if query.get("totals") == "true":
        total = figures(e for e in events_of(state) if r.start <= e.day <= r.end)
        writer.writerow(["Total", *(total[c] for c in columns)])
    filename = f"{report_type}_report_{r.start.isoformat()}_{r.end.isoformat()}.csv"
    disposition = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return web.Response(
        body=out.getvalue().encode(), content_type="text/csv", charset="utf-8", headers=disposition
    )
