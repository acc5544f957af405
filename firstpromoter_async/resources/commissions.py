"""Commissions: list, create, annotate, and act on them in bulk."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import msgspec

from .._batch import ProgressCallback
from .._filters import check_filters, check_sorting
from .._pagination import AsyncPaginator
from .._query_keys import QUERY_KEYS
from .._resource import APIResource
from .._validation import (
    body_of,
    check_cents,
    check_choice,
    check_id,
    check_ids,
    compact,
    update_body_of,
)
from ..models.batch_process import BatchProcess
from ..models.commission import Commission

__all__ = ["Commissions"]

COMMISSION_UNITS = frozenset(
    {"cash", "credits", "points", "free_months", "mon_discount", "discount_per"}
)
_QUERY = QUERY_KEYS["/company/commissions"]


class Commissions(APIResource):
    """Commissions earned by promoters (``/company/commissions``)."""

    def list(
        self,
        *,
        q: str | None = None,
        ids: Iterable[int] | None = None,
        filters: Mapping[str, Any] | msgspec.Struct | None = None,
        sorting: Mapping[str, Literal["asc", "desc"]] | None = None,
        page: int = 1,
        per_page: int = 100,
        prefetch: int = 1,
    ) -> AsyncPaginator[Commission]:
        """Commissions, filtered and sorted as the API allows.

        Args:
            q: free-text search.
            ids: only these commission ids.
            filters: e.g. ``{"status": "pending", "paid": "no"}``; date ranges as
                ``{"created_at": {"from": ..., "to": ...}}``. Keys and enum values are
                checked: an unknown key raises instead of being ignored by the API.
            sorting: e.g. ``{"created_at": "desc"}`` (sale_amount, amount, created_at,
                referral).
            prefetch: pages kept in flight ahead of the one being read (0: one after
                another).

        Returns a lazy paginator: iterating it walks every commission, page by page; on the
        async client, awaiting it gives one ``Page``.
        """
        params = compact(
            q=q,
            ids=check_ids(ids) if ids is not None else None,
            filters=check_filters(filters, _QUERY),
            sorting=check_sorting(sorting, _QUERY),
        )
        return self._list(
            "/company/commissions",
            Commission,
            params=params,
            page=page,
            per_page=per_page,
            prefetch=prefetch,
        )

    async def create(
        self,
        *,
        commission_type: Literal["sale", "custom"],
        referral_id: int | None = None,
        sale_amount: int | None = None,
        promoter_campaign_id: int | None = None,
        amount: int | None = None,
        plan_id: int | str | None = None,
        event_id: str | None = None,
        event_date: dt.date | str | None = None,
        internal_note: str | None = None,
        external_note: str | None = None,
        unit: str | None = None,
        notify_promoter: bool | None = None,
        billing_period: Literal["monthly", "yearly", "one_time"] | None = None,
    ) -> builtins.list[Commission]:
        """Create a commission; the API answers with the commissions it created.

        A ``sale`` commission needs ``referral_id`` and ``sale_amount`` (cents); a ``custom``
        one needs ``promoter_campaign_id`` and ``amount``. Not retried after a server error,
        since the server may have created it.
        """
        check_choice(commission_type, "commission_type", {"sale", "custom"})
        if commission_type == "sale":
            check_id(referral_id, "referral_id")
            check_cents(sale_amount, "sale_amount", allow_negative=True)
        else:
            check_id(promoter_campaign_id, "promoter_campaign_id")
            check_cents(amount, "amount", allow_negative=True)
        check_choice(unit, "unit", COMMISSION_UNITS)
        body = body_of(
            self.create,
            commission_type=commission_type,
            referral_id=referral_id,
            sale_amount=sale_amount,
            promoter_campaign_id=promoter_campaign_id,
            amount=amount,
            plan_id=plan_id,
            event_id=event_id,
            event_date=event_date,
            internal_note=internal_note,
            external_note=external_note,
            unit=unit,
            notify_promoter=notify_promoter,
            billing_period=billing_period,
        )
        result: builtins.list[Commission] = await self._request(
            "POST", "/company/commissions", cast_to=builtins.list[Commission], body=body
        )
        return result

    async def update(
        self, id: int, *, internal_note: str | None = None, external_note: str | None = None
    ) -> Commission:
        """Change a commission's notes (at least one; an update of nothing raises)."""
        check_id(id)
        body = update_body_of(self.update, internal_note=internal_note, external_note=external_note)
        return await self._request(
            "PUT", f"/company/commissions/{id}", cast_to=Commission, body=body
        )

    async def approve(
        self,
        *,
        ids: Iterable[int],
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Approve commissions. More than 5 ids run as a batch process, awaited unless
        ``wait=False``; ``on_progress`` receives ``BatchProgress`` updates meanwhile, and
        ``wait_timeout`` bounds the wait in seconds.

        Raises:
            BatchProcessError: the process ended failed or stopped.
            BatchProcessTimeoutError: ``wait_timeout`` passed first; the process goes on.
        """
        return await self._batch(
            "/company/commissions/approve",
            ids=ids,
            wait=wait,
            on_progress=on_progress,
            wait_timeout=wait_timeout,
        )

    async def deny(
        self,
        *,
        ids: Iterable[int],
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Deny commissions (a batch action, like ``approve``)."""
        return await self._batch(
            "/company/commissions/deny",
            ids=ids,
            wait=wait,
            on_progress=on_progress,
            wait_timeout=wait_timeout,
        )

    async def mark_fulfilled(
        self,
        *,
        ids: Iterable[int],
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Mark non-monetary commissions fulfilled (a batch action, like ``approve``)."""
        return await self._batch(
            "/company/commissions/mark_fulfilled",
            ids=ids,
            wait=wait,
            on_progress=on_progress,
            wait_timeout=wait_timeout,
        )

    async def mark_unfulfilled(
        self,
        *,
        ids: Iterable[int],
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Mark non-monetary commissions unfulfilled (a batch action, like ``approve``)."""
        return await self._batch(
            "/company/commissions/mark_unfulfilled",
            ids=ids,
            wait=wait,
            on_progress=on_progress,
            wait_timeout=wait_timeout,
        )

    async def delete(
        self,
        *,
        ids: Iterable[int],
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Delete commissions (a batch action, like ``approve``)."""
        return await self._batch(
            "/company/commissions/destroy",
            ids=ids,
            wait=wait,
            on_progress=on_progress,
            wait_timeout=wait_timeout,
            method="DELETE",
        )

    async def generate_payouts(
        self,
        *,
        ids: Iterable[int],
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Generate payouts from approved commissions (a batch action, like ``approve``)."""
        return await self._batch(
            "/company/commissions/generate_payouts",
            ids=ids,
            wait=wait,
            on_progress=on_progress,
            wait_timeout=wait_timeout,
        )
