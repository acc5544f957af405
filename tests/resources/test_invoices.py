"""Invoices and the invoice template: every operation on the wire, and state in the fake."""

from __future__ import annotations

import datetime as dt

from firstpromoter_async import (
    AsyncFirstPromoter,
    BatchProcess,
    FileResult,
    Invoice,
    InvoiceHTML,
    InvoiceMessage,
)
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_async.testing.domain.invoices import new_invoice
from firstpromoter_async.testing.domain.promoters import new_promoter

from ..operations import bad, row

TODAY = dt.date.today().isoformat()
STATES = ("voided", "open", "open", "open", "open", "open")


def _seed(fake: FakeFirstPromoter, count: int = 3) -> None:
    promoter = new_promoter(fake.state, email="ann@example.com")
    for _ in range(count):
        new_invoice(fake.state, promoter)


INV = "/company/invoices"
OPERATIONS = [
    row(
        "invoices.list",
        f"GET {INV}?filters[status]=draft&filters[promoter_id]=1",
        Invoice,
        _seed,
        filters={"status": "draft", "promoter_id": 1},
    ),
    row("invoices.retrieve", f"GET {INV}/2", Invoice, _seed, 2),
    row("invoices.void", f"POST {INV}/void", BatchProcess, _seed, ids=[1, 2]),
    row("invoices.finalize", f"POST {INV}/finalize", BatchProcess, _seed, ids=[1, 2]),
    row("invoices.delete", f"DELETE {INV}/destroy", BatchProcess, _seed, ids=[1, 2]),
    row(
        "invoices.export",
        f"GET {INV}/export?filters[promoter_id]=1",
        FileResult,
        _seed,
        filters={"promoter_id": 1},
    ),
    row("invoices.export_zip", f"GET {INV}/export_zip", InvoiceMessage),
    row("invoices.template", f"GET {INV}/template", InvoiceHTML),
    row(
        "invoices.preview",
        f"GET {INV}/preview?promoter_id=1&payout_ids[]=4&payout_ids[]=5",
        InvoiceHTML,
        _seed,
        promoter_id=1,
        payout_ids=[4, 5],
    ),
    row(
        "invoices.preview_template",
        f"POST {INV}/preview_template",
        InvoiceHTML,
        None,
        html="{{number}}",
        vat_invoice=True,
    ),
    row(
        "invoices.update_custom_template",
        f"PUT {INV}/custom_template",
        InvoiceHTML,
        None,
        html="<h2>{{number}}</h2>",
    ),
]


async def test_invoices_lifecycle(client: AsyncFirstPromoter, fake: FakeFirstPromoter) -> None:
    _seed(fake, 8)
    progress: list[float] = []
    done = await client.invoices.finalize(
        ids=range(1, 8), on_progress=lambda p: progress.append(p.progress)
    )
    assert (done.status, done.action_label, progress[-1]) == ("completed", "invoice/finalize", 100)
    assert [i.id async for i in client.invoices.list(filters={"status": "open"})] == list(
        range(1, 8)
    )
    voided = await client.invoices.void(ids=[1, 2])
    assert (voided.succeeded, (await client.invoices.retrieve(1)).status) == (True, "voided")
    refused = await client.invoices.delete(ids=[1, 3, 8])  # an open invoice is not deleted
    assert refused.processing_errors == ["Invoice 3 is open"]
    assert [i.id async for i in client.invoices.list()] == [2, 3, 4, 5, 6, 7]
    await client.invoices.update_custom_template(html="<h2>{{number}} for {{promoter_email}}</h2>")
    assert (await client.invoices.template()).html == "<h2>{{number}} for {{promoter_email}}</h2>"
    assert (await client.invoices.retrieve(2)).html == "<h2>INV-0002 for ann@example.com</h2>"
    csv = await client.invoices.export(filters={"promoter_id": 1})
    assert (csv.filename, csv.content_type, csv.ready) == ("invoices.csv", "text/csv", True)
    rows = [f"{n},INV-000{n},{TODAY},{s},100.0,ann@example.com" for n, s in enumerate(STATES, 2)]
    assert csv.text().splitlines()[1:] == rows
    assert (await client.invoices.export_zip()).message
    assert fake.requests("GET", "/company/invoices/export_zip")[0].status == 202


INVALID = [
    bad("invoices.list", "filters.status", filters={"status": "sent"}),
    bad("invoices.list", "filters.number", filters={"number": "INV-1"}),
    bad("invoices.retrieve", "id", 0),
    bad("invoices.export", "filters.status", filters={"status": "open"}),
    bad("invoices.void", "ids", ids=[]),
    bad("invoices.finalize", "ids", ids=["a"]),
    bad("invoices.delete", "ids", ids=[-1]),
    bad("invoices.preview", "promoter_id", promoter_id=0),
    bad("invoices.preview", "payout_ids", promoter_id=1, payout_ids=[0]),
    bad("invoices.preview_template", "html", html=5),
    bad("invoices.preview_template", "vat_invoice", html="x", vat_invoice="yes"),
    bad("invoices.update_custom_template", "html", html=None),
]
