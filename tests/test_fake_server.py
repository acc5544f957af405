"""The fake server's own settings and structure: batch progression, imports, module layout."""

from __future__ import annotations

import ast
import asyncio
import subprocess
import sys
from pathlib import Path

from firstpromoter_async.testing import FakeFirstPromoter

TESTING = Path(__file__).resolve().parent.parent / "firstpromoter_async" / "testing"


async def test_time_progression_finishes_batches_retrieved_by_id() -> None:
    async with FakeFirstPromoter(batch_progression="time", batch_step_seconds=0.01) as fake:
        fake.seed_commissions(8)
        async with fake.client() as fp:
            started = await fp.commissions.approve(ids=list(range(1, 9)), wait=False)
            assert started.status == "pending"
            process = started
            for _ in range(500):  # bounded: 3 steps of 10 ms each are due long before
                await asyncio.sleep(0.01)
                process = await fp.batch_processes.retrieve(started.id)
                if process.status == "completed":
                    break
        assert process.status == "completed"
        assert process.processed_count == 8
        assert not fake.requests("GET", "/company/batch_processes/progress")
        assert {c["status"] for c in fake.state.table("commissions")} == {"approved"}


async def test_poll_progression_moves_only_on_progress_polls(fake: FakeFirstPromoter) -> None:
    fake.seed_commissions(8)
    async with fake.client() as fp:
        started = await fp.commissions.approve(ids=list(range(1, 9)), wait=False)
        for _ in range(3):
            assert (await fp.batch_processes.retrieve(started.id)).progress == 0
        await fp.batch_processes.progress()
        assert (await fp.batch_processes.retrieve(started.id)).progress > 0


async def test_time_progression_respects_stalled_batches() -> None:
    async with FakeFirstPromoter(
        batch_progression="time", batch_step_seconds=0.001, stall_batches=True
    ) as fake:
        fake.seed_commissions(8)
        async with fake.client() as fp:
            started = await fp.commissions.approve(ids=list(range(1, 9)), wait=False)
            await asyncio.sleep(0.01)
            assert (await fp.batch_processes.retrieve(started.id)).status == "pending"
            fake.state.stall_batches = False
            assert (await fp.batch_processes.retrieve(started.id)).status == "completed"


def test_the_testing_package_imports_without_the_sync_client() -> None:
    code = (
        "import sys; sys.modules['firstpromoter_sync'] = None; "
        "import firstpromoter_async.testing, firstpromoter_async.testing.__main__"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_domain_modules_hold_no_http_and_route_modules_no_other_routes() -> None:
    for path in (TESTING / "domain").glob("*.py"):
        assert not any(name.startswith("aiohttp") for name in _imports(path)), path.name
    for path in (TESTING / "routes").glob("*.py"):
        if path.name != "__init__.py":
            siblings = {name for name in _imports(path) if name.startswith(".") and name[1] != "."}
            assert siblings == set(), path.name
