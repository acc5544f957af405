"""Promoters: every operation on the wire, and stateful scenarios against the fake server."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from firstpromoter_async import (
    AsyncFirstPromoter,
    BatchProcess,
    NotFoundError,
    Promoter,
    PromoterChartData,
    UnprocessableEntityError,
)
from firstpromoter_async.testing import FakeFirstPromoter

from ..operations import bad, row


def _seed(count: int = 8) -> Callable[[FakeFirstPromoter], Any]:
    return lambda fake: fake.seed_promoters(count)


P, BP = "/company/promoters", BatchProcess
ANN = {"email": "ann@example.com", "cust_id": "cus_1", "profile": {"first_name": "Ann"}}
ONE, TWO = _seed(1), _seed(2)
OPERATIONS = [
    row(
        "promoters.list",
        f"GET {P}?q=ann&filters[campaign_id]=1&sorting[joined_at]=desc&page=1&per_page=50",
        Promoter,
        _seed(),
        q="ann",
        filters={"campaign_id": 1},
        sorting={"joined_at": "desc"},
        per_page=50,
    ),
    row("promoters.create", f"POST {P}", Promoter, None, **ANN, drip_emails=False),
    row("promoters.retrieve", f"GET {P}/1", Promoter, ONE, 1),
    row(
        "promoters.update",
        f"PUT {P}/2",
        Promoter,
        TWO,
        2,
        cust_id="cus_new",
        profile={"last_name": "Lee"},
    ),
    row(
        "promoters.retrieve[find_by]",
        f"GET {P}/cus_000000?find_by=cust_id",
        Promoter,
        ONE,
        "cus_000000",
        find_by="cust_id",
    ),
    row(
        "promoters.update[forms]",
        f"PUT {P}/2",
        Promoter,
        TWO,
        2,
        body={"profile": {"first_name": "Bo", "_destroy_w9form": True}},
        find_by=None,
        profile={"first_name": "Bo"},
        destroy_w9form=True,
    ),
    row(
        "promoters.chart_data[dates]",
        f"GET {P}/1/chart_data?period_from=2025-01-01&period_to=2025-01-31&selection=clicks",
        PromoterChartData,
        ONE,
        1,
        period_from=dt.date(2025, 1, 1),
        period_to=dt.date(2025, 1, 31),
        selection="clicks",
    ),
    row(
        "promoters.chart_data",
        f"GET {P}/1/chart_data?period_from=2025-01-01&period_to=2025-01-31&selection=revenue",
        PromoterChartData,
        ONE,
        1,
        period_from="2025-01-01",
        period_to="2025-01-31",
        selection="revenue",
    ),
    *[
        row(f"promoters.{action}", f"POST {P}/{action}", BP, TWO, ids=[1, 2], campaign_id=1)
        for action in ("accept", "reject", "block")
    ],
    *[
        row(f"promoters.{action}", f"POST {P}/{action}", BP, _seed(8), ids=[*range(1, 8)])
        for action in ("archive", "restore")
    ],
    row(
        "promoters.move_to_campaign",
        f"POST {P}/move_to_campaign",
        BP,
        TWO,
        ids=[1, 2],
        from_campaign_id=1,
        to_campaign_id=2,
    ),
    row(
        "promoters.add_to_campaign",
        f"POST {P}/add_to_campaign",
        BP,
        ONE,
        ids=[1],
        campaign_id=3,
        drip_emails=True,
    ),
    row(
        "promoters.assign_parent",
        f"POST {P}/assign_parent",
        BP,
        _seed(3),
        ids=[2, 3],
        parent_promoter_id=1,
    ),
]


async def test_create_list_update_retrieve_and_batch(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    created = await client.promoters.create(email="ann@example.com", profile={"first_name": "Ann"})
    assert created.email == "ann@example.com"
    assert created.promoter_campaigns
    assert created.promoter_campaigns[0].state == "accepted"

    listed = [p.email async for p in client.promoters.list(q="ann@")]
    assert listed == ["ann@example.com"]

    updated = await client.promoters.update(created.id, profile={"last_name": "Lee"}, cust_id="c9")
    assert updated.name == "Ann Lee"
    assert updated.cust_id == "c9"

    by_email = await client.promoters.retrieve("ann@example.com", find_by="email")
    assert by_email.id == created.id

    result = await client.promoters.block(ids=[created.id], campaign_id=1)
    assert result.status == "completed"
    again = await client.promoters.retrieve(created.id)
    assert again.promoter_campaigns is not None
    assert again.promoter_campaigns[0].state == "blocked"


async def test_archive_many_runs_as_awaited_batch(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(12)
    ids = list(range(1, 13))
    result = await client.promoters.archive(ids=ids)
    assert result.status == "completed"
    assert result.total == 12
    assert len(fake.requests("GET", "/company/batch_processes/progress")) == fake.state.batch_steps
    archived = [p async for p in client.promoters.list(filters={"archived": "yes"})]
    assert [p.id for p in archived] == ids


async def test_missing_promoter_is_not_found(client: AsyncFirstPromoter) -> None:
    with pytest.raises(NotFoundError) as info:
        await client.promoters.retrieve(999)
    assert info.value.status_code == 404
    assert info.value.message == "Promoter not found"
    assert info.value.body == b'{"message": "Promoter not found", "code": "not_found"}'


async def test_duplicate_email_is_unprocessable(client: AsyncFirstPromoter) -> None:
    await client.promoters.create(email="dup@example.com")
    with pytest.raises(UnprocessableEntityError) as info:
        await client.promoters.create(email="dup@example.com")
    assert info.value.code == "taken"


CHART = {"period_from": "2025-01-01", "period_to": "2025-02-01", "selection": "revenue"}
INVALID = [
    bad("promoters.create", "email", email=""),
    bad("promoters.create", "email", email="not-an-email"),
    bad("promoters.retrieve", "id", 0),
    bad("promoters.retrieve", "id", "x@example.com"),
    bad("promoters.retrieve", "find_by", 1, find_by="nickname"),
    bad("promoters.accept", "ids", ids=[], campaign_id=1),
    bad("promoters.accept", "ids", ids=[1, "2"], campaign_id=1),
    bad("promoters.accept", "campaign_id", ids=[1], campaign_id=None),
    bad("promoters.archive", "ids", ids="1,2"),
    bad("promoters.chart_data", "selection", 1, **{**CHART, "selection": "likes"}),
    bad("promoters.list", "per_page", per_page=101),
    bad("promoters.list", "filters.state", filters={"state": "asleep"}),
    bad("promoters.list", "filters.joined_at", filters={"joined_at": "2025"}),
    bad("promoters.list", "sorting", sorting={"email": "asc"}),
    bad("promoters.list", "sorting", sorting={"joined_at": "up"}),
    bad("promoters.list", "page", page=0),
    bad("promoters.create", "initial_campaign_id", email="a@example.com", initial_campaign_id=0),
    bad("promoters.chart_data", "period_from", 1, **{**CHART, "period_from": ""}),
    bad("promoters.update", "fields", 1),
    bad("promoters.update", "id", "a@example.com", email="b@example.com"),
    bad("promoters.update", "profile", 1, profile={"first_name": object()}),
]
