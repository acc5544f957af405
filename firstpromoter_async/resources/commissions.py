"""Commissions: list, create, annotate, and act on them in bulk."""

from __future__ import annotations

import builtins
import datetime as dt
from typing import Annotated, Literal

from .._batch import BatchWait
from .._fields import Cents, Id, Ids, Search, Unpack, one_of
from .._operation import op, when
from .._pagination import AsyncPaginator
from .._resource import APIResource
from ..models.batch_process import BatchProcess
from ..models.commission import Commission

__all__ = ["Commissions"]

Unit = Annotated[
    str, one_of("cash", "credits", "points", "free_months", "mon_discount", "discount_per")
]


class Commissions(APIResource):
    """Commissions earned by promoters (``/company/commissions``)."""

    @op("GET", "/company/commissions")
    def list(
        self, *, ids: Ids | None = None, **search: Unpack[Search]
    ) -> AsyncPaginator[Commission]:
        """Commissions, searched (``q``), filtered (``{"status": "pending", "paid": "no"}``;
        unknown keys raise) and sorted (sale_amount, amount, created_at, referral). Keywords:
        ``Search``.

        Returns a lazy paginator: iterating it walks every commission, page by page, with
        ``prefetch`` pages in flight ahead; on the async client, awaiting it gives one ``Page``.
        """
        return self._paginate(self.list, locals())

    @op(
        "POST",
        "/company/commissions",
        checks=[
            when("commission_type", "sale", "referral_id", "sale_amount"),
            when("commission_type", "custom", "promoter_campaign_id", "amount"),
        ],
    )
    async def create(
        self,
        *,
        commission_type: Literal["sale", "custom"],
        referral_id: Id | None = None,
        sale_amount: Cents | None = None,
        promoter_campaign_id: Id | None = None,
        amount: Cents | None = None,
        plan_id: int | str | None = None,
        event_id: str | None = None,
        event_date: dt.date | str | None = None,
        internal_note: str | None = None,
        external_note: str | None = None,
        unit: Unit | None = None,
        notify_promoter: bool | None = None,
        billing_period: Literal["monthly", "yearly", "one_time"] | None = None,
    ) -> builtins.list[Commission]:
        """Create a commission; the API answers with the commissions it created.

        A ``sale`` commission needs ``referral_id`` and ``sale_amount`` (cents); a ``custom``
        one needs ``promoter_campaign_id`` and ``amount``. Not retried after a server error,
        since the server may have created it.
        """
        return await self._call(self.create, locals())

    @op("PUT", "/company/commissions/{id}", require_any=True)
    async def update(
        self, id: Id, *, internal_note: str | None = None, external_note: str | None = None
    ) -> Commission:
        """Change a commission's notes (at least one; an update of nothing raises)."""
        return await self._call(self.update, locals())

    @op("POST", "/company/commissions/approve")
    async def approve(self, *, ids: Ids, **waiting: Unpack[BatchWait]) -> BatchProcess:
        """Approve commissions. More than 5 ids run as a batch process, awaited unless
        ``wait=False`` (``on_progress`` gets ``BatchProgress``; ``wait_timeout`` bounds the
        wait). Raises ``BatchProcessError`` if it ends failed or stopped,
        ``BatchProcessTimeoutError`` if the wait times out (the process goes on). Keywords:
        ``BatchWait``."""
        return await self._batch(self.approve, locals())

    @op("POST", "/company/commissions/deny")
    async def deny(self, *, ids: Ids, **waiting: Unpack[BatchWait]) -> BatchProcess:
        """Deny commissions (a batch action, like ``approve``). Keywords: ``BatchWait``."""
        return await self._batch(self.deny, locals())

    @op("POST", "/company/commissions/mark_fulfilled")
    async def mark_fulfilled(self, *, ids: Ids, **waiting: Unpack[BatchWait]) -> BatchProcess:
        """Mark non-monetary commissions fulfilled (a batch action, like ``approve``). Keywords:
        ``BatchWait``."""
        return await self._batch(self.mark_fulfilled, locals())

    @op("POST", "/company/commissions/mark_unfulfilled")
    async def mark_unfulfilled(self, *, ids: Ids, **waiting: Unpack[BatchWait]) -> BatchProcess:
        """Mark non-monetary commissions unfulfilled (a batch action, like ``approve``). Keywords:
        ``BatchWait``."""
        return await self._batch(self.mark_unfulfilled, locals())

    @op("DELETE", "/company/commissions/destroy")
    async def delete(self, *, ids: Ids, **waiting: Unpack[BatchWait]) -> BatchProcess:
        """Delete commissions (a batch action, like ``approve``). Keywords: ``BatchWait``."""
        return await self._batch(self.delete, locals())

    @op("POST", "/company/commissions/generate_payouts")
    async def generate_payouts(self, *, ids: Ids, **waiting: Unpack[BatchWait]) -> BatchProcess:
        """Generate payouts from approved commissions (a batch action, like ``approve``). Keywords:
        ``BatchWait``."""
        return await self._batch(self.generate_payouts, locals())
