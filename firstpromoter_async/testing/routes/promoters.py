"""Fake ``/company/promoters``: promoters, their campaign memberships, and bulk actions."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._builders import Apply, batch_action
from .._http import body_of, error, json_response, page_of, query_of, state_of
from .._state import FakeState, Record, Refused, now_iso
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


def _campaign(state: FakeState, body: dict[str, Any]) -> dict[str, Any]:
    if not body.get("campaign_id"):
        raise Refused(422, "campaign_id is required")
    return {"campaign_id": int(body["campaign_id"])}


def _set_campaign_state(new_state: str) -> Apply:
    def apply(state: FakeState, promoter: Record, body: dict[str, Any]) -> str | None:
        campaign_id = body["campaign_id"]
        membership = state.table("promoter_campaigns").find(
            promoter_id=promoter["id"], campaign_id=campaign_id
        )
        if membership is None:
            return f"Promoter {promoter['id']} is not in campaign {campaign_id}"
        membership["state"] = new_state
        return None

    return apply


def _set_archived(archived: bool) -> Apply:
    def apply(state: FakeState, promoter: Record, body: dict[str, Any]) -> str | None:
        promoter["archived_at"] = now_iso() if archived else None
        return None

    return apply


def _campaigns(state: FakeState, body: dict[str, Any]) -> dict[str, Any]:
    if not body.get("from_campaign_id") or not body.get("to_campaign_id"):
        raise Refused(422, "from_campaign_id and to_campaign_id are required")
    ensure_campaign(state, int(body["to_campaign_id"]))
    return {"source": int(body["from_campaign_id"]), "target": int(body["to_campaign_id"])}


def _move(state: FakeState, promoter: Record, body: dict[str, Any]) -> str | None:
    source, target = body["source"], body["target"]
    membership = state.table("promoter_campaigns").find(
        promoter_id=promoter["id"], campaign_id=source
    )
    if membership is None:
        return f"Promoter {promoter['id']} is not in campaign {source}"
    campaign = ensure_campaign(state, target)
    membership["campaign_id"] = target
    membership["campaign"] = {k: campaign[k] for k in ("id", "name", "color")}
    return None


def _join(state: FakeState, promoter: Record, body: dict[str, Any]) -> str | None:
    join_campaign(state, promoter, body["campaign_id"], "accepted")
    return None


def _parent(state: FakeState, body: dict[str, Any]) -> dict[str, Any]:
    parent = state.table("promoters").get(int(body.get("parent_promoter_id") or 0))
    if parent is None:
        raise Refused(422, "parent_promoter_id does not exist")
    return parent


def _assign_parent(state: FakeState, promoter: Record, parent: dict[str, Any]) -> str | None:
    if promoter["id"] == parent["id"]:
        return f"Promoter {promoter['id']} cannot be its own parent"
    promoter["parent_promoter"] = {k: parent[k] for k in ("id", "email", "name")}
    return None


def _action(path: str, apply: Apply, prepare: Any = None, label: str | None = None) -> None:
    label = f"promoter/{label or path}"
    batch_action(routes, "POST", f"{BASE}/{path}", "promoters", label, apply, prepare=prepare)


_action("accept", _set_campaign_state("accepted"), _campaign, "accepted")
_action("reject", _set_campaign_state("rejected"), _campaign, "rejected")
_action("block", _set_campaign_state("blocked"), _campaign, "blocked")
_action("archive", _set_archived(True))
_action("restore", _set_archived(False))
_action("move_to_campaign", _move, _campaigns)
_action("add_to_campaign", _join, _campaign)
_action("assign_parent", _assign_parent, _parent)
