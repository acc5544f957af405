"""Payouts: every operation on the wire, scenarios and validation against the fake server."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from firstpromoter_async import (
    AsyncFirstPromoter,
    BatchProcess,
    BatchProcessError,
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

from ..operations import bad, bad_from, example, row


def _seed(count: int = 4, status: str = "pending") -> Any:
    return lambda fake: seed_payouts(fake.state, count, status=status)


P = "/company/payouts"
OPERATIONS = [
    row(
        "payouts.list",
        f"GET {P}?q=earner&filters[status]=pending&filters[campaign_id][]=1"
        "&filters[period_start][from]=2020-01-01&filters[fraud_suspicions][]=no_suspicion"
        "&sorting[amount]=desc&page=1&per_page=20",
        Payout,
        _seed(),
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
    row(
        "payouts.stats",
        f"GET {P}/stats?stats_by[status]=true&stats_by[paid_period]=false&filters[campaign_id]=1",
        PayoutStats,
        _seed(),
        stats_by={"status": True, "paid_period": False},
        filters={"campaign_id": 1},
    ),
    row(
        "payouts.due_stats",
        f"GET {P}/due_stats?q=earner&filters[status]=pending",
        PayoutDueStats,
        _seed(),
        q="earner",
        filters={"status": "pending"},
    ),
    row(
        "payouts.group_by_promoters",
        f"GET {P}/group_by_promoters?filters[min_payment]=100&filters[invoiceable]=false"
        "&include_payout_method_details=true",
        PayoutsGroupedByPromoters,
        _seed(),
        filters={"min_payment": 100, "invoiceable": False},
        include_payout_method_details=True,
    ),
    row(
        "payouts.create_payments_batch",
        f"POST {P}/create_payments_batch",
        PaymentsBatchResult,
        _seed(),
        method="paypal",
    ),
    row("payouts.mark_as_paid", f"POST {P}/mark_as_paid", BatchProcess, _seed(), ids=[1, 2]),
    row(
        "payouts.mark_as_unpaid",
        f"POST {P}/mark_as_unpaid",
        BatchProcess,
        _seed(6, "completed"),
        ids=[*range(1, 7)],
    ),
    row("payouts.delete", f"DELETE {P}/destroy", BatchProcess, _seed(), ids=[1, 2]),
]

_list = bad_from("payouts.list")
INVALID = [
    _list("filters.status", filters={"status": "paid"}),
    _list("filters.due_period", filters={"due_period": "later"}),
    _list("filters.payout_method", filters={"payout_method": "cheque"}),
    _list("filters.fraud_suspicions", filters={"fraud_suspicions": ["ad_source", "bot"]}),
    _list("filters.period_start", filters=PayoutFilters(period_start=DateRange())),
    _list("filters.period_end", filters={"period_end": ["2024-01-01", "2024-02-01"]}),
    _list("sorting", sorting={"created_at": "desc"}),
    _list("sorting", sorting={"amount": "biggest"}),
    _list("ids", ids=["1"]),
    _list("page", page=0),
    bad("payouts.stats", "stats_by", stats_by={"month": True}),
    bad("payouts.stats", "stats_by", stats_by={"status": "yes"}),
    bad("payouts.stats", "filters.status", filters={"status": "done"}),
    bad("payouts.due_stats", "filters.status", filters={"status": "late"}),
    bad("payouts.group_by_promoters", "filters.invoiceable", filters={"invoiceable": "maybe"}),
    bad("payouts.group_by_promoters", "filters", filters=42),
    bad("payouts.create_payments_batch", "method", method="cheque"),
    bad("payouts.create_payments_batch", "method", method=None),
    bad("payouts.create_payments_batch", "method", method="custom"),
    bad("payouts.mark_as_paid", "ids", ids=[]),
    bad("payouts.mark_as_unpaid", "ids", ids=[-3]),
    bad("payouts.delete", "ids", ids=7),
]


async def test_payouts_from_commissions_are_listed_paid_and_unpaid(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(3)
    fake.seed_commissions(6, status="approved")
    assert (await client.commissions.generate_payouts(ids=range(1, 7))).status == "completed"
    payouts = [p async for p in client.payouts.list(sorting={"amount": "asc"})]
    assert len(payouts) == 6
    assert [p.amount for p in payouts] == sorted(p.amount or 0 for p in payouts)
    first = payouts[0]
    assert (first.status, first.unit, first.paid_at) == ("pending", "cash", None)
    assert first.promoter is not None
    assert first.promoter.email is not None
    assert first.campaign is not None
    assert first.campaign.id == 1
    assert isinstance(first.created_at, dt.datetime)
    assert first.period_start is not None
    assert first.period_start.day == 1

    stats = await client.payouts.stats(stats_by={"status": True})
    assert stats.data is not None
    assert stats.data.by_status is not None
    assert set(stats.data.by_status) == {"pending"}
    pending_total = stats.data.by_status["pending"].amounts
    assert pending_total == {"cash": sum(p.amount or 0 for p in payouts)}
    assert stats.meta is not None
    assert stats.meta.payout_cycle == "monthly"

    paid_ids = [p.id async for p in client.payouts.list(filters={"promoter_id": first.promoter.id})]
    result = await client.payouts.mark_as_paid(ids=paid_ids)
    assert (result.status, result.action_label) == ("completed", "payout/mark_as_paid")

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


async def test_batches_in_the_envelope_awaited_pending_and_refused(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    seed_payouts(fake.state, 8)
    result = await client.payouts.mark_as_paid(ids=range(1, 9))
    assert (result.status, result.total) == ("completed", 8)
    assert len(fake.requests("GET", "/company/batch_processes/progress")) == fake.state.batch_steps
    assert fake.requests("POST", "/company/payouts/mark_as_paid")[0].status == 202
    assert all(p["status"] == "completed" for p in fake.state.table("payouts"))

    with pytest.raises(BatchProcessError) as info:  # paid payouts cannot be deleted
        await client.payouts.delete(ids=[1, 2])
    assert info.value.batch_process.failed_count == 2
    assert len(fake.state.table("payouts")) == 8

    seed_payouts(fake.state, 6)
    process = await client.payouts.delete(ids=range(9, 15), wait=False)
    assert process.status == "pending"
    assert len(fake.state.table("payouts")) == 14

    envelope = {
        "data": json.loads(example("payouts", "the process of a payout batch action")),
        "meta": {
            "total": 75.0,
            "promoters_count": 2,
            "total_incl_tax": 75.0,
            "all_promoters_count": 9,
        },
    }
    fake.inject("/company/payouts/mark_as_paid", status=200, body=json.dumps(envelope).encode())
    process = await client.payouts.mark_as_paid(ids=[1, 2, 3])
    assert isinstance(process, BatchProcess)
    assert (process.id, process.succeeded, process.failed_count) == (12, False, 1)
    assert process.processing_errors == [{"id": 3, "message": "Payout 3 is cancelled"}]


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
    assert (result.data.total, result.data.promoters_count) == (4000, 1)
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
    assert found[0].period_end == dt.datetime(2024, 1, 31, 23, 59, 59, 999000, dt.timezone.utc)
    query = fake.requests("GET", "/company/payouts")[0].query_dict()
    assert query["filters[period_end][from]"] == ["2024-01-01"]
    assert query["filters[status]"] == ["pending"]


async def test_answers_of_the_documented_shapes(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    listed = (
        b"[" + example("payouts", "a paid payout") + b"," + example("payouts", "a failed") + b"]"
    )
    fake.inject("/company/payouts", status=200, body=listed)
    payouts = [p async for p in client.payouts.list(per_page=10)]
    assert [p.id for p in payouts] == [55, 56]
    assert payouts[0].payments_batch_id == 6
    batch = example("payouts", "a payments batch")
    fake.inject("/company/payouts/create_payments_batch", status=201, body=batch)
    result = await client.payouts.create_payments_batch(method="paypal")
    assert (result.data.id, result.data.ext_reference) == (6, "PP-BATCH-6")
