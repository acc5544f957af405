"""Checks on ``filters=`` and ``sorting=`` arguments, shared by every resource that lists."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import msgspec

from ._exceptions import InvalidRequestError
from ._validation import check_choice

__all__ = ["SORT_DIRECTIONS", "check_filters", "check_sorting"]

SORT_DIRECTIONS = frozenset({"asc", "desc"})


def check_filters(
    filters: Any,
    *,
    choices: Mapping[str, Collection[str]],
    date_ranges: Collection[str] = (),
) -> dict[str, Any] | None:
    """``filters`` (a mapping or a filters Struct) as plain builtins, checked.

    Enum-like filters must hold one of ``choices[key]`` (or a list of them); date-range
    filters must be ``{"from": ..., "to": ...}`` with at least one end.
    """
    if filters is None:
        return None
    if isinstance(filters, msgspec.Struct):
        plain = msgspec.to_builtins(filters)
    elif isinstance(filters, Mapping):
        try:
            plain = msgspec.to_builtins(dict(filters))
        except TypeError as exc:
            raise InvalidRequestError(
                "filters", f"holds a value that cannot be sent: {exc}"
            ) from exc
    else:
        raise InvalidRequestError("filters", f"must be a mapping, got {type(filters).__name__}")
    for key, allowed in choices.items():
        value = plain.get(key)
        name = f"filters.{key}"
        if isinstance(value, list):
            for item in value:
                check_choice(item, name, allowed)
        else:
            check_choice(value, name, allowed)
    for key in date_ranges:
        if key not in plain:
            continue
        value = plain[key]
        ends = value.values() if isinstance(value, dict) else ()
        if (
            not isinstance(value, dict)
            or not set(value) <= {"from", "to"}
            or any(end is not None and (not isinstance(end, str) or not end) for end in ends)
            or all(end is None for end in ends)
        ):
            raise InvalidRequestError(
                f"filters.{key}", f'must be a date range {{"from": ..., "to": ...}}, got {value!r}'
            )
    result: dict[str, Any] = plain
    return result


def check_sorting(sorting: Any, fields: Collection[str] | None = None) -> dict[str, str] | None:
    """``sorting`` as ``{field: "asc" | "desc"}``, fields limited to ``fields`` when given."""
    if sorting is None:
        return None
    if not isinstance(sorting, Mapping):
        raise InvalidRequestError("sorting", 'must be a mapping like {"created_at": "desc"}')
    for key, direction in sorting.items():
        if fields is not None and key not in fields:
            allowed = ", ".join(sorted(fields))
            raise InvalidRequestError("sorting", f"cannot sort by {key!r}; one of {allowed}")
        if direction not in SORT_DIRECTIONS:
            raise InvalidRequestError(
                "sorting", f"direction of {key!r} must be asc or desc, got {direction!r}"
            )
    return dict(sorting)
