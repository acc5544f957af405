"""Reports: every operation on the wire, figures consistent with the fake's records, CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import msgspec
import pytest

from firstpromoter_async import AsyncFirstPromoter, UnprocessableEntityError
from firstpromoter_async.models.report import (
    CampaignReportRow,
    OverviewReportRow,
    PromoterReportRow,
    ReportFile,
    TrafficSourceReportRow,
    URLReportRow,
)
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_async.testing.domain.commissions import new_commission
from firstpromoter_async.testing.domain.reports import new_click

from ..operations import Invalid, bad, bad_from, row

PERIOD = {"start_date": "2025-01-01T00:00:00Z", "end_date": "2025-03-31T23:59:59Z"}
SENT = "&start_date=2025-01-01T00:00:00Z&end_date=2025-03-31T23:59:59Z"


def _seed_activity(fake: FakeFirstPromoter) -> None:
    """Two promoters in campaign 1 with clicks, referrals and commissions in Jan-Mar 2025."""
    ann, ben = fake.seed_promoters(2)
    for promoter, day, source, url in (
        (ann, "01-05", "google.com", "https://example.com/pricing"),
        (ann, "01-06", "google.com", "https://example.com/"),
        (ann, "02-10", "youtube.com", "https://example.com/"),
        (ben, "03-01", "twitter.com", "https://example.com/"),
    ):
        new_click(fake.state, promoter=promoter, source=source, url=url, created_at=_at(day))
    referrals = fake.state.table("referrals")
    for promoter, day, state in (
        (ann, "01-07", "active"),
        (ann, "02-11", "signup"),
        (ben, "03-02", "cancelled"),
    ):
        email = f"lead{len(referrals) + 1}@example.org"
        lead = {"email": email, "state": state, "promoter_id": promoter["id"], "campaign_id": 1}
        referrals.insert({**lead, "created_at": _at(day), "customer_since": None})
    for promoter, day, sale in ((ann, "01-08", 10000), (ann, "02-12", 5000), (ben, "03-03", 15000)):
        at = _at(day)
        new_commission(
            fake.state, promoter=promoter, amount=sale // 5, sale_amount=sale, created_at=at
        )


def _at(day: str) -> str:
    return f"2025-{day}T12:00:00.000Z"


def _report(name: str, result: Any, query: str, **arguments: Any) -> Any:
    request = f"GET /company/reports/{name}?{query}"
    return row(f"reports.{name}", request, result, _seed_activity, **{**PERIOD, **arguments})


OPERATIONS = [
    _report(
        "overview",
        OverviewReportRow,
        "columns[]=revenue_amount&columns[]=clicks_count&columns[]=3m_epc&group_by=month"
        "&sorting[period]=asc" + SENT,
        columns=["revenue_amount", "clicks_count", "3m_epc"],
        group_by="month",
        sorting={"period": "asc"},
    ),
    _report(
        "campaigns",
        CampaignReportRow,
        "columns[]=referrals_count&group_by=week&q=Campaign&start_date=2025-01-01T00:00:00%2B00:00"
        "&end_date=2025-01-31T23:59:00%2B00:00",
        columns=["referrals_count"],
        group_by="week",
        q="Campaign",
        start_date=dt.date(2025, 1, 1),
        end_date=dt.datetime(2025, 1, 31, 23, 59, tzinfo=dt.timezone.utc),
    ),
    _report(
        "promoters",
        PromoterReportRow,
        "columns[]=revenue_amount&columns[]=promoter_earnings_amount&group_by=month"
        "&sorting[revenue_amount]=desc" + SENT,
        columns=["revenue_amount", "promoter_earnings_amount"],
        group_by="month",
        sorting={"revenue_amount": "desc"},
    ),
    _report(
        "traffic_sources",
        TrafficSourceReportRow,
        "columns[]=clicks_count&columns[]=clicks_to_referrals_cr&group_by=year" + SENT,
        columns=["clicks_count", "clicks_to_referrals_cr"],
        group_by="year",
    ),
    _report(
        "urls",
        URLReportRow,
        "columns[]=url&columns[]=clicks_count&group_by=day" + SENT,
        columns=["url", "clicks_count"],
        group_by="day",
    ),
    _report(
        "download",
        ReportFile,
        "report_type=campaigns&totals=true&columns[]=revenue_amount&columns[]=sales_count"
        "&group_by=month" + SENT,
        report_type="campaigns",
        columns=["revenue_amount", "sales_count"],
        group_by="month",
        totals=True,
    ),
]

_OK: dict[str, Any] = {"columns": ["clicks_count"], "group_by": "day", **PERIOD}


_overview = bad_from("reports.overview", **_OK)


def _download(param: str, report_type: Any, **change: Any) -> Invalid:
    return bad("reports.download", param, report_type=report_type, **{**_OK, **change})


INVALID = [
    *[_overview("columns", columns=bad) for bad in (None, "clicks_count", [])],
    bad("reports.campaigns", "columns", **{**_OK, "columns": ["clicks"]}),
    bad("reports.traffic_sources", "columns", **{**_OK, "columns": ["3m_epc"]}),
    bad("reports.promoters", "columns", **{**_OK, "columns": ["url"]}),
    *[bad("reports.urls", "group_by", **{**_OK, "group_by": g}) for g in ("hour", None)],
    *[_overview("start_date", start_date=bad) for bad in (None, "last week")],
    *[_overview("end_date", end_date=bad) for bad in (12, "2024-12-31")],
    *[_overview("sorting", sorting=bad) for bad in ({"clicks_count": "up"}, "desc")],
    *[_download("report_type", bad) for bad in ("summary", None)],
    _download("columns", "overview", columns=["url"]),
    _download("group_by", "urls", group_by="quarter"),
]


async def test_figures_agree_across_reports(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _seed_activity(fake)
    columns: Any = ["revenue_amount", "clicks_count", "referrals_count", "customers_count"]
    overview = await client.reports.overview(columns=columns, group_by="month", **PERIOD)
    assert [row.period for row in overview] == ["2025-01", "2025-02", "2025-03"]
    january = overview[0].data
    assert january is not None
    assert (january.revenue_amount, january.clicks_count, january.referrals_count) == (10000, 2, 1)
    assert january.customers_count == 1
    assert january.sales_count is None  # only the requested columns are answered

    by_promoter = await client.reports.promoters(
        columns=["revenue_amount"], group_by="month", sorting={"revenue_amount": "desc"}, **PERIOD
    )
    assert [(r.promoter.id if r.promoter else None) for r in by_promoter] == [1, 2]
    assert [r.data.revenue_amount for r in by_promoter if r.data] == [15000, 15000]
    assert by_promoter[0].sub_data is not None
    assert [p.data.revenue_amount for p in by_promoter[0].sub_data if p.data] == [10000, 5000, 0]

    (campaign,) = await client.reports.campaigns(columns=columns, group_by="year", **PERIOD)
    assert campaign.campaign is not None
    assert campaign.campaign.id == 1
    assert campaign.data is not None
    total = sum(row.data.revenue_amount or 0 for row in overview if row.data)
    assert campaign.data.revenue_amount == total
    assert campaign.data.clicks_count == 4

    sources = await client.reports.traffic_sources(
        columns=["clicks_count"], group_by="month", sorting={"clicks_count": "desc"}, **PERIOD
    )
    assert [(s.source, s.data.clicks_count if s.data else None) for s in sources] == [
        ("google.com", 2),
        ("twitter.com", 1),
        ("youtube.com", 1),
    ]
    urls = await client.reports.urls(columns=["url", "clicks_count"], group_by="month", **PERIOD)
    assert {u.url: u.data.clicks_count for u in urls if u.data} == {
        "https://example.com/": 3,
        "https://example.com/pricing": 1,
    }
    assert urls[0].data is not None
    assert urls[0].data.url == urls[0].url


async def test_download_answers_a_csv_file(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _seed_activity(fake)
    columns: Any = ["revenue_amount", "sales_count"]
    report = await client.reports.download(
        report_type="promoters", columns=columns, group_by="month", totals=True, **PERIOD
    )
    assert report.ready
    assert (report.content_type, report.charset) == ("text/csv", "utf-8")
    assert report.filename == "promoters_report_2025-01-01_2025-03-31.csv"
    rows = list(csv.reader(io.StringIO(report.text())))
    assert rows[0] == ["promoter", "revenue_amount", "sales_count"]
    assert rows[-1] == ["Total", "30000", "3"]
    assert len(rows) == 4


async def test_long_download_is_processed_in_the_background(client: AsyncFirstPromoter) -> None:
    period = {"start_date": "2023-01-01", "end_date": "2025-01-01"}
    report = await client.reports.download(
        report_type="overview", columns=["clicks_count"], group_by="month", **period
    )
    assert not report.ready
    assert report.status == 202
    assert report.message is not None
    assert "emailed" in report.message


async def test_sorting_may_be_a_struct(client: AsyncFirstPromoter, fake: FakeFirstPromoter) -> None:
    class Sorting(msgspec.Struct, omit_defaults=True):
        clicks_count: str | None = None
        revenue_amount: str | None = None

    _seed_activity(fake)
    rows = await client.reports.promoters(
        columns=["clicks_count"], group_by="year", sorting=Sorting(clicks_count="asc"), **PERIOD
    )
    assert [r.data.clicks_count for r in rows if r.data] == [1, 3]
    sent = fake.requests("GET", "/company/reports/promoters")[0].query_dict()
    assert sent["sorting[clicks_count]"] == ["asc"]


async def test_server_refuses_a_missing_column(client: AsyncFirstPromoter) -> None:
    with pytest.raises(UnprocessableEntityError) as info:
        await client.request(
            "GET", "/company/reports/overview", params={"group_by": "day", **PERIOD}
        )
    assert info.value.code == "invalid_params"
    assert info.value.message == "param is missing or the value is empty: columns"


async def test_a_day_is_sent_as_its_midnight_utc(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    # start_date and end_date are date-time parameters: a date, or a day as text, is widened
    await client.reports.overview(
        columns=["clicks_count"],
        group_by="day",
        start_date="2025-01-01",
        end_date=dt.date(2025, 1, 3),
    )
    (sent,) = fake.requests("GET", "/company/reports/overview")
    period = [(k, v) for k, v in sent.query if k in ("start_date", "end_date")]
    assert period == [
        ("start_date", "2025-01-01T00:00:00+00:00"),
        ("end_date", "2025-01-03T00:00:00+00:00"),
    ]
