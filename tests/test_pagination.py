"""Lazy pagination over real HTTP: both list shapes, Link headers, and a foreign-host unit check."""

from __future__ import annotations

import re

from firstpromoter_async import AsyncFirstPromoter, Commission, Page, Promoter
from firstpromoter_async.testing import FakeFirstPromoter

from ._aioresponses import MockedHTTP


async def test_250_promoters_in_order_with_3_requests(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(250)
    ids = [p.id async for p in client.promoters.list(per_page=100)]
    assert ids == list(range(1, 251))
    requests = fake.requests("GET", "/company/promoters")
    assert [r.query_dict()["page"] for r in requests] == [["1"], ["2"], ["3"]]
    assert all(r.query_dict()["per_page"] == ["100"] for r in requests)


async def test_awaiting_list_gives_one_page_with_meta(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(30)
    page = await client.promoters.list(page=2, per_page=10)
    assert isinstance(page, Page)
    assert [p.id for p in page.data] == list(range(11, 21))
    assert all(isinstance(p, Promoter) for p in page)
    assert (page.page, page.per_page) == (2, 10)
    assert page.meta is not None
    assert page.meta["pending_count"] == 0
    assert page.has_next
    assert len(fake.state.journal) == 1


async def test_bare_array_lists_stop_on_a_short_page(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_commissions(45)
    items = [c async for c in client.commissions.list(per_page=20)]
    assert [c.id for c in items] == list(range(1, 46))
    assert all(isinstance(c, Commission) for c in items)
    assert len(fake.requests("GET", "/company/commissions")) == 3


async def test_an_exactly_full_last_page_costs_one_empty_request(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_commissions(40)
    assert len(await client.commissions.list(per_page=20).to_list()) == 40
    assert len(fake.requests("GET", "/company/commissions")) == 3


async def test_link_headers_are_followed_and_end_the_walk(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.state.link_headers = True
    fake.seed_commissions(40)
    assert len(await client.commissions.list(per_page=20).to_list()) == 40
    requests = fake.requests("GET", "/company/commissions")
    assert len(requests) == 2  # no rel="next" on page 2: no probe for page 3
    assert requests[1].query_dict()["page"] == ["2"]


async def test_empty_list(client: AsyncFirstPromoter, fake: FakeFirstPromoter) -> None:
    assert [p async for p in client.promoters.list()] == []
    assert len(fake.state.journal) == 1


async def test_pages_iterates_whole_pages(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(25)
    sizes = [len(page) async for page in client.promoters.list(per_page=10).pages()]
    assert sizes == [10, 10, 5]


async def test_a_link_to_another_host_is_not_followed() -> None:
    base = "http://api.test/api/v2"
    first = re.compile(r"^http://api\.test/api/v2/company/commissions\?page=1&per_page=2$")
    second = re.compile(r"^http://api\.test/api/v2/company/commissions\?page=2&per_page=2$")
    with MockedHTTP() as mocked:
        mocked.get(
            first,
            payload=[{"id": 1}, {"id": 2}],
            headers={"Link": '<http://evil.test/steal?page=2>; rel="next"'},
        )
        mocked.get(second, payload=[])
        async with AsyncFirstPromoter(api_key="sk", account_id="1", base_url=base) as fp:
            items = [c.id async for c in fp.commissions.list(per_page=2)]
    assert items == [1, 2]
    sent = [(url.host, url.query["page"]) for (_method, url) in mocked.requests]
    assert sent == [("api.test", "1"), ("api.test", "2")]
