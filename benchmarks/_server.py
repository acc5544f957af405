"""The fake FirstPromoter server in a process of its own, shaped so that clients are measured.

``python -m benchmarks._server`` serves ``firstpromoter_async.testing.create_app`` on
127.0.0.1, prints its port and serves until its standard input closes. ``BenchServer`` starts it
from a benchmark and talks to its ``/_bench`` control routes. Differences from the test fake:

- no rate limit (``FakeState(rate_limit_per_minute=None)``);
- batch processes advance with time (``batch_progression="time"``, one step per
  ``TICK_SECONDS``), not with progress polls, so that a client polling each batch by id sees
  them finish as the SDK's poller does;
- hot read routes are answered from memory: GET answers under ``/company/promoters`` are
  cached until the next write, and unfiltered commission pages are sliced from a snapshot
  of the table. The fake otherwise re-renders every promoter (or filters every commission) on
  each list call, which would make the server, not the client, the thing measured.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import urllib.request
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from firstpromoter_async.testing import FakeState, create_app
from firstpromoter_async.testing._seed import seed_commissions, seed_promoters

__all__ = ["ROOT", "BenchServer", "child_env"]

ROOT = Path(__file__).resolve().parent.parent
TICK_SECONDS = 0.05
BATCH_STEPS = 20  # a batch process takes BATCH_STEPS * TICK_SECONDS = 1 s
PROMOTERS = "/api/v2/company/promoters"
COMMISSIONS = "/api/v2/company/commissions"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Middleware = Callable[[web.Request, Handler], Awaitable[web.StreamResponse]]


class Shortcuts:
    """Answers to the hot read routes, kept until the next write."""

    def __init__(self, state: FakeState) -> None:
        self.state = state
        self.cached: dict[str, tuple[bytes, str]] = {}
        self.commissions: list[dict[str, Any]] | None = None

    def invalidate(self) -> None:
        self.cached.clear()
        self.commissions = None

    def authorized(self, request: web.Request) -> bool:
        headers = request.headers
        return (
            headers.get("Authorization") == f"Bearer {self.state.api_key}"
            and headers.get("Account-ID") == self.state.account_id
        )

    async def promoters(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        hit = self.cached.get(request.path_qs)
        if hit is not None:
            return web.Response(body=hit[0], content_type=hit[1])
        response = await handler(request)
        if (
            isinstance(response, web.Response)
            and response.status == 200
            and not response.headers.get("Link")
        ):
            assert isinstance(response.body, bytes)
            self.cached[request.path_qs] = (response.body, response.content_type)
        return response

    def commission_page(self, request: web.Request) -> web.Response | None:
        """One page as the fake's ``page_of`` answers it (a bare array), or ``None``."""
        try:
            page = max(1, int(request.query.get("page", "1")))
            per_page = min(100, max(1, int(request.query.get("per_page", "25"))))
        except ValueError:
            return None
        if self.commissions is None:
            self.commissions = list(self.state.table("commissions"))
        start = (page - 1) * per_page
        body = json.dumps(self.commissions[start : start + per_page]).encode()
        return web.Response(body=body, content_type="application/json")


def _route_name(request: web.Request) -> str:
    resource = request.match_info.route.resource
    return f"{request.method} {resource.canonical if resource is not None else request.path}"


def _middleware(shortcuts: Shortcuts, counts: Counter[str]) -> Middleware:
    @web.middleware
    async def bench(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path.startswith("/_bench"):
            return await handler(request)
        counts[_route_name(request)] += 1
        if request.method != "GET":
            shortcuts.invalidate()
            return await handler(request)
        if not shortcuts.authorized(request) or shortcuts.state.link_headers:
            return await handler(request)
        if request.path == COMMISSIONS and set(request.query) <= {"page", "per_page"}:
            page = shortcuts.commission_page(request)
            if page is not None:
                return page
        if request.path.startswith(PROMOTERS):
            return await shortcuts.promoters(request, handler)
        return await handler(request)

    return bench


def build_app(state: FakeState) -> web.Application:
    """The fake's application behind the shortcuts, with ``/_bench`` control routes."""
    shortcuts, counts = Shortcuts(state), Counter[str]()
    app = create_app(state)
    app.middlewares.insert(0, _middleware(shortcuts, counts))

    async def seed(request: web.Request) -> web.Response:
        wanted = await request.json()
        state.reset()
        shortcuts.invalidate()
        seed_promoters(state, int(wanted.get("promoters", 0)))
        if wanted.get("commissions"):  # made over the promoters (10 are made if none)
            seed_commissions(state, int(wanted["commissions"]))
        return web.json_response({"promoters": len(state.table("promoters"))})

    async def get_counts(request: web.Request) -> web.Response:
        return web.json_response(dict(counts))

    async def reset_counts(request: web.Request) -> web.Response:
        counts.clear()
        state.journal.clear()
        return web.json_response({})

    app.router.add_post("/_bench/seed", seed)
    app.router.add_get("/_bench/counts", get_counts)
    app.router.add_post("/_bench/counts/reset", reset_counts)
    return app


async def serve() -> None:
    """Serve on a free port of 127.0.0.1, print it, and stop when standard input closes."""
    state = FakeState(
        rate_limit_per_minute=None,
        batch_steps=BATCH_STEPS,
        batch_progression="time",
        batch_step_seconds=TICK_SECONDS,
    )
    runner = web.AppRunner(build_app(state), access_log=None, handle_signals=False)
    await runner.setup()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    await web.SockSite(runner, sock).start()
    print(sock.getsockname()[1], flush=True)
    await asyncio.to_thread(sys.stdin.read)
    await runner.cleanup()


def child_env() -> dict[str, str]:
    """The environment of a child process that imports ``benchmarks``."""
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path}


class BenchServer:
    """The benchmark server process: ``with BenchServer() as server:``."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[str] | None = None
        self.port = 0
        state = FakeState()
        self.api_key, self.account_id = state.api_key, state.account_id

    def __enter__(self) -> BenchServer:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks._server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=ROOT,
            env=child_env(),
            text=True,
        )
        assert self._process.stdout is not None
        self.port = int(self._process.stdout.readline())
        return self

    def __exit__(self, *exc_info: object) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        assert process.stdin is not None
        process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    # -- where it is and how to call it ------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.url}/api/v2"

    @property
    def headers(self) -> dict[str, str]:
        """What hand-written clients send: the v2 credentials."""
        return {
            "Authorization": f"Bearer {self.api_key}",
            "Account-ID": self.account_id,
            "Accept": "application/json",
        }

    def sdk_settings(self, **overrides: Any) -> dict[str, Any]:
        """Client keywords: this server, and no client-side rate limit (not what is measured)."""
        settings: dict[str, Any] = {
            "api_key": self.api_key,
            "account_id": self.account_id,
            "base_url": self.base_url,
            "requests_per_minute": None,
        }
        settings.update(overrides)
        return settings

    # -- control -----------------------------------------------------------------------------

    def seed(self, *, promoters: int = 0, commissions: int = 0) -> None:
        """Forget everything, then create ``promoters`` and ``commissions`` (pending)."""
        self._call("POST", "/_bench/seed", {"promoters": promoters, "commissions": commissions})

    def counts(self) -> dict[str, int]:
        """Requests received since the last ``reset_counts``, by ``METHOD /route``."""
        result: dict[str, int] = self._call("GET", "/_bench/counts")
        return result

    def reset_counts(self) -> None:
        self._call("POST", "/_bench/counts/reset", {})

    def _call(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.url + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=300) as response:
            return json.loads(response.read())


if __name__ == "__main__":
    asyncio.run(serve())
