"""Emails to promoters: broadcasts and triggered emails, and the company email theme."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ._base import Model


class EmailTriggerSettings(Model):
    """When a triggered email goes out: the fields ``trigger_on`` needs (``emails.create``
    lists them; ``day`` is 0-6 from Sunday when weekly, the day of the month when monthly)."""

    delay_interval: str | None = None
    delay_value: int | None = None
    count: int | None = None
    metric: str | None = None
    period_in_days: int | None = None
    frequency: str | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None


class EmailTrigger(Model):
    """What sends an email: an event (``trigger_on``), a schedule, or a broadcast.

    Also accepted as the ``trigger`` argument of ``emails.create`` and ``emails.update``.
    """

    enabled: bool | None = None
    trigger_on: str | None = None
    settings: EmailTriggerSettings | None = None


class Email(Model):
    """An email to promoters: the request shape the API documents, plus the bookkeeping its
    list filters and sorting use (``sent_count``, ``trigger_enabled``, ``trigger_on``)."""

    id: int
    name: str | None = None
    subject: str | None = None
    content: str | None = None
    allowed_campaign_ids: list[int] | None = None
    trigger: EmailTrigger | None = None
    trigger_enabled: bool | None = None
    trigger_on: str | None = None
    sent_count: int | None = None
    last_sent_at: dt.datetime | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


class EmailTemplate(Model):
    """The HTML of the company email theme."""

    html: str | None = None

    @classmethod
    def from_answer(
        cls, status: int, headers: Mapping[str, str], body: bytes
    ) -> EmailTemplate | None:
        """The theme from an HTML (not JSON) answer; ``None``: decode the JSON."""
        kind = headers.get("Content-Type")
        return (
            None
            if kind is None or "json" in kind.lower()
            else cls(html=body.decode("utf-8", "replace"))
        )
