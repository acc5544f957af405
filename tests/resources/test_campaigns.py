"""Campaigns, products and rewards (v2): every operation on the wire, state, validation."""

from __future__ import annotations

from typing import Any

from firstpromoter_async import AsyncFirstPromoter, Campaign, Product, Reward

from ..operations import Invalid, Operation, row

SALE = {"unit": "cash", "amount": 20, "flat_amount": False}
LINK = {"name": "Docs", "url": "https://a.example/d"}
CAMPAIGN = {"name": "P", "landing_url": "https://a.example", "ref_token_param": "?via"}


def put(table: str, count: int = 1, **fields: Any) -> Any:
    """A ``setup``: ``count`` records of ``table`` with ``fields``."""
    return lambda fake: [
        fake.state.table(table).insert({"name": "x", **fields}) for _ in "x" * count
    ]


def simple(
    call: str, request: str, result: Any = None, setup: Any = None, api: str = "v2", **fields: Any
) -> Operation:
    """A row for ``fp.<resource>.<action>(*ids, **fields)`` written ``"contracts.update 1"``;
    a request with a body must send exactly ``fields`` (``result`` ``None``: returns None)."""
    name, *ids = call.split()
    resource, action = name.split(".")
    call_it = lambda fp: getattr(getattr(fp, resource), action)(*map(int, ids), **fields)  # noqa: E731
    body = None if request.startswith(("GET", "DELETE")) else fields
    return row(
        name, call_it, request, result, body=body, setup=setup, api=api, returns_none=result is None
    )


C, P, R = "/company/campaigns", "/company/products", "/company/rewards"
ONE_C, ONE_P, ONE_R = put("campaigns"), put("products"), put("rewards")
OPERATIONS = [
    simple("campaigns.list", f"GET {C}", Campaign, put("campaigns", 2)),
    simple(
        "campaigns.create", f"POST {C}", Campaign, **CAMPAIGN, links=[LINK], visitor_cookie_life=3
    ),
    simple("campaigns.retrieve 1", f"GET {C}/1", Campaign, ONE_C),
    simple("campaigns.update 1", f"PUT {C}/1", Campaign, ONE_C, is_private=True),
    simple("campaigns.delete 1", f"DELETE {C}/1", Campaign, ONE_C),
    simple("products.list", f"GET {P}?q=x", Product, put("products", 2), q="x"),
    simple("products.create", f"POST {P}", Product, name="Pro", prices=[]),
    simple("products.retrieve 1", f"GET {P}/1", Product, ONE_P),
    simple("products.update 1", f"PUT {P}/1", Product, ONE_P, prices=[], ext_id="e"),
    simple("products.delete 1", f"DELETE {P}/1", None, ONE_P),
    simple("rewards.list", f"GET {R}?scope=promoters", Reward, ONE_R, scope="promoters"),
    simple(
        "rewards.create", f"POST {R}", Reward, name="R", is_promoter_reward=True, schemas=[SALE]
    ),
    simple("rewards.update 1", f"PUT {R}/1", Reward, ONE_R, duration="once"),
    simple("rewards.hide 1", f"POST {R}/1/hide", None, ONE_R),
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
