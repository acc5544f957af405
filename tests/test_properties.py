"""Hostile input: arbitrary strings, unicode, huge id lists, nested filters — no crash, either a
correct request or ``InvalidRequestError``; arbitrary bodies decode or raise the typed error."""

from __future__ import annotations

import inspect
from typing import Any
from urllib.parse import parse_qsl, urlencode

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from firstpromoter_async import (
    APIResponseValidationError,
    BatchProcess,
    Commission,
    InvalidRequestError,
    Promoter,
)
from firstpromoter_async._filters import check_filters, check_sorting
from firstpromoter_async._operation import Prepared, prepare
from firstpromoter_async._query import encode_query
from firstpromoter_async._query_keys import QUERY_KEYS
from firstpromoter_async._validation import MAX_URL_BYTES, check_page, check_url_length
from firstpromoter_async.models._base import decode
from firstpromoter_async.resources.batch_processes import BATCH_STATUSES, BatchProcesses
from firstpromoter_async.resources.commissions import Commissions
from firstpromoter_async.resources.v1.leads import V1Leads
from firstpromoter_async.testing._http import nest_pairs

keys = st.text(
    alphabet=st.characters(blacklist_characters="[]", blacklist_categories=("Cs",)), min_size=1
)
scalars = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",))),
    st.integers(),
    st.booleans(),
)
filters = st.recursive(
    st.dictionaries(keys, scalars, max_size=4),
    lambda inner: st.dictionaries(
        keys, st.one_of(inner, st.lists(scalars, min_size=1)), max_size=3
    ),
    max_leaves=12,
)


def _prepared(method: Any, **given: Any) -> Prepared:
    """``method``'s declared checks and split, as a call passing only ``given`` would get."""
    defaults = {
        name: parameter.default
        for name, parameter in inspect.signature(method).parameters.items()
        if parameter.default is not inspect.Parameter.empty
    }
    return prepare(method, {**defaults, **given}, all_body=method is Commissions.approve)


def _expected(value: Any) -> Any:
    """What a Rails server decodes: strings everywhere, booleans as true/false."""
    if isinstance(value, dict):
        return {k: _expected(v) for k, v in value.items() if _expected(v) not in ({}, [])}
    if isinstance(value, list):
        return [_expected(v) for v in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@given(filters)
def test_query_encoding_round_trips_through_a_rails_parser(params: dict[str, Any]) -> None:
    wire = urlencode(encode_query({"filters": params}))
    decoded = nest_pairs(parse_qsl(wire, keep_blank_values=True))
    assert decoded.get("filters", {}) == _expected(params)


@given(st.lists(st.integers(min_value=1, max_value=2**62), min_size=1, max_size=20_000))
@settings(max_examples=20, suppress_health_check=[HealthCheck.data_too_large])
def test_huge_id_lists_are_accepted_as_one(ids: list[int]) -> None:
    assert _prepared(Commissions.approve, ids=ids).body["ids"] == ids


@given(
    st.one_of(
        st.none(),
        st.text(),
        st.integers(),
        st.floats(),
        st.lists(st.one_of(st.integers(), st.text(), st.none(), st.booleans(), st.floats())),
        st.dictionaries(st.text(), st.integers()),
    )
)
def test_id_lists_either_pass_or_raise_invalid_request(value: Any) -> None:
    try:
        ids = _prepared(Commissions.approve, ids=value).body["ids"]
    except InvalidRequestError as error:
        assert error.param == "ids"
    else:
        assert ids
        assert all(type(i) is int and i > 0 for i in ids)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_ref_ids_are_checked(value: str) -> None:
    try:
        assert _prepared(V1Leads.list, ref_id=value).query["ref_id"] == value
    except InvalidRequestError as error:
        assert error.param == "ref_id"
    else:
        assert value
        assert all(c in "abcdefghijklmnopqrstuvwxyz0123456789-_" for c in value)


@given(st.one_of(st.text(), st.integers(), st.none(), st.sampled_from(sorted(BATCH_STATUSES))))
def test_choices_are_checked(value: Any) -> None:
    try:
        _prepared(BatchProcesses.progress, status=value)
    except InvalidRequestError as error:
        assert error.param == "status"
        assert value is not None
        assert value not in BATCH_STATUSES


@given(
    st.one_of(st.integers(), st.floats(), st.text(), st.booleans()),
    st.one_of(st.integers(), st.floats(), st.booleans()),
)
def test_pages_are_checked(page: Any, per_page: Any) -> None:
    try:
        check_page(page, per_page)
    except InvalidRequestError as error:
        assert error.param in ("page", "per_page")
    else:
        assert page >= 1
        assert 1 <= per_page <= 100


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(st.one_of(st.binary(max_size=200), json_values.map(msgspec.json.encode)))
def test_any_body_decodes_or_raises_the_typed_error(body: bytes) -> None:
    for model in (Promoter, Commission, BatchProcess, list[Promoter]):
        try:
            decode(body, model)
        except APIResponseValidationError as error:
            assert error.body == body


@given(
    st.fixed_dictionaries(
        {"id": st.integers(min_value=1)},
        optional={
            "email": st.text(),
            "name": st.one_of(st.none(), st.text()),
            "unknown_field": json_values,
            "stats": st.fixed_dictionaries({}, optional={"clicks_count": st.integers()}),
        },
    )
)
def test_valid_promoters_always_decode(data: dict[str, Any]) -> None:
    promoter = decode(msgspec.json.encode(data), Promoter)
    assert promoter.id == data["id"]
    assert promoter.email == data.get("email")


@given(
    st.sampled_from(sorted(QUERY_KEYS)),
    st.dictionaries(
        st.one_of(st.sampled_from(["status", "state", "campaign_id", "created_at"]), keys),
        st.one_of(scalars, st.lists(scalars, max_size=3), filters),
        max_size=4,
    ),
    st.dictionaries(keys, st.sampled_from(["asc", "desc", "up"]), max_size=3),
)
def test_filter_and_sort_keys_are_documented_or_refused(
    path: str, given_filters: dict[str, Any], given_sorting: dict[str, str]
) -> None:
    documented = QUERY_KEYS[path]
    try:
        checked = check_filters(given_filters, documented)
    except InvalidRequestError as error:
        assert error.param == "filters" or error.param.startswith("filters.")
    else:
        assert checked is not None
        assert set(checked) <= documented.filters
    try:
        sorting = check_sorting(given_sorting, documented)
    except InvalidRequestError as error:
        assert error.param == "sorting"
    else:
        assert set(sorting or {}) <= documented.sorting
        assert set((sorting or {}).values()) <= {"asc", "desc"}


@given(st.lists(st.integers(min_value=1, max_value=2**62), min_size=1, max_size=2_000))
@settings(max_examples=30)
def test_urls_over_the_limit_are_refused_naming_the_list(ids: list[int]) -> None:
    url = "https://api.firstpromoter.com/api/v2/company/commissions"
    params = {"ids": ids, "page": 1, "per_page": 100}
    length = len(f"{url}?{urlencode(encode_query(params))}")
    try:
        check_url_length(url, params)
    except InvalidRequestError as error:
        assert error.param == "ids"
        assert length > MAX_URL_BYTES
    else:
        assert length <= MAX_URL_BYTES
