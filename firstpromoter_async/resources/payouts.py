"""Payouts: what is owed and paid to promoters."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from .._batch import BatchWait
from .._fields import Filters, Ids, Paging, Unpack
from .._operation import op
from .._pagination import AsyncPaginator
from .._resource import APIResource
from ..models.batch_process import BatchProcess
from ..models.payout import (
    PaymentsBatchResult,
    Payout,
    PayoutDueStats,
    PayoutFilters,
    PayoutsGroupedByPromoters,
    PayoutStats,
)

__all__ = ["Payouts"]


class Payouts(APIResource):
    """Payouts to promoters, their statistics and payments (``/company/payouts``)."""

    @op("GET", "/company/payouts")
    def list(
        self,
        *,
        q: str | None = None,
        ids: Ids | None = None,
        filters: Filters | PayoutFilters = None,
        sorting: Mapping[Literal["amount", "period_start", "period_end"], Literal["asc", "desc"]]
        | None = None,
        **paging: Unpack[Paging],
    ) -> AsyncPaginator[Payout]:
        """Payouts, searched (``q``: the promoter's name and email), filtered (a mapping or
        ``PayoutFilters``; ``period_start``/``period_end`` as ``{"from": ..., "to": ...}``) and
        sorted by ``amount``, ``period_start`` or ``period_end``. Unknown filters raise. Keywords:
        ``Paging``.

        Returns a lazy paginator over every payout (``prefetch``: pages kept in flight).
        """
        return self._paginate(self.list, locals())

    @op("GET", "/company/payouts/stats")
    async def stats(
        self,
        *,
        stats_by: Mapping[Literal["paid_period", "status", "payout_method"], bool] | None = None,
        filters: Filters | PayoutFilters = None,
    ) -> PayoutStats:
        """Payout totals, broken down as ``stats_by`` asks, e.g.
        ``{"status": True, "paid_period": True}``; ``filters`` takes ``status`` and
        ``campaign_id``."""
        return await self._call(self.stats, locals())

    @op("GET", "/company/payouts/due_stats")
    async def due_stats(
        self, *, q: str | None = None, filters: Filters | PayoutFilters = None
    ) -> PayoutDueStats:
        """What is due next, what is overdue, and what is due on custom terms; ``filters``
        takes ``status`` and ``campaign_id``."""
        return await self._call(self.due_stats, locals())

    @op("GET", "/company/payouts/group_by_promoters")
    async def group_by_promoters(
        self,
        *,
        q: str | None = None,
        filters: Filters | PayoutFilters = None,
        include_payout_method_details: bool | None = None,
    ) -> PayoutsGroupedByPromoters:
        """Payouts grouped by promoter, with each promoter's total (``.data``) and the grand
        total (``.meta``); ``filters`` takes ``status``, ``campaign_id``, ``min_payment`` and
        ``invoiceable``."""
        return await self._call(self.group_by_promoters, locals())

    @op("POST", "/company/payouts/create_payments_batch")
    async def create_payments_batch(
        self, *, method: Literal["paypal", "bank", "wise", "crypto", "dots"]
    ) -> PaymentsBatchResult:
        """Put the payable payouts in a payments batch sent through ``method``.

        Returns the batch (``.data``) and what could not be included (``.meta.failed``).
        Not retried after a server error, since the server may have created it.
        """
        return await self._call(self.create_payments_batch, locals())

    @op("POST", "/company/payouts/mark_as_paid", envelope=True)
    async def mark_as_paid(self, *, ids: Ids, **waiting: Unpack[BatchWait]) -> BatchProcess:
        """Mark payouts paid. Over 5 ids the server runs a batch process; it is awaited
        (progress to ``on_progress``) unless ``wait=False``. Raises ``BatchProcessError`` if it
        fails or stops, ``BatchProcessTimeoutError`` once ``wait_timeout`` seconds pass. Keywords:
        ``BatchWait``."""
        return await self._batch(self.mark_as_paid, locals())

    @op("POST", "/company/payouts/mark_as_unpaid", envelope=True)
    async def mark_as_unpaid(self, *, ids: Ids, **waiting: Unpack[BatchWait]) -> BatchProcess:
        """Mark paid payouts unpaid again (a batch action, like ``mark_as_paid``). Keywords:
        ``BatchWait``."""
        return await self._batch(self.mark_as_unpaid, locals())

    @op("DELETE", "/company/payouts/destroy", envelope=True)
    async def delete(self, *, ids: Ids, **waiting: Unpack[BatchWait]) -> BatchProcess:
        """Delete payouts (a batch action, like ``mark_as_paid``). Keywords: ``BatchWait``."""
        return await self._batch(self.delete, locals())
