"""Referrals: every operation on the wire, scenarios and validation against the fake server."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from firstpromoter_async import (
    AsyncFirstPromoter,
    BatchProcess,
    BatchProcessError,
    BatchProgress,
    InvalidRequestError,
    NotFoundError,
    UnprocessableEntityError,
)
from firstpromoter_async.models.referral import DateRange, Referral, ReferralFilters
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_async.testing.domain.commissions import new_commission
from firstpromoter_async.testing.domain.referrals import seed_referrals

from ..operations import Operation


def _seed(count: int = 4, state: str | None = None) -> Callable[[FakeFirstPromoter], Any]:
    """Two promoters (enrollments 1 and 2) and ``count`` referrals, alternating between them."""

    def setup(fake: FakeFirstPromoter) -> None:
        fake.seed_promoters(2)
        for referral in seed_referrals(fake.state, count):
            if state is not None:
                referral["state"] = state

    return setup


OPERATIONS = [
    Operation(
        "referrals.list",
        lambda fp: fp.referrals.list(
            q="lead",
            filters={
                "type": "lead",
                "state": "signup",
                "created_at": {"from": "2020-01-01", "to": "2099-12-31"},
            },
            sorting={"created_at": "desc"},
            per_page=50,
        ),
        "GET",
        "/company/referrals",
        Referral,
        setup=_seed(),
        query={
            "q": ["lead"],
            "filters[type]": ["lead"],
            "filters[state]": ["signup"],
            "filters[created_at][from]": ["2020-01-01"],
            "filters[created_at][to]": ["2099-12-31"],
            "sorting[created_at]": ["desc"],
            "page": ["1"],
            "per_page": ["50"],
        },
    ),
    Operation(
        "referrals.create",
        lambda fp: fp.referrals.create(
            promoter_campaign_id=1,
            email="new@example.org",
            uid="cus_new",
            split_details=[{"promoter_campaign_id": 2, "percentage": 25}],
        ),
        "POST",
        "/company/referrals",
        Referral,
        setup=_seed(0),
        json={
            "promoter_campaign_id": 1,
            "email": "new@example.org",
            "uid": "cus_new",
            "split_details": [{"promoter_campaign_id": 2, "percentage": 25}],
        },
    ),
    Operation(
        "referrals.retrieve",
        lambda fp: fp.referrals.retrieve(1),
        "GET",
        "/company/referrals/1",
        Referral,
        setup=_seed(1),
    ),
    Operation(
        "referrals.retrieve_by_uid",
        lambda fp: fp.referrals.retrieve("cus_lead0001", find_by="uid"),
        "GET",
        "/company/referrals/cus_lead0001",
        Referral,
        setup=_seed(1),
        query={"find_by": ["uid"]},
    ),
    Operation(
        "referrals.update",
        lambda fp: fp.referrals.update(
            1, email="renamed@example.org", fraud_check="no_suspicion", split_details=[]
        ),
        "PUT",
        "/company/referrals/1",
        Referral,
        setup=_seed(1),
        json={"email": "renamed@example.org", "fraud_check": "no_suspicion", "split_details": []},
    ),
    Operation(
        "referrals.delete",
        lambda fp: fp.referrals.delete(ids=[1, 2]),
        "DELETE",
        "/company/referrals",
        BatchProcess,
        setup=_seed(2),
        json={"ids": [1, 2]},
    ),
    Operation(
        "referrals.approve",
        lambda fp: fp.referrals.approve(ids=[1, 2]),
        "POST",
        "/company/referrals/approve",
        BatchProcess,
        setup=_seed(2, state="pending"),
        json={"ids": [1, 2]},
    ),
    Operation(
        "referrals.disable",
        lambda fp: fp.referrals.disable(ids=[1, 2, 3, 4, 5, 6, 7]),
        "POST",
        "/company/referrals/disable",
        BatchProcess,
        setup=_seed(7),
        json={"ids": [1, 2, 3, 4, 5, 6, 7]},
    ),
    Operation(
        "referrals.enable",
        lambda fp: fp.referrals.enable(ids=[1]),
        "POST",
        "/company/referrals/enable",
        BatchProcess,
        setup=_seed(1, state="denied"),
        json={"ids": [1]},
    ),
    Operation(
        "referrals.move_to_promoter",
        lambda fp: fp.referrals.move_to_promoter(
            ids=[1, 3], promoter_campaign_id=2, move_associated_commissions=True
        ),
        "POST",
        "/company/referrals/move_to_promoter",
        BatchProcess,
        setup=_seed(3),
        json={"ids": [1, 3], "promoter_campaign_id": 2, "move_associated_commissions": True},
    ),
    Operation(
        "referrals.import_events",
        lambda fp: fp.referrals.import_events(1),
        "POST",
        "/company/referrals/1/import_events",
        BatchProcess,
        setup=_seed(1),
    ),
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
    assert (updated.split_details[0].promoter_id, updated.split_details[0].percentage) == (
        ben["id"],
        30,
    )

    by_uid = await client.referrals.retrieve("cus_1", find_by="uid")
    assert by_uid.id == created.id

    result = await client.referrals.move_to_promoter(ids=[created.id], promoter_campaign_id=2)
    assert result.status == "completed"
    moved = await client.referrals.retrieve(created.id)
    assert moved.promoter_campaign is not None
    assert moved.promoter_campaign.id == 2
    assert moved.promoter_campaign.promoter is not None
    assert moved.promoter_campaign.promoter.id == ben["id"]
    assert ann["stats"]["referrals_count"] == 0
    assert ben["stats"]["referrals_count"] == 1
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


async def test_approve_many_runs_as_awaited_batch(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _seed(8, state="pending")(fake)
    updates: list[BatchProgress] = []
    result = await client.referrals.approve(ids=range(1, 9), on_progress=updates.append)
    assert result.status == "completed"
    assert result.total == 8
    assert result.action_label == "referral/approve"
    assert len(fake.requests("GET", "/company/batch_processes/progress")) == fake.state.batch_steps
    assert updates[-1].progress == 100
    approved = [r.id async for r in client.referrals.list(filters={"state": "signup"})]
    assert approved == list(range(1, 9))


async def test_wait_false_returns_the_pending_process(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _seed(6)(fake)
    process = await client.referrals.delete(ids=range(1, 7), wait=False)
    assert process.status == "pending"
    assert len(fake.state.table("referrals")) == 6  # nothing done until the job runs


async def test_partial_failure_is_reported(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _seed(2, state="pending")(fake)
    fake.state.table("referrals").rows[2]["state"] = "active"
    result = await client.referrals.approve(ids=[1, 2])
    assert result.status == "completed"
    assert result.failed_count == 1
    assert result.processing_errors == ["Referral 2 is not awaiting approval"]


async def test_batch_that_fails_entirely_raises(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _seed(1)(fake)
    with pytest.raises(BatchProcessError) as info:
        await client.referrals.enable(ids=[1])
    assert info.value.batch_process.status == "failed"


async def test_import_events_runs_in_the_background(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _seed(1)(fake)
    pending = await client.referrals.import_events(1, wait=False)
    assert pending.status == "pending"
    assert fake.requests("POST", "/company/referrals/1/import_events")[0].status == 202
    done = await client.referrals.import_events("lead1@example.org", find_by="email")
    assert done.status == "completed"
    assert done.action_label == "referral/import_events"
    request = fake.requests("POST", "/company/referrals/lead1@example.org/import_events")[0]
    assert request.query_dict() == {"find_by": ["email"]}
    referral = await client.referrals.retrieve(1)
    assert referral.metadata is not None
    assert "events_imported_at" in referral.metadata


async def test_import_events_without_uid_is_unprocessable(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    _seed(1)(fake)
    fake.state.table("referrals").rows[1]["uid"] = None
    with pytest.raises(UnprocessableEntityError) as info:
        await client.referrals.import_events(1)
    assert info.value.code == "operation_failed"


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
    )
    found = [r async for r in client.referrals.list(filters=filters)]
    assert [r.id for r in found] == [3]
    assert found[0].customer_since == dt.datetime(2024, 5, 2, 10, tzinfo=dt.timezone.utc)
    query = fake.requests("GET", "/company/referrals")[0].query_dict()
    assert query["filters[customer_since][from]"] == ["2024-05-01"]
    assert query["filters[customer_since][to]"] == ["2024-05-31"]
    assert query["filters[entry_source][]"] == ["api"]
    outside = ReferralFilters(customer_since=DateRange(to="2024-04-30"))
    assert [r async for r in client.referrals.list(filters=outside)] == []


async def test_server_side_errors(client: AsyncFirstPromoter, fake: FakeFirstPromoter) -> None:
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


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda fp: fp.referrals.list(filters={"type": "visitor"}), "filters.type"),
        (lambda fp: fp.referrals.list(filters={"state": "lost"}), "filters.state"),
        (
            lambda fp: fp.referrals.list(filters={"entry_source": ["api", "email"]}),
            "filters.entry_source",
        ),
        (
            lambda fp: fp.referrals.list(filters=ReferralFilters(fraud_check=["x"])),
            "filters.fraud_check",
        ),
        (lambda fp: fp.referrals.list(filters={"created_at": "2024-01-01"}), "filters.created_at"),
        (
            lambda fp: fp.referrals.list(filters={"customer_since": {"since": "2024-01-01"}}),
            "filters.customer_since",
        ),
        (lambda fp: fp.referrals.list(filters={"cancelled_at": {}}), "filters.cancelled_at"),
        (lambda fp: fp.referrals.list(filters=["type", "lead"]), "filters"),
        (lambda fp: fp.referrals.list(sorting={"created_at": "up"}), "sorting"),
        (lambda fp: fp.referrals.list(ids=[0]), "ids"),
        (lambda fp: fp.referrals.list(per_page=0), "per_page"),
        (
            lambda fp: fp.referrals.create(promoter_campaign_id=0, email="a@b.c"),
            "promoter_campaign_id",
        ),
        (lambda fp: fp.referrals.create(promoter_campaign_id=1), "email"),
        (lambda fp: fp.referrals.create(promoter_campaign_id=1, email="nope"), "email"),
        (
            lambda fp: fp.referrals.create(
                promoter_campaign_id=1, uid="u", split_details=[{"percentage": 10}]
            ),
            "split_details",
        ),
        (
            lambda fp: fp.referrals.create(
                promoter_campaign_id=1,
                uid="u",
                split_details=[{"promoter_campaign_id": 2, "percentage": 101}],
            ),
            "split_details",
        ),
        (
            lambda fp: fp.referrals.create(
                promoter_campaign_id=1,
                uid="u",
                split_details=[
                    {"promoter_campaign_id": 2, "percentage": 60},
                    {"promoter_campaign_id": 3, "percentage": 50},
                ],
            ),
            "split_details",
        ),
        (
            lambda fp: fp.referrals.create(promoter_campaign_id=1, uid="u", split_details={}),
            "split_details",
        ),
        (lambda fp: fp.referrals.retrieve(-1), "id"),
        (lambda fp: fp.referrals.retrieve("a@b.c"), "id"),
        (lambda fp: fp.referrals.retrieve(7, find_by="email"), "id"),
        (lambda fp: fp.referrals.retrieve("x", find_by="name"), "find_by"),
        (lambda fp: fp.referrals.update(1, fraud_check="maybe"), "fraud_check"),
        (lambda fp: fp.referrals.update(1, promoter_campaign_id=True), "promoter_campaign_id"),
        (lambda fp: fp.referrals.update(1, email="nope"), "email"),
        (lambda fp: fp.referrals.delete(ids=[]), "ids"),
        (lambda fp: fp.referrals.approve(ids="1,2"), "ids"),
        (lambda fp: fp.referrals.disable(ids=[1, None]), "ids"),
        (lambda fp: fp.referrals.enable(ids=[1.5]), "ids"),
        (
            lambda fp: fp.referrals.move_to_promoter(ids=[1], promoter_campaign_id=None),
            "promoter_campaign_id",
        ),
        (lambda fp: fp.referrals.move_to_promoter(ids=[], promoter_campaign_id=2), "ids"),
        (lambda fp: fp.referrals.import_events(0), "id"),
        (lambda fp: fp.referrals.import_events("x", find_by="phone"), "find_by"),
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
