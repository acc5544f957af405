"""Records of emails: factories and renderers, no HTTP."""

from __future__ import annotations

from typing import Any

from .._state import FakeState, Record, now_iso

__all__ = ["DEFAULT_TEMPLATE", "new_email", "render_email"]


DEFAULT_TEMPLATE = "<html><body>{{content}}</body></html>"


def new_email(
    state: FakeState,
    *,
    name: str,
    subject: str = "Hello",
    content: str = "<p>Hello</p>",
    allowed_campaign_ids: list[int] | None = None,
    trigger: dict[str, Any] | None = None,
    sent_count: int = 0,
) -> Record:
    """Create an email record (a disabled broadcast unless ``trigger`` says otherwise)."""
    created = now_iso()
    trigger = trigger or {"enabled": False, "trigger_on": "broadcast", "settings": {}}
    return state.table("emails").insert(
        {
            "name": name,
            "subject": subject,
            "content": content,
            "allowed_campaign_ids": list(allowed_campaign_ids or [1]),
            "trigger": {"settings": {}, **trigger},
            "sent_count": sent_count,
            "last_sent_at": None,
            "created_at": created,
            "updated_at": created,
        }
    )


def render_email(email: Record) -> Record:
    """An email as the API shows it."""
    trigger = email["trigger"]
    return {
        **email,
        "trigger_enabled": trigger.get("enabled"),
        "trigger_on": trigger.get("trigger_on"),
    }
