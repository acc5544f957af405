"""Payments batches: pay one, or delete it."""

from __future__ import annotations

from .._fields import Id
from .._operation import op
from .._resource import APIResource
from ..models.payout import PaymentsBatch

__all__ = ["PaymentsBatches"]


class PaymentsBatches(APIResource):
    """Batches of payouts to pay at once (``/company/payments_batches``)."""

    @op("POST", "/company/payments_batches/{id}/pay", retry="money")
    async def pay(self, id: Id, *, otp: str, otp_code: str | None = None) -> PaymentsBatch:
        """Pay the batch: this moves money. Never retried once the request may have reached
        the server (only a 429 or a refused connection is retried); after a timeout or a
        5xx, check the batch's status before paying again."""
        return await self._call(self.pay, locals())

    @op("DELETE", "/company/payments_batches/{id}")
    async def delete(self, id: Id) -> None:
        """Delete a batch that is not paid; its payouts become payable again (no body comes)."""
        return await self._call(self.delete, locals())
