"""A table format for "call this operation, expect this on the wire": each
``tests/resources/test_<name>.py`` defines ``OPERATIONS`` (rows) and ``INVALID``, which
``tests/test_operations.py`` runs through both clients against the fake server: a request must
carry exactly the expected fields (``page``/``per_page`` aside) and its result the declared
type; an invalid call must raise ``InvalidRequestError`` naming the argument, sending nothing.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from firstpromoter_async._resource import APIResource
from firstpromoter_async.testing import FakeFirstPromoter, RecordedRequest


@dataclass
class Operation:
    """One API operation as a test case (write it with ``row``): ``call(client)`` works on both
    clients after ``setup(fake)``; ``method`` ``path`` (after the API base) must go over the wire
    with exactly ``query`` (``{key: [values]}``; ``page``/``per_page`` only checked when listed)
    and the ``json`` (v2) or ``form`` (v1) fields; ``api`` "v2" is Bearer + Account-ID, "v1"
    x-api-key; the result is a ``result`` (each item when listing), ``None`` if that is None."""

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


def row(
    name: str,
    request: str,
    result: Any = None,
    setup: Callable[[FakeFirstPromoter], Any] | None = None,
    /,
    *args: Any,
    body: Mapping[str, Any] | None = None,
    api: str | None = None,
    call: Callable[[Any], Any] | None = None,
    **kwargs: Any,
) -> Operation:
    """The row of ``fp.<name>(*args, **kwargs)`` after ``setup(fake)`` (``name`` may end in
    ``[case]``; ``v1.…`` is the v1 API) as it goes over the wire: ``request`` is
    ``"METHOD /path?query"``, the query exactly as sent in Rails form
    (``"GET /company/commissions?filters[status]=pending"``; a v1 path defaults to
    ``/<resource>/<method>``). The body sent is ``body``, by default the keyword arguments (v1:
    as form fields, for a GET as the query; v2: none for a GET). ``result`` is the answer's
    type (of each item when listing), ``None`` when it returns None; ``call`` replaces the call
    where the arguments cannot say it."""
    method_name = name.partition("[")[0]
    method, _, target = request.partition(" ")
    api = api or ("v1" if name.startswith("v1.") else "v2")
    if api == "v1":
        target = target or "/" + "/".join(method_name.split(".")[1:])
        sent = {key: _form(value) for key, value in kwargs.items()}
        if method == "GET":
            pairs = [(f"{k}[]" if isinstance(v, list) else k, v) for k, v in sent.items()]
            target, sent = f"{target}?{urlencode(pairs, doseq=True)}", {}
    else:  # the keyword arguments as written, whatever the call does with them
        sent = {} if method == "GET" else copy.deepcopy(kwargs)
    path, _, query_string = target.partition("?")
    pairs = parse_qsl(query_string, keep_blank_values=True)
    query = {key: [v for k, v in pairs if k == key] for key, _ in pairs}
    if call is None:
        method_of = attrgetter(method_name)
        call = lambda fp: method_of(fp)(*args, **kwargs)  # noqa: E731
    wire = {"form" if api == "v1" else "json": sent if body is None else body}
    return Operation(name, call, method, path, result, setup, query, **wire, api=api)


def put(table: str, count: int = 1, **fields: Any) -> Callable[[FakeFirstPromoter], Any]:
    """A ``setup``: ``count`` records of ``table`` with ``fields`` (named ``"x"`` unless given)."""
    return lambda fake: [
        fake.state.table(table).insert({"name": "x", **fields}) for _ in range(count)
    ]


def _form(value: Any) -> Any:
    """A value as a v1 form field or query parameter shows it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _form(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_form(item) for item in value]
    return str(value)


@dataclass
class Invalid:
    """A call refused sending nothing: ``InvalidRequestError.param == param`` (+ ``message``)."""

    call: Callable[[Any], Any]
    param: str
    message: str | None = None


def resource_classes() -> dict[str, type[APIResource]]:
    """Every resource class (v2 and v1) by name."""
    import firstpromoter_async.resources.v1  # noqa: F401  (every resource class defined)

    def subclasses(cls: type[APIResource]) -> list[type[APIResource]]:
        return [sub for c in cls.__subclasses__() for sub in (c, *subclasses(c))]

    return {cls.__name__: cls for cls in subclasses(APIResource)}


def wire_request(fake: FakeFirstPromoter, op: Operation) -> RecordedRequest:
    """The first request the operation sent to its own route."""
    sent = [(r.method, r.path) for r in fake.state.journal]
    full_path = f"/api/{'admin/v1' if op.api == 'admin' else op.api}{op.path}"
    assert (op.method, full_path) in sent, f"{op.id}: sent only {sent}"
    return fake.state.journal[sent.index((op.method, full_path))]


def check_wire(fake: FakeFirstPromoter, op: Operation) -> RecordedRequest:
    """Assert auth headers, encoding and the expected fields of the operation's request."""
    request = wire_request(fake, op)
    headers = {k.lower(): v for k, v in request.headers.items()}
    assert headers["user-agent"].startswith("firstpromoter-python/")
    if op.api in ("v2", "admin"):
        assert headers["authorization"] == f"Bearer {fake.state.api_key}"
        assert headers["account-id"] == fake.state.account_id
    else:
        assert headers["x-api-key"] == (fake.state.v1_api_key or fake.state.api_key)
        assert "authorization" not in headers
    if request.body:
        wanted = "application/x-www-form-urlencoded" if op.api == "v1" else "application/json"
        assert headers["content-type"].startswith(wanted)
    sent = request.query_dict().items()
    query = {k: v for k, v in sent if k in op.query or k not in ("page", "per_page")}
    assert query == dict(op.query), f"{op.id}: query {query}, want {dict(op.query)}"
    assert (request.json or {}) == dict(op.json), f"{op.id}: JSON body {request.json!r}"
    assert (request.form or {}) == dict(op.form), f"{op.id}: form body {request.form!r}"
    return request


def check_result(op: Operation, result: Any) -> None:
    """Assert the decoded result has the declared type."""
    if op.result is None:
        assert result is None, f"{op.id}: expected None, got {result!r}"
    elif isinstance(result, list):
        assert result, f"{op.id}: empty list result"
        assert all(isinstance(item, op.result) for item in result), f"{op.id}: {result!r}"
    else:
        assert isinstance(result, op.result), f"{op.id}: result {result!r}"


def example(resource: str, name: str) -> bytes:
    """The body of the first case named ``name...`` in ``examples/<resource>.json``, as sent."""
    path = Path(__file__).parent / "resources" / "examples" / f"{resource}.json"
    cases = json.loads(path.read_text(encoding="utf-8"))
    return json.dumps(next(c["body"] for c in cases if c["name"].startswith(name))).encode()


def bad(name: str, param: str, /, *args: Any, **kwargs: Any) -> Invalid:
    """``Invalid`` for ``fp.<name>(*args, **kwargs)`` (``name`` dotted: ``"v1.leads.create"``)."""
    method = attrgetter(name)
    return Invalid(lambda fp: method(fp)(*args, **kwargs), param)


def bad_from(name: str, /, *args: Any, **base: Any) -> Callable[..., Invalid]:
    """``bad`` for ``fp.<name>(*args, **base)`` with some keyword arguments changed:
    ``_sale = bad_from("tracking.sale", amount=100)`` then ``_sale("amount", amount=1.5)``."""
    return lambda param, /, *more, **change: bad(name, param, *args, *more, **{**base, **change})
