"""Promoters: create, find, update, and manage them in bulk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import msgspec

from .._batch import ProgressCallback
from .._exceptions import InvalidRequestError
from .._filters import check_filters, check_sorting
from .._pagination import AsyncPaginator
from .._query_keys import QUERY_KEYS
from .._resource import APIResource
from .._validation import (
    body_of,
    check_choice,
    check_id,
    check_ids,
    compact,
    require,
    update_body_of,
)
from ..models.batch_process import BatchProcess
from ..models.promoter import Promoter, PromoterChartData

__all__ = ["Promoters"]

FindBy = Literal["email", "cust_id", "auth_token", "ref_token", "promo_code"]
FIND_BY = frozenset({"email", "cust_id", "auth_token", "ref_token", "promo_code"})
_QUERY = QUERY_KEYS["/company/promoters"]
CHART_SELECTIONS = frozenset({"revenue", "clicks", "referrals", "customers", "cancellations"})


def _promoter_key(id: int | str, find_by: str | None) -> str:
    check_choice(find_by, "find_by", FIND_BY)
    if find_by is None:
        return str(check_id(id))
    if not isinstance(id, str) or not id:
        raise InvalidRequestError("id", f"must be the promoter's {find_by} when find_by is set")
    return id


def _profile(profile: Mapping[str, Any] | msgspec.Struct | None) -> Any:
    if isinstance(profile, msgspec.Struct):
        return msgspec.to_builtins(profile)
    return profile


class Promoters(APIResource):
    """Promoters (affiliates) of the account (``/company/promoters``)."""

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
    ) -> AsyncPaginator[Promoter]:
        """Promoters, optionally searched (``q``: email, name or ref id), filtered and sorted.

        ``filters`` e.g. ``{"state": "accepted", "campaign_id": 3, "archived": False}``, ranges
        as ``{"joined_at": {"from": "2025-01-01"}}``; keys and enum values are checked (an
        unknown key raises). ``sorting`` by clicks_count, referrals_count, customers_count,
        revenue_amount or joined_at.

        Args:
            prefetch: pages kept in flight ahead of the one being read (0: one after
                another).

        Returns a lazy paginator: iterating it walks every promoter, page by page; on the
        async client, awaiting it gives one ``Page``.
        """
        params = compact(
            q=q,
            ids=check_ids(ids) if ids is not None else None,
            filters=check_filters(filters, _QUERY),
            sorting=check_sorting(sorting, _QUERY),
        )
        return self._list(
            "/company/promoters",
            Promoter,
            params=params,
            page=page,
            per_page=per_page,
            prefetch=prefetch,
        )

    async def create(
        self,
        *,
        email: str,
        cust_id: str | None = None,
        profile: Mapping[str, Any] | msgspec.Struct | None = None,
        initial_campaign_id: int | None = None,
        drip_emails: bool | None = None,
        always_approve: bool | None = None,
    ) -> Promoter:
        """Create a promoter.

        Not retried after a server error or a lost connection, since the server may have
        created it; retried after a 429 or a refused connection.

        Raises:
            InvalidRequestError: ``email`` is missing or not an email address.
        """
        require(email, "email")
        if not isinstance(email, str) or "@" not in email:
            raise InvalidRequestError("email", f"must be an email address, got {email!r}")
        body = body_of(
            self.create,
            email=email,
            cust_id=cust_id,
            profile=_profile(profile),
            initial_campaign_id=initial_campaign_id,
            drip_emails=drip_emails,
            always_approve=always_approve,
        )
        return await self._request("POST", "/company/promoters", cast_to=Promoter, body=body)

    async def retrieve(self, id: int | str, *, find_by: FindBy | None = None) -> Promoter:
        """One promoter, by numeric id or, with ``find_by``, by email, cust_id, auth_token,
        ref_token or promo_code."""
        key = _promoter_key(id, find_by)
        return await self._request(
            "GET",
            f"/company/promoters/{key}",
            cast_to=Promoter,
            params=compact(find_by=find_by),
        )

    async def update(
        self,
        id: int | str,
        *,
        find_by: FindBy | None = None,
        email: str | None = None,
        cust_id: str | None = None,
        custom_fields: Mapping[str, str | Sequence[str]] | None = None,
        profile: Mapping[str, Any] | msgspec.Struct | None = None,
        destroy_w8form: bool | None = None,
        destroy_w9form: bool | None = None,
    ) -> Promoter:
        """Change a promoter; only the arguments given are sent (at least one)."""
        key = _promoter_key(id, find_by)
        profile_body = _profile(profile)
        if destroy_w8form is not None or destroy_w9form is not None:
            profile_body = {
                **(profile_body or {}),
                **compact(_destroy_w8form=destroy_w8form, _destroy_w9form=destroy_w9form),
            }
        body = update_body_of(
            self.update,
            email=email,
            cust_id=cust_id,
            custom_fields=custom_fields,
            profile=profile_body,
        )
        if find_by is not None:
            body["find_by"] = find_by
        return await self._request("PUT", f"/company/promoters/{key}", cast_to=Promoter, body=body)

    async def chart_data(
        self,
        id: int,
        *,
        period_from: dt.date | str,
        period_to: dt.date | str,
        selection: Literal["revenue", "clicks", "referrals", "customers", "cancellations"],
    ) -> PromoterChartData:
        """Chart series of one promoter between two dates."""
        check_id(id)
        require(period_from, "period_from")
        require(period_to, "period_to")
        check_choice(require(selection, "selection"), "selection", CHART_SELECTIONS)
        params = {"period_from": period_from, "period_to": period_to, "selection": selection}
        return await self._request(
            "GET", f"/company/promoters/{id}/chart_data", cast_to=PromoterChartData, params=params
        )

    async def accept(
        self,
        *,
        ids: Iterable[int],
        campaign_id: int,
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Accept promoters into a campaign. More than 5 ids run as a batch process, awaited
        unless ``wait=False``; ``on_progress`` receives ``BatchProgress`` updates meanwhile,
        and ``wait_timeout`` bounds the wait in seconds.

        Raises:
            BatchProcessError: the process ended failed or stopped.
            BatchProcessTimeoutError: ``wait_timeout`` passed first; the process goes on.
        """
        body = {"campaign_id": check_id(campaign_id, "campaign_id")}
        return await self._batch(
            "/company/promoters/accept",
            ids=ids,
            body=body,
            wait=wait,
            on_progress=on_progress,
            wait_timeout=wait_timeout,
        )

    async def reject(
        self,
        *,
        ids: Iterable[int],
        campaign_id: int,
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Reject promoters from a campaign (a batch action, like ``accept``)."""
        body = {"campaign_id": check_id(campaign_id, "campaign_id")}
        return await self._batch(
            "/company/promoters/reject",
            ids=ids,
            body=body,
            wait=wait,
            on_progress=on_progress,
            wait_timeout=wait_timeout,
        )

    async def block(
        self,
        *,
        ids: Iterable[int],
        campaign_id: int,
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Block promoters in a campaign (a batch action, like ``accept``)."""
        body = {"campaign_id": check_id(campaign_id, "campaign_id")}
        return await self._batch(
            "/company/promoters/block",
            ids=ids,
            body=body,
            wait=wait,
            on_progress=on_progress,
            wait_timeout=wait_timeout,
        )

    async def archive(
        self,
        *,
        ids: Iterable[int],
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Archive promoters (a batch action, like ``accept``)."""
        return await self._batch(
            "/company/promoters/archive",
            ids=ids,
            wait=wait,
            on_progress=on_progress,
            wait_timeout=wait_timeout,
        )

    async def restore(
        self,
        *,
        ids: Iterable[int],
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Restore archived promoters (a batch action, like ``accept``)."""
        return await self._batch(
            "/company/promoters/restore",
            ids=ids,
            wait=wait,
            on_progress=on_progress,
            wait_timeout=wait_timeout,
        )

    async def move_to_campaign(
        self,
        *,
        ids: Iterable[int],
        from_campaign_id: int,
        to_campaign_id: int,
        drip_emails: bool | None = None,
        soft_move_referrals: bool | None = None,
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Move promoters from one campaign to another (a batch action, like ``accept``)."""
        body = compact(
            from_campaign_id=check_id(from_campaign_id, "from_campaign_id"),
            to_campaign_id=check_id(to_campaign_id, "to_campaign_id"),
            drip_emails=drip_emails,
            soft_move_referrals=soft_move_referrals,
        )
        return await self._batch(
            "/company/promoters/move_to_campaign",
            ids=ids,
            body=body,
            wait=wait,
            on_progress=on_progress,
            wait_timeout=wait_timeout,
        )

    async def add_to_campaign(
        self,
        *,
        ids: Iterable[int],
        campaign_id: int,
        drip_emails: bool | None = None,
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Add promoters to one more campaign (a batch action, like ``accept``)."""
        body = compact(campaign_id=check_id(campaign_id, "campaign_id"), drip_emails=drip_emails)
        return await self._batch(
            "/company/promoters/add_to_campaign",
            ids=ids,
            body=body,
            wait=wait,
            on_progress=on_progress,
            wait_timeout=wait_timeout,
        )

    async def assign_parent(
        self,
        *,
        ids: Iterable[int],
        parent_promoter_id: int,
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Give promoters a parent promoter (a batch action, like ``accept``)."""
        body = {"parent_promoter_id": check_id(parent_promoter_id, "parent_promoter_id")}
        return await self._batch(
            "/company/promoters/assign_parent",
            ids=ids,
            body=body,
            wait=wait,
            on_progress=on_progress,
            wait_timeout=wait_timeout,
        )
