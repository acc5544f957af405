"""The two route shapes most fake endpoints share: a collection of records, and a batch action.

A route module declares what differs (table, filters, how a record is shown, how one id is
acted on); these builders write the handlers. Domain rules raise ``Refused``.

    routes = web.RouteTableDef()
    collection(routes, "/api/v2/company/products", "products",
               search=("name",), filters={"status": "status"},
               create=lambda state, body: new_product(state, **body), updatable=("name",))
    batch_action(routes, "POST", "/api/v2/company/products/archive", "products",
                 "product/archive", lambda state, product, body: archive(product))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from aiohttp import web

from ._http import body_of, error, ids_of, json_response, page_of, query_of, state_of
from ._state import FakeState, Record

__all__ = ["Apply", "batch_action", "collection", "filtered", "sorted_by"]

Apply = Callable[[FakeState, Record, dict[str, Any]], "str | None"]
"""What a batch does to one record: ``None`` on success, else the error for that id."""
Filter = str | Callable[[Record], Any]
"""A filter key's field name, or a function giving the value to compare."""


def _noun(table: str) -> str:
    return table.removesuffix("s").replace("_", " ").capitalize()


def _values(wanted: Any) -> set[str]:
    return {str(v) for v in wanted} if isinstance(wanted, list) else {str(wanted)}


def filtered(
    records: Iterable[Record],
    query: Mapping[str, Any],
    *,
    search: Iterable[str | Callable[[Record], Any]] = (),
    filters: Mapping[str, Filter] | None = None,
) -> list[Record]:
    """Records matching ``ids[]``, ``q`` (in the ``search`` fields) and ``filters[key]``
    (equal to one of the wanted values, compared as strings)."""
    ids = query.get("ids")
    q = str(query.get("q") or "").lower()
    given = query.get("filters") or {}
    checks = [(f, _values(given[k])) for k, f in (filters or {}).items() if k in given]
    fields = list(search)
    found = []
    for record in records:
        if ids and str(record["id"]) not in ids:
            continue
        if q:
            text = " ".join(str(f(record) if callable(f) else record.get(f) or "") for f in fields)
            if q not in text.lower():
                continue
        if all(str(f(record) if callable(f) else record.get(f)) in v for f, v in checks):
            found.append(record)
    return found


def sorted_by(
    records: list[Record], sorting: Mapping[str, str], key: Callable[[Record, str], Any]
) -> list[Record]:
    """``records`` sorted by each ``sorting[field]`` direction in turn (last one wins)."""
    for field, direction in sorting.items():
        records.sort(key=lambda r: key(r, field), reverse=direction == "desc")
    return records


def _default_sort_key(record: Record, field: str) -> Any:
    return record.get(field) or 0


def collection(
    routes: web.RouteTableDef,
    base: str,
    table: str,
    *,
    noun: str | None = None,
    render: Callable[[FakeState, Record], Record] | None = None,
    search: Iterable[str | Callable[[Record], Any]] = (),
    filters: Mapping[str, Filter] | None = None,
    matches: Callable[[FakeState, Record, dict[str, Any]], bool] | None = None,
    sort_key: Callable[[Record, str], Any] = _default_sort_key,
    envelope: bool = False,
    meta: Callable[[FakeState], dict[str, Any]] | None = None,
    find: Callable[[FakeState, str, str | None], Record | None] | None = None,
    create: Callable[[FakeState, dict[str, Any]], Record] | None = None,
    created_status: int = 201,
    updatable: Iterable[str] = (),
    update: Callable[[FakeState, Record, dict[str, Any]], None] | None = None,
    delete: Callable[[FakeState, Record], Any] | bool = False,
    retrieve: bool = True,
) -> None:
    """Declare ``GET base`` (list), ``POST base`` (with ``create``), ``GET/PUT/DELETE
    base/{id}`` (retrieve; with ``updatable``/``update``; with ``delete``) on ``table``.

    The list keeps records that pass ``filtered`` (``search``, ``filters``) and ``matches``,
    sorts them by ``sorting[...]`` with ``sort_key``, and answers a page: a bare array, or
    ``{"data", "meta"}`` with ``envelope`` (``meta`` adds fields). ``find(state, key,
    find_by)`` looks a record up (default: by numeric id); ``render`` shows one.
    """
    name = noun or _noun(table)
    shown = render or (lambda state, record: record)
    fields = tuple(updatable)

    def lookup(request: web.Request, find_by: str | None) -> Record:
        state, key = state_of(request), request.match_info["id"]
        record = (
            find(state, key, find_by)
            if find is not None
            else (state.table(table).get(int(key)) if key.isdigit() else None)
        )
        if record is None:
            raise _NotFound(name)
        return record

    async def list_records(request: web.Request) -> web.Response:
        state, query = state_of(request), query_of(request)
        found = filtered(state.table(table), query, search=search, filters=filters)
        if matches is not None:
            found = [r for r in found if matches(state, r, query)]
        sorted_by(found, query.get("sorting") or {}, sort_key)
        extra = meta(state) if meta is not None else None
        rows = [shown(state, r) for r in found]
        return page_of(request, rows, envelope=envelope, meta=extra)

    routes.get(base)(list_records)

    if create is not None:
        make = create

        async def create_record(request: web.Request) -> web.Response:
            state = state_of(request)
            record = make(state, await body_of(request))
            return json_response(shown(state, record), status=created_status)

        routes.post(base)(create_record)

    if retrieve:

        async def retrieve_record(request: web.Request) -> web.Response:
            try:
                record = lookup(request, request.query.get("find_by"))
            except _NotFound as missing:
                return missing.response()
            return json_response(shown(state_of(request), record))

        routes.get(base + "/{id}")(retrieve_record)

    if fields or update is not None:

        async def update_record(request: web.Request) -> web.Response:
            state, body = state_of(request), await body_of(request)
            try:
                record = lookup(request, body.get("find_by"))
            except _NotFound as missing:
                return missing.response()
            if update is not None:
                update(state, record, body)
            record.update({f: body[f] for f in fields if f in body})
            return json_response(shown(state, record))

        routes.put(base + "/{id}")(update_record)

    if delete:
        remove = delete if callable(delete) else None

        async def delete_record(request: web.Request) -> web.Response:
            state = state_of(request)
            try:
                record = lookup(request, None)
            except _NotFound as missing:
                return missing.response()
            if remove is not None:
                remove(state, record)
            else:
                state.table(table).delete(record["id"])
            return web.Response(status=204)

        routes.delete(base + "/{id}")(delete_record)


class _NotFound(Exception):
    def __init__(self, noun: str) -> None:
        self.noun = noun

    def response(self) -> web.Response:
        return error(404, f"{self.noun} not found", "not_found")


def batch_action(
    routes: web.RouteTableDef,
    method: str,
    path: str,
    table: str,
    label: str,
    apply: Apply,
    *,
    prepare: Callable[[FakeState, dict[str, Any]], dict[str, Any]] | None = None,
    meta: Callable[[FakeState, list[int]], dict[str, Any]] | None = None,
) -> None:
    """Declare a bulk action: ``ids`` in the body, ``apply`` on each record as a batch process.

    ``prepare(state, body)`` checks and resolves the other fields first (raise ``Refused``)
    and returns what ``apply`` receives as its third argument (default: the body). A missing
    record fails its id with "<Noun> <id> not found". A few ids run at once (200), more start
    a batch process (202), as ``FakeState.start_batch`` decides. With ``meta`` the answer is
    ``{"data": process, "meta": meta(state, ids)}``.
    """
    noun = _noun(table)

    async def handler(request: web.Request) -> web.Response:
        state, body = state_of(request), await body_of(request)
        context = prepare(state, body) if prepare is not None else body
        ids = ids_of(body)
        if isinstance(ids, web.Response):
            return ids

        def apply_id(item_id: int) -> str | None:
            record = state.table(table).get(item_id)
            if record is None:
                return f"{noun} {item_id} not found"
            return apply(state, record, context)

        extra = meta(state, ids) if meta is not None else None
        status, process = state.start_batch(label, ids, apply_id)
        answer = process if extra is None else {"data": process, "meta": extra}
        return json_response(answer, status=status)

    routes.route(method, path)(handler)
