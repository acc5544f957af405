"""Webhook subscriptions, their delivery records, and the events they deliver."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ._base import Model


class WebhookSubscription(Model):
    """A webhook subscription: where events of the chosen types are delivered.

    ``campaign_ids == [1]`` means every campaign. ``secret_key`` (the signing secret) is only
    present in the answer to ``webhooks.create``: store it then.
    """

    id: int
    url: str | None = None
    description: str | None = None
    event_types: list[str] | None = None
    campaign_ids: list[int] | None = None
    active: bool | None = None
    timeout: int | None = None
    max_retries: int | None = None
    headers: dict[str, str] | None = None
    basic_auth_user: str | None = None
    basic_auth_enabled: bool | None = None
    secret_key: str | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


class WebhookDelivery(Model):
    """One delivery of an event to a subscription, with what the endpoint answered.

    ``status`` is ``pending``, ``delivered``, ``retrying`` or ``failed``; ``object_changes``
    maps each changed field to ``[old_value, new_value]`` for ``updated`` events; ``payload``
    is the JSON body that was (or will be) sent.
    """

    id: int
    event_id: str | None = None
    event_type: str | None = None
    action: str | None = None
    entity_type: str | None = None
    entity_id: int | str | None = None
    status: str | None = None
    attempts: int | None = None
    last_error: str | None = None
    response_code: int | None = None
    response_body: str | None = None
    object_changes: dict[str, Any] | None = None
    payload: dict[str, Any] | None = None
    created_at: dt.datetime | None = None
    delivered_at: dt.datetime | None = None


class WebhookTestResult(Model):
    """The answer to ``webhooks.test``: what the tested endpoint replied.

    The API documents no schema for it, so every field is optional and unknown ones are
    ignored.
    """

    success: bool | None = None
    status: int | str | None = None
    response_code: int | None = None
    response_body: str | None = None
    body: Any = None
    headers: Any = None
    message: str | None = None
    error: str | None = None

    @classmethod
    def from_answer(
        cls, status: int, headers: Mapping[str, str], body: bytes
    ) -> WebhookTestResult | None:
        """An empty answer as its status alone; ``None``: decode the JSON."""
        return None if body.strip() else cls(status=status)


class WebhookEvent(Model):
    """The JSON body FirstPromoter POSTs to a webhook endpoint (see ``parse_event``).

    ``event_id`` is the same when an event is delivered twice (drop duplicates by it);
    ``event_type`` is ``{entity}.{action}`` (e.g. ``referral.created``), ``action`` one of
    ``created``, ``updated``, ``deleted``; ``changes`` maps each changed field of an
    ``updated`` event to ``[old_value, new_value]``; ``data`` is the whole resource at the
    event, ``timestamp`` when it happened.
    """

    event_id: str
    event_type: str
    action: str | None = None
    entity_type: str | None = None
    entity_id: int | str | None = None
    changes: dict[str, Any] | None = None
    data: dict[str, Any] | None = None
    timestamp: dt.datetime | None = None

    def change(self, field: str) -> tuple[Any, Any] | None:
        """``(old_value, new_value)`` of ``field`` in an ``updated`` event, else ``None``."""
        pair = (self.changes or {}).get(field)
        if isinstance(pair, (list, tuple)) and len(pair) == 2:
            return pair[0], pair[1]
        return None
