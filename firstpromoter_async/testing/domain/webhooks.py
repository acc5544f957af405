"""Records of webhooks and their deliveries: factories and renderers, no HTTP."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from .._state import FakeState, Record, now_iso

__all__ = ["EVENT_TYPES", "new_webhook", "new_webhook_delivery", "public_fields", "render_webhook"]

_CHANGES = ("created", "deleted", "updated")
_ENTITIES = "commission payments_batch payout payout.commissions payout_method promoter"
_MORE = "referral.moved contract_document.signed promoter.balance.updated promoter.profile.updated"
EVENT_TYPES = sorted(
    [f"{e}.{c}" for e in (*_ENTITIES.split(), "promoter_campaign", "referral") for c in _CHANGES]
    + _MORE.split()
)


def new_webhook(state: FakeState, *, url: str, event_types: list[str], **fields: Any) -> Record:
    """Create a webhook subscription record (``fields`` as the API names them; the password
    and the secret are kept in ``_basic_auth_password``, ``_secret_key``)."""
    created, password = now_iso(), fields.pop("basic_auth_password", None)
    return state.table("webhooks").insert(
        {
            "description": None,
            "campaign_ids": [1],
            "active": True,
            "timeout": 30,
            "max_retries": 3,
            "headers": {},
            "basic_auth_user": None,
            **fields,
            "url": url,
            "event_types": list(event_types),
            "_basic_auth_password": password,
            "_secret_key": f"whsec_{secrets.token_hex(16)}",
            "created_at": created,
            "updated_at": created,
        }
    )


def new_webhook_delivery(
    state: FakeState,
    *,
    webhook: Record | None,
    event_type: str = "referral.created",
    status: str = "failed",
    response_code: int | None = 500,
    response_body: str | None = "Internal Server Error",
) -> Record:
    """Create a delivery record of ``webhook`` (``failed`` unless told otherwise)."""
    entity, _, action = event_type.rpartition(".")
    created, event_id, delivered = now_iso(), str(uuid.uuid4()), status == "delivered"
    event: dict[str, Any] = {"event_id": event_id, "event_type": event_type, "action": action}
    event |= {"entity_type": entity, "entity_id": 1}
    return state.table("webhook_deliveries").insert(
        {
            **event,
            "_webhook_id": webhook["id"] if webhook else None,
            "_retries": 0,
            "status": status,
            "attempts": 1 if status != "pending" else 0,
            "last_error": None if delivered else f"HTTP {response_code}",
            "response_code": response_code,
            "response_body": response_body,
            "object_changes": None,
            "payload": {**event, "changes": {}, "data": {"id": 1}, "timestamp": created},
            "created_at": created,
            "delivered_at": created if delivered else None,
        }
    )


def public_fields(record: Record) -> Record:
    return {k: v for k, v in record.items() if not k.startswith("_")}


def render_webhook(webhook: Record, *, with_secret: bool = False) -> Record:
    """A subscription as the API shows it (the secret only right after creation)."""
    shown = public_fields(webhook)
    shown["basic_auth_enabled"] = bool(
        webhook["basic_auth_user"] and webhook["_basic_auth_password"]
    )
    if with_secret:
        shown["secret_key"] = webhook["_secret_key"]
    return shown
