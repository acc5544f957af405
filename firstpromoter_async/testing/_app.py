"""The fake FirstPromoter ``aiohttp.web`` application: journal, faults, rate limit, auth, routes."""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable

from aiohttp import web

from ._control import routes as control_routes
from ._http import STATE, error, record_request, v1_error
from ._state import FakeState, Fault, Refused
from .routes import ROUTE_TABLES

__all__ = ["create_app"]

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def _journal(request: web.Request, handler: Handler) -> web.StreamResponse:
    record = await record_request(request)
    response = await handler(request)
    record.status = response.status
    return response


@web.middleware
async def _refusals(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except Refused as no:
        v1 = request.path.startswith("/api/v1/") and no.code is not None
        return v1_error(no.status, no.message) if v1 else error(no.status, no.message, no.code)


@web.middleware
async def _faults(request: web.Request, handler: Handler) -> web.StreamResponse:
    fault = request.app[STATE].take_fault(request.method, request.path)
    return await (handler(request) if fault is None else _inject(request, handler, fault))


async def _inject(request: web.Request, handler: Handler, fault: Fault) -> web.StreamResponse:
    # with ``after`` the work is done first; the client may never hear of it
    done = await handler(request) if fault.after else None
    if fault.delay:
        await asyncio.sleep(fault.delay)
    if fault.kind == "delay":
        return done if done is not None else await handler(request)
    response: web.StreamResponse = web.Response(status=500)
    if fault.kind == "truncate":  # announce 1000 bytes, send a few, hang up
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        response.content_length = 1000
        await response.prepare(request)
        await response.write(b'{"id": 1, "email": "trunc')
    if fault.kind in ("reset", "truncate"):
        if request.transport is not None:
            request.transport.close()
        return response
    if fault.kind == "invalid_json":
        return web.Response(body=b'{"id": 1, "oops', content_type="application/json")
    if fault.kind == "html":
        page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
        return web.Response(body=fault.body or page, status=fault.status, content_type="text/html")
    wait = {} if fault.retry_after is None else {"Retry-After": f"{fault.retry_after:g}"}
    body = fault.body or b'{"message": "Injected fault", "code": "injected"}'
    return web.Response(
        body=body, status=fault.status, headers=wait, content_type="application/json"
    )


@web.middleware
async def _rate_limit(request: web.Request, handler: Handler) -> web.StreamResponse:
    state, headers = request.app[STATE], request.headers
    limit, span, now = state.rate_limit_per_minute, state.rate_limit_window, time.monotonic()
    if limit is None or request.path.startswith("/_fake"):
        return await handler(request)
    account = headers.get("Account-ID") or headers.get("x-api-key") or "-"
    window = state.request_times.setdefault(account, deque())
    while window and window[0] <= now - span:
        window.popleft()
    if len(window) >= limit:
        response = error(429, "Too many requests", "rate_limited")
        response.headers["Retry-After"] = str(max(1, math.ceil(window[0] + span - now)))
        return response
    window.append(now)
    return await handler(request)


@web.middleware
async def _auth(request: web.Request, handler: Handler) -> web.StreamResponse:
    state = request.app[STATE]
    if request.path.startswith(("/api/v2/", "/api/admin/")):  # admin: v2 credentials
        if request.headers.get("Authorization", "") != f"Bearer {state.api_key}":
            return error(401, "Unauthenticated", "unauthenticated")
        if request.headers.get("Account-ID") != state.account_id:
            return error(403, "Invalid account", "forbidden")
    v1_key = state.v1_api_key or state.api_key
    if request.path.startswith("/api/v1/") and request.headers.get("x-api-key") != v1_key:
        return error(401, "Unauthenticated", "unauthenticated")
    return await handler(request)


def create_app(state: FakeState | None = None) -> web.Application:
    """The fake API as an ``aiohttp.web.Application`` around ``state``."""
    app = web.Application(middlewares=[_journal, _faults, _rate_limit, _auth, _refusals])
    app[STATE] = state if state is not None else FakeState()
    for table in (control_routes, *ROUTE_TABLES):
        app.add_routes(table)
    return app
