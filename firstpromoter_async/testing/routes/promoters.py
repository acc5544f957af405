"""Fake ``/company/promoters``: promoters, their campaign memberships, and bulk actions."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._builders import Apply, Prepare, batch_actions, collection, record_route
from .._state import FakeState, Record, Refused, now_iso
from ..domain.promoters import (
    ensure_campaign,
    join_campaign,
    membership_of,
    new_promoter,
    render_promoter,
)

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
    filters = query.get("filters") or {}
    archived = filters.get("archived")
    if archived is not None and (archived in ("true", "yes")) != bool(promoter["archived_at"]):
        return False
    campaign_id, wanted_state = filters.get("campaign_id"), filters.get("state")
    if campaign_id is None and wanted_state is None:
        return True
    return any(
        m["promoter_id"] == promoter["id"]
        and (campaign_id is None or str(m["campaign_id"]) == str(campaign_id))
        and (wanted_state is None or m["state"] == wanted_state)
        for m in state.table("promoter_campaigns")
    )


def _create(state: FakeState, body: dict[str, Any]) -> Record:
    email = body.get("email")
    if not email or "@" not in str(email):
        raise Refused(422, "Email is invalid", "invalid_email")
    if state.table("promoters").find(email=email) is not None:
        raise Refused(422, "Email has already been taken", "taken")
    return new_promoter(
        state,
        email=email,
        cust_id=body.get("cust_id"),
        profile=body.get("profile"),
        campaign_id=body.get("initial_campaign_id") or 1,
        campaign_state="accepted" if body.get("always_approve", True) else "pending",
    )


def _update(state: FakeState, promoter: Record, body: dict[str, Any]) -> None:
    if isinstance(body.get("profile"), dict):
        profile = promoter["profile"]
        profile.update({k: v for k, v in body["profile"].items() if not k.startswith("_destroy")})
        first, last = profile.get("first_name"), profile.get("last_name")
        promoter["name"] = f"{first or ''} {last or ''}".strip()


collection(
    routes,
    BASE,
    "promoters",
    render=render_promoter,
    search=("email", "name"),
    matches=_matches,
    sort_key=lambda p, field: p.get(field) or p["stats"].get(field) or 0,
    envelope=True,
    meta=lambda state: {
        "pending_count": sum(m["state"] == "pending" for m in state.table("promoter_campaigns"))
    },
    find=_find,
    create=_create,
    updatable=("email", "cust_id", "custom_fields"),
    update=_update,
)


@record_route(routes, "GET", BASE + "/{id}/chart_data", "promoters")  # by id only
def promoter_chart_data(state: FakeState, promoter: Record, query: dict[str, Any]) -> Record:
    names = ("period_from", "period_to", "selection")
    missing = [k for k in names if k not in query]
    if missing:
        raise Refused(400, f"Missing parameters: {', '.join(missing)}", "bad_request")
    items = [{"label": query["period_from"], "value": 0}]
    return {**{k: query[k] for k in names}, "selection_items": items, "group_by": "day"}


def _campaign(state: FakeState, body: dict[str, Any]) -> dict[str, Any]:
    if not body.get("campaign_id"):
        raise Refused(422, "campaign_id is required")
    return {"campaign_id": int(body["campaign_id"])}


def _set_campaign_state(new_state: str) -> Apply:
    def apply(state: FakeState, promoter: Record, body: dict[str, Any]) -> str | None:
        campaign_id = body["campaign_id"]
        membership = membership_of(state, promoter["id"], campaign_id)
        if membership is None:
            return f"Promoter {promoter['id']} is not in campaign {campaign_id}"
        membership["state"] = new_state
        return None

    return apply


def _set_archived(archived: bool) -> Apply:
    return lambda state, promoter, body: promoter.update(
        archived_at=now_iso() if archived else None
    )


def _campaigns(state: FakeState, body: dict[str, Any]) -> dict[str, Any]:
    if not body.get("from_campaign_id") or not body.get("to_campaign_id"):
        raise Refused(422, "from_campaign_id and to_campaign_id are required")
    ensure_campaign(state, int(body["to_campaign_id"]))
    return {"source": int(body["from_campaign_id"]), "target": int(body["to_campaign_id"])}


def _move(state: FakeState, promoter: Record, body: dict[str, Any]) -> str | None:
    source, target = body["source"], body["target"]
    membership = membership_of(state, promoter["id"], source)
    if membership is None:
        return f"Promoter {promoter['id']} is not in campaign {source}"
    campaign = ensure_campaign(state, target)
    membership["campaign_id"] = target
    membership["campaign"] = {k: campaign[k] for k in ("id", "name", "color")}
    return None


def _join(state: FakeState, promoter: Record, body: dict[str, Any]) -> None:
    join_campaign(state, promoter, body["campaign_id"], "accepted")


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


ACTIONS: dict[str, Apply | tuple[Apply, Prepare]] = {
    "POST /accept promoter/accepted": (_set_campaign_state("accepted"), _campaign),
    "POST /reject promoter/rejected": (_set_campaign_state("rejected"), _campaign),
    "POST /block promoter/blocked": (_set_campaign_state("blocked"), _campaign),
    "POST /archive": _set_archived(True),
    "POST /restore": _set_archived(False),
    "POST /move_to_campaign": (_move, _campaigns),
    "POST /add_to_campaign": (_join, _campaign),
    "POST /assign_parent": (_assign_parent, _parent),
}
batch_actions(routes, BASE, "promoters", ACTIONS)
