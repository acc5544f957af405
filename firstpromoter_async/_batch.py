"""Waiting for batch processes: one poller per client, however many batches are awaited."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from ._exceptions import BatchProcessError
from .models.batch_process import BatchProcess, BatchProgress

__all__ = ["BatchPoller", "ProgressCallback"]

ProgressCallback = Callable[[BatchProgress], Any]


@dataclass
class _Waiter:
    process: BatchProcess
    future: asyncio.Future[BatchProcess]
    on_progress: ProgressCallback | None
    last_progress: float = field(default=-1.0)


class BatchPoller:
    """Awaits batch processes until they end, sharing one progress request per interval.

    Every ``interval`` seconds the poller asks the progress endpoint once for all batches it
    waits on. A batch reporting 100 %, or no longer listed, is fetched once by id for its final
    state; a process that ended ``failed`` or ``stopped`` raises ``BatchProcessError``.
    """

    def __init__(
        self,
        *,
        fetch_progress: Callable[[], Awaitable[dict[int, float]]],
        fetch_process: Callable[[int], Awaitable[BatchProcess]],
        interval: float,
    ) -> None:
        self._fetch_progress = fetch_progress
        self._fetch_process = fetch_process
        self.interval = interval
        self._waiters: dict[int, list[_Waiter]] = {}
        self._task: asyncio.Task[None] | None = None
        self.polls = 0

    async def wait(
        self, process: BatchProcess, on_progress: ProgressCallback | None = None
    ) -> BatchProcess:
        """Return ``process`` once it is done; raise ``BatchProcessError`` if it failed."""
        if process.is_done:
            await _report(on_progress, process, 100.0)
            return _final(process)
        waiter = _Waiter(process, asyncio.get_running_loop().create_future(), on_progress)
        self._waiters.setdefault(process.id, []).append(waiter)
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="firstpromoter-batch-poller")
        try:
            final = await waiter.future
        finally:
            self._forget(waiter)
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

    async def aclose(self) -> None:
        """Stop polling; batches still awaited get ``asyncio.CancelledError``."""
        task, self._task = self._task, None
        for waiters in list(self._waiters.values()):
            for waiter in waiters:
                waiter.future.cancel()
        if task is not None and not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def _run(self) -> None:
        try:
            while self._waiters:
                await asyncio.sleep(self.interval)
                if not self._waiters:
                    return
                await self._poll_once()
        except asyncio.CancelledError:
            raise
        except BaseException as exc:  # hand the failure to every waiter, never lose it
            for waiters in list(self._waiters.values()):
                for waiter in waiters:
                    if not waiter.future.done():
                        waiter.future.set_exception(exc)

    async def _poll_once(self) -> None:
        self.polls += 1
        progress = await self._fetch_progress()
        finished: list[int] = []
        for batch_id, waiters in list(self._waiters.items()):
            percent = progress.get(batch_id)
            if percent is None or percent >= 100:
                finished.append(batch_id)
                continue
            for waiter in waiters:
                if percent != waiter.last_progress:
                    waiter.last_progress = percent
                    await _report(waiter.on_progress, waiter.process, percent)
        if finished:
            results = await asyncio.gather(
                *(self._fetch_process(batch_id) for batch_id in finished), return_exceptions=True
            )
            for batch_id, result in zip(finished, results, strict=True):
                self._settle(batch_id, result)

    def _settle(self, batch_id: int, result: BatchProcess | BaseException) -> None:
        waiters = self._waiters.get(batch_id, [])
        if isinstance(result, BatchProcess) and not result.is_done:
            for waiter in waiters:  # listed as done but not final yet: keep waiting
                waiter.process = result
            return
        for waiter in list(waiters):
            if waiter.future.done():
                continue
            if isinstance(result, BaseException):
                waiter.future.set_exception(result)
                continue
            try:
                final = _final(result)
            except BatchProcessError as exc:
                waiter.future.set_exception(exc)
            else:
                waiter.future.set_result(final)


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
    outcome = callback(update)
    if inspect.isawaitable(outcome):
        await outcome
