"""v1 promoters: every operation on the wire, and the promoters shared with v2."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

from firstpromoter_async import (
    AsyncFirstPromoter,
    InvalidRequestError,
    NotFoundError,
    Promoter,
    UnprocessableEntityError,
)
from firstpromoter_async.models.v1_promoter import V1AuthToken, V1Message, V1Promoter
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_async.testing.domain.v1_promoters import new_v1_promoter

from ..operations import Operation


def _ann(fake: FakeFirstPromoter) -> None:
    new_v1_promoter(
        fake.state, email="ann@example.com", cust_id="cus_ann", ref_id="ann", first_name="Ann"
    )


OPERATIONS = [
    Operation(
        "v1.promoters.create",
        lambda fp: fp.v1.promoters.create(
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
        "POST",
        "/promoters/create",
        V1Promoter,
        api="v1",
        form={
            "email": "john@example.com",
            "first_name": "John",
            "last_name": "Doe",
            "cust_id": "cus_john",
            "ref_id": "johnny",
            "website": "https://john.example.com",
            "url_tracking": "true",
            "twitter_url": "https://twitter.com/john",
            "campaign_id": "2",
        },
    ),
    Operation(
        "v1.promoters.update",
        lambda fp: fp.v1.promoters.update(
            cust_id="cus_ann",
            new_cust_id="cus_ann_2",
            new_ref_id="ann-2",
            email="ann2@example.com",
            country="DE",
            paypal_email="pay@example.com",
        ),
        "PUT",
        "/promoters/update",
        V1Promoter,
        setup=_ann,
        api="v1",
        form={
            "cust_id": "cus_ann",
            "new_cust_id": "cus_ann_2",
            "new_ref_id": "ann-2",
            "email": "ann2@example.com",
            "country": "DE",
            "paypal_email": "pay@example.com",
        },
    ),
    Operation(
        "v1.promoters.retrieve",
        lambda fp: fp.v1.promoters.retrieve(ref_id="ann"),
        "GET",
        "/promoters/show",
        V1Promoter,
        setup=_ann,
        api="v1",
        query={"ref_id": ["ann"]},
    ),
    Operation(
        "v1.promoters.refresh_token",
        lambda fp: fp.v1.promoters.refresh_token(id=1),
        "PUT",
        "/promoters/refresh_token",
        V1AuthToken,
        setup=_ann,
        api="v1",
        form={"id": "1"},
    ),
    Operation(
        "v1.promoters.delete",
        lambda fp: fp.v1.promoters.delete(auth_token="tok_000001"),
        "DELETE",
        "/promoters/delete",
        V1Message,
        setup=_ann,
        api="v1",
        form={"auth_token": "tok_000001"},
    ),
]


async def test_v1_created_promoter_is_visible_through_v2(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
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
    assert promotion.id == created.default_promotion_id
    assert promotion.ref_id == "johnny"
    assert promotion.campaign_id == 1

    through_v2 = await client.promoters.retrieve(created.id)
    assert isinstance(through_v2, Promoter)
    assert through_v2.email == "john@example.com"
    assert through_v2.cust_id == "cus_john"
    assert through_v2.name == "John Doe"
    assert through_v2.promoter_campaigns is not None
    assert through_v2.promoter_campaigns[0].ref_token == "johnny"
    assert [p.id async for p in client.promoters.list()] == [created.id]


async def test_promoter_created_through_v2_is_found_through_v1(
    client: AsyncFirstPromoter,
) -> None:
    created = await client.promoters.create(email="eve@example.com", cust_id="cus_eve")
    found = await client.v1.promoters.retrieve(cust_id="cus_eve")
    assert found.id == created.id
    assert found.email == "eve@example.com"


async def test_update_rekeys_and_v2_sees_the_change(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _ann(fake)
    updated = await client.v1.promoters.update(
        ref_id="ann", new_ref_id="ann-new", new_cust_id="cus_new", last_name="Lee", country="DE"
    )
    assert updated.default_ref_id == "ann-new"
    assert updated.cust_id == "cus_new"
    assert updated.profile is not None
    assert updated.profile.country == "DE"

    again = await client.v1.promoters.retrieve(ref_id="ann-new")
    assert again.id == updated.id
    with pytest.raises(NotFoundError):
        await client.v1.promoters.retrieve(ref_id="ann")
    through_v2 = await client.promoters.retrieve(updated.id)
    assert through_v2.name == "Ann Lee"
    assert through_v2.cust_id == "cus_new"


async def test_refresh_token_replaces_the_old_token(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _ann(fake)
    before = await client.v1.promoters.retrieve(id=1)
    assert before.auth_token is not None
    fresh = await client.v1.promoters.refresh_token(auth_token=before.auth_token)
    assert fresh.auth_token != before.auth_token
    found = await client.v1.promoters.retrieve(auth_token=fresh.auth_token)
    assert found.id == 1
    with pytest.raises(NotFoundError) as info:
        await client.v1.promoters.retrieve(auth_token=before.auth_token)
    assert info.value.message == "Promoter not found."


async def test_delete_removes_the_promoter_from_both_apis(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _ann(fake)
    result = await client.v1.promoters.delete(cust_id="cus_ann")
    assert result.message == "Promoter removed"
    with pytest.raises(NotFoundError):
        await client.v1.promoters.retrieve(cust_id="cus_ann")
    with pytest.raises(NotFoundError):
        await client.promoters.retrieve(1)


async def test_duplicate_email_is_unprocessable(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _ann(fake)
    with pytest.raises(UnprocessableEntityError) as info:
        await client.v1.promoters.create(email="ann@example.com")
    assert info.value.message == "Email has already been taken"


async def test_sync_client_round_trip(call, fake: FakeFirstPromoter) -> None:  # type: ignore[no-untyped-def]
    created = await call(lambda fp: fp.v1.promoters.create(email="sam@example.com", ref_id="sam"))
    found = await call(lambda fp: fp.v1.promoters.retrieve(ref_id="sam"))
    assert found.id == created.id
    assert isinstance(found, V1Promoter)


async def _invoke(call: Callable[[Any], Any], client: AsyncFirstPromoter) -> None:
    result = call(client)
    if inspect.isawaitable(result):
        await result


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda fp: fp.v1.promoters.create(email=""), "email"),
        (lambda fp: fp.v1.promoters.create(email="not-an-email"), "email"),
        (lambda fp: fp.v1.promoters.create(email="a@example.com", ref_id="Big Ref"), "ref_id"),
        (lambda fp: fp.v1.promoters.create(email="a@example.com", campaign_id=0), "campaign_id"),
        (lambda fp: fp.v1.promoters.update(email="a@example.com"), "id"),
        (lambda fp: fp.v1.promoters.update(id=1, cust_id="cus_1"), "cust_id"),
        (lambda fp: fp.v1.promoters.update(ref_id="has space"), "ref_id"),
        (lambda fp: fp.v1.promoters.update(cust_id="cus_1", new_ref_id="UPPER"), "new_ref_id"),
        (lambda fp: fp.v1.promoters.update(cust_id="cus_1", email="nope"), "email"),
        (lambda fp: fp.v1.promoters.retrieve(), "id"),
        (lambda fp: fp.v1.promoters.retrieve(id=0), "id"),
        (lambda fp: fp.v1.promoters.retrieve(id="1"), "id"),
        (lambda fp: fp.v1.promoters.retrieve(id=1, auth_token="tok"), "auth_token"),
        (lambda fp: fp.v1.promoters.retrieve(cust_id=""), "cust_id"),
        (lambda fp: fp.v1.promoters.retrieve(ref_id="a.b"), "ref_id"),
        (lambda fp: fp.v1.promoters.refresh_token(), "id"),
        (lambda fp: fp.v1.promoters.refresh_token(cust_id="c", auth_token="t"), "auth_token"),
        (lambda fp: fp.v1.promoters.delete(), "id"),
        (lambda fp: fp.v1.promoters.delete(cust_id="c", ref_id="r"), "ref_id"),
    ],
)
async def test_invalid_arguments_send_nothing(
    client: AsyncFirstPromoter,
    fake: FakeFirstPromoter,
    call,
    param: str,  # type: ignore[no-untyped-def]
) -> None:
    with pytest.raises(InvalidRequestError) as info:
        await _invoke(call, client)
    assert info.value.param == param
    assert fake.state.journal == []
