"""Awaiting batch processes: one shared poller, progress, deadlines, cancellation, closing."""

from __future__ import annotations

import asyncio
import functools
import inspect
import pickle
import threading
from collections.abc import Callable
from typing import Any

import pytest

from firstpromoter_async import (
    APIConnectionError,
    APIResponseValidationError,
    AsyncFirstPromoter,
    BatchProcess,
    BatchProcessTimeoutError,
    BatchProgress,
    InvalidRequestError,
)
from firstpromoter_async.testing import FakeFirstPromoter

from .conftest import Caller


async def test_30_concurrent_waits_share_one_progress_request_per_poll(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_commissions(30 * 6)
    batches = [list(range(n * 6 + 1, n * 6 + 7)) for n in range(30)]
    results = await asyncio.gather(*(client.commissions.approve(ids=ids) for ids in batches))
    assert {r.status for r in results} == {"completed"}
    assert sorted(r.id for r in results) == list(range(1, 31))
    # every poll advanced all 30 jobs; it took batch_steps polls, one request each
    progress_requests = fake.requests("GET", "/company/batch_processes/progress")
    assert len(progress_requests) == fake.state.batch_steps == client._batch_poller.polls
    # each finished process was fetched once by id for its final state
    retrieves = [
        r
        for r in fake.state.journal
        if r.path.startswith("/api/v2/company/batch_processes/") and r.path[-1].isdigit()
    ]
    assert len(retrieves) == 30
    assert len({r.path for r in retrieves}) == 30


async def test_progress_updates_reach_the_callback(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.state.batch_steps = 4
    fake.seed_commissions(10)
    updates: list[BatchProgress] = []

    async def on_progress(update: BatchProgress) -> None:
        updates.append(update)

    await client.commissions.approve(ids=range(1, 11), on_progress=on_progress)
    assert [u.progress for u in updates] == [25, 50, 75, 100]
    assert {u.total for u in updates} == {10}
    assert updates[-1].status == "completed"
    assert updates[0].status == "in_progress"


async def test_cancelled_wait_leaves_no_poller_running(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_commissions(10)
    client._batch_poller.interval = 10
    task = asyncio.create_task(client.commissions.approve(ids=range(1, 11)))
    await asyncio.sleep(0.05)
    assert client._batch_poller._task is not None
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await asyncio.sleep(0)
    assert client._batch_poller._task is None
    assert client._batch_poller._waiters == {}
    others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    assert all(t.get_name() != "firstpromoter-batch-poller" or t.done() for t in others)


async def test_a_poll_failure_reaches_every_waiter(fake: FakeFirstPromoter) -> None:
    fake.seed_commissions(12)
    async with fake.client(max_retries=0) as fp:
        fake.inject("/company/batch_processes/progress", status=403, times=1)
        outcomes = await asyncio.gather(
            fp.commissions.approve(ids=range(1, 7)),
            fp.commissions.approve(ids=range(7, 13)),
            return_exceptions=True,
        )
    assert [type(o).__name__ for o in outcomes] == ["PermissionDeniedError"] * 2


async def _until_awaited(fp: AsyncFirstPromoter) -> None:
    """Return once a batch wait is registered with the client's poller (within 10 s)."""
    for _ in range(1000):
        if fp._batch_poller._waiters:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("no batch wait began")


async def test_aclose_while_a_batch_is_awaited_raises_client_closed(
    fake: FakeFirstPromoter,
) -> None:
    fake.seed_commissions(8)
    fp = fake.client()
    fp._batch_poller.interval = 10
    task = asyncio.create_task(fp.commissions.approve(ids=range(1, 9)))
    await _until_awaited(fp)

    await fp.aclose()

    with pytest.raises(APIConnectionError, match=r"^The client is closed\.$"):
        await task
    assert not task.cancelled()


async def test_a_cancelled_wait_stays_cancelled_when_the_client_closes(
    fake: FakeFirstPromoter,
) -> None:
    fake.seed_commissions(8)
    fp = fake.client()
    fp._batch_poller.interval = 10
    task = asyncio.create_task(fp.commissions.approve(ids=range(1, 9)))
    await _until_awaited(fp)

    task.cancel()
    await fp.aclose()

    with pytest.raises(asyncio.CancelledError):
        await task
    assert task.cancelled()


async def test_a_raising_callback_fails_only_its_own_wait(
    call: Caller, fake: FakeFirstPromoter
) -> None:
    fake.seed_commissions(18)

    def explode(update: BatchProgress) -> None:
        raise RuntimeError(f"callback broke at {update.progress:g} %")

    outcomes = await asyncio.gather(
        call(lambda fp: fp.commissions.approve(ids=range(1, 7), on_progress=explode)),
        call(lambda fp: fp.commissions.approve(ids=range(7, 13))),
        call(lambda fp: fp.commissions.approve(ids=range(13, 19), on_progress=lambda u: None)),
        return_exceptions=True,
    )

    assert isinstance(outcomes[0], RuntimeError)
    assert str(outcomes[0]).startswith("callback broke at")
    assert isinstance(outcomes[1], BatchProcess)
    assert isinstance(outcomes[2], BatchProcess)
    assert (outcomes[1].status, outcomes[2].status) == ("completed", "completed")
    # the poller went on serving: a later wait works too
    later = await call(lambda fp: fp.batch_processes.wait(outcomes[1].id))
    assert later.status == "completed"


# -- deadlines and waiting elsewhere ---------------------------------------------------------


async def test_wait_timeout_raises_with_the_last_state_seen(
    call: Caller, fake: FakeFirstPromoter
) -> None:
    fake.state.batch_steps = 4
    fake.seed_commissions(10)

    advance = fake.state.advance_batches

    def one_step_then_stall(steps_done: Any = None) -> None:
        advance(steps_done)
        fake.state.stall_batches = True  # the job gets stuck at 25 % on the server

    # stalled by the server's first progress poll, not by a callback racing the next poll
    fake.state.advance_batches = one_step_then_stall  # type: ignore[method-assign]
    seen: list[BatchProgress] = []
    with pytest.raises(BatchProcessTimeoutError) as caught:
        await call(
            lambda fp: fp.commissions.approve(
                ids=range(1, 11), on_progress=seen.append, wait_timeout=1
            )
        )

    last = caught.value.batch_process
    assert (last.id, last.status, last.progress, last.total) == (1, "in_progress", 25, 10)
    assert caught.value.timeout == 1
    assert "did not end within 1 s (last seen: in_progress, 25 %)" in str(caught.value)
    # nothing was sent to stop it: only the action and progress polls went over the wire
    assert {(r.method, r.path) for r in fake.state.journal} == {
        ("POST", "/api/v2/company/commissions/approve"),
        ("GET", "/api/v2/company/batch_processes/progress"),
    }
    assert fake.state.batches[1].process["status"] == "in_progress"

    assert [update.progress for update in seen][:1] == [25]
    fake.state.advance_batches = advance  # type: ignore[method-assign]
    fake.state.stall_batches = False  # the job goes on, and can be awaited again
    final = await call(lambda fp: fp.batch_processes.wait(last.id))
    assert final.status == "completed"
    assert final.processed_count == 10


async def test_a_callback_that_never_returns_cannot_outlast_the_deadline(
    call: Caller, fake: FakeFirstPromoter
) -> None:
    fake.seed_commissions(10)
    release = threading.Event()

    async def stuck_on_the_loop(update: BatchProgress) -> None:
        await asyncio.sleep(3600)

    def stuck_in_a_thread(update: BatchProgress) -> None:
        release.wait(60)

    stuck = stuck_on_the_loop if call.kind == "async" else stuck_in_a_thread
    try:
        with pytest.raises(BatchProcessTimeoutError) as caught:
            await call(
                lambda fp: fp.commissions.approve(
                    ids=range(1, 11), on_progress=stuck, wait_timeout=0.5
                )
            )
    finally:
        release.set()

    assert caught.value.batch_process.id == 1


async def test_a_batch_started_without_waiting_is_awaited_elsewhere(
    call: Caller, fake: FakeFirstPromoter
) -> None:
    fake.seed_commissions(10)
    started = await call(lambda fp: fp.commissions.approve(ids=range(1, 11), wait=False))
    assert started.status == "pending"
    updates: list[BatchProgress] = []

    by_process, by_id = await asyncio.gather(
        call(lambda fp: fp.batch_processes.wait(started, on_progress=updates.append)),
        call(lambda fp: fp.batch_processes.wait(started.id, timeout=60)),
    )

    assert by_process.status == by_id.status == "completed"
    assert by_process.id == by_id.id == started.id
    assert updates[-1].progress == 100
    assert [c["status"] for c in fake.state.table("commissions")] == ["approved"] * 10


@pytest.mark.parametrize("wait", [True, False])
async def test_a_batch_answer_without_a_usable_process_id_is_a_bad_answer(
    call: Caller, fake: FakeFirstPromoter, wait: bool
) -> None:
    fake.seed_commissions(6)
    answer = b'{"id": 0, "status": "string"}'  # what a mock without examples makes up
    fake.inject("/company/commissions/approve", status=200, body=answer)
    with pytest.raises(APIResponseValidationError) as caught:
        await call(lambda fp: fp.commissions.approve(ids=range(1, 7), wait=wait))
    assert caught.value.body == answer
    assert str(caught.value).startswith("POST /api/v2/company/commissions/approve answered")
    assert "id 0" in str(caught.value)
    assert len(fake.requests("POST", "/company/commissions/approve")) == 1
    assert [r.path for r in fake.requests() if "batch_processes" in r.path] == []


async def test_batch_processes_wait_times_out_on_a_stuck_process(
    call: Caller, fake: FakeFirstPromoter
) -> None:
    fake.state.stall_batches = True
    fake.seed_commissions(10)
    started = await call(lambda fp: fp.commissions.approve(ids=range(1, 11), wait=False))

    with pytest.raises(BatchProcessTimeoutError) as caught:
        await call(lambda fp: fp.batch_processes.wait(started.id, timeout=0.2))

    assert caught.value.batch_process.id == started.id
    assert caught.value.batch_process.status == "pending"
    assert fake.state.batches[started.id].process["status"] == "pending"


async def test_waiting_for_a_finished_process_returns_it_at_once(
    call: Caller, fake: FakeFirstPromoter
) -> None:
    fake.seed_commissions(3)
    done = await call(lambda fp: fp.commissions.approve(ids=[1, 2, 3]))  # <= 5 ids: at once
    fake.state.journal.clear()

    again = await call(lambda fp: fp.batch_processes.wait(done, timeout=5))

    assert again == done
    assert fake.state.journal == []


def test_the_timeout_error_pickles_with_its_process() -> None:
    process = BatchProcess(id=7, status="in_progress", progress=40.0, action_label="approve")
    error = BatchProcessTimeoutError(process, 2.5)

    copy = pickle.loads(pickle.dumps(error))

    assert type(copy) is BatchProcessTimeoutError
    assert (copy.batch_process, copy.timeout, str(copy)) == (process, 2.5, str(error))


# -- wait options are checked before the batch starts ------------------------------------------


def _resources(owner: object, prefix: str = "") -> list[tuple[str, object]]:
    """Every resource reachable from ``owner`` through cached properties, nested ones too."""
    found: list[tuple[str, object]] = []
    for name, attr in vars(type(owner)).items():
        if isinstance(attr, functools.cached_property):
            resource = getattr(owner, name)
            found.append((prefix + name, resource))
            found += _resources(resource, f"{prefix}{name}.")
    return found


def _batch_actions() -> list[tuple[str, Callable[..., Any]]]:
    """Every batch action of the async client (it takes ``wait`` and ``on_progress``)."""
    actions: list[tuple[str, Callable[..., Any]]] = []
    probe = AsyncFirstPromoter(api_key="k", account_id="1")
    for path, resource in _resources(probe):
        for name, method in inspect.getmembers(resource, inspect.iscoroutinefunction):
            parameters = inspect.signature(method).parameters
            if name.startswith("_") or not {"wait", "on_progress"} <= parameters.keys():
                continue
            args: dict[str, Any] = {}
            for param in parameters.values():
                if param.default is inspect.Parameter.empty:
                    args[param.name] = list(range(1, 7)) if param.name == "ids" else 1
            actions.append((f"{path}.{name}", _caller(path, name, args)))
    return actions


def _caller(path: str, method: str, args: dict[str, Any]) -> Callable[..., Any]:
    def call(fp: Any, **options: Any) -> Any:
        resource = fp
        for name in path.split("."):
            resource = getattr(resource, name)
        return getattr(resource, method)(**args, **options)

    return call


BATCH_ACTIONS = _batch_actions()


def test_every_batch_action_is_covered() -> None:
    # at least the 22 actions on ids and referrals.import_events; each must take wait_timeout
    assert len(BATCH_ACTIONS) >= 23


@pytest.mark.parametrize(("name", "action"), BATCH_ACTIONS, ids=[n for n, _ in BATCH_ACTIONS])
@pytest.mark.parametrize(
    ("options", "param"),
    [({"on_progress": 42}, "on_progress"), ({"wait_timeout": "soon"}, "wait_timeout")],
    ids=["on_progress", "wait_timeout"],
)
async def test_every_batch_action_checks_wait_options_before_sending(
    client: AsyncFirstPromoter,
    fake: FakeFirstPromoter,
    name: str,
    action: Callable[..., Any],
    options: dict[str, Any],
    param: str,
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await action(client, **options)

    assert caught.value.param == param
    assert fake.state.journal == []


@pytest.mark.parametrize(
    ("options", "param"),
    [
        ({"on_progress": 42}, "on_progress"),
        ({"on_progress": "print"}, "on_progress"),
        ({"wait": "no"}, "wait"),
        ({"wait": None}, "wait"),
        ({"wait_timeout": 0}, "wait_timeout"),
        ({"wait_timeout": -1.0}, "wait_timeout"),
        ({"wait_timeout": float("nan")}, "wait_timeout"),
        ({"wait_timeout": float("inf")}, "wait_timeout"),
        ({"wait_timeout": True}, "wait_timeout"),
        ({"wait": False, "wait_timeout": 5}, "wait_timeout"),
        ({"wait": False, "on_progress": print}, "on_progress"),
    ],
)
async def test_bad_wait_options_are_refused_before_anything_is_sent(
    call: Caller, fake: FakeFirstPromoter, options: dict[str, Any], param: str
) -> None:
    fake.seed_commissions(10)

    with pytest.raises(InvalidRequestError) as caught:
        await call(lambda fp: fp.commissions.approve(ids=range(1, 11), **options))

    assert caught.value.param == param
    assert fake.state.journal == []


@pytest.mark.parametrize(
    ("target", "options", "param"),
    [
        ("process", {"on_progress": 42}, "on_progress"),
        ("process", {"timeout": 0}, "timeout"),
        ("process", {"timeout": "1"}, "timeout"),
        (0, {}, "process_or_id"),
        ("7", {}, "process_or_id"),
        (True, {}, "process_or_id"),
    ],
)
async def test_batch_processes_wait_checks_its_arguments_first(
    call: Caller, fake: FakeFirstPromoter, target: Any, options: dict[str, Any], param: str
) -> None:
    if target == "process":
        target = BatchProcess(id=1, status="pending")

    with pytest.raises(InvalidRequestError) as caught:
        await call(lambda fp: fp.batch_processes.wait(target, **options))

    assert caught.value.param == param
    assert fake.state.journal == []
