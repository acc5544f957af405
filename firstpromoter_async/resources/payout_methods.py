"""Payout methods: how each promoter is paid."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from .._exceptions import InvalidRequestError
from .._fields import Filtered, Id, Unpack
from .._operation import op
from .._pagination import AsyncPaginator
from .._resource import APIResource
from ..models.payout import PayoutMethodDetails

__all__ = ["PayoutMethods"]

Method = Literal["paypal", "bank", "wise", "crypto", "custom", "dots"]


def _promoter_given(fields: dict[str, Any]) -> None:
    if "promoter_id" not in (fields.get("filters") or {}):
        raise InvalidRequestError("filters.promoter_id", "is required: the promoter whose methods")


class PayoutMethods(APIResource):
    """Promoters' payout methods (``/company/payout_methods``)."""

    @op("GET", "/company/payout_methods", checks=[_promoter_given])
    def list(self, **paging: Unpack[Filtered]) -> AsyncPaginator[PayoutMethodDetails]:
        """One promoter's payout methods: ``filters={"promoter_id": ...}`` is required. Keywords:
        ``Filtered``."""
        return self._paginate(self.list, locals())

    @op("POST", "/company/payout_methods")
    async def create(
        self,
        *,
        method: Method,
        promoter_id: Id,
        details: Mapping[str, Any],
        is_disabled: bool | None = None,
        is_selected: bool | None = None,
    ) -> PayoutMethodDetails:
        """Add a payout method; ``details`` as the method needs (``{"paypal_email": ...}``,
        bank fields, ``wise_email``, ``wallet_address`` + ``crypto_currency``)."""
        return await self._call(self.create, locals())

    @op("GET", "/company/payout_methods/{id}")
    async def retrieve(self, id: Id) -> PayoutMethodDetails:
        """One payout method."""
        return await self._call(self.retrieve, locals())

    @op("PUT", "/company/payout_methods/{id}")
    async def update(
        self,
        id: Id,
        *,
        method: Method,
        promoter_id: Id,
        details: Mapping[str, Any],
        is_disabled: bool | None = None,
        is_selected: bool | None = None,
    ) -> PayoutMethodDetails:
        """Replace a payout method (the API wants method, promoter and details every time)."""
        return await self._call(self.update, locals())

    @op("DELETE", "/company/payout_methods/{id}")
    async def delete(self, id: Id) -> None:
        """Delete a payout method (the server answers with no body)."""
        return await self._call(self.delete, locals())
