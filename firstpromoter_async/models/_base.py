"""The base of every response model, and the one cache of decoders."""

from __future__ import annotations

import functools
from typing import Any, TypeVar
from urllib.parse import urlsplit

import msgspec

from .._exceptions import APIResponseValidationError

__all__ = ["Model", "decode"]

T = TypeVar("T")


class Model(msgspec.Struct, kw_only=True, omit_defaults=True):
    """A decoded API object. Unknown fields are ignored; missing optional ones are ``None``."""

    def to_dict(self) -> dict[str, Any]:
        """The model as plain JSON-compatible builtins (fields left at ``None`` omitted)."""
        return msgspec.to_builtins(self)  # type: ignore[no-any-return]


@functools.cache
def _decoder(type_: Any) -> msgspec.json.Decoder[Any]:
    return msgspec.json.Decoder(type_)


def decode(
    body: bytes, type_: type[T] | Any, *, status_code: int = 200, method: str = "", url: str = ""
) -> T:
    """Decode ``body`` into ``type_``; a mismatch raises ``APIResponseValidationError``.

    ``method`` and ``url`` (its path is shown, never its query) name the request in errors.
    """
    if not body.strip():
        request = f"{method} {urlsplit(url).path} " if method or url else ""
        message = f"{request}answered HTTP {status_code} with an empty body; expected"
        raise APIResponseValidationError(
            f"{message} {_type_name(type_)}", body=body, status_code=status_code
        )
    try:
        result: T = _decoder(type_).decode(body)  # type: ignore[arg-type]
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        message = f"The response is not the expected {_type_name(type_)}: {exc}"
        raise APIResponseValidationError(message, body=body, status_code=status_code) from exc
    return result


def _type_name(type_: Any) -> str:
    return getattr(type_, "__name__", None) or str(type_)
