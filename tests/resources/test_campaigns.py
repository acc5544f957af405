"""Campaigns, products and rewards (v2): every operation on the wire, state, validation."""

from __future__ import annotations

from typing import Any

from firstpromoter_async import AsyncFirstPromoter, Campaign, Product, Reward

from ..operations import Invalid, row

SALE = {"unit": "cash", "amount": 20, "flat_amount": False}


def put(table: str, count: int = 1, **fields: Any) -> Any:
    """A ``setup``: ``count`` records of ``table`` with ``fields`` (shared by c2's tests)."""
    return lambda fake: [
        fake.state.table(table).insert({"name": "x", **fields}) for _ in range(count)
    ]


OPERATIONS = [
    row(
        "campaigns.list",
        lambda fp: fp.campaigns.list(per_page=5),
        "GET /company/campaigns?per_page=5",
        Campaign,
        setup=put("campaigns", 2),
    ),
    row(
        "campaigns.create",
        lambda fp: fp.campaigns.create(
            name="Partners",
            landing_url="https://a.example",
            ref_token_param="?via",
            visitor_cookie_life=30,
            links=[{"name": "Docs", "url": "https://a.example/d"}],
        ),
        "POST /company/campaigns",
        Campaign,
        body={
            "name": "Partners",
            "landing_url": "https://a.example",
            "ref_token_param": "?via",
            "visitor_cookie_life": 30,
            "links": [{"name": "Docs", "url": "https://a.example/d"}],
        },
    ),
    row(
        "campaigns.retrieve",
        lambda fp: fp.campaigns.retrieve(1),
        "GET /company/campaigns/1",
        Campaign,
        setup=put("campaigns"),
    ),
    row(
        "campaigns.update",
        lambda fp: fp.campaigns.update(1, is_private=True),
        "PUT /company/campaigns/1",
        Campaign,
        body={"is_private": True},
        setup=put("campaigns"),
    ),
    row(
        "campaigns.delete",
        lambda fp: fp.campaigns.delete(1),
        "DELETE /company/campaigns/1",
        Campaign,
        setup=put("campaigns"),
    ),
    row(
        "products.list",
        lambda fp: fp.products.list(q="x"),
        "GET /company/products?q=x",
        Product,
        setup=put("products", 2),
    ),
    row(
        "products.create",
        lambda fp: fp.products.create(name="Pro", prices=[{"ext_id": "p_1"}]),
        "POST /company/products",
        Product,
        body={"name": "Pro", "prices": [{"ext_id": "p_1"}]},
    ),
    row(
        "products.retrieve",
        lambda fp: fp.products.retrieve(1),
        "GET /company/products/1",
        Product,
        setup=put("products"),
    ),
    row(
        "products.update",
        lambda fp: fp.products.update(1, prices=[], ext_id="prod_1"),
        "PUT /company/products/1",
        Product,
        body={"prices": [], "ext_id": "prod_1"},
        setup=put("products"),
    ),
    row(
        "products.delete",
        lambda fp: fp.products.delete(1),
        "DELETE /company/products/1",
        setup=put("products"),
        returns_none=True,
    ),
    row(
        "rewards.list",
        lambda fp: fp.rewards.list(scope="referrals"),
        "GET /company/rewards?scope=referrals",
        Reward,
        setup=put("rewards", is_promoter_reward=False),
    ),
    row(
        "rewards.create",
        lambda fp: fp.rewards.create(
            name="20%", is_promoter_reward=True, schemas=[SALE], promoter_reward_type="sale"
        ),
        "POST /company/rewards",
        Reward,
        body={
            "name": "20%",
            "is_promoter_reward": True,
            "schemas": [SALE],
            "promoter_reward_type": "sale",
        },
    ),
    row(
        "rewards.update",
        lambda fp: fp.rewards.update(1, duration="once"),
        "PUT /company/rewards/1",
        Reward,
        body={"duration": "once"},
        setup=put("rewards"),
    ),
    row(
        "rewards.hide",
        lambda fp: fp.rewards.hide(1),
        "POST /company/rewards/1/hide",
        setup=put("rewards"),
        returns_none=True,
    ),
]

INVALID = [
    Invalid(
        lambda fp: fp.campaigns.create(
            name="a", landing_url="u", ref_token_param="?x", visitor_cookie_life=1
        ),
        "ref_token_param",
    ),
    Invalid(lambda fp: fp.campaigns.update(1), "fields"),
    Invalid(lambda fp: fp.campaigns.update(1, track_ad_traffic="maybe"), "track_ad_traffic"),
    Invalid(lambda fp: fp.campaigns.retrieve(0), "id"),
    Invalid(lambda fp: fp.products.create(name="Pro", prices="p_1"), "prices"),
    Invalid(lambda fp: fp.products.delete(-2), "id"),
    Invalid(lambda fp: fp.rewards.list(scope="everyone"), "scope"),
    Invalid(
        lambda fp: fp.rewards.create(
            name="T", is_promoter_reward=True, schemas=[SALE], promoter_reward_type="tier"
        ),
        "tier_reward_mode",
    ),
    Invalid(lambda fp: fp.rewards.update(1, duration="repeating"), "duration_in_months"),
    Invalid(lambda fp: fp.rewards.update(1), "fields"),
]


async def test_campaign_product_and_reward_lifecycles(client: AsyncFirstPromoter) -> None:
    link = {"name": "Docs", "url": "https://a.example/d"}
    made = await client.campaigns.create(
        name="P",
        landing_url="https://a.example",
        ref_token_param="?ref",
        visitor_cookie_life=9,
        links=[link],
    )
    assert made.links and made.links[0].id and made.stats and made.stats.promoters_count == 0
    assert [c.id async for c in client.campaigns.list()] == [made.id]
    changed = await client.campaigns.update(
        made.id, name="Q", links=[{"id": made.links[0].id, "_destroy": True}]
    )
    assert (changed.name, changed.links) == ("Q", [])
    assert (await client.campaigns.delete(made.id)).name == "Q"
    assert [c async for c in client.campaigns.list()] == []
    product = await client.products.create(
        name="Pro", prices=[{"ext_id": "p_1", "desc": "monthly"}]
    )
    await client.products.create(name="Team", prices=[])
    assert [p.name async for p in client.products.list(q="pro")] == ["Pro"]
    assert (await client.products.update(product.id, prices=[])).prices == []
    await client.products.delete(product.id)
    assert [p.name async for p in client.products.list()] == ["Team"]
    reward = await client.rewards.create(
        name="R", is_promoter_reward=False, schemas=[SALE], coupon="OFF10"
    )
    assert reward.schemas and reward.schemas[0].unit == "cash" and reward.hide_reward is False
    assert [r.id async for r in client.rewards.list(scope="promoters")] == []
    await client.rewards.hide(reward.id)
    [hidden] = [r async for r in client.rewards.list(scope="referrals")]
    assert hidden.hide_reward is True and hidden.coupon == "OFF10"
