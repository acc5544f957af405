"""Waiting for batch processes: one poller per client, however many batches are awaited."""

from __future__ import annotations

import asyncio
import functools
import inspect
import math
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Protocol

import msgspec

from ._exceptions import (
    APIConnectionError,
    BatchProcessError,
    BatchProcessTimeoutError,
    InvalidRequestError,
)
from ._fields import TypedDict
from .models.batch_process import BatchProcess, BatchProgress

__all__ = [
    "BatchPoller",
    "BatchWait",
    "PlainCallbackRunner",
    "ProgressCallback",
    "check_wait_options",
    "plain_callback_runner",
]

ProgressCallback = Callable[[BatchProgress], Any]
PlainCallbackRunner = Callable[[Callable[[], Any]], Awaitable[Any]]


class BatchWait(TypedDict, total=False):
    """The keywords of every batch action (``**waiting``), each optional:

    - ``wait``: await the process's end (default True); False returns it as started.
    - ``on_progress``: called with each ``BatchProgress`` while waiting (default none).
    - ``wait_timeout``: seconds to wait at most (default none: no limit); then
      ``BatchProcessTimeoutError`` is raised and the process goes on.
    """

    wait: bool
    on_progress: ProgressCallback | None
    wait_timeout: float | None


# How a plain (not async) progress callback runs; None: right on the event loop. The blocking
# client sets it for its calls: its callbacks run in a worker thread, from which they may call
# the blocking client again (on the loop's own thread that call would deadlock).
plain_callback_runner: ContextVar[PlainCallbackRunner | None] = ContextVar(
    "firstpromoter_plain_callback_runner", default=None
)


def check_wait_options(
    *,
    wait: Any = True,
    on_progress: Any = None,
    timeout: Any = None,
    timeout_name: str = "wait_timeout",
) -> None:
    """Refuse wait settings that would only fail once the batch is running on the server.

    Raises:
        InvalidRequestError: ``wait`` is not a bool, ``on_progress`` is not callable, the
            timeout is not a positive number of seconds, or an option is given with
            ``wait=False`` (where it would be ignored).
    """
    if not isinstance(wait, bool):
        raise InvalidRequestError("wait", f"must be True or False, got {type(wait).__name__}")
    if on_progress is not None and not callable(on_progress):
        raise InvalidRequestError(
            "on_progress",
            f"must be a callable taking a BatchProgress, or None; got {type(on_progress).__name__}",
        )
    if timeout is not None and (
        isinstance(timeout, bool)
        or not isinstance(timeout, (int, float))
        or not math.isfinite(timeout)
        or timeout <= 0
    ):
        raise InvalidRequestError(
            timeout_name, f"must be a positive number of seconds, or None; got {timeout!r}"
        )
    if not wait:
        for name, value in (("on_progress", on_progress), (timeout_name, timeout)):
            if value is not None:
                raise InvalidRequestError(name, "has no effect with wait=False")


@dataclass(eq=False)
class _Waiter:
    """One caller awaiting one process: the poller leaves news here and wakes the caller."""

    process: BatchProcess  # the last state seen
    woken: asyncio.Event = field(default_factory=asyncio.Event)
    percent: float | None = None  # the last progress polled
    outcome: BatchProcess | BaseException | None = None  # the end, or why waiting stopped
    expired: bool = False

    def note_progress(self, percent: float) -> None:
        if percent == self.percent:
            return
        self.percent = percent
        status = "in_progress" if 0 < percent < 100 else self.process.status
        self.process = msgspec.structs.replace(self.process, progress=percent, status=status)
        self.woken.set()

    def settle(self, outcome: BatchProcess | BaseException) -> None:
        if self.outcome is None:
            self.outcome = outcome
            self.woken.set()

    def expire(self) -> None:
        self.expired = True
        self.woken.set()


class ProcessSource(Protocol):
    """What the poller asks: the batch-processes resource (``client.batch_processes``)."""

    async def progress(self) -> dict[int, float]: ...

    async def retrieve(self, id: int, /) -> BatchProcess: ...


class BatchPoller:
    """Awaits batch processes until they end, sharing one progress request per interval.

    Every ``interval`` seconds the poller asks the progress endpoint once for all batches it
    waits on. A batch reporting 100 %, or no longer listed, is fetched once by id for its final
    state; a process that ended ``failed`` or ``stopped`` raises ``BatchProcessError``.
    Progress callbacks run in each caller's own task, so one that raises fails its own wait
    only.
    """

    def __init__(self, processes: ProcessSource, *, interval: float) -> None:
        self._processes = processes
        self.interval = interval
        self._waiters: dict[int, list[_Waiter]] = {}
        self._task: asyncio.Task[None] | None = None
        self.polls = 0

    async def wait(
        self,
        process: BatchProcess,
        on_progress: ProgressCallback | None = None,
        *,
        timeout: float | None = None,
    ) -> BatchProcess:
        """Return ``process`` once it is done.

        Raises:
            BatchProcessError: the process ended failed or stopped.
            BatchProcessTimeoutError: ``timeout`` seconds passed first; the process goes on.
            APIConnectionError: the client was closed meanwhile.
            Exception: whatever ``on_progress`` raised (this wait stops; others go on).
        """
        if process.is_done:
            await _report(on_progress, process, 100.0)
            return _final(process)
        loop = asyncio.get_running_loop()
        waiter = _Waiter(process)
        deadline = None if timeout is None else loop.time() + timeout
        timer = None if deadline is None else loop.call_at(deadline, waiter.expire)
        self._waiters.setdefault(process.id, []).append(waiter)
        if self._task is None or self._task.done():
            self._task = loop.create_task(self._run(), name="firstpromoter-batch-poller")
        try:
            outcome = await _follow(waiter, on_progress, timeout, deadline)
        finally:
            if timer is not None:
                timer.cancel()
            self._forget(waiter)
        if isinstance(outcome, BaseException):
            raise outcome
        final = _final(outcome)
        await _report(on_progress, final, 100.0)
        return final

    def _forget(self, waiter: _Waiter) -> None:
        waiters = self._waiters.get(waiter.process.id, [])
        if waiter in waiters:
            waiters.remove(waiter)
        if not waiters:
            self._waiters.pop(waiter.process.id, None)
        if not self._waiters and self._task is not None and not self._task.done():
            if self._task is not asyncio.current_task():
                self._task.cancel()
            self._task = None

    def _all_waiters(self) -> Iterator[_Waiter]:
        for waiters in list(self._waiters.values()):
            yield from list(waiters)

    def _pending(self) -> bool:
        return any(waiter.outcome is None for waiter in self._all_waiters())

    async def aclose(self) -> None:
        """Stop polling; batches still awaited raise ``APIConnectionError``.

        A waiting task that was itself cancelled still gets its ``CancelledError``.
        """
        task, self._task = self._task, None
        for waiter in self._all_waiters():
            # the batch itself was started: request_sent stays True
            waiter.settle(APIConnectionError("The client is closed."))
        if task is not None and not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    def forget_loop_state(self) -> list[object]:
        """Drop the task and waits a forked child inherited from its parent's event loop.

        Returns them for the caller to keep alive: collected, the pending task would be
        reported as destroyed.
        """
        leftovers: list[object] = [self._task, self._waiters]
        self._task, self._waiters = None, {}
        return leftovers

    async def _run(self) -> None:
        try:
            while self._pending():
                await asyncio.sleep(self.interval)
                if self._pending():
                    await self._poll_once()
        except BaseException as exc:  # hand the failure to every waiter, never lose it
            cancelled = isinstance(exc, asyncio.CancelledError)
            for waiter in self._all_waiters():
                # no waiter is left when a wait or aclose() cancelled the poller
                waiter.settle(
                    APIConnectionError("Batch polling was cancelled.") if cancelled else exc
                )
            if cancelled:
                raise

    async def _poll_once(self) -> None:
        self.polls += 1
        progress = await self._processes.progress()
        finished: list[int] = []
        for batch_id, waiters in list(self._waiters.items()):
            waiting = [waiter for waiter in waiters if waiter.outcome is None]
            if not waiting:
                continue
            percent = progress.get(batch_id)
            if percent is None or percent >= 100:
                finished.append(batch_id)
                continue
            for waiter in waiting:
                waiter.note_progress(percent)
        if finished:
            results = await asyncio.gather(
                *(self._processes.retrieve(batch_id) for batch_id in finished),
                return_exceptions=True,
            )
            for batch_id, result in zip(finished, results, strict=True):
                self._settle(batch_id, result)

    def _settle(self, batch_id: int, result: BatchProcess | BaseException) -> None:
        waiters = list(self._waiters.get(batch_id, []))
        if isinstance(result, BatchProcess) and not result.is_done:
            for waiter in waiters:  # listed as done but not final yet: keep waiting
                waiter.process = result
            return
        for waiter in waiters:
            waiter.settle(result)


async def _follow(
    waiter: _Waiter,
    on_progress: ProgressCallback | None,
    timeout: float | None,
    deadline: float | None,
) -> BatchProcess | BaseException:
    """Pass the poller's news to ``on_progress`` until an outcome (or the deadline) arrives."""
    reported: float | None = None
    while True:
        await waiter.woken.wait()
        waiter.woken.clear()
        if waiter.outcome is not None:
            return waiter.outcome
        if waiter.expired:
            assert timeout is not None
            raise BatchProcessTimeoutError(waiter.process, timeout)
        percent = waiter.percent
        if on_progress is None or percent is None or percent == reported:
            continue
        reported = percent
        if deadline is None:
            await _report(on_progress, waiter.process, percent)
        elif not await _report_before(deadline, on_progress, waiter.process, percent):
            assert timeout is not None
            raise BatchProcessTimeoutError(waiter.process, timeout)


async def _report_before(
    deadline: float, callback: ProgressCallback, process: BatchProcess, percent: float
) -> bool:
    """Run the callback, but no longer than until ``deadline``; False if it ran out first.

    A callback still running then is cancelled (an async one) or left to finish on its own
    (one in a worker thread): the deadline holds whatever the callback does.
    """
    report = asyncio.ensure_future(_report(callback, process, percent))
    try:
        remaining = deadline - asyncio.get_running_loop().time()
        done, _ = await asyncio.wait({report}, timeout=max(remaining, 0.0))
    finally:
        if not report.done():
            report.cancel()
            report.add_done_callback(_retrieve)  # whatever it ends with, nobody waits for it
    if report in done:
        report.result()  # the callback's own exception, if any
        return True
    return False


def _retrieve(task: asyncio.Future[None]) -> None:
    if not task.cancelled():
        task.exception()


def _final(process: BatchProcess) -> BatchProcess:
    if process.status in ("failed", "stopped"):
        raise BatchProcessError(process)
    return process


async def _report(callback: ProgressCallback | None, process: BatchProcess, percent: float) -> None:
    if callback is None:
        return
    update = BatchProgress(
        id=process.id,
        progress=percent,
        total=process.total,
        action_label=process.action_label,
        status=process.status if percent >= 100 or process.is_done else "in_progress",
    )
    run_plain = plain_callback_runner.get()
    if run_plain is None or inspect.iscoroutinefunction(callback):
        outcome = callback(update)
    else:
        outcome = await run_plain(functools.partial(callback, update))
    if inspect.isawaitable(outcome):
        await outcome
