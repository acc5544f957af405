"""Products: the provider products and prices rewards apply to."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .._fields import Id, Paging, Unpack
from .._operation import op
from .._pagination import AsyncPaginator
from .._resource import APIResource
from ..models.product import Product

__all__ = ["Products"]

Prices = Sequence[Mapping[str, Any]]


class Products(APIResource):
    """Products of the account (``/company/products``)."""

    @op("GET", "/company/products")
    def list(self, *, q: str | None = None, **paging: Unpack[Paging]) -> AsyncPaginator[Product]:
        """Products, optionally searched by name (``q``); a lazy paginator. Keywords: ``Paging``."""
        return self._paginate(self.list, locals())

    @op("POST", "/company/products")
    async def create(self, *, name: str, prices: Prices, ext_id: str | None = None) -> Product:
        """Create a product; ``prices``: ``{"ext_id", "desc"}`` (ext ids unique within it)."""
        return await self._call(self.create, locals())

    @op("GET", "/company/products/{id}")
    async def retrieve(self, id: Id) -> Product:
        """One product."""
        return await self._call(self.retrieve, locals())

    @op("PUT", "/company/products/{id}")
    async def update(
        self, id: Id, *, prices: Prices, name: str | None = None, ext_id: str | None = None
    ) -> Product:
        """Change a product; the API wants its whole ``prices`` list every time."""
        return await self._call(self.update, locals())

    @op("DELETE", "/company/products/{id}")
    async def delete(self, id: Id) -> None:
        """Delete a product."""
        return await self._call(self.delete, locals())
