"""Fake ``/company/invoices``: invoices, their bulk actions, exports and the template."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._builders import Apply, batch_action, collection, filtered, record_route
from .._http import body_of, json_response, query_of, state_of
from .._state import FakeState, Record, Refused
from ..domain.invoices import invoice_html, render_invoice, template

__all__ = ["routes"]

routes = web.RouteTableDef()
BASE = "/api/v2/company/invoices"
FILTERS: dict[str, Any] = {
    "status": "status",
    "promoter_id": lambda invoice: invoice["promoter"]["id"],
}


def _html(data: str) -> web.Response:
    return json_response({"data": {"html": data}})


@routes.get(BASE + "/export")  # the named routes go before BASE/{id}
async def export(request: web.Request) -> web.Response:
    found = filtered(state_of(request).table("invoices"), query_of(request), filters=FILTERS)
    lines = ["id,number,date,status,total,promoter_email"] + [
        f"{i['id']},{i['number']},{i['date']},{i['status']},{i['total']},{i['promoter']['email']}"
        for i in found
    ]
    disposition = {"Content-Disposition": 'attachment; filename="invoices.csv"'}
    return web.Response(text="\n".join(lines) + "\n", content_type="text/csv", headers=disposition)


@routes.get(BASE + "/export_zip")
async def export_zip(request: web.Request) -> web.Response:
    message = "The invoices are being exported. You will receive an email with the zip file."
    return json_response({"message": message}, status=202)


@routes.get(BASE + "/template")
async def show_template(request: web.Request) -> web.Response:
    return _html(template(state_of(request)))


@routes.get(BASE + "/preview")
async def preview(request: web.Request) -> web.Response:
    state, query = state_of(request), query_of(request)
    return _html(invoice_html(state, template(state), "PREVIEW", query.get("promoter_id")))


async def _given_html(request: web.Request) -> str:
    html = (await body_of(request)).get("html")
    if not isinstance(html, str) or not html:
        raise Refused(422, "param is missing or the value is empty: html")
    return html


@routes.post(BASE + "/preview_template")
async def preview_template(request: web.Request) -> web.Response:
    html, vat = await _given_html(request), (await body_of(request)).get("vat_invoice")
    return _html(html.replace("{{number}}", "SAMPLE") + ("<p>VAT</p>" if vat else ""))


@routes.put(BASE + "/custom_template")
async def update_custom_template(request: web.Request) -> web.Response:
    return _html(template(state_of(request), await _given_html(request)))


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


MOVES = {"void": (("draft", "open"), "voided"), "finalize": (("draft",), "open")}
for name, (allowed, to) in {**MOVES, "destroy": (("draft", "voided"), None)}.items():
    method = "POST" if to else "DELETE"
    batch_action(
        routes, method, f"{BASE}/{name}", "invoices", f"invoice/{name}", _move(allowed, to)
    )
collection(routes, BASE, "invoices", filters=FILTERS, retrieve=False)
record_route(
    routes, "GET", BASE + "/{id}", "invoices", lambda state, i, _: render_invoice(state, i)
)
