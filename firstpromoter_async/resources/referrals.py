"""Referrals: the leads and customers promoters bring in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal

import msgspec

from .._batch import BatchWait
from .._exceptions import InvalidRequestError
from .._fields import Email, Filters, Id, Ids, Paging, Sorting, Unpack
from .._operation import NOT_GIVEN, NotGiven, op
from .._pagination import AsyncPaginator
from .._resource import APIResource
from ..models.batch_process import BatchProcess
from ..models.referral import Referral, ReferralFilters

__all__ = ["Referrals"]

ReferralFindBy = Literal["email", "uid", "username"]
Splits = Sequence[Mapping[str, Any]]


class _Split(msgspec.Struct):
    promoter_campaign_id: Id
    percentage: Annotated[int, msgspec.Meta(ge=0, le=100)]


def _key(fields: dict[str, Any]) -> None:
    """``id`` is a positive integer, or with ``find_by`` the referral's key of that kind."""
    id, find_by = fields["id"], fields.get("find_by")
    if find_by is None and (type(id) is not int or id < 1):
        raise InvalidRequestError("id", f"must be a positive id, got {id!r}")
    if find_by is not None and (not isinstance(id, str) or not id.strip()):
        raise InvalidRequestError("id", f"must be the referral's {find_by} when find_by is set")


def _splits(fields: dict[str, Any]) -> None:
    """Split partners: each a positive ``promoter_campaign_id`` and a percentage 0-100; the
    percentages add up to 100 at most."""
    try:
        splits = msgspec.convert(fields.get("split_details") or [], list[_Split])
    except msgspec.ValidationError as error:
        raise InvalidRequestError("split_details", f"holds a bad split partner: {error}") from None
    if sum(split.percentage for split in splits) > 100:
        raise InvalidRequestError("split_details", "percentages add up to over 100")


def _person(fields: dict[str, Any]) -> None:
    if "email" not in fields and "uid" not in fields:
        raise InvalidRequestError("email", "email or uid is required")


class Referrals(APIResource):
    """Referrals: the leads and customers promoters bring in (``/company/referrals``)."""

    @op("GET", "/company/referrals")
    def list(
        self,
        *,
        q: str | None = None,
        ids: Ids | None = None,
        filters: Filters | ReferralFilters = None,
        sorting: Sorting = None,
        **paging: Unpack[Paging],
    ) -> AsyncPaginator[Referral]:
        """Referrals, searched (``q``: email, uid, username, website), filtered (a mapping or
        ``ReferralFilters``; date ranges as ``{"from": ..., "to": ...}``) and sorted by
        ``created_at``, ``state`` or ``email``. Unknown filter keys or values raise. Keywords:
        ``Paging``.

        Returns a lazy paginator over every referral (``prefetch``: pages kept in flight).
        """
        return self._paginate(self.list, locals())

    @op("POST", "/company/referrals", checks=[_person, _splits])
    async def create(
        self,
        *,
        promoter_campaign_id: Id,
        email: Email | None = None,
        uid: str | None = None,
        username: str | None = None,
        split_details: Splits | None = None,
    ) -> Referral:
        """Create a referral (``email`` or ``uid``) of the promoter enrollment
        ``promoter_campaign_id`` (``promoter_campaign.id``, not the campaign id).

        ``split_details``: e.g. ``[{"promoter_campaign_id": 12, "percentage": 25}]``, at most
        100 in all. Not retried after a server error, since the server may have created it.
        """
        return await self._call(self.create, locals())

    @op("GET", "/company/referrals/{id}", checks=[_key])
    async def retrieve(self, id: int | str, *, find_by: ReferralFindBy | None = None) -> Referral:
        """One referral, by numeric id or, with ``find_by``, by email, uid or username."""
        return await self._call(self.retrieve, locals())

    @op("PUT", "/company/referrals/{id}", require_any=True, checks=[_key, _splits])
    async def update(
        self,
        id: int | str,
        *,
        find_by: ReferralFindBy | None = None,
        email: Email | None = None,
        uid: str | None = None,
        username: str | None = None,
        promoter_campaign_id: Id | None = None,
        fraud_check: Literal[
            "no_suspicion", "same_ip_suspicion", "same_promoter_email", "ad_source"
        ]
        | None = None,
        split_details: Splits | None = None,
        custom_status_id: Id | NotGiven | None = NOT_GIVEN,
    ) -> Referral:
        """Change a referral; only the arguments given are sent (at least one).

        ``promoter_campaign_id`` gives it to another promoter enrollment;
        ``fraud_check="no_suspicion"`` clears a fraud flag; ``split_details=[]`` removes
        every split; ``custom_status_id`` assigns a custom referral status, ``None`` clears it.
        """
        return await self._call(self.update, locals())

    @op("DELETE", "/company/referrals")
    async def delete(self, *, ids: Ids, **waiting: Unpack[BatchWait]) -> BatchProcess:
        """Delete referrals: above 5 ids a batch process, followed to its end (``on_progress``
        gets each ``BatchProgress``) unless ``wait=False``; ``BatchProcessError`` when it fails
        or stops, ``BatchProcessTimeoutError`` after ``wait_timeout`` seconds (it goes on).
        Keywords: ``BatchWait``."""
        return await self._batch(self.delete, locals())

    @op("POST", "/company/referrals/approve")
    async def approve(self, *, ids: Ids, **waiting: Unpack[BatchWait]) -> BatchProcess:
        """Approve pending referrals (a batch action, like ``delete``). Keywords: ``BatchWait``."""
        return await self._batch(self.approve, locals())

    @op("POST", "/company/referrals/disable")
    async def disable(self, *, ids: Ids, **waiting: Unpack[BatchWait]) -> BatchProcess:
        """Disable referrals (a batch action, like ``delete``). Keywords: ``BatchWait``."""
        return await self._batch(self.disable, locals())

    @op("POST", "/company/referrals/enable")
    async def enable(self, *, ids: Ids, **waiting: Unpack[BatchWait]) -> BatchProcess:
        """Enable disabled referrals again (a batch action, like ``delete``). Keywords:
        ``BatchWait``."""
        return await self._batch(self.enable, locals())

    @op("POST", "/company/referrals/move_to_promoter")
    async def move_to_promoter(
        self,
        *,
        ids: Ids,
        promoter_campaign_id: Id,
        move_associated_commissions: bool | None = None,
        **waiting: Unpack[BatchWait],
    ) -> BatchProcess:
        """Give referrals to another promoter enrollment ``promoter_campaign_id``, with their
        commissions when ``move_associated_commissions`` (a batch action, like ``delete``).
        Keywords: ``BatchWait``."""
        return await self._batch(self.move_to_promoter, locals())

    @op("POST", "/company/referrals/{id}/import_events", query=["find_by"], checks=[_key])
    async def import_events(
        self, id: int | str, *, find_by: ReferralFindBy | None = None, **waiting: Unpack[BatchWait]
    ) -> BatchProcess:
        """Import the referral's previous sales from Stripe: a batch process, awaited unless
        ``wait=False`` (like ``delete``). Keywords: ``BatchWait``."""
        return await self._batch(self.import_events, locals())
