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
    except Refused as refused:
        if request.path.startswith("/api/v1/"):
            return v1_error(refused.status, refused.message)
        return error(refused.status, refused.message, refused.code)


@web.middleware
async def _faults(request: web.Request, handler: Handler) -> web.StreamResponse:
    fault = request.app[STATE].take_fault(request.method, request.path)
    if fault is None:
        return await handler(request)
    return await _inject(request, handler, fault)


async def _inject(request: web.Request, handler: Handler, fault: Fault) -> web.StreamResponse:
    # with ``after`` the work is done first; the client may never hear of it
    done = await handler(request) if fault.after else None
    if fault.delay:
        await asyncio.sleep(fault.delay)
    if fault.kind == "delay":
        return done if done is not None else await handler(request)
    if fault.kind == "reset":
        if request.transport is not None:
            request.transport.close()
        return web.Response(status=500)
    if fault.kind == "invalid_json":
        return web.Response(body=b'{"id": 1, "oops', content_type="application/json")
    if fault.kind == "html":
        page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
        return web.Response(body=fault.body or page, status=fault.status, content_type="text/html")
    if fault.kind == "truncate":
        response = web.StreamResponse(status=200, headers={"Content-Type": "application/json"})
        response.content_length = 1000
        await response.prepare(request)
        await response.write(b'{"id": 1, "email": "trunc')
        if request.transport is not None:
            request.transport.close()
        return response
    headers = {}
    if fault.retry_after is not None:
        headers["Retry-After"] = f"{fault.retry_after:g}"
    body = fault.body or b'{"message": "Injected fault", "code": "injected"}'
    return web.Response(
        body=body, status=fault.status, headers=headers, content_type="application/json"
    )


@web.middleware
async def _rate_limit(request: web.Request, handler: Handler) -> web.StreamResponse:
    state = request.app[STATE]
    limit = state.rate_limit_per_minute
    if limit is None or request.path.startswith("/_fake"):
        return await handler(request)
    account = request.headers.get("Account-ID") or request.headers.get("x-api-key") or "-"
    window = state.request_times.setdefault(account, deque())
    now = time.monotonic()
    span = state.rate_limit_window
    while window and window[0] <= now - span:
        window.popleft()
    if len(window) >= limit:
        retry_after = max(1, math.ceil(window[0] + span - now))
        response = error(429, "Too many requests", "rate_limited")
        response.headers["Retry-After"] = str(retry_after)
        return response
    window.append(now)
    return await handler(request)


@web.middleware
async def _auth(request: web.Request, handler: Handler) -> web.StreamResponse:
    state = request.app[STATE]
    if request.path.startswith(("/api/v2/", "/api/admin/")):  # admin: v2 credentials
        token = request.headers.get("Authorization", "")
        if token != f"Bearer {state.api_key}":
            return error(401, "Unauthenticated", "unauthenticated")
        if request.headers.get("Account-ID") != state.account_id:
            return error(403, "Invalid account", "forbidden")
    elif request.path.startswith("/api/v1/") and request.headers.get("x-api-key") != (
        state.v1_api_key or state.api_key
    ):
        return error(401, "Unauthenticated", "unauthenticated")
    return await handler(request)


def create_app(state: FakeState | None = None) -> web.Application:
    """The fake API as an ``aiohttp.web.Application`` around ``state``."""
    app = web.Application(middlewares=[_journal, _faults, _rate_limit, _auth, _refusals])
    app[STATE] = state if state is not None else FakeState()
    app.add_routes(control_routes)
    for table in ROUTE_TABLES:
        app.add_routes(table)
    return app
