"""Referrals: the leads and customers promoters bring in."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import msgspec

from .._batch import ProgressCallback, check_wait_options
from .._exceptions import InvalidRequestError
from .._filters import check_filters, check_sorting
from .._pagination import AsyncPaginator
from .._query_keys import QUERY_KEYS
from .._resource import APIResource
from .._validation import (
    body_of,
    check_choice,
    check_email,
    check_id,
    check_ids,
    compact,
    update_body_of,
)
from ..models.batch_process import BatchProcess
from ..models.referral import Referral, ReferralFilters

__all__ = ["Referrals"]

ReferralFindBy = Literal["email", "uid", "username"]
FIND_BY = frozenset({"email", "uid", "username"})
FRAUD_CHECKS = frozenset({"no_suspicion", "same_ip_suspicion", "same_promoter_email", "ad_source"})
_QUERY = QUERY_KEYS["/company/referrals"]


class Referrals(APIResource):
    """Referrals: the leads and customers promoters bring in (``/company/referrals``)."""

    def list(
        self,
        *,
        q: str | None = None,
        ids: Iterable[int] | None = None,
        filters: Mapping[str, Any] | ReferralFilters | None = None,
        sorting: Mapping[str, Literal["asc", "desc"]] | None = None,
        page: int = 1,
        per_page: int = 100,
        prefetch: int = 1,
    ) -> AsyncPaginator[Referral]:
        """Referrals, optionally searched, filtered and sorted.

        Args:
            q: searches email, uid, username and website.
            ids: only these referral ids.
            filters: a mapping or ``ReferralFilters``, e.g. ``{"type": "customer",
                "state": "active", "promoter_id": 7}``; date ranges (``created_at``,
                ``customer_since``, ``cancelled_at``) as ``{"from": ..., "to": ...}``.
            sorting: by ``created_at``, ``state`` or ``email``, e.g. ``{"created_at": "desc"}``.
            prefetch: pages kept in flight ahead of the one being read (0: one after
                another).

        Returns an ``AsyncPaginator``: ``async for`` walks every referral, ``await`` gives
        one ``Page``.

        Raises:
            InvalidRequestError: a filter or sorting key the API does not document, or a
                value it does not accept.
        """
        params = compact(
            q=q,
            ids=check_ids(ids) if ids is not None else None,
            filters=check_filters(filters, _QUERY),
            sorting=check_sorting(sorting, _QUERY),
        )
        return self._list(
            "/company/referrals",
            Referral,
            params=params,
            page=page,
            per_page=per_page,
            prefetch=prefetch,
        )

    async def create(
        self,
        *,
        promoter_campaign_id: int,
        email: str | None = None,
        uid: str | None = None,
        username: str | None = None,
        split_details: Sequence[Mapping[str, Any]] | None = None,
    ) -> Referral:
        """Create a referral of the promoter enrollment ``promoter_campaign_id`` (the
        ``promoter_campaign.id`` pairing a promoter with a campaign, not the campaign id).

        Args:
            email, uid: who was referred; at least one is needed.
            username: only when enabled for the account.
            split_details: split partners, e.g. ``[{"promoter_campaign_id": 12,
                "percentage": 25}]``; the percentages may add up to 100 at most.

        Not retried after a server error or a lost connection, since the server may have
        created it.

        Raises:
            InvalidRequestError: an argument is missing or malformed.
        """
        check_id(promoter_campaign_id, "promoter_campaign_id")
        if email is None and uid is None:
            raise InvalidRequestError("email", "email or uid is required")
        check_email(email)
        body = body_of(
            self.create,
            email=email,
            uid=uid,
            username=username,
            promoter_campaign_id=promoter_campaign_id,
            split_details=_check_splits(split_details),
        )
        return await self._request("POST", "/company/referrals", cast_to=Referral, body=body)

    async def retrieve(self, id: int | str, *, find_by: ReferralFindBy | None = None) -> Referral:
        """One referral, by numeric id or, with ``find_by``, by email, uid or username."""
        key = _referral_key(id, find_by)
        return await self._request(
            "GET",
            f"/company/referrals/{key}",
            cast_to=Referral,
            params=compact(find_by=find_by),
        )

    async def update(
        self,
        id: int | str,
        *,
        find_by: ReferralFindBy | None = None,
        email: str | None = None,
        uid: str | None = None,
        username: str | None = None,
        promoter_campaign_id: int | None = None,
        fraud_check: Literal[
            "no_suspicion", "same_ip_suspicion", "same_promoter_email", "ad_source"
        ]
        | None = None,
        split_details: Sequence[Mapping[str, Any]] | None = None,
    ) -> Referral:
        """Change a referral; only the arguments given are sent (at least one).

        ``id`` is the numeric id, or the email, uid or username named by ``find_by``.
        ``promoter_campaign_id`` gives the referral to another promoter enrollment;
        ``fraud_check="no_suspicion"`` clears a fraud flag; ``split_details=[]`` removes
        every split.
        """
        key = _referral_key(id, find_by)
        check_email(email)
        if promoter_campaign_id is not None:
            check_id(promoter_campaign_id, "promoter_campaign_id")
        check_choice(fraud_check, "fraud_check", FRAUD_CHECKS)
        body = update_body_of(
            self.update,
            email=email,
            uid=uid,
            username=username,
            promoter_campaign_id=promoter_campaign_id,
            fraud_check=fraud_check,
            split_details=_check_splits(split_details),
        )
        if find_by is not None:
            body["find_by"] = find_by
        return await self._request("PUT", f"/company/referrals/{key}", cast_to=Referral, body=body)

    async def delete(
        self,
        *,
        ids: Iterable[int],
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Delete referrals. More than 5 ids run as a batch process, awaited unless
        ``wait=False``; ``on_progress`` receives ``BatchProgress`` updates meanwhile, and
        ``wait_timeout`` bounds the wait in seconds.

        Raises:
            BatchProcessError: the process ended failed or stopped.
            BatchProcessTimeoutError: ``wait_timeout`` passed first; the process goes on.
        """
        return await self._batch_path(
            "/company/referrals",
            ids=ids,
            wait=wait,
            on_progress=on_progress,
            wait_timeout=wait_timeout,
            method="DELETE",
        )

    async def approve(
        self,
        *,
        ids: Iterable[int],
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Approve pending referrals (a batch action, like ``delete``)."""
        return await self._batch_path(
            "/company/referrals/approve",
            ids=ids,
            wait=wait,
            on_progress=on_progress,
            wait_timeout=wait_timeout,
        )

    async def disable(
        self,
        *,
        ids: Iterable[int],
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Disable referrals (a batch action, like ``delete``)."""
        return await self._batch_path(
            "/company/referrals/disable",
            ids=ids,
            wait=wait,
            on_progress=on_progress,
            wait_timeout=wait_timeout,
        )

    async def enable(
        self,
        *,
        ids: Iterable[int],
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Enable disabled referrals again (a batch action, like ``delete``)."""
        return await self._batch_path(
            "/company/referrals/enable",
            ids=ids,
            wait=wait,
            on_progress=on_progress,
            wait_timeout=wait_timeout,
        )

    async def move_to_promoter(
        self,
        *,
        ids: Iterable[int],
        promoter_campaign_id: int,
        move_associated_commissions: bool | None = None,
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Give referrals to another promoter enrollment ``promoter_campaign_id``, with their
        commissions when ``move_associated_commissions`` (a batch action, like ``delete``)."""
        body = compact(
            promoter_campaign_id=check_id(promoter_campaign_id, "promoter_campaign_id"),
            move_associated_commissions=move_associated_commissions,
        )
        return await self._batch_path(
            "/company/referrals/move_to_promoter",
            ids=ids,
            body=body,
            wait=wait,
            on_progress=on_progress,
            wait_timeout=wait_timeout,
        )

    async def import_events(
        self,
        id: int | str,
        *,
        find_by: ReferralFindBy | None = None,
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
    ) -> BatchProcess:
        """Import the referral's previous sales from Stripe.

        The server answers with a batch process, awaited unless ``wait=False`` (for at most
        ``wait_timeout`` seconds when given).

        Raises:
            BatchProcessError: the process ended failed or stopped.
            BatchProcessTimeoutError: ``wait_timeout`` passed first; the import goes on.
        """
        key = _referral_key(id, find_by)
        check_wait_options(wait=wait, on_progress=on_progress, timeout=wait_timeout)
        process: BatchProcess = await self._request(
            "POST",
            f"/company/referrals/{key}/import_events",
            cast_to=BatchProcess,
            params=compact(find_by=find_by),
            idempotent=True,
        )
        if not wait:
            return process
        return await self._client._batch_poller.wait(process, on_progress, timeout=wait_timeout)


def _referral_key(id: int | str, find_by: str | None) -> str:
    check_choice(find_by, "find_by", FIND_BY)
    if find_by is None:
        return str(check_id(id))
    if not isinstance(id, str) or not id.strip():
        raise InvalidRequestError("id", f"must be the referral's {find_by} when find_by is set")
    return id


def _check_splits(split_details: Any) -> builtins.list[dict[str, Any]] | None:
    """Split partners as plain dicts; percentages 0-100, adding up to 100 at most."""
    if split_details is None:
        return None
    if isinstance(split_details, (str, bytes, Mapping)) or not isinstance(split_details, Iterable):
        raise InvalidRequestError("split_details", "must be a list of split partners")
    splits: builtins.list[dict[str, Any]] = []
    total = 0
    for position, item in enumerate(split_details):
        split = msgspec.to_builtins(item) if isinstance(item, msgspec.Struct) else item
        if not isinstance(split, Mapping):
            raise InvalidRequestError("split_details", f"item {position} must be a mapping")
        campaign = split.get("promoter_campaign_id")
        if isinstance(campaign, bool) or not isinstance(campaign, int) or campaign <= 0:
            raise InvalidRequestError(
                "split_details",
                f"item {position} needs a positive promoter_campaign_id, got {campaign!r}",
            )
        percentage = split.get("percentage")
        if (
            isinstance(percentage, bool)
            or not isinstance(percentage, int)
            or not 0 <= percentage <= 100
        ):
            raise InvalidRequestError(
                "split_details",
                f"item {position} needs a percentage from 0 to 100, got {percentage!r}",
            )
        total += percentage
        splits.append(dict(split))
    if total > 100:
        raise InvalidRequestError("split_details", f"percentages add up to {total}, over 100")
    return splits
