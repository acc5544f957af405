"""``FakeFirstPromoter``: the fake API served on 127.0.0.1, in-process or in a thread."""

from __future__ import annotations

import asyncio
import threading
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .._client import AsyncFirstPromoter
from ._app import create_app
from ._seed import seed_commissions, seed_promoters
from ._state import FakeState, Fault, Record, RecordedRequest
from .domain.payouts import seed_payouts
from .domain.referrals import seed_referrals

if TYPE_CHECKING:
    from firstpromoter_sync import FirstPromoter

__all__ = ["FakeFirstPromoter", "ThreadedFakeFirstPromoter"]


class FakeFirstPromoter:
    """A stateful fake of the FirstPromoter API, v1 and v2, on a local port: ``async with
    FakeFirstPromoter() as fake:`` starts it, ``fake.client()`` is an ``AsyncFirstPromoter`` on it,
    ``fake.requests()`` what it received, ``fake.inject(...)`` makes requests fail on purpose."""

    def __init__(
        self, *, host: str = "127.0.0.1", port: int = 0, state: FakeState | None = None, **kw: Any
    ) -> None:
        """Serve ``state`` (else ``FakeState(**kw)``) on ``host``:``port`` (0: a free port)."""
        self.state = state if state is not None else FakeState(**kw)
        self.host, self.port = host, port
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        # a fake has nothing to drain: do not wait a minute for slow (delayed) handlers
        runner = self._runner = web.AppRunner(
            create_app(self.state), access_log=None, handle_signals=False, shutdown_timeout=0.1
        )
        await runner.setup()
        await (site := web.TCPSite(runner, self.host, self.port, reuse_address=True)).start()
        # port 0 asks the OS for a free port: read back the one it gave
        for socket in (getattr(site._server, "sockets", None) or [])[:1]:
            self.port = socket.getsockname()[1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeFirstPromoter:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """The v2 base URL to hand to a client."""
        return f"{self.url}/api/v2"

    @property
    def v1_base_url(self) -> str:
        """The v1 base URL to hand to a client."""
        return f"{self.url}/api/v1"

    def client_settings(self, **overrides: Any) -> dict[str, Any]:
        """Constructor keywords that point a client (async or sync) at this server."""
        state, urls = self.state, {"base_url": self.base_url, "v1_base_url": self.v1_base_url}
        keys: dict[str, Any] = {"api_key": state.api_key, "account_id": state.account_id}
        keys |= {"v1_api_key": state.v1_api_key or state.api_key, "batch_poll_interval": 0.01}
        return {**keys, **urls, **overrides}

    def client(self, **overrides: Any) -> AsyncFirstPromoter:
        """An ``AsyncFirstPromoter`` pointed at this server (close it when done)."""
        return AsyncFirstPromoter(**self.client_settings(**overrides))

    def sync_client(self, **overrides: Any) -> FirstPromoter:
        """A blocking ``FirstPromoter`` pointed at this server (close it when done); serve from
        a thread (``ThreadedFakeFirstPromoter``) when the caller blocks on it."""
        from firstpromoter_sync import FirstPromoter

        return FirstPromoter(**self.client_settings(**overrides))

    def requests(self, method: str | None = None, path: str | None = None) -> list[RecordedRequest]:
        """Recorded requests, maybe only of ``method`` to ``path`` (with or without the base)."""
        paths = (path, f"/api/v2{path}", f"/api/v1{path}")
        return [
            r
            for r in self.state.journal
            if (method is None or r.method == method) and (path is None or r.path in paths)
        ]

    def inject(self, path: str, **fault: Any) -> Fault:
        """Make the next matching requests fail: see ``Fault`` for ``kind``, ``status``,
        ``times``, ``retry_after``, ``delay``, ``method``. ``path`` may omit the ``/api/v2``
        prefix and may end with ``*``."""
        full = path if path.startswith(("/api/", "/_fake")) else f"/api/v2{path}"
        self.state.faults.append(injected := Fault(path=full, **fault))
        return injected

    def seed_promoters(self, count: int, **options: Any) -> list[Record]:
        """Create ``count`` promoters (in campaign ``campaign_id=``, default 1)."""
        return seed_promoters(self.state, count, **options)

    def seed_commissions(self, count: int, **options: Any) -> list[Record]:
        """Create ``count`` commissions (``status=``, ``unit=``) over the seeded promoters."""
        return seed_commissions(self.state, count, **options)

    def seed_referrals(self, count: int, **options: Any) -> list[Record]:
        """Create ``count`` referrals (``customers=`` of them paying) over the promoters."""
        return seed_referrals(self.state, count, **options)

    def seed_payouts(self, count: int, **options: Any) -> list[Record]:
        """Create ``count`` payouts (``status=``) over the promoters."""
        return seed_payouts(self.state, count, **options)


class ThreadedFakeFirstPromoter(FakeFirstPromoter):
    """The fake served from its own event loop in a background thread, for sync code:
    ``with ThreadedFakeFirstPromoter() as fake:`` starts it and stops it."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> ThreadedFakeFirstPromoter:
        self.start_in_thread()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop_thread()

    def start_in_thread(self) -> None:
        self._loop = loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=loop.run_forever, name="fake-firstpromoter", daemon=True
        )
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self.start(), loop).result(timeout=10)

    def stop_thread(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        asyncio.run_coroutine_threadsafe(self.stop(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()
        self._loop = self._thread = None
