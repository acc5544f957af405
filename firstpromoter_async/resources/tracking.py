"""v2 tracking: signups, sales, refunds and cancellations (``/track/...``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .._exceptions import InvalidRequestError
from .._resource import APIResource
from .._validation import (
    body_of,
    check_cents,
    check_event_id,
    check_person,
    check_ref_id,
    check_text,
)
from ..models._base import decode
from ..models.tracking import TrackingEvent

__all__ = ["Tracking"]


class Tracking(APIResource):
    """v2 tracking of leads and their sales, refunds and cancellations.

    Each call returns the ``TrackingEvent`` the server recorded, or ``None`` when it answers
    without a body (e.g. ``204 No Content``). Amounts are integers in cents (whole units for
    zero-decimal currencies such as JPY).
    """

    async def signup(
        self,
        *,
        email: str | None = None,
        uid: str | None = None,
        tid: str | None = None,
        ref_id: str | None = None,
        ip: str | None = None,
        created_at: dt.datetime | str | None = None,
        skip_email_notification: bool | None = None,
    ) -> TrackingEvent | None:
        """Record a lead (signup) referred by a promoter.

        Args:
            email, uid: who signed up; at least one is required. Give ``uid`` when the email
                may change before the first sale.
            tid: the visitor tracking id (the ``_fprom_tid`` cookie); or
            ref_id: a promoter's referral id, to credit that promoter directly. One of
                ``tid`` and ``ref_id`` is required.
            ip: the visitor's IP, for fraud checks.
            created_at: when the signup happened (default: now).
            skip_email_notification: ``True`` to send no notification emails.

        Not retried after a server error, since the server may have recorded it.

        Raises:
            InvalidRequestError: neither ``email`` nor ``uid``, or neither ``tid`` nor
                ``ref_id``, was given, or ``ref_id`` has characters a referral id cannot have.
            NotFoundError: the visitor or referral id is unknown.
        """
        check_person(email, uid)
        _check_source(tid, ref_id)
        body = body_of(
            self.signup,
            email=email,
            uid=uid,
            tid=tid,
            ref_id=ref_id,
            ip=check_text(ip, "ip"),
            created_at=_timestamp(created_at),
            skip_email_notification=_check_bool(skip_email_notification, "skip_email_notification"),
        )
        return await self._track("signup", body, idempotent=False)

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
        skip_email_notification: bool | None = None,
    ) -> TrackingEvent | None:
        """Record a sale of a referred customer; the server computes the commissions.

        Args:
            event_id: your unique id of the sale (e.g. the invoice or charge id).
            amount: the sale amount before taxes, in cents; an integer >= 0.
            email, uid: the customer; at least one is required.
            quantity: number of items or seats (default 1).
            plan: your billing plan id, for plan-level rewards.
            currency: only when it differs from the account's currency.
            mrr: the customer's monthly recurring revenue, in cents.
            promo_code: the promo code used, for promo-code tracking.
            tid, ref_id: to create the lead and record the sale in one call.
            skip_email_notification: ``True`` to send no notification emails.

        The server refuses a second sale with the same ``event_id``, so this call is retried
        after server errors and timeouts. A ``ConflictError`` (409) therefore means the sale
        is already recorded, possibly by an earlier try of the same call.

        Raises:
            InvalidRequestError: a required argument is missing, or an amount is not a
                non-negative integer number of cents.
            NotFoundError: no referral matches ``email``/``uid`` (not a referred sale), or
                its promoter is banned.
            ConflictError: a sale with this ``event_id`` exists.
        """
        check_event_id(event_id)
        check_cents(amount, "amount")
        check_person(email, uid)
        check_ref_id(ref_id)
        body = body_of(
            self.sale,
            email=email,
            uid=uid,
            event_id=event_id,
            amount=amount,
            quantity=_check_quantity(quantity),
            plan=check_text(plan, "plan"),
            currency=check_text(currency, "currency"),
            mrr=check_cents(mrr, "mrr") if mrr is not None else None,
            promo_code=check_text(promo_code, "promo_code"),
            tid=check_text(tid, "tid"),
            ref_id=ref_id,
            skip_email_notification=_check_bool(skip_email_notification, "skip_email_notification"),
        )
        return await self._track("sale", body, idempotent=True)

    async def refund(
        self,
        *,
        event_id: str,
        amount: int,
        email: str | None = None,
        uid: str | None = None,
        currency: str | None = None,
        quantity: int | None = None,
        sale_event_id: str | None = None,
        skip_email_notification: bool | None = None,
    ) -> TrackingEvent | None:
        """Record a refund; the server generates the matching negative commissions.

        Args:
            event_id: your unique id of the refund.
            amount: the amount refunded, in cents, not negative (the server makes the
                commissions negative).
            email, uid: the customer; at least one is required.
            currency: only when it differs from the account's currency.
            quantity: number of items or seats refunded (default 1).
            sale_event_id: the ``event_id`` of the refunded sale.
            skip_email_notification: ``True`` to send no notification emails.

        Retried after server errors and timeouts, like ``sale``: a ``ConflictError`` (409)
        means a refund with this ``event_id`` is already recorded. Returns ``None`` when the
        server answers without a body (e.g. the customer is not a referral).

        Raises:
            InvalidRequestError: a required argument is missing, or an amount is not a
                non-negative integer number of cents.
            ConflictError: a refund with this ``event_id`` exists.
        """
        check_event_id(event_id)
        check_cents(amount, "amount")
        check_person(email, uid)
        body = body_of(
            self.refund,
            email=email,
            uid=uid,
            event_id=event_id,
            amount=amount,
            currency=check_text(currency, "currency"),
            quantity=_check_quantity(quantity),
            sale_event_id=check_text(sale_event_id, "sale_event_id"),
            skip_email_notification=_check_bool(skip_email_notification, "skip_email_notification"),
        )
        return await self._track("refund", body, idempotent=True)

    async def cancellation(
        self, *, email: str | None = None, uid: str | None = None
    ) -> TrackingEvent | None:
        """Mark a referred customer cancelled (their MRR no longer counts).

        Raises:
            InvalidRequestError: neither ``email`` nor ``uid`` was given.
        """
        check_person(email, uid)
        return await self._track(
            "cancellation", body_of(self.cancellation, email=email, uid=uid), idempotent=False
        )

    async def _track(
        self, event: str, body: Mapping[str, Any], *, idempotent: bool
    ) -> TrackingEvent | None:
        response = await self._raw("POST", f"/track/{event}", body=body, idempotent=idempotent)
        if response.status == 204 or not response.body.strip():
            return None
        result: TrackingEvent = decode(response.body, TrackingEvent, status_code=response.status)
        return result


def _check_source(tid: Any, ref_id: Any) -> None:
    if tid is None and ref_id is None:
        raise InvalidRequestError(
            "tid", "is required when ref_id is not given (the visitor's tid or a ref_id)"
        )
    check_text(tid, "tid")
    check_ref_id(ref_id)


def _check_quantity(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidRequestError("quantity", f"must be a positive integer, got {value!r}")
    return value


def _check_bool(value: Any, name: str) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise InvalidRequestError(name, f"must be true or false, got {value!r}")
    return value


def _timestamp(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, str) and value.strip():
        return value
    raise InvalidRequestError(
        "created_at", f"must be a datetime or an ISO 8601 string, got {value!r}"
    )
