"""``fp.request(...)``: any endpoint, through the same limiter, retries, errors and scrubbing."""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import AsyncIterator, Callable
from typing import Any

import msgspec
import pytest

from firstpromoter_async import (
    APIResponse,
    APIResponseValidationError,
    AuthenticationError,
    InternalServerError,
    InvalidRequestError,
    NotFoundError,
    Promoter,
)
from firstpromoter_async.testing import FakeFirstPromoter

from .conftest import Caller

MakeCaller = Callable[..., Caller]


class PromoterPage(msgspec.Struct):
    data: list[Promoter]
    meta: dict[str, Any]


class CountingLimiter:
    """A rate limiter that lets everything through and counts."""

    def __init__(self) -> None:
        self.acquired = 0

    async def acquire(self) -> None:
        self.acquired += 1


@pytest.fixture(params=["async", "sync"])
async def make_call(
    request: pytest.FixtureRequest, fake: FakeFirstPromoter
) -> AsyncIterator[MakeCaller]:
    """Builds callers (async or sync client) with extra constructor keywords."""
    made: list[Caller] = []

    def make(**overrides: Any) -> Caller:
        caller = Caller(request.param, fake)
        caller._settings = lambda: fake.client_settings(**overrides)  # type: ignore[method-assign]
        made.append(caller)
        return caller

    try:
        yield make
    finally:
        for caller in made:
            await caller.aclose()


async def test_a_get_is_rate_limited_and_retried_like_any_method(
    make_call: MakeCaller, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(1)
    limiter = CountingLimiter()
    call = make_call(rate_limiter=limiter)
    fake.inject("/company/promoters/1", status=503, retry_after=0)
    promoter = await call(lambda fp: fp.request("GET", "/company/promoters/1"))
    assert promoter["id"] == 1
    assert limiter.acquired == 2  # the first try and the retry each took a slot
    sent = fake.requests("GET", "/company/promoters/1")
    assert [r.status for r in sent] == [503, 200]
    assert sent[-1].headers["Authorization"] == f"Bearer {fake.state.api_key}"


async def test_a_post_is_not_retried_after_a_503(
    make_call: MakeCaller, fake: FakeFirstPromoter
) -> None:
    call = make_call()
    fake.inject("/company/promoters", method="POST", status=503, retry_after=0)
    with pytest.raises(InternalServerError):
        await call(lambda fp: fp.request("POST", "/company/promoters", json={"email": "a@x.org"}))
    assert len(fake.requests("POST", "/company/promoters")) == 1
    assert len(fake.state.table("promoters")) == 0


async def test_an_idempotent_post_is_retried_after_a_503(
    make_call: MakeCaller, fake: FakeFirstPromoter
) -> None:
    call = make_call()
    fake.inject("/company/promoters", method="POST", status=503, retry_after=0)
    created = await call(
        lambda fp: fp.request(
            "POST", "/company/promoters", json={"email": "b@x.org"}, idempotent=True
        )
    )
    assert created["email"] == "b@x.org"
    assert [r.status for r in fake.requests("POST", "/company/promoters")] == [503, 201]


async def test_results_json_cast_to_and_raw(make_call: MakeCaller, fake: FakeFirstPromoter) -> None:
    fake.seed_promoters(2)
    call = make_call()
    as_json = await call(lambda fp: fp.request("GET", "company/promoters/2"))
    assert isinstance(as_json, dict)
    assert as_json["id"] == 2
    as_model = await call(lambda fp: fp.request("GET", "/company/promoters/2", cast_to=Promoter))
    assert isinstance(as_model, Promoter)
    assert as_model.id == 2
    raw = await call(
        lambda fp: fp.request("GET", "/company/promoters", params={"per_page": 1}, raw=True)
    )
    assert isinstance(raw, APIResponse)
    assert raw.status_code == 200
    assert raw.headers["Content-Type"].startswith("application/json")
    assert raw.json() == {"data": [raw.json()["data"][0]], "meta": raw.json()["meta"]}
    assert [p.id for p in raw.parse(PromoterPage).data] == [1]
    assert raw.content.startswith(b"{")
    assert fake.requests("GET", "/company/promoters")[0].query_dict()["per_page"] == ["1"]


async def test_a_body_that_does_not_match_cast_to_keeps_the_body(
    make_call: MakeCaller, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(1)
    call = make_call()
    with pytest.raises(APIResponseValidationError) as info:
        await call(lambda fp: fp.request("GET", "/company/promoters/1", cast_to=list[Promoter]))
    assert info.value.body.startswith(b"{")


async def test_v1_sends_a_form_with_the_v1_key(
    make_call: MakeCaller, fake: FakeFirstPromoter
) -> None:
    call = make_call()
    created = await call(
        lambda fp: fp.request(
            "POST",
            "/promoters/create",
            api="v1",
            form={"email": "v1@x.org", "first_name": "Vee"},
            idempotent=False,
        )
    )
    assert created["email"] == "v1@x.org"
    sent = fake.requests("POST", "/promoters/create")[0]
    assert sent.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert sent.form == {"email": "v1@x.org", "first_name": "Vee"}
    assert sent.headers["x-api-key"] == (fake.state.v1_api_key or fake.state.api_key)
    assert "Authorization" not in sent.headers


async def test_admin_uses_the_admin_base_with_v2_credentials(
    make_call: MakeCaller, fake: FakeFirstPromoter
) -> None:
    call = make_call()  # admin_base_url derived from base_url: same host, /api/admin/v1
    with contextlib.suppress(NotFoundError):  # the fake may not serve this route
        await call(lambda fp: fp.request("GET", "/custom_referral_statuses", api="admin"))
    sent = fake.state.journal[-1]
    assert sent.path == "/api/admin/v1/custom_referral_statuses"
    assert sent.headers["Authorization"] == f"Bearer {fake.state.api_key}"
    assert sent.headers["Account-ID"] == fake.state.account_id


async def test_errors_are_mapped_and_the_key_scrubbed(
    make_call: MakeCaller, fake: FakeFirstPromoter
) -> None:
    call = make_call()
    key = fake.state.api_key
    fake.inject("/company/whatever", status=401, body=f'{{"message": "bad key {key}"}}'.encode())
    with pytest.raises(AuthenticationError) as info:
        await call(lambda fp: fp.request("GET", "/company/whatever"))
    assert key not in str(info.value)
    assert key.encode() not in info.value.body


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"path": "https://evil.example.com/api/v2/company/promoters"}, "path"),
        ({"path": "//evil.example.com/company/promoters"}, "path"),
        ({"path": ""}, "path"),
        ({"path": "/company/promoters\r\nX-Injected: 1"}, "path"),
        ({"method": "BREW"}, "method"),
        ({"api": "v3"}, "api"),
        ({"json": {"a": 1}, "form": {"a": 1}}, "form"),
        ({"raw": True, "cast_to": Promoter}, "cast_to"),
        ({"idempotent": "yes"}, "idempotent"),
        ({"params": [("a", 1)]}, "params"),
    ],
)
async def test_bad_arguments_are_refused_before_sending(
    make_call: MakeCaller, fake: FakeFirstPromoter, kwargs: dict[str, Any], param: str
) -> None:
    call = make_call()
    arguments = {"method": "GET", "path": "/company/promoters", **kwargs}
    method, path = arguments.pop("method"), arguments.pop("path")
    with pytest.raises(InvalidRequestError) as info:
        await call(lambda fp: fp.request(method, path, **arguments))
    assert info.value.param == param
    assert fake.state.journal == []


async def test_an_absolute_url_on_the_api_origin_is_accepted(
    make_call: MakeCaller, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(1)
    call = make_call()
    promoter = await call(lambda fp: fp.request("GET", f"{fake.base_url}/company/promoters/1"))
    assert promoter["id"] == 1


def test_cast_to_is_typed_for_mypy(tmp_path: Any) -> None:
    from mypy import api

    source = textwrap.dedent(
        """
        from firstpromoter_async import AsyncFirstPromoter, APIResponse, Promoter
        from firstpromoter_sync import FirstPromoter

        async def use(fp: AsyncFirstPromoter) -> None:
            reveal_type(await fp.request("GET", "/company/promoters/1", cast_to=Promoter))
            reveal_type(await fp.request("GET", "/company/promoters", cast_to=list[Promoter]))
            reveal_type(await fp.request("GET", "/x", raw=True))

        def use_sync(fp: FirstPromoter) -> None:
            reveal_type(fp.request("GET", "/company/promoters/1", cast_to=Promoter))
            reveal_type(fp.request("GET", "/x", raw=True))
            reveal_type(fp.with_options(timeout=1.0))
        """
    )
    module = tmp_path / "typed_use.py"
    module.write_text(source)
    out, err, _ = api.run(
        ["--strict", "--no-incremental", "--cache-dir", str(tmp_path), str(module)]
    )
    revealed = [
        line.split("Revealed type is ")[1] for line in out.splitlines() if "Revealed" in line
    ]
    assert revealed == [
        '"firstpromoter_async.models.promoter.Promoter"',
        '"list[firstpromoter_async.models.promoter.Promoter]"',
        '"firstpromoter_async._response.APIResponse"',
        '"firstpromoter_async.models.promoter.Promoter"',
        '"firstpromoter_async._response.APIResponse"',
        '"firstpromoter_sync._client.FirstPromoter"',
    ], out + err
