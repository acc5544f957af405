"""The fake server's memory: tables of records, batch processes, the request journal, faults."""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["BatchJob", "Fault", "FakeState", "RecordedRequest", "Refused", "Table", "now_iso"]

Record = dict[str, Any]


def now_iso() -> str:
    """The current UTC time as the API writes it."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")[:-6] + "Z"


class Refused(Exception):
    """A request the fake turns down: answered ``status`` with the API's error shape
    (``{"message", "code"}`` on v2, ``{"error"}`` on v1; no ``code``: ``{"message"}``)."""

    def __init__(self, status: int, message: str, code: str | None = "invalid") -> None:
        super().__init__(message)
        self.status, self.message, self.code = status, message, code


class Table:
    """Records of one kind, by id, in creation order."""

    def __init__(self, name: str, first_id: int = 1) -> None:
        self.name, self.rows, self._ids = name, dict[int, Record](), itertools.count(first_id)

    def next_id(self) -> int:
        return next(self._ids)

    def insert(self, record: Record) -> Record:
        """Store ``record``, giving it an ``id`` when it has none."""
        record["id"] = self.next_id() if record.get("id") is None else record["id"]
        self.rows[record["id"]] = record
        return record

    def get(self, id: int) -> Record | None:
        return self.rows.get(id)

    def find(self, **match: Any) -> Record | None:
        """The first record whose fields equal ``match``."""
        rows = self.rows.values()
        return next((r for r in rows if all(r.get(k) == v for k, v in match.items())), None)

    def delete(self, id: int) -> Record | None:
        return self.rows.pop(id, None)

    def __iter__(self) -> Iterator[Record]:
        return iter(list(self.rows.values()))

    def __len__(self) -> int:
        return len(self.rows)


@dataclass
class RecordedRequest:
    """One request as the fake server received it."""

    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: bytes
    json: Any = None
    form: dict[str, Any] | None = None
    status: int | None = None
    peer: str | None = None
    """The client's address and port: one per connection."""

    def query_dict(self) -> dict[str, list[str]]:
        """Query values by key, repeated keys (``ids[]``) collected in order."""
        return {key: [v for k, v in self.query if k == key] for key, _ in self.query}


@dataclass
class Fault:
    """Something that goes wrong on purpose for the next ``times`` matching requests: ``kind``
    ``status`` (answer ``status`` with ``body``), ``delay`` (sleep ``delay`` s, then answer),
    ``reset`` (drop the connection), ``invalid_json`` (a 200 that is not JSON), ``html`` (an HTML
    error page) or ``truncate`` (a body shorter than announced). With ``after`` the route works
    first and only the answer is replaced: the request took effect, the client cannot know."""

    path: str
    method: str | None = None
    kind: str = "status"
    status: int = 503
    times: int = 1
    retry_after: float | None = None
    delay: float = 0.0
    body: bytes | None = None
    after: bool = False

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method != method:
            return False
        return path.startswith(self.path[:-1]) if self.path.endswith("*") else path == self.path


@dataclass
class BatchJob:
    """A batch process and the work it will do when it reaches 100 %."""

    process: Record
    ids: list[int]
    apply: Callable[[int], str | None]
    started: float = field(default_factory=time.monotonic)
    """When it started (``time.monotonic()``), for ``batch_progression="time"``."""


@dataclass
class FakeState:
    """Everything the fake server knows; tests and seed helpers may change it directly.
    A batch process takes ``batch_steps`` steps: one per progress poll (``batch_progression=
    "poll"``) or per ``batch_step_seconds`` (``"time"``: retrieving it by id sees it finish too);
    ``stall_batches`` holds unfinished ones where they are; more ids than
    ``async_batch_threshold`` run asynchronously. ``rate_limit_per_minute`` requests per account
    in any ``rate_limit_window`` seconds (``None``: no limit), then 429 with ``Retry-After``."""

    api_key: str = "test_api_key"
    account_id: str = "acc_test"
    v1_api_key: str | None = None
    batch_steps: int = 3
    batch_progression: Literal["poll", "time"] = "poll"
    batch_step_seconds: float = 0.05
    stall_batches: bool = False
    async_batch_threshold: int = 5
    rate_limit_per_minute: int | None = 400
    rate_limit_window: float = 60.0
    link_headers: bool = False
    tables: dict[str, Table] = field(default_factory=dict)
    batches: dict[int, BatchJob] = field(default_factory=dict)
    journal: list[RecordedRequest] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    request_times: dict[str, deque[float]] = field(default_factory=dict)
    _batch_ids: Iterator[int] = field(default_factory=lambda: itertools.count(1), repr=False)

    def table(self, name: str) -> Table:
        """The table called ``name``, created empty on first use."""
        return self.tables.setdefault(name, Table(name))

    def reset(self) -> None:
        """Forget every record, batch, fault and recorded request."""
        for held in (self.tables, self.batches, self.journal, self.faults, self.request_times):
            held.clear()
        self._batch_ids = itertools.count(1)

    def start_batch(
        self,
        action_label: str,
        ids: list[int],
        apply: Callable[[int], str | None],
        *,
        background: bool = False,
    ) -> tuple[int, Record]:
        """Run ``apply`` (``None`` on success, else the error for that id) on each id: at once
        for a few ids (200), else (or always with ``background``) as a batch process (202)."""
        process: Record = {"id": next(self._batch_ids), "status": "pending", "meta": {}}
        process |= dict.fromkeys(("total", "selected_total"), len(ids))
        process |= dict.fromkeys(("processed_count", "failed_count", "progress"), 0)
        process |= {"action_label": action_label, "processing_errors": []}
        process |= dict.fromkeys(("created_at", "updated_at"), now_iso())
        job = BatchJob(process, list(ids), apply)
        self.batches[process["id"]] = job
        if not background and len(ids) <= self.async_batch_threshold:
            self._finish(job)
            return 200, process
        return 202, process

    def poll_batches(self) -> None:
        """What a progress poll does: one step (``"poll"``), or catch up with the clock."""
        self.advance_batches() if self.batch_progression == "poll" else self.catch_up_batches()

    def catch_up_batches(self) -> None:
        """With ``batch_progression="time"``: bring every batch to where the clock says."""
        if self.batch_progression == "time":
            now, step = time.monotonic(), max(self.batch_step_seconds, 1e-9)
            self.advance_batches(lambda job: int((now - job.started) / step))

    def advance_batches(self, steps_done: Callable[[BatchJob], int] | None = None) -> None:
        """One step of work on every unfinished batch, or up to ``steps_done(job)`` steps."""
        step = max(1, -(-100 // max(1, self.batch_steps)))
        for job in [] if self.stall_batches else list(self.batches.values()):
            process = job.process
            if process["status"] not in ("pending", "in_progress"):
                continue
            before = int(process["progress"])
            progress = min(100, before + step if steps_done is None else steps_done(job) * step)
            if progress <= before and steps_done is not None:
                continue  # not yet time for the next step
            done = len(job.ids) * progress // 100
            process.update(status="in_progress", progress=progress, processed_count=done)
            process["updated_at"] = now_iso()
            if progress >= 100:
                self._finish(job)

    def stop_batch(self, id: int) -> None:
        """End a batch as ``stopped`` without doing its work."""
        self.batches[id].process.update(status="stopped", updated_at=now_iso())

    def _finish(self, job: BatchJob) -> None:
        errors = [error for error in map(job.apply, job.ids) if error is not None]
        job.process.update(
            status="failed" if job.ids and len(errors) == len(job.ids) else "completed",
            progress=100,
            processed_count=len(job.ids),
            failed_count=len(errors),
            processing_errors=errors,
            updated_at=now_iso(),
        )

    def progress(self, statuses: set[str] | None = None) -> dict[str, int]:
        """Percent done of each unfinished batch (what the progress endpoint answers)."""
        wanted = statuses or {"pending", "in_progress"}
        return {
            str(job.process["id"]): int(job.process["progress"])
            for job in self.batches.values()
            if job.process["status"] in wanted
        }

    def take_fault(self, method: str, path: str) -> Fault | None:
        """The first fault that matches, used up by one."""
        fault = next((f for f in self.faults if f.times > 0 and f.matches(method, path)), None)
        if fault is not None:
            fault.times -= 1
            if fault.times == 0:
                self.faults.remove(fault)
        return fault
