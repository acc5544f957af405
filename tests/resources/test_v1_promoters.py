"""v1 promoters: every operation on the wire, and the promoters shared with v2."""

from __future__ import annotations

import pytest

from firstpromoter_async import (
    AsyncFirstPromoter,
    NotFoundError,
    Promoter,
    UnprocessableEntityError,
)
from firstpromoter_async.models.v1_promoter import V1AuthToken, V1Message, V1Promoter
from firstpromoter_async.testing import FakeFirstPromoter

from ..operations import bad, bad_from, row
from ._v1 import ann

OPERATIONS = [
    row(
        "v1.promoters.create",
        "POST",
        V1Promoter,
        None,
        email="john@example.com",
        first_name="John",
        last_name="Doe",
        cust_id="cus_john",
        ref_id="johnny",
        website="https://john.example.com",
        url_tracking=True,
        twitter_url="https://twitter.com/john",
        campaign_id=2,
    ),
    row(
        "v1.promoters.update",
        "PUT",
        V1Promoter,
        ann,
        cust_id="cus_ann",
        new_cust_id="cus_ann_2",
        new_ref_id="ann-2",
        email="ann2@example.com",
        country="DE",
        paypal_email="pay@example.com",
    ),
    row("v1.promoters.retrieve", "GET /promoters/show", V1Promoter, ann, ref_id="ann"),
    row("v1.promoters.refresh_token", "PUT", V1AuthToken, ann, id=1),
    row("v1.promoters.delete", "DELETE", V1Message, ann, auth_token="tok_000001"),
    row("v1.promoters.list", "GET", V1Promoter, ann, campaign_id=1),
    row(
        "v1.promoters.add_to_campaign",
        "POST",
        V1Promoter,
        ann,
        campaign_id=2,
        promoter_email="ann@example.com",
    ),
    row(
        "v1.promoters.move_to_campaign",
        "POST",
        V1Promoter,
        ann,
        destination_campaign_id=2,
        source_campaign_id=1,
        ref_id="ann",
    ),
    row(
        "v1.promoters.retrieve[email]",
        "GET /promoters/show",
        V1Promoter,
        ann,
        promoter_email="ann@example.com",
    ),
    row("v1.promoters.refresh_token[ref_id]", "PUT", V1AuthToken, ann, ref_id="ann"),
    row(
        "v1.promoters.refresh_token[email]",
        "PUT",
        V1AuthToken,
        ann,
        promoter_email="ann@example.com",
    ),
]

_move = bad_from("v1.promoters.move_to_campaign", source_campaign_id=1)
INVALID = [
    bad("v1.promoters.create", "email", email=""),
    bad("v1.promoters.create", "email", email="not-an-email"),
    bad("v1.promoters.create", "ref_id", email="a@example.com", ref_id="Big Ref"),
    bad("v1.promoters.create", "campaign_id", email="a@example.com", campaign_id=0),
    bad("v1.promoters.update", "id", email="a@example.com"),
    bad("v1.promoters.update", "cust_id", id=1, cust_id="cus_1"),
    bad("v1.promoters.update", "ref_id", ref_id="has space"),
    bad("v1.promoters.update", "new_ref_id", cust_id="cus_1", new_ref_id="UPPER"),
    bad("v1.promoters.update", "email", cust_id="cus_1", email="nope"),
    bad("v1.promoters.update", "fields", cust_id="cus_1"),
    bad("v1.promoters.retrieve", "id"),
    bad("v1.promoters.retrieve", "id", id=0),
    bad("v1.promoters.retrieve", "id", id="1"),
    bad("v1.promoters.retrieve", "auth_token", id=1, auth_token="tok"),
    bad("v1.promoters.retrieve", "cust_id", cust_id=""),
    bad("v1.promoters.retrieve", "ref_id", ref_id="a.b"),
    bad("v1.promoters.refresh_token", "id"),
    bad("v1.promoters.refresh_token", "auth_token", cust_id="c", auth_token="t"),
    bad("v1.promoters.delete", "id"),
    bad("v1.promoters.delete", "ref_id", cust_id="c", ref_id="r"),
    bad("v1.promoters.retrieve", "promoter_email", promoter_email="nope"),
    bad("v1.promoters.refresh_token", "promoter_email", ref_id="a", promoter_email="a@x.io"),
    bad("v1.promoters.list", "campaign_id", campaign_id=0),
    bad("v1.promoters.add_to_campaign", "id", campaign_id=2),
    bad("v1.promoters.add_to_campaign", "campaign_id", id=1, campaign_id=0),
    _move("destination_campaign_id", id=1, destination_campaign_id="2"),
    _move("id", destination_campaign_id=2),
]


async def test_v1_created_promoter_is_visible_through_v2(client: AsyncFirstPromoter) -> None:
    created = await client.v1.promoters.create(
        email="john@example.com",
        first_name="John",
        last_name="Doe",
        cust_id="cus_john",
        ref_id="johnny",
        website="https://john.example.com",
    )
    assert created.default_ref_id == "johnny"
    assert created.auth_token
    assert created.earnings_balance is None
    assert created.profile is not None
    assert created.profile.website == "https://john.example.com"
    assert created.promotions is not None
    [promotion] = created.promotions
    assert (promotion.id, promotion.ref_id) == (created.default_promotion_id, "johnny")
    assert promotion.campaign_id == 1

    through_v2 = await client.promoters.retrieve(created.id)
    assert isinstance(through_v2, Promoter)
    assert (through_v2.email, through_v2.cust_id) == ("john@example.com", "cus_john")
    assert through_v2.name == "John Doe"
    assert through_v2.promoter_campaigns is not None
    assert through_v2.promoter_campaigns[0].ref_token == "johnny"
    assert [p.id async for p in client.promoters.list()] == [created.id]

    by_v2 = await client.promoters.create(email="eve@example.com", cust_id="cus_eve")
    found = await client.v1.promoters.retrieve(cust_id="cus_eve")
    assert (found.id, found.email) == (by_v2.id, "eve@example.com")


async def test_update_rekeys_and_v2_sees_the_change(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    ann(fake)
    updated = await client.v1.promoters.update(
        ref_id="ann", new_ref_id="ann-new", new_cust_id="cus_new", last_name="Lee", country="DE"
    )
    assert (updated.default_ref_id, updated.cust_id) == ("ann-new", "cus_new")
    assert updated.profile is not None
    assert updated.profile.country == "DE"
    assert (await client.v1.promoters.retrieve(ref_id="ann-new")).id == updated.id
    with pytest.raises(NotFoundError):
        await client.v1.promoters.retrieve(ref_id="ann")
    through_v2 = await client.promoters.retrieve(updated.id)
    assert (through_v2.name, through_v2.cust_id) == ("Ann Lee", "cus_new")


async def test_refresh_token_replaces_the_old_token(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    ann(fake)
    before = await client.v1.promoters.retrieve(id=1)
    assert before.auth_token is not None
    fresh = await client.v1.promoters.refresh_token(auth_token=before.auth_token)
    assert fresh.auth_token != before.auth_token
    assert (await client.v1.promoters.retrieve(auth_token=fresh.auth_token)).id == 1
    with pytest.raises(NotFoundError) as info:
        await client.v1.promoters.retrieve(auth_token=before.auth_token)
    assert info.value.message == "Promoter not found."


async def test_delete_removes_the_promoter_from_both_apis_and_emails_are_unique(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    ann(fake)
    with pytest.raises(UnprocessableEntityError) as info:
        await client.v1.promoters.create(email="ann@example.com")
    assert info.value.message == "Email has already been taken"
    result = await client.v1.promoters.delete(cust_id="cus_ann")
    assert result.message == "Promoter removed"
    with pytest.raises(NotFoundError):
        await client.v1.promoters.retrieve(cust_id="cus_ann")
    with pytest.raises(NotFoundError):
        await client.promoters.retrieve(1)


async def test_campaigns_change_and_lists_follow(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    ann(fake)
    fake.state.link_headers = False  # v1 lists page by Link headers all the same
    added = await client.v1.promoters.add_to_campaign(
        promoter_email="ann@example.com", campaign_id=2
    )
    assert [p.campaign_id for p in added.promotions or []] == [1, 2]
    assert [p.id async for p in client.v1.promoters.list(campaign_id=2)] == [1]
    moved = await client.v1.promoters.move_to_campaign(
        id=1, source_campaign_id=2, destination_campaign_id=3
    )
    assert [p.campaign_id for p in moved.promotions or []] == [1, 3]
    assert [p.id async for p in client.v1.promoters.list(campaign_id=2)] == []
    for n in range(3):
        await client.v1.promoters.create(email=f"p{n}@example.com")
    page = await client.v1.promoters.list(per_page=2)
    assert (len(page.data), page.has_next) == (2, True)
    assert [p.id async for p in client.v1.promoters.list(per_page=2)] == [1, 2, 3, 4]
    assert len(fake.requests("GET", "/promoters/list")) == 1 + 1 + 1 + 2


async def test_sync_client_round_trip(call, fake: FakeFirstPromoter) -> None:  # type: ignore[no-untyped-def]
    created = await call(lambda fp: fp.v1.promoters.create(email="sam@example.com", ref_id="sam"))
    found = await call(lambda fp: fp.v1.promoters.retrieve(ref_id="sam"))
    assert found.id == created.id
    assert isinstance(found, V1Promoter)
