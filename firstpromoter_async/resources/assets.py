"""Marketing assets (``/company/assets``) and their categories."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from functools import cached_property
from typing import Annotated, TypedDict

from .._batch import BatchWait
from .._fields import File, Filtered, Id, Ids, Paging, Unpack, one_of
from .._operation import op
from .._pagination import AsyncPaginator
from .._resource import APIResource
from ..models.asset import Asset, AssetCategory
from ..models.batch_process import BatchProcess

__all__ = ["AssetCategories", "AssetCategoryChange", "Assets"]

AssetType = Annotated[str, one_of("image", "document", "link", "text")]


class _CategoryFields(TypedDict):
    name: str
    position: int


class AssetCategoryChange(_CategoryFields, total=False):
    """One category in ``assets.categories.update``: without ``id`` it is created; with ``id``
    updated, or deleted with ``"_destroy": True``."""

    id: Id
    _destroy: bool


class AssetCategories(APIResource):
    """Categories of assets (``/company/assets/categories``)."""

    @op("GET", "/company/assets/categories")
    def list(self, **paging: Unpack[Paging]) -> AsyncPaginator[AssetCategory]:
        """Every asset category, by position (a lazy paginator). Keywords: ``Paging``."""
        return self._paginate(self.list, locals())

    @op("PUT", "/company/assets/categories", require_any=True)
    async def update(
        self, *, asset_categories: Iterable[AssetCategoryChange] | None = None
    ) -> builtins.list[AssetCategory]:
        """Create, update and delete categories in one call; answers every category."""
        return await self._call(self.update, locals())


class Assets(APIResource):
    """Marketing assets (``/company/assets``); their categories are ``.categories``."""

    @cached_property
    def categories(self) -> AssetCategories:
        """Categories of assets."""
        return AssetCategories(self._client)

    @op("GET", "/company/assets")
    def list(self, *, q: str | None = None, **paging: Unpack[Filtered]) -> AsyncPaginator[Asset]:
        """Assets, searched by name or url (``q``) and filtered (``category_id``: ``"not_set"``
        for none); a lazy paginator. Keywords: ``Filtered``."""
        return self._paginate(self.list, locals())

    @op("POST", "/company/assets")
    async def create(
        self,
        *,
        name: str,
        asset_type: AssetType,
        file: File | None = None,
        url: str | None = None,
        category_id: Id | None = None,
        allowed_campaign_ids: Ids | None = None,
        content: str | None = None,
        landing_page_url: str | None = None,
    ) -> Asset:
        """Create an asset; with ``file`` (bytes, a path, or a binary file object, read once)
        the request is ``multipart/form-data``."""
        return await self._call(self.create, locals())

    @op("GET", "/company/assets/{id}")
    async def retrieve(self, id: Id) -> Asset:
        """One asset."""
        return await self._call(self.retrieve, locals())

    @op("PUT", "/company/assets/{id}", require_any=True)
    async def update(
        self,
        id: Id,
        *,
        name: str | None = None,
        asset_type: AssetType | None = None,
        file: File | None = None,
        url: str | None = None,
        category_id: Id | None = None,
        allowed_campaign_ids: Ids | None = None,
        content: str | None = None,
        landing_page_url: str | None = None,
    ) -> Asset:
        """Change an asset (at least one field); ``file`` as for ``create``."""
        return await self._call(self.update, locals())

    @op("PUT", "/company/assets/update_category")
    async def update_category(
        self, *, ids: Ids, category_id: Id | None, **waiting: Unpack[BatchWait]
    ) -> BatchProcess:
        """Move assets to a category (``None``: none); a batch action like ``delete``. Keywords:
        ``BatchWait``."""
        return await self._batch(self.update_category, locals())

    @op("DELETE", "/company/assets/destroy")
    async def delete(self, *, ids: Ids, **waiting: Unpack[BatchWait]) -> BatchProcess:
        """Delete assets (a batch action, like ``commissions.approve``). Keywords: ``BatchWait``."""
        return await self._batch(self.delete, locals())
