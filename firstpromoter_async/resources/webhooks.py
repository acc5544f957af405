"""Webhook subscriptions and their deliveries."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import Annotated, Any

from msgspec import Meta

from .._exceptions import InvalidRequestError
from .._fields import Id, Ids, Paging, Text, Unpack, Url
from .._operation import op
from .._pagination import AsyncPaginator
from .._resource import APIResource
from ..models.webhook import WebhookDelivery, WebhookSubscription, WebhookTestResult

__all__ = ["WebhookDeliveries", "Webhooks"]

EventTypes = Annotated[Iterable[Text], Meta(min_length=1)]
Timeout = Annotated[int, Meta(ge=1, le=120)]
MaxRetries = Annotated[int, Meta(ge=0, le=10)]


def _basic_auth(fields: dict[str, Any]) -> None:
    """``basic_auth_user`` and ``basic_auth_password`` go together."""
    user, password = fields.get("basic_auth_user"), fields.get("basic_auth_password")
    if (user is None) != (password is None):
        missing = "basic_auth_password" if password is None else "basic_auth_user"
        raise InvalidRequestError(missing, "must be given with the other basic_auth_ field")


class WebhookDeliveries(APIResource):
    """Delivery records of a subscription (``/company/webhooks/{id}/webhook_deliveries``)."""

    @op("GET", "/company/webhooks/{webhook_id}/webhook_deliveries")
    def list(self, webhook_id: Id, **paging: Unpack[Paging]) -> AsyncPaginator[WebhookDelivery]:
        """Deliveries of a subscription, most recent first (``prefetch``: pages kept in
        flight ahead of the one being read; 0: one after another). Keywords: ``Paging``."""
        return self._paginate(self.list, locals())

    @op("GET", "/company/webhooks/{webhook_id}/webhook_deliveries/{id}")
    async def retrieve(self, webhook_id: Id, id: Id) -> WebhookDelivery:
        """One delivery, with the payload sent and the endpoint's answer."""
        return await self._call(self.retrieve, locals())

    @op("POST", "/company/webhooks/{webhook_id}/webhook_deliveries/{id}/retry_delivery")
    async def retry(self, webhook_id: Id, id: Id) -> WebhookDelivery:
        """Queue a failed delivery again: its ``status`` becomes ``pending`` and ``attempts`` 0.

        Raises:
            UnprocessableEntityError: the subscription's ``max_retries`` is already reached.
        """
        return await self._call(self.retry, locals())


class Webhooks(APIResource):
    """Webhook subscriptions (``/company/webhooks``); their deliveries are ``.deliveries``."""

    @cached_property
    def deliveries(self) -> WebhookDeliveries:
        """Delivery records of a subscription."""
        return WebhookDeliveries(self._client)

    @op("GET", "/company/webhooks")
    def list(self, **paging: Unpack[Paging]) -> AsyncPaginator[WebhookSubscription]:
        """Webhook subscriptions, newest first (``prefetch``: pages kept in flight ahead of
        the one being read; 0: one after another). Keywords: ``Paging``."""
        return self._paginate(self.list, locals())

    @op("POST", "/company/webhooks", checks=[_basic_auth])
    async def create(
        self,
        *,
        url: Url,
        event_types: EventTypes,
        active: bool | None = None,
        timeout: Timeout | None = None,
        max_retries: MaxRetries | None = None,
        description: str | None = None,
        campaign_ids: Ids | None = None,
        headers: Mapping[str, str] | None = None,
        basic_auth_user: str | None = None,
        basic_auth_password: str | None = None,
    ) -> WebhookSubscription:
        """Subscribe ``url`` (http or https) to events.

        ``event_types`` e.g. ``["referral.created"]`` (``event_types()`` lists them);
        ``active=False`` creates it paused; ``timeout`` 1 to 120 seconds (30); ``max_retries``
        0 to 10 (3); ``campaign_ids`` ``[1]`` (the default) means all; ``headers`` go with
        every delivery; ``basic_auth_user`` and ``basic_auth_password`` both or neither.
        The answer's ``secret_key`` (to verify signatures) is only returned here. Not retried
        after a server error, since the server may have created it.
        """
        return await self._call(self.create, locals())

    @op("GET", "/company/webhooks/event_types", envelope=True)
    async def event_types(self) -> builtins.list[str]:
        """Every event type a subscription can listen to, sorted."""
        return await self._call(self.event_types, locals())

    @op("POST", "/company/webhooks/test")
    async def test(
        self,
        *,
        url: Url,
        event_type: Text,
        basic_auth_user: str | None = None,
        basic_auth_password: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> WebhookTestResult:
        """Send a sample ``event_type`` payload to ``url`` now and report its answer.

        The sample is signed with a random secret, so signature checks at ``url`` fail;
        that is expected. ``url`` must be public (private networks are refused).
        """
        return await self._call(self.test, locals())

    @op("GET", "/company/webhooks/{id}")
    async def retrieve(self, id: Id) -> WebhookSubscription:
        """One webhook subscription."""
        return await self._call(self.retrieve, locals())

    @op("PUT", "/company/webhooks/{id}", require_any=True, checks=[_basic_auth])
    async def update(
        self,
        id: Id,
        *,
        url: Url | None = None,
        event_types: EventTypes | None = None,
        active: bool | None = None,
        timeout: Timeout | None = None,
        max_retries: MaxRetries | None = None,
        description: str | None = None,
        campaign_ids: Ids | None = None,
        headers: Mapping[str, str] | None = None,
        basic_auth_user: str | None = None,
        basic_auth_password: str | None = None,
    ) -> WebhookSubscription:
        """Change a subscription; only the arguments given are sent, at least one (see
        ``create``)."""
        return await self._call(self.update, locals())

    @op("DELETE", "/company/webhooks/{id}")
    async def delete(self, id: Id) -> None:
        """Delete a subscription and all its delivery records."""
        return await self._call(self.delete, locals())
