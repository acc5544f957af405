"""v2 tracking: every operation on the wire, the referral/commission scenario, validation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from firstpromoter_async import (
    AsyncFirstPromoter,
    ConflictError,
    InternalServerError,
    NotFoundError,
    UnprocessableEntityError,
)
from firstpromoter_async.models.tracking import TrackingEvent
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_async.testing.domain.promoters import new_promoter
from firstpromoter_async.testing.domain.referrals import new_referral
from firstpromoter_async.testing.domain.tracking import new_visitor

from ..operations import bad, bad_from, row

LEAD = "lead@example.com"


def _promoter(fake: FakeFirstPromoter) -> Any:
    """The membership of a new promoter; its ref_token is ``ann1``."""
    promoter = new_promoter(fake.state, email="ann@example.com")
    membership = fake.state.table("promoter_campaigns").find(promoter_id=promoter["id"])
    assert membership["ref_token"] == "ann1"  # type: ignore[index]
    return membership


def _with_lead(fake: FakeFirstPromoter) -> None:
    promoter = fake.state.table("promoters").get(_promoter(fake)["promoter_id"])
    new_referral(fake.state, promoter=promoter or {}, email=LEAD, uid="cus_1")


def _with_customer(fake: FakeFirstPromoter) -> None:
    _with_lead(fake)
    fake.state.table("referrals").find(email=LEAD)["state"] = "active"  # type: ignore[index]


SIGNUP = {"uid": "cus_1", "ref_id": "ann1", "ip": "203.0.113.9", "skip_email_notification": True}
SALE = {"event_id": "inv_1", "amount": 12_000, "plan": "pro", "quantity": 2, "mrr": 6000}
REFUND = {"event_id": "inv_1_refund", "amount": 5000, "uid": "cus_1", "sale_event_id": "inv_1"}
T, TE = "POST /track", TrackingEvent
OPERATIONS = [
    row("tracking.signup", f"{T}/signup", TE, _promoter, email=LEAD, **SIGNUP),
    row("tracking.sale", f"{T}/sale", TE, _with_lead, email=LEAD, **SALE),
    row("tracking.refund", f"{T}/refund", TE, _with_customer, **REFUND),
    row("tracking.cancellation", f"{T}/cancellation", TE, _with_customer, email=LEAD),
]


_signup = bad_from("tracking.signup", email=LEAD, ref_id="ann1")
_sale = bad_from("tracking.sale", event_id="e1", amount=100, email=LEAD)
_refund = bad_from("tracking.refund", event_id="r1", amount=100, email=LEAD)
INVALID = [
    # signup: email or uid, and tid or ref_id; ref_id's alphabet
    _signup("email", email=None),
    _signup("tid", ref_id=None),
    *[_signup("ref_id", ref_id=bad) for bad in ("Ann1", "ann.1", "ann 1", "")],
    _signup("email", email="not-an-email"),
    _signup("uid", email=None, uid=""),
    _signup("tid", ref_id=None, tid=""),
    _signup("created_at", created_at=1714000000),
    _signup("skip_email_notification", skip_email_notification="yes"),
    # sale: event_id, amount in integer cents, email or uid
    *[_sale("event_id", event_id=bad) for bad in (None, "", 42)],
    *[_sale("amount", amount=bad) for bad in (None, 19.99, 100.0, True, "100", -1)],
    _sale("email", email=None),
    _sale("email", email=None, uid=None),
    _sale("ref_id", ref_id="BAD!"),
    *[_sale("mrr", mrr=bad) for bad in (49.5, -5)],
    *[_sale("quantity", quantity=bad) for bad in (0, 1.5)],
    _sale("currency", currency=""),
    # refund: the same rules
    _refund("event_id", event_id=None),
    *[_refund("amount", amount=bad) for bad in (None, 10.5, False, -100)],
    _refund("email", email=None),
    _refund("quantity", quantity=-1),
    # cancellation: email or uid
    bad("tracking.cancellation", "email"),
    bad("tracking.cancellation", "email", email="nobody"),
]


async def test_signup_sale_refund_cancellation(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    membership = _promoter(fake)
    signup = await client.tracking.signup(email=LEAD, ref_id="ann1")
    assert (signup.kind, signup.referral.email, signup.commissions) == ("signup", LEAD, [])
    referral = fake.state.table("referrals").get(signup.referral.id)
    assert referral["created_at"]  # type: ignore[index]
    assert {k: referral[k] for k in ("email", "uid", "state", "promoter_id", "campaign_id")} == {
        "email": LEAD,
        "uid": None,
        "state": "signup",
        "promoter_id": membership["promoter_id"],
        "campaign_id": membership["campaign_id"],
    }
    shown = await client.referrals.retrieve(signup.referral.id)
    assert (shown.email, shown.state) == (LEAD, "signup")
    with pytest.raises(UnprocessableEntityError):  # one signup per lead
        await client.tracking.signup(email=LEAD, ref_id="ann1")

    sale = await client.tracking.sale(event_id="inv_1", amount=10_000, email=LEAD)
    assert len(sale.commissions) == 1
    assert (sale.kind, sale.sale_amount) == ("sale", 10_000)
    commission = sale.commissions[0]
    assert (commission.amount, commission.event_id) == (2000, "inv_1")
    assert commission.promoter_campaign is not None
    assert commission.promoter_campaign.promoter_id == membership["promoter_id"]
    assert referral["state"] == "active"
    assert [c.id async for c in client.commissions.list()] == [commission.id]
    with pytest.raises(ConflictError) as info:  # the same event_id never pays twice
        await client.tracking.sale(event_id="inv_1", amount=10_000, email=LEAD)
    assert "inv_1" in info.value.message
    assert len(fake.state.table("commissions")) == 1

    refund = await client.tracking.refund(
        event_id="inv_1_refund", amount=10_000, email=LEAD, sale_event_id="inv_1"
    )
    assert (refund.kind, refund.amount_cents, refund.reward.amount) == ("refund", -10_000, -2000)
    assert refund.lead.email == LEAD
    assert (refund.promoter.id, refund.promoter.default_ref_id) == (
        membership["promoter_id"],
        "ann1",
    )
    with pytest.raises(ConflictError):
        await client.tracking.refund(event_id="inv_1_refund", amount=10_000, email=LEAD)
    assert sorted(c["amount"] for c in fake.state.table("commissions")) == [-2000, 2000]

    cancelled = await client.tracking.cancellation(email=LEAD)
    assert (cancelled.kind, cancelled.reward, cancelled.lead.state) == (
        "cancellation",
        None,
        "cancelled",
    )
    assert cancelled.lead.cancelled_at is not None
    assert referral["state"] == "cancelled"
    assert (await client.referrals.retrieve(signup.referral.id)).state == "cancelled"


async def test_signup_by_visitor_tid_then_sale_by_uid(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    visitor = new_visitor(fake.state, _promoter(fake))
    created_at = dt.datetime(2025, 4, 25, 9, 29, 51, tzinfo=dt.timezone.utc)
    assert await client.tracking.signup(uid="cus_9", tid=visitor["tid"], created_at=created_at)
    sent = fake.requests("POST", "/track/signup")[0].json
    assert sent["created_at"] == "2025-04-25T09:29:51+00:00"
    referral = fake.state.table("referrals").find(uid="cus_9")
    assert referral["entry_source"] == "cookie"  # type: ignore[index]
    sale = await client.tracking.sale(event_id="ch_1", amount=999, uid="cus_9")
    assert sale.referral.uid == "cus_9"


async def test_sale_with_ref_id_creates_the_lead(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _promoter(fake)
    sale = await client.tracking.sale(
        event_id="e1", amount=500, email="new@example.com", ref_id="ann1"
    )
    assert sale.commissions[0].amount == 100
    assert fake.state.table("referrals").find(email="new@example.com") is not None


async def test_unknown_visitor_and_customer(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _promoter(fake)
    with pytest.raises(NotFoundError):
        await client.tracking.signup(email="x@example.com", tid="tid_unknown")
    with pytest.raises(NotFoundError) as info:
        await client.tracking.sale(event_id="e", amount=100, email="stranger@example.com")
    assert info.value.code == "not_found"
    assert len(fake.state.table("commissions")) == 0


async def test_refund_without_body_returns_none(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    assert await client.tracking.refund(event_id="r1", amount=100, email="x@example.com") is None
    assert fake.requests("POST", "/track/refund")[0].status == 204


@pytest.mark.parametrize(
    ("event", "setup", "status", "tries", "call"),
    [  # sale and refund are keyed by event_id: retried; signup and cancellation are not
        (
            "sale",
            _with_lead,
            503,
            2,
            lambda fp: fp.tracking.sale(event_id="i2", amount=1, email=LEAD),
        ),
        (
            "refund",
            _with_customer,
            502,
            2,
            lambda fp: fp.tracking.refund(event_id="r2", amount=1, email=LEAD),
        ),
        (
            "signup",
            _with_customer,
            503,
            1,
            lambda fp: fp.tracking.signup(email="o@x.com", ref_id="ann1"),
        ),
        ("cancellation", _with_customer, 503, 1, lambda fp: fp.tracking.cancellation(email=LEAD)),
    ],
)
async def test_only_sale_and_refund_are_retried(
    client: AsyncFirstPromoter,
    fake: FakeFirstPromoter,
    event: str,
    setup: Any,
    status: int,
    tries: int,
    call: Any,
) -> None:
    setup(fake)
    fake.inject(f"/track/{event}", status=status)
    if tries == 1:
        with pytest.raises(InternalServerError):
            await call(client)
    else:
        assert await call(client) is not None
        assert len(fake.state.table("commissions")) == 1  # the retry made no second one
    assert len(fake.requests("POST", f"/track/{event}")) == tries
