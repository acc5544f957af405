"""Fake ``/company/promoters``: promoters, their campaign memberships, and bulk actions."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._http import body_of, error, ids_of, json_response, page_of, query_of, state_of
from .._state import FakeState, Record, now_iso
from ..domain.promoters import ensure_campaign, join_campaign, new_promoter, render_promoter

__all__ = ["routes"]

routes = web.RouteTableDef()
BASE = "/api/v2/company/promoters"


def _find(state: FakeState, key: str, find_by: str | None) -> Record | None:
    promoters = state.table("promoters")
    if find_by is None:
        return promoters.get(int(key)) if key.isdigit() else None
    if find_by in ("email", "cust_id", "auth_token"):
        return promoters.find(**{find_by: key})
    if find_by == "ref_token":
        membership = state.table("promoter_campaigns").find(ref_token=key)
        return promoters.get(membership["promoter_id"]) if membership else None
    if find_by == "promo_code":
        code = state.table("promo_codes").find(code=key)
        return promoters.get(code["promoter_id"]) if code else None
    return None


def _matches(state: FakeState, promoter: Record, query: dict[str, Any]) -> bool:
    q = query.get("q")
    if q and q.lower() not in f"{promoter['email']} {promoter['name']}".lower():
        return False
    ids = query.get("ids")
    if ids and str(promoter["id"]) not in ids:
        return False
    filters = query.get("filters") or {}
    archived = filters.get("archived")
    if archived is not None and (archived in ("true", "yes")) != bool(promoter["archived_at"]):
        return False
    campaign_id = filters.get("campaign_id")
    wanted_state = filters.get("state")
    if campaign_id is not None or wanted_state is not None:
        memberships = [
            m for m in state.table("promoter_campaigns") if m["promoter_id"] == promoter["id"]
        ]
        if campaign_id is not None:
            memberships = [m for m in memberships if str(m["campaign_id"]) == str(campaign_id)]
        if wanted_state is not None:
            memberships = [m for m in memberships if m["state"] == wanted_state]
        if not memberships:
            return False
    return True


def _sort_key(field: str) -> Any:
    def key(promoter: Record) -> Any:
        return promoter.get(field) or promoter["stats"].get(field) or 0

    return key


@routes.get(BASE)
async def list_promoters(request: web.Request) -> web.Response:
    state = state_of(request)
    query = query_of(request)
    found = [p for p in state.table("promoters") if _matches(state, p, query)]
    for field, direction in (query.get("sorting") or {}).items():
        found.sort(key=_sort_key(field), reverse=direction == "desc")
    pending = sum(1 for m in state.table("promoter_campaigns") if m["state"] == "pending")
    rendered = [render_promoter(state, p) for p in found]
    return page_of(request, rendered, envelope=True, meta={"pending_count": pending})


@routes.post(BASE)
async def create_promoter(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    email = body.get("email")
    if not email or "@" not in str(email):
        return error(422, "Email is invalid", "invalid_email")
    if state.table("promoters").find(email=email) is not None:
        return error(422, "Email has already been taken", "taken")
    promoter = new_promoter(
        state,
        email=email,
        cust_id=body.get("cust_id"),
        profile=body.get("profile"),
        campaign_id=body.get("initial_campaign_id") or 1,
        campaign_state="accepted" if body.get("always_approve", True) else "pending",
    )
    return json_response(render_promoter(state, promoter), status=201)


@routes.get(BASE + "/{id}")
async def retrieve_promoter(request: web.Request) -> web.Response:
    state = state_of(request)
    promoter = _find(state, request.match_info["id"], request.query.get("find_by"))
    if promoter is None:
        return error(404, "Promoter not found", "not_found")
    return json_response(render_promoter(state, promoter))


@routes.put(BASE + "/{id}")
async def update_promoter(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    promoter = _find(state, request.match_info["id"], body.get("find_by"))
    if promoter is None:
        return error(404, "Promoter not found", "not_found")
    for field in ("email", "cust_id", "custom_fields"):
        if field in body:
            promoter[field] = body[field]
    if isinstance(body.get("profile"), dict):
        promoter["profile"].update(
            {k: v for k, v in body["profile"].items() if not k.startswith("_destroy")}
        )
        first, last = promoter["profile"].get("first_name"), promoter["profile"].get("last_name")
        promoter["name"] = f"{first or ''} {last or ''}".strip()
    return json_response(render_promoter(state, promoter))


@routes.get(BASE + "/{id}/chart_data")
async def promoter_chart_data(request: web.Request) -> web.Response:
    state = state_of(request)
    promoter = _find(state, request.match_info["id"], None)
    if promoter is None:
        return error(404, "Promoter not found", "not_found")
    query = request.query
    missing = [k for k in ("period_from", "period_to", "selection") if k not in query]
    if missing:
        return error(400, f"Missing parameters: {', '.join(missing)}", "bad_request")
    return json_response(
        {
            "period_from": query["period_from"],
            "period_to": query["period_to"],
            "selection": query["selection"],
            "selection_items": [{"label": query["period_from"], "value": 0}],
            "group_by": "day",
        }
    )


def _batch(
    request_body: dict[str, Any],
    state: FakeState,
    label: str,
    apply_one: Any,
) -> web.Response:
    ids = ids_of(request_body)
    if isinstance(ids, web.Response):
        return ids

    def apply(item_id: int) -> str | None:
        promoter = state.table("promoters").get(item_id)
        if promoter is None:
            return f"Promoter {item_id} not found"
        result: str | None = apply_one(promoter)
        return result

    status, process = state.start_batch(label, ids, apply)
    return json_response(process, status=status)


def _campaign_state_action(new_state: str) -> Any:
    async def handler(request: web.Request) -> web.Response:
        state = state_of(request)
        body = await body_of(request)
        if not body.get("campaign_id"):
            return error(422, "campaign_id is required", "invalid")
        campaign_id = int(body["campaign_id"])

        def apply_one(promoter: Record) -> str | None:
            membership = state.table("promoter_campaigns").find(
                promoter_id=promoter["id"], campaign_id=campaign_id
            )
            if membership is None:
                return f"Promoter {promoter['id']} is not in campaign {campaign_id}"
            membership["state"] = new_state
            return None

        return _batch(body, state, f"promoter/{new_state}", apply_one)

    return handler


routes.post(BASE + "/accept")(_campaign_state_action("accepted"))
routes.post(BASE + "/reject")(_campaign_state_action("rejected"))
routes.post(BASE + "/block")(_campaign_state_action("blocked"))


@routes.post(BASE + "/archive")
async def archive_promoters(request: web.Request) -> web.Response:
    state = state_of(request)

    def apply_one(promoter: Record) -> str | None:
        promoter["archived_at"] = now_iso()
        return None

    return _batch(await body_of(request), state, "promoter/archive", apply_one)


@routes.post(BASE + "/restore")
async def restore_promoters(request: web.Request) -> web.Response:
    state = state_of(request)

    def apply_one(promoter: Record) -> str | None:
        promoter["archived_at"] = None
        return None

    return _batch(await body_of(request), state, "promoter/restore", apply_one)


@routes.post(BASE + "/move_to_campaign")
async def move_promoters(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    if not body.get("from_campaign_id") or not body.get("to_campaign_id"):
        return error(422, "from_campaign_id and to_campaign_id are required", "invalid")
    source, target = int(body["from_campaign_id"]), int(body["to_campaign_id"])
    ensure_campaign(state, target)

    def apply_one(promoter: Record) -> str | None:
        membership = state.table("promoter_campaigns").find(
            promoter_id=promoter["id"], campaign_id=source
        )
        if membership is None:
            return f"Promoter {promoter['id']} is not in campaign {source}"
        campaign = ensure_campaign(state, target)
        membership["campaign_id"] = target
        membership["campaign"] = {k: campaign[k] for k in ("id", "name", "color")}
        return None

    return _batch(body, state, "promoter/move_to_campaign", apply_one)


@routes.post(BASE + "/add_to_campaign")
async def add_promoters_to_campaign(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    if not body.get("campaign_id"):
        return error(422, "campaign_id is required", "invalid")
    campaign_id = int(body["campaign_id"])

    def apply_one(promoter: Record) -> str | None:
        join_campaign(state, promoter, campaign_id, "accepted")
        return None

    return _batch(body, state, "promoter/add_to_campaign", apply_one)


@routes.post(BASE + "/assign_parent")
async def assign_parent(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    parent = state.table("promoters").get(int(body.get("parent_promoter_id") or 0))
    if parent is None:
        return error(422, "parent_promoter_id does not exist", "invalid")

    def apply_one(promoter: Record) -> str | None:
        if promoter["id"] == parent["id"]:
            return f"Promoter {promoter['id']} cannot be its own parent"
        promoter["parent_promoter"] = {k: parent[k] for k in ("id", "email", "name")}
        return None

    return _batch(body, state, "promoter/assign_parent", apply_one)
