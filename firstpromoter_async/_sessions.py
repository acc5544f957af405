"""Sessions and event loops: a client may serve successive loops, one loop at a time.

An ``aiohttp.ClientSession`` belongs to the loop it was created on. So that one client can be
used from several ``asyncio.run()`` calls (a script, a notebook, a test suite), the client
keeps one session per loop, and each session is closed by its own loop's shutdown: a small
async generator started on that loop is finalized by ``loop.shutdown_asyncgens()``, which
``asyncio.run`` calls before it closes the loop, and closes the session there.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass

import aiohttp

from ._exceptions import FirstPromoterError

__all__ = ["LoopSessions", "check_session_loop"]

EVENT_LOOP_RULE = (
    "one AsyncFirstPromoter serves one event loop at a time (successive asyncio.run() calls "
    "are fine); for loops running at the same time in several threads, create one client per "
    "thread and share a rate_limiter"
)


@dataclass
class _LoopSession:
    session: aiohttp.ClientSession
    closer: AsyncGenerator[None, None]
    loop: asyncio.AbstractEventLoop
    thread: threading.Thread

    def in_use_elsewhere(self) -> bool:
        """Whether its loop is running right now in another live thread."""
        return (
            self.thread is not threading.current_thread()
            and self.thread.is_alive()  # false in a forked child: the thread is not there
            and self.loop.is_running()
            and not self.loop.is_closed()
        )


class LoopSessions:
    """One session per event loop, created on first use, closed when its loop shuts down."""

    def __init__(self, factory: Callable[[], aiohttp.ClientSession]) -> None:
        self._factory = factory
        self._by_loop: dict[asyncio.AbstractEventLoop, _LoopSession] = {}

    def get(self) -> aiohttp.ClientSession:
        """The running loop's session, created if needed.

        Raises:
            FirstPromoterError: another thread's loop is using the client right now.
        """
        loop = asyncio.get_running_loop()
        current = self._by_loop.get(loop)
        if current is not None:
            return current.session
        for other in list(self._by_loop.values()):
            if other.loop.is_closed():  # closed without shutdown_asyncgens(): nothing to do
                self._by_loop.pop(other.loop, None)
            elif other.in_use_elsewhere():
                raise FirstPromoterError(
                    f"The client is in use on another event loop: {EVENT_LOOP_RULE}."
                )
        session = self._factory()
        closer = self._close_at_shutdown(loop, session)
        # start it synchronously: its first step registers it with the running loop and
        # stops at the yield without awaiting anything
        with contextlib.suppress(StopIteration):
            closer.asend(None).send(None)
        self._by_loop[loop] = _LoopSession(session, closer, loop, threading.current_thread())
        return session

    async def _close_at_shutdown(
        self, loop: asyncio.AbstractEventLoop, session: aiohttp.ClientSession
    ) -> AsyncGenerator[None, None]:
        try:
            yield
        finally:
            self._by_loop.pop(loop, None)
            await session.close()

    def forget(self) -> list[object]:
        """Drop every session unclosed and return them with their closers (in a forked child:
        they are the parent's, and must neither be closed nor collected here)."""
        dropped: list[object] = []
        for entry in self._by_loop.values():
            dropped += [entry.session, entry.closer]
        self._by_loop.clear()
        return dropped

    async def aclose(self) -> None:
        """Close the running loop's session (other loops close theirs when they shut down)."""
        current = self._by_loop.pop(asyncio.get_running_loop(), None)
        if current is not None:
            await current.closer.aclose()


def check_session_loop(session: aiohttp.ClientSession) -> None:
    """Refuse to use a caller's session from a loop other than its own."""
    own = getattr(session, "_loop", None)
    if own is not None and own is not asyncio.get_running_loop():
        raise FirstPromoterError(
            "The session= given to the client belongs to another event loop: an "
            "aiohttp.ClientSession works only on the loop it was created on."
        )
