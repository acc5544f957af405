"""Runs the async client on a background event loop so that blocking code can call it.

One ``PortalRunner`` per blocking client owns an anyio blocking portal: an asyncio event
loop in a daemon thread, started on first use. ``SyncClientBase`` ties the runner's lifetime
to the client's (``close()``, ``with``, garbage collection, interpreter exit). A process
forked from one that used a client starts a new loop thread and session on first use.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import os
import threading
import weakref
from collections.abc import Awaitable, Callable
from contextlib import AbstractContextManager
from types import TracebackType
from typing import ParamSpec, TypeVar

import anyio.to_thread
from anyio.from_thread import BlockingPortal, start_blocking_portal

from firstpromoter_async import (
    APIConnectionError,
    AsyncFirstPromoter,
    FirstPromoterError,
)
from firstpromoter_async._batch import plain_callback_runner

__all__ = ["PortalRunner", "SyncClientBase"]

P = ParamSpec("P")
T = TypeVar("T")
ClientT = TypeVar("ClientT", bound="SyncClientBase")

AsyncClose = Callable[[], Awaitable[None]]


def _closed_error() -> APIConnectionError:
    return APIConnectionError("The client is closed.", request_sent=False)


def _loop_thread_error() -> FirstPromoterError:
    return FirstPromoterError(
        "The blocking client was called from its own event loop thread (e.g. by an async "
        "callback), where the call could never finish; call it from another thread."
    )


class PortalRunner:
    """Runs coroutines of one async client on its own event loop thread.

    Thread-safe: any number of threads may call at once; the portal starts once, lazily.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._portal_cm: AbstractContextManager[BlockingPortal] | None = None
        self._portal: BlockingPortal | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed = False

    @property
    def thread(self) -> threading.Thread | None:
        """The event loop thread, once started (``None`` before first use)."""
        return self._thread

    @property
    def closed(self) -> bool:
        """Whether ``close()`` was called."""
        return self._closed

    def in_portal_thread(self) -> bool:
        """Whether the caller runs on the event loop thread, where blocking calls deadlock."""
        return self._thread is not None and threading.current_thread() is self._thread

    def call(self, fn: Callable[P, Awaitable[T]], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """Run ``await fn(*args, **kwargs)`` on the event loop and return its result.

        Raises:
            APIConnectionError: the runner is closed.
            FirstPromoterError: called from the event loop thread itself (it would deadlock).
        """
        if self.in_portal_thread():
            raise _loop_thread_error()
        loop = self._get_loop()
        # straight onto the portal's loop: one thread round trip per call, where the portal's
        # own call() makes two (it waits for the task to start, then for its result)
        try:
            future = asyncio.run_coroutine_threadsafe(_await(fn, *args, **kwargs), loop)
        except RuntimeError:  # the loop stopped: a concurrent close()
            raise _closed_error() from None
        try:
            return future.result()
        except concurrent.futures.CancelledError:
            if self._closed:  # cancelled by the loop's shutdown
                raise _closed_error() from None
            raise
        except BaseException:
            future.cancel()  # e.g. KeyboardInterrupt in the caller: stop the work too
            raise

    def close(self, aclose: AsyncClose | None = None) -> None:
        """Run ``aclose`` (the async client's close) on the loop, then stop the loop's thread.

        Idempotent; later calls raise ``APIConnectionError``. Without a started portal there
        is nothing to close, so ``aclose`` is skipped.
        """
        with self._lock:
            if self._closed:
                return
            self._closed = True
            portal, portal_cm = self._portal, self._portal_cm
            self._portal = self._portal_cm = None
        if portal is None or portal_cm is None:
            return
        try:
            if aclose is not None:
                portal.call(aclose)
        finally:
            portal_cm.__exit__(None, None, None)  # stops the portal and joins its thread

    def _get_loop(self) -> asyncio.AbstractEventLoop:
        loop = self._loop
        if loop is not None and not self._closed:
            return loop
        with self._lock:
            if self._closed:
                raise _closed_error()
            if self._portal is None:
                portal_cm = start_blocking_portal(backend="asyncio")
                portal = portal_cm.__enter__()
                self._thread = portal.call(threading.current_thread)
                self._loop = portal.call(asyncio.get_running_loop)
                self._portal, self._portal_cm = portal, portal_cm
            assert self._loop is not None
            return self._loop

    def _forget_parent_loop(self) -> list[object]:
        """In a forked child: the loop thread did not survive the fork; start anew on first use.

        Returns the parent's portal and loop, for the caller to keep alive: finalizing them
        would wait forever for a thread that does not exist here.
        """
        leftovers: list[object] = [self._portal_cm, self._portal, self._loop]
        self._lock = threading.Lock()  # another thread may have held it at the fork
        self._portal_cm = self._portal = None
        self._thread = self._loop = None
        return leftovers


async def _await(fn: Callable[P, Awaitable[T]], /, *args: P.args, **kwargs: P.kwargs) -> T:
    # progress callbacks of this call run in a worker thread, so they may call the client
    plain_callback_runner.set(_in_worker_thread)
    return await fn(*args, **kwargs)


async def _in_worker_thread(fn: Callable[[], T]) -> T:
    # abandoned on cancel: a callback still running cannot hold up close()
    return await anyio.to_thread.run_sync(fn, abandon_on_cancel=True)


def _finalize(runner: PortalRunner, aclose: AsyncClose) -> None:
    """Close a runner on ``close()``, garbage collection or interpreter exit."""
    if runner.in_portal_thread():
        # collected on the loop thread itself, which cannot wait for its own shutdown
        threading.Thread(target=runner.close, args=(aclose,), daemon=True).start()
        return
    runner.close(aclose)


def _owns_nothing() -> None:
    """A view's ``close()``."""


class SyncClientBase:
    """The lifetime of a blocking client: ``close()``, ``with``, and cleanup if forgotten."""

    def __init__(self, runner: PortalRunner, client: AsyncFirstPromoter) -> None:
        self._runner = runner
        self._async_client = client
        # also runs at interpreter exit; holds no reference to self, so GC can collect it
        self._finalizer = weakref.finalize(self, _finalize, runner, client.aclose)
        _LIVE_CLIENTS.add(self)

    def close(self) -> None:
        """Close the connections and stop the background event loop; idempotent.

        On a view (``with_options``) this does nothing: the client owns the connections.
        """
        self._finalizer()

    def _view(self: ClientT, async_view: object) -> ClientT:
        """A twin of this client over ``async_view``, sharing its runner; it owns nothing."""
        cls = type(self)
        view = cls.__new__(cls)
        state = {
            name: value
            for name, value in vars(self).items()
            if not isinstance(getattr(cls, name, None), functools.cached_property)
        }
        view.__dict__.update(state)
        # the client stays alive (its finalizer closes the runner) as long as a view is used
        view.__dict__.update(
            _async=async_view, _finalizer=_owns_nothing, _view_of=state.get("_view_of") or self
        )
        return view

    def __enter__(self: ClientT) -> ClientT:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


_LIVE_CLIENTS: weakref.WeakSet[SyncClientBase] = weakref.WeakSet()
# a forked child's copy of its parent's loop, session and waits: kept, never finalized
_INHERITED: list[object] = []


def _forget_parent_loops() -> None:
    """After ``os.fork()``, in the child: every client starts afresh on its first call."""
    for client in list(_LIVE_CLIENTS):
        _INHERITED.extend(client._runner._forget_parent_loop())
        _INHERITED.extend(client._async_client._after_fork())


if hasattr(os, "register_at_fork"):  # not on Windows, which cannot fork
    os.register_at_fork(after_in_child=_forget_parent_loops)
