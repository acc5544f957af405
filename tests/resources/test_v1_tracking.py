"""v1 tracking: every call on the wire, ``wid``, the 204 of non-referral sales, and
sales tracked once per ``event_id``."""

from __future__ import annotations

import pytest

from firstpromoter_async import (
    AsyncFirstPromoter,
    ConflictError,
    InternalServerError,
    NotFoundError,
)
from firstpromoter_async.models.v1_tracking import V1TrackingEvent
from firstpromoter_async.testing import FakeFirstPromoter

from ..operations import bad, bad_from, row
from ._v1 import ann, ann_and_lead

OPERATIONS = [
    row(
        "v1.tracking.signup",
        "POST /track/signup",
        V1TrackingEvent,
        ann,
        email="lead@example.com",
        uid="cus_lead",
        ref_id="ann",
        ip="203.0.113.7",
        custom_fields={"source": "ads"},
        wid="wid_123",
    ),
    row(
        "v1.tracking.sale",
        "POST /track/sale",
        V1TrackingEvent,
        ann_and_lead,
        event_id="evt_1",
        amount=6000,
        email="lead@example.com",
        plan="monthly-starter",
        currency="EUR",
        mrr=6000,
        subscription_id="sub_1",
        start_recurring_reward_in=30,
        recurring_reward_frequency=30,
        max_recurring=12,
        ecom_sale=False,
        wid="wid_123",
    ),
    row(
        "v1.tracking.refund",
        "POST /track/refund",
        V1TrackingEvent,
        ann_and_lead,
        event_id="evt_r1",
        amount=6000,
        uid="cus_lead",
        sale_event_id="evt_1",
        wid="wid_123",
    ),
    row(
        "v1.tracking.cancellation",
        "POST /track/cancellation",
        V1TrackingEvent,
        ann_and_lead,
        email="lead@example.com",
        wid="wid_123",
    ),
    row(
        "v1.tracking.subscriber",
        "POST /track/subscriber",
        V1TrackingEvent,
        ann,
        email="sub@example.com",
        ref_id="ann",
        first_name="Sue",
        custom_fields={"list": "news"},
        wid="wid_123",
    ),
]


_sale = bad_from("v1.tracking.sale", event_id="e", amount=1, uid="u")
_refund = bad_from("v1.tracking.refund", event_id="e", amount=1, uid="u")


INVALID = [
    bad("v1.tracking.signup", "email"),
    bad("v1.tracking.signup", "uid", uid=""),
    bad("v1.tracking.signup", "ref_id", email="a@example.com", ref_id="Ann"),
    _sale("email", uid=None),
    _sale("event_id", event_id=None),
    _sale("event_id", event_id=""),
    _sale("amount", amount=None),
    _sale("amount", amount=60.0),
    _sale("amount", amount=True),
    _sale("amount", amount="600"),
    _sale("amount", amount=-1),
    _sale("ref_id", ref_id="A B"),
    _refund("email", uid=None),
    _refund("event_id", event_id=None),
    _refund("amount", amount=1.5),
    _refund("amount", amount=False),
    bad("v1.tracking.cancellation", "email"),
    bad("v1.tracking.subscriber", "email", ref_id="ann"),
    bad("v1.tracking.subscriber", "promoter_email", uid="u", promoter_email="ann"),
]


async def test_signup_sale_refund_cancellation(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    ann(fake)
    signup = await client.v1.tracking.signup(email="lead@example.com", ref_id="ann")
    assert signup.type == "signup"
    assert signup.amount_cents is None
    assert signup.lead is not None
    assert signup.lead.state == "signup"
    assert signup.promoter is not None
    assert signup.promoter.default_ref_id == "ann"
    lead = await client.v1.leads.retrieve(email="lead@example.com")
    assert lead.id == signup.lead.id

    sale = await client.v1.tracking.sale(
        event_id="evt_1", amount=6000, email="lead@example.com", plan="monthly-starter"
    )
    assert sale is not None
    assert sale.type == "sale"
    assert sale.amount_cents == 6000
    assert sale.lead is not None
    assert sale.lead.state == "active"
    assert sale.lead.plan_name == "monthly-starter"
    assert sale.reward is not None
    assert (sale.reward.amount, sale.reward.unit, sale.reward.event_id) == (1200, "cash", "evt_1")
    assert sale.reward.conversion_amount == 6000
    assert sale.promoter is not None
    assert sale.promoter.earnings_balance == {"cash": 1200}

    refund = await client.v1.tracking.refund(
        event_id="evt_r1", amount=6000, email="lead@example.com", sale_event_id="evt_1"
    )
    assert refund is not None
    assert refund.amount_cents == -6000
    assert refund.reward is not None
    assert refund.reward.amount == -1200
    assert refund.promoter is not None
    assert refund.promoter.earnings_balance == {"cash": 0}

    cancelled = await client.v1.tracking.cancellation(email="lead@example.com")
    assert cancelled.type == "cancellation"
    assert cancelled.reward is None
    assert cancelled.lead is not None
    assert cancelled.lead.state == "cancelled"
    assert cancelled.lead.cancelled_at is not None

    # the sale and refund are commissions v2 sees too
    commissions = [c async for c in client.commissions.list()]
    assert sorted(c.sale_amount or 0 for c in commissions) == [-6000, 6000]


async def test_subscriber_becomes_a_lead_once(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    ann(fake)
    event = await client.v1.tracking.subscriber(
        email="sub@example.com", promoter_email="ann@example.com"
    )
    assert event is not None
    assert event.type == "subscriber"
    assert event.lead is not None
    assert event.lead.state == "subscribed"
    assert [lead.email async for lead in client.v1.leads.list(ref_id="ann")] == ["sub@example.com"]
    with pytest.raises(ConflictError):
        await client.v1.tracking.subscriber(email="sub@example.com", ref_id="ann")
    assert await client.v1.tracking.subscriber(uid="nobody") is None  # no referrer: 204
    with pytest.raises(NotFoundError):
        await client.v1.tracking.subscriber(uid="nobody", tid="visitor-unknown")


async def test_sale_of_a_non_referral_returns_none(call, fake: FakeFirstPromoter) -> None:  # type: ignore[no-untyped-def]
    ann(fake)
    result = await call(
        lambda fp: fp.v1.tracking.sale(event_id="evt_x", amount=1000, email="stranger@example.com")
    )
    assert result is None
    [request] = fake.requests("POST", "/track/sale")
    assert request.status == 204
    assert len(fake.state.table("commissions")) == 0


async def test_refund_of_a_non_referral_returns_none(client: AsyncFirstPromoter) -> None:
    result = await client.v1.tracking.refund(event_id="evt_r", amount=100, uid="nobody")
    assert result is None


async def test_duplicate_sale_makes_no_second_commission(
    call,  # type: ignore[no-untyped-def]
    fake: FakeFirstPromoter,
) -> None:
    ann_and_lead(fake)
    first = await call(
        lambda fp: fp.v1.tracking.sale(event_id="evt_dup", amount=5000, uid="cus_lead")
    )
    assert isinstance(first, V1TrackingEvent)
    assert len(fake.state.table("commissions")) == 1

    with pytest.raises(ConflictError) as info:
        await call(lambda fp: fp.v1.tracking.sale(event_id="evt_dup", amount=5000, uid="cus_lead"))
    assert info.value.message == "The 'sale' event with the id 'evt_dup' already exists."
    assert len(fake.state.table("commissions")) == 1
    assert [r.status for r in fake.requests("POST", "/track/sale")] == [200, 409]


async def test_sale_is_retried_after_a_server_error(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    ann_and_lead(fake)
    fake.inject("/api/v1/track/sale", status=503, retry_after=0)
    sale = await client.v1.tracking.sale(event_id="evt_1", amount=100, uid="cus_lead")
    assert sale is not None
    assert sale.amount_cents == 100
    assert [r.status for r in fake.requests("POST", "/track/sale")] == [503, 200]
    assert len(fake.state.table("commissions")) == 1


async def test_signup_is_not_retried_after_a_server_error(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    ann(fake)
    fake.inject("/api/v1/track/signup", status=503, retry_after=0)
    with pytest.raises(InternalServerError):
        await client.v1.tracking.signup(email="lead@example.com", ref_id="ann")
    assert len(fake.requests("POST", "/track/signup")) == 1


async def test_signup_for_an_unknown_referrer_is_not_found(client: AsyncFirstPromoter) -> None:
    with pytest.raises(NotFoundError):
        await client.v1.tracking.signup(email="lead@example.com", tid="visitor-unknown")


async def test_wid_defaults_to_the_client_and_the_call_overrides_it(
    fake: FakeFirstPromoter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FIRSTPROMOTER_WID", raising=False)
    ann_and_lead(fake)
    async with fake.client(wid="wid_client") as fp:
        await fp.v1.tracking.cancellation(uid="cus_lead")
        await fp.v1.tracking.cancellation(uid="cus_lead", wid="wid_call")
    async with fake.client() as fp:
        await fp.v1.tracking.cancellation(uid="cus_lead")
    sent = [r.form or {} for r in fake.requests("POST", "/track/cancellation")]
    assert [form.get("wid") for form in sent] == ["wid_client", "wid_call", None]
