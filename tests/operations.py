"""A table format for "call this operation, expect this on the wire", shared by resource tests.

Each ``tests/resources/test_<name>.py`` module defines ``OPERATIONS: list[Operation]`` and
``INVALID: list[Invalid]``; ``tests/test_operations.py`` runs every row through both clients
against the fake server: an operation's request must carry exactly the expected fields (nothing
more, ``page``/``per_page`` aside) and its result the declared type; an invalid call must raise
``InvalidRequestError`` naming the expected argument with nothing sent.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from firstpromoter_async.testing import FakeFirstPromoter, RecordedRequest


@dataclass
class Operation:
    """One API operation as a test case.

    Attributes:
        id: ``"promoters.create"``, the test id.
        call: ``lambda fp: fp.promoters.create(email=...)``; works on both clients.
        method, path: what must go over the wire (path after the API base, ids filled in).
        result: the type of the result, or of each item when the call lists.
        setup: seeds the fake server before the call (the server is fresh for each case).
        query: the query parameters sent, as ``{key: [values]}`` (exactly these, but
            ``page``/``per_page`` are checked only when listed).
        json: the JSON body sent (exactly these fields).
        form: the v1 form fields sent (exactly these fields).
        api: ``"v2"`` (Bearer + Account-ID, JSON) or ``"v1"`` (x-api-key, form).
        returns_none: the call returns ``None`` (no body to decode).
    """

    id: str
    call: Callable[[Any], Any]
    method: str
    path: str
    result: Any = None
    setup: Callable[[FakeFirstPromoter], Any] | None = None
    query: Mapping[str, list[str]] = field(default_factory=dict)
    json: Mapping[str, Any] = field(default_factory=dict)
    form: Mapping[str, Any] = field(default_factory=dict)
    api: str = "v2"
    returns_none: bool = False


def row(
    id: str,
    call: Callable[[Any], Any],
    request: str,
    result: Any = None,
    *,
    body: Mapping[str, Any] | None = None,
    setup: Callable[[FakeFirstPromoter], Any] | None = None,
    api: str = "v2",
    returns_none: bool = False,
) -> Operation:
    """An ``Operation`` written as compactly as it goes over the wire.

    ``request`` is ``"METHOD /path?query"`` with the query exactly as sent, in Rails form
    (``"GET /company/commissions?q=x&filters[status]=pending&sorting[amount]=desc"``);
    ``body`` is the JSON body (v2) or the form fields (v1) sent.
    """
    method, _, target = request.partition(" ")
    path, _, query_string = target.partition("?")
    query: dict[str, list[str]] = {}
    for key, value in parse_qsl(query_string, keep_blank_values=True):
        query.setdefault(key, []).append(value)
    return Operation(
        id,
        call,
        method,
        path,
        result,
        setup=setup,
        query=query,
        json=body if body is not None and api != "v1" else {},
        form=body if body is not None and api == "v1" else {},
        api=api,
        returns_none=returns_none,
    )


async def invoke(call: Callable[[Any], Any], client: Any) -> Any:
    """Call ``call(client)`` and await the result when it is awaitable (not a paginator)."""
    result = call(client)
    if inspect.isawaitable(result) and not hasattr(result, "__aiter__"):
        return await result
    return result


def wire_request(fake: FakeFirstPromoter, op: Operation) -> RecordedRequest:
    """The first request the operation sent to its own route."""
    full_path = f"/api/{'admin/v1' if op.api == 'admin' else op.api}{op.path}"
    matching = [r for r in fake.state.journal if r.method == op.method and r.path == full_path]
    assert matching, (
        f"{op.id}: no {op.method} {full_path} on the wire; saw "
        f"{[(r.method, r.path) for r in fake.state.journal]}"
    )
    return matching[0]


def check_wire(fake: FakeFirstPromoter, op: Operation) -> RecordedRequest:
    """Assert auth headers, encoding and the expected fields of the operation's request."""
    request = wire_request(fake, op)
    headers = {k.lower(): v for k, v in request.headers.items()}
    assert headers["user-agent"].startswith("firstpromoter-python/")
    if op.api in ("v2", "admin"):
        assert headers["authorization"] == f"Bearer {fake.state.api_key}"
        assert headers["account-id"] == fake.state.account_id
        if request.body:
            assert headers["content-type"].startswith("application/json")
    else:
        assert headers["x-api-key"] == (fake.state.v1_api_key or fake.state.api_key)
        assert "authorization" not in headers
        if request.body:
            assert headers["content-type"].startswith("application/x-www-form-urlencoded")
    query = {
        key: values
        for key, values in request.query_dict().items()
        if key in op.query or key not in PAGING
    }
    assert query == dict(op.query), f"{op.id}: query {query}, want {dict(op.query)}"
    assert (request.json or {}) == dict(op.json), f"{op.id}: JSON body {request.json!r}"
    assert (request.form or {}) == dict(op.form), f"{op.id}: form body {request.form!r}"
    return request


PAGING = frozenset({"page", "per_page"})


@dataclass
class Invalid:
    """A call refused before anything is sent: ``InvalidRequestError.param == param``."""

    call: Callable[[Any], Any]
    param: str


def check_result(op: Operation, result: Any) -> None:
    """Assert the decoded result has the declared type."""
    if op.returns_none:
        assert result is None, f"{op.id}: expected None, got {result!r}"
        return
    if op.result is None:
        return
    if isinstance(result, list):
        assert result, f"{op.id}: empty list result"
        for item in result:
            assert isinstance(item, op.result), f"{op.id}: item {item!r}"
    else:
        assert isinstance(result, op.result), f"{op.id}: result {result!r}"
