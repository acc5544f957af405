"""Emails to promoters: broadcasts, triggered emails, and the company email theme."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

import msgspec

from .._exceptions import InvalidRequestError
from .._filters import check_filters, check_sorting
from .._pagination import AsyncPaginator
from .._query_keys import QUERY_KEYS
from .._resource import APIResource
from .._validation import (
    body_of,
    check_choice,
    check_id,
    check_ids,
    compact,
    require,
    update_body_of,
)
from ..models._base import decode
from ..models.email import Email, EmailTemplate

__all__ = ["Emails"]

TriggerOn = Literal[
    "promoter_accepted",
    "promoter_rejected",
    "reward_created",
    "fulfilment_completed",
    "count_reached",
    "lead_signup",
    "inactivity",
    "broadcast",
    "recurring",
]
TRIGGER_ONS = frozenset(
    {
        "promoter_accepted",
        "promoter_rejected",
        "reward_created",
        "fulfilment_completed",
        "count_reached",
        "lead_signup",
        "inactivity",
        "broadcast",
        "recurring",
    }
)
_QUERY = QUERY_KEYS["/company/emails"]
DELAY_INTERVALS = frozenset({"second", "minute", "hour", "day"})
METRICS = frozenset({"clicks", "referrals", "customers", "cancellations"})
FREQUENCIES = frozenset({"weekly", "monthly"})
# settings each trigger needs, as documented
REQUIRED_SETTINGS: dict[str, tuple[str, ...]] = {
    "promoter_accepted": ("delay_interval", "delay_value"),
    "count_reached": ("count", "metric"),
    "inactivity": ("metric", "period_in_days"),
    "recurring": ("frequency", "day", "hour", "minute"),
}
SETTING_RANGES: dict[str, tuple[int, int | None]] = {
    "delay_value": (0, None),
    "count": (1, None),
    "period_in_days": (1, None),
    "hour": (0, 23),
    "minute": (0, 59),
}


class Emails(APIResource):
    """Emails sent to promoters (``/company/emails``)."""

    def list(
        self,
        *,
        q: str | None = None,
        filters: Mapping[str, Any] | None = None,
        sorting: Mapping[str, Literal["asc", "desc"]] | None = None,
        page: int = 1,
        per_page: int = 100,
        prefetch: int = 1,
    ) -> AsyncPaginator[Email]:
        """Emails, optionally searched (``q``: name or subject), filtered and sorted.

        Args:
            q: free-text search in name and subject.
            filters: ``trigger_enabled`` (``"yes"``/``"no"``), ``trigger_on``,
                ``sent_count`` as ``{"from": n, "to": m}``, ``campaign_id`` (an id or a list).
            sorting: ``{"sent_count": "desc"}`` or ``{"subject": "asc"}``.
            prefetch: pages kept in flight ahead of the one being read (0: one after
                another).

        Returns an ``AsyncPaginator``: ``async for`` walks every email, ``await`` gives one
        ``Page``.
        """
        params = compact(
            q=q, filters=check_filters(filters, _QUERY), sorting=check_sorting(sorting, _QUERY)
        )
        return self._list(
            "/company/emails", Email, params=params, page=page, per_page=per_page, prefetch=prefetch
        )

    async def create(
        self,
        *,
        name: str,
        subject: str,
        content: str,
        allowed_campaign_ids: Iterable[int],
        trigger: Mapping[str, Any] | msgspec.Struct,
    ) -> Email:
        """Create an email.

        Args:
            name: the email's internal name.
            subject, content: what promoters receive (``content`` is HTML).
            allowed_campaign_ids: the campaigns whose promoters may receive it.
            trigger: ``{"enabled": bool, "trigger_on": ..., "settings": {...}}`` (or an
                ``EmailTrigger``); ``settings`` may be left out when the trigger needs none.
                ``promoter_accepted`` needs ``delay_interval`` and ``delay_value``,
                ``count_reached`` ``count`` and ``metric``, ``inactivity`` ``metric`` and
                ``period_in_days``, ``recurring`` ``frequency``, ``day``, ``hour``, ``minute``.

        Not retried after a server error, since the server may have created it.

        Raises:
            InvalidRequestError: a required argument is missing or a trigger setting is
                invalid.
        """
        body = body_of(
            self.create,
            name=require(name, "name"),
            subject=require(subject, "subject"),
            content=require(content, "content"),
            allowed_campaign_ids=check_ids(allowed_campaign_ids, "allowed_campaign_ids"),
            trigger=_trigger(require(trigger, "trigger"), creating=True),
        )
        return await self._request("POST", "/company/emails", cast_to=Email, body=body)

    async def retrieve(self, id: int) -> Email:
        """One email."""
        check_id(id)
        return await self._request("GET", f"/company/emails/{id}", cast_to=Email)

    async def update(
        self,
        id: int,
        *,
        name: str | None = None,
        subject: str | None = None,
        content: str | None = None,
        allowed_campaign_ids: Iterable[int] | None = None,
        trigger: Mapping[str, Any] | msgspec.Struct | None = None,
    ) -> Email:
        """Change an email; only the arguments given are sent, at least one (see ``create`` for
        ``trigger``)."""
        check_id(id)
        body = update_body_of(
            self.update,
            name=name,
            subject=subject,
            content=content,
            allowed_campaign_ids=(
                check_ids(allowed_campaign_ids, "allowed_campaign_ids")
                if allowed_campaign_ids is not None
                else None
            ),
            trigger=_trigger(trigger, creating=False) if trigger is not None else None,
        )
        return await self._request("PUT", f"/company/emails/{id}", cast_to=Email, body=body)

    async def delete(self, id: int) -> None:
        """Delete an email."""
        check_id(id)
        await self._raw("DELETE", f"/company/emails/{id}")

    async def copy(self, id: int) -> Email:
        """Duplicate an email; returns the new copy."""
        check_id(id)
        return await self._request("POST", f"/company/emails/{id}/copy", cast_to=Email)

    async def send_now(self, id: int) -> None:
        """Send an email to its promoters now.

        Not retried after a server error or a lost connection, so that nobody gets it twice.
        """
        check_id(id)
        await self._raw("POST", f"/company/emails/{id}/send_now")

    async def send_test(self, id: int) -> None:
        """Send a test of an email to the current user."""
        check_id(id)
        await self._raw("POST", f"/company/emails/{id}/send_test")

    async def template(self) -> EmailTemplate:
        """The HTML of the company email theme (an HTML answer is accepted as well as JSON)."""
        response = await self._raw("GET", "/company/emails/template")
        return _template(response.body, response.headers.get("Content-Type"), response.status)

    async def update_custom_template(self, *, html: str) -> EmailTemplate | None:
        """Replace the HTML of the company email theme.

        Safe to repeat, so it is retried like a ``PUT``. Returns the theme as the server
        answers it, or ``None`` when the answer has no body.
        """
        require(html, "html")
        if not isinstance(html, str):
            raise InvalidRequestError("html", f"must be a string, got {type(html).__name__}")
        response = await self._raw(
            "PATCH", "/company/emails/custom_template", body={"html": html}, idempotent=True
        )
        if not response.body.strip():
            return None
        return _template(response.body, response.headers.get("Content-Type"), response.status)

    async def test_custom_template(self) -> None:
        """Send a test email with the custom theme to the current user."""
        await self._raw("POST", "/company/emails/test_custom_template")


def _template(body: bytes, content_type: str | None, status: int) -> EmailTemplate:
    if content_type is not None and "json" not in content_type.lower():
        return EmailTemplate(html=body.decode("utf-8", "replace"))
    result: EmailTemplate = decode(body, EmailTemplate, status_code=status)
    return result


def _trigger(trigger: Mapping[str, Any] | msgspec.Struct, *, creating: bool) -> dict[str, Any]:
    """The trigger as a JSON object, checked as far as the API documents it."""
    if isinstance(trigger, msgspec.Struct):
        trigger = msgspec.to_builtins(trigger)
    if not isinstance(trigger, Mapping):
        raise InvalidRequestError("trigger", "must be a mapping with enabled, trigger_on, settings")
    result = dict(trigger)
    enabled = result.get("enabled")
    trigger_on = result.get("trigger_on")
    if creating:
        require(trigger_on, "trigger.trigger_on")
        if enabled is None:
            raise InvalidRequestError("trigger.enabled", "is required")
    if enabled is not None and not isinstance(enabled, bool):
        raise InvalidRequestError("trigger.enabled", f"must be true or false, got {enabled!r}")
    check_choice(trigger_on, "trigger.trigger_on", TRIGGER_ONS)
    settings = result.get("settings")
    if settings is None:
        settings = {}
    elif isinstance(settings, msgspec.Struct):
        settings = msgspec.to_builtins(settings)
    if not isinstance(settings, Mapping):
        raise InvalidRequestError("trigger.settings", "must be a mapping")
    settings = {k: v for k, v in settings.items() if v is not None}
    check_choice(settings.get("delay_interval"), "trigger.settings.delay_interval", DELAY_INTERVALS)
    check_choice(settings.get("metric"), "trigger.settings.metric", METRICS)
    check_choice(settings.get("frequency"), "trigger.settings.frequency", FREQUENCIES)
    for key, (low, high) in SETTING_RANGES.items():
        value = settings.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise InvalidRequestError(
                f"trigger.settings.{key}", f"must be an integer >= {low}, got {value!r}"
            )
        if high is not None and value > high:
            raise InvalidRequestError(
                f"trigger.settings.{key}", f"must be from {low} to {high}, got {value}"
            )
    day = settings.get("day")
    if day is not None:
        _check_day(day, settings.get("frequency"))
    if trigger_on is not None:
        for key in REQUIRED_SETTINGS.get(trigger_on, ()):
            if key not in settings:
                raise InvalidRequestError(
                    f"trigger.settings.{key}", f"is required when trigger_on is {trigger_on!r}"
                )
    if creating or "settings" in result:
        result["settings"] = settings
    return result


def _check_day(day: Any, frequency: Any) -> None:
    low, high = (0, 6) if frequency == "weekly" else (1, 31) if frequency == "monthly" else (0, 31)
    if isinstance(day, bool) or not isinstance(day, int) or not (low <= day <= high):
        what = {"weekly": " (0 = Sunday)", "monthly": " (day of the month)"}.get(str(frequency), "")
        raise InvalidRequestError(
            "trigger.settings.day", f"must be an integer from {low} to {high}{what}, got {day!r}"
        )
