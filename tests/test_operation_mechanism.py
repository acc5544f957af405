"""The declared-operation mechanism (``@op`` + ``_call``) over real HTTP against the fake."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from firstpromoter_async import (
    NOT_GIVEN,
    AsyncFirstPromoter,
    Commission,
    InvalidRequestError,
    NotGiven,
)
from firstpromoter_async._fields import Id
from firstpromoter_async._operation import op
from firstpromoter_async._resource import APIResource
from firstpromoter_async.testing import FakeFirstPromoter


class _Notes(APIResource):
    """A resource declared in the test: a field whose default is ``NOT_GIVEN`` may be null."""

    @op("PUT", "/company/commissions/{id}", require_any=True)
    async def annotate(
        self, id: Id, *, internal_note: str | NotGiven | None = NOT_GIVEN
    ) -> Commission:
        return await self._call(self.annotate, locals())

    @op("GET", "/company/payouts/due_stats", envelope=True)
    async def due(self) -> dict[str, Any]:
        return await self._call(self.due, locals())

    async def undeclared(self) -> Commission:
        return await self._call(self.undeclared, locals())


async def test_none_sends_an_explicit_null_and_not_given_sends_nothing(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_commissions(1)
    notes = _Notes(client)
    await notes.annotate(1, internal_note=None)
    [sent] = fake.requests("PUT", "/company/commissions/1")
    assert sent.json == {"internal_note": None}
    with pytest.raises(InvalidRequestError) as info:
        await notes.annotate(1)
    assert info.value.param == "fields"
    assert len(fake.state.journal) == 1


async def test_an_envelope_answer_gives_its_data(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    due = await _Notes(client).due()
    assert isinstance(due, dict)
    assert "meta" not in due
    [sent] = fake.requests("GET", "/company/payouts/due_stats")
    assert sent.query_dict() == {}


async def test_a_method_without_op_is_a_programming_error(client: AsyncFirstPromoter) -> None:
    with pytest.raises(TypeError, match="no @op declaration"):
        await _Notes(client).undeclared()


class _Filters(msgspec.Struct, omit_defaults=True):
    status: str | None = None
    paid: str | None = None


async def test_struct_filters_are_sent_as_their_fields(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_commissions(2)
    page: Any = await client.commissions.list(filters=_Filters(status="pending"))
    assert page.data
    [sent] = fake.requests("GET", "/company/commissions")
    assert sent.query_dict()["filters[status]"] == ["pending"]
    assert "filters[paid]" not in sent.query_dict()


def test_not_given_is_falsy_and_single() -> None:
    assert not NOT_GIVEN
    assert NotGiven() is NOT_GIVEN
    assert repr(NOT_GIVEN) == "NOT_GIVEN"
