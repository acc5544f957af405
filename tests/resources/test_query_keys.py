"""Filters and sorting of every endpoint that takes them: documented keys are sent, unknown ones
are refused before anything is sent (the API would ignore them and widen the result)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, get_args

import msgspec
import pytest

from firstpromoter_async import AsyncFirstPromoter, InvalidRequestError, PayoutFilters
from firstpromoter_async._filters import check_filters, check_sorting
from firstpromoter_async._query_keys import QUERY_KEYS, QueryKeys
from firstpromoter_async._resource import APIResource
from firstpromoter_async.resources.reports import ReportColumn, TrafficColumn, URLColumn
from firstpromoter_async.testing import FakeFirstPromoter

from ..conftest import Caller

PERIOD = {"start_date": "2025-01-01T00:00:00Z", "end_date": "2025-03-31T23:59:59Z"}


def _report(name: str) -> Callable[..., Any]:
    return lambda fp, **query: getattr(fp.reports, name)(
        columns=["clicks_count"], group_by="month", **PERIOD, **query
    )


# every public method taking filters= or sorting=, with the endpoint it lists
CALLS: dict[str, tuple[str, Callable[..., Any]]] = {
    "/company/commissions": ("Commissions.list", lambda fp, **q: fp.commissions.list(**q)),
    "/company/emails": ("Emails.list", lambda fp, **q: fp.emails.list(**q)),
    "/company/payouts": ("Payouts.list", lambda fp, **q: fp.payouts.list(**q)),
    "/company/payouts/stats": ("Payouts.stats", lambda fp, **q: fp.payouts.stats(**q)),
    "/company/payouts/due_stats": (
        "Payouts.due_stats",
        lambda fp, **q: fp.payouts.due_stats(**q),
    ),
    "/company/payouts/group_by_promoters": (
        "Payouts.group_by_promoters",
        lambda fp, **q: fp.payouts.group_by_promoters(**q),
    ),
    "/company/promoters": ("Promoters.list", lambda fp, **q: fp.promoters.list(**q)),
    "/company/referrals": ("Referrals.list", lambda fp, **q: fp.referrals.list(**q)),
    "/company/reports/overview": ("Reports.overview", _report("overview")),
    "/company/reports/campaigns": ("Reports.campaigns", _report("campaigns")),
    "/company/reports/promoters": ("Reports.promoters", _report("promoters")),
    "/company/reports/traffic_sources": ("Reports.traffic_sources", _report("traffic_sources")),
    "/company/reports/urls": ("Reports.urls", _report("urls")),
    "/company/contract_documents": (
        "ContractDocuments.list",
        lambda fp, **q: fp.contract_documents.list(**q),
    ),
    "/company/payout_methods": ("PayoutMethods.list", lambda fp, **q: fp.payout_methods.list(**q)),
    **{
        f"/company/dashboards/{name}": (
            f"Dashboards.{name}",
            lambda fp, name=name, **q: getattr(fp.dashboards, name)(**q),
        )
        for name in ("stats", "trendings", "chart_data", "payouts_and_commissions")
    },
}
# endpoints whose filters the SDK builds itself from a keyword (``status=``)
BUILT_BY_THE_SDK = {"/company/batch_processes", "/company/batch_processes/progress"}

FILTERED = sorted(path for path in CALLS if QUERY_KEYS[path].filters)
SORTED = sorted(path for path in CALLS if QUERY_KEYS[path].sorting)

# transcribed from the vendor's OpenAPI files (query parameters ``filters[...]`` and
# ``sorting[...]``, and the schemas they reference), apart from QUERY_KEYS on purpose
_CUSTOM_FIELD = {"key", "operator", "value"}
DOCUMENTED: dict[str, tuple[set[str], set[str]]] = {
    "/company/batch_processes": ({"status"}, set()),
    "/company/batch_processes/progress": ({"status"}, set()),
    "/company/commissions": (
        {
            "status",
            "paid",
            "fulfilled",
            "sale_amount",
            "amount",
            "created_at",
            "campaign_id",
            "payout_id",
            "due_period",
            "promoter_id",
            "first_commission",
            "refunded",
            "fraud_check",
            "plan_id",
        },
        {"sale_amount", "amount", "created_at", "referral"},
    ),
    "/company/emails": (
        {"trigger_enabled", "trigger_on", "sent_count", "campaign_id"},
        {"sent_count", "subject"},
    ),
    "/company/payouts": (
        {
            "status",
            "campaign_id",
            "payments_batch_id",
            "due_period",
            "period_start",
            "period_end",
            "payout_method",
            "promoter_id",
            "only_payable",
            "group_ref",
            "fraud_suspicions",
        },
        {"amount", "period_start", "period_end"},
    ),
    "/company/payouts/stats": ({"status", "campaign_id"}, set()),
    "/company/payouts/due_stats": ({"status", "campaign_id"}, set()),
    "/company/payouts/group_by_promoters": (
        {"status", "campaign_id", "min_payment", "invoiceable"},
        set(),
    ),
    "/company/promoters": (
        {
            "revenue_amount",
            "customers_count",
            "referrals_count",
            "clicks_count",
            "joined_at",
            "last_login_at",
            "campaign_id",
            "state",
            "has_wform",
            "parent_promoter_id",
            "archived",
            "subscribed_to_email",
            "custom_field1",
            "custom_field2",
            "fraud_suspicions",
            "inactivity",
            "invoice_details_status",
        },
        {"clicks_count", "referrals_count", "customers_count", "revenue_amount", "joined_at"},
    ),
    "/company/referrals": (
        {
            "type",
            "state",
            "created_at",
            "customer_since",
            "cancelled_at",
            "campaign_id",
            "promoter_id",
            "entry_source",
            "fraud_check",
            "plan_id",
        },
        # not in the admin file: the affiliate file's keys, and created_at (see QUERY_KEYS)
        {"created_at", "state", "email"},
    ),
    "/company/contract_documents": (
        {"status", "promoter_id", "contract_id"},
        {"created_at", "signed_at"},
    ),
    "/company/payout_methods": ({"promoter_id"}, set()),
}
DASHBOARDS = ("stats", "trendings", "chart_data", "payouts_and_commissions")
DOCUMENTED.update({f"/company/dashboards/{name}": ({"campaign_id"}, set()) for name in DASHBOARDS})
_REPORT = {
    "active_customers",
    "monthly_churn",
    "clicks_count",
    "net_revenue_amount",
    "revenue_amount",
    "referrals_count",
    "customers_count",
    "sales_count",
    "refunds_count",
    "cancelled_customers_count",
    "promoter_earnings_amount",
    "non_link_customers",
    "referrals_to_customers_cr",
    "3m_epc",
    "6m_epc",
    "clicks_to_customers_cr",
    "clicks_to_referrals_cr",
    "promoter_paid_amount",
    "signups_count",
}
_TRAFFIC = {
    "clicks_count",
    "revenue_amount",
    "promoter_earnings_amount",
    "referrals_count",
    "customers_count",
    "sales_count",
    "refunds_count",
    "cancelled_customers_count",
    "referrals_to_customers_cr",
    "clicks_to_customers_cr",
    "clicks_to_referrals_cr",
}
# reports document sorting as an open map of asc/desc: their columns and the period
for _name, _columns in (
    ("overview", _REPORT),
    ("campaigns", _REPORT),
    ("promoters", _REPORT),
    ("traffic_sources", _TRAFFIC),
    ("urls", _TRAFFIC | {"url"}),
):
    DOCUMENTED[f"/company/reports/{_name}"] = (set(), _columns | {"period"})


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
    return await call(lambda fp: CALLS[path][1](fp, **query))


def test_the_table_holds_exactly_the_documented_keys() -> None:
    assert set(QUERY_KEYS) == set(DOCUMENTED)
    for path, (filters, sorting) in DOCUMENTED.items():
        assert QUERY_KEYS[path].filters == filters, path
        assert QUERY_KEYS[path].sorting == sorting, path


def test_every_method_taking_filters_or_sorting_is_covered() -> None:
    import firstpromoter_async.resources.v1  # noqa: F401  (every resource class defined)

    def subclasses(cls: type) -> list[type]:
        return [sub for c in cls.__subclasses__() for sub in (c, *subclasses(c))]

    taking = {
        f"{cls.__name__}.{name}"
        for cls in subclasses(APIResource)
        for name, function in vars(cls).items()
        if not name.startswith("_")
        and callable(function)
        and {"filters", "sorting"} & set(inspect.signature(function).parameters)
    }
    assert taking == {name for name, _ in CALLS.values()}
    assert set(CALLS) | BUILT_BY_THE_SDK == set(QUERY_KEYS)


@pytest.mark.parametrize("path", sorted(DOCUMENTED))
def test_every_documented_key_passes_the_check(path: str) -> None:
    keys = QUERY_KEYS[path]
    filters, sorting = DOCUMENTED[path]
    for key in filters:
        assert check_filters({key: _sample(keys, key)}, keys) == {key: _sample(keys, key)}
    for key in sorting:
        assert check_sorting({key: "desc"}, keys) == {key: "desc"}


@pytest.mark.parametrize("path", FILTERED)
async def test_an_unknown_filter_key_is_refused_and_nothing_sent(
    call: Caller, fake: FakeFirstPromoter, path: str
) -> None:
    filters = {**_every_filter(path), "stauts": "pending"}
    with pytest.raises(InvalidRequestError) as info:
        await _run(call, path, filters=filters)
    assert info.value.param == "filters.stauts"
    assert all(key in str(info.value) for key in QUERY_KEYS[path].filters)
    assert fake.state.journal == []


@pytest.mark.parametrize("path", SORTED)
async def test_an_unknown_sort_key_is_refused_and_nothing_sent(
    call: Caller, fake: FakeFirstPromoter, path: str
) -> None:
    with pytest.raises(InvalidRequestError) as info:
        await _run(call, path, sorting={"creatd_at": "desc"})
    assert info.value.param == "sorting"
    assert "'creatd_at'" in str(info.value)
    assert all(key in str(info.value) for key in QUERY_KEYS[path].sorting)
    assert fake.state.journal == []


@pytest.mark.parametrize("path", sorted(CALLS))
async def test_documented_keys_are_accepted_and_sent(
    call: Caller, fake: FakeFirstPromoter, path: str
) -> None:
    keys = QUERY_KEYS[path]
    query: dict[str, Any] = {}
    if keys.filters:
        query["filters"] = _every_filter(path)
    if keys.sorting:
        query["sorting"] = dict.fromkeys(sorted(keys.sorting), "desc")
    await _run(call, path, **query)
    (request,) = fake.requests("GET", path)
    sent = request.query_dict()
    for key in query.get("filters", {}):
        assert any(name.startswith(f"filters[{key}]") for name in sent), key
    for key in keys.sorting:
        assert sent[f"sorting[{key}]"] == ["desc"], key


async def test_the_issue_typo_is_refused(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_commissions(3, status="approved")
    with pytest.raises(InvalidRequestError) as info:
        await client.commissions.list(filters={"stauts": "pending"})
    assert info.value.param == "filters.stauts"
    assert "did you mean 'status'?" in str(info.value)
    assert fake.state.journal == []


class _Typo(msgspec.Struct):
    stauts: str


@pytest.mark.parametrize(
    ("run", "param"),
    [
        (lambda fp: fp.commissions.list(filters=_Typo(stauts="pending")), "filters.stauts"),
        (lambda fp: fp.promoters.list(filters=_Typo(stauts="pending")), "filters.stauts"),
        # min_payment is a filter of group_by_promoters only
        (lambda fp: fp.payouts.list(filters=PayoutFilters(min_payment=5)), "filters.min_payment"),
        (
            lambda fp: fp.payouts.stats(filters=PayoutFilters(due_period="next")),
            "filters.due_period",
        ),
    ],
)
async def test_filters_structs_are_checked_too(
    call: Caller, fake: FakeFirstPromoter, run: Any, param: str
) -> None:
    with pytest.raises(InvalidRequestError) as info:
        await call(run)
    assert info.value.param == param
    assert fake.state.journal == []


@pytest.mark.parametrize(
    ("filters", "param"),
    [
        ({"custom_field1": {"key": "plan", "opertor": "exact"}}, "filters.custom_field1.opertor"),
        ({"custom_field2": "plan"}, "filters.custom_field2"),
        ({"revenue_amount": {"from": True}}, "filters.revenue_amount"),
        ({"campaign_id": {"id": 1}}, "filters.campaign_id"),
        ({"campaign_id": [{"id": 1}]}, "filters.campaign_id"),
        ({"archived": "maybe"}, "filters.archived"),
        ({1: "x"}, "filters"),
    ],
)
async def test_filter_values_are_checked_by_kind(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter, filters: Any, param: str
) -> None:
    with pytest.raises(InvalidRequestError) as info:
        await client.promoters.list(filters=filters)
    assert info.value.param == param
    assert fake.state.journal == []


async def test_booleans_count_as_true_and_false(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    await client.promoters.list(filters={"archived": False, "subscribed_to_email": True})
    sent = fake.requests("GET", "/company/promoters")[0].query_dict()
    assert sent["filters[archived]"] == ["false"]
    assert sent["filters[subscribed_to_email]"] == ["true"]


def test_report_column_types_match_the_table() -> None:
    assert set(get_args(ReportColumn)) == _REPORT
    assert set(get_args(TrafficColumn)) == _TRAFFIC
    assert set(get_args(URLColumn)) == _TRAFFIC | {"url"}
