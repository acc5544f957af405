"""v1 leads: every operation on the wire, and the leads stored as v2 referrals."""

from __future__ import annotations

import datetime as dt

import pytest

from firstpromoter_async import AsyncFirstPromoter, NotFoundError
from firstpromoter_async.models.v1_lead import V1Lead
from firstpromoter_async.models.v1_promoter import V1Message
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_async.testing.domain.v1_promoters import new_v1_promoter

from ..operations import bad, row
from ._v1 import ann, ann_and_lead

OPERATIONS = [
    row(
        "v1.leads.create",
        "POST",
        V1Lead,
        ann,
        email="lead@example.com",
        ref_id="ann",
        uid="cus_lead",
        state="active",
        customer_since=dt.date(2025, 1, 2),
        plan_name="starter",
    ),
    row(
        "v1.leads.update",
        "PUT",
        V1Lead,
        ann_and_lead,
        email="lead@example.com",
        new_uid="cus_new",
        plan_name="pro",
        state="subscribed",
    ),
    row("v1.leads.retrieve", "GET /leads/show", V1Lead, ann_and_lead, uid="cus_lead"),
    row("v1.leads.delete", "DELETE", V1Message, ann_and_lead, id=1),
    row("v1.leads.list", "GET", V1Lead, ann_and_lead, ref_id="ann", campaign_id=1),
]

INVALID = [
    bad("v1.leads.create", "email", email="", ref_id="ann"),
    bad("v1.leads.create", "email", email="nope", ref_id="ann"),
    bad("v1.leads.create", "promotion_id", email="x@example.com"),
    bad("v1.leads.create", "ref_id", email="x@x.io", promotion_id=1, ref_id="a"),
    bad("v1.leads.create", "promotion_id", email="x@example.com", promotion_id=0),
    bad("v1.leads.create", "ref_id", email="x@example.com", ref_id="Ann!"),
    bad("v1.leads.create", "state", email="x@x.io", ref_id="a", state="lost"),
    bad("v1.leads.update", "id", new_uid="u2"),
    bad("v1.leads.update", "email", id=1, email="x@example.com"),
    bad("v1.leads.update", "new_ref_id", uid="u", new_ref_id="BAD"),
    bad("v1.leads.update", "state", uid="u", state="gone"),
    bad("v1.leads.update", "fields", uid="u"),
    bad("v1.leads.retrieve", "id"),
    bad("v1.leads.retrieve", "id", id=-1),
    bad("v1.leads.retrieve", "email", uid="u", email="x@example.com"),
    bad("v1.leads.delete", "uid", uid=""),
    bad("v1.leads.delete", "id"),
    bad("v1.leads.list", "ref_id", ref_id="Bad!"),
    bad("v1.leads.list", "per_page", per_page=500),
]


async def test_create_retrieve_update_delete(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    ann(fake)
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
    keys = {"id", "email", "uid", "state", "promoter_id", "campaign_id", "created_at"}
    assert keys <= set(record)
    assert record["promoter_id"] == promoter.id

    found = await client.v1.leads.retrieve(email="lead@example.com")
    assert (found.id, found.uid) == (created.id, "cus_lead")

    other = new_v1_promoter(fake.state, email="bob@example.com", ref_id="bob")
    moved = await client.v1.leads.update(
        uid="cus_lead", new_ref_id="bob", new_email="lead2@example.com", state="active"
    )
    assert moved.promoter is not None
    assert moved.promoter.id == other["id"]
    assert (moved.email, moved.state) == ("lead2@example.com", "active")
    assert moved.customer_since is not None

    [listed] = [lead async for lead in client.v1.leads.list(promoter_id=other["id"])]
    assert (listed.id, listed.email) == (created.id, "lead2@example.com")
    assert [lead async for lead in client.v1.leads.list(ref_id="ann")] == []
    removed = await client.v1.leads.delete(email="lead2@example.com")
    assert removed.message == "Lead removed."
    with pytest.raises(NotFoundError) as info:
        await client.v1.leads.retrieve(id=created.id)
    assert info.value.message == "Lead not found."


async def test_v1_lead_is_a_v2_referral(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    ann(fake)
    lead = await client.v1.leads.create(email="lead@example.com", ref_id="ann", uid="cus_lead")
    referral = await client.referrals.retrieve(lead.id)
    assert (referral.email, referral.uid, referral.state) == (
        "lead@example.com",
        "cus_lead",
        "signup",
    )
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
    ann(fake)
    created = await call(lambda fp: fp.v1.leads.create(email="lead@example.com", ref_id="ann"))
    found = await call(lambda fp: fp.v1.leads.retrieve(id=created.id))
    assert isinstance(found, V1Lead)
    assert found.email == "lead@example.com"
