"""A server that sends a walk round in circles gets an error, not an endless walk.

Before the fix each of these walked forever; the timeout marks make such a regression fail
instead of hang.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from firstpromoter_async import APIResponseValidationError, AsyncFirstPromoter
from firstpromoter_sync import FirstPromoter

from ._paging_server import Mode, PagingServer

pytestmark = pytest.mark.timeout(30)


@pytest.fixture
async def server(request: pytest.FixtureRequest) -> AsyncIterator[PagingServer]:
    mode: Mode = request.param
    async with PagingServer(total=10, mode=mode) as srv:
        yield srv


async def walk(kind: str, server: PagingServer, **options: int) -> tuple[list[int], Exception]:
    """The ids a walk yielded before it failed, and its error, through either client."""
    seen: list[int] = []
    if kind == "async":

        async def collect(fp: AsyncFirstPromoter) -> None:
            async for commission in fp.commissions.list(per_page=4, **options):
                seen.append(commission.id)

        async with AsyncFirstPromoter(**server.settings()) as fp:
            with pytest.raises(APIResponseValidationError) as caught:
                await collect(fp)
        return seen, caught.value

    def run() -> Exception:
        with (
            FirstPromoter(**server.settings()) as fp,
            pytest.raises(APIResponseValidationError) as caught,
        ):
            seen.extend(c.id for c in fp.commissions.list(per_page=4, **options))
        return caught.value

    error = await asyncio.to_thread(run)
    return seen, error


@pytest.mark.parametrize("server", ["self_link"], indirect=True)
@pytest.mark.parametrize("kind", ["async", "sync"])
async def test_a_link_to_the_same_page_stops_with_an_error(kind: str, server: PagingServer) -> None:
    seen, error = await walk(kind, server)

    assert seen == [1, 2, 3, 4]  # the first page, once
    assert "GET /company/commissions" in str(error)
    assert "page 1" in str(error)
    assert error.body == b'[{"id": 1}, {"id": 2}, {"id": 3}, {"id": 4}]'  # type: ignore[attr-defined]
    assert server.requested == [1]  # the Link back to page 1 is not even fetched


@pytest.mark.parametrize("server", ["cycle_link"], indirect=True)
@pytest.mark.parametrize("kind", ["async", "sync"])
async def test_a_link_back_to_a_page_already_seen_stops_with_an_error(
    kind: str, server: PagingServer
) -> None:
    seen, error = await walk(kind, server)

    assert seen == [1, 2, 3, 4, 5, 6, 7, 8]  # pages 1 and 2, once each
    assert "page 2" in str(error)
    assert "already fetched" in str(error)
    assert server.requested == [1, 2]


@pytest.mark.parametrize("server", ["ignore_page"], indirect=True)
@pytest.mark.parametrize("kind", ["async", "sync"])
@pytest.mark.parametrize("prefetch", [None, 0, 3])
async def test_a_server_that_ignores_the_page_number_stops_with_an_error(
    kind: str, server: PagingServer, prefetch: int | None
) -> None:
    options = {} if prefetch is None else {"prefetch": prefetch}
    seen, error = await walk(kind, server, **options)

    assert seen == [1, 2, 3, 4]
    assert "GET /company/commissions" in str(error)
    assert "page 2 repeats the items of page 1" in str(error)
    assert isinstance(error, APIResponseValidationError)
    assert error.body == b'[{"id": 1}, {"id": 2}, {"id": 3}, {"id": 4}]'
    # bounded: the repeat, plus the pages in flight (1 by default)
    assert len(server.requested) <= 2 + (1 if prefetch is None else prefetch)


async def test_an_honest_server_with_links_is_walked_to_the_end() -> None:
    async with (
        PagingServer(total=10, mode="links") as server,
        AsyncFirstPromoter(**server.settings()) as fp,
    ):
        ids = [c.id async for c in fp.commissions.list(per_page=4, prefetch=3)]

    assert ids == list(range(1, 11))
    assert server.requested == [1, 2, 3]  # a Link walk knows one next page at a time
