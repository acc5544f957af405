"""The blocking client's runner over real HTTP: one portal thread, paging, closing, forking."""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from typing import Any

import pytest
from aiohttp import web
from anyio.from_thread import start_blocking_portal

import firstpromoter_sync._runner as runner_module
from firstpromoter_async.testing import ThreadedFakeFirstPromoter
from firstpromoter_sync import (
    APIConnectionError,
    BatchProgress,
    FirstPromoter,
    FirstPromoterError,
    Promoter,
)

PROMOTER_COUNT = 250


class PromoterServer:
    """A tiny FirstPromoter stand-in on 127.0.0.1, served from its own thread's event loop."""

    def __init__(self) -> None:
        self.requests: list[str] = []  # path and query of every request, in order
        self.url = ""
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="test-server")
        self._app_runner: web.AppRunner | None = None

    def start(self) -> None:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(timeout=10)

    def stop(self) -> None:
        if self._app_runner is not None:
            cleanup = self._app_runner.cleanup()
            asyncio.run_coroutine_threadsafe(cleanup, self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    async def _serve(self) -> None:
        app = web.Application()
        app.router.add_get("/company/promoters", self._list)
        app.router.add_get("/company/promoters/1", self._retrieve)
        self._app_runner = web.AppRunner(app)
        await self._app_runner.setup()
        site = web.TCPSite(self._app_runner, "127.0.0.1", 0)
        await site.start()
        port = self._app_runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"

    async def _retrieve(self, request: web.Request) -> web.Response:
        self.requests.append(str(request.rel_url))
        return web.json_response({"id": 1, "email": "a@example.com"})

    async def _list(self, request: web.Request) -> web.Response:
        self.requests.append(str(request.rel_url))
        page = int(request.query.get("page", "1"))
        per_page = int(request.query.get("per_page", "20"))
        first = (page - 1) * per_page + 1
        ids = range(first, min(first + per_page, PROMOTER_COUNT + 1))
        return web.json_response([{"id": i, "email": f"p{i}@example.com"} for i in ids])


@pytest.fixture
def server() -> Iterator[PromoterServer]:
    srv = PromoterServer()
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def make_client(server: PromoterServer) -> Iterator[Callable[[], FirstPromoter]]:
    """Builds clients pointed at ``server`` and closes them after the test."""
    clients: list[FirstPromoter] = []

    def make() -> FirstPromoter:
        client = FirstPromoter(api_key="k", account_id="1", base_url=server.url)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def unraisable(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Errors swallowed in finalizers (e.g. a generator closed during GC), collected."""
    seen: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)
    return seen


def portal_thread(client: FirstPromoter) -> threading.Thread:
    thread = client._runner.thread
    assert thread is not None
    return thread


def test_retrieve_returns_a_promoter(make_client: Callable[[], FirstPromoter]) -> None:
    promoter = make_client().promoters.retrieve(1)

    assert isinstance(promoter, Promoter)
    assert promoter.id == 1
    assert promoter.email == "a@example.com"


def test_list_walks_every_page_in_order(
    server: PromoterServer, make_client: Callable[[], FirstPromoter]
) -> None:
    promoters = list(make_client().promoters.list(per_page=100))

    assert [p.id for p in promoters] == list(range(1, PROMOTER_COUNT + 1))
    assert len(server.requests) == 3
    assert all("per_page=100" in r for r in server.requests)


def test_concurrent_threads_share_one_portal(
    monkeypatch: pytest.MonkeyPatch, make_client: Callable[[], FirstPromoter]
) -> None:
    started: list[object] = []

    def counting_start(**kwargs: Any) -> AbstractContextManager[Any]:
        started.append(kwargs)
        return start_blocking_portal(**kwargs)

    monkeypatch.setattr(runner_module, "start_blocking_portal", counting_start)
    threads_before = set(threading.enumerate())
    client = make_client()
    barrier = threading.Barrier(8)

    def call(_: int) -> Promoter:
        barrier.wait()  # all threads hit the lazy portal start together
        return client.promoters.retrieve(1)

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(call, range(8)))

    assert [p.id for p in results] == [1] * 8
    assert len(started) == 1
    new_threads = [t for t in threading.enumerate() if t not in threads_before]
    assert new_threads == [portal_thread(client)]  # the pool's threads are gone by now


def test_close_stops_the_thread_and_later_calls_fail(
    make_client: Callable[[], FirstPromoter],
) -> None:
    client = make_client()
    client.promoters.retrieve(1)
    thread = portal_thread(client)

    client.close()

    assert not thread.is_alive()
    with pytest.raises(APIConnectionError, match="closed") as caught:
        client.promoters.retrieve(1)
    assert caught.value.request_sent is False
    with pytest.raises(APIConnectionError):
        client.promoters.list()
    client.close()  # idempotent


def test_with_block_closes_on_exit(server: PromoterServer) -> None:
    with FirstPromoter(api_key="k", account_id="1", base_url=server.url) as client:
        client.promoters.retrieve(1)
        thread = portal_thread(client)

    assert not thread.is_alive()
    with pytest.raises(APIConnectionError):
        client.promoters.retrieve(1)


def test_close_before_any_call_starts_no_thread(
    make_client: Callable[[], FirstPromoter],
) -> None:
    client = make_client()
    client.close()

    assert client._runner.thread is None


def test_breaking_out_of_list_early_is_clean(
    server: PromoterServer, make_client: Callable[[], FirstPromoter], unraisable: list[Any]
) -> None:
    client = make_client()

    for promoter in client.promoters.list(per_page=100, prefetch=0):
        if promoter.id == 5:
            break
    items = client.promoters.list(per_page=100, prefetch=0)
    assert next(items).id == 1
    del items  # abandoned mid-page: closed by garbage collection
    gc.collect()
    client.close()
    gc.collect()

    assert len(server.requests) == 2  # one page each, nothing fetched ahead
    assert unraisable == []


def test_forgotten_client_is_closed_by_garbage_collection(server: PromoterServer) -> None:
    client = FirstPromoter(api_key="k", account_id="1", base_url=server.url)
    client.promoters.retrieve(1)
    thread = portal_thread(client)

    del client
    gc.collect()
    thread.join(timeout=10)

    assert not thread.is_alive()


def test_forgotten_client_does_not_hang_interpreter_exit(server: PromoterServer) -> None:
    code = (
        "from firstpromoter_sync import FirstPromoter\n"
        f"client = FirstPromoter(api_key='k', account_id='1', base_url={server.url!r})\n"
        "assert client.promoters.retrieve(1).id == 1\n"
    )

    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


# -- progress callbacks and the loop thread ----------------------------------------------------


@pytest.mark.timeout(60, method="thread")  # a deadlock ends the run rather than hang it
def test_a_progress_callback_may_call_the_same_sync_client(
    threaded_fake: ThreadedFakeFirstPromoter,
) -> None:
    threaded_fake.seed_commissions(10)
    seen: list[tuple[float, str]] = []

    with threaded_fake.sync_client() as fp:

        def check(update: BatchProgress) -> None:
            seen.append((update.progress, fp.batch_processes.retrieve(update.id).status))

        result = fp.commissions.approve(ids=range(1, 11), on_progress=check)

    assert result.status == "completed"
    progress = [percent for percent, _ in seen]  # a slow callback may skip a step
    assert progress == sorted(set(progress))
    assert len(progress) >= 2
    assert seen[-1] == (100, "completed")


@pytest.mark.timeout(60, method="thread")
def test_calling_the_sync_client_on_its_loop_thread_fails_at_once(
    threaded_fake: ThreadedFakeFirstPromoter,
) -> None:
    threaded_fake.seed_commissions(10)

    with threaded_fake.sync_client() as fp:

        async def check(update: BatchProgress) -> None:  # async: runs on the loop thread
            fp.batch_processes.retrieve(update.id)

        with pytest.raises(FirstPromoterError, match="own event loop thread"):
            fp.commissions.approve(ids=range(1, 11), on_progress=check)
        assert fp.batch_processes.retrieve(1).id == 1  # the client still works


# -- os.fork() -------------------------------------------------------------------------------


def _exit_code_within(pid: int, seconds: float) -> int | None:
    """The child's exit code, or None after killing it when it has not ended in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return None


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the platform cannot fork")
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_forked_child_gets_a_fresh_loop_and_session(
    threaded_fake: ThreadedFakeFirstPromoter,
) -> None:
    threaded_fake.seed_promoters(2)
    with threaded_fake.sync_client() as fp:
        assert fp.promoters.retrieve(1).id == 1  # the loop thread and a session now exist
        parent_thread = portal_thread(fp)
        parent_session = fp._async._transport._session
        assert parent_session is not None

        pid = os.fork()
        if pid == 0:  # the child: report through the exit code, never return into pytest
            code = 1
            try:
                promoter = fp.promoters.retrieve(2)
                fresh = fp._runner.thread is not parent_thread
                own_session = fp._async._transport._session is not parent_session
                code = 0 if promoter.id == 2 and fresh and own_session else 2
            finally:
                os._exit(code)

        assert _exit_code_within(pid, 30) == 0
        assert fp.promoters.retrieve(2).id == 2  # the parent goes on as before
        assert portal_thread(fp) is parent_thread
        assert fp._async._transport._session is parent_session

    child_requests = threaded_fake.requests("GET", "/company/promoters/2")
    assert len(child_requests) == 2  # the child's and the parent's


@pytest.mark.timeout(60, method="thread")
def test_closing_the_sync_client_ends_a_batch_wait_in_another_thread(
    threaded_fake: ThreadedFakeFirstPromoter,
) -> None:
    threaded_fake.state.stall_batches = True  # the batch never ends on its own
    threaded_fake.seed_commissions(10)
    fp = threaded_fake.sync_client()
    polled = threading.Event()

    def approve() -> Any:
        try:
            return fp.commissions.approve(ids=range(1, 11), on_progress=lambda u: polled.set())
        except APIConnectionError as error:
            return error

    with ThreadPoolExecutor(1) as pool:
        waiting = pool.submit(approve)
        assert polled.wait(30)  # the wait is under way
        fp.close()
        outcome = waiting.result(timeout=30)

    assert isinstance(outcome, APIConnectionError)
    assert str(outcome) == "The client is closed."
