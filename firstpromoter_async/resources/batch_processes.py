"""Batch processes: inspect the server-side jobs behind bulk actions."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Annotated, Any

from .._batch import ProgressCallback, check_wait_options
from .._exceptions import InvalidRequestError
from .._fields import Id, Paging, Unpack, one_of
from .._operation import op
from .._pagination import AsyncPaginator
from .._resource import APIResource
from .._validation import check_id
from ..models.batch_process import BatchProcess

__all__ = ["BatchProcesses", "BATCH_STATUSES"]

BATCH_STATUSES = frozenset({"pending", "in_progress", "completed", "failed", "stopped"})
Status = Annotated[str, one_of(*sorted(BATCH_STATUSES))]


def _status_filter(fields: dict[str, Any]) -> None:
    """``status`` is sent as ``filters[status]``."""
    if "status" in fields:
        fields["filters"] = {"status": fields.pop("status")}


class BatchProcesses(APIResource):
    """Batch processes: the jobs behind bulk actions (``GET /company/batch_processes``)."""

    @op("GET", "/company/batch_processes", checks=[_status_filter])
    def list(
        self, *, status: Status | Sequence[Status] | None = None, **paging: Unpack[Paging]
    ) -> AsyncPaginator[BatchProcess]:
        """Batch processes, optionally only those with ``status`` (one or several of pending,
        in_progress, completed, failed, stopped); ``prefetch`` pages are kept in flight ahead.
        Keywords: ``Paging``."""
        return self._paginate(self.list, locals())

    @op("GET", "/company/batch_processes/{id}")
    async def retrieve(self, id: Id) -> BatchProcess:
        """One batch process by id."""
        return await self._call(self.retrieve, locals())

    @op("GET", "/company/batch_processes/progress", checks=[_status_filter])
    async def progress(
        self, *, status: Status | Sequence[Status] | None = None
    ) -> dict[int, float]:
        """Percent done of each batch process, keyed by id."""
        return await self._call(self.progress, locals())

    async def wait(
        self,
        process_or_id: BatchProcess | int,
        *,
        on_progress: ProgressCallback | None = None,
        timeout: float | None = None,
    ) -> BatchProcess:
        """Wait until a batch process (or the one with this id, fetched first) ends, e.g. one
        started with ``wait=False``, and return it; ``on_progress`` gets each ``BatchProgress``.
        Raises ``BatchProcessError`` if it ends failed or stopped, ``BatchProcessTimeoutError``
        after ``timeout`` seconds (its ``batch_process`` is the last state seen; the job goes on).
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
