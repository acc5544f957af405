"""Fake ``/company/invoices``: invoices, their bulk actions, exports and the template."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiohttp import web

from .._builders import Apply, batch_actions, collection, filtered, record_route, route
from .._state import FakeState, Record, Refused
from ..domain.invoices import invoice_html, render_invoice, template

routes = web.RouteTableDef()
BASE = "/api/v2/company/invoices"
FILTERS: dict[str, Any] = {"status": "status", "promoter_id": lambda i: i["promoter"]["id"]}


@route(routes, "GET", BASE + "/export")  # the named routes go before BASE/{id}
def export(state: FakeState, query: dict[str, Any]) -> web.Response:
    found = filtered(state.table("invoices"), query, filters=FILTERS)
    lines = ["id,number,date,status,total,promoter_email"] + [
        f"{i['id']},{i['number']},{i['date']},{i['status']},{i['total']},{i['promoter']['email']}"
        for i in found
    ]
    disposition = {"Content-Disposition": 'attachment; filename="invoices.csv"'}
    return web.Response(text="\n".join(lines) + "\n", content_type="text/csv", headers=disposition)


ZIP = "The invoices are being exported. You will receive an email with the zip file."
route(routes, "GET", BASE + "/export_zip", status=202)(lambda *_: {"message": ZIP})


def _given(body: dict[str, Any]) -> str:
    if not isinstance(body.get("html"), str) or not body["html"]:
        raise Refused(422, "param is missing or the value is empty: html")
    return str(body["html"])


def _sample(body: dict[str, Any]) -> str:
    return _given(body).replace("{{number}}", "SAMPLE") + ("VAT" if body.get("vat_invoice") else "")


def _html(method: str, name: str, html: Callable[[FakeState, dict[str, Any]], str]) -> None:
    """``METHOD BASE/name`` answering ``{"data": {"html": html(state, params)}}``."""
    route(routes, method, f"{BASE}/{name}")(lambda state, p: {"data": {"html": html(state, p)}})


_html("GET", "template", lambda state, _: template(state))
_html(
    "GET", "preview", lambda state, query: invoice_html(state, "PREVIEW", query.get("promoter_id"))
)
_html("POST", "preview_template", lambda state, body: _sample(body))
_html("PUT", "custom_template", lambda state, body: template(state, _given(body)))


def _move(allowed: tuple[str, ...], to: str | None) -> Apply:
    """Move an invoice in ``allowed`` to status ``to`` (``None``: delete it)."""

    def apply(state: FakeState, invoice: Record, body: dict[str, Any]) -> str | None:
        if invoice["status"] not in allowed:
            return f"Invoice {invoice['id']} is {invoice['status']}"
        if to is None:
            state.table("invoices").delete(invoice["id"])
        invoice["status"] = to
        return None

    return apply


MOVES = {
    "POST /void": _move(("draft", "open"), "voided"),
    "POST /finalize": _move(("draft",), "open"),
    "DELETE /destroy": _move(("draft", "voided"), None),
}
batch_actions(routes, BASE, "invoices", MOVES)
collection(routes, BASE, "invoices", filters=FILTERS, retrieve=False)
record_route(routes, "GET", BASE + "/{id}", "invoices")(render_invoice)
