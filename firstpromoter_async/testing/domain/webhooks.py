"""Records of webhooks and their deliveries: factories and renderers, no HTTP."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from .._state import FakeState, Record, now_iso

__all__ = ["EVENT_TYPES", "new_webhook", "new_webhook_delivery", "render_webhook"]


_CHANGED = ("created", "deleted", "updated")
_ENTITIES = (
    *("commission", "payments_batch", "payout", "payout.commissions", "payout_method"),
    *("promoter", "promoter_campaign", "referral"),
)
EVENT_TYPES = sorted(
    [
        *(f"{entity}.{change}" for entity in _ENTITIES for change in _CHANGED),
        "referral.moved",
        "contract_document.signed",
        "promoter.balance.updated",
        "promoter.profile.updated",
    ]
)


def new_webhook(
    state: FakeState,
    *,
    url: str,
    event_types: list[str],
    active: bool = True,
    timeout: int = 30,
    max_retries: int = 3,
    description: str | None = None,
    campaign_ids: list[int] | None = None,
    headers: dict[str, str] | None = None,
    basic_auth_user: str | None = None,
    basic_auth_password: str | None = None,
) -> Record:
    """Create a webhook subscription record (its secret in ``_secret_key``)."""
    created = now_iso()
    return state.table("webhooks").insert(
        {
            "url": url,
            "description": description,
            "event_types": list(event_types),
            "campaign_ids": list(campaign_ids or [1]),
            "active": active,
            "timeout": timeout,
            "max_retries": max_retries,
            "headers": dict(headers or {}),
            "basic_auth_user": basic_auth_user,
            "_basic_auth_password": basic_auth_password,
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
    entity_id: int | None = 1,
    data: dict[str, Any] | None = None,
    changes: dict[str, Any] | None = None,
    response_code: int | None = 500,
    response_body: str | None = "Internal Server Error",
) -> Record:
    """Create a delivery record of ``webhook`` (``failed`` unless told otherwise)."""
    entity, _, action = event_type.rpartition(".")
    created = now_iso()
    event_id = str(uuid.uuid4())
    payload = {
        "event_id": event_id,
        "event_type": event_type,
        "action": action,
        "entity_type": entity,
        "entity_id": entity_id,
        "changes": changes or {},
        "data": data if data is not None else {"id": entity_id},
        "timestamp": created,
    }
    delivered = status == "delivered"
    return state.table("webhook_deliveries").insert(
        {
            "_webhook_id": webhook["id"] if webhook else None,
            "_retries": 0,
            "event_id": event_id,
            "event_type": event_type,
            "action": action,
            "entity_type": entity,
            "entity_id": entity_id,
            "status": status,
            "attempts": 1 if status != "pending" else 0,
            "last_error": None if delivered else f"HTTP {response_code}",
            "response_code": response_code,
            "response_body": response_body,
            "object_changes": changes,
            "payload": payload,
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
        webhook.get("basic_auth_user") and webhook.get("_basic_auth_password")
    )
    if with_secret:
        shown["secret_key"] = webhook["_secret_key"]
    return shown
