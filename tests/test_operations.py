"""Every operation of the API, through both clients, against the fake server over HTTP."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

from firstpromoter_async.testing import FakeFirstPromoter

from . import resources
from .conftest import Caller
from .operations import Operation, check_result, check_wire


def _all_operations() -> list[Operation]:
    found: list[Operation] = []
    for module_info in sorted(
        pkgutil.walk_packages(resources.__path__, resources.__name__ + "."), key=lambda m: m.name
    ):
        module = importlib.import_module(module_info.name)
        found.extend(getattr(module, "OPERATIONS", []))
    return found


OPERATIONS = _all_operations()


@pytest.mark.parametrize("op", OPERATIONS, ids=[op.id for op in OPERATIONS])
async def test_operation_on_the_wire(op: Operation, call: Caller, fake: FakeFirstPromoter) -> None:
    if op.setup is not None:
        op.setup(fake)
    result = await call(op.call)
    check_wire(fake, op)
    check_result(op, result)


def test_operation_ids_are_unique() -> None:
    ids = [op.id for op in OPERATIONS]
    assert len(ids) == len(set(ids))
