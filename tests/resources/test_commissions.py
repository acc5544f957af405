"""Commissions: every operation on the wire, scenarios and validation against the fake server."""

from __future__ import annotations

from typing import Any

import pytest

from firstpromoter_async import AsyncFirstPromoter, BatchProcess, BatchProcessError, Commission
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_async.testing.domain.promoters import new_promoter

from ..operations import Invalid, bad, bad_from, row


def _seed(count: int = 8, **options: Any) -> Any:
    return lambda fake: fake.seed_commissions(count, **options)


def _seed_referral(fake: FakeFirstPromoter) -> None:
    promoter = new_promoter(fake.state, email="ann@example.com")
    fake.state.table("referrals").insert(
        {"email": "lead@example.com", "uid": "u1", "promoter_id": promoter["id"], "campaign_id": 1}
    )


SALE = {"commission_type": "sale", "referral_id": 1, "sale_amount": 12_000, "event_id": "evt_1"}
NOTES = {"internal_note": "checked", "external_note": "thanks"}
C, BP, POINTS = "/company/commissions", BatchProcess, _seed(2, unit="points")
OPERATIONS = [
    row(
        "commissions.list",
        f"GET {C}?q=example&filters[status]=pending&filters[paid]=no&sorting[amount]=desc"
        "&per_page=100",
        Commission,
        _seed(),
        q="example",
        filters={"status": "pending", "paid": "no"},
        sorting={"amount": "desc"},
    ),
    row("commissions.create", f"POST {C}", Commission, _seed_referral, **SALE),
    row("commissions.update", f"PUT {C}/3", Commission, _seed(3), 3, **NOTES),
    row(
        "commissions.list[ids]",
        f"GET {C}?ids[]=1&ids[]=2&per_page=2",
        Commission,
        _seed(),
        ids=range(1, 3),
        per_page=2,
    ),
    *[
        row(f"commissions.{action}", f"POST {C}/{action}", BP, POINTS, ids=[1, 2])
        for action in ("approve", "deny", "mark_fulfilled", "mark_unfulfilled")
    ],
    row("commissions.delete", f"DELETE {C}/destroy", BP, POINTS, ids=[1, 2]),
    row(
        "commissions.generate_payouts",
        f"POST {C}/generate_payouts",
        BP,
        _seed(6, status="approved"),
        ids=[*range(1, 7)],
    ),
]


async def test_create_list_update_approve_observe(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _seed_referral(fake)
    fake.seed_commissions(9)
    [created] = await client.commissions.create(
        commission_type="sale", referral_id=1, sale_amount=10_000, event_id="evt_x"
    )
    assert created.status == "pending"
    assert created.sale_amount == 10_000

    pending = [c.id async for c in client.commissions.list(filters={"status": "pending"})]
    assert len(pending) == 10
    assert created.id in pending

    updated = await client.commissions.update(created.id, internal_note="looks fine")
    assert updated.internal_note == "looks fine"

    progress: list[float] = []
    result = await client.commissions.approve(
        ids=pending, on_progress=lambda update: progress.append(update.progress)
    )
    assert result.status == "completed"
    assert result.processed_count == 10
    assert progress[-1] == 100
    assert progress == sorted(progress)
    approved = [c async for c in client.commissions.list(filters={"status": "approved"})]
    assert sorted(c.id for c in approved) == sorted(pending)
    assert [c async for c in client.commissions.list(filters={"status": "pending"})] == []


async def test_partial_failure_is_reported_not_dropped(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_commissions(6)
    result = await client.commissions.approve(ids=[1, 2, 3, 4, 5, 6, 404, 405])
    assert result.status == "completed"
    assert result.failed_count == 2
    assert result.processing_errors == ["Commission 404 not found", "Commission 405 not found"]
    assert not result.succeeded


async def test_batch_that_fails_entirely_raises_with_the_process(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_commissions(7, unit="cash")
    with pytest.raises(BatchProcessError) as info:
        await client.commissions.mark_fulfilled(ids=list(range(1, 8)))
    process = info.value.batch_process
    assert process.status == "failed"
    assert process.failed_count == 7
    assert process.processing_errors is not None
    assert "is monetary" in process.processing_errors[0]
    assert "failed" in str(info.value)


async def test_stopped_batch_raises(client: AsyncFirstPromoter, fake: FakeFirstPromoter) -> None:
    fake.seed_commissions(8)
    pending = await client.commissions.approve(ids=list(range(1, 9)), wait=False)
    assert pending.status == "pending"
    fake.state.stop_batch(pending.id)
    with pytest.raises(BatchProcessError) as info:
        await client._batch_poller.wait(pending)
    assert info.value.batch_process.status == "stopped"


async def test_wait_false_returns_the_pending_process(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_commissions(10)
    process = await client.commissions.deny(ids=list(range(1, 11)), wait=False)
    assert process.status == "pending"
    assert process.total == 10
    assert fake.requests("GET", "/company/batch_processes/progress") == []


async def test_large_id_list_is_one_request(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_commissions(3000)
    result = await client.commissions.approve(ids=range(1, 3001))
    assert result.total == 3000
    assert len(fake.requests("POST", "/company/commissions/approve")) == 1


_create = bad_from("commissions.create")


INVALID = [
    _create("commission_type", commission_type="bonus"),
    _create("referral_id", commission_type="sale", sale_amount=100),
    _create("sale_amount", commission_type="sale", referral_id=1),
    _create("sale_amount", commission_type="sale", referral_id=1, sale_amount=9.5),
    _create("promoter_campaign_id", commission_type="custom", amount=100),
    _create("unit", commission_type="custom", promoter_campaign_id=1, amount=5, unit="gold"),
    bad("commissions.update", "id", -1, internal_note="x"),
    bad("commissions.approve", "ids", ids=[]),
    bad("commissions.deny", "ids", ids=[1, None]),
    bad("commissions.delete", "ids", ids=[True]),
    bad("commissions.list", "filters.status", filters={"status": "paid"}),
    bad("commissions.list", "filters.paid", filters={"paid": True}),
    bad("commissions.list", "filters.created_at", filters={"created_at": {"since": "2025-01-01"}}),
    bad("commissions.list", "sorting", sorting={"amount": "largest"}),
    bad("commissions.list", "filters.colour", filters={"colour": "red"}),
    bad("commissions.update", "fields", 1),
    bad("commissions.update", "internal_note", 1, internal_note=5),
    _create("plan_id", commission_type="sale", referral_id=1, sale_amount=10, plan_id=[1]),
    Invalid(lambda fp: fp.commissions.approve(ids=(i for i in [1, 0])), "ids"),  # a fresh generator
]
