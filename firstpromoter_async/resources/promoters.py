"""Promoters: create, find, update, and manage them in bulk."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import msgspec

from .._batch import BatchWait
from .._exceptions import InvalidRequestError
from .._fields import ChartPeriod, Email, Id, Ids, Search, Unpack
from .._operation import op
from .._pagination import AsyncPaginator
from .._resource import APIResource
from ..models.batch_process import BatchProcess
from ..models.promoter import Promoter, PromoterChartData

__all__ = ["Promoters"]

FindBy = Literal["email", "cust_id", "auth_token", "ref_token", "promo_code"]


def _find_by(fields: dict[str, Any]) -> None:
    """``id`` is a positive integer, or with ``find_by`` the promoter's key of that kind."""
    id, find_by = fields["id"], fields.get("find_by")
    if find_by is None and (isinstance(id, bool) or not isinstance(id, int) or id < 1):
        raise InvalidRequestError("id", f"must be a positive id, got {id!r}")
    if find_by is not None and (not isinstance(id, str) or not id):
        raise InvalidRequestError("id", f"must be the promoter's {find_by} when find_by is set")


def _destroy_forms(fields: dict[str, Any]) -> None:
    """``destroy_w8form``/``destroy_w9form`` go inside ``profile`` as ``_destroy_w8form``..."""
    names = ("destroy_w8form", "destroy_w9form")
    flags = {f"_{name}": fields.pop(name) for name in names if name in fields}
    if flags:
        fields["profile"] = {**fields.get("profile", {}), **flags}


class Promoters(APIResource):
    """Promoters (affiliates) of the account (``/company/promoters``)."""

    @op("GET", "/company/promoters")
    def list(self, *, ids: Ids | None = None, **search: Unpack[Search]) -> AsyncPaginator[Promoter]:
        """Promoters, searched (``q``: email, name or ref id), filtered (``{"state": "accepted"}``;
        unknown keys raise) and sorted (clicks_count, referrals_count, customers_count,
        revenue_amount, joined_at). Keywords: ``Search``.

        Returns a lazy paginator: iterating it walks every promoter, page by page, with
        ``prefetch`` pages in flight ahead; on the async client, awaiting it gives one ``Page``.
        """
        return self._paginate(self.list, locals())

    @op("POST", "/company/promoters")
    async def create(
        self,
        *,
        email: Email,
        cust_id: str | None = None,
        profile: Mapping[str, Any] | msgspec.Struct | None = None,
        initial_campaign_id: Id | None = None,
        drip_emails: bool | None = None,
        always_approve: bool | None = None,
    ) -> Promoter:
        """Create a promoter (``email`` must be an email address). Not retried after a server
        error or a lost connection, since the server may have created it."""
        return await self._call(self.create, locals())

    @op("GET", "/company/promoters/{id}", checks=[_find_by])
    async def retrieve(self, id: int | str, *, find_by: FindBy | None = None) -> Promoter:
        """One promoter, by numeric id or, with ``find_by``, by email, cust_id, auth_token,
        ref_token or promo_code."""
        return await self._call(self.retrieve, locals())

    @op("PUT", "/company/promoters/{id}", require_any=True, checks=[_find_by, _destroy_forms])
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
        return await self._call(self.update, locals())

    @op("GET", "/company/promoters/{id}/chart_data")
    async def chart_data(self, id: Id, **period: Unpack[ChartPeriod]) -> PromoterChartData:
        """Chart series of one promoter between two dates. Keywords: ``ChartPeriod``."""
        return await self._call(self.chart_data, locals())

    @op("POST", "/company/promoters/accept")
    async def accept(
        self, *, ids: Ids, campaign_id: Id, **waiting: Unpack[BatchWait]
    ) -> BatchProcess:
        """Accept promoters into a campaign. More than 5 ids run as a batch process, awaited
        unless ``wait=False`` (``on_progress`` gets ``BatchProgress``; ``wait_timeout`` bounds
        the wait). Raises ``BatchProcessError`` if it ends failed or stopped,
        ``BatchProcessTimeoutError`` if the wait times out (the process goes on). Keywords:
        ``BatchWait``."""
        return await self._batch(self.accept, locals())

    @op("POST", "/company/promoters/reject")
    async def reject(
        self, *, ids: Ids, campaign_id: Id, **waiting: Unpack[BatchWait]
    ) -> BatchProcess:
        """Reject promoters from a campaign (a batch action, like ``accept``). Keywords:
        ``BatchWait``."""
        return await self._batch(self.reject, locals())

    @op("POST", "/company/promoters/block")
    async def block(
        self, *, ids: Ids, campaign_id: Id, **waiting: Unpack[BatchWait]
    ) -> BatchProcess:
        """Block promoters in a campaign (a batch action, like ``accept``). Keywords:
        ``BatchWait``."""
        return await self._batch(self.block, locals())

    @op("POST", "/company/promoters/archive")
    async def archive(self, *, ids: Ids, **waiting: Unpack[BatchWait]) -> BatchProcess:
        """Archive promoters (a batch action, like ``accept``). Keywords: ``BatchWait``."""
        return await self._batch(self.archive, locals())

    @op("POST", "/company/promoters/restore")
    async def restore(self, *, ids: Ids, **waiting: Unpack[BatchWait]) -> BatchProcess:
        """Restore archived promoters (a batch action, like ``accept``). Keywords: ``BatchWait``."""
        return await self._batch(self.restore, locals())

    @op("POST", "/company/promoters/move_to_campaign")
    async def move_to_campaign(
        self,
        *,
        ids: Ids,
        from_campaign_id: Id,
        to_campaign_id: Id,
        drip_emails: bool | None = None,
        soft_move_referrals: bool | None = None,
        **waiting: Unpack[BatchWait],
    ) -> BatchProcess:
        """Move promoters from one campaign to another (a batch action, like ``accept``). Keywords:
        ``BatchWait``."""
        return await self._batch(self.move_to_campaign, locals())

    @op("POST", "/company/promoters/add_to_campaign")
    async def add_to_campaign(
        self,
        *,
        ids: Ids,
        campaign_id: Id,
        drip_emails: bool | None = None,
        **waiting: Unpack[BatchWait],
    ) -> BatchProcess:
        """Add promoters to one more campaign (a batch action, like ``accept``). Keywords:
        ``BatchWait``."""
        return await self._batch(self.add_to_campaign, locals())

    @op("POST", "/company/promoters/assign_parent")
    async def assign_parent(
        self, *, ids: Ids, parent_promoter_id: Id, **waiting: Unpack[BatchWait]
    ) -> BatchProcess:
        """Give promoters a parent promoter (a batch action, like ``accept``). Keywords:
        ``BatchWait``."""
        return await self._batch(self.assign_parent, locals())
