"""Request and response helpers shared by the fake server's route modules."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

from ._state import FakeState, RecordedRequest

__all__ = [
    "STATE",
    "body_of",
    "error",
    "ids_of",
    "json_response",
    "nest_pairs",
    "page_of",
    "query_of",
    "record_of",
    "state_of",
    "v1_error",
]

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
    record: RecordedRequest = request[_RECORD]
    return record


def json_response(
    data: Any, status: int = 200, headers: Mapping[str, str] | None = None
) -> web.Response:
    return web.Response(
        body=json.dumps(data).encode(),
        status=status,
        content_type="application/json",
        headers=headers,
    )


def error(status: int, message: str, code: str | None = None) -> web.Response:
    """An error answer shaped like the API's: ``{"message": ..., "code": ...}``."""
    body: dict[str, Any] = {"message": message}
    if code is not None:
        body["code"] = code
    return json_response(body, status)


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
        return
    if rest[0] == "":  # an array: key[] or key[][sub]
        items = target.get(key)
        if not isinstance(items, list):
            items = target[key] = []
        if len(rest) == 1:
            items.append(value)
            return
        if not items or not isinstance(items[-1], dict) or rest[1] in items[-1]:
            items.append({})
        _store(items[-1], rest[1:], value)
        return
    child = target.get(key)
    if not isinstance(child, dict):
        child = target[key] = {}
    _store(child, rest, value)


async def _decode_body(request: web.Request) -> tuple[Any, dict[str, Any] | None]:
    """The request body as JSON, or as nested form fields."""
    raw = await request.read()
    if not raw:
        return None, None
    content_type = request.content_type
    if content_type == "application/x-www-form-urlencoded":
        return None, nest_pairs(parse_qsl(raw.decode(), keep_blank_values=True))
    if content_type == "multipart/form-data":
        return None, _multipart(raw, request.headers["Content-Type"])
    try:
        return json.loads(raw), None
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
        name, filename = (
            str(part.get_param("name", header="content-disposition")),
            part.get_filename(),
        )
        data: bytes = part.get_payload(decode=True)  # type: ignore[assignment]
        if filename is None:
            pairs.append((name, data.decode()))
        else:
            files[name] = {
                "filename": filename,
                "content_type": part.get_content_type(),
                "data": data,
            }
    return {**nest_pairs(pairs), **files}


def query_of(request: web.Request) -> dict[str, Any]:
    """The query string as nested values."""
    return nest_pairs(request.query.items())


async def body_of(request: web.Request) -> dict[str, Any]:
    """The request's parameters: JSON body, form body, or (for GET) the query string."""
    record = record_of(request)
    if record.json is not None:
        return record.json if isinstance(record.json, dict) else {"_": record.json}
    if record.form is not None:
        return record.form
    return query_of(request)


def ids_of(body: Mapping[str, Any]) -> list[int] | web.Response:
    """The ``ids`` of a batch request, or a 422 answer when they are missing or not ids."""
    ids = body.get("ids")
    if not isinstance(ids, list) or not ids:
        return error(422, "ids must be a non-empty array", "invalid_ids")
    try:
        return [int(i) for i in ids]
    except (TypeError, ValueError):
        return error(422, "ids must be integers", "invalid_ids")


def page_of(
    request: web.Request,
    items: list[Any],
    *,
    envelope: bool,
    meta: dict[str, Any] | None = None,
    default_per_page: int = 25,
) -> web.Response:
    """One page of ``items`` as the API answers it, with a Link header when configured."""
    try:
        page = max(1, int(request.query.get("page", "1")))
        per_page = min(100, max(1, int(request.query.get("per_page", str(default_per_page)))))
    except ValueError:
        return error(400, "page and per_page must be integers", "bad_request")
    start = (page - 1) * per_page
    chunk = items[start : start + per_page]
    headers: dict[str, str] = {}
    state = state_of(request)
    if state.link_headers:
        links = []
        if start + per_page < len(items):
            links.append(f'<{request.url.update_query(page=page + 1)}>; rel="next"')
        if page > 1:
            links.append(f'<{request.url.update_query(page=page - 1)}>; rel="prev"')
        links.append(f'<{request.url.update_query(page=1)}>; rel="first"')
        headers["Link"] = ", ".join(links)
    if envelope:
        full_meta = {"total": len(items), "page": page, "per_page": per_page, **(meta or {})}
        return json_response({"data": chunk, "meta": full_meta}, headers=headers)
    return json_response(chunk, headers=headers)


def _peer(request: web.Request) -> str | None:
    peername = request.transport.get_extra_info("peername") if request.transport else None
    return f"{peername[0]}:{peername[1]}" if peername else None


async def record_request(request: web.Request) -> RecordedRequest:
    """Read the request once and keep it in the journal."""
    raw = await request.read()
    parsed_json, form = await _decode_body(request)
    record = RecordedRequest(
        method=request.method,
        path=request.path,
        query=list(request.query.items()),
        headers=dict(request.headers),
        body=raw,
        json=parsed_json,
        form=form,
        peer=_peer(request),
    )
    request[_RECORD] = record
    state_of(request).journal.append(record)
    return record
