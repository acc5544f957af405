"""``APIResponse``: a 2xx answer as received, from ``fp.request(..., raw=True)``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

import msgspec

from ._exceptions import APIResponseValidationError
from .models._base import decode

__all__ = ["APIResponse"]

T = TypeVar("T")


class APIResponse:
    """A successful answer, body read in full.

    Attributes:
        status_code: the HTTP status (2xx; others raise the typed errors).
        headers: the response headers (lower-cased names, case-insensitive lookups).
        content: the body, exactly as received.
        method, url: what was requested (secrets scrubbed from the URL).
    """

    __slots__ = ("content", "headers", "method", "status_code", "url")

    def __init__(
        self,
        *,
        status_code: int,
        headers: Mapping[str, str],
        content: bytes,
        method: str,
        url: str,
    ) -> None:
        self.status_code = status_code
        self.headers = headers
        self.content = content
        self.method = method
        self.url = url

    @property
    def text(self) -> str:
        """The body decoded as UTF-8 (invalid bytes replaced)."""
        return self.content.decode("utf-8", "replace")

    def json(self) -> Any:
        """The body as JSON builtins (``None`` for an empty body).

        Raises:
            APIResponseValidationError: the body is not JSON.
        """
        if not self.content.strip():
            return None
        try:
            return msgspec.json.decode(self.content)
        except msgspec.DecodeError as exc:
            raise APIResponseValidationError(
                f"The response to {self.method} {self.url} is not JSON: {exc}",
                body=self.content,
                status_code=self.status_code,
            ) from exc

    def parse(self, cast_to: type[T]) -> T:
        """The body decoded into ``cast_to`` (a model, ``list[Model]``, ``dict[str, Any]``, ...).

        Raises:
            APIResponseValidationError: the body does not match ``cast_to``.
        """
        return decode(self.content, cast_to, status_code=self.status_code)

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] {self.method} {self.url}>"
