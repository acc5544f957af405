"""Checks on a call's own arguments, run before anything is sent.

Transitional: declared operations (``@op``, see ``_operation``) are checked from their
signature and use none of these but ``check_url_length`` (every request) and ``check_page``
(the paginator). The other helpers serve the resources not yet converted; remove each one
when its last caller is converted (docs/architecture.md lists them).
"""

from __future__ import annotations

import functools
import re
import types
import typing
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, Literal
from urllib.parse import quote_plus

from ._exceptions import InvalidRequestError
from ._query import encode_query

__all__ = [
    "MAX_URL_BYTES",
    "body_of",
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
    "check_url_length",
    "compact",
    "require",
    "update_body_of",
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
    try:
        known = value is None or value in choices
    except TypeError:  # unhashable, so in no set of choices
        known = False
    if not known:
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


def body_of(method: Callable[..., Any], /, **fields: Any) -> dict[str, Any]:
    """The fields given (``None`` means not given), each checked against ``method``'s
    annotation: a ``str`` field must hold a string, a ``Literal`` one one of its values.

    The one place where a create or update body is checked for types, so a non-string is
    never sent (and stored) where the API documents a string.
    """
    kinds = _string_fields(getattr(method, "__func__", method))
    body: dict[str, Any] = {}
    for name, value in fields.items():
        if value is None:
            continue
        if name in kinds:
            _check_string(value, name, kinds[name])
        body[name] = value
    return body


def update_body_of(method: Callable[..., Any], /, **fields: Any) -> dict[str, Any]:
    """``body_of``, refusing a body with no field at all (an update that changes nothing)."""
    body = body_of(method, **fields)
    if not body:
        raise InvalidRequestError(
            "fields", f"update needs at least one field; give one of {', '.join(fields)}"
        )
    return body


@functools.cache
def _string_fields(function: Callable[..., Any]) -> dict[str, frozenset[str] | None]:
    """The parameters annotated ``str`` (``None``: any string) or ``Literal[...]`` of strings."""
    kinds: dict[str, frozenset[str] | None] = {}
    for name, hint in typing.get_type_hints(function).items():
        options = [a for a in _union_members(hint) if a is not type(None)]
        if options == [str]:
            kinds[name] = None
        elif (
            len(options) == 1
            and typing.get_origin(options[0]) is Literal
            and all(isinstance(a, str) for a in typing.get_args(options[0]))
        ):
            kinds[name] = frozenset(typing.get_args(options[0]))
    return kinds


def _union_members(hint: Any) -> tuple[Any, ...]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return typing.get_args(hint)
    return (hint,)


def _check_string(value: Any, name: str, choices: frozenset[str] | None) -> None:
    if not isinstance(value, str):
        raise InvalidRequestError(
            name, f"must be a string, got {type(value).__name__} {value!r}"[:200]
        )
    if choices is not None:
        check_choice(value, name, choices)


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
