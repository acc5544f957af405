"""v1 tracking: signups, sales, refunds and cancellations (``wid``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..._resource import APIResource
from ..._validation import body_of, check_cents, check_event_id, check_person, check_ref_id
from ...models._base import decode
from ...models.v1_tracking import V1TrackingEvent

__all__ = ["V1Tracking"]


class V1Tracking(APIResource):
    """v1 tracking of signups, sales, refunds and cancellations (``/track/...``).

    Every call carries the tracking integration id ``wid``: the ``wid=`` argument, else the
    client's ``wid`` (``AsyncFirstPromoter(wid=...)`` or ``FIRSTPROMOTER_WID``).
    """

    _api = "v1"

    def _wid(self, wid: str | None) -> str | None:
        return wid if wid is not None else self._client.wid

    async def _track_optional(self, event: str, body: Mapping[str, Any]) -> V1TrackingEvent | None:
        # a 204 means "not a referral": a normal outcome, not an error
        response = await self._raw("POST", f"/track/{event}", body=body, idempotent=True)
        if response.status == 204 or not response.body.strip():
            return None
        result: V1TrackingEvent = decode(
            response.body, V1TrackingEvent, status_code=response.status
        )
        return result

    async def signup(
        self,
        *,
        email: str | None = None,
        uid: str | None = None,
        tid: str | None = None,
        ref_id: str | None = None,
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
        """Track a referred signup: adds a lead for the promoter who referred it.

        Args:
            email, uid: who signed up (at least one); ``uid`` matches later sales when the
                email may change.
            tid: the visitor tracking id from the ``_fprom_track``/``_fprom_tid`` cookie.
            ref_id: a promoter's referral id, to assign the lead directly (instead of ``tid``).
            promoter_email: the promoter's email, another way to assign the lead directly.
            ip: the visitor's IP, for fraud checks.
            override_existing_lead: re-assign a lead that already exists.
            wid: the tracking integration id; defaults to the client's ``wid``.

        Raises:
            InvalidRequestError: neither ``email`` nor ``uid``, or an invalid ``ref_id``.
            NotFoundError: the visitor (``tid``) or promoter (``ref_id``) is unknown.
        """
        check_person(email, uid)
        check_ref_id(ref_id)
        body = body_of(
            self.signup,
            wid=self._wid(wid),
            email=email,
            uid=uid,
            tid=tid,
            ref_id=ref_id,
            ip=ip,
            promoter_email=promoter_email,
            created_at=created_at,
            skip_email_notification=skip_email_notification,
            username=username,
            first_name=first_name,
            last_name=last_name,
            website=website,
            custom_fields=custom_fields,
            sub_id=sub_id,
            override_existing_lead=override_existing_lead,
        )
        return await self._request("POST", "/track/signup", cast_to=V1TrackingEvent, body=body)

    async def sale(
        self,
        *,
        event_id: str,
        amount: int,
        email: str | None = None,
        uid: str | None = None,
        quantity: int | None = None,
        plan: str | None = None,
        currency: str | None = None,
        mrr: int | None = None,
        promo_code: str | None = None,
        tid: str | None = None,
        ref_id: str | None = None,
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
        """Track a sale of a referred customer; the promoter's reward is computed from it.

        Args:
            event_id: the transaction or charge id; the server tracks each one once, so the
                call is safely retried.
            amount: the sale amount in cents (whole units for zero-decimal currencies such as
                JPY), before taxes and after discounts; not negative.
            email, uid: the customer (at least one).
            currency: the sale's currency when it is not the account's; converted by the
                server.
            mrr: the customer's monthly recurring revenue, in cents.
            promo_code: a promoter's coupon: creates the lead and sale for that promoter.
            tid, ref_id: assign the customer to a promoter without a signup call first.
            created_at: when the sale happened (default now).
            subscription_id: the billing provider's subscription id.
            start_recurring_reward_in, recurring_reward_frequency, max_recurring: schedule
                recurring rewards (days until the first, days between, how many).
            ecom_sale: a one-time e-commerce sale rather than a subscription.
            wid: the tracking integration id; defaults to the client's ``wid``.

        Returns the tracked event, or ``None`` when the customer is not a referral (the API
        answers 204 and records nothing).

        Raises:
            InvalidRequestError: a required argument is missing, ``amount`` is not a
                non-negative integer, or ``ref_id`` is invalid.
            ConflictError: a sale with this ``event_id`` was already tracked.
        """
        check_event_id(event_id)
        check_cents(amount, "amount")
        check_person(email, uid)
        check_ref_id(ref_id)
        body = body_of(
            self.sale,
            wid=self._wid(wid),
            event_id=event_id,
            amount=amount,
            email=email,
            uid=uid,
            quantity=quantity,
            plan=plan,
            currency=currency,
            mrr=mrr,
            promo_code=promo_code,
            tid=tid,
            ref_id=ref_id,
            first_name=first_name,
            last_name=last_name,
            skip_email_notification=skip_email_notification,
            created_at=created_at,
            subscription_id=subscription_id,
            start_recurring_reward_in=start_recurring_reward_in,
            recurring_reward_frequency=recurring_reward_frequency,
            max_recurring=max_recurring,
            ecom_sale=ecom_sale,
        )
        return await self._track_optional("sale", body)

    async def refund(
        self,
        *,
        event_id: str,
        amount: int,
        email: str | None = None,
        uid: str | None = None,
        sale_event_id: str | None = None,
        quantity: int | None = None,
        currency: str | None = None,
        skip_email_notification: bool | None = None,
        created_at: dt.datetime | str | None = None,
        ecom_refund: bool | None = None,
        wid: str | None = None,
    ) -> V1TrackingEvent | None:
        """Track a refund: a negative reward for the promoter.

        Args:
            event_id: the refund's transaction id; tracked once, so safely retried.
            amount: the refunded amount in cents.
            email, uid: the customer (at least one).
            sale_event_id: the ``event_id`` of the refunded sale (needed to refund correctly
                when rewards differ per product or changed over time).
            wid: the tracking integration id; defaults to the client's ``wid``.

        Returns the tracked event, or ``None`` when the customer is not a referral (204).

        Raises:
            InvalidRequestError: a required argument is missing or ``amount`` is not an
                integer.
            ConflictError: a refund with this ``event_id`` was already tracked.
        """
        check_event_id(event_id)
        check_cents(amount, "amount", allow_negative=True)
        check_person(email, uid)
        body = body_of(
            self.refund,
            wid=self._wid(wid),
            event_id=event_id,
            amount=amount,
            email=email,
            uid=uid,
            sale_event_id=sale_event_id,
            quantity=quantity,
            currency=currency,
            skip_email_notification=skip_email_notification,
            created_at=created_at,
            ecom_refund=ecom_refund,
        )
        return await self._track_optional("refund", body)

    async def cancellation(
        self,
        *,
        email: str | None = None,
        uid: str | None = None,
        event_id: str | None = None,
        created_at: dt.datetime | str | None = None,
        skip_email_notification: bool | None = None,
        wid: str | None = None,
    ) -> V1TrackingEvent:
        """Track a cancellation: marks the customer cancelled and lowers the program's MRR.

        Args:
            email, uid: the customer (at least one).
            event_id: the cancellation's id in your system.
            wid: the tracking integration id; defaults to the client's ``wid``.

        Raises:
            InvalidRequestError: neither ``email`` nor ``uid``.
            NotFoundError: no such lead.
        """
        check_person(email, uid)
        body = body_of(
            self.cancellation,
            wid=self._wid(wid),
            email=email,
            uid=uid,
            event_id=event_id,
            created_at=created_at,
            skip_email_notification=skip_email_notification,
        )
        return await self._request(
            "POST", "/track/cancellation", cast_to=V1TrackingEvent, body=body
        )
