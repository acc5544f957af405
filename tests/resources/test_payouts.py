"""Payouts: every operation on the wire, scenarios and validation against the fake server."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from firstpromoter_async import (
    AsyncFirstPromoter,
    BatchProcess,
    BatchProcessError,
    InvalidRequestError,
    UnprocessableEntityError,
)
from firstpromoter_async.models.payout import (
    PaymentsBatchResult,
    Payout,
    PayoutDueStats,
    PayoutFilters,
    PayoutsGroupedByPromoters,
    PayoutStats,
)
from firstpromoter_async.models.referral import DateRange
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_async.testing.domain.payouts import new_payout, seed_payouts

from ..operations import Operation


def _seed(count: int = 4, status: str = "pending") -> Callable[[FakeFirstPromoter], Any]:
    return lambda fake: seed_payouts(fake.state, count, status=status)


OPERATIONS = [
    Operation(
        "payouts.list",
        lambda fp: fp.payouts.list(
            q="earner",
            filters={
                "status": "pending",
                "campaign_id": [1],
                "period_start": {"from": "2020-01-01"},
                "fraud_suspicions": ["no_suspicion"],
            },
            sorting={"amount": "desc"},
            per_page=20,
        ),
        "GET",
        "/company/payouts",
        Payout,
        setup=_seed(),
        query={
            "q": ["earner"],
            "filters[status]": ["pending"],
            "filters[campaign_id][]": ["1"],
            "filters[period_start][from]": ["2020-01-01"],
            "filters[fraud_suspicions][]": ["no_suspicion"],
            "sorting[amount]": ["desc"],
            "page": ["1"],
            "per_page": ["20"],
        },
    ),
    Operation(
        "payouts.stats",
        lambda fp: fp.payouts.stats(
            stats_by={"status": True, "paid_period": False}, filters={"campaign_id": 1}
        ),
        "GET",
        "/company/payouts/stats",
        PayoutStats,
        setup=_seed(),
        query={
            "stats_by[status]": ["true"],
            "stats_by[paid_period]": ["false"],
            "filters[campaign_id]": ["1"],
        },
    ),
    Operation(
        "payouts.due_stats",
        lambda fp: fp.payouts.due_stats(q="earner", filters={"status": "pending"}),
        "GET",
        "/company/payouts/due_stats",
        PayoutDueStats,
        setup=_seed(),
        query={"q": ["earner"], "filters[status]": ["pending"]},
    ),
    Operation(
        "payouts.group_by_promoters",
        lambda fp: fp.payouts.group_by_promoters(
            filters={"min_payment": 100, "invoiceable": False},
            include_payout_method_details=True,
        ),
        "GET",
        "/company/payouts/group_by_promoters",
        PayoutsGroupedByPromoters,
        setup=_seed(),
        query={
            "filters[min_payment]": ["100"],
            "filters[invoiceable]": ["false"],
            "include_payout_method_details": ["true"],
        },
    ),
    Operation(
        "payouts.create_payments_batch",
        lambda fp: fp.payouts.create_payments_batch(method="paypal"),
        "POST",
        "/company/payouts/create_payments_batch",
        PaymentsBatchResult,
        setup=_seed(),
        json={"method": "paypal"},
    ),
    Operation(
        "payouts.mark_as_paid",
        lambda fp: fp.payouts.mark_as_paid(ids=[1, 2]),
        "POST",
        "/company/payouts/mark_as_paid",
        BatchProcess,
        setup=_seed(),
        json={"ids": [1, 2]},
    ),
    Operation(
        "payouts.mark_as_unpaid",
        lambda fp: fp.payouts.mark_as_unpaid(ids=[1, 2, 3, 4, 5, 6]),
        "POST",
        "/company/payouts/mark_as_unpaid",
        BatchProcess,
        setup=_seed(6, status="completed"),
        json={"ids": [1, 2, 3, 4, 5, 6]},
    ),
    Operation(
        "payouts.delete",
        lambda fp: fp.payouts.delete(ids=[1, 2]),
        "DELETE",
        "/company/payouts/destroy",
        BatchProcess,
        setup=_seed(),
        json={"ids": [1, 2]},
    ),
]


async def _payouts_from_commissions(client: AsyncFirstPromoter, fake: FakeFirstPromoter) -> None:
    """Three promoters, six approved commissions, and their payouts generated over the API."""
    fake.seed_promoters(3)
    fake.seed_commissions(6, status="approved")
    result = await client.commissions.generate_payouts(ids=range(1, 7))
    assert result.status == "completed"


async def test_payouts_from_commissions_are_listed_paid_and_unpaid(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    await _payouts_from_commissions(client, fake)
    payouts = [p async for p in client.payouts.list(sorting={"amount": "asc"})]
    assert len(payouts) == 6
    assert [p.amount for p in payouts] == sorted(p.amount or 0 for p in payouts)
    first = payouts[0]
    assert first.status == "pending"
    assert first.unit == "cash"
    assert first.promoter is not None
    assert first.promoter.email is not None
    assert first.campaign is not None
    assert first.campaign.id == 1
    assert isinstance(first.created_at, dt.datetime)
    assert first.period_start is not None
    assert first.period_start.day == 1
    assert first.paid_at is None

    stats = await client.payouts.stats(stats_by={"status": True})
    assert stats.data is not None
    assert stats.data.by_status is not None
    assert set(stats.data.by_status) == {"pending"}
    pending_total = stats.data.by_status["pending"].amounts
    assert pending_total == {"cash": sum(p.amount or 0 for p in payouts)}
    assert stats.meta is not None
    assert stats.meta.payout_cycle == "monthly"

    of_first = [
        p.id async for p in client.payouts.list(filters={"promoter_id": payouts[0].promoter.id})
    ]
    paid_ids = of_first
    result = await client.payouts.mark_as_paid(ids=paid_ids)
    assert result.status == "completed"
    assert result.action_label == "payout/mark_as_paid"

    paid = [p async for p in client.payouts.list(filters={"status": "completed"})]
    assert [p.id for p in paid] == paid_ids
    assert all(isinstance(p.paid_at, dt.datetime) for p in paid)
    paid_commissions = [c.id async for c in client.commissions.list(filters={"paid": "yes"})]
    paid_payout_commissions = sorted(
        cid
        for p in fake.state.table("payouts")
        if p["id"] in paid_ids
        for cid in p["commission_ids"]
    )
    assert paid_commissions == paid_payout_commissions

    stats = await client.payouts.stats()
    assert stats.data is not None
    assert stats.data.by_status is not None
    assert set(stats.data.by_status) == {"pending", "completed"}
    assert stats.data.by_status["completed"].promoters_count == 1
    assert stats.data.by_paid_period is not None
    assert len(stats.data.by_paid_period) == 1
    assert stats.data.by_paid_period[0].amounts == stats.data.by_status["completed"].amounts

    await client.payouts.mark_as_unpaid(ids=paid_ids)
    assert [p async for p in client.payouts.list(filters={"status": "completed"})] == []
    assert [c async for c in client.commissions.list(filters={"paid": "yes"})] == []

    await client.payouts.delete(ids=[paid_ids[0]])
    remaining = [p.id async for p in client.payouts.list()]
    assert paid_ids[0] not in remaining
    assert len(remaining) == 5


async def test_many_ids_run_as_an_awaited_batch_in_the_envelope(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    seed_payouts(fake.state, 8)
    result = await client.payouts.mark_as_paid(ids=range(1, 9))
    assert result.status == "completed"
    assert result.total == 8
    assert len(fake.requests("GET", "/company/batch_processes/progress")) == fake.state.batch_steps
    body = fake.requests("POST", "/company/payouts/mark_as_paid")[0]
    assert body.status == 202
    assert all(p["status"] == "completed" for p in fake.state.table("payouts"))


async def test_wait_false_returns_the_pending_process(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    seed_payouts(fake.state, 6)
    process = await client.payouts.delete(ids=range(1, 7), wait=False)
    assert process.status == "pending"
    assert len(fake.state.table("payouts")) == 6


async def test_paid_payouts_cannot_be_deleted(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    seed_payouts(fake.state, 2, status="completed")
    with pytest.raises(BatchProcessError) as info:
        await client.payouts.delete(ids=[1, 2])
    assert info.value.batch_process.failed_count == 2
    assert len(fake.state.table("payouts")) == 2


async def test_due_stats_and_groups_follow_state(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    seed_payouts(fake.state, 6)  # promoters 1, 2, 3 get payouts 1+4, 2+5, 3+6
    due = await client.payouts.due_stats()
    assert due.data is not None
    assert due.data.next is not None
    assert due.data.next.promoters_count == 3
    assert isinstance(due.data.next.due_date, dt.date)
    assert due.data.overdue is not None
    assert due.data.overdue.promoters_count == 0

    groups = await client.payouts.group_by_promoters()
    assert groups.meta is not None
    assert groups.meta.promoters_count == 3
    assert [sorted(g.payout_ids or []) for g in groups.data] == [[1, 4], [2, 5], [3, 6]]
    assert all(g.payouts and isinstance(g.payouts[0], Payout) for g in groups.data)
    assert groups.meta.total == sum(g.amount or 0 for g in groups.data)

    await client.payouts.mark_as_paid(ids=[1, 4])
    groups = await client.payouts.group_by_promoters()
    assert [g.promoter.id for g in groups.data if g.promoter] == [2, 3]
    due = await client.payouts.due_stats()
    assert due.data is not None
    assert due.data.next is not None
    assert due.data.next.promoters_count == 2
    big = await client.payouts.group_by_promoters(filters={"min_payment": 10_000})
    assert all((g.amount or 0) >= 10_000 for g in big.data)


async def test_payments_batch_takes_the_payable_payouts(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    ann, ben = fake.seed_promoters(2)
    ben["selected_payout_method"] = {"id": 9, "method": "bank", "date_added": None}
    new_payout(fake.state, promoter=ann, amount=4000)
    new_payout(fake.state, promoter=ben, amount=6000)
    result = await client.payouts.create_payments_batch(method="paypal")
    assert result.data.status == "awaiting_confirmation"
    assert result.data.total == 4000
    assert result.data.promoters_count == 1
    assert result.meta is not None
    assert result.meta.failed == [
        {"payout_id": 2, "promoter_id": ben["id"], "error": "The promoter is paid by bank"}
    ]
    in_batch = [p async for p in client.payouts.list(filters={"payments_batch_id": result.data.id})]
    assert [p.id for p in in_batch] == [1]
    (bens,) = [p async for p in client.payouts.list(filters={"payout_method": "bank"})]
    assert bens.payout_method is not None
    assert bens.payout_method.method == "bank"
    with pytest.raises(UnprocessableEntityError):
        await client.payouts.create_payments_batch(method="paypal")  # nothing left to pay


async def test_filters_struct_and_period_ranges(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    seed_payouts(fake.state, 2)
    fake.state.table("payouts").rows[1]["period_start"] = "2024-01-01T00:00:00.000Z"
    fake.state.table("payouts").rows[1]["period_end"] = "2024-01-31T23:59:59.999Z"
    filters = PayoutFilters(
        status="pending", period_end=DateRange(from_=dt.date(2024, 1, 1), to=dt.date(2024, 2, 1))
    )
    found = [p async for p in client.payouts.list(filters=filters)]
    assert [p.id for p in found] == [1]
    assert found[0].period_end == dt.datetime(
        2024, 1, 31, 23, 59, 59, 999000, tzinfo=dt.timezone.utc
    )
    query = fake.requests("GET", "/company/payouts")[0].query_dict()
    assert query["filters[period_end][from]"] == ["2024-01-01"]
    assert query["filters[status]"] == ["pending"]


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda fp: fp.payouts.list(filters={"status": "paid"}), "filters.status"),
        (lambda fp: fp.payouts.list(filters={"due_period": "later"}), "filters.due_period"),
        (lambda fp: fp.payouts.list(filters={"payout_method": "cheque"}), "filters.payout_method"),
        (
            lambda fp: fp.payouts.list(filters={"fraud_suspicions": ["ad_source", "bot"]}),
            "filters.fraud_suspicions",
        ),
        (
            lambda fp: fp.payouts.list(filters=PayoutFilters(period_start=DateRange())),
            "filters.period_start",
        ),
        (
            lambda fp: fp.payouts.list(filters={"period_end": ["2024-01-01", "2024-02-01"]}),
            "filters.period_end",
        ),
        (lambda fp: fp.payouts.list(sorting={"created_at": "desc"}), "sorting"),
        (lambda fp: fp.payouts.list(sorting={"amount": "biggest"}), "sorting"),
        (lambda fp: fp.payouts.list(ids=["1"]), "ids"),
        (lambda fp: fp.payouts.list(page=0), "page"),
        (lambda fp: fp.payouts.stats(stats_by={"month": True}), "stats_by"),
        (lambda fp: fp.payouts.stats(stats_by={"status": "yes"}), "stats_by"),
        (lambda fp: fp.payouts.stats(filters={"status": "done"}), "filters.status"),
        (lambda fp: fp.payouts.due_stats(filters={"status": "late"}), "filters.status"),
        (
            lambda fp: fp.payouts.group_by_promoters(filters={"invoiceable": "maybe"}),
            "filters.invoiceable",
        ),
        (lambda fp: fp.payouts.group_by_promoters(filters=42), "filters"),
        (lambda fp: fp.payouts.create_payments_batch(method="cheque"), "method"),
        (lambda fp: fp.payouts.create_payments_batch(method=None), "method"),
        (lambda fp: fp.payouts.create_payments_batch(method="custom"), "method"),
        (lambda fp: fp.payouts.mark_as_paid(ids=[]), "ids"),
        (lambda fp: fp.payouts.mark_as_unpaid(ids=[-3]), "ids"),
        (lambda fp: fp.payouts.delete(ids=7), "ids"),
    ],
)
async def test_invalid_arguments_send_nothing(
    client: AsyncFirstPromoter,
    fake: FakeFirstPromoter,
    call: Callable[[AsyncFirstPromoter], Any],
    param: str,
) -> None:
    with pytest.raises(InvalidRequestError) as info:
        await _send(call, client)
    assert info.value.param == param
    assert fake.state.journal == []


async def _send(call: Callable[[AsyncFirstPromoter], Any], client: AsyncFirstPromoter) -> None:
    result = call(client)
    if hasattr(result, "__await__"):
        await result
