"""Fake ``/company/assets``: assets (JSON or multipart with a file), categories, bulk actions."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._builders import Page, batch_actions, collection, in_date_range, route
from .._state import FakeState, Record, Refused
from ..domain.assets import change_asset, change_categories, new_asset, render_asset

routes = web.RouteTableDef()
BASE = "/api/v2/company/assets"

# before BASE/{id}
route(routes, "GET", BASE + "/categories")(lambda state, _: Page(change_categories(state, [])))
route(routes, "PUT", BASE + "/categories")(
    lambda state, body: change_categories(state, body.get("asset_categories"))
)


def _category_of(state: FakeState, body: dict[str, Any]) -> dict[str, Any]:
    if "category_id" not in body:
        raise Refused(422, "param is missing or the value is empty: category_id")
    return {"category_id": body["category_id"]}


def _campaigns_and_dates(state: FakeState, record: Record, query: dict[str, Any]) -> bool:
    filters = query.get("filters") or {}
    wanted, ids = filters.get("campaign_id", []), map(str, record["allowed_campaign_ids"])
    wanted = set(wanted if isinstance(wanted, list) else [wanted])
    in_campaign = not wanted or bool(wanted & set(ids))
    return in_campaign and in_date_range(record["created_at"], filters.get("created_at"))


def _delete(state: FakeState, asset: Record, body: dict[str, Any]) -> None:
    state.table("assets").delete(asset["id"])


batch_actions(
    routes,
    BASE,
    "assets",
    {"PUT /update_category": (change_asset, _category_of), "DELETE /destroy asset/delete": _delete},
)
collection(
    routes,
    BASE,
    "assets",
    render=render_asset,
    search=("name", "url"),
    filters={"asset_type": "asset_type", "category_id": lambda a: a["category_id"] or "not_set"},
    matches=_campaigns_and_dates,
    create=new_asset,
    created_status=200,
    update=change_asset,
)
