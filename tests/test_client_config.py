"""Constructor keywords are checked at construction, on both clients (issue 14, points 4, 15)."""

from __future__ import annotations

import math
from typing import Any

import pytest

from firstpromoter_async import AsyncFirstPromoter, InvalidRequestError
from firstpromoter_async.testing import FakeFirstPromoter, ThreadedFakeFirstPromoter
from firstpromoter_sync import FirstPromoter

from .conftest import Caller

KEY = "sk_live_0123456789abcdef"
CLIENTS = [AsyncFirstPromoter, FirstPromoter]
ENV_VARS = [
    "FIRSTPROMOTER_API_KEY",
    "FIRSTPROMOTER_ACCOUNT_ID",
    "FIRSTPROMOTER_V1_API_KEY",
    "FIRSTPROMOTER_BASE_URL",
    "FIRSTPROMOTER_V1_BASE_URL",
    "FIRSTPROMOTER_ADMIN_BASE_URL",
    "FIRSTPROMOTER_WID",
]

BAD_SETTINGS: list[tuple[dict[str, Any], str]] = [
    ({"requests_per_minute": 0.5}, "requests_per_minute"),
    ({"requests_per_minute": "400"}, "requests_per_minute"),
    ({"requests_per_minute": math.nan}, "requests_per_minute"),
    ({"requests_per_minute": math.inf}, "requests_per_minute"),
    ({"requests_per_minute": True}, "requests_per_minute"),
    ({"requests_per_minute": 0}, "requests_per_minute"),
    ({"batch_poll_interval": "1"}, "batch_poll_interval"),
    ({"batch_poll_interval": 0}, "batch_poll_interval"),
    ({"batch_poll_interval": math.nan}, "batch_poll_interval"),
    ({"timeout": math.nan}, "timeout"),
    ({"timeout": math.inf}, "timeout"),
    ({"timeout": "30"}, "timeout"),
    ({"timeout": 0}, "timeout"),
    ({"timeout": True}, "timeout"),
    ({"max_retries": 1.5}, "max_retries"),
    ({"max_retries": "2"}, "max_retries"),
    ({"max_retries": -1}, "max_retries"),
    ({"max_retries": True}, "max_retries"),
    ({"api_key": 123}, "api_key"),
    ({"api_key": b"bytes-key"}, "api_key"),
    ({"api_key": f"{KEY}\x00"}, "api_key"),
    ({"api_key": f"sk_live\n{KEY}"}, "api_key"),
    ({"v1_api_key": f"v1\r\n{KEY}"}, "v1_api_key"),
    ({"v1_api_key": 42}, "v1_api_key"),
    ({"account_id": 1.5}, "account_id"),
    ({"account_id": True}, "account_id"),
    ({"account_id": "acc\n123"}, "account_id"),
    ({"wid": 5}, "wid"),
    ({"wid": "w\x1b[0m"}, "wid"),
    ({"rate_limiter": object()}, "rate_limiter"),
    ({"rate_limiter": "TokenBucket"}, "rate_limiter"),
    ({"base_url": "not-a-url"}, "base_url"),
    ({"base_url": "ftp://api.firstpromoter.com/api/v2"}, "base_url"),
    ({"base_url": "https://"}, "base_url"),
    ({"base_url": "https://api.firstpromoter.com/api/v2?x=1"}, "base_url"),
    ({"base_url": "https://api.firstpromoter.com:99999/api/v2"}, "base_url"),
    ({"base_url": 8080}, "base_url"),
    ({"v1_base_url": "localhost:8000/api/v1"}, "v1_base_url"),
    ({"admin_base_url": "/api/admin/v1"}, "admin_base_url"),
]


@pytest.fixture(autouse=True)
def no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)


def build(cls: type[Any], **overrides: Any) -> Any:
    settings: dict[str, Any] = {"api_key": KEY, "account_id": "acc_1", **overrides}
    return cls(**settings)


def close(client: Any) -> None:
    if isinstance(client, FirstPromoter):
        client.close()


@pytest.mark.parametrize("cls", CLIENTS, ids=["async", "sync"])
@pytest.mark.parametrize(("kwargs", "param"), BAD_SETTINGS, ids=repr)
def test_a_bad_setting_is_refused_at_construction(
    cls: type[Any], kwargs: dict[str, Any], param: str
) -> None:
    with pytest.raises(InvalidRequestError) as info:
        build(cls, **kwargs)
    assert info.value.param == param
    assert str(info.value).startswith(f"{param}: ")
    assert KEY not in str(info.value)  # a credential's value is never echoed


@pytest.mark.parametrize(
    ("variable", "value", "param"),
    [
        ("FIRSTPROMOTER_API_KEY", f"{KEY}\x07", "api_key"),
        ("FIRSTPROMOTER_ACCOUNT_ID", "acc\x7f1", "account_id"),
        ("FIRSTPROMOTER_BASE_URL", "not-a-url", "base_url"),
        ("FIRSTPROMOTER_V1_BASE_URL", "firstpromoter.com/api/v1", "v1_base_url"),
        ("FIRSTPROMOTER_ADMIN_BASE_URL", "admin", "admin_base_url"),
    ],
)
@pytest.mark.parametrize("cls", CLIENTS, ids=["async", "sync"])
def test_a_bad_environment_value_is_refused_naming_the_keyword(
    monkeypatch: pytest.MonkeyPatch, cls: type[Any], variable: str, value: str, param: str
) -> None:
    monkeypatch.setenv("FIRSTPROMOTER_API_KEY", KEY)
    monkeypatch.setenv("FIRSTPROMOTER_ACCOUNT_ID", "acc_1")
    monkeypatch.setenv(variable, value)
    with pytest.raises(InvalidRequestError) as info:
        cls()
    assert info.value.param == param
    assert variable in str(info.value)
    assert KEY not in str(info.value)


def test_a_session_must_be_an_aiohttp_session() -> None:
    with pytest.raises(InvalidRequestError) as info:
        build(AsyncFirstPromoter, session="not a session")
    assert info.value.param == "session"


@pytest.mark.parametrize("cls", CLIENTS, ids=["async", "sync"])
def test_good_settings_are_accepted_and_normalised(cls: type[Any]) -> None:
    client = build(
        cls,
        api_key=f"  {KEY}\n",
        account_id=123,
        base_url="http://127.0.0.1:8000/api/v2/",
        requests_per_minute=1,
        timeout=2,
        batch_poll_interval=0.25,
        max_retries=0,
    )
    try:
        inner = client if isinstance(client, AsyncFirstPromoter) else client._async
        assert inner.account_id == "123"
        assert inner.base_url == "http://127.0.0.1:8000/api/v2"
        assert inner.admin_base_url == "http://127.0.0.1:8000/api/admin/v1"
        assert inner.timeout == 2.0
        assert KEY not in repr(client)
    finally:
        close(client)


@pytest.fixture(params=["async", "sync"])
async def padded_call(
    request: pytest.FixtureRequest, fake: FakeFirstPromoter, monkeypatch: pytest.MonkeyPatch
) -> Any:
    """A client whose key and account id were read from files: each ends with a newline."""
    monkeypatch.setenv("FIRSTPROMOTER_API_KEY", fake.state.api_key + "\n")
    monkeypatch.setenv("FIRSTPROMOTER_ACCOUNT_ID", f" {fake.state.account_id}\r\n")
    caller = Caller(request.param, fake)
    settings = fake.client_settings()
    for name in ("api_key", "account_id", "v1_api_key"):
        del settings[name]
    caller._settings = lambda: settings  # type: ignore[method-assign]
    try:
        yield caller
    finally:
        await caller.aclose()


async def test_keys_read_with_a_trailing_newline_work(
    padded_call: Caller, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(1)
    promoter = await padded_call(lambda fp: fp.promoters.retrieve(1))
    assert promoter.id == 1
    v1_promoter = await padded_call(lambda fp: fp.v1.promoters.retrieve(id=1))
    assert v1_promoter.id == 1
    sent = fake.requests()[0].headers
    assert sent["Authorization"] == f"Bearer {fake.state.api_key}"
    assert sent["Account-ID"] == fake.state.account_id


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from firstpromoter_sync._cli import main

    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize(
    ("variable", "value", "param"),
    [
        ("FIRSTPROMOTER_API_KEY", f"{KEY}\x08tail", "api_key"),
        ("FIRSTPROMOTER_BASE_URL", "not-a-url", "base_url"),
        ("FIRSTPROMOTER_ACCOUNT_ID", "acc\x1b1", "account_id"),
    ],
)
def test_the_cli_reports_a_bad_setting_in_one_line(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
    value: str,
    param: str,
) -> None:
    with ThreadedFakeFirstPromoter() as fake:
        monkeypatch.setenv("FIRSTPROMOTER_API_KEY", fake.state.api_key)
        monkeypatch.setenv("FIRSTPROMOTER_ACCOUNT_ID", fake.state.account_id)
        monkeypatch.setenv("FIRSTPROMOTER_BASE_URL", fake.base_url)
        monkeypatch.setenv(variable, value)
        status, out, err = run_cli(capsys, "promoters", "list")
        assert fake.state.journal == []
    assert (status, out) == (2, "")
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err
    assert f"InvalidRequestError: {param}: " in err
    assert KEY not in err
