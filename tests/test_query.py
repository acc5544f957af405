"""Rails-style query encoding."""

from __future__ import annotations

import datetime as dt

import msgspec

from firstpromoter_async._query import encode_query


class Range(msgspec.Struct, omit_defaults=True):
    from_: str | None = msgspec.field(default=None, name="from")
    to: str | None = None


def test_nested_dicts_lists_booleans_and_none() -> None:
    pairs = encode_query(
        {
            "filters": {"status": "pending", "paid": False, "created_at": {"from": "2025-01-01"}},
            "ids": [1, 2],
            "q": None,
            "sorting": {"amount": "desc"},
            "flag": True,
        }
    )
    assert pairs == [
        ("filters[status]", "pending"),
        ("filters[paid]", "false"),
        ("filters[created_at][from]", "2025-01-01"),
        ("ids[]", "1"),
        ("ids[]", "2"),
        ("sorting[amount]", "desc"),
        ("flag", "true"),
    ]


def test_structs_dates_and_lists_of_dicts() -> None:
    pairs = encode_query(
        {
            "range": Range(from_="a", to="b"),
            "day": dt.date(2025, 3, 1),
            "rows": [{"x": 1}, {"x": 2}],
            "unset": msgspec.UNSET,
        }
    )
    assert pairs == [
        ("range[from]", "a"),
        ("range[to]", "b"),
        ("day", "2025-03-01"),
        ("rows[][x]", "1"),
        ("rows[][x]", "2"),
    ]
