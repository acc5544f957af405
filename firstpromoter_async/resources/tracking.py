"""v2 tracking: signups, sales, refunds and cancellations (``/track/...``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import msgspec

from .._exceptions import InvalidRequestError
from .._fields import Email
from .._operation import op
from .._resource import APIResource
from ..models.tracking import TrackingEvent

__all__ = ["Tracking"]

Text = Annotated[str, msgspec.Meta(pattern=r"\S")]
RefId = Annotated[str, msgspec.Meta(pattern="^[a-z0-9_-]+$")]
Amount = Annotated[int, msgspec.Meta(ge=0)]
Quantity = Annotated[int, msgspec.Meta(ge=1)]


def _person(fields: dict[str, Any]) -> None:
    if "email" not in fields and "uid" not in fields:
        raise InvalidRequestError("email", "is required when uid is not given (give either)")


def _source(fields: dict[str, Any]) -> None:
    if "tid" not in fields and "ref_id" not in fields:
        message = "is required when ref_id is not given (the visitor's tid or a ref_id)"
        raise InvalidRequestError("tid", message)


class Tracking(APIResource):
    """v2 tracking of leads and their sales, refunds and cancellations.

    Each call returns the ``TrackingEvent`` the server recorded, or ``None`` when it answers
    without a body (e.g. ``204 No Content``). Amounts are integers in cents (whole units for
    zero-decimal currencies such as JPY); ``email`` or ``uid`` names the customer (one is
    required), else ``InvalidRequestError``.
    """

    @op("POST", "/track/signup", checks=[_person, _source])
    async def signup(
        self,
        *,
        email: Email | None = None,
        uid: Text | None = None,
        tid: Text | None = None,
        ref_id: RefId | None = None,
        ip: Text | None = None,
        created_at: Annotated[dt.datetime | str, msgspec.Meta(pattern=r"\S")] | None = None,
        skip_email_notification: bool | None = None,
    ) -> TrackingEvent | None:
        """Record a lead (signup) referred by a promoter: by the visitor's ``tid`` (the
        ``_fprom_tid`` cookie) or a promoter's ``ref_id`` (one is required); ``ip`` for fraud
        checks; ``created_at`` default now. Give ``uid`` when the email may change before the
        first sale. Not retried after a server error, since the server may have recorded it.
        ``NotFoundError``: the visitor or referral id is unknown.
        """
        return await self._call(self.signup, locals())

    @op("POST", "/track/sale", retry="idempotent", checks=[_person])
    async def sale(
        self,
        *,
        event_id: Text,
        amount: Amount,
        email: Email | None = None,
        uid: Text | None = None,
        quantity: Quantity | None = None,
        plan: Text | None = None,
        currency: Text | None = None,
        mrr: Amount | None = None,
        promo_code: Text | None = None,
        tid: Text | None = None,
        ref_id: RefId | None = None,
        skip_email_notification: bool | None = None,
    ) -> TrackingEvent | None:
        """Record a sale of a referred customer (``event_id``: your unique id of it; ``amount``
        before taxes; ``mrr`` monthly recurring revenue); the server computes the commissions.
        ``tid``/``ref_id`` create the lead in the same call; ``currency`` only when it differs
        from the account's.

        The server refuses a second sale with the same ``event_id``, so this call is retried
        after server errors and timeouts: a ``ConflictError`` (409) means the sale is already
        recorded, possibly by an earlier try. ``NotFoundError``: no referral matches (not a
        referred sale), or its promoter is banned.
        """
        return await self._call(self.sale, locals())

    @op("POST", "/track/refund", retry="idempotent", checks=[_person])
    async def refund(
        self,
        *,
        event_id: Text,
        amount: Amount,
        email: Email | None = None,
        uid: Text | None = None,
        currency: Text | None = None,
        quantity: Quantity | None = None,
        sale_event_id: Text | None = None,
        skip_email_notification: bool | None = None,
    ) -> TrackingEvent | None:
        """Record a refund of the sale ``sale_event_id`` (``amount`` not negative: the server
        makes the commissions negative). Retried like ``sale``: a ``ConflictError`` (409) means
        a refund with this ``event_id`` is recorded. ``None`` when the server answers without a
        body (e.g. the customer is not a referral).
        """
        return await self._call(self.refund, locals())

    @op("POST", "/track/cancellation", checks=[_person])
    async def cancellation(
        self, *, email: Email | None = None, uid: Text | None = None
    ) -> TrackingEvent | None:
        """Mark a referred customer cancelled (their MRR no longer counts)."""
        return await self._call(self.cancellation, locals())
