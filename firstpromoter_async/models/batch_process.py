"""Batch processes: the server-side jobs behind bulk actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ._base import Model

BATCH_TERMINAL_STATUSES = frozenset({"completed", "failed", "stopped"})


class BatchProcess(Model):
    """A bulk action's job.

    ``status`` is one of ``pending``, ``in_progress``, ``completed``, ``failed``, ``stopped``.
    A ``completed`` process may still have ``failed_count`` > 0: ``processing_errors`` then
    says what failed.
    """

    id: int
    status: str
    total: int | None = None
    selected_total: int | None = None
    processed_count: int | None = None
    failed_count: int | None = None
    action_label: str | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    meta: dict[str, Any] | None = None
    progress: float | None = None
    processing_errors: list[Any] | None = None

    @property
    def is_done(self) -> bool:
        """Whether the process reached a final status."""
        return self.status in BATCH_TERMINAL_STATUSES

    @property
    def succeeded(self) -> bool:
        """Completed with no failed item."""
        return self.status == "completed" and not self.failed_count


class BatchProgress(Model):
    """A progress update handed to ``on_progress`` while a batch is awaited."""

    id: int
    progress: float
    """Percent done, 0 to 100."""
    total: int | None = None
    action_label: str | None = None
    status: str | None = None
