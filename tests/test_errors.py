"""Bad answers become the typed errors of the contract, with the raw body kept."""

from __future__ import annotations

import pytest

from firstpromoter_async import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    AsyncFirstPromoter,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    FirstPromoterError,
    InternalServerError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from firstpromoter_async.testing import FakeFirstPromoter

from ._aioresponses import MockedHTTP


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (418, APIStatusError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (503, InternalServerError),
    ],
)
async def test_status_maps_to_error_class(
    fake: FakeFirstPromoter, status: int, error: type[APIStatusError]
) -> None:
    fake.seed_promoters(1)
    body = b'{"message": "Nope", "code": "nope"}'
    fake.inject("/company/promoters/1", status=status, times=5, body=body, retry_after=0)
    async with fake.client(max_retries=0) as fp:
        with pytest.raises(error) as info:
            await fp.promoters.retrieve(1)
    assert type(info.value) is error
    assert info.value.status_code == status
    assert info.value.body == body
    assert info.value.message == "Nope"
    assert info.value.code == "nope"
    assert info.value.json() == {"message": "Nope", "code": "nope"}
    assert isinstance(info.value, FirstPromoterError)


async def test_html_error_page_keeps_the_body(fake: FakeFirstPromoter) -> None:
    fake.seed_promoters(1)
    fake.inject("/company/promoters/1", kind="html", status=502, times=3)
    async with fake.client(max_retries=0) as fp:
        with pytest.raises(InternalServerError) as info:
            await fp.promoters.retrieve(1)
    assert info.value.status_code == 502
    assert info.value.code is None
    assert b"Bad Gateway" in info.value.body
    assert info.value.message == "HTTP 502 from GET /api/v2/company/promoters/1"
    assert info.value.response["Content-Type"].startswith("text/html")


async def test_empty_error_body() -> None:
    with MockedHTTP() as mocked:
        mocked.get("http://api.test/v2/company/promoters/1", status=500, body=b"")
        async with AsyncFirstPromoter(
            api_key="sk", account_id="1", base_url="http://api.test/v2", max_retries=0
        ) as fp:
            with pytest.raises(InternalServerError) as info:
                await fp.promoters.retrieve(1)
    assert info.value.body == b""
    assert info.value.message.startswith("HTTP 500")


async def test_rails_style_errors_become_the_message() -> None:
    body = b'{"errors": {"email": ["is invalid", "is taken"]}}'
    with MockedHTTP() as mocked:
        mocked.post("http://api.test/v2/company/promoters", status=422, body=body)
        async with AsyncFirstPromoter(
            api_key="sk", account_id="1", base_url="http://api.test/v2"
        ) as fp:
            with pytest.raises(UnprocessableEntityError) as info:
                await fp.promoters.create(email="a@b.co")
    assert info.value.message == "email is invalid, is taken"


async def test_invalid_json_in_a_2xx_is_a_validation_error(fake: FakeFirstPromoter) -> None:
    fake.seed_promoters(1)
    fake.inject("/company/promoters/1", kind="invalid_json")
    async with fake.client() as fp:
        with pytest.raises(APIResponseValidationError) as info:
            await fp.promoters.retrieve(1)
    assert info.value.body == b'{"id": 1, "oops'


async def test_wrong_shape_in_a_2xx_is_a_validation_error(fake: FakeFirstPromoter) -> None:
    fake.seed_promoters(1)
    fake.inject("/company/promoters/1", status=200, body=b'{"id": "one"}')
    async with fake.client() as fp:
        with pytest.raises(APIResponseValidationError) as info:
            await fp.promoters.retrieve(1)
    assert info.value.body == b'{"id": "one"}'
    assert "Promoter" in info.value.message


async def test_truncated_body_is_a_connection_error(fake: FakeFirstPromoter) -> None:
    fake.seed_promoters(1)
    fake.inject("/company/promoters/1", kind="truncate", times=3)
    async with fake.client(max_retries=0) as fp:
        with pytest.raises(APIConnectionError):
            await fp.promoters.retrieve(1)


async def test_unknown_fields_are_ignored_and_missing_optional_ones_are_none() -> None:
    body = b'{"id": 7, "email": "a@b.co", "brand_new_field": {"x": 1}}'
    with MockedHTTP() as mocked:
        mocked.get("http://api.test/v2/company/promoters/7", body=body)
        async with AsyncFirstPromoter(
            api_key="sk", account_id="1", base_url="http://api.test/v2"
        ) as fp:
            promoter = await fp.promoters.retrieve(7)
    assert promoter.id == 7
    assert promoter.profile is None


async def test_wrong_credentials(fake: FakeFirstPromoter) -> None:
    async with fake.client(api_key="wrong") as fp:
        with pytest.raises(AuthenticationError):
            await fp.promoters.retrieve(1)
    async with fake.client(account_id="other") as fp:
        with pytest.raises(PermissionDeniedError):
            await fp.promoters.retrieve(1)


def test_invalid_request_error_is_a_value_error() -> None:
    error = InvalidRequestError("ids", "must not be empty")
    assert isinstance(error, ValueError)
    assert isinstance(error, FirstPromoterError)
    assert str(error) == "ids: must not be empty"
