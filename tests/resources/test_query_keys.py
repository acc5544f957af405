"""Filters and sorting of every endpoint that takes them: documented keys are sent, unknown ones
are refused before anything is sent (the API would ignore them and widen the result)."""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any, get_args

import msgspec
import pytest

from firstpromoter_async import AsyncFirstPromoter, InvalidRequestError, PayoutFilters
from firstpromoter_async._filters import check_filters, check_sorting
from firstpromoter_async._query_keys import QUERY_KEYS, QueryKeys
from firstpromoter_async.resources.reports import ReportColumn, TrafficColumn, URLColumn
from firstpromoter_async.testing import FakeFirstPromoter

from ..conftest import Caller
from ..operations import Invalid, bad, resource_classes

PERIOD = {"start_date": "2025-01-01T00:00:00Z", "end_date": "2025-03-31T23:59:59Z"}
REPORT_ARGS = {"columns": ["clicks_count"], "group_by": "month", **PERIOD}
REPORTS = ("overview", "campaigns", "promoters", "traffic_sources", "urls")
DASHBOARDS = ("stats", "trendings", "chart_data", "payouts_and_commissions")
# every public method taking filters= or sorting=, by the endpoint it lists
CALLS: dict[str, str] = {
    **{f"/company/{name}": f"{name}.list" for name in ("commissions", "emails", "payouts")},
    **{f"/company/payouts/{name}": f"payouts.{name}" for name in ("stats", "due_stats")},
    "/company/payouts/group_by_promoters": "payouts.group_by_promoters",
    **{f"/company/{name}": f"{name}.list" for name in ("promoters", "referrals")},
    **{f"/company/reports/{name}": f"reports.{name}" for name in REPORTS},
    "/company/assets": "assets.list",
    "/company/invoices": "invoices.list",
    "/company/invoices/export": "invoices.export",
    "/company/contract_documents": "contract_documents.list",
    "/company/payout_methods": "payout_methods.list",
    **{f"/company/dashboards/{name}": f"dashboards.{name}" for name in DASHBOARDS},
}
# endpoints whose filters the SDK builds itself from a keyword (``status=``)
BUILT_BY_THE_SDK = {"/company/batch_processes", "/company/batch_processes/progress"}

FILTERED = sorted(path for path in CALLS if QUERY_KEYS[path].filters)
SORTED = sorted(path for path in CALLS if QUERY_KEYS[path].sorting)


# the keys the vendor's OpenAPI files document, transcribed apart from QUERY_KEYS on purpose
_VENDOR = json.loads((Path(__file__).parent / "documented_query_keys.json").read_text("utf-8"))
DOCUMENTED = {
    path: (set(keys["filters"].split()), set(keys["sorting"].split()))
    for path, keys in _VENDOR["endpoints"].items()
}


def _sample(keys: QueryKeys, key: str) -> Any:
    """A value the API documents for filter ``key``."""
    if key in keys.choices:
        return sorted(keys.choices[key])[0]
    if key in keys.date_ranges:
        return {"from": "2020-01-01", "to": "2099-12-31"}
    if key in keys.number_ranges:
        return {"from": 0}
    if key in keys.objects:
        return dict.fromkeys(sorted(keys.objects[key]), "1")
    return 1


def _every_filter(path: str) -> dict[str, Any]:
    keys = QUERY_KEYS[path]
    return {key: _sample(keys, key) for key in sorted(keys.filters)}


async def _run(call: Caller, path: str, **query: Any) -> Any:
    resource, method = CALLS[path].split(".")
    extra = REPORT_ARGS if resource == "reports" else {}
    return await call(lambda fp: getattr(getattr(fp, resource), method)(**extra, **query))


def test_the_table_holds_exactly_the_documented_keys() -> None:
    assert set(QUERY_KEYS) == set(DOCUMENTED)
    for path, (filters, sorting) in DOCUMENTED.items():
        assert QUERY_KEYS[path].filters == filters, path
        assert QUERY_KEYS[path].sorting == sorting, path


def test_every_method_taking_filters_or_sorting_is_covered() -> None:
    taking = {
        f"{name}.{method}"
        for name, cls in resource_classes().items()
        for method, function in vars(cls).items()
        if not method.startswith("_")
        and callable(function)
        and {"filters", "sorting"} & set(inspect.signature(function).parameters)
    }
    owner = lambda name: "".join(part.title() for part in name.split("_"))  # noqa: E731
    assert taking == {
        owner(name.split(".")[0]) + "." + name.split(".")[1] for name in CALLS.values()
    }
    assert set(CALLS) | BUILT_BY_THE_SDK == set(QUERY_KEYS)


@pytest.mark.parametrize("path", sorted(DOCUMENTED))
def test_every_documented_key_passes_the_check(path: str) -> None:
    keys = QUERY_KEYS[path]
    filters, sorting = DOCUMENTED[path]
    for key in filters:
        assert check_filters({key: _sample(keys, key)}, keys) == {key: _sample(keys, key)}
    for key in sorting:
        assert check_sorting({key: "desc"}, keys) == {key: "desc"}


UNKNOWN = [(path, "filters") for path in FILTERED] + [(path, "sorting") for path in SORTED]


@pytest.mark.parametrize(("path", "kind"), UNKNOWN)
async def test_an_unknown_filter_or_sort_key_is_refused_and_nothing_sent(
    call: Caller, fake: FakeFirstPromoter, path: str, kind: str
) -> None:
    filters = {**_every_filter(path), "stauts": "pending"}
    typo = {"filters": filters} if kind == "filters" else {"sorting": {"creatd_at": "desc"}}
    with pytest.raises(InvalidRequestError) as info:
        await _run(call, path, **typo)
    assert info.value.param == ("filters.stauts" if kind == "filters" else "sorting")
    assert kind == "filters" or "'creatd_at'" in str(info.value)
    documented = QUERY_KEYS[path].filters if kind == "filters" else QUERY_KEYS[path].sorting
    assert all(key in str(info.value) for key in documented)
    assert fake.state.journal == []


@pytest.mark.parametrize("path", sorted(CALLS))
async def test_documented_keys_are_accepted_and_sent(
    call: Caller, fake: FakeFirstPromoter, path: str
) -> None:
    keys = QUERY_KEYS[path]
    query = {"filters": _every_filter(path), "sorting": dict.fromkeys(sorted(keys.sorting), "desc")}
    await _run(call, path, **{kind: given for kind, given in query.items() if given})
    (request,) = fake.requests("GET", path)
    sent = request.query_dict()
    for key in query.get("filters", {}):
        assert any(name.startswith(f"filters[{key}]") for name in sent), key
    for key in keys.sorting:
        assert sent[f"sorting[{key}]"] == ["desc"], key


class _Typo(msgspec.Struct):
    stauts: str


def _promoters(param: str, filters: Any) -> Invalid:
    return bad("promoters.list", param, filters=filters)


# the typo (with a suggestion); filters Structs are checked too, and values by kind
INVALID = [
    Invalid(
        lambda fp: fp.commissions.list(filters={"stauts": "pending"}),
        "filters.stauts",
        "did you mean 'status'?",
    ),
    bad("commissions.list", "filters.stauts", filters=_Typo(stauts="pending")),
    _promoters("filters.stauts", _Typo(stauts="pending")),
    # min_payment is a filter of group_by_promoters only
    bad("payouts.list", "filters.min_payment", filters=PayoutFilters(min_payment=5)),
    bad("payouts.stats", "filters.due_period", filters=PayoutFilters(due_period="next")),
    _promoters(
        "filters.custom_field1.opertor", {"custom_field1": {"key": "plan", "opertor": "exact"}}
    ),
    _promoters("filters.custom_field2", {"custom_field2": "plan"}),
    _promoters("filters.revenue_amount", {"revenue_amount": {"from": True}}),
    _promoters("filters.campaign_id", {"campaign_id": {"id": 1}}),
    _promoters("filters.campaign_id", {"campaign_id": [{"id": 1}]}),
    _promoters("filters.archived", {"archived": "maybe"}),
    _promoters("filters", {1: "x"}),
]


async def test_booleans_count_as_true_and_false(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    await client.promoters.list(filters={"archived": False, "subscribed_to_email": True})
    sent = fake.requests("GET", "/company/promoters")[0].query_dict()
    assert sent["filters[archived]"] == ["false"]
    assert sent["filters[subscribed_to_email]"] == ["true"]


def test_report_column_types_match_the_table() -> None:
    for name, column in (("overview", ReportColumn), ("traffic_sources", TrafficColumn)):
        assert set(get_args(column)) == DOCUMENTED[f"/company/reports/{name}"][1] - {"period"}
    assert set(get_args(URLColumn)) == DOCUMENTED["/company/reports/urls"][1] - {"period"}
