"""The fake server as users get it: the installed pytest plugin, the control API, ``python -m``."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import aiohttp
import pytest

from firstpromoter_async import InternalServerError
from firstpromoter_async.testing import FakeFirstPromoter, ThreadedFakeFirstPromoter
from firstpromoter_sync import FirstPromoter


def test_fake_firstpromoter_fixture_in_a_sync_test(
    fake_firstpromoter: ThreadedFakeFirstPromoter,
) -> None:
    # written the way a user's suite would: the fixture comes from the installed plugin
    fake_firstpromoter.seed_commissions(8)
    with fake_firstpromoter.sync_client() as fp:
        result = fp.commissions.approve(ids=list(range(1, 9)))
        pending = list(fp.commissions.list(filters={"status": "pending"}))
    assert result.status == "completed"
    assert pending == []
    assert len(fake_firstpromoter.requests("POST", "/company/commissions/approve")) == 1


async def test_fake_firstpromoter_fixture_in_an_async_test(
    fake_firstpromoter: ThreadedFakeFirstPromoter,
) -> None:
    fake_firstpromoter.seed_promoters(3)
    async with fake_firstpromoter.client() as fp:
        emails = [p.email async for p in fp.promoters.list()]
    assert len(emails) == 3


def test_fake_firstpromoter_client_fixture(
    fake_firstpromoter: ThreadedFakeFirstPromoter, fake_firstpromoter_client: FirstPromoter
) -> None:
    fake_firstpromoter.seed_promoters(2)
    assert [p.id for p in fake_firstpromoter_client.promoters.list()] == [1, 2]
    assert fake_firstpromoter.requests("GET", "/company/promoters")


def test_the_plugin_is_registered_by_entry_point() -> None:
    from importlib.metadata import entry_points

    names = {ep.value for ep in entry_points(group="pytest11")}
    assert "firstpromoter_async.testing.pytest_plugin" in names


async def test_control_endpoints(fake: FakeFirstPromoter) -> None:
    async with aiohttp.ClientSession(fake.url) as http:
        async with http.post("/_fake/seed", json={"promoters": 2, "commissions": 3}) as resp:
            assert await resp.json() == {"promoters": 2, "commissions": 3}
        fault = {"path": "/api/v2/company/promoters/1", "status": 503, "times": 1}
        async with http.post("/_fake/faults", json=fault) as resp:
            assert resp.status == 201
        async with fake.client(max_retries=0) as fp:
            with pytest.raises(InternalServerError):
                await fp.promoters.retrieve(1)
            assert (await fp.promoters.retrieve(1)).id == 1
        async with http.get("/_fake/requests") as resp:
            journal = await resp.json()
        assert [(r["path"], r["status"]) for r in journal] == [
            ("/api/v2/company/promoters/1", 503),
            ("/api/v2/company/promoters/1", 200),
        ]
        async with http.post("/_fake/reset") as resp:
            assert resp.status == 200
    assert len(fake.state.table("promoters")) == 0


async def test_python_dash_m_serves_the_fake() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "firstpromoter_async.testing",
        "--port",
        "0",
        "--seed-promoters",
        "5",
        stdout=subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), 20)).decode()
        base_url = line.split(" on ")[1].split(" ")[0]
        headers = {"Authorization": "Bearer test_api_key", "Account-ID": "acc_test"}
        async with (
            aiohttp.ClientSession(headers=headers) as http,
            http.get(f"{base_url}/company/promoters") as resp,
        ):
            body = await resp.json()
        assert len(body["data"]) == 5
    finally:
        process.terminate()
        await process.wait()
