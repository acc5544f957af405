"""Campaigns, products and rewards (v2): every operation on the wire, state, validation."""

from __future__ import annotations

from typing import Any

from firstpromoter_async import AsyncFirstPromoter, Campaign, Product, Reward

from ..operations import Invalid, row

SALE = {"unit": "cash", "amount": 20, "flat_amount": False}
LINK = {"name": "Docs", "url": "https://a.example/d"}
CAMPAIGN = {"name": "P", "landing_url": "https://a.example", "ref_token_param": "?via"}


def put(table: str, count: int = 1, **fields: Any) -> Any:
    """A ``setup``: ``count`` records of ``table`` with ``fields``."""
    return lambda fake: [
        fake.state.table(table).insert({"name": "x", **fields}) for _ in "x" * count
    ]


OPERATIONS = [
    row(
        "campaigns.list",
        lambda fp: fp.campaigns.list(),
        "GET /company/campaigns",
        Campaign,
        setup=put("campaigns", 2),
    ),
    row(
        "campaigns.create",
        lambda fp: fp.campaigns.create(**CAMPAIGN, visitor_cookie_life=30, links=[LINK]),
        "POST /company/campaigns",
        Campaign,
        body={**CAMPAIGN, "visitor_cookie_life": 30, "links": [LINK]},
    ),
    *[
        row(
            f"{name}.{action}",
            lambda fp, n=name, a=action: getattr(getattr(fp, n), a)(1),
            f"{method} /company/{name}/1",
            result,
            setup=put(name),
            returns_none=result is None,
        )
        for name, action, method, result in [
            ("campaigns", "retrieve", "GET", Campaign),
            ("campaigns", "delete", "DELETE", Campaign),
            ("products", "retrieve", "GET", Product),
            ("products", "delete", "DELETE", None),
        ]
    ],
    row(
        "campaigns.update",
        lambda fp: fp.campaigns.update(1, is_private=True),
        "PUT /company/campaigns/1",
        Campaign,
        body={"is_private": True},
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
        lambda fp: fp.products.create(name="Pro", prices=[]),
        "POST /company/products",
        Product,
        body={"name": "Pro", "prices": []},
    ),
    row(
        "products.update",
        lambda fp: fp.products.update(1, prices=[], ext_id="e"),
        "PUT /company/products/1",
        Product,
        body={"prices": [], "ext_id": "e"},
        setup=put("products"),
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
        lambda fp: fp.rewards.create(name="R", is_promoter_reward=True, schemas=[SALE]),
        "POST /company/rewards",
        Reward,
        body={"name": "R", "is_promoter_reward": True, "schemas": [SALE]},
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
            **{**CAMPAIGN, "ref_token_param": "?x"}, visitor_cookie_life=1
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
        lambda fp: fp.rewards.update(1, promoter_reward_type="tier", tier_level=2),
        "tier_reward_mode",
    ),
    Invalid(lambda fp: fp.rewards.update(1, duration="repeating"), "duration_in_months"),
    Invalid(lambda fp: fp.rewards.update(1), "fields"),
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
