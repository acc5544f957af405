"""v1 tracking: signups, sales, refunds and cancellations (``wid``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any

import msgspec

from ..._fields import Cents, Email
from ..._operation import op
from ..._resource import APIResource
from ...models.v1_tracking import V1TrackingEvent
from ._rules import RefId, Text, identified

__all__ = ["V1Tracking"]

_PERSON = identified("email", "uid", exactly=False)


class V1Tracking(APIResource):
    """v1 tracking (``/track/...``). Every call carries the tracking integration id ``wid``:
    the ``wid=`` argument, else the client's (``wid=`` or ``FIRSTPROMOTER_WID``)."""

    def _wid(self, args: dict[str, Any]) -> dict[str, Any]:
        return {**args, "wid": args["wid"] or self._client.wid}

    @op("POST", "/track/signup", api="v1", checks=[_PERSON])
    async def signup(
        self,
        *,
        email: Email | None = None,
        uid: Text | None = None,
        tid: str | None = None,
        ref_id: RefId | None = None,
        ip: str | None = None,
        promoter_email: str | None = None,
        created_at: dt.datetime | str | None = None,
        skip_email_notification: bool | None = None,
        username: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        website: str | None = None,
        custom_fields: Mapping[str, Any] | None = None,
        sub_id: str | None = None,
        override_existing_lead: bool | None = None,
        wid: str | None = None,
    ) -> V1TrackingEvent:
        """Track a referred signup (``email`` or ``uid``): a lead for the promoter found by
        ``tid``, ``ref_id`` or ``promoter_email``. Not retried after a server error."""
        return await self._call(self.signup, self._wid(locals()))

    @op("POST", "/track/subscriber", api="v1", checks=[_PERSON])
    async def subscriber(
        self,
        *,
        email: Email | None = None,
        uid: Text | None = None,
        tid: str | None = None,
        ref_id: RefId | None = None,
        ip: str | None = None,
        promoter_email: Email | None = None,
        created_at: dt.datetime | str | None = None,
        skip_email_notification: bool | None = None,
        username: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        website: str | None = None,
        custom_fields: Mapping[str, Any] | None = None,
        wid: str | None = None,
    ) -> V1TrackingEvent | None:
        """Track a newsletter or free-plan subscriber (``email`` or ``uid``) for the promoter
        of ``tid``, ``ref_id`` or ``promoter_email``; ``None`` when not a referral (204)."""
        return await self._call(self.subscriber, self._wid(locals()))

    @op("POST", "/track/sale", api="v1", retry="idempotent", checks=[_PERSON])
    async def sale(
        self,
        *,
        event_id: Text,
        amount: Annotated[Cents, msgspec.Meta(ge=0)],
        email: Email | None = None,
        uid: Text | None = None,
        quantity: int | None = None,
        plan: str | None = None,
        currency: str | None = None,
        mrr: int | None = None,
        promo_code: str | None = None,
        tid: str | None = None,
        ref_id: RefId | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        skip_email_notification: bool | None = None,
        created_at: dt.datetime | str | None = None,
        subscription_id: str | None = None,
        start_recurring_reward_in: int | None = None,
        recurring_reward_frequency: int | None = None,
        max_recurring: int | None = None,
        ecom_sale: bool | None = None,
        wid: str | None = None,
    ) -> V1TrackingEvent | None:
        """Track a sale (``amount`` in cents, not negative) of a referred customer; ``None``
        when the customer is not a referral (204). Each ``event_id`` is tracked once, so the
        call is retried safely; a repeated one raises ``ConflictError``."""
        return await self._call(self.sale, self._wid(locals()))

    @op("POST", "/track/refund", api="v1", retry="idempotent", checks=[_PERSON])
    async def refund(
        self,
        *,
        event_id: Text,
        amount: Cents,
        email: Email | None = None,
        uid: Text | None = None,
        sale_event_id: str | None = None,
        quantity: int | None = None,
        currency: str | None = None,
        skip_email_notification: bool | None = None,
        created_at: dt.datetime | str | None = None,
        ecom_refund: bool | None = None,
        wid: str | None = None,
    ) -> V1TrackingEvent | None:
        """Track a refund (cents) of the sale ``sale_event_id``: a negative reward; ``None``
        when the customer is not a referral (204). Retried safely, like ``sale``."""
        return await self._call(self.refund, self._wid(locals()))

    @op("POST", "/track/cancellation", api="v1", checks=[_PERSON])
    async def cancellation(
        self,
        *,
        email: Email | None = None,
        uid: Text | None = None,
        event_id: str | None = None,
        created_at: dt.datetime | str | None = None,
        skip_email_notification: bool | None = None,
        wid: str | None = None,
    ) -> V1TrackingEvent:
        """Track a cancellation: the customer is cancelled and the program's MRR lowered."""
        return await self._call(self.cancellation, self._wid(locals()))
