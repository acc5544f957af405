"""Webhook subscriptions and their deliveries."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

import msgspec

from .._exceptions import InvalidRequestError
from .._pagination import AsyncPaginator
from .._resource import APIResource
from .._validation import body_of, check_id, check_ids, require, update_body_of
from ..models._base import decode
from ..models.webhook import WebhookDelivery, WebhookSubscription, WebhookTestResult

__all__ = ["WebhookDeliveries", "Webhooks"]


class _EventTypes(msgspec.Struct):
    data: list[str]


class WebhookDeliveries(APIResource):
    """Delivery records of one subscription
    (``/company/webhooks/{webhook_id}/webhook_deliveries``)."""

    def list(
        self, webhook_id: int, *, page: int = 1, per_page: int = 100, prefetch: int = 1
    ) -> AsyncPaginator[WebhookDelivery]:
        """Deliveries of a subscription, most recent first.

        Args:
            prefetch: pages kept in flight ahead of the one being read (0: one after
                another).

        Returns an ``AsyncPaginator``: ``async for`` walks every delivery, ``await`` gives one
        ``Page``.
        """
        check_id(webhook_id, "webhook_id")
        return self._list(
            f"/company/webhooks/{webhook_id}/webhook_deliveries",
            WebhookDelivery,
            page=page,
            per_page=per_page,
            prefetch=prefetch,
        )

    async def retrieve(self, webhook_id: int, id: int) -> WebhookDelivery:
        """One delivery, with the payload sent and the endpoint's answer."""
        check_id(webhook_id, "webhook_id")
        check_id(id)
        return await self._request(
            "GET",
            f"/company/webhooks/{webhook_id}/webhook_deliveries/{id}",
            cast_to=WebhookDelivery,
        )

    async def retry(self, webhook_id: int, id: int) -> WebhookDelivery:
        """Queue a failed delivery again: its ``status`` becomes ``pending`` and ``attempts`` 0.

        Raises:
            UnprocessableEntityError: the subscription's ``max_retries`` is already reached.
        """
        check_id(webhook_id, "webhook_id")
        check_id(id)
        return await self._request(
            "POST",
            f"/company/webhooks/{webhook_id}/webhook_deliveries/{id}/retry_delivery",
            cast_to=WebhookDelivery,
        )


class Webhooks(APIResource):
    """Webhook subscriptions (``/company/webhooks``); their deliveries are ``.deliveries``."""

    @cached_property
    def deliveries(self) -> WebhookDeliveries:
        """Delivery records of a subscription."""
        return WebhookDeliveries(self._client)

    def list(
        self, *, page: int = 1, per_page: int = 100, prefetch: int = 1
    ) -> AsyncPaginator[WebhookSubscription]:
        """Webhook subscriptions, newest first.

        Args:
            prefetch: pages kept in flight ahead of the one being read (0: one after
                another).

        Returns an ``AsyncPaginator``: ``async for`` walks every subscription, ``await`` gives
        one ``Page``.
        """
        return self._list(
            "/company/webhooks",
            WebhookSubscription,
            page=page,
            per_page=per_page,
            prefetch=prefetch,
        )

    async def create(
        self,
        *,
        url: str,
        event_types: Iterable[str],
        active: bool | None = None,
        timeout: int | None = None,
        max_retries: int | None = None,
        description: str | None = None,
        campaign_ids: Iterable[int] | None = None,
        headers: Mapping[str, str] | None = None,
        basic_auth_user: str | None = None,
        basic_auth_password: str | None = None,
    ) -> WebhookSubscription:
        """Subscribe ``url`` to events.

        Args:
            url: the http(s) endpoint that receives the events.
            event_types: e.g. ``["referral.created", "commission.created"]``; see
                ``event_types()`` for every value.
            active: ``False`` to create it paused (default ``True``).
            timeout: seconds per delivery, 1 to 120 (default 30).
            max_retries: automatic retries of a failed delivery, 0 to 10 (default 3).
            description: a label for people.
            campaign_ids: only events of these campaigns; ``[1]`` (the default) means all.
            headers: extra HTTP headers sent with every delivery.
            basic_auth_user, basic_auth_password: HTTP Basic credentials, both or neither.

        Returns the subscription, whose ``secret_key`` (to verify signatures) is only
        returned here. Not retried after a server error, since the server may have created it.

        Raises:
            InvalidRequestError: an argument is missing or out of range.
        """
        body = _subscription_body(
            self.create,
            url=_check_url(require(url, "url")),
            event_types=_check_event_types(require(event_types, "event_types")),
            active=active,
            timeout=timeout,
            max_retries=max_retries,
            description=description,
            campaign_ids=campaign_ids,
            headers=headers,
            basic_auth_user=basic_auth_user,
            basic_auth_password=basic_auth_password,
        )
        return await self._request(
            "POST", "/company/webhooks", cast_to=WebhookSubscription, body=body
        )

    async def event_types(self) -> builtins.list[str]:
        """Every event type a subscription can listen to, sorted."""
        response = await self._raw("GET", "/company/webhooks/event_types")
        decoded: builtins.list[str] | _EventTypes = decode(
            response.body, builtins.list[str] | _EventTypes, status_code=response.status
        )
        return decoded.data if isinstance(decoded, _EventTypes) else decoded

    async def test(
        self,
        *,
        url: str,
        event_type: str,
        basic_auth_user: str | None = None,
        basic_auth_password: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> WebhookTestResult:
        """Send a sample ``event_type`` payload to ``url`` now and report its answer.

        The sample is signed with a random secret, so signature checks at ``url`` fail;
        that is expected. ``url`` must be public (private networks are refused).
        """
        body = body_of(
            self.test,
            url=_check_url(require(url, "url")),
            event_type=_check_event_type(require(event_type, "event_type"), "event_type"),
            basic_auth_user=basic_auth_user,
            basic_auth_password=basic_auth_password,
            headers=_check_headers(headers) if headers is not None else None,
        )
        response = await self._raw("POST", "/company/webhooks/test", body=body)
        if not response.body.strip():
            return WebhookTestResult(status=response.status)
        result: WebhookTestResult = decode(
            response.body, WebhookTestResult, status_code=response.status
        )
        return result

    async def retrieve(self, id: int) -> WebhookSubscription:
        """One webhook subscription."""
        check_id(id)
        return await self._request("GET", f"/company/webhooks/{id}", cast_to=WebhookSubscription)

    async def update(
        self,
        id: int,
        *,
        url: str | None = None,
        event_types: Iterable[str] | None = None,
        active: bool | None = None,
        timeout: int | None = None,
        max_retries: int | None = None,
        description: str | None = None,
        campaign_ids: Iterable[int] | None = None,
        headers: Mapping[str, str] | None = None,
        basic_auth_user: str | None = None,
        basic_auth_password: str | None = None,
    ) -> WebhookSubscription:
        """Change a subscription; only the arguments given are sent, at least one (see
        ``create``)."""
        check_id(id)
        body = _subscription_body(
            self.update,
            update=True,
            url=_check_url(url) if url is not None else None,
            event_types=_check_event_types(event_types) if event_types is not None else None,
            active=active,
            timeout=timeout,
            max_retries=max_retries,
            description=description,
            campaign_ids=campaign_ids,
            headers=headers,
            basic_auth_user=basic_auth_user,
            basic_auth_password=basic_auth_password,
        )
        return await self._request(
            "PUT", f"/company/webhooks/{id}", cast_to=WebhookSubscription, body=body
        )

    async def delete(self, id: int) -> None:
        """Delete a subscription and all its delivery records."""
        check_id(id)
        await self._raw("DELETE", f"/company/webhooks/{id}")


def _subscription_body(
    method: Callable[..., Any],
    *,
    update: bool = False,
    url: str | None,
    event_types: list[str] | None,
    active: bool | None,
    timeout: int | None,
    max_retries: int | None,
    description: str | None,
    campaign_ids: Iterable[int] | None,
    headers: Mapping[str, str] | None,
    basic_auth_user: str | None,
    basic_auth_password: str | None,
) -> dict[str, Any]:
    if active is not None and not isinstance(active, bool):
        raise InvalidRequestError("active", f"must be true or false, got {active!r}")
    _check_range(timeout, "timeout", 1, 120)
    _check_range(max_retries, "max_retries", 0, 10)
    if (basic_auth_user is None) != (basic_auth_password is None):
        missing = "basic_auth_password" if basic_auth_password is None else "basic_auth_user"
        raise InvalidRequestError(
            missing, "must be given together with basic_auth_user and basic_auth_password"
        )
    return (update_body_of if update else body_of)(
        method,
        url=url,
        event_types=event_types,
        active=active,
        timeout=timeout,
        max_retries=max_retries,
        description=description,
        campaign_ids=check_ids(campaign_ids, "campaign_ids") if campaign_ids is not None else None,
        headers=_check_headers(headers) if headers is not None else None,
        basic_auth_user=basic_auth_user,
        basic_auth_password=basic_auth_password,
    )


def _check_url(url: Any) -> str:
    if not isinstance(url, str):
        raise InvalidRequestError("url", f"must be a string URL, got {type(url).__name__}")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidRequestError("url", f"must be an absolute http(s) URL, got {url!r}")
    return url


def _check_event_type(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidRequestError(name, f"must be an event type string, got {value!r}")
    return value


def _check_event_types(values: Any) -> list[str]:
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
        raise InvalidRequestError("event_types", "must be a list of event type strings")
    result = [_check_event_type(value, "event_types") for value in values]
    if not result:
        raise InvalidRequestError("event_types", "must not be empty")
    return result


def _check_headers(headers: Any) -> dict[str, str]:
    if not isinstance(headers, Mapping):
        raise InvalidRequestError("headers", "must be a mapping of header names to values")
    for key, value in headers.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise InvalidRequestError(
                "headers", f"names and values must be strings, got {key!r}: {value!r}"
            )
    return dict(headers)


def _check_range(value: Any, name: str, low: int, high: int) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not (low <= value <= high):
        raise InvalidRequestError(name, f"must be an integer from {low} to {high}, got {value!r}")
