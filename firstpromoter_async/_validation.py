"""Checks on a call's own arguments, run before anything is sent."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from ._exceptions import InvalidRequestError

__all__ = [
    "check_cents",
    "check_choice",
    "check_email",
    "check_event_id",
    "check_id",
    "check_ids",
    "check_page",
    "check_optional_id",
    "check_person",
    "check_ref_id",
    "check_text",
    "compact",
    "require",
]

_REF_ID = re.compile(r"[a-z0-9_-]+")


def check_id(value: Any, name: str = "id") -> int:
    """A positive integer id."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidRequestError(name, f"must be an integer id, got {type(value).__name__}")
    if value <= 0:
        raise InvalidRequestError(name, f"must be a positive id, got {value}")
    return value


def check_ids(values: Any, name: str = "ids") -> list[int]:
    """A non-empty list of positive integer ids (any iterable of ints is accepted)."""
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
        raise InvalidRequestError(name, "must be a list of integer ids")
    ids = list(values)
    if not ids:
        raise InvalidRequestError(name, "must not be empty")
    for position, value in enumerate(ids):
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise InvalidRequestError(
                name, f"item {position} must be a positive integer id, got {value!r}"
            )
    return ids


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


def check_choice(value: Any, name: str, choices: Collection[str]) -> Any:
    """``value`` is ``None`` or one of ``choices``."""
    if value is not None and value not in choices:
        allowed = ", ".join(sorted(choices))
        raise InvalidRequestError(name, f"must be one of {allowed}; got {value!r}")
    return value


def require(value: Any, name: str) -> Any:
    """``value`` is given: not ``None`` and not an empty string."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InvalidRequestError(name, "is required")
    return value


def check_ref_id(value: Any, name: str = "ref_id") -> Any:
    """A referral id: lower-case letters, digits, ``-`` and ``_`` only."""
    if value is None:
        return None
    if not isinstance(value, str) or not _REF_ID.fullmatch(value):
        raise InvalidRequestError(
            name, f"may hold only lower-case letters, digits, '-' and '_'; got {value!r}"
        )
    return value


def check_optional_id(value: Any, name: str) -> int | None:
    """``None``, or a positive integer id."""
    return None if value is None else check_id(value, name)


def check_text(value: Any, name: str) -> str | None:
    """``None``, or a non-empty string."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidRequestError(name, f"must be a non-empty string, got {value!r}")
    return value


def check_email(value: Any, name: str = "email") -> str | None:
    """``None``, or something shaped like an email address."""
    if value is not None and (not isinstance(value, str) or "@" not in value):
        raise InvalidRequestError(name, f"must be an email address, got {value!r}")
    return value


def check_person(email: Any, uid: Any) -> None:
    """A customer named by ``email`` or ``uid`` (at least one)."""
    if email is None and uid is None:
        raise InvalidRequestError("email", "is required when uid is not given (give either)")
    check_email(email)
    check_text(uid, "uid")


def check_event_id(event_id: Any) -> str:
    """Your unique id of a tracked event: a non-empty string."""
    if event_id is None:
        raise InvalidRequestError("event_id", "is required (your unique id of this event)")
    if not isinstance(event_id, str) or not event_id.strip():
        raise InvalidRequestError("event_id", f"must be a non-empty string, got {event_id!r}")
    return event_id


def check_cents(value: Any, name: str, *, allow_negative: bool = False) -> int:
    """A required amount: an integer number of cents, not negative unless allowed."""
    if value is None:
        raise InvalidRequestError(name, "is required (an integer number of cents)")
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidRequestError(
            name, f"must be an integer number of cents, got {type(value).__name__} {value!r}"
        )
    if value < 0 and not allow_negative:
        raise InvalidRequestError(name, f"must not be negative, got {value}")
    return value


def compact(**fields: Any) -> dict[str, Any]:
    """The fields that were given (``None`` means not given)."""
    return {key: value for key, value in fields.items() if value is not None}
