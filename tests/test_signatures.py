"""Keyword groups (``**paging: Unpack[Paging]`` and the like, PEP 692) behave as the keywords
they stand for: the same ``TypeError`` as Python's for a misspelt or a missing one on both
clients, the same signature for ``inspect``, and mypy --strict checks the keys."""

from __future__ import annotations

import inspect
import textwrap
from pathlib import Path
from typing import Any

import pytest

from firstpromoter_async import AsyncFirstPromoter
from firstpromoter_async.testing import FakeFirstPromoter
from tests.conftest import Caller

MISTAKES = [
    (
        lambda fp: fp.promoters.list(pag=2),
        "Promoters.list() got an unexpected keyword argument 'pag'",
    ),
    (
        lambda fp: fp.invoices.void(ids=[1], wiat=False),
        "Invoices.void() got an unexpected keyword argument 'wiat'",
    ),
    (
        lambda fp: fp.v1.leads.list(promotion=1),
        "V1Leads.list() got an unexpected keyword argument 'promotion'",
    ),
    (
        lambda fp: fp.invoices.list(paging={"page": 2}),  # the group's own name is no keyword
        "Invoices.list() got an unexpected keyword argument 'paging'",
    ),
    (
        lambda fp: fp.promoters.chart_data(1, period_from="2024-01-01", selection="clicks"),
        "Promoters.chart_data() missing 1 required keyword-only argument: 'period_to'",
    ),
    (
        lambda fp: fp.promoters.chart_data(1, period_from="2024-01-01"),
        "Promoters.chart_data() missing 2 required keyword-only arguments: 'period_to' and "
        "'selection'",
    ),
    (
        lambda fp: fp.promoter_campaigns.chart_data(1),
        "PromoterCampaigns.chart_data() missing 3 required keyword-only arguments: "
        "'period_from', 'period_to', and 'selection'",
    ),
]


@pytest.mark.parametrize(("operation", "message"), MISTAKES)
async def test_a_wrong_keyword_raises_pythons_type_error_and_sends_nothing(
    call: Caller, fake: FakeFirstPromoter, operation: Any, message: str
) -> None:
    with pytest.raises(TypeError) as info:
        await call(operation)
    assert str(info.value) == message
    assert fake.state.journal == []


def test_the_keys_are_keyword_only_parameters_with_their_defaults() -> None:
    probe = AsyncFirstPromoter(api_key="k", account_id="1")
    parameters = inspect.signature(probe.promoters.list).parameters
    defaults = {name: p.default for name, p in parameters.items()}
    assert defaults == {
        "ids": None,
        "q": None,
        "filters": None,
        "sorting": None,
        "page": 1,
        "per_page": 100,
        "prefetch": 1,
    }
    assert {p.kind for p in parameters.values()} == {inspect.Parameter.KEYWORD_ONLY}
    waits = inspect.signature(probe.invoices.void).parameters
    assert [(p.name, p.default) for p in waits.values()][1:] == [
        ("wait", True),
        ("on_progress", None),
        ("wait_timeout", None),
    ]
    chart = inspect.signature(probe.promoters.chart_data).parameters
    assert chart["selection"].default is inspect.Parameter.empty


async def test_the_keys_reach_the_request(call: Caller, fake: FakeFirstPromoter) -> None:
    fake.seed_promoters(3)
    page = await call(lambda fp: fp.promoters.list(per_page=2, page=2))
    assert [promoter.id for promoter in page] == [3]


def test_mypy_checks_the_keys_of_a_group(tmp_path: Path) -> None:
    from mypy import api

    source = textwrap.dedent(
        """
        from firstpromoter_async import AsyncFirstPromoter
        from firstpromoter_sync import FirstPromoter

        async def use(fp: AsyncFirstPromoter) -> None:
            await fp.promoters.list(q="ann", per_page=10, prefetch=0).get_page()
            await fp.invoices.void(ids=[1], wait=False, wait_timeout=2.5)
            await fp.promoters.chart_data(1, period_from="2024-01-01", period_to="2024-02-01",
                                          selection="clicks")
            await fp.v1.leads.list(ref_id="ann", page=2).get_page()
            fp.promoters.list(per_pag=10)
            await fp.invoices.void(ids=[1], wait="no")

        def use_sync(fp: FirstPromoter) -> None:
            fp.promoters.list(filters={"state": "accepted"}, page=3).get_page()
            fp.commissions.approve(ids=[1], on_progress=print)
            fp.promoters.list(pages=3)
        """
    )
    module = tmp_path / "typed_use.py"
    module.write_text(source)
    out, err, _ = api.run(
        ["--strict", "--no-incremental", "--cache-dir", str(tmp_path), str(module)]
    )
    errors = [line.split("typed_use.py:")[1] for line in out.splitlines() if ": error: " in line]
    expected = [
        '11: error: Unexpected keyword argument "per_pag" for "list" of "Promoters"',
        '12: error: Argument "wait" to "void" of "Invoices" has incompatible type "str"; '
        'expected "bool"',
        '17: error: Unexpected keyword argument "pages" for "list" of "Promoters"',
    ]
    assert len(errors) == len(expected), out + err
    for error, start in zip(errors, expected, strict=True):
        assert error.startswith(start), out + err
