"""The documented example payloads of emails and webhooks decode into typed models.

The payloads below are the examples of the v2 admin API description, written out as Python
literals; where two descriptions of the API disagree, both shapes are decoded.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from firstpromoter_async import APIResponseValidationError
from firstpromoter_async.models._base import decode
from firstpromoter_async.models.email import Email, EmailTemplate, EmailTriggerSettings
from firstpromoter_async.models.webhook import (
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
    WebhookTestResult,
)

UTC = dt.timezone.utc


def _decode(payload: Any, model: Any) -> Any:
    return decode(json.dumps(payload).encode(), model)


# -- webhooks ------------------------------------------------------------------------------

SUBSCRIPTION = {
    "id": 17,
    "url": "https://example.com/webhooks",
    "description": None,
    "event_types": ["referral.created", "commission.created"],
    "campaign_ids": [1],
    "active": True,
    "timeout": 30,
    "max_retries": 3,
    "headers": {"Authorization": "Bearer my-token"},
    "basic_auth_user": None,
    "basic_auth_enabled": False,
    "created_at": "2025-04-25T09:29:51.973Z",
    "updated_at": "2025-04-25T09:29:51.973Z",
}

DELIVERY = {
    "id": 99,
    "event_id": "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
    "event_type": "referral.updated",
    "action": "updated",
    "entity_type": "Referral",
    "entity_id": None,
    "status": "retrying",
    "attempts": 2,
    "last_error": "HTTP 500",
    "response_code": 500,
    "response_body": "Internal Server Error",
    "object_changes": {"state": ["lead", "customer"]},
    "payload": {"event_id": "a1b2c3d4-e5f6-7890-abcd-ef1234567890", "data": {"id": 5}},
    "created_at": "2025-04-25T09:29:51.973Z",
    "delivered_at": None,
}

EVENT_TYPES_RESPONSE = {
    "data": [
        "commission.created",
        "commission.deleted",
        "commission.updated",
        "contract_document.signed",
        "payout.created",
        "promoter.balance.updated",
        "promoter.created",
        "referral.created",
        "referral.moved",
    ]
}


def test_webhook_subscription() -> None:
    subscription = _decode(SUBSCRIPTION, WebhookSubscription)
    assert subscription.id == 17
    assert subscription.event_types == ["referral.created", "commission.created"]
    assert subscription.campaign_ids == [1]
    assert subscription.headers == {"Authorization": "Bearer my-token"}
    assert subscription.timeout == 30
    assert subscription.max_retries == 3
    assert subscription.basic_auth_enabled is False
    assert subscription.secret_key is None
    assert subscription.updated_at == dt.datetime(2025, 4, 25, 9, 29, 51, 973000, tzinfo=UTC)


def test_webhook_subscription_as_created_has_its_secret() -> None:
    created = _decode({**SUBSCRIPTION, "secret_key": "whsec_abc"}, WebhookSubscription)
    assert created.secret_key == "whsec_abc"


def test_webhook_delivery() -> None:
    delivery = _decode(DELIVERY, WebhookDelivery)
    assert delivery.id == 99
    assert delivery.status == "retrying"
    assert delivery.attempts == 2
    assert delivery.entity_id is None
    assert delivery.response_code == 500
    assert delivery.object_changes == {"state": ["lead", "customer"]}
    assert delivery.payload is not None
    assert delivery.payload["data"] == {"id": 5}
    assert delivery.delivered_at is None


def test_webhook_delivery_entity_id_may_be_a_string() -> None:
    delivery = _decode({**DELIVERY, "entity_id": "uuid-1"}, WebhookDelivery)
    assert delivery.entity_id == "uuid-1"


def test_event_types_envelope_and_bare_array() -> None:
    from firstpromoter_async.resources.webhooks import _EventTypes

    union: Any = list[str] | _EventTypes
    enveloped = _decode(EVENT_TYPES_RESPONSE, union)
    assert isinstance(enveloped, _EventTypes)
    assert enveloped.data[0] == "commission.created"
    assert _decode(["a.b"], union) == ["a.b"]


def test_webhook_test_result_is_tolerant() -> None:
    result = _decode({"status": 200, "body": {"ok": True}, "extra": 1}, WebhookTestResult)
    assert result.status == 200
    assert result.body == {"ok": True}
    assert _decode({}, WebhookTestResult).status is None


def test_webhook_event_envelope() -> None:
    event = _decode(
        {
            "event_id": "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
            "event_type": "promoter.created",
            "action": "created",
            "entity_type": "promoter",
            "entity_id": 12345,
            "changes": {},
            "data": {"id": 12345, "status": "active", "email": "jane@example.com"},
            "timestamp": "2025-04-25T09:39:42Z",
        },
        WebhookEvent,
    )
    assert event.entity_id == 12345
    assert event.data is not None
    assert event.data["email"] == "jane@example.com"
    assert event.timestamp == dt.datetime(2025, 4, 25, 9, 39, 42, tzinfo=UTC)


# -- emails --------------------------------------------------------------------------------

# the API documents only the request shape (EmailRequest); a response is that plus an id
EMAIL = {
    "id": 3,
    "name": "Monthly digest",
    "subject": "Your month",
    "content": "<p>Hi</p>",
    "allowed_campaign_ids": [1, 2],
    "trigger": {
        "enabled": True,
        "trigger_on": "recurring",
        "settings": {"frequency": "monthly", "day": 1, "hour": 9, "minute": 30},
    },
    "sent_count": 12,
    "created_at": "2025-04-25T09:29:51.973Z",
}


def test_email() -> None:
    email = _decode(EMAIL, Email)
    assert email.id == 3
    assert email.allowed_campaign_ids == [1, 2]
    assert email.trigger is not None
    assert email.trigger.enabled is True
    assert email.trigger.trigger_on == "recurring"
    assert email.trigger.settings == EmailTriggerSettings(
        frequency="monthly", day=1, hour=9, minute=30
    )
    assert email.sent_count == 12


def test_email_with_flat_trigger_fields() -> None:
    email = _decode(
        {"id": 4, "name": "x", "trigger_enabled": False, "trigger_on": "broadcast"}, Email
    )
    assert email.trigger is None
    assert email.trigger_enabled is False
    assert email.trigger_on == "broadcast"


def test_email_template() -> None:
    assert _decode({"html": "<html></html>"}, EmailTemplate).html == "<html></html>"


@pytest.mark.parametrize(
    ("payload", "model"),
    [
        ({"name": "no id"}, Email),
        ({"id": "x"}, WebhookSubscription),
        ({"id": 1, "attempts": "two"}, WebhookDelivery),
    ],
)
def test_mismatches_raise_validation_error_with_body(payload: Any, model: Any) -> None:
    body = json.dumps(payload).encode()
    with pytest.raises(APIResponseValidationError) as info:
        decode(body, model)
    assert info.value.body == body
