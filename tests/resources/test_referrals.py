"""Referrals: every operation on the wire, scenarios and validation against the fake server."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec
import pytest

from firstpromoter_async import (
    AsyncFirstPromoter,
    BatchProcess,
    BatchProcessError,
    BatchProgress,
    NotFoundError,
    UnprocessableEntityError,
)
from firstpromoter_async.models.referral import DateRange, Referral, ReferralFilters
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_async.testing.domain.commissions import new_commission
from firstpromoter_async.testing.domain.referrals import seed_referrals

from ..operations import bad, bad_from, example, row


def _seed(count: int = 4, state: str | None = None) -> Any:
    """Two promoters (enrollments 1 and 2) and ``count`` referrals, alternating between them."""

    def setup(fake: FakeFirstPromoter) -> None:
        fake.seed_promoters(2)
        for referral in seed_referrals(fake.state, count):
            referral["state"] = state or referral["state"]

    return setup


def _status(fake: FakeFirstPromoter) -> dict[str, Any]:
    """A custom referral status, as the admin API lists it."""
    stamp = "2025-01-01T00:00:00.000Z"
    fields = {"description": None, "order": 1, "company_id": 1, "created_at": stamp}
    return fake.state.table("custom_referral_statuses").insert(
        {"name": "Qualified", **fields, "updated_at": stamp}
    )


R, B = "/company/referrals", BatchProcess
ONE, UID = _seed(1), "cus_lead0001"
SPLIT = [{"promoter_campaign_id": 2, "percentage": 25}]
DATES = {"from": "2020-01-01", "to": "2099-12-31"}
OPERATIONS = [
    row(
        "referrals.list",
        f"GET {R}?q=lead&filters[type]=lead&filters[state]=signup&filters[created_at][from]="
        "2020-01-01&filters[created_at][to]=2099-12-31&sorting[created_at]=desc&page=1&per_page=50",
        Referral,
        _seed(),
        q="lead",
        filters={"type": "lead", "state": "signup", "created_at": DATES},
        sorting={"created_at": "desc"},
        per_page=50,
    ),
    row(
        "referrals.create",
        f"POST {R}",
        Referral,
        _seed(0),
        promoter_campaign_id=1,
        email="new@example.org",
        uid="cus_new",
        split_details=SPLIT,
    ),
    row("referrals.retrieve", f"GET {R}/1", Referral, ONE, 1),
    row("referrals.retrieve[uid]", f"GET {R}/{UID}?find_by=uid", Referral, ONE, UID, find_by="uid"),
    row(
        "referrals.update",
        f"PUT {R}/1",
        Referral,
        ONE,
        1,
        email="renamed@example.org",
        fraud_check="no_suspicion",
        split_details=[],
    ),
    row(
        "referrals.update[custom_status_id=None]",
        f"PUT {R}/1",
        Referral,
        ONE,
        1,
        custom_status_id=None,
    ),
    row(
        "referrals.update[custom_status_id]",
        f"PUT {R}/{UID}",
        Referral,
        lambda fake: (ONE(fake), _status(fake)),
        UID,
        find_by="uid",
        custom_status_id=1,
    ),
    row("referrals.delete", f"DELETE {R}", B, _seed(2), ids=[1, 2]),
    row("referrals.approve", f"POST {R}/approve", B, _seed(2, "pending"), ids=[1, 2]),
    row("referrals.disable", f"POST {R}/disable", B, _seed(7), ids=[*range(1, 8)]),
    row("referrals.enable", f"POST {R}/enable", B, _seed(1, "denied"), ids=[1]),
    row(
        "referrals.move_to_promoter",
        f"POST {R}/move_to_promoter",
        B,
        _seed(3),
        ids=[1, 3],
        promoter_campaign_id=2,
        move_associated_commissions=True,
    ),
    row("referrals.import_events", f"POST {R}/1/import_events", B, ONE, 1),
]

_OVER = [
    {"promoter_campaign_id": 2, "percentage": 60},
    {"promoter_campaign_id": 3, "percentage": 50},
]
_list = bad_from("referrals.list")
INVALID = [
    _list("filters.type", filters={"type": "visitor"}),
    _list("filters.state", filters={"state": "lost"}),
    _list("filters.entry_source", filters={"entry_source": ["api", "email"]}),
    _list("filters.fraud_check", filters=ReferralFilters(fraud_check=["x"])),
    _list("filters.created_at", filters={"created_at": "2024-01-01"}),
    _list("filters.customer_since", filters={"customer_since": {"since": "2024-01-01"}}),
    _list("filters.cancelled_at", filters={"cancelled_at": {}}),
    _list("filters", filters=["type", "lead"]),
    _list("sorting", sorting={"created_at": "up"}),
    _list("ids", ids=[0]),
    _list("per_page", per_page=0),
    bad("referrals.create", "promoter_campaign_id", promoter_campaign_id=0, email="a@b.c"),
    bad("referrals.create", "email", promoter_campaign_id=1),
    bad("referrals.create", "email", promoter_campaign_id=1, email="nope"),
    *[
        bad("referrals.create", "split_details", promoter_campaign_id=1, uid="u", split_details=s)
        for s in ([{"percentage": 10}], [{"promoter_campaign_id": 2, "percentage": 101}], _OVER, {})
    ],
    bad("referrals.retrieve", "id", -1),
    bad("referrals.retrieve", "id", "a@b.c"),
    bad("referrals.retrieve", "id", 7, find_by="email"),
    bad("referrals.retrieve", "find_by", "x", find_by="name"),
    bad("referrals.update", "fraud_check", 1, fraud_check="maybe"),
    bad("referrals.update", "promoter_campaign_id", 1, promoter_campaign_id=True),
    bad("referrals.update", "email", 1, email="nope"),
    bad("referrals.update", "custom_status_id", 1, custom_status_id=0),
    bad("referrals.update", "custom_status_id", 1, custom_status_id="3"),
    bad("referrals.delete", "ids", ids=[]),
    bad("referrals.approve", "ids", ids="1,2"),
    bad("referrals.disable", "ids", ids=[1, None]),
    bad("referrals.enable", "ids", ids=[1.5]),
    bad("referrals.move_to_promoter", "promoter_campaign_id", ids=[1], promoter_campaign_id=None),
    bad("referrals.move_to_promoter", "ids", ids=[], promoter_campaign_id=2),
    bad("referrals.import_events", "id", 0),
    bad("referrals.import_events", "find_by", "x", find_by="phone"),
]


async def test_create_list_update_retrieve_move_and_observe(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    ann, ben = fake.seed_promoters(2)
    created = await client.referrals.create(
        promoter_campaign_id=1, email="lead@example.org", uid="cus_1"
    )
    assert created.state == "signup"
    assert created.entry_source == "api"
    assert isinstance(created.created_at, dt.datetime)
    assert created.promoter_campaign is not None
    assert created.promoter_campaign.promoter is not None
    assert created.promoter_campaign.promoter.email == ann["email"]

    listed = [r.id async for r in client.referrals.list(q="lead@", filters={"type": "lead"})]
    assert listed == [created.id]
    assert [r async for r in client.referrals.list(filters={"type": "customer"})] == []

    updated = await client.referrals.update(
        created.id, username="lead1", split_details=[{"promoter_campaign_id": 2, "percentage": 30}]
    )
    assert updated.username == "lead1"
    assert updated.split_details is not None
    split = updated.split_details[0]
    assert (split.promoter_id, split.percentage) == (ben["id"], 30)

    by_uid = await client.referrals.retrieve("cus_1", find_by="uid")
    assert by_uid.id == created.id

    result = await client.referrals.move_to_promoter(ids=[created.id], promoter_campaign_id=2)
    assert result.status == "completed"
    moved = await client.referrals.retrieve(created.id)
    assert moved.promoter_campaign is not None
    assert moved.promoter_campaign.id == 2
    assert moved.promoter_campaign.promoter is not None
    assert moved.promoter_campaign.promoter.id == ben["id"]
    assert (ann["stats"]["referrals_count"], ben["stats"]["referrals_count"]) == (0, 1)
    of_ben = [r.id async for r in client.referrals.list(filters={"promoter_id": ben["id"]})]
    assert of_ben == [created.id]

    await client.referrals.disable(ids=[created.id])
    assert (await client.referrals.retrieve(created.id)).state == "denied"
    await client.referrals.enable(ids=[created.id])
    assert (await client.referrals.retrieve(created.id)).state == "signup"

    await client.referrals.delete(ids=[created.id])
    with pytest.raises(NotFoundError):
        await client.referrals.retrieve(created.id)


async def test_move_with_commissions_moves_them_too(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    ann, ben = fake.seed_promoters(2)
    (referral,) = seed_referrals(fake.state, 1)
    new_commission(fake.state, promoter=ann, amount=500, referral=referral)
    await client.referrals.move_to_promoter(
        ids=[referral["id"]], promoter_campaign_id=2, move_associated_commissions=True
    )
    (commission,) = [c async for c in client.commissions.list()]
    assert commission.promoter_campaign is not None
    assert commission.promoter_campaign.promoter_id == ben["id"]


async def test_batches_awaited_pending_partial_and_failed(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _seed(8, state="pending")(fake)
    updates: list[BatchProgress] = []
    result = await client.referrals.approve(ids=range(1, 9), on_progress=updates.append)
    assert (result.status, result.total, result.action_label) == (
        "completed",
        8,
        "referral/approve",
    )
    assert len(fake.requests("GET", "/company/batch_processes/progress")) == fake.state.batch_steps
    assert updates[-1].progress == 100
    approved = [r.id async for r in client.referrals.list(filters={"state": "signup"})]
    assert approved == list(range(1, 9))

    process = await client.referrals.delete(ids=range(1, 7), wait=False)
    assert process.status == "pending"
    assert len(fake.state.table("referrals")) == 8  # nothing done until the job runs

    fake.state.table("referrals").rows[8]["state"] = "pending"
    partial = await client.referrals.approve(ids=[7, 8])
    assert (partial.status, partial.failed_count) == ("completed", 1)
    assert partial.processing_errors == ["Referral 7 is not awaiting approval"]

    with pytest.raises(BatchProcessError) as info:
        await client.referrals.enable(ids=[7])
    assert info.value.batch_process.status == "failed"


async def test_import_events_runs_in_the_background(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _seed(2)(fake)
    pending = await client.referrals.import_events(1, wait=False)
    assert pending.status == "pending"
    assert fake.requests("POST", "/company/referrals/1/import_events")[0].status == 202
    done = await client.referrals.import_events("lead1@example.org", find_by="email")
    assert (done.status, done.action_label) == ("completed", "referral/import_events")
    request = fake.requests("POST", "/company/referrals/lead1@example.org/import_events")[0]
    assert request.query_dict() == {"find_by": ["email"]}
    referral = await client.referrals.retrieve(1)
    assert referral.metadata is not None
    assert "events_imported_at" in referral.metadata

    fake.state.table("referrals").rows[2]["uid"] = None
    with pytest.raises(UnprocessableEntityError) as info:
        await client.referrals.import_events(2)
    assert info.value.code == "operation_failed"
    assert "uid" not in (await client.referrals.retrieve(2)).to_dict()  # None is left out


async def test_filters_struct_and_date_ranges(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _seed(3)(fake)
    customer = fake.state.table("referrals").rows[3]
    customer.update(state="active", customer_since="2024-05-02T10:00:00.000Z")
    filters = ReferralFilters(
        type="customer",
        customer_since=DateRange(from_=dt.date(2024, 5, 1), to="2024-05-31"),
        entry_source=["api"],
        campaign_id=[1, 2],
    )
    assert msgspec.to_builtins(filters) == {
        "type": "customer",
        "campaign_id": [1, 2],
        "customer_since": {"from": "2024-05-01", "to": "2024-05-31"},
        "entry_source": ["api"],
    }
    found = [r async for r in client.referrals.list(filters=filters)]
    assert [r.id for r in found] == [3]
    assert found[0].customer_since == dt.datetime(2024, 5, 2, 10, tzinfo=dt.timezone.utc)
    query = fake.requests("GET", "/company/referrals")[0].query_dict()
    assert query["filters[customer_since][from]"] == ["2024-05-01"]
    assert query["filters[customer_since][to]"] == ["2024-05-31"]
    assert query["filters[entry_source][]"] == ["api"]
    outside = ReferralFilters(customer_since=DateRange(to="2024-04-30"))
    assert [r async for r in client.referrals.list(filters=outside)] == []


async def test_server_side_errors_and_answers(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _seed(1)(fake)
    with pytest.raises(UnprocessableEntityError) as unknown:
        await client.referrals.create(promoter_campaign_id=99, email="x@example.org")
    assert unknown.value.message == "Promoter campaign not found"
    with pytest.raises(UnprocessableEntityError) as taken:
        await client.referrals.create(promoter_campaign_id=1, email="lead1@example.org")
    assert taken.value.code == "taken"
    with pytest.raises(NotFoundError):
        await client.referrals.update(42, uid="u")
    with pytest.raises(UnprocessableEntityError):
        await client.referrals.move_to_promoter(ids=[1], promoter_campaign_id=99)

    done = example("referrals", "a finished referral batch action")
    fake.inject("/company/referrals", method="DELETE", status=200, body=done)
    process = await client.referrals.delete(ids=[1, 2])
    assert process.succeeded
    assert process.action_label == "referral/delete"


async def test_custom_status_is_assigned_kept_and_cleared(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _seed(1)(fake)
    status = _status(fake)
    assigned = await client.referrals.update(1, custom_status_id=status["id"])
    assert assigned.custom_status is not None
    assert (assigned.custom_status.id, assigned.custom_status.name) == (status["id"], "Qualified")
    assert assigned.custom_status.created_at == dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    kept = await client.referrals.update(1, username="lead1")  # custom_status_id not sent
    assert kept.custom_status is not None
    assert kept.custom_status.order == 1
    cleared = await client.referrals.update(1, custom_status_id=None)
    assert cleared.custom_status is None
    assert (await client.referrals.retrieve(1)).custom_status is None
    sent = [r.json for r in fake.requests("PUT", "/company/referrals/1")]
    assert sent == [{"custom_status_id": 1}, {"username": "lead1"}, {"custom_status_id": None}]
    with pytest.raises(UnprocessableEntityError):
        await client.referrals.update(1, custom_status_id=99)
