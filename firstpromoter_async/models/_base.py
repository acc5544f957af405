"""The base of every response model, and the one cache of decoders."""

from __future__ import annotations

import functools
import typing
from typing import Any, TypeVar
from urllib.parse import urlsplit

import msgspec

from .._exceptions import APIResponseValidationError

__all__ = ["Model", "OpenModel", "decode"]

T = TypeVar("T")


class Model(msgspec.Struct, kw_only=True, omit_defaults=True):
    """A decoded API object. Unknown fields are ignored; missing optional ones are ``None``."""

    def to_dict(self) -> dict[str, Any]:
        """The model as plain JSON-compatible builtins (fields left at ``None`` omitted)."""
        return msgspec.to_builtins(self)  # type: ignore[no-any-return]


class OpenModel(Model, dict=True):
    """A model of an answer the vendor documents loosely: the typed fields, and ``raw``, the
    whole JSON object as received (fields a newer server adds included)."""

    @property
    def raw(self) -> dict[str, Any]:
        """The JSON object this model was decoded from (not kept by ``pickle``)."""
        raw: dict[str, Any] = self.__dict__.get("_raw", {})
        return raw


@functools.cache
def _keeps_raw(type_: Any) -> bool:
    if isinstance(type_, type) and issubclass(type_, OpenModel):
        return True
    return any(_keeps_raw(arg) for arg in typing.get_args(type_))


def _attach_raw(result: Any, data: Any) -> None:
    """Give every ``OpenModel`` at the top (or in a top-level list or ``data``) its JSON."""
    if isinstance(result, OpenModel) and isinstance(data, dict):
        result.__dict__["_raw"] = data
    elif isinstance(result, list) and isinstance(data, list):
        for item, item_data in zip(result, data, strict=True):
            _attach_raw(item, item_data)
    elif isinstance(data, dict) and "data" in data and hasattr(result, "data"):
        _attach_raw(result.data, data["data"])


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
    if _keeps_raw(type_):  # type: ignore[arg-type]
        _attach_raw(result, msgspec.json.decode(body))
    return result


def _type_name(type_: Any) -> str:
    return getattr(type_, "__name__", None) or str(type_)
