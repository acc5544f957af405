"""``fp.request(...)``: any endpoint, through the same transport as every wrapped operation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ._exceptions import InvalidRequestError
from ._headers import Headers
from ._response import APIResponse
from .models._base import decode

if TYPE_CHECKING:
    from ._client import AsyncFirstPromoter

__all__ = ["API_NAMES", "send_request"]

API_NAMES = ("v2", "v1", "admin")
_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})


async def send_request(
    client: AsyncFirstPromoter,
    method: str,
    path: str,
    *,
    api: str,
    params: Mapping[str, Any] | None,
    json: Any,
    form: Mapping[str, Any] | None,
    idempotent: bool | None,
    cast_to: Any,
    raw: bool,
) -> Any:
    """Check the arguments (nothing is sent when one is wrong), send, and shape the answer."""
    verb = _check_method(method)
    if api not in API_NAMES:
        raise InvalidRequestError("api", f"must be one of {', '.join(API_NAMES)}, got {api!r}")
    if params is not None and not isinstance(params, Mapping):
        raise InvalidRequestError("params", f"must be a mapping, got {type(params).__name__}")
    if form is not None and not isinstance(form, Mapping):
        raise InvalidRequestError("form", f"must be a mapping, got {type(form).__name__}")
    if json is not None and form is not None:
        raise InvalidRequestError("form", "give json= or form=, not both")
    if idempotent is not None and not isinstance(idempotent, bool):
        raise InvalidRequestError("idempotent", "must be True, False or None")
    if not isinstance(raw, bool):
        raise InvalidRequestError("raw", "must be True or False")
    if raw and cast_to is not None:
        raise InvalidRequestError("cast_to", "cannot be combined with raw=True: use .parse()")
    endpoint = client._endpoint(api)
    target = _check_path(path, endpoint.base_url)
    transport = client._transport
    response = await transport.request(
        endpoint, verb, target, params=params, json=json, form=form, idempotent=idempotent
    )
    if raw:
        headers = Headers(
            (name, transport._scrub(value)) for name, value in response.headers.items()
        )
        return APIResponse(
            status_code=response.status,
            headers=headers,
            content=response.body,
            method=verb,
            url=transport._scrub(response.url),
        )
    if cast_to is not None:
        return decode(response.body, cast_to, status_code=response.status)
    if not response.body.strip():
        return None  # 204 No Content and the like
    return decode(response.body, Any, status_code=response.status)


def _check_method(method: Any) -> str:
    if not isinstance(method, str) or method.upper() not in _METHODS:
        raise InvalidRequestError("method", f"must be one of {', '.join(sorted(_METHODS))}")
    return method.upper()


def _check_path(path: Any, base_url: str) -> str:
    """A path relative to ``base_url`` (``/`` added), or an absolute URL on the same origin."""
    if not isinstance(path, str) or not path.strip():
        raise InvalidRequestError("path", "must be a non-empty string such as '/company/promoters'")
    if not path.isprintable() or " " in path:
        raise InvalidRequestError("path", "must not contain spaces or control characters")
    parts = urlsplit(path)
    if parts.scheme or path.startswith("//"):
        base = urlsplit(base_url)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            raise InvalidRequestError(
                "path",
                "must be relative to the API's base URL; an absolute URL to another origin "
                "is refused (the API key never leaves the API's origin)",
            )
        return path
    return path if path.startswith("/") else f"/{path}"
