"""Batch processes: inspect the server-side jobs behind bulk actions."""

from __future__ import annotations

from collections.abc import Sequence

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
