"""Checks on ``filters=`` and ``sorting=`` arguments, shared by every resource that lists.

What each endpoint accepts is data (``_query_keys.QUERY_KEYS``); an unknown key is refused
before anything is sent, since the API would ignore it and answer with every record.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping
from typing import Any

import msgspec

from ._exceptions import InvalidRequestError
from ._query_keys import QueryKeys

__all__ = ["SORT_DIRECTIONS", "check_filters", "check_sorting"]

SORT_DIRECTIONS = frozenset({"asc", "desc"})


def check_filters(filters: Any, keys: QueryKeys) -> dict[str, Any] | None:
    """``filters`` (a mapping or a filters Struct) as plain builtins, checked against ``keys``.

    Raises ``InvalidRequestError`` for a key the endpoint does not document (``param``
    ``filters.<key>``), an enum value it does not accept, or a malformed range or object.
    """
    if filters is None:
        return None
    plain = _plain(filters, "filters")
    documented = keys.filters
    for key, value in plain.items():
        name = f"filters.{key}"
        if key not in documented:
            raise InvalidRequestError(name, _unknown("filter", key, documented, keys.path))
        if value is None:
            continue
        if key in keys.choices:
            _check_choices(value, name, keys.choices[key])
        elif key in keys.date_ranges:
            _check_range(value, name, _is_date)
        elif key in keys.number_ranges:
            _check_range(value, name, _is_number)
        elif key in keys.objects:
            _check_object(value, name, keys.objects[key])
        elif isinstance(value, dict) or (
            isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value)
        ):
            raise InvalidRequestError(name, f"must be a value or a list of values, got {value!r}")
    return plain


def check_sorting(sorting: Any, keys: QueryKeys) -> dict[str, str] | None:
    """``sorting`` as ``{key: "asc" | "desc"}``, keys limited to those ``keys`` documents.

    A mapping or a Struct; keys whose direction is ``None`` are left out.
    """
    if sorting is None:
        return None
    plain = _plain(sorting, "sorting", example='{"created_at": "desc"}')
    result: dict[str, str] = {}
    for key, direction in plain.items():
        if key not in keys.sorting:
            raise InvalidRequestError("sorting", _unknown("sort key", key, keys.sorting, keys.path))
        if direction is None:
            continue
        if not isinstance(direction, str) or direction not in SORT_DIRECTIONS:
            raise InvalidRequestError(
                "sorting", f"direction of {key!r} must be asc or desc, got {direction!r}"
            )
        result[key] = direction
    return result or None


def _plain(value: Any, name: str, example: str = '{"status": "pending"}') -> dict[str, Any]:
    if isinstance(value, msgspec.Struct):
        plain: Any = msgspec.to_builtins(value)
    elif isinstance(value, Mapping):
        try:
            plain = msgspec.to_builtins(dict(value))
        except TypeError as exc:
            raise InvalidRequestError(name, f"holds a value that cannot be sent: {exc}") from exc
    else:
        raise InvalidRequestError(
            name, f"must be a mapping like {example}, got {type(value).__name__}"
        )
    for key in plain:
        if not isinstance(key, str):
            raise InvalidRequestError(name, f"keys must be strings, got {key!r}")
    result: dict[str, Any] = plain
    return result


def _unknown(what: str, key: str, documented: Collection[str], path: str) -> str:
    if not documented:
        return f"GET {path} takes no {what}s; {key!r} would be ignored by the API"
    close = difflib.get_close_matches(key, documented, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    allowed = ", ".join(sorted(documented))
    return f"unknown {what} {key!r}{hint}; GET {path} takes {allowed}"


def _check_choices(value: Any, name: str, allowed: frozenset[str]) -> None:
    for item in value if isinstance(value, list) else [value]:
        text = ("true" if item else "false") if isinstance(item, bool) else item
        if not isinstance(text, str) or text not in allowed:
            choices = ", ".join(sorted(allowed))
            raise InvalidRequestError(name, f"must be one of {choices}; got {item!r}")


def _is_date(end: Any) -> bool:
    return isinstance(end, str) and bool(end)


def _is_number(end: Any) -> bool:
    return (isinstance(end, (int, float)) and not isinstance(end, bool)) or (
        isinstance(end, str) and bool(end)
    )


def _check_range(value: Any, name: str, valid_end: Any) -> None:
    ends = value.values() if isinstance(value, dict) else ()
    if (
        not isinstance(value, dict)
        or not set(value) <= {"from", "to"}
        or any(end is not None and not valid_end(end) for end in ends)
        or all(end is None for end in ends)
    ):
        raise InvalidRequestError(
            name, f'must be a range {{"from": ..., "to": ...}}, got {value!r}'
        )


def _check_object(value: Any, name: str, allowed: frozenset[str]) -> None:
    if not isinstance(value, dict):
        raise InvalidRequestError(name, f"must be a mapping of {', '.join(sorted(allowed))}")
    for key in value:
        if key not in allowed:
            raise InvalidRequestError(
                f"{name}.{key}", f"is not documented; use {', '.join(sorted(allowed))}"
            )
