"""Contract documents: each promoter's copy of a contract."""

from __future__ import annotations

from typing import Literal

from .._fields import Filters, Id, PerPage, Sorting
from .._operation import op
from .._pagination import AsyncPaginator
from .._resource import APIResource
from ..models.contract import ContractDocument

__all__ = ["ContractDocuments"]


class ContractDocuments(APIResource):
    """Current contract documents (``/company/contract_documents``)."""

    @op("GET", "/company/contract_documents")
    def list(
        self,
        *,
        q: str | None = None,
        filters: Filters = None,
        sorting: Sorting = None,
        page: int = 1,
        per_page: PerPage = 100,
        prefetch: int = 1,
    ) -> AsyncPaginator[ContractDocument]:
        """Documents; ``filters`` status (pending, signed), promoter_id, contract_id;
        ``sorting`` by created_at or signed_at."""
        return self._paginate(self.list, locals())

    @op("GET", "/company/contract_documents/{id}")
    async def retrieve(self, id: Id, *, content_type: Literal["html"] = "html") -> ContractDocument:
        """One document with its HTML ``content``."""
        return await self._call(self.retrieve, locals())
