"""``/_fake/...``: control the fake over HTTP (for tools that do not run in Python).

- ``POST /_fake/reset`` forgets everything.
- ``GET /_fake/requests`` lists the journal (method, path, query, status, JSON or form body).
- ``POST /_fake/faults`` with a JSON ``Fault`` (path, method, kind, status, times, retry_after,
  delay) makes the next matching requests fail.
- ``POST /_fake/seed`` with ``{"promoters": N, "commissions": M}`` adds realistic records.
"""

from __future__ import annotations

from aiohttp import web

from ._http import error, json_response, state_of
from ._seed import seed_commissions, seed_promoters
from ._state import Fault

__all__ = ["routes"]

routes = web.RouteTableDef()


@routes.post("/_fake/reset")
async def reset(request: web.Request) -> web.Response:
    state_of(request).reset()
    return json_response({"reset": True})


@routes.get("/_fake/requests")
async def journal(request: web.Request) -> web.Response:
    shown = ("method", "path", "query", "status", "json", "form", "peer")
    journal = [r for r in state_of(request).journal if not r.path.startswith("/_fake")]
    return json_response([{key: getattr(r, key) for key in shown} for r in journal])


@routes.post("/_fake/faults")
async def add_fault(request: web.Request) -> web.Response:
    try:
        spec = await request.json()
        fault = Fault(**spec)
    except (ValueError, TypeError) as exc:
        return error(400, f"bad fault: {exc}", "bad_request")
    state_of(request).faults.append(fault)
    return json_response({"added": spec}, status=201)


@routes.post("/_fake/seed")
async def seed(request: web.Request) -> web.Response:
    state, spec = state_of(request), await request.json()
    promoters = seed_promoters(state, int(spec.get("promoters", 0)))
    commissions = seed_commissions(state, int(spec.get("commissions", 0)))
    return json_response({"promoters": len(promoters), "commissions": len(commissions)})
