"""Contracts: the terms promoters accept."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import msgspec

from .._fields import Id, Paging, Unpack
from .._operation import op, when
from .._pagination import AsyncPaginator
from .._resource import APIResource
from ..models.contract import Contract

__all__ = ["Contracts"]

Label = Annotated[str, msgspec.Meta(pattern=r"\[(\S.*)\]")]
"""The checkbox label, with the link text in brackets: ``"I accept the [terms]"``."""
_HOSTED = (when("content_hosted", True, "content"), when("content_hosted", False, "external_link"))


class Contracts(APIResource):
    """Contracts (``/company/contracts``); answers keep their JSON in ``raw``."""

    @op("GET", "/company/contracts")
    def list(self, **paging: Unpack[Paging]) -> AsyncPaginator[Contract]:
        """Every contract; a lazy paginator. Keywords: ``Paging``."""
        return self._paginate(self.list, locals())

    @op("POST", "/company/contracts", checks=_HOSTED)
    async def create(
        self,
        *,
        name: str,
        checkbox_label: Label,
        content_hosted: bool,
        content: str | None = None,
        external_link: str | None = None,
        campaign_ids: Sequence[Id] | None = None,
    ) -> Contract:
        """Create a contract: hosted ``content``, or an ``external_link`` when
        ``content_hosted`` is false."""
        return await self._call(self.create, locals())

    @op("GET", "/company/contracts/{id}")
    async def retrieve(self, id: Id) -> Contract:
        """One contract."""
        return await self._call(self.retrieve, locals())

    @op("PUT", "/company/contracts/{id}", checks=_HOSTED)
    async def update(
        self,
        id: Id,
        *,
        name: str,
        checkbox_label: Label,
        content_hosted: bool,
        content: str | None = None,
        external_link: str | None = None,
        campaign_ids: Sequence[Id] | None = None,
        default: bool | None = None,
    ) -> Contract:
        """Replace a contract (the API wants name, label and hosting every time)."""
        return await self._call(self.update, locals())

    @op("DELETE", "/company/contracts/{id}")
    async def delete(self, id: Id) -> None:
        """Delete a contract."""
        return await self._call(self.delete, locals())
