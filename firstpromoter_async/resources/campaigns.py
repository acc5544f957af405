"""Campaigns: list, create, change and delete them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from .._fields import Id, Paging, Unpack
from .._operation import op
from .._pagination import AsyncPaginator
from .._resource import APIResource
from ..models.campaign import Campaign

__all__ = ["Campaigns"]

TokenParam = Literal["?fpr", "?via", "?fp_ref", "?deal", "?ref", "?_from", "?_by", "?_go"]
AdTraffic = Literal["pending", "allow", "block"]
Objects = Sequence[Mapping[str, Any]]


class Campaigns(APIResource):
    """Campaigns of the account (``/company/campaigns``)."""

    @op("GET", "/company/campaigns")
    def list(self, **paging: Unpack[Paging]) -> AsyncPaginator[Campaign]:
        """Every campaign, page by page (a lazy paginator). Keywords: ``Paging``."""
        return self._paginate(self.list, locals())

    @op("POST", "/company/campaigns")
    async def create(
        self,
        *,
        name: str,
        landing_url: str,
        ref_token_param: TokenParam,
        visitor_cookie_life: int,
        color: str | None = None,
        auto_approve_promoters: bool | None = None,
        is_private: bool | None = None,
        track_ad_traffic: AdTraffic | None = None,
        links: Objects | None = None,
        upgrade_details: Mapping[str, Any] | None = None,
        rewards_for_promoters: Objects | None = None,
        rewards_for_referrals: Objects | None = None,
    ) -> Campaign:
        """Create a campaign. ``links``: ``{"name", "url"}``; rewards: ``{"reward_id",
        "apply_on", "product_ids"}``; ``upgrade_details``: ``{"campaign_id", "amount",
        "metric"}``. Not retried after an error that may have reached the server."""
        return await self._call(self.create, locals())

    @op("GET", "/company/campaigns/{id}")
    async def retrieve(self, id: Id) -> Campaign:
        """One campaign."""
        return await self._call(self.retrieve, locals())

    @op("PUT", "/company/campaigns/{id}", require_any=True)
    async def update(
        self,
        id: Id,
        *,
        name: str | None = None,
        landing_url: str | None = None,
        ref_token_param: TokenParam | None = None,
        visitor_cookie_life: int | None = None,
        color: str | None = None,
        auto_approve_promoters: bool | None = None,
        is_private: bool | None = None,
        track_ad_traffic: AdTraffic | None = None,
        links: Objects | None = None,
        upgrade_details: Mapping[str, Any] | None = None,
        rewards_for_promoters: Objects | None = None,
        rewards_for_referrals: Objects | None = None,
    ) -> Campaign:
        """Change a campaign (at least one field); a link with ``"_destroy": True`` is
        removed."""
        return await self._call(self.update, locals())

    @op("DELETE", "/company/campaigns/{id}")
    async def delete(self, id: Id) -> Campaign:
        """Delete a campaign; the answer is the campaign as it was."""
        return await self._call(self.delete, locals())
