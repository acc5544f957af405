"""Invoices of promoters' payouts (``/company/invoices``) and the invoice template."""

from __future__ import annotations

from .._batch import BatchWait
from .._fields import Filtered, Filters, Id, Ids, Unpack
from .._operation import op
from .._pagination import AsyncPaginator
from .._resource import APIResource
from ..models.batch_process import BatchProcess
from ..models.file import FileResult
from ..models.invoice import Invoice, InvoiceHTML, InvoiceMessage

__all__ = ["Invoices"]


class Invoices(APIResource):
    """Invoices of promoters' payouts (``/company/invoices``)."""

    # the vendor's file gives the list the answer of ``preview`` ({"data": {"html"}}), yet
    # says it "returns all invoices": decoded as invoices (a bare array or {"data", "meta"})
    @op("GET", "/company/invoices")
    def list(self, **paging: Unpack[Filtered]) -> AsyncPaginator[Invoice]:
        """Invoices, filtered by ``promoter_id`` or ``status``; a lazy paginator. Keywords:
        ``Filtered``."""
        return self._paginate(self.list, locals())

    @op("GET", "/company/invoices/{id}")
    async def retrieve(self, id: Id) -> Invoice:
        """One invoice, with its rendered ``html``."""
        return await self._call(self.retrieve, locals())

    @op("POST", "/company/invoices/void")
    async def void(self, *, ids: Ids, **waiting: Unpack[BatchWait]) -> BatchProcess:
        """Void invoices (a batch action, like ``commissions.approve``). Keywords: ``BatchWait``."""
        return await self._batch(self.void, locals())

    @op("POST", "/company/invoices/finalize")
    async def finalize(self, *, ids: Ids, **waiting: Unpack[BatchWait]) -> BatchProcess:
        """Finalize draft invoices (a batch action, like ``void``). Keywords: ``BatchWait``."""
        return await self._batch(self.finalize, locals())

    @op("DELETE", "/company/invoices/destroy")
    async def delete(self, *, ids: Ids, **waiting: Unpack[BatchWait]) -> BatchProcess:
        """Delete invoices (a batch action, like ``void``). Keywords: ``BatchWait``."""
        return await self._batch(self.delete, locals())

    @op("GET", "/company/invoices/export", accept="text/csv, application/json")
    async def export(self, *, filters: Filters = None) -> FileResult:
        """Invoices (``filters``: ``promoter_id``) as a CSV file, like ``reports.download``."""
        return await self._download(self.export, locals())

    @op("GET", "/company/invoices/export_zip")
    async def export_zip(self) -> InvoiceMessage:
        """Ask for every invoice's PDF in one zip, built in the background (HTTP 202)."""
        return await self._call(self.export_zip, locals())

    @op("GET", "/company/invoices/template", envelope=True)
    async def template(self) -> InvoiceHTML:
        """The invoice template in use, as HTML."""
        return await self._call(self.template, locals())

    @op("GET", "/company/invoices/preview", envelope=True)
    async def preview(self, *, promoter_id: Id, payout_ids: Ids | None = None) -> InvoiceHTML:
        """The invoice a promoter would get (for ``payout_ids``, else their due payouts)."""
        return await self._call(self.preview, locals())

    @op("POST", "/company/invoices/preview_template", envelope=True, retry="idempotent")
    async def preview_template(self, *, html: str, vat_invoice: bool | None = None) -> InvoiceHTML:
        """A template rendered with sample data (with VAT details when ``vat_invoice``)."""
        return await self._call(self.preview_template, locals())

    @op("PUT", "/company/invoices/custom_template", envelope=True)
    async def update_custom_template(self, *, html: str) -> InvoiceHTML:
        """Replace the invoice template; answers the new template."""
        return await self._call(self.update_custom_template, locals())
