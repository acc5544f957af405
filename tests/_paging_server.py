"""A list endpoint on 127.0.0.1 that misbehaves in ways the fake server cannot.

``GET /company/commissions`` answers a bare array of ``{"id": n}``. It can hold chosen pages
until the test releases them (to see what a client keeps in flight), repeat pages, or send
``Link`` headers that loop. It runs in the test's own event loop; drive a blocking client from
a worker thread (``asyncio.to_thread``).
"""

from __future__ import annotations

import asyncio
from typing import Any, Literal

from aiohttp import web

Mode = Literal["numbered", "links", "ignore_page", "self_link", "cycle_link"]

__all__ = ["Mode", "PagingServer"]


class PagingServer:
    """``total`` items, served page by page the way ``mode`` says.

    * ``numbered``: honours ``?page=`` and ``?per_page=``, no Link headers;
    * ``links``: the same pages, with ``Link: <...page=n+1>; rel="next"`` while more follow;
    * ``ignore_page``: always answers the first page, whatever ``page`` says;
    * ``self_link``: every page's ``rel="next"`` points at the page itself;
    * ``cycle_link``: page 1 links to page 2, page 2 back to page 1.
    """

    def __init__(self, total: int, *, mode: Mode = "numbered") -> None:
        self.total = total
        self.mode = mode
        self.delay = 0.0  # seconds before each answer
        self.past_end_status: int | None = None  # answer pages past the first empty one so
        self.fail: dict[int, int] = {}  # page number -> error status to answer with
        self.requested: list[int] = []  # page numbers in arrival order
        self.in_flight = 0
        self.max_in_flight = 0
        self.url = ""
        self._held: dict[int, asyncio.Event] = {}
        self._arrival = asyncio.Event()
        self._runner: web.AppRunner | None = None

    def settings(self, **overrides: Any) -> dict[str, Any]:
        """Client keywords pointing at this server (async or sync client)."""
        return {"api_key": "k", "account_id": "1", "base_url": self.url, **overrides}

    def hold(self, *pages: int) -> None:
        """Answer these pages only once released."""
        for number in pages:
            self._held[number] = asyncio.Event()

    def release(self, *pages: int) -> None:
        for number in pages:
            self._held[number].set()

    def release_all(self) -> None:
        for event in self._held.values():
            event.set()

    async def wait_requested(self, count: int) -> None:
        """Until ``count`` requests have arrived (10 s at most)."""

        async def arrived() -> None:
            while len(self.requested) < count:
                self._arrival.clear()
                await self._arrival.wait()

        await asyncio.wait_for(arrived(), 10)

    async def __aenter__(self) -> PagingServer:
        app = web.Application()
        app.router.add_get("/company/commissions", self._list)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.release_all()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _list(self, request: web.Request) -> web.Response:
        number = int(request.query.get("page", "1"))
        per_page = int(request.query.get("per_page", "100"))
        self.requested.append(number)
        self._arrival.set()
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            held = self._held.get(number)
            if held is not None:
                await held.wait()
            if self.delay:
                await asyncio.sleep(self.delay)
            return self._answer(request, number, per_page)
        finally:
            self.in_flight -= 1

    def _answer(self, request: web.Request, number: int, per_page: int) -> web.Response:
        last = max(1, -(-self.total // per_page))  # pages holding items
        if number in self.fail:
            return web.json_response({"message": "failed on purpose"}, status=self.fail[number])
        if self.past_end_status is not None and number > last + 1:
            return web.json_response({"message": "no such page"}, status=self.past_end_status)
        shown = 1 if self.mode == "ignore_page" else number
        first = (shown - 1) * per_page + 1
        items = [{"id": n} for n in range(first, min(first + per_page, self.total + 1))]
        headers = {}
        if self.mode == "links" and number < last:
            headers["Link"] = f'<{request.url.update_query(page=number + 1)}>; rel="next"'
        elif self.mode == "self_link":
            headers["Link"] = f'<{request.url}>; rel="next"'
        elif self.mode == "cycle_link":
            following = 2 if number == 1 else 1
            headers["Link"] = f'<{request.url.update_query(page=following)}>; rel="next"'
        return web.json_response(items, headers=headers)
