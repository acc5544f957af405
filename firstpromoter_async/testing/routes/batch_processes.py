"""Fake ``/company/batch_processes``: the jobs behind bulk actions, and their progress."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._http import error, json_response, page_of, query_of, state_of

__all__ = ["routes"]

routes = web.RouteTableDef()
BASE = "/api/v2/company/batch_processes"


def _statuses(query: dict[str, Any]) -> set[str] | None:
    wanted = (query.get("filters") or {}).get("status")
    if wanted is None:
        return None
    return {wanted} if isinstance(wanted, str) else set(wanted)


@routes.get(BASE)
async def list_batch_processes(request: web.Request) -> web.Response:
    state = state_of(request)
    statuses = _statuses(query_of(request))
    state.catch_up_batches()
    found = [
        job.process
        for job in state.batches.values()
        if statuses is None or job.process["status"] in statuses
    ]
    return page_of(request, found, envelope=False)


@routes.get(BASE + "/progress")
async def batch_progress(request: web.Request) -> web.Response:
    state = state_of(request)
    state.poll_batches()  # each poll moves the fake's jobs along
    return json_response(state.progress(_statuses(query_of(request))))


@routes.get(BASE + "/{id}")
async def retrieve_batch_process(request: web.Request) -> web.Response:
    state = state_of(request)
    state.catch_up_batches()
    job = state.batches.get(int(request.match_info["id"]))
    if job is None:
        return error(404, "Batch process not found", "not_found")
    return json_response(job.process)
