"""The route shapes fake endpoints share, written once: ``route`` (a function of the state and
the parameters answers), a ``collection`` of records (list with filters, search, sorting and
pages; create; retrieve; update; delete), a route acting on one record (``record_route``;
``found_route`` when parameters, not the path, name it), and ``batch_actions``. A route module
declares what differs; domain rules raise ``Refused``, e.g.
``collection(routes, BASE, "products", search=("name",), updatable=("name",), delete=True)``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from aiohttp import web

from ._http import Page, body_of, ids_of, json_response, page_of, state_of
from ._state import FakeState, Record, Refused

__all__ = ["Act", "Apply", "Find", "Page", "Prepare", "batch_actions", "collection", "filtered"]
__all__ += ["found_route", "in_date_range", "record_route", "route", "sorted_by"]

Apply = Callable[[FakeState, Record, Any], "str | None"]
"""What a batch does to one record: ``None`` on success, else the error for that id."""
Prepare = Callable[[FakeState, dict[str, Any]], Any]
"""What a batch checks first: gives ``Apply`` its third argument (raise ``Refused``)."""
Filter = str | Callable[[Record], Any]
"""A filter key's field name, or a function giving the value to compare."""


def _noun(table: str) -> str:
    return table.removesuffix("s").replace("_", " ").capitalize()


def _values(wanted: Any) -> set[str]:
    return {str(v) for v in wanted} if isinstance(wanted, list) else {str(wanted)}


def in_date_range(value: str | None, bounds: Any) -> bool:
    """Whether an ISO date(-time)'s day is in ``{"from": ..., "to": ...}`` (no bounds: yes)."""
    if not isinstance(bounds, dict) or value is None:
        return not isinstance(bounds, dict)
    day, start, end = value[:10], bounds.get("from"), bounds.get("to")
    return (not start or day >= start[:10]) and (not end or day <= end[:10])


def filtered(
    records: Iterable[Record],
    query: Mapping[str, Any],
    *,
    search: Iterable[str | Callable[[Record], Any]] = (),
    filters: Mapping[str, Filter] | None = None,
) -> list[Record]:
    """Records matching ``ids[]``, ``q`` (in the ``search`` fields; none: ``q`` is left to the
    caller) and ``filters[key]`` (equal to one of the wanted values, compared as strings)."""
    ids, q = query.get("ids"), str(query.get("q") or "").lower()
    given = query.get("filters") or {}
    checks = [(f, _values(given[k])) for k, f in (filters or {}).items() if k in given]
    fields = list(search) if q else []

    def keep(record: Record) -> bool:
        text = " ".join(str(f(record) if callable(f) else record.get(f) or "") for f in fields)
        return (
            (not ids or str(record["id"]) in ids)
            and (not fields or q in text.lower())
            and all(str(f(record) if callable(f) else record.get(f)) in v for f, v in checks)
        )

    return [record for record in records if keep(record)]


def sorted_by(
    records: list[Record], sorting: Mapping[str, str], key: Callable[[Record, str], Any]
) -> list[Record]:
    """``records`` sorted by each ``sorting[field]`` direction in turn (last one wins)."""
    for field, direction in sorting.items():
        records.sort(key=lambda r: key(r, field), reverse=direction == "desc")
    return records


def _default_sort_key(record: Record, field: str) -> Any:
    return record.get(field) or 0


def _by_id(table: str) -> Find:
    return lambda state, key, find_by: state.table(table).get(int(key)) if key.isdigit() else None


Find = Callable[[FakeState, str, "str | None"], "Record | None"]
"""How a path's key names a record: ``find(state, key, find_by)``."""
Act = Callable[[FakeState, Record, dict[str, Any]], Any]
"""What a route does to the record it names: its answer (see ``route``)."""
Handle = Callable[[FakeState, dict[str, Any]], Any]
"""What a route does with its parameters: its answer (see ``route``)."""


def route(
    routes: web.RouteTableDef, method: str, path: str, *, status: int = 200
) -> Callable[[Handle], Handle]:
    """Declare ``METHOD path`` answered by the decorated ``handle(state, params)`` (the body,
    form or query, and the path's parameters): JSON (``status``), ``None`` (204), a ``Page``
    or a whole ``web.Response``; a domain rule raises ``Refused``."""

    def declare(handle: Handle) -> Handle:
        async def handler(request: web.Request) -> web.Response:
            params = {**await body_of(request), **request.match_info}
            answer = handle(state_of(request), params)
            if isinstance(answer, Page):
                return page_of(request, answer)
            if isinstance(answer, web.Response):
                return answer
            return web.Response(status=204) if answer is None else json_response(answer, status)

        routes.route(method, path)(handler)
        return handle

    return declare


def found_route(
    routes: web.RouteTableDef,
    method: str,
    path: str,
    find: Callable[[FakeState, dict[str, Any]], Record | None],
    *,
    missing: str,
    status: int = 200,
) -> Callable[[Act], Act]:
    """Declare ``METHOD path`` answered by the decorated ``act(state, record, params)`` on the
    record ``find(state, params)`` names (v1: ``id``, ``email``, ...; none: 404 ``missing``)."""

    def declare(act: Act) -> Act:
        @route(routes, method, path, status=status)
        def handle(state: FakeState, params: dict[str, Any]) -> Any:
            record = find(state, params)
            if record is None:
                raise Refused(404, missing, "not_found")
            return act(state, record, params)

        return act

    return declare


def record_route(
    routes: web.RouteTableDef,
    method: str,
    path: str,
    table: str,
    *,
    find: Find | None = None,
    missing: str | None = None,
    status: int = 200,
) -> Callable[[Act], Act]:
    """``found_route`` on the record of ``table`` the path's ``{id}`` names (``find`` also
    gets the ``find_by`` parameter; default: by numeric id)."""
    lookup, missing = find or _by_id(table), missing or f"{_noun(table)} not found"

    def named(state: FakeState, params: dict[str, Any]) -> Record | None:
        return lookup(state, params["id"], params.get("find_by"))

    return found_route(routes, method, path, named, missing=missing, status=status)


def collection(
    routes: web.RouteTableDef,
    base: str,
    table: str,
    *,
    render: Callable[[FakeState, Record], Record] | None = None,
    search: Iterable[str | Callable[[Record], Any]] = (),
    filters: Mapping[str, Filter] | None = None,
    matches: Callable[[FakeState, Record, dict[str, Any]], bool] | None = None,
    sort_key: Callable[[Record, str], Any] = _default_sort_key,
    sort_rendered: bool = False,
    envelope: bool = False,
    meta: Callable[[FakeState], dict[str, Any]] | None = None,
    find: Find | None = None,
    create: Callable[[FakeState, dict[str, Any]], Record] | None = None,
    created_status: int = 201,
    render_created: Callable[[FakeState, Record], Record] | None = None,
    retrieve: bool = True,
    updatable: Iterable[str] = (),
    update: Callable[[FakeState, Record, dict[str, Any]], None] | None = None,
    delete: Callable[[FakeState, Record], Any] | bool = False,
    newest_first: bool = False,
    missing: str | None = None,
) -> None:
    """Declare on ``table``: ``GET base`` (list), ``POST base`` (``create``), ``GET base/{id}``
    (``retrieve``), ``PUT base/{id}`` (``updatable`` fields or ``update``), ``DELETE base/{id}``
    (``delete``: ``True`` removes and answers 204, a function deletes and gives the answer).
    The list keeps records passing ``filtered`` (``search``, ``filters``) and ``matches``,
    sorted by ``sorting[...]`` with ``sort_key`` (as shown with ``sort_rendered``; unsorted:
    creation order or ``newest_first``), as a bare array or, with ``envelope``, ``{"data",
    "meta"}`` (``meta`` adds fields). ``render`` shows a record (``render_created`` a new one);
    ``find(state, key, find_by)`` looks one up (default: by numeric id; ``missing``: the 404)."""
    shown = render or (lambda state, record: record)
    fields = tuple(updatable)

    @route(routes, "GET", base)
    def list_records(state: FakeState, query: dict[str, Any]) -> Page:
        found = filtered(state.table(table), query, search=search, filters=filters)
        if matches is not None:
            found = [r for r in found if matches(state, r, query)]
        if newest_first:
            found.reverse()
        sort = functools.partial(sorted_by, sorting=query.get("sorting") or {}, key=sort_key)
        rows = [shown(state, r) for r in (found if sort_rendered else sort(found))]
        return Page(sort(rows) if sort_rendered else rows, envelope, meta(state) if meta else None)

    if create is not None:
        make, show_new = create, render_created or shown
        route(routes, "POST", base, status=created_status)(lambda st, p: show_new(st, make(st, p)))
    on_one = functools.partial(record_route, routes, find=find, missing=missing)
    one = base + "/{id}"
    if retrieve:
        on_one("GET", one, table)(lambda st, r, _: shown(st, r))
    if fields or update is not None:

        @on_one("PUT", one, table)
        def change(state: FakeState, record: Record, body: dict[str, Any]) -> Record:
            if update is not None:
                update(state, record, body)
            record.update({f: body[f] for f in fields if f in body})
            return shown(state, record)

    if delete:  # ``True``: the record goes, and the answer is a 204
        remove = (
            delete if callable(delete) else lambda st, r: st.table(table).delete(r["id"]) and None
        )
        on_one("DELETE", one, table)(lambda state, record, _: remove(state, record))


def batch_actions(
    routes: web.RouteTableDef,
    base: str,
    table: str,
    actions: Mapping[str, Apply | tuple[Apply, Prepare]],
    *,
    meta: Callable[[FakeState, list[int]], dict[str, Any]] | None = None,
) -> None:
    """Declare bulk actions on ``table``, one per ``"METHOD /path label"`` key (the path after
    ``base``, ``/``: ``base`` itself; ``label`` names the process, by default the table's
    noun and the path's last part, e.g. ``commission/approve``): ``ids`` in the body, ``apply``
    on each record as a batch process (a few ids at once: 200; more: 202, as
    ``FakeState.start_batch`` decides); a missing record fails its id ("<Noun> <id> not
    found"). With ``(apply, prepare)``, ``prepare(state, body)`` checks the other fields first
    (raise ``Refused``) and gives ``apply`` its third argument (default: the body); with ``meta``
    the answer is ``{"data": process, "meta": meta(state, ids)}``."""
    for key, action in actions.items():
        method, path, *named = key.split()
        apply, prepare = action if isinstance(action, tuple) else (action, None)
        label = named[0] if named else f"{_noun(table).lower()}/{path.rsplit('/', 1)[-1]}"
        route(routes, method, base + path.rstrip("/"))(_batch(table, label, apply, prepare, meta))


def _batch(
    table: str,
    label: str,
    apply: Apply,
    prepare: Prepare | None,
    meta: Callable[[FakeState, list[int]], dict[str, Any]] | None,
) -> Handle:
    noun = _noun(table)

    def handle(state: FakeState, body: dict[str, Any]) -> web.Response:
        context = prepare(state, body) if prepare is not None else body
        ids = ids_of(body)

        def apply_id(item_id: int) -> str | None:
            record = state.table(table).get(item_id)
            return (
                f"{noun} {item_id} not found" if record is None else apply(state, record, context)
            )

        extra = meta(state, ids) if meta is not None else None
        status, process = state.start_batch(label, ids, apply_id)
        return json_response(process if extra is None else {"data": process, "meta": extra}, status)

    return handle
