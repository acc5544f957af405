"""Annotated aliases for request fields: one type, its constraints, reused by every operation.

mypy sees the base type (``Id`` is ``int``); ``_operation`` reads the ``msgspec.Meta``
constraints and checks every argument of a call in one ``msgspec.convert``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, BinaryIO, Literal

import msgspec

from ._multipart import FILE

__all__ = [
    "Cents",
    "Day",
    "Email",
    "File",
    "Filters",
    "Id",
    "Ids",
    "PerPage",
    "Sorting",
    "Text",
    "Url",
    "one_of",
]


def one_of(*choices: str) -> msgspec.Meta:
    """A constraint for a ``str`` field that takes only ``choices`` (``Literal`` would narrow
    the type the caller must pass)."""
    return msgspec.Meta(pattern="^(" + "|".join(choices) + ")$", description=", ".join(choices))


Id = Annotated[int, msgspec.Meta(ge=1)]
"""A positive integer id."""
Ids = Annotated[Iterable[Id], msgspec.Meta(min_length=1)]
"""A non-empty list of ids; any iterable (a range, a set, a generator) is accepted."""
Cents = int
"""An amount in cents (an integer: a float is refused)."""
Email = Annotated[str, msgspec.Meta(pattern="@")]
"""Something shaped like an email address."""
Day = Annotated[dt.date | str, msgspec.Meta(min_length=1)]
"""A date: a ``datetime.date`` or an ISO string (sent as ``YYYY-MM-DD``)."""
PerPage = Annotated[int, msgspec.Meta(ge=1, le=100)]
"""Items per page: 1 to 100."""
Filters = Mapping[str, Any] | msgspec.Struct | None
"""``filters=``: keys and values checked against ``_query_keys.QUERY_KEYS`` for the path."""
Sorting = Mapping[str, Literal["asc", "desc"]] | None
"""``sorting=``: ``{key: "asc" | "desc"}``, keys checked like filters."""
Text = Annotated[str, msgspec.Meta(pattern=r"\S")]
"""A string with something in it (not empty, not only spaces)."""
Url = Annotated[str, msgspec.Meta(pattern=r"^(?i:https?)://[^/?#\s]+")]
"""An absolute http(s) URL."""
File = Annotated[bytes | str | os.PathLike[str] | BinaryIO, FILE]
"""A file to upload: bytes, a path (opened, read and closed by the SDK) or a binary file object
(read once, left open); its request is sent as ``multipart/form-data``."""
