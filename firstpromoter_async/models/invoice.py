"""Invoices of promoters' payouts, and the invoice template."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ._base import Model
from .common import PromoterRef


class Invoice(Model):
    """An invoice; ``html`` (the rendered invoice) comes with ``invoices.retrieve`` only."""

    id: int
    number: str | None = None
    date: dt.date | None = None
    status: str | None = None
    """``draft``, ``open``, ``paid`` or ``voided``."""
    total: float | None = None
    total_incl_tax: float | None = None
    tax_rate: float | None = None
    pdf_url: str | None = None
    promoter: PromoterRef | None = None
    payouts: list[dict[str, Any]] | None = None
    html: str | None = None


class InvoiceHTML(Model):
    """An invoice template or preview, as HTML (the ``data`` of the answer)."""

    html: str | None = None


class InvoiceMessage(Model):
    """The answer of ``invoices.export_zip`` (HTTP 202): the zip is built in the background."""

    message: str | None = None
