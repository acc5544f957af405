"""v1 reports: every operation on the wire, and metrics computed from the fake's state."""

from __future__ import annotations

from firstpromoter_async import AsyncFirstPromoter, V1CampaignReport, V1PromoterReport, V1Report
from firstpromoter_async.testing import FakeFirstPromoter

from ..operations import bad, row
from ._v1 import ann_reward

_FIELDS = ["revenue_amount", "referrals_count"]
OPERATIONS = [
    row(
        "v1.reports.overview",
        "GET",
        V1Report,
        ann_reward,
        selected_fields=_FIELDS,
        sort="referrals_count",
        sort_dir="asc",
        group_by="year",
        start_date="2020-01-01",
    ),
    row(
        "v1.reports.campaigns",
        "GET",
        V1CampaignReport,
        ann_reward,
        group_by="day",
        end_date="2099-12-31",
    ),
    row(
        "v1.reports.promoters",
        "GET",
        V1PromoterReport,
        ann_reward,
        selected_fields=["3m_epc"],
        promoter_ids=[1],
    ),
]

INVALID = [
    bad("v1.reports.overview", "selected_fields", selected_fields=["bogus"]),
    bad("v1.reports.overview", "group_by", group_by="week"),
    bad("v1.reports.campaigns", "start_date", start_date=""),
    bad("v1.reports.promoters", "promoter_ids", promoter_ids=[0]),
]


async def test_metrics_follow_the_state(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    ann_reward(fake)
    [campaign] = await client.v1.reports.campaigns()
    assert (campaign.campaign_id, campaign.revenue_amount, campaign.referrals_count) == (
        1,
        "$25.00",
        1,
    )
    assert campaign.items
    assert campaign.items[0].period
    [promoter] = [r async for r in client.v1.reports.promoters(selected_fields=["sales_count"])]
    assert (promoter.promoter_id, promoter.sales_count, promoter.revenue_amount) == (1, 1, None)
    await client.v1.tracking.signup(email="two@example.com", ref_id="ann")
    [period] = await client.v1.reports.overview(
        group_by="year", selected_fields=["referrals_count"]
    )
    assert period.referrals_count == 2
