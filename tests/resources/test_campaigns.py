"""Campaigns, products and rewards (v2): every operation on the wire, state, validation."""

from __future__ import annotations

from firstpromoter_async import AsyncFirstPromoter, Campaign, Product, Reward

from ..operations import bad, bad_from, put, row

SALE = {"unit": "cash", "amount": 20, "flat_amount": False}
LINK = {"name": "Docs", "url": "https://a.example/d"}
CAMPAIGN = {"name": "P", "landing_url": "https://a.example", "ref_token_param": "?via"}


C, P, R = "/company/campaigns", "/company/products", "/company/rewards"
ONE_C, ONE_P, ONE_R = put("campaigns"), put("products"), put("rewards")
OPERATIONS = [
    row("campaigns.list", f"GET {C}", Campaign, put("campaigns", 2)),
    row(
        "campaigns.create",
        f"POST {C}",
        Campaign,
        None,
        **CAMPAIGN,
        links=[LINK],
        visitor_cookie_life=3,
    ),
    row("campaigns.retrieve", f"GET {C}/1", Campaign, ONE_C, 1),
    row("campaigns.update", f"PUT {C}/1", Campaign, ONE_C, 1, is_private=True),
    row("campaigns.delete", f"DELETE {C}/1", Campaign, ONE_C, 1),
    row("products.list", f"GET {P}?q=x", Product, put("products", 2), q="x"),
    row("products.create", f"POST {P}", Product, None, name="Pro", prices=[]),
    row("products.retrieve", f"GET {P}/1", Product, ONE_P, 1),
    row("products.update", f"PUT {P}/1", Product, ONE_P, 1, prices=[], ext_id="e"),
    row("products.delete", f"DELETE {P}/1", None, ONE_P, 1),
    row("rewards.list", f"GET {R}?scope=promoters", Reward, ONE_R, scope="promoters"),
    row(
        "rewards.create",
        f"POST {R}",
        Reward,
        None,
        name="R",
        is_promoter_reward=True,
        schemas=[SALE],
    ),
    row("rewards.update", f"PUT {R}/1", Reward, ONE_R, 1, duration="once"),
    row("rewards.hide", f"POST {R}/1/hide", None, ONE_R, 1),
]

_create = bad_from("campaigns.create", **CAMPAIGN)
INVALID = [
    _create("ref_token_param", ref_token_param="?x", visitor_cookie_life=1),
    bad("campaigns.update", "fields", 1),
    bad("campaigns.update", "track_ad_traffic", 1, track_ad_traffic="maybe"),
    bad("campaigns.retrieve", "id", 0),
    bad("products.create", "prices", name="Pro", prices="p_1"),
    bad("products.delete", "id", -2),
    bad("rewards.list", "scope", scope="everyone"),
    bad("rewards.update", "tier_reward_mode", 1, promoter_reward_type="tier", tier_level=2),
    bad("rewards.update", "duration_in_months", 1, duration="repeating"),
    bad("rewards.update", "fields", 1),
]


async def test_campaign_product_and_reward_lifecycles(client: AsyncFirstPromoter) -> None:
    made = await client.campaigns.create(**CAMPAIGN, visitor_cookie_life=9, links=[LINK])
    assert made.to_dict()["links"] == [{"id": 1, **LINK}]
    assert made.to_dict()["stats"]["promoters_count"] == 0
    assert [c.id async for c in client.campaigns.list()] == [made.id]
    gone = [{"id": 1, "_destroy": True}]
    changed = await client.campaigns.update(made.id, name="Q", links=gone)
    assert (changed.name, changed.links) == ("Q", [])
    assert (await client.campaigns.delete(made.id)).name == "Q"
    assert [c async for c in client.campaigns.list()] == []
    product = await client.products.create(name="Pro", prices=[{"ext_id": "p_1", "desc": "m"}])
    await client.products.create(name="Team", prices=[])
    assert [p.name async for p in client.products.list(q="pro")] == ["Pro"]
    assert (await client.products.update(product.id, prices=[])).prices == []
    await client.products.delete(product.id)
    assert [p.name async for p in client.products.list()] == ["Team"]
    reward = await client.rewards.create(name="R", is_promoter_reward=False, schemas=[SALE])
    assert (reward.to_dict()["schemas"], reward.hide_reward) == ([SALE], False)
    assert [r.id async for r in client.rewards.list(scope="promoters")] == []
    await client.rewards.hide(reward.id)
    assert [r.hide_reward async for r in client.rewards.list(scope="referrals")] == [True]
