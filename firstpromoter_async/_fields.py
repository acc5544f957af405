"""Annotated aliases for request fields: one type, its constraints, reused by every operation.

mypy sees the base type (``Id`` is ``int``); ``_operation`` reads the ``msgspec.Meta``
constraints and checks every argument of a call in one ``msgspec.convert``. Keywords that
several operations share are one ``TypedDict`` (``Paging``...), taken as ``**paging:
Unpack[Paging]`` (PEP 692): ``_operation`` checks its keys like the other fields.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, BinaryIO, Literal

import msgspec

from ._multipart import FILE

if sys.version_info >= (3, 11):
    from typing import TypedDict, Unpack
else:  # a dependency on 3.10 (pyproject.toml)
    from typing_extensions import TypedDict, Unpack

__all__ = [
    "Cents",
    "ChartPeriod",
    "Day",
    "Email",
    "File",
    "Filtered",
    "Filters",
    "Id",
    "Ids",
    "Paging",
    "PerPage",
    "Search",
    "Sorting",
    "Text",
    "TypedDict",
    "Unpack",
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


class Paging(TypedDict, total=False):
    """The keywords of every list (``**paging``), each optional:

    - ``page``: the first page to fetch (default 1).
    - ``per_page``: items per page, 1 to 100 (default 100).
    - ``prefetch``: pages kept in flight ahead of the caller (default 1; 0: one at a time).
    """

    page: int
    per_page: PerPage
    prefetch: int


class Filtered(Paging, total=False):
    """``Paging`` plus ``filters`` (default none): ``{key: value}``, the keys the endpoint
    documents (an unknown one raises ``InvalidRequestError``)."""

    filters: Filters


class Search(Filtered, total=False):
    """``Filtered`` plus ``q`` (a search text, default none) and ``sorting`` (``{key: "asc" |
    "desc"}``, the keys the endpoint documents; default none)."""

    q: str | None
    sorting: Sorting


class ChartPeriod(TypedDict):
    """The keywords of a chart (``**period``), each required: ``period_from`` and
    ``period_to`` (a ``Day``), and the ``selection`` of series (revenue, clicks, referrals,
    customers or cancellations)."""

    period_from: Day
    period_to: Day
    selection: Literal["revenue", "clicks", "referrals", "customers", "cancellations"]
