"""Client views (``fp.with_options(...)``): other per-request settings, the same connections."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import cached_property
from typing import Any, TypeVar

from ._config import check_count, check_headers, check_seconds
from ._exceptions import InvalidRequestError
from ._transport import Endpoint, RequestOptions

__all__ = ["apply_options", "make_view"]

ClientT = TypeVar("ClientT")

# credentials come from the client's keys only, so that they are always scrubbed
_CREDENTIAL_HEADERS = frozenset({"authorization", "x-api-key"})


def make_view(
    client: ClientT,
    options: RequestOptions,
    *,
    timeout: float | None,
    max_retries: int | None,
    extra_headers: Mapping[str, str] | None,
) -> ClientT:
    """A shallow twin of ``client`` whose requests use ``options`` merged with the arguments.

    The view shares every object of the client (transport and its sessions, rate limiter,
    batch poller, counters); only its resources and endpoints are its own, so that they carry
    the view's options. It holds no resource of its own and registers nowhere: dropping it
    frees it.
    """
    headers = check_headers("extra_headers", extra_headers)
    for name in headers:
        if name.lower() in _CREDENTIAL_HEADERS:
            raise InvalidRequestError(
                "extra_headers", f"cannot set {name}: pass the key as api_key= to a client"
            )
    merged = RequestOptions(
        timeout=options.timeout if timeout is None else check_seconds("timeout", timeout),
        max_retries=(
            options.max_retries if max_retries is None else check_count("max_retries", max_retries)
        ),
        extra_headers={**options.extra_headers, **headers},
    )
    cls = type(client)
    view = cls.__new__(cls)
    state = {
        name: value
        for name, value in vars(client).items()
        if not isinstance(getattr(cls, name, None), cached_property)  # resources are per view
    }
    view.__dict__.update(state)
    view.__dict__.update(
        _options=merged,
        _endpoints={},
        _view_of=state.get("_view_of") or client,  # keeps the client alive while views are
    )
    if merged.timeout is not None:
        view.__dict__["timeout"] = merged.timeout
    if merged.max_retries is not None:
        view.__dict__["max_retries"] = merged.max_retries
    return view


def apply_options(endpoint: Endpoint, options: RequestOptions) -> Endpoint:
    """``endpoint`` with a view's extra headers and per-request settings."""
    if options == RequestOptions():
        return endpoint
    headers: Any = {**endpoint.headers, **options.extra_headers}
    return replace(endpoint, headers=headers, options=options)
