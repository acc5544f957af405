"""Records of emails: factories and renderers, no HTTP."""

from __future__ import annotations

from typing import Any

from .._state import FakeState, Record, now_iso

__all__ = ["DEFAULT_TEMPLATE", "new_email", "render_email"]

DEFAULT_TEMPLATE = "<html><body>{{content}}</body></html>"


def new_email(state: FakeState, *, name: str, **fields: Any) -> Record:
    """Create an email record (a disabled broadcast unless ``trigger`` says otherwise)."""
    trigger = {"enabled": False, "trigger_on": "broadcast", "settings": {}}
    created = now_iso()
    return state.table("emails").insert(
        {
            "subject": "Hello",
            "content": "<p>Hello</p>",
            "allowed_campaign_ids": [1],
            "sent_count": 0,
            "last_sent_at": None,
            **fields,
            "name": name,
            "trigger": {**trigger, **fields.get("trigger", {})},
            "created_at": created,
            "updated_at": created,
        }
    )


def render_email(email: Record) -> Record:
    """An email as the API shows it."""
    trigger = email["trigger"]
    return {**email, "trigger_enabled": trigger["enabled"], "trigger_on": trigger["trigger_on"]}
