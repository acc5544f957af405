"""Batch processes: inspect the server-side jobs behind bulk actions."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from .._batch import ProgressCallback, check_wait_options
from .._exceptions import InvalidRequestError
from .._pagination import AsyncPaginator
from .._resource import APIResource
from .._validation import check_choice, check_id, compact
from ..models.batch_process import BatchProcess

__all__ = ["BatchProcesses", "BATCH_STATUSES"]

BATCH_STATUSES = frozenset({"pending", "in_progress", "completed", "failed", "stopped"})


def _status_filter(status: str | Sequence[str] | None) -> dict[str, object] | None:
    if status is None:
        return None
    for value in [status] if isinstance(status, str) else status:
        check_choice(value, "status", BATCH_STATUSES)
    return {"status": status if isinstance(status, str) else list(status)}


class BatchProcesses(APIResource):
    """Batch processes: the jobs behind bulk actions (``GET /company/batch_processes``)."""

    def list(
        self,
        *,
        status: str | Sequence[str] | None = None,
        page: int = 1,
        per_page: int = 100,
        prefetch: int = 1,
    ) -> AsyncPaginator[BatchProcess]:
        """Batch processes, optionally only those with ``status`` (one status or several).

        Args:
            prefetch: pages kept in flight ahead of the one being read (0: one after
                another).

        Raises:
            InvalidRequestError: a status is not one of pending, in_progress, completed,
                failed, stopped.
        """
        params = compact(filters=_status_filter(status))
        return self._list(
            "/company/batch_processes",
            BatchProcess,
            params=params,
            page=page,
            per_page=per_page,
            prefetch=prefetch,
        )

    async def retrieve(self, id: int) -> BatchProcess:
        """One batch process by id."""
        check_id(id)
        return await self._request("GET", f"/company/batch_processes/{id}", cast_to=BatchProcess)

    async def progress(self, *, status: str | Sequence[str] | None = None) -> dict[int, float]:
        """Percent done of each batch process, keyed by id."""
        params = compact(filters=_status_filter(status))
        result: dict[int, float] = await self._request(
            "GET", "/company/batch_processes/progress", cast_to=dict[int, float], params=params
        )
        return result

    async def wait(
        self,
        process_or_id: BatchProcess | int,
        *,
        on_progress: ProgressCallback | None = None,
        timeout: float | None = None,
    ) -> BatchProcess:
        """Wait until a batch process ends, e.g. one started with ``wait=False``, and return it.

        Given an id, the process is fetched first. Waits share the client's one poller with
        the batch actions' own waits.

        Args:
            process_or_id: a ``BatchProcess`` or a batch process id.
            on_progress: called with a ``BatchProgress`` whenever the progress changes.
            timeout: seconds to wait at most (``None``: until the process ends).

        Raises:
            BatchProcessError: the process ended failed or stopped.
            BatchProcessTimeoutError: ``timeout`` passed first; ``batch_process`` is the last
                state seen. The process goes on on the server.
        """
        check_wait_options(on_progress=on_progress, timeout=timeout, timeout_name="timeout")
        if isinstance(process_or_id, BatchProcess):
            return await self._client._batch_poller.wait(
                process_or_id, on_progress, timeout=timeout
            )
        if isinstance(process_or_id, bool) or not isinstance(process_or_id, int):
            raise InvalidRequestError(
                "process_or_id",
                f"must be a BatchProcess or its integer id, got {type(process_or_id).__name__}",
            )
        check_id(process_or_id, "process_or_id")
        loop = asyncio.get_running_loop()
        started = loop.time()
        process = await self.retrieve(process_or_id)
        if timeout is not None:  # the fetch counts against the deadline
            timeout = max(timeout - (loop.time() - started), 0.0)
        return await self._client._batch_poller.wait(process, on_progress, timeout=timeout)
