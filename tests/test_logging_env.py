"""``FIRSTPROMOTER_LOG=debug|info`` puts the SDK's log on stderr, once, without the key."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent(
    """
    import asyncio
    import logging

    from firstpromoter_async import AuthenticationError
    from firstpromoter_async.testing import ThreadedFakeFirstPromoter

    with ThreadedFakeFirstPromoter() as fake:
        fake.seed_promoters(1)
        key = fake.state.api_key
        fake.inject("/company/promoters/1", status=503, retry_after=0)
        with fake.sync_client() as fp:
            fp.promoters.retrieve(1)

        async def main() -> None:
            async with fake.client() as fp:
                await fp.promoters.retrieve(1)
                fake.inject("/company/promoters/1", status=401, body=key.encode())
                try:
                    await fp.promoters.retrieve(1)
                except AuthenticationError:
                    pass

        asyncio.run(main())
    print(len(logging.getLogger("firstpromoter").handlers), key)
    """
)


def run(level: str | None) -> tuple[str, str, str]:
    env = {k: v for k, v in os.environ.items() if k != "FIRSTPROMOTER_LOG"}
    if level is not None:
        env["FIRSTPROMOTER_LOG"] = level
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    handlers, key = result.stdout.split()
    return handlers, key, result.stderr


@pytest.mark.parametrize("level", ["debug", "DEBUG"])
def test_debug_logs_every_request_once_without_the_key(level: str) -> None:
    handlers, key, stderr = run(level)
    assert handlers == "1"  # two clients, one handler
    lines = stderr.splitlines()
    assert len([line for line in lines if "-> 200" in line]) == 2
    assert len([line for line in lines if "-> 503" in line]) == 1
    assert len([line for line in lines if "-> 401" in line]) == 1
    assert len([line for line in lines if "retrying" in line]) == 1
    assert all("firstpromoter" in line for line in lines)
    assert key not in stderr


def test_info_logs_retries_only() -> None:
    handlers, key, stderr = run("info")
    assert handlers == "1"
    assert "retrying" in stderr
    assert "-> 200" not in stderr
    assert key not in stderr


def test_without_the_variable_nothing_is_printed() -> None:
    handlers, _, stderr = run(None)
    assert (handlers, stderr) == ("0", "")
