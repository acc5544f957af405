"""Request and response helpers shared by the fake server's route modules."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

from ._state import FakeState, RecordedRequest, Refused

__all__ = ["STATE", "Page", "body_of", "error", "ids_of", "json_response", "nest_pairs", "page_of"]
__all__ += ["query_of", "record_of", "state_of", "v1_error"]

STATE = web.AppKey("firstpromoter_state", FakeState)
# request-scoped storage wants a typed key on aiohttp >= 3.13; older versions take a string
_RECORD: Any = (
    web.RequestKey("firstpromoter_record", RecordedRequest)  # type: ignore[attr-defined,unused-ignore]
    if hasattr(web, "RequestKey")
    else "firstpromoter_record"
)


def state_of(request: web.Request) -> FakeState:
    return request.app[STATE]


def record_of(request: web.Request) -> RecordedRequest:
    return request[_RECORD]  # type: ignore[no-any-return]


def json_response(
    data: Any, status: int = 200, headers: Mapping[str, str] | None = None
) -> web.Response:
    body = json.dumps(data).encode()
    return web.Response(body=body, status=status, content_type="application/json", headers=headers)


def error(status: int, message: str, code: str | None = None) -> web.Response:
    """An error answer shaped like the API's: ``{"message": ..., "code": ...}``."""
    return json_response({"message": message, **({} if code is None else {"code": code})}, status)


def v1_error(status: int, message: str) -> web.Response:
    """An error answer shaped like v1's: ``{"error": ...}``."""
    return json_response({"error": message}, status)


def nest_pairs(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """Rails-style keys to nested values: ``a[b]=1`` → ``{"a": {"b": "1"}}``, ``ids[]`` → list."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        head, _, rest = key.partition("[")
        parts = [head, *rest[:-1].split("][")] if rest else [head]
        _store(result, parts, value)
    return result


def _store(target: dict[str, Any], parts: list[str], value: str) -> None:
    key, rest = parts[0], parts[1:]
    if not rest:
        target[key] = value
    elif rest[0] == "":  # an array: key[] or key[][sub]
        items = target[key] = target[key] if isinstance(target.get(key), list) else []
        if len(rest) > 1 and (not items or not isinstance(items[-1], dict) or rest[1] in items[-1]):
            items.append({})
        _store(items[-1], rest[1:], value) if len(rest) > 1 else items.append(value)
    else:
        child = target[key] = target[key] if isinstance(target.get(key), dict) else {}
        _store(child, rest, value)


def _decode_body(request: web.Request, raw: bytes) -> tuple[Any, dict[str, Any] | None]:
    """The request body as JSON, or as nested form fields."""
    if raw and request.content_type == "application/x-www-form-urlencoded":
        return None, nest_pairs(parse_qsl(raw.decode(), keep_blank_values=True))
    if raw and request.content_type == "multipart/form-data":
        return None, _multipart(raw, request.headers["Content-Type"])
    try:
        return json.loads(raw) if raw else None, None
    except ValueError:
        return None, None


def _multipart(raw: bytes, content_type: str) -> dict[str, Any]:
    """A ``multipart/form-data`` body as nested form fields; a file part as ``{"filename",
    "content_type", "data"}``."""
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + raw)
    pairs: list[tuple[str, str]] = []
    files: dict[str, Any] = {}
    for part in message.iter_parts():
        name = str(part.get_param("name", header="content-disposition"))
        data: bytes = part.get_payload(decode=True)  # type: ignore[assignment]
        if part.get_filename() is None:
            pairs.append((name, data.decode()))
        else:
            kind = part.get_content_type()
            files[name] = {"filename": part.get_filename(), "content_type": kind, "data": data}
    return {**nest_pairs(pairs), **files}


def query_of(request: web.Request) -> dict[str, Any]:
    """The query string as nested values."""
    return nest_pairs(request.query.items())


async def body_of(request: web.Request) -> dict[str, Any]:
    """The request's parameters: JSON body, form body, or (for GET) the query string."""
    record = record_of(request)
    if record.json is not None:
        return record.json if isinstance(record.json, dict) else {"_": record.json}
    return record.form if record.form is not None else query_of(request)


def ids_of(body: Mapping[str, Any]) -> list[int]:
    """The ``ids`` of a batch request (refused 422 when they are missing or not ids)."""
    ids = body.get("ids")
    if not isinstance(ids, list) or not ids:
        raise Refused(422, "ids must be a non-empty array", "invalid_ids")
    try:
        return [int(i) for i in ids]
    except (TypeError, ValueError):
        raise Refused(422, "ids must be integers", "invalid_ids") from None


@dataclass
class Page:
    """A list answer: one page of ``items`` (25 unless ``per_page``), with Links when configured
    (or ``always_link``: v1 lists page so), as a bare array or, with ``envelope``, ``{"data",
    "meta"}`` (``meta`` adds fields)."""

    items: list[Any]
    envelope: bool = False
    meta: dict[str, Any] | None = None
    always_link: bool = False


def page_of(request: web.Request, answer: Page) -> web.Response:
    """The page of ``answer`` the request asks for, as the API answers it."""
    try:
        page = max(1, int(request.query.get("page", "1")))
        per_page = min(100, max(1, int(request.query.get("per_page", "25"))))
    except ValueError:
        return error(400, "page and per_page must be integers", "bad_request")
    start, items = (page - 1) * per_page, answer.items
    chunk = items[start : start + per_page]
    headers: dict[str, str] = {}
    if state_of(request).link_headers or answer.always_link:
        rels = {"next": page + 1} if start + per_page < len(items) else {}
        rels |= ({"prev": page - 1} if page > 1 else {}) | {"first": 1}
        links = (f'<{request.url.update_query(page=n)}>; rel="{rel}"' for rel, n in rels.items())
        headers["Link"] = ", ".join(links)
    meta = {"total": len(items), "page": page, "per_page": per_page, **(answer.meta or {})}
    return json_response(
        {"data": chunk, "meta": meta} if answer.envelope else chunk, headers=headers
    )


async def record_request(request: web.Request) -> RecordedRequest:
    """Read the request once and keep it in the journal."""
    raw = await request.read()
    parsed_json, form = _decode_body(request, raw)
    query, headers = list(request.query.items()), dict(request.headers)
    record = RecordedRequest(request.method, request.path, query, headers, raw, parsed_json, form)
    peer = request.transport.get_extra_info("peername") if request.transport else None
    record.peer = f"{peer[0]}:{peer[1]}" if peer else None  # one address per connection
    request[_RECORD] = record
    state_of(request).journal.append(record)
    return record
