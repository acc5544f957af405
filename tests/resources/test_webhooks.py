"""Webhooks and their deliveries: every operation on the wire, scenarios, and parse_event."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from firstpromoter_async import (
    APIResponseValidationError,
    AsyncFirstPromoter,
    BadRequestError,
    NotFoundError,
    UnprocessableEntityError,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
    WebhookTestResult,
)
from firstpromoter_async.testing import FakeFirstPromoter, FakeState
from firstpromoter_async.testing.domain.webhooks import (
    EVENT_TYPES,
    new_webhook,
    new_webhook_delivery,
)
from firstpromoter_async.webhooks import parse_event

from ..operations import bad, bad_from, row

URL = "https://hooks.example.com/fp"


def _seed(deliveries: int = 0) -> Any:
    def setup(fake: FakeFirstPromoter) -> None:
        webhook = new_webhook(fake.state, url=URL, event_types=["referral.created"])
        for _ in range(deliveries):
            new_webhook_delivery(fake.state, webhook=webhook)

    return setup


HOOK = {
    "url": URL,
    "event_types": ["referral.created", "commission.created"],
    "timeout": 10,
    "max_retries": 5,
    "description": "CRM sync",
    "campaign_ids": [1],
    "headers": {"Authorization": "Bearer t"},
    "basic_auth_user": "fp",
    "basic_auth_password": "secret",
}
TEST = {"url": URL, "event_type": "promoter.created", "headers": {"X-Api-Key": "k"}}
SUB, DELIVERY = WebhookSubscription, WebhookDelivery

H, D, ONE = "/company/webhooks", "/company/webhooks/1/webhook_deliveries", _seed(1)
OPERATIONS = [
    row("webhooks.create", f"POST {H}", SUB, None, **HOOK),
    row("webhooks.test", f"POST {H}/test", WebhookTestResult, None, **TEST),
    row(
        "webhooks.update",
        f"PUT {H}/1",
        SUB,
        _seed(),
        1,
        active=False,
        event_types=["payout.created"],
    ),
    row("webhooks.list", f"GET {H}?page=1&per_page=10", SUB, _seed(), per_page=10),
    row(
        "webhooks.deliveries.list", f"GET {D}?page=1&per_page=5", DELIVERY, _seed(2), 1, per_page=5
    ),
    row("webhooks.event_types", f"GET {H}/event_types", str, ONE),
    row("webhooks.retrieve", f"GET {H}/1", SUB, ONE, 1),
    row("webhooks.delete", f"DELETE {H}/1", None, ONE, 1),
    row("webhooks.deliveries.retrieve", f"GET {D}/1", DELIVERY, ONE, 1, 1),
    row("webhooks.deliveries.retry", f"POST {D}/1/retry_delivery", DELIVERY, ONE, 1, 1),
]


async def test_subscribe_test_retry_and_delete(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    created = await client.webhooks.create(url=URL, event_types=["referral.created"], max_retries=1)
    assert created.secret_key is not None
    assert created.secret_key.startswith("whsec_")
    assert created.active is True
    assert created.campaign_ids == [1]
    assert created.basic_auth_enabled is False

    listed = [w async for w in client.webhooks.list()]
    assert [w.id for w in listed] == [created.id]
    assert listed[0].secret_key is None  # only shown once

    result = await client.webhooks.test(url=URL, event_type="referral.created")
    assert result.response_code == 200
    deliveries = [d async for d in client.webhooks.deliveries.list(created.id)]
    assert len(deliveries) == 1
    assert deliveries[0].event_type == "referral.created"
    assert deliveries[0].status == "delivered"

    failed = new_webhook_delivery(
        fake.state, webhook=fake.state.table("webhooks").get(created.id), status="failed"
    )
    before = await client.webhooks.deliveries.retrieve(created.id, failed["id"])
    assert before.status == "failed"
    assert before.attempts == 1
    assert before.payload is not None
    assert before.payload["event_type"] == "referral.created"

    retried = await client.webhooks.deliveries.retry(created.id, failed["id"])
    assert retried.status == "pending"
    assert retried.attempts == 0
    again = await client.webhooks.deliveries.retrieve(created.id, failed["id"])
    assert again.status == "pending"
    newest_first = [d.id async for d in client.webhooks.deliveries.list(created.id)]
    assert newest_first == [failed["id"], deliveries[0].id]

    with pytest.raises(UnprocessableEntityError):  # max_retries=1 used up
        await client.webhooks.deliveries.retry(created.id, failed["id"])

    updated = await client.webhooks.update(
        created.id, active=False, basic_auth_user="u", basic_auth_password="p"
    )
    assert updated.active is False
    assert updated.basic_auth_enabled is True
    assert (await client.webhooks.retrieve(created.id)).active is False

    assert await client.webhooks.delete(created.id) is None
    with pytest.raises(NotFoundError):
        await client.webhooks.retrieve(created.id)
    with pytest.raises(NotFoundError):
        await client.webhooks.deliveries.list(created.id).to_list()


async def test_event_types_are_the_servers_list(client: AsyncFirstPromoter) -> None:
    types = await client.webhooks.event_types()
    assert types == EVENT_TYPES
    assert "referral.created" in types


async def test_event_types_accepts_a_bare_array(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.inject(
        "/company/webhooks/event_types", status=200, body=b'["promoter.created", "payout.created"]'
    )
    assert await client.webhooks.event_types() == ["promoter.created", "payout.created"]


async def test_deliveries_is_one_cached_resource(client: AsyncFirstPromoter) -> None:
    assert client.webhooks.deliveries is client.webhooks.deliveries


async def test_server_rejects_private_test_url(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    with pytest.raises(BadRequestError):
        await client.webhooks.test(url="http://localhost:8080/x", event_type="promoter.created")


_create = bad_from("webhooks.create", url=URL, event_types=["a.b"])


INVALID = [
    _create("url", url=""),
    _create("url", url="ftp://x.example.com"),
    _create("url", url="hooks.example.com"),
    _create("event_types", event_types=[]),
    _create("event_types", event_types="referral.created"),
    _create("event_types", event_types=["ok.x", ""]),
    _create("timeout", timeout=0),
    _create("timeout", timeout=121),
    _create("max_retries", max_retries=11),
    _create("max_retries", max_retries=True),
    _create("active", active="yes"),
    _create("campaign_ids", campaign_ids=[0]),
    _create("headers", headers={"X": 1}),
    _create("headers", headers={1: "x"}),
    _create("basic_auth_password", basic_auth_user="u"),
    bad("webhooks.update", "basic_auth_user", 1, basic_auth_password="p"),
    bad("webhooks.update", "id", 0, active=True),
    bad("webhooks.update", "url", 1, url="nope"),
    bad("webhooks.retrieve", "id", "1"),
    bad("webhooks.delete", "id", 0),
    bad("webhooks.test", "event_type", url=URL, event_type=""),
    bad("webhooks.test", "url", url="x", event_type="a.b"),
    bad("webhooks.list", "per_page", per_page=500),
    bad("webhooks.deliveries.list", "webhook_id", 0),
    bad("webhooks.deliveries.retrieve", "id", 1, 0),
    bad("webhooks.deliveries.retrieve", "webhook_id", None, 1),
    bad("webhooks.deliveries.retry", "id", 1, "2"),
]


# -- parse_event ---------------------------------------------------------------------------

UPDATED_EVENT = {
    "event_id": "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
    "event_type": "referral.updated",
    "action": "updated",
    "entity_type": "referral",
    "entity_id": 20738339,
    "changes": {"state": ["lead", "customer"], "email": ["old@example.com", "new@example.com"]},
    "data": {"id": 20738339, "state": "customer", "email": "new@example.com"},
    "timestamp": "2025-04-25T09:39:42.289Z",
}


def test_parse_event_from_bytes() -> None:
    event = parse_event(json.dumps(UPDATED_EVENT).encode())
    assert isinstance(event, WebhookEvent)
    assert (event.event_id, event.event_type, event.action, event.entity_type) == (
        *("a1b2c3d4-e5f6-7890-abcd-ef1234567890", "referral.updated", "updated", "referral"),
    )
    assert event.entity_id == 20738339
    assert event.change("state") == ("lead", "customer")
    assert event.change("missing") is None
    assert event.data == {"id": 20738339, "state": "customer", "email": "new@example.com"}
    assert event.timestamp == dt.datetime(2025, 4, 25, 9, 39, 42, 289000, tzinfo=dt.timezone.utc)


def test_parse_event_from_text_with_extra_fields() -> None:
    created = {"event_type": "promoter.created", "changes": {}, "added_later": {"x": 1}}
    event = parse_event(json.dumps({**UPDATED_EVENT, **created, "data": {"email": "j@x.com"}}))
    assert event.event_type == "promoter.created"
    assert event.changes == {}
    assert event.data is not None
    assert event.data["email"] == "j@x.com"


def test_parse_event_matches_a_delivery_payload() -> None:
    delivery = new_webhook_delivery(FakeState(), webhook=None, event_type="commission.created")
    event = parse_event(json.dumps(delivery["payload"]))
    assert event.event_id == delivery["event_id"]
    assert event.entity_type == "commission"
    assert event.action == "created"


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"[1, 2]",
        b'{"event_type": "promoter.created"}',
        b'{"event_id": "x", "event_type": 5}',
        b'{"event_id": "x", "event_type": "a.b", "timestamp": "yesterday"}',
    ],
)
def test_parse_event_rejects_what_is_not_an_event(body: bytes) -> None:
    with pytest.raises(APIResponseValidationError) as info:
        parse_event(body)
    assert info.value.body == body


def test_parse_event_keeps_text_body_as_bytes() -> None:
    with pytest.raises(APIResponseValidationError) as info:
        parse_event("{oops")
    assert info.value.body == b"{oops"


def test_parse_event_rejects_parsed_json() -> None:
    with pytest.raises(TypeError):
        parse_event(UPDATED_EVENT)  # type: ignore[arg-type]
