"""Fake ``/company/batch_processes``: the jobs behind bulk actions, and their progress."""

from __future__ import annotations

from aiohttp import web

from .._http import error, json_response, page_of, query_of, state_of

__all__ = ["routes"]

routes = web.RouteTableDef()
BASE = "/api/v2/company/batch_processes"


def _statuses(request: web.Request) -> set[str] | None:
    wanted = (query_of(request).get("filters") or {}).get("status")
    return None if wanted is None else {wanted} if isinstance(wanted, str) else set(wanted)


@routes.get(BASE)
async def list_batch_processes(request: web.Request) -> web.Response:
    state, statuses = state_of(request), _statuses(request)
    state.catch_up_batches()
    found = [job.process for job in state.batches.values()]
    found = [p for p in found if statuses is None or p["status"] in statuses]
    return page_of(request, found, envelope=False)


@routes.get(BASE + "/progress")
async def batch_progress(request: web.Request) -> web.Response:
    state = state_of(request)
    state.poll_batches()  # each poll moves the fake's jobs along
    return json_response(state.progress(_statuses(request)))


@routes.get(BASE + "/{id}")
async def retrieve_batch_process(request: web.Request) -> web.Response:
    state = state_of(request)
    state.catch_up_batches()
    job = state.batches.get(int(request.match_info["id"]))
    if job is None:
        return error(404, "Batch process not found", "not_found")
    return json_response(job.process)
