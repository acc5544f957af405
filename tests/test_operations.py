"""Every operation of the API, through both clients, against the fake server over HTTP."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest

from firstpromoter_async import InvalidRequestError
from firstpromoter_async.testing import FakeFirstPromoter

from . import resources
from .conftest import Caller
from .operations import Invalid, Operation, check_result, check_wire


def _rows(table: str) -> list[tuple[str, Any]]:
    """``(module name, row)`` for every row of ``table`` in ``tests/resources``."""
    found: list[tuple[str, Any]] = []
    for module_info in sorted(
        pkgutil.walk_packages(resources.__path__, resources.__name__ + "."), key=lambda m: m.name
    ):
        module = importlib.import_module(module_info.name)
        short = module_info.name.rsplit(".", 1)[-1].removeprefix("test_")
        found.extend((short, row) for row in getattr(module, table, []))
    return found


OPERATIONS: list[Operation] = [row for _, row in _rows("OPERATIONS")]
INVALID: list[tuple[str, Invalid]] = _rows("INVALID")


@pytest.mark.parametrize("op", OPERATIONS, ids=[op.id for op in OPERATIONS])
async def test_operation_on_the_wire(op: Operation, call: Caller, fake: FakeFirstPromoter) -> None:
    if op.setup is not None:
        op.setup(fake)
    result = await call(op.call)
    check_wire(fake, op)
    check_result(op, result)


@pytest.mark.parametrize(
    "row",
    [row for _, row in INVALID],
    ids=[f"{name}-{number}-{row.param}" for number, (name, row) in enumerate(INVALID)],
)
async def test_invalid_arguments_send_nothing(
    row: Invalid, call: Caller, fake: FakeFirstPromoter
) -> None:
    with pytest.raises(InvalidRequestError) as info:
        await call(row.call)
    assert info.value.param == row.param
    assert str(info.value).startswith(f"{row.param}: ")  # the message names the argument too
    assert fake.state.journal == []


def test_operation_ids_are_unique() -> None:
    ids = [op.id for op in OPERATIONS]
    assert len(ids) == len(set(ids))
