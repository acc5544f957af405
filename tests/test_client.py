"""Client configuration: credentials from the environment, sessions, lifetime."""

from __future__ import annotations

import aiohttp
import pytest

from firstpromoter_async import (
    DEFAULT_BASE_URL,
    APIConnectionError,
    AsyncFirstPromoter,
    InvalidRequestError,
)
from firstpromoter_async.testing import FakeFirstPromoter


def test_credentials_fall_back_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIRSTPROMOTER_API_KEY", "env_key")
    monkeypatch.setenv("FIRSTPROMOTER_ACCOUNT_ID", "acc_env")
    monkeypatch.setenv("FIRSTPROMOTER_V1_API_KEY", "env_v1")
    fp = AsyncFirstPromoter()
    assert fp.account_id == "acc_env"
    assert fp.base_url == DEFAULT_BASE_URL
    assert fp._endpoint("v2").headers["Authorization"] == "Bearer env_key"
    assert fp._endpoint("v1").headers["x-api-key"] == "env_v1"


def test_v1_key_defaults_to_the_v2_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FIRSTPROMOTER_V1_API_KEY", raising=False)
    fp = AsyncFirstPromoter(api_key="k", account_id=5)
    assert fp.account_id == "5"
    assert fp._endpoint("v1").headers["x-api-key"] == "k"


def test_a_key_is_required(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FIRSTPROMOTER_API_KEY", "FIRSTPROMOTER_V1_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(InvalidRequestError) as info:
        AsyncFirstPromoter()
    assert info.value.param == "api_key"


async def test_v2_needs_an_account_id_and_sends_nothing_without(
    monkeypatch: pytest.MonkeyPatch, fake: FakeFirstPromoter
) -> None:
    monkeypatch.delenv("FIRSTPROMOTER_ACCOUNT_ID", raising=False)
    async with AsyncFirstPromoter(api_key="k", base_url=fake.base_url) as fp:
        with pytest.raises(InvalidRequestError) as info:
            await fp.promoters.retrieve(1)
    assert info.value.param == "account_id"
    assert fake.state.journal == []


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"timeout": 0}, "timeout"),
        ({"max_retries": -1}, "max_retries"),
        ({"batch_poll_interval": 0}, "batch_poll_interval"),
    ],
)
def test_settings_are_checked(kwargs: dict[str, float], param: str) -> None:
    with pytest.raises(InvalidRequestError) as info:
        AsyncFirstPromoter(api_key="k", account_id="1", **kwargs)  # type: ignore[arg-type]
    assert info.value.param == param


async def test_a_callers_session_is_used_and_left_open(fake: FakeFirstPromoter) -> None:
    fake.seed_promoters(1)
    async with aiohttp.ClientSession(headers={"X-Trace": "abc"}) as session:
        async with fake.client(session=session) as fp:
            assert (await fp.promoters.retrieve(1)).id == 1
        assert not session.closed
        assert fake.state.journal[0].headers["X-Trace"] == "abc"


async def test_closed_client_refuses_requests(fake: FakeFirstPromoter) -> None:
    fp = fake.client()
    await fp.aclose()
    with pytest.raises(APIConnectionError, match="closed"):
        await fp.promoters.retrieve(1)
    assert fake.state.journal == []


async def test_user_agent_names_the_sdk(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(1)
    await client.promoters.retrieve(1)
    assert fake.state.journal[0].headers["User-Agent"].startswith("firstpromoter-python/0.")
