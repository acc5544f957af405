"""Every error the SDK exports pickles and unpickles with its fields (multiprocessing, queues)."""

from __future__ import annotations

import inspect
import pickle
from typing import Any

import pytest

import firstpromoter_async
import firstpromoter_sync
from firstpromoter_async import BatchProcess, FirstPromoterError, NotFoundError
from firstpromoter_async.testing import FakeFirstPromoter

PROCESS = BatchProcess(id=7, status="failed", total=3, failed_count=3, action_label="approve")

# a value for each constructor parameter an error class may take, by name, then by type
BY_NAME: dict[str, Any] = {
    "message": "something failed",
    "status_code": 404,
    "body": b'{"message": "Not found", "code": "not_found"}',
    "code": "not_found",
    "response": {"Retry-After": "3", "X-Request-Id": "req_1"},
    "method": "GET",
    "url": "https://api.firstpromoter.com/api/v2/company/promoters/1",
    "request_sent": False,
    "param": "ids",
    "problem": "must not be empty",
    "batch_process": PROCESS,
    "last_seen": PROCESS,
    "process": PROCESS,
    "timeout": 2.5,
}
BY_TYPE: dict[str, Any] = {"str": "text", "int": 3, "float": 1.5, "bool": True, "bytes": b"raw"}

EXPORTED_ERRORS = sorted(
    (
        obj
        for name in firstpromoter_async.__all__
        if isinstance(obj := getattr(firstpromoter_async, name), type)
        and issubclass(obj, FirstPromoterError)
    ),
    key=lambda cls: cls.__name__,
)


def build(cls: type[FirstPromoterError]) -> FirstPromoterError:
    """An instance of ``cls`` with every constructor parameter set to a telling value."""
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for name, parameter in inspect.signature(cls.__init__).parameters.items():
        if name == "self" or parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        if name in BY_NAME:
            value = BY_NAME[name]
        elif str(parameter.annotation) in BY_TYPE:  # annotations are strings there
            value = BY_TYPE[str(parameter.annotation)]
        elif parameter.default is not parameter.empty:
            continue
        else:
            raise AssertionError(f"add a value for {cls.__name__}({name}=...) to BY_NAME")
        if parameter.kind is parameter.KEYWORD_ONLY:
            kwargs[name] = value
        else:
            args.append(value)
    return cls(*args, **kwargs)


def test_every_exported_error_class_is_covered() -> None:
    names = {cls.__name__ for cls in EXPORTED_ERRORS}
    assert {"FirstPromoterError", "NotFoundError", "InvalidRequestError"} <= names
    assert {"BatchProcessError", "APITimeoutError", "APIResponseValidationError"} <= names
    # the sync package re-exports the very same classes, so they pickle the same way
    assert all(getattr(firstpromoter_sync, cls.__name__) is cls for cls in EXPORTED_ERRORS)


@pytest.mark.parametrize("cls", EXPORTED_ERRORS, ids=lambda cls: cls.__name__)
def test_error_round_trips_through_pickle(cls: type[FirstPromoterError]) -> None:
    error = build(cls)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is cls
    assert copy.args == error.args
    assert str(copy) == str(error)
    assert copy.__dict__ == error.__dict__  # every field: status_code, param, batch_process, ...
    assert copy.message == error.message


def test_status_error_headers_are_a_plain_mapping_after_pickling() -> None:
    error = build(NotFoundError)
    copy = pickle.loads(pickle.dumps(error))
    assert isinstance(copy, NotFoundError)
    assert dict(copy.response) == {"retry-after": "3", "x-request-id": "req_1"}
    assert copy.response["Retry-After"] == copy.response.get("retry-after") == "3"


async def test_a_404_from_the_server_pickles_with_its_headers(fake: FakeFirstPromoter) -> None:
    async with fake.client() as fp:
        with pytest.raises(NotFoundError) as info:
            await fp.promoters.retrieve(999)
    copy = pickle.loads(pickle.dumps(info.value))
    assert isinstance(copy, NotFoundError)
    assert (copy.status_code, copy.message, copy.code) == (404, info.value.message, "not_found")
    assert copy.body == info.value.body
    assert copy.response["content-type"].startswith("application/json")
    assert dict(copy.response) == dict(info.value.response)
    assert (copy.method, copy.url) == ("GET", info.value.url)


def test_invalid_request_error_unpickles_with_its_param() -> None:
    error = firstpromoter_async.InvalidRequestError("ids", "must not be empty")
    copy = pickle.loads(pickle.dumps(error))
    assert isinstance(copy, firstpromoter_async.InvalidRequestError)
    assert isinstance(copy, ValueError)
    assert (copy.param, str(copy)) == ("ids", "ids: must not be empty")
