"""Promo codes: every operation on the wire, and stateful scenarios against the fake server."""

from __future__ import annotations

from typing import Any

import pytest

from firstpromoter_async import (
    AsyncFirstPromoter,
    InternalServerError,
    NotFoundError,
    UnprocessableEntityError,
)
from firstpromoter_async.models.promo_code import PromoCode
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_async.testing.domain.promo_codes import new_promo_code

from ..operations import bad, bad_from, row


def _seed(promoters: int = 2, codes: int = 1) -> Any:
    def setup(fake: FakeFirstPromoter) -> None:
        fake.seed_promoters(promoters)
        for n in range(1, codes + 1):
            new_promo_code(fake.state, code=f"CODE{n}", promoter_campaign_id=1)

    return setup


NEW = {
    "code": "ANN20",
    "reward_id": 3,
    "promoter_campaign_id": 1,
    "description": "20% off",
    "metadata": {"channel": "youtube"},
}
CHANGE = {"description": "Spring", "promoter_campaign_id": 2, "details": {"max_uses": 10}}

PC = "/company/promo_codes"
OPERATIONS = [
    row(
        "promo_codes.list",
        f"GET {PC}?promoter_campaign_id=1&page=1&per_page=50",
        PromoCode,
        _seed(codes=2),
        promoter_campaign_id=1,
        per_page=50,
    ),
    row("promo_codes.create", f"POST {PC}", PromoCode, _seed(codes=0), **NEW),
    row("promo_codes.update", f"PUT {PC}/1", PromoCode, _seed(), 1, **CHANGE),
    row("promo_codes.retrieve", f"GET {PC}/1", PromoCode, _seed(), 1),
    row("promo_codes.archive", f"DELETE {PC}/1", None, _seed(), 1),
]


async def test_create_list_retrieve_update_archive(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(2)
    created = await client.promo_codes.create(
        code="ANN20", reward_id=3, promoter_campaign_id=1, description="20% off"
    )
    assert created.code == "ANN20"
    assert created.promoter_campaign_id == 1
    assert created.reward is not None
    assert created.reward.id == 3
    assert created.archived_at is None

    listed = [c.code async for c in client.promo_codes.list()]
    assert listed == ["ANN20"]
    assert [c async for c in client.promo_codes.list(promoter_campaign_id=2)] == []

    owner = await client.promoters.retrieve("ANN20", find_by="promo_code")
    assert owner.id == 1
    membership = (await client.promoter_campaigns.search(q=owner.email or ""))[0]
    assert membership.promo_codes == ["ANN20"]

    moved = await client.promo_codes.update(created.id, promoter_campaign_id=2, code="BEN20")
    assert (moved.code, moved.promoter_campaign_id) == ("BEN20", 2)
    assert (await client.promoters.retrieve("BEN20", find_by="promo_code")).id == 2
    again = await client.promo_codes.retrieve(created.id)
    assert again.code == "BEN20"
    assert [c.id async for c in client.promo_codes.list(promoter_campaign_id=2)] == [created.id]

    assert await client.promo_codes.archive(created.id) is None
    assert [c async for c in client.promo_codes.list()] == []
    archived = await client.promo_codes.retrieve(created.id)
    assert archived.archived_at is not None
    with pytest.raises(UnprocessableEntityError) as info:
        await client.promo_codes.update(created.id, description="too late")
    assert info.value.code == "archived"


async def test_duplicate_code_and_unknown_membership_are_refused(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(1)
    await client.promo_codes.create(code="SAVE", reward_id=1, promoter_campaign_id=1)
    with pytest.raises(UnprocessableEntityError) as taken:
        await client.promo_codes.create(code="save", reward_id=1, promoter_campaign_id=1)
    assert taken.value.code == "taken"
    with pytest.raises(UnprocessableEntityError):
        await client.promo_codes.create(code="OTHER", reward_id=1, promoter_campaign_id=99)
    with pytest.raises(NotFoundError):
        await client.promo_codes.retrieve(99)


async def test_create_is_not_retried_after_a_server_error(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(1)
    fake.inject("/company/promo_codes", method="POST", status=503)
    with pytest.raises(InternalServerError):
        await client.promo_codes.create(code="ONCE", reward_id=1, promoter_campaign_id=1)
    assert len(fake.requests("POST", "/company/promo_codes")) == 1


_create = bad_from("promo_codes.create", code="X", reward_id=1, promoter_campaign_id=1)


INVALID = [
    _create("code", code=""),
    _create("code", code="A B"),
    _create("code", code=7),
    _create("reward_id", reward_id=0),
    _create("promoter_campaign_id", promoter_campaign_id="1"),
    _create("metadata", metadata="a=b"),
    bad("promo_codes.retrieve", "id", 0),
    bad("promo_codes.update", "id", "1", description="x"),
    bad("promo_codes.update", "promoter_campaign_id", 1, promoter_campaign_id=-1),
    bad("promo_codes.update", "code", 1, code=" "),
    bad("promo_codes.update", "details", 1, details=["x"]),
    bad("promo_codes.archive", "id", None),
    bad("promo_codes.list", "promoter_campaign_id", promoter_campaign_id=0),
    bad("promo_codes.list", "per_page", per_page=0),
]
