"""Checks on a call's own arguments that the declarations (``@op``, see ``_operation``) do
not cover: the request URL's length (every request), ``page``/``per_page`` (the paginator)
and an id passed outside a declared operation (``batch_processes.wait``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote_plus

from ._exceptions import InvalidRequestError
from ._query import encode_query

__all__ = ["MAX_URL_BYTES", "check_id", "check_page", "check_url_length"]


def check_id(value: Any, name: str = "id") -> int:
    """A positive integer id."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidRequestError(name, f"must be an integer id, got {type(value).__name__}")
    if value <= 0:
        raise InvalidRequestError(name, f"must be a positive id, got {value}")
    return value


def check_page(page: Any, per_page: Any, *, max_per_page: int = 100) -> None:
    """``page`` >= 1 and ``1 <= per_page <= max_per_page``."""
    if isinstance(page, bool) or not isinstance(page, int) or page < 1:
        raise InvalidRequestError("page", f"must be an integer >= 1, got {page!r}")
    if (
        isinstance(per_page, bool)
        or not isinstance(per_page, int)
        or not (1 <= per_page <= max_per_page)
    ):
        raise InvalidRequestError(
            "per_page", f"must be an integer from 1 to {max_per_page}, got {per_page!r}"
        )


MAX_URL_BYTES = 8_000
"""The longest request URL sent; common servers and proxies refuse longer ones with a 400."""


def check_url_length(url: str, params: Mapping[str, Any]) -> None:
    """Refuse a request whose URL (``url`` plus the encoded ``params``) exceeds
    ``MAX_URL_BYTES``, naming the argument that takes the most room (``filters.campaign_id``
    for a nested one) and about how many of its items fit."""
    sizes: dict[str, int] = {}
    counts: dict[str, int] = {}
    names: dict[str, tuple[str, int]] = {}  # key -> (argument name, encoded length)
    total = len(url) + 1
    for key, value in encode_query(params):
        if key not in names:
            names[key] = (
                ".".join(part for part in key.replace("]", "").split("[") if part),
                len(quote_plus(key)),
            )
        name, key_size = names[key]
        plain = value.isascii() and value.isalnum()  # ids and most values: quoted as is
        size = key_size + (len(value) if plain else len(quote_plus(value))) + 2  # "=", "&"
        sizes[name] = sizes.get(name, 0) + size
        counts[name] = counts.get(name, 0) + 1
        total += size
    if total - 1 <= MAX_URL_BYTES:
        return
    largest = max(sizes, key=sizes.__getitem__)
    room = MAX_URL_BYTES - (total - sizes[largest])
    fit = max(0, room * counts[largest] // sizes[largest])
    advice = f"pass at most about {fit:,} per call" if counts[largest] > 1 else "shorten it"
    raise InvalidRequestError(
        largest,
        f"makes the request URL {total - 1:,} bytes long, over the {MAX_URL_BYTES:,}-byte "
        f"limit; {advice} (split the call)",
    )
