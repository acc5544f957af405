"""Payout methods and payments batches: rows, state, and the money rule of ``pay``."""

from __future__ import annotations

import pytest

from firstpromoter_async import (
    APIConnectionError,
    AsyncFirstPromoter,
    InternalServerError,
    PaymentsBatch,
    PayoutMethodDetails,
)
from firstpromoter_async.testing import FakeFirstPromoter

from ..operations import bad, put, row

PAYPAL = {"paypal_email": "ann@example.com"}
BATCH = put("payments_batches", status="awaiting_confirmation", is_payable=True)
METHOD = {"method": "paypal", "promoter_id": 7, "details": PAYPAL}
ONE, PMD, PATH = (
    put("payout_methods", promoter_id=7),
    PayoutMethodDetails,
    "/company/payout_methods",
)
PAY = "/company/payments_batches/1/pay"

OPERATIONS = [
    row(
        "payout_methods.list",
        f"GET {PATH}?filters[promoter_id]=7",
        PMD,
        ONE,
        filters={"promoter_id": 7},
    ),
    row("payout_methods.create", f"POST {PATH}", PMD, None, **METHOD),
    row("payout_methods.retrieve", f"GET {PATH}/1", PMD, ONE, 1),
    row("payout_methods.update", f"PUT {PATH}/1", PMD, ONE, 1, **METHOD, is_selected=True),
    row("payout_methods.delete", f"DELETE {PATH}/1", None, ONE, 1),
    row("payments_batches.pay", f"POST {PAY}", PaymentsBatch, BATCH, 1, otp="123456"),
    row("payments_batches.delete", "DELETE /company/payments_batches/1", None, BATCH, 1),
]

INVALID = [
    bad("payout_methods.list", "filters.promoter_id"),
    bad("payout_methods.list", "filters.promoter_id", filters={"campaign_id": 1}),
    bad("payout_methods.list", "filters.colour", filters={"promoter_id": 1, "colour": 2}),
    bad("payout_methods.create", "method", method="cheque", promoter_id=7, details={}),
    bad("payout_methods.update", "promoter_id", 1, method="wise", promoter_id=0, details={}),
    bad("payments_batches.pay", "id", 0, otp="1"),
    bad("payments_batches.pay", "otp", 1, otp=123456),
]


async def test_payout_method_lifecycle(client: AsyncFirstPromoter) -> None:
    made = await client.payout_methods.create(method="paypal", promoter_id=7, details=PAYPAL)
    await client.payout_methods.create(method="custom", promoter_id=8, details={})
    assert [m.id async for m in client.payout_methods.list(filters={"promoter_id": 7})] == [made.id]
    wise = {"wise_email": "ann@example.com"}
    changed = await client.payout_methods.update(
        made.id, method="wise", promoter_id=7, details=wise
    )
    assert (changed.method, changed.details) == ("wise", wise)
    assert await client.payout_methods.delete(made.id) is None
    assert [m async for m in client.payout_methods.list(filters={"promoter_id": 7})] == []


async def test_paying_and_deleting_a_batch(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    BATCH(fake)
    BATCH(fake)
    fake.state.table("payouts").insert({"payments_batch_id": 2})
    paid = await client.payments_batches.pay(1, otp="123456")
    assert (paid.status, paid.is_payable) == ("processing", False)
    assert paid.processing_started_at is not None
    assert await client.payments_batches.delete(2) is None
    assert [p["payments_batch_id"] for p in fake.state.table("payouts")] == [None]
    assert [b["id"] for b in fake.state.table("payments_batches")] == [1]


@pytest.fixture
async def fast_client(fake: FakeFirstPromoter):  # type: ignore[no-untyped-def]
    async with fake.client() as fp:
        fp.retry_policy.base_delay = 0.001
        yield fp


@pytest.mark.parametrize(
    ("fault", "error"),
    [({"status": 503}, InternalServerError), ({"kind": "reset"}, APIConnectionError)],
)
async def test_pay_is_never_retried_once_it_may_have_reached_the_server(
    fast_client: AsyncFirstPromoter,
    fake: FakeFirstPromoter,
    fault: dict[str, object],
    error: type[Exception],
) -> None:
    BATCH(fake)
    fake.inject(PAY, after=True, **fault)  # the batch is paid, then the answer is lost
    with pytest.raises(error):
        await fast_client.payments_batches.pay(1, otp="123456")
    assert len(fake.requests("POST", PAY)) == 1
    assert fake.state.table("payments_batches").get(1)["status"] == "processing"  # type: ignore[index]


async def test_pay_is_retried_after_429(
    fast_client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    BATCH(fake)
    fake.inject(PAY, status=429, retry_after=0)
    assert (await fast_client.payments_batches.pay(1, otp="123456")).status == "processing"
    assert len(fake.requests("POST", PAY)) == 2
