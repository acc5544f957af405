"""Decoding of promoter campaign and report payloads shaped as the API documents them.

The API description gives schemas but no example bodies for these objects, so the payloads
below follow each schema field by field, in the placeholder style of the vendor's reference
pages (``"<string>"``, ``123``, ``"2023-11-07T05:31:56Z"``), plus the variants where the
descriptions disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec
import pytest

from firstpromoter_async import APIResponseValidationError
from firstpromoter_async.models._base import decode
from firstpromoter_async.models.promoter_campaign import (
    ChartPoint,
    PromoterCampaign,
    PromoterCampaignChartData,
    ReferralLink,
    RewardConfig,
)
from firstpromoter_async.models.report import (
    CampaignReportRow,
    OverviewReportRow,
    PromoterReportRow,
    ReportData,
    TrafficSourceReportRow,
    URLReportRow,
)

UTC = dt.timezone.utc
WHEN = dt.datetime(2023, 11, 7, 5, 31, 56, tzinfo=UTC)

REWARD: dict[str, Any] = {
    "apply_on": "<string>",
    "product_ids": [123],
    "reward_id": 123,
    "reward": {
        "name": "<string>",
        "promoter_reward_type": "<string>",
        "hide_reward": True,
        "tier_level": 123,
        "coupon": "<string>",
    },
    "products": [{"id": 123, "name": "<string>"}],
}

PROMOTER_CAMPAIGN: dict[str, Any] = {
    "id": 123,
    "campaign_id": 123,
    "promoter_id": 123,
    "created_at": "2023-11-07T05:31:56Z",
    "promoter": {"id": 123, "email": "<string>", "name": "<string>"},
    "campaign": {"id": 123, "name": "<string>", "color": "<string>"},
    "state": "pending",
    "stats": {
        "clicks_count": 123,
        "referrals_count": 123,
        "sales_count": 123,
        "customers_count": 123,
        "revenue_amount": 123.5,
    },
    "coupon": "<string>",
    "display_coupon": "<string>",
    "ref_token": "<string>",
    "ref_link": "<string>",
    "is_customized": True,
    "direct_url": "<string>",
    "referral_rewards_customized": True,
    "promoter_rewards_customized": True,
    "rewards_for_promoters": [REWARD],
    "rewards_for_referrals": [REWARD],
    "promo_codes": ["<string>"],
}

REFERRAL_LINK: dict[str, Any] = {
    "id": 123,
    "name": "<string>",
    "url": "<string>",
    "is_default": True,
    "source": "campaign",
    "sub_id": "<string>",
    "campaign": {"id": 123, "name": "<string>", "color": "<string>"},
}

# ChartData of /promoter_campaigns/{id}/chart_data: items as {"date", "value"} objects
CHART_DATA_OBJECTS: dict[str, Any] = {
    "period_from": "2023-12-25",
    "period_to": "2023-12-26",
    "selection": "revenue",
    "selection_items": [
        {"date": "2023-12-25", "value": 123},
        {"date": "2023-12-26", "value": 45.5},
    ],
    "group_by": "<string>",
}
# ... and as [label, value] pairs, the shape PromoterChartData documents
CHART_DATA_PAIRS: dict[str, Any] = {
    "period_from": "2023-12-25",
    "period_to": "2023-12-26",
    "selection": "clicks",
    "selection_items": [["2023-12-25", 123], ["2023-12-26", "7"]],
    "group_by": "day",
}

DATA_ALL_COLUMNS: dict[str, Any] = {
    "revenue_amount": 123.5,
    "net_revenue_amount": 123,
    "promoter_earnings_amount": 123,
    "customers_count": 123,
    "referrals_count": 123,
    "clicks_count": 123,
    "active_customers": 123,
    "3m_epc": 1.25,
    "6m_epc": 2,
    "sales_count": 123,
    "refunds_count": 123,
    "cancelled_customers_count": 123,
    "referrals_to_customers_cr": 12.5,
    "clicks_to_customers_cr": 1.5,
    "clicks_to_referrals_cr": 3,
    "monthly_churn": 0.5,
    "non_link_customers": 1,
    "promoter_paid_amount": 100,
    "signups_count": 4,
}
PERIOD_ROW: dict[str, Any] = {"period": "<string>", "id": "<string>", "data": DATA_ALL_COLUMNS}

OVERVIEW: list[dict[str, Any]] = [PERIOD_ROW]
CAMPAIGNS: list[dict[str, Any]] = [
    {
        "campaign": {"id": 123, "name": "<string>", "color": "<string>"},
        "id": 123,
        "data": DATA_ALL_COLUMNS,
        "sub_data": [PERIOD_ROW],
    }
]
PROMOTERS: list[dict[str, Any]] = [
    {
        "promoter": {"id": 123, "email": "jsmith@example.com", "name": "<string>"},
        "id": 123,
        "data": DATA_ALL_COLUMNS,
        "sub_data": [PERIOD_ROW],
    }
]
TRAFFIC_DATA: dict[str, Any] = {
    "clicks_count": 123,
    "revenue_amount": 123,
    "promoter_earnings_amount": 123,
    "referrals_count": 123,
    "customers_count": 123,
    "sales_count": 123,
    "refunds_count": 123,
    "cancelled_customers_count": 123,
    "referrals_to_customers_cr": 123,
    "clicks_to_customers_cr": 123,
    "clicks_to_referrals_cr": 123,
}
TRAFFIC_SOURCES: list[dict[str, Any]] = [
    {
        "source": "<string>",
        "id": "<string>",
        "data": TRAFFIC_DATA,
        "sub_data": [{"period": "<string>", "id": "<string>", "data": TRAFFIC_DATA}],
    }
]
URLS: list[dict[str, Any]] = [{"url": "<string>", "id": "<string>", "data": TRAFFIC_DATA}]


def _decode(payload: Any, type_: Any) -> Any:
    return decode(msgspec.json.encode(payload), type_)


def test_promoter_campaign() -> None:
    campaign: PromoterCampaign = _decode(PROMOTER_CAMPAIGN, PromoterCampaign)
    assert (campaign.id, campaign.campaign_id, campaign.promoter_id) == (123, 123, 123)
    assert campaign.created_at == WHEN
    assert campaign.promoter is not None
    assert campaign.promoter.email == "<string>"
    assert campaign.campaign is not None
    assert campaign.campaign.color == "<string>"
    assert campaign.state == "pending"
    assert campaign.stats is not None
    assert campaign.stats.clicks_count == 123
    assert campaign.stats.revenue_amount == 123.5
    assert campaign.is_customized is True
    assert campaign.direct_url == "<string>"
    assert campaign.rewards_for_promoters is not None
    reward = campaign.rewards_for_promoters[0]
    assert (reward.apply_on, reward.product_ids, reward.reward_id) == ("<string>", [123], 123)
    assert reward.reward is not None
    assert reward.reward.tier_level == 123
    assert reward.reward.hide_reward is True
    assert reward.products is not None
    assert reward.products[0].id == 123
    assert campaign.promo_codes == ["<string>"]


def test_referral_link() -> None:
    links: list[ReferralLink] = _decode([REFERRAL_LINK], list[ReferralLink])
    link = links[0]
    assert (link.id, link.url, link.is_default, link.source) == (123, "<string>", True, "campaign")
    assert link.sub_id == "<string>"
    assert link.campaign is not None
    assert link.campaign.id == 123


def test_chart_data_in_both_shapes() -> None:
    objects: PromoterCampaignChartData = _decode(CHART_DATA_OBJECTS, PromoterCampaignChartData)
    assert objects.period_from == dt.date(2023, 12, 25)
    assert objects.period_to == dt.date(2023, 12, 26)
    assert objects.selection == "revenue"
    assert objects.group_by == "<string>"
    assert objects.selection_items == [
        ChartPoint(date="2023-12-25", value=123),
        ChartPoint(date="2023-12-26", value=45.5),
    ]
    assert objects.points() == [("2023-12-25", 123), ("2023-12-26", 45.5)]

    pairs: PromoterCampaignChartData = _decode(CHART_DATA_PAIRS, PromoterCampaignChartData)
    assert pairs.selection_items == [["2023-12-25", 123], ["2023-12-26", "7"]]
    assert pairs.points() == [("2023-12-25", 123), ("2023-12-26", 7.0)]
    assert pairs.totals is None


def _check_all_columns(data: ReportData | None) -> None:
    assert data is not None
    assert data.revenue_amount == 123.5
    assert data.net_revenue_amount == 123
    assert data.epc_3m == 1.25
    assert data.epc_6m == 2
    assert data.customers_count == 123
    assert data.clicks_count == 123
    assert data.referrals_to_customers_cr == 12.5
    assert data.monthly_churn == 0.5
    assert data.signups_count == 4
    assert data.promoter_paid_amount == 100
    assert data.to_dict()["3m_epc"] == 1.25


def test_overview_report() -> None:
    rows: list[OverviewReportRow] = _decode(OVERVIEW, list[OverviewReportRow])
    assert (rows[0].period, rows[0].id) == ("<string>", "<string>")
    _check_all_columns(rows[0].data)


def test_campaigns_report() -> None:
    rows: list[CampaignReportRow] = _decode(CAMPAIGNS, list[CampaignReportRow])
    row = rows[0]
    assert row.id == 123
    assert row.campaign is not None
    assert row.campaign.name == "<string>"
    _check_all_columns(row.data)
    assert row.sub_data is not None
    assert row.sub_data[0].period == "<string>"
    _check_all_columns(row.sub_data[0].data)


def test_promoters_report() -> None:
    rows: list[PromoterReportRow] = _decode(PROMOTERS, list[PromoterReportRow])
    row = rows[0]
    assert row.promoter is not None
    assert row.promoter.email == "jsmith@example.com"
    assert row.id == 123
    _check_all_columns(row.data)
    assert row.sub_data is not None
    assert len(row.sub_data) == 1


def test_traffic_sources_report() -> None:
    rows: list[TrafficSourceReportRow] = _decode(TRAFFIC_SOURCES, list[TrafficSourceReportRow])
    row = rows[0]
    assert (row.source, row.id) == ("<string>", "<string>")
    assert row.data is not None
    assert row.data.clicks_count == 123
    assert row.data.clicks_to_referrals_cr == 123
    assert row.data.active_customers is None
    assert row.sub_data is not None
    assert row.sub_data[0].data is not None
    assert row.sub_data[0].data.refunds_count == 123


def test_urls_report() -> None:
    rows: list[URLReportRow] = _decode(URLS, list[URLReportRow])
    row = rows[0]
    assert (row.url, row.id) == ("<string>", "<string>")
    assert row.data is not None
    assert row.data.cancelled_customers_count == 123
    assert row.sub_data is None


def test_report_row_ids_may_be_numbers_or_strings() -> None:
    rows: list[TrafficSourceReportRow] = _decode(
        [{"id": 7, "source": "x"}, {"id": "x", "source": "x"}], list[TrafficSourceReportRow]
    )
    assert [r.id for r in rows] == [7, "x"]


def test_reward_config_encodes_what_the_api_requires() -> None:
    config = RewardConfig(reward_id=4, apply_on="all")
    assert msgspec.to_builtins(config) == {"reward_id": 4, "apply_on": "all", "product_ids": []}


def test_a_wrong_type_is_a_validation_error() -> None:
    with pytest.raises(APIResponseValidationError):
        _decode({**PROMOTER_CAMPAIGN, "promo_codes": "ANN"}, PromoterCampaign)
