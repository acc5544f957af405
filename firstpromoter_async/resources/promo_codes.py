"""Promo codes attached to promoters."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

import msgspec

from .._fields import Id, Paging, Unpack
from .._operation import op
from .._pagination import AsyncPaginator
from .._resource import APIResource
from ..models.promo_code import PromoCode

__all__ = ["PromoCodes"]

Code = Annotated[str, msgspec.Meta(pattern=r"^\S+$")]
"""A code without spaces."""


class PromoCodes(APIResource):
    """Promo codes that credit a promoter's campaign membership (``/company/promo_codes``)."""

    @op("GET", "/company/promo_codes")
    def list(
        self, *, promoter_campaign_id: Id | None = None, **paging: Unpack[Paging]
    ) -> AsyncPaginator[PromoCode]:
        """Promo codes, optionally only those of one membership (``promoter_campaign_id``);
        ``prefetch``: pages kept in flight ahead of the one being read (0: one after another).
        Keywords: ``Paging``.
        """
        return self._paginate(self.list, locals())

    @op("POST", "/company/promo_codes")
    async def create(
        self,
        *,
        code: Code,
        reward_id: Id,
        promoter_campaign_id: Id,
        description: str | None = None,
        metadata: Mapping[str, Any] | msgspec.Struct | None = None,
        details: Mapping[str, Any] | msgspec.Struct | None = None,
    ) -> PromoCode:
        """Create a promo code (Stripe accounts only): ``code`` is what customers type (e.g.
        ``"ANN20"``), ``reward_id`` the discount it gives, ``promoter_campaign_id`` the
        membership it credits (not the promoter's id; see ``Promoter.promoter_campaigns``).

        Not retried after a server error or a lost connection, since the server may have
        created it.
        """
        return await self._call(self.create, locals())

    @op("GET", "/company/promo_codes/{id}")
    async def retrieve(self, id: Id) -> PromoCode:
        """One promo code (archived ones too: see ``archived_at``)."""
        return await self._call(self.retrieve, locals())

    @op("PUT", "/company/promo_codes/{id}", require_any=True)
    async def update(
        self,
        id: Id,
        *,
        code: Code | None = None,
        description: str | None = None,
        promoter_campaign_id: Id | None = None,
        metadata: Mapping[str, Any] | msgspec.Struct | None = None,
        details: Mapping[str, Any] | msgspec.Struct | None = None,
    ) -> PromoCode:
        """Change a promo code; only the arguments given are sent (at least one). The API
        refuses (422) to change an archived code that exists at the billing provider (has an
        ``ext_id``)."""
        return await self._call(self.update, locals())

    @op("DELETE", "/company/promo_codes/{id}")
    async def archive(self, id: Id) -> None:
        """Archive a promo code; ``retrieve`` still returns it, with ``archived_at`` set."""
        return await self._call(self.archive, locals())
