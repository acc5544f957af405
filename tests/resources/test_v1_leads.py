"""v1 leads: every operation on the wire, and the leads stored as v2 referrals."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from typing import Any

import pytest

from firstpromoter_async import AsyncFirstPromoter, InvalidRequestError, NotFoundError
from firstpromoter_async.models.v1_lead import V1Lead
from firstpromoter_async.models.v1_promoter import V1Message
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_async.testing.domain.v1_leads import new_lead
from firstpromoter_async.testing.domain.v1_promoters import new_v1_promoter

from ..operations import Operation


def _ann(fake: FakeFirstPromoter) -> None:
    new_v1_promoter(fake.state, email="ann@example.com", ref_id="ann", first_name="Ann")


def _ann_and_lead(fake: FakeFirstPromoter) -> None:
    _ann(fake)
    new_lead(fake.state, email="lead@example.com", uid="cus_lead", promoter_id=1)


OPERATIONS = [
    Operation(
        "v1.leads.create",
        lambda fp: fp.v1.leads.create(
            email="lead@example.com",
            ref_id="ann",
            uid="cus_lead",
            state="active",
            customer_since=dt.date(2025, 1, 2),
            plan_name="starter",
        ),
        "POST",
        "/leads/create",
        V1Lead,
        setup=_ann,
        api="v1",
        form={
            "email": "lead@example.com",
            "ref_id": "ann",
            "uid": "cus_lead",
            "state": "active",
            "customer_since": "2025-01-02",
            "plan_name": "starter",
        },
    ),
    Operation(
        "v1.leads.update",
        lambda fp: fp.v1.leads.update(
            email="lead@example.com", new_uid="cus_new", plan_name="pro", state="subscribed"
        ),
        "PUT",
        "/leads/update",
        V1Lead,
        setup=_ann_and_lead,
        api="v1",
        form={
            "email": "lead@example.com",
            "new_uid": "cus_new",
            "plan_name": "pro",
            "state": "subscribed",
        },
    ),
    Operation(
        "v1.leads.retrieve",
        lambda fp: fp.v1.leads.retrieve(uid="cus_lead"),
        "GET",
        "/leads/show",
        V1Lead,
        setup=_ann_and_lead,
        api="v1",
        query={"uid": ["cus_lead"]},
    ),
    Operation(
        "v1.leads.delete",
        lambda fp: fp.v1.leads.delete(id=1),
        "DELETE",
        "/leads/delete",
        V1Message,
        setup=_ann_and_lead,
        api="v1",
        form={"id": "1"},
    ),
]


async def test_create_retrieve_update_delete(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _ann(fake)
    promoter = await client.v1.promoters.retrieve(ref_id="ann")
    created = await client.v1.leads.create(
        email="lead@example.com",
        promotion_id=promoter.default_promotion_id,
        uid="cus_lead",
        customer_since=dt.date(2025, 1, 2),
    )
    assert created.state == "signup"
    assert created.customer_since == dt.datetime(2025, 1, 2, tzinfo=dt.timezone.utc)
    assert created.promotion is not None
    assert created.promotion.ref_id == "ann"
    assert created.promoter is not None
    assert created.promoter.id == promoter.id

    # the lead is a referral of the shared state, with the keys v2 renders from
    record = fake.state.table("referrals").get(created.id)
    assert record is not None
    assert {"id", "email", "uid", "state", "promoter_id", "campaign_id", "created_at"} <= set(
        record
    )
    assert record["promoter_id"] == promoter.id

    found = await client.v1.leads.retrieve(email="lead@example.com")
    assert found.id == created.id
    assert found.uid == "cus_lead"

    other = new_v1_promoter(fake.state, email="bob@example.com", ref_id="bob")
    moved = await client.v1.leads.update(
        uid="cus_lead", new_ref_id="bob", new_email="lead2@example.com", state="active"
    )
    assert moved.promoter is not None
    assert moved.promoter.id == other["id"]
    assert moved.email == "lead2@example.com"
    assert moved.state == "active"
    assert moved.customer_since is not None

    removed = await client.v1.leads.delete(email="lead2@example.com")
    assert removed.message == "Lead removed."
    with pytest.raises(NotFoundError) as info:
        await client.v1.leads.retrieve(id=created.id)
    assert info.value.message == "Lead not found."


async def test_v1_lead_is_a_v2_referral(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _ann(fake)
    lead = await client.v1.leads.create(email="lead@example.com", ref_id="ann", uid="cus_lead")
    referral = await client.referrals.retrieve(lead.id)
    assert referral.email == "lead@example.com"
    assert referral.uid == "cus_lead"
    assert referral.state == "signup"
    assert referral.promoter_campaign is not None
    assert referral.promoter_campaign.promoter is not None
    assert referral.promoter_campaign.promoter.email == "ann@example.com"

    new_v1_promoter(fake.state, email="bob@example.com", ref_id="bob")
    await client.v1.leads.update(id=lead.id, new_ref_id="bob")
    moved = await client.referrals.retrieve(lead.id)
    assert moved.promoter_campaign is not None
    assert moved.promoter_campaign.promoter is not None
    assert moved.promoter_campaign.promoter.email == "bob@example.com"


async def test_sync_client_round_trip(call, fake: FakeFirstPromoter) -> None:  # type: ignore[no-untyped-def]
    _ann(fake)
    created = await call(lambda fp: fp.v1.leads.create(email="lead@example.com", ref_id="ann"))
    found = await call(lambda fp: fp.v1.leads.retrieve(id=created.id))
    assert isinstance(found, V1Lead)
    assert found.email == "lead@example.com"


async def _invoke(call: Callable[[Any], Any], client: AsyncFirstPromoter) -> None:
    result = call(client)
    if inspect.isawaitable(result):
        await result


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda fp: fp.v1.leads.create(email="", ref_id="ann"), "email"),
        (lambda fp: fp.v1.leads.create(email="nope", ref_id="ann"), "email"),
        (lambda fp: fp.v1.leads.create(email="x@example.com"), "promotion_id"),
        (
            lambda fp: fp.v1.leads.create(email="x@example.com", promotion_id=1, ref_id="ann"),
            "ref_id",
        ),
        (lambda fp: fp.v1.leads.create(email="x@example.com", promotion_id=0), "promotion_id"),
        (lambda fp: fp.v1.leads.create(email="x@example.com", ref_id="Ann!"), "ref_id"),
        (lambda fp: fp.v1.leads.create(email="x@example.com", ref_id="a", state="lost"), "state"),
        (lambda fp: fp.v1.leads.update(new_uid="u2"), "id"),
        (lambda fp: fp.v1.leads.update(id=1, email="x@example.com"), "email"),
        (lambda fp: fp.v1.leads.update(uid="u", new_ref_id="BAD"), "new_ref_id"),
        (lambda fp: fp.v1.leads.update(uid="u", state="gone"), "state"),
        (lambda fp: fp.v1.leads.retrieve(), "id"),
        (lambda fp: fp.v1.leads.retrieve(id=-1), "id"),
        (lambda fp: fp.v1.leads.retrieve(uid="u", email="x@example.com"), "email"),
        (lambda fp: fp.v1.leads.delete(uid=""), "uid"),
        (lambda fp: fp.v1.leads.delete(), "id"),
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
