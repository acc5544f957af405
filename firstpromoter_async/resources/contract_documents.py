"""Contract documents: each promoter's copy of a contract, as JSON (HTML inside) or a PDF."""

from __future__ import annotations

from typing import Literal, overload

from .._fields import Id, Search, Unpack
from .._operation import op
from .._pagination import AsyncPaginator
from .._resource import APIResource
from ..models.contract import ContractDocument, ContractDocumentFile

__all__ = ["ContractDocuments"]

PATH = "/company/contract_documents/{id}"


class ContractDocuments(APIResource):
    """Current contract documents (``/company/contract_documents``)."""

    @op("GET", "/company/contract_documents")
    def list(self, **search: Unpack[Search]) -> AsyncPaginator[ContractDocument]:
        """Documents; ``filters`` status (pending, signed), promoter_id, contract_id;
        ``sorting`` by created_at or signed_at. Keywords: ``Search``."""
        return self._paginate(self.list, locals())

    @overload
    async def retrieve(
        self, id: Id, *, content_type: Literal["html"] = ...
    ) -> ContractDocument: ...
    @overload
    async def retrieve(self, id: Id, *, content_type: Literal["pdf"]) -> ContractDocumentFile: ...
    async def retrieve(
        self, id: Id, *, content_type: Literal["html", "pdf"] = "html"
    ) -> ContractDocument | ContractDocumentFile:
        """One document: its HTML ``content`` (JSON), or with ``content_type="pdf"`` the PDF
        file (the same file result as ``reports.download``)."""
        if content_type == "pdf":
            return await self._pdf(id, content_type=content_type)
        return await self._html(id, content_type=content_type)

    @op("GET", PATH)
    async def _html(self, id: Id, *, content_type: Literal["html"]) -> ContractDocument:
        return await self._call(self._html, locals())

    @op("GET", PATH, accept="application/pdf, application/json")  # errors come as JSON
    async def _pdf(self, id: Id, *, content_type: Literal["pdf"]) -> ContractDocumentFile:
        return await self._download(self._pdf, locals())
