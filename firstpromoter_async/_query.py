"""Rails-style query strings: ``filters[status]=pending``, ``ids[]=1&ids[]=2``."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from typing import Any

import msgspec

__all__ = ["encode_query"]


def encode_query(params: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Flatten ``params`` into ordered key/value pairs the way Rails parses them.

    Nested mappings become ``key[sub]``, sequences ``key[]``, booleans ``true``/``false``;
    ``None`` and ``msgspec.UNSET`` values are dropped; msgspec Structs are treated as mappings.
    """
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        _encode(pairs, str(key), value)
    return pairs


def _encode(pairs: list[tuple[str, str]], key: str, value: Any) -> None:
    if value is None or value is msgspec.UNSET:
        return
    if isinstance(value, msgspec.Struct):
        value = msgspec.to_builtins(value)
    if isinstance(value, Mapping):
        for sub, item in value.items():
            _encode(pairs, f"{key}[{sub}]", item)
    elif isinstance(value, (list, tuple, set, frozenset)) or _is_iterable(value):
        for item in value:
            if isinstance(item, (Mapping, msgspec.Struct)):
                _encode(pairs, f"{key}[]", item)
            elif item is not None:
                pairs.append((f"{key}[]", _scalar(item)))
    else:
        pairs.append((key, _scalar(value)))


def _is_iterable(value: Any) -> bool:
    return isinstance(value, Iterable) and not isinstance(value, (str, bytes, bytearray))


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return _scalar(value.value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode()
    return str(value)
