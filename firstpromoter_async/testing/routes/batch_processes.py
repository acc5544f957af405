"""Fake ``/company/batch_processes``: the jobs behind bulk actions, and their progress."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._builders import Page, route
from .._state import FakeState, Record, Refused

routes = web.RouteTableDef()
BASE = "/api/v2/company/batch_processes"


def _statuses(query: dict[str, Any]) -> set[str] | None:
    wanted = (query.get("filters") or {}).get("status")
    return None if wanted is None else {wanted} if isinstance(wanted, str) else set(wanted)


@route(routes, "GET", BASE)
def list_batch_processes(state: FakeState, query: dict[str, Any]) -> Page:
    state.catch_up_batches()
    statuses, found = _statuses(query), [job.process for job in state.batches.values()]
    return Page([p for p in found if statuses is None or p["status"] in statuses])


@route(routes, "GET", BASE + "/progress")
def batch_progress(state: FakeState, query: dict[str, Any]) -> dict[str, int]:
    state.poll_batches()  # each poll moves the fake's jobs along
    return state.progress(_statuses(query))


@route(routes, "GET", BASE + "/{id}")
def retrieve_batch_process(state: FakeState, params: dict[str, Any]) -> Record:
    state.catch_up_batches()
    job = state.batches.get(int(params["id"]))
    if job is None:
        raise Refused(404, "Batch process not found", "not_found")
    return job.process
