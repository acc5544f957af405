"""Payouts: what is owed and paid to promoters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from .._batch import ProgressCallback
from .._exceptions import InvalidRequestError
from .._filters import check_filters, check_sorting
from .._pagination import AsyncPaginator
from .._query_keys import QUERY_KEYS
from .._resource import APIResource
from .._validation import check_choice, check_ids, compact, require
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

BATCH_PAYMENT_METHODS = frozenset({"paypal", "bank", "wise", "crypto", "dots"})
STATS_BY = frozenset({"paid_period", "status", "payout_method"})


class Payouts(APIResource):
    """Payouts to promoters, their statistics and payments (``/company/payouts``)."""

    def list(
        self,
        *,
        q: str | None = None,
        ids: Iterable[int] | None = None,
        filters: Mapping[str, Any] | PayoutFilters | None = None,
        sorting: Mapping[Literal["amount", "period_start", "period_end"], Literal["asc", "desc"]]
        | None = None,
        page: int = 1,
        per_page: int = 100,
        prefetch: int = 1,
    ) -> AsyncPaginator[Payout]:
        """Payouts, optionally searched, filtered and sorted.

        Args:
            q: searches the promoter's first name, last name and email.
            ids: only these payout ids.
            filters: a mapping or ``PayoutFilters``, e.g. ``{"status": "pending",
                "campaign_id": [1, 2]}``; date ranges (``period_start``, ``period_end``) as
                ``{"from": ..., "to": ...}``.
            sorting: by ``amount``, ``period_start`` or ``period_end``, e.g.
                ``{"amount": "desc"}``.
            prefetch: pages kept in flight ahead of the one being read (0: one after
                another).

        Returns an ``AsyncPaginator``: ``async for`` walks every payout, ``await`` gives one
        ``Page``.

        Raises:
            InvalidRequestError: a filter or sorting the API does not accept.
        """
        params = compact(
            q=q,
            ids=check_ids(ids) if ids is not None else None,
            filters=check_filters(filters, QUERY_KEYS["/company/payouts"]),
            sorting=check_sorting(sorting, QUERY_KEYS["/company/payouts"]),
        )
        return self._list(
            "/company/payouts",
            Payout,
            params=params,
            page=page,
            per_page=per_page,
            prefetch=prefetch,
        )

    async def stats(
        self,
        *,
        stats_by: Mapping[Literal["paid_period", "status", "payout_method"], bool] | None = None,
        filters: Mapping[str, Any] | PayoutFilters | None = None,
    ) -> PayoutStats:
        """Payout totals, broken down as ``stats_by`` asks, e.g.
        ``{"status": True, "paid_period": True}``; ``filters`` takes ``status`` and
        ``campaign_id``."""
        if stats_by is not None:
            if not isinstance(stats_by, Mapping):
                raise InvalidRequestError("stats_by", 'must be a mapping like {"status": True}')
            for key, value in stats_by.items():
                check_choice(key, "stats_by", STATS_BY)
                if not isinstance(value, bool):
                    raise InvalidRequestError(
                        "stats_by", f"value of {key!r} must be True or False, got {value!r}"
                    )
        params = compact(
            stats_by=dict(stats_by) if stats_by else None,
            filters=check_filters(filters, QUERY_KEYS["/company/payouts/stats"]),
        )
        return await self._request(
            "GET", "/company/payouts/stats", cast_to=PayoutStats, params=params
        )

    async def due_stats(
        self,
        *,
        q: str | None = None,
        filters: Mapping[str, Any] | PayoutFilters | None = None,
    ) -> PayoutDueStats:
        """What is due next, what is overdue, and what is due on custom terms; ``filters``
        takes ``status`` and ``campaign_id``."""
        params = compact(
            q=q, filters=check_filters(filters, QUERY_KEYS["/company/payouts/due_stats"])
        )
        return await self._request(
            "GET", "/company/payouts/due_stats", cast_to=PayoutDueStats, params=params
        )

    async def group_by_promoters(
        self,
        *,
        q: str | None = None,
        filters: Mapping[str, Any] | PayoutFilters | None = None,
        include_payout_method_details: bool | None = None,
    ) -> PayoutsGroupedByPromoters:
        """Payouts grouped by promoter, with each promoter's total (``.data``) and the grand
        total (``.meta``); ``filters`` takes ``status``, ``campaign_id``, ``min_payment`` and
        ``invoiceable``."""
        params = compact(
            q=q,
            filters=check_filters(filters, QUERY_KEYS["/company/payouts/group_by_promoters"]),
            include_payout_method_details=include_payout_method_details,
        )
        return await self._request(
            "GET",
            "/company/payouts/group_by_promoters",
            cast_to=PayoutsGroupedByPromoters,
            params=params,
        )

    async def create_payments_batch(
        self, *, method: Literal["paypal", "bank", "wise", "crypto", "dots"]
    ) -> PaymentsBatchResult:
        """Put the payable payouts in a payments batch sent through ``method``.

        Returns the batch (``.data``) and what could not be included (``.meta.failed``).
        Not retried after a server error, since the server may have created it.
        """
        check_choice(require(method, "method"), "method", BATCH_PAYMENT_METHODS)
        return await self._request(
            "POST",
            "/company/payouts/create_payments_batch",
            cast_to=PaymentsBatchResult,
            body={"method": method},
        )

    async def mark_as_paid(
        self,
        *,
        ids: Iterable[int],
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Mark payouts paid. More than 5 ids run as a batch process, awaited unless
        ``wait=False``; ``on_progress`` receives ``BatchProgress`` updates meanwhile, and
        ``wait_timeout`` bounds the wait in seconds.

        Raises:
            BatchProcessError: the process ended failed or stopped.
            BatchProcessTimeoutError: ``wait_timeout`` passed first; the process goes on.
        """
        return await self._batch_path(
            "/company/payouts/mark_as_paid",
            ids=ids,
            wait=wait,
            on_progress=on_progress,
            wait_timeout=wait_timeout,
            envelope=True,
        )

    async def mark_as_unpaid(
        self,
        *,
        ids: Iterable[int],
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Mark paid payouts unpaid again (a batch action, like ``mark_as_paid``)."""
        return await self._batch_path(
            "/company/payouts/mark_as_unpaid",
            ids=ids,
            wait=wait,
            on_progress=on_progress,
            wait_timeout=wait_timeout,
            envelope=True,
        )

    async def delete(
        self,
        *,
        ids: Iterable[int],
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Delete payouts (a batch action, like ``mark_as_paid``)."""
        return await self._batch_path(
            "/company/payouts/destroy",
            ids=ids,
            wait=wait,
            on_progress=on_progress,
            wait_timeout=wait_timeout,
            method="DELETE",
            envelope=True,
        )
