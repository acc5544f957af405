"""Emails to promoters: broadcasts, triggered emails, and the company email theme."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

from .._exceptions import InvalidRequestError
from .._fields import Id, Ids, Search, Text, Unpack
from .._operation import Check, op
from .._pagination import AsyncPaginator
from .._resource import APIResource
from ..models.email import Email, EmailTemplate

__all__ = ["Emails"]

TriggerOn = Literal[
    "promoter_accepted", "promoter_rejected", "reward_created", "fulfilment_completed",
    "count_reached", "lead_signup", "inactivity", "broadcast", "recurring",
]  # fmt: skip


class _Settings(msgspec.Struct):  # the request side of EmailTriggerSettings, checked
    delay_interval: Literal["second", "minute", "hour", "day"] | None = None
    delay_value: Annotated[int, Meta(ge=0)] | None = None
    count: Annotated[int, Meta(ge=1)] | None = None
    metric: Literal["clicks", "referrals", "customers", "cancellations"] | None = None
    period_in_days: Annotated[int, Meta(ge=1)] | None = None
    frequency: Literal["weekly", "monthly"] | None = None
    day: Annotated[int, Meta(ge=0, le=31)] | None = None
    hour: Annotated[int, Meta(ge=0, le=23)] | None = None
    minute: Annotated[int, Meta(ge=0, le=59)] | None = None


class _TriggerChange(msgspec.Struct, kw_only=True):
    enabled: bool | None = None
    trigger_on: TriggerOn | None = None
    settings: _Settings | None = None


class _NewTrigger(_TriggerChange, kw_only=True):
    enabled: bool
    trigger_on: TriggerOn


Trigger = Annotated[Mapping[str, Any] | msgspec.Struct, _NewTrigger]
TriggerChange = Annotated[Mapping[str, Any] | msgspec.Struct, _TriggerChange]
NEEDED = {  # the settings each trigger needs, as documented
    "promoter_accepted": ("delay_interval", "delay_value"),
    "count_reached": ("count", "metric"),
    "inactivity": ("metric", "period_in_days"),
    "recurring": ("frequency", "day", "hour", "minute"),
}
DAYS = {"weekly": (0, 6), "monthly": (1, 31)}  # weekly: 0 is Sunday; monthly: day of month


def _trigger(creating: bool) -> Check:
    """Settings: ``None`` values left out, the days of the frequency, those the trigger needs."""

    def check(fields: dict[str, Any]) -> None:
        trigger = fields.get("trigger")
        if trigger is None:
            return
        settings = {k: v for k, v in (trigger.get("settings") or {}).items() if v is not None}
        if creating or "settings" in trigger:
            trigger["settings"] = settings
        frequency = settings.get("frequency")
        low, high = DAYS.get(str(frequency), (0, 31))
        if not low <= settings.get("day", low) <= high:
            message = f"must be from {low} to {high} for {frequency}, got {settings['day']}"
            raise InvalidRequestError("trigger.settings.day", message)
        for key in NEEDED.get(trigger.get("trigger_on"), ()):
            if key not in settings:
                on = trigger["trigger_on"]
                raise InvalidRequestError(f"trigger.settings.{key}", f"is required for {on!r}")

    return check


class Emails(APIResource):
    """Emails sent to promoters (``/company/emails``)."""

    @op("GET", "/company/emails")
    def list(self, **search: Unpack[Search]) -> AsyncPaginator[Email]:
        """Emails, optionally searched (``q``: name or subject), filtered and sorted. Keywords:
        ``Search``.

        ``filters``: ``trigger_enabled`` (``"yes"``/``"no"``), ``trigger_on``, ``sent_count``
        as ``{"from": n, "to": m}``, ``campaign_id`` (an id or a list); ``sorting``:
        ``{"sent_count": "desc"}`` or ``{"subject": "asc"}``. ``prefetch``: pages kept in
        flight ahead of the one being read (0: one after another).
        """
        return self._paginate(self.list, locals())

    @op("POST", "/company/emails", checks=[_trigger(creating=True)])
    async def create(
        self,
        *,
        name: Text,
        subject: Text,
        content: Text,
        allowed_campaign_ids: Ids,
        trigger: Trigger,
    ) -> Email:
        """Create an email (``content`` is HTML) for the promoters of ``allowed_campaign_ids``.

        ``trigger``: ``{"enabled": bool, "trigger_on": ..., "settings": {...}}`` or an
        ``EmailTrigger``. ``promoter_accepted`` needs ``delay_interval`` and ``delay_value``,
        ``count_reached`` ``count`` and ``metric``, ``inactivity`` ``metric`` and
        ``period_in_days``, ``recurring`` ``frequency``, ``day``, ``hour``, ``minute``. Not
        retried after a server error, since the server may have created it.
        """
        return await self._call(self.create, locals())

    @op("GET", "/company/emails/{id}")
    async def retrieve(self, id: Id) -> Email:
        """One email."""
        return await self._call(self.retrieve, locals())

    @op("PUT", "/company/emails/{id}", require_any=True, checks=[_trigger(creating=False)])
    async def update(
        self,
        id: Id,
        *,
        name: Text | None = None,
        subject: Text | None = None,
        content: Text | None = None,
        allowed_campaign_ids: Ids | None = None,
        trigger: TriggerChange | None = None,
    ) -> Email:
        """Change an email; only the arguments given are sent, at least one (see ``create``
        for ``trigger``)."""
        return await self._call(self.update, locals())

    @op("DELETE", "/company/emails/{id}")
    async def delete(self, id: Id) -> None:
        """Delete an email."""
        return await self._call(self.delete, locals())

    @op("POST", "/company/emails/{id}/copy")
    async def copy(self, id: Id) -> Email:
        """Duplicate an email; returns the new copy."""
        return await self._call(self.copy, locals())

    @op("POST", "/company/emails/{id}/send_now")
    async def send_now(self, id: Id) -> None:
        """Send an email to its promoters now.

        Not retried after a server error or a lost connection, so that nobody gets it twice.
        """
        return await self._call(self.send_now, locals())

    @op("POST", "/company/emails/{id}/send_test")
    async def send_test(self, id: Id) -> None:
        """Send a test of an email to the current user."""
        return await self._call(self.send_test, locals())

    @op("GET", "/company/emails/template")
    async def template(self) -> EmailTemplate:
        """The HTML of the company email theme (an HTML answer is accepted as well as JSON)."""
        return await self._call(self.template, locals())

    @op("PATCH", "/company/emails/custom_template", retry="idempotent")
    async def update_custom_template(self, *, html: Text) -> EmailTemplate | None:
        """Replace the HTML of the company email theme.

        Safe to repeat, so it is retried like a ``PUT``. Returns the theme as the server
        answers it, or ``None`` when the answer has no body.
        """
        return await self._call(self.update_custom_template, locals())

    @op("POST", "/company/emails/test_custom_template")
    async def test_custom_template(self) -> None:
        """Send a test email with the custom theme to the current user."""
        return await self._call(self.test_custom_template, locals())
