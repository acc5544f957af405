"""Records of invoices and the invoice template: factories and renderers, no HTTP."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .._state import FakeState, Record, Refused

__all__ = ["invoice_html", "new_invoice", "render_invoice", "template"]

DEFAULT_TEMPLATE = "<h1>Invoice {{number}}</h1><p>{{promoter_email}}</p>"


def new_invoice(state: FakeState, promoter: Record, **fields: Any) -> Record:
    """Create an invoice of ``promoter`` (a draft of 100.0 unless ``fields`` say otherwise)."""
    id = state.table("invoices").next_id()
    record = {
        "id": id,
        "number": f"INV-{id:04d}",
        "date": dt.date.today().isoformat(),
        "status": "draft",
        "total": 100.0,
        "total_incl_tax": 100.0,
        "tax_rate": 0.0,
        "pdf_url": f"https://invoices.fake.firstpromoter.test/INV-{id:04d}.pdf",
        "promoter": {k: promoter[k] for k in ("id", "email", "name")},
        "payouts": [],
    }
    return state.table("invoices").insert({**record, **fields})


def template(state: FakeState, html: str | None = None) -> str:
    """The invoice template, replaced by ``html`` when given."""
    settings = state.table("invoice_template")
    if html is not None:
        settings.insert({"id": 1, "html": html})
    current = settings.get(1)
    return DEFAULT_TEMPLATE if current is None else str(current["html"])


def invoice_html(state: FakeState, number: str, promoter_id: Any) -> str:
    """The template with an invoice's placeholders filled in."""
    promoter = state.table("promoters").get(int(promoter_id or 0))
    if promoter is None:
        raise Refused(422, "Promoter not found")
    return (
        template(state)
        .replace("{{number}}", number)
        .replace("{{promoter_email}}", promoter["email"])
    )


def render_invoice(state: FakeState, invoice: Record, params: Any = None) -> Record:
    """An invoice as ``retrieve`` shows it: with its ``html``."""
    return {**invoice, "html": invoice_html(state, invoice["number"], invoice["promoter"]["id"])}
