"""Promoter campaigns (memberships): every operation on the wire, and stateful scenarios."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from firstpromoter_async import AsyncFirstPromoter, NotFoundError, UnprocessableEntityError
from firstpromoter_async.models.promoter_campaign import (
    ChartPoint,
    PromoterCampaign,
    PromoterCampaignChartData,
    ReferralLink,
    RewardConfig,
)
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_async.testing.domain.reports import new_click

from ..operations import bad, bad_from, row


def _seed(count: int = 3) -> Any:
    return lambda fake: fake.seed_promoters(count)


BASE, PC = "/company/promoter_campaigns", PromoterCampaign
REWARD = {"reward_id": 4, "apply_on": "specific"}
CHANGE = {
    "state": "inactive",
    "ref_token": "ben-vip",
    "display_coupon": "BEN10",
    "promoter_rewards_customized": True,
}
OPERATIONS = [
    row("promoter_campaigns.list", f"GET {BASE}?page=1&per_page=20", PC, _seed(), per_page=20),
    row("promoter_campaigns.search", f"GET {BASE}/search?q=ann", PC, _seed(), q="ann"),
    row(
        "promoter_campaigns.update",
        f"PUT {BASE}/2",
        PC,
        _seed(),
        2,
        body={**CHANGE, "rewards_for_promoters": [{**REWARD, "product_ids": [7]}]},
        **CHANGE,
        rewards_for_promoters=[RewardConfig(**REWARD, product_ids=[7])],
    ),
    row(
        "promoter_campaigns.referral_links",
        f"GET {BASE}/1/referral_links",
        ReferralLink,
        _seed(1),
        1,
    ),
    row(
        "promoter_campaigns.chart_data",
        f"GET {BASE}/1/chart_data?period_from=2025-01-01&period_to=2025-01-07&selection=clicks"
        "&with_totals=true",
        PromoterCampaignChartData,
        _seed(1),
        1,
        period_from=dt.date(2025, 1, 1),
        period_to="2025-01-07",
        selection="clicks",
        with_totals=True,
    ),
]


def _reward(**change: Any) -> Any:
    return {"reward_id": 1, "apply_on": "all", "product_ids": [], **change}


_update = bad_from("promoter_campaigns.update", 1)
DATES = {"period_from": "2025-01-01", "period_to": "2025-01-31"}
_chart = bad_from("promoter_campaigns.chart_data", 1, **DATES, selection="revenue")


INVALID = [
    *[bad("promoter_campaigns.search", "q", q=q) for q in ("", None)],
    bad("promoter_campaigns.update", "id", 0, state="accepted"),
    _update("state", state="archived"),
    _update("ref_token", ref_token="Has Space"),
    _update("rewards_for_promoters", rewards_for_promoters=[_reward(apply_on="weekly")]),
    *[
        _update("rewards_for_referrals", rewards_for_referrals=[_reward(**bad)])
        for bad in ({"reward_id": None}, {"apply_on": "specific"}, {"product_ids": ["7"]})
    ],
    _update("rewards_for_promoters", rewards_for_promoters=_reward()),
    bad("promoter_campaigns.referral_links", "id", "1"),
    _chart("selection", selection="likes"),
    _chart("period_from", period_from="01/01/2025"),
    *[_chart("period_to", period_from="2025-02-01", period_to=bad) for bad in ("2025-01-31", None)],
    bad("promoter_campaigns.list", "page", page=0),
]


async def test_update_shows_in_list_search_links_and_promoter(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(3)
    memberships = [m async for m in client.promoter_campaigns.list()]
    assert [m.id for m in memberships] == [1, 2, 3]
    first = memberships[0]
    assert (first.state, first.promoter.id) == ("accepted", first.promoter_id)  # type: ignore[union-attr]
    assert first.rewards_for_promoters[0].reward_id == 1  # type: ignore[index]

    updated = await client.promoter_campaigns.update(
        2,
        state="blocked",
        ref_token="vip-ben",
        direct_url="https://shop.example.com/ben",
        rewards_for_referrals=[{"reward_id": 9, "apply_on": "monthly"}],
        referral_rewards_customized=True,
    )
    assert (updated.state, updated.ref_token, updated.is_customized) == ("blocked", "vip-ben", True)
    assert updated.ref_link == "https://example.com/?fpr=vip-ben"
    reward = updated.rewards_for_referrals[0]  # type: ignore[index]
    assert (reward.reward_id, reward.product_ids) == (9, [])

    found = await client.promoter_campaigns.search(q="vip-ben")
    assert [(m.id, m.state) for m in found] == [(2, "blocked")]
    listed = {m.id: m.state async for m in client.promoter_campaigns.list()}
    assert listed == {1: "accepted", 2: "blocked", 3: "accepted"}

    promoter = await client.promoters.retrieve(updated.promoter_id or 0)
    shown = promoter.promoter_campaigns[0]  # type: ignore[index]
    assert (shown.state, shown.ref_token) == ("blocked", "vip-ben")

    links = await client.promoter_campaigns.referral_links(2)
    assert [(link.is_default, link.source, link.url) for link in links] == [
        (True, "campaign", "https://example.com/?fpr=vip-ben"),
        (False, "promoter", "https://shop.example.com/ben"),
    ]
    assert links[0].campaign.id == 1  # type: ignore[union-attr]


async def test_chart_data_and_stats_count_clicks(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    (promoter,) = fake.seed_promoters(1)
    for day in ("2025-03-01", "2025-03-01", "2025-03-03"):
        new_click(fake.state, promoter=promoter, created_at=f"{day}T10:00:00.000Z")
    chart = await client.promoter_campaigns.chart_data(
        1, period_from="2025-03-01", period_to="2025-03-03", selection="clicks", with_totals=True
    )
    assert chart.period_from == dt.date(2025, 3, 1)
    assert chart.points() == [("2025-03-01", 2), ("2025-03-02", 0), ("2025-03-03", 1)]
    assert isinstance(chart.selection_items[0], ChartPoint)  # type: ignore[index]
    assert chart.totals == {"clicks_count": 3}
    (membership,) = await client.promoter_campaigns.search(q=promoter["email"])
    assert membership.stats.clicks_count == 3  # type: ignore[union-attr]


async def test_errors_from_the_server(client: AsyncFirstPromoter, fake: FakeFirstPromoter) -> None:
    fake.seed_promoters(2)
    with pytest.raises(NotFoundError):
        await client.promoter_campaigns.update(99, state="accepted")
    with pytest.raises(NotFoundError):
        await client.promoter_campaigns.referral_links(99)
    await client.promoter_campaigns.update(1, ref_token="taken")
    with pytest.raises(UnprocessableEntityError) as info:
        await client.promoter_campaigns.update(2, ref_token="taken")
    assert info.value.code == "taken"


async def test_search_returns_at_most_five(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(8)
    assert len(await client.promoter_campaigns.search(q="example.com")) == 5
